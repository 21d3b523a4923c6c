"""The general ConText engine on any target phrase, with the bundled rules."""

from __future__ import annotations

import pytest

from hoguide.errors import MalformedInputError
from hoguide.reading.reader import Reader


def verdict(reader: Reader, sentence: str, target: str) -> dict[str, object]:
    start = sentence.lower().index(target.lower())
    result = reader.context.assess(sentence, start, start + len(target))
    flags = [name for name in ("negated", "uncertain", "historical", "hypothetical") if getattr(result, name)]
    return {"flags": flags, "experiencer": result.experiencer}


@pytest.mark.parametrize(
    ("sentence", "target", "flags"),
    [
        ("No fracture, dislocation or heterotopic ossification.", "heterotopic ossification", ["negated"]),
        ("No fracture, dislocation or heterotopic ossification.", "dislocation", ["negated"]),
        ("There is no evidence of heterotopic ossification.", "heterotopic ossification", ["negated"]),
        ("Heterotopic ossification is not seen.", "heterotopic ossification", ["negated"]),
        ("The patient denies hip pain.", "hip pain", ["negated"]),
        ("No fracture but heterotopic ossification is present.", "heterotopic ossification", []),
        ("No increase in the heterotopic ossification.", "heterotopic ossification", []),
        ("No change in heterotopic ossification about the hip.", "heterotopic ossification", []),
        ("Findings may represent early heterotopic ossification.", "heterotopic ossification",
         ["uncertain"]),
        ("Early heterotopic ossification cannot be excluded.", "heterotopic ossification", ["uncertain"]),
        ("Hematoma versus early myositis ossificans.", "myositis ossificans", ["uncertain"]),
        ("Differential includes myositis ossificans.", "myositis ossificans", ["uncertain"]),
        ("Possible heterotopic ossification.", "heterotopic ossification", ["uncertain"]),
        ("History of heterotopic ossification.", "heterotopic ossification", ["historical"]),
        ("H/O DVT in 2019.", "DVT", ["historical"]),
        ("Status post excision of heterotopic ossification.", "heterotopic ossification", ["historical"]),
        ("At risk for heterotopic ossification.", "heterotopic ossification", ["hypothetical"]),
        ("Indomethacin was given to prevent heterotopic ossification.", "heterotopic ossification",
         ["hypothetical"]),
        ("Return if she develops fever.", "fever", ["hypothetical"]),
        ("She is a 45-year-old woman with heterotopic ossification.", "heterotopic ossification", []),
        ("Heterotopic ossification about the right hip.", "heterotopic ossification", []),
        ("NO EVIDENCE OF HETEROTOPIC OSSIFICATION.", "HETEROTOPIC OSSIFICATION", ["negated"]),
        # wordings other projects' ConText suites test, in our own sentences
        ("Negative for cellulitis, positive for an abscess.", "abscess", []),
        ("He was not prescribed any anticoagulant for the clot.", "anticoagulant", ["negated"]),
        ("The pulse is normal and the reflex is absent.", "pulse", []),
        ("The reflex is absent.", "reflex", ["negated"]),
        ("Pain free since the operation.", "Pain", ["negated"]),
        ("Culture negative.", "Culture", ["negated"]),
        ("Haematoma and/or early heterotopic ossification.", "Haematoma", ["uncertain"]),
        # a terminator and a trigger that share a word: "weeks if" ends a negation, "if" opens a condition
        ("See me in 4 weeks if the pain is not settling.", "pain", ["hypothetical"]),
        ("Repeat radiograph in 3 weeks if the duplex is negative for DVT.", "DVT", ["negated", "hypothetical"]),
        # a dated account of how it began is past through its "with" (round 22, 405)
        ("Presented week 6 (mid Oct) with warm swollen R thigh/hip, low-grade fever and falling hip range.", "fever",
         ["historical"]),
        ("The patient was reviewed with a low-grade fever today.", "fever", []),
    ],
)
def test_flags(reader: Reader, sentence: str, target: str, flags: list[str]) -> None:
    assert verdict(reader, sentence, target)["flags"] == flags


@pytest.mark.parametrize(
    ("sentence", "target"),
    [
        ("His father had fibrodysplasia ossificans progressiva.", "fibrodysplasia ossificans progressiva"),
        ("Family history of heterotopic ossification.", "heterotopic ossification"),
        ("Mother with ankylosing spondylitis.", "ankylosing spondylitis"),
    ],
)
def test_someone_else(reader: Reader, sentence: str, target: str) -> None:
    assert verdict(reader, sentence, target)["experiencer"] == "other"


def test_the_trigger_that_decided_is_reported(reader: Reader) -> None:
    sentence = "There is no evidence of heterotopic ossification."
    result = reader.context.assess(sentence, 24, 48)
    assert [(t.phrase, t.category) for t in result.triggers] == [("There is no", "negated")]
    assert sentence[result.triggers[0].start : result.triggers[0].end] == "There is no"


@pytest.mark.parametrize(("start", "end"), [(-1, 3), (3, 3), (0, 500), (5, 2)])
def test_spans_outside_the_text_are_refused(reader: Reader, start: int, end: int) -> None:
    with pytest.raises(MalformedInputError, match="not inside the text"):
        reader.context.assess("No fracture.", start, end)


@pytest.mark.parametrize(
    ("sentence", "target", "flags"),
    [
        # a window of days or a week or two up to today is the current illness
        ("She reports new hip swelling in the past week.", "hip swelling", []),
        ("Low-grade fever in the past 2 days.", "fever", []),
        ("In the past two weeks he has noticed elbow stiffness.", "elbow stiffness", []),
        ("Worsening knee pain in the past several days.", "knee pain", []),
        # "in the past" itself, and longer windows, are the past
        ("Elbow dislocation in the past.", "Elbow dislocation", ["historical"]),
        ("Two falls with a wrist fracture in the past three years.", "wrist fracture", ["historical"]),
        ("Hip fracture in the past 20 years.", "Hip fracture", ["historical"]),
    ],
)
def test_time_windows(reader: Reader, sentence: str, target: str, flags: list[str]) -> None:
    assert verdict(reader, sentence, target)["flags"] == flags


@pytest.mark.parametrize(
    ("sentence", "target"),
    [
        ("PMHx: hypertension, heterotopic ossification of the right elbow.", "heterotopic ossification"),
        ("Past hx significant for a pelvic fracture.", "pelvic fracture"),
        ("Surgical hx: left hip arthroplasty.", "hip arthroplasty"),
        ("Medical hx includes traumatic brain injury.", "traumatic brain injury"),
    ],
)
def test_history_shorthand(reader: Reader, sentence: str, target: str) -> None:
    assert verdict(reader, sentence, target)["flags"] == ["historical"]


def test_the_scope_is_the_sentence_that_holds_the_target(reader: Reader) -> None:
    text = "No fracture. Possible fracture."
    second = text.rindex("fracture")
    assert reader.context.assess(text, second, second + len("fracture")).negated is False
    assert reader.context.assess(text, second, second + len("fracture")).uncertain is True
    assert reader.context.assess(text, 3, 11).negated is True
