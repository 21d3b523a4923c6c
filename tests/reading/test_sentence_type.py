"""The sentence-type cue: its weights match its features, anchors keep a case's sentence out of its reach, and
what it reports is the text's own words."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hoguide.examples import example_bytes, example_names
from hoguide.knowledge.loader import load_knowledge
from hoguide.reading.phrases import any_phrase
from hoguide.reading.reader import reader_for, site_terms
from hoguide.reading.sentence_type import (
    DATA,
    DIGIT_FIRST,
    SentenceTypeModel,
    load_classes,
    load_weights,
    shape_scan,
)

STATUSES = {"present", "possible", "absent", "historical"}


def _model(thresholds: dict[str, float]) -> SentenceTypeModel:
    weights = load_weights()
    assert weights is not None
    return SentenceTypeModel.of(load_classes(site_terms(load_knowledge())), {**weights, "thresholds": thresholds})


def test_the_stored_weights_are_the_features_of_the_model_and_hold_no_text() -> None:
    stored = json.loads((DATA / "sentence_type_weights.json").read_text(encoding="utf-8"))
    model = reader_for(load_knowledge()).sentence_type
    assert set(stored["weights"]) == set(model.names)  # retrain after changing a word class or a shape
    assert all(isinstance(v, float) for v in stored["weights"].values())
    assert set(stored["thresholds"]) <= STATUSES
    assert all(0.5 <= t < 1.0 for t in stored["thresholds"].values())


@pytest.mark.parametrize("text", [
    "We report a case of myositis ossificans in a young footballer, a rare complication in athletes.",
    "The patient is among the many survivors of brain injury in whom HO usually limits the hip.",
    "HO about the left hip may limit hip flexion in patients with spinal cord injury.",
    "The firm mass is typical of myositis ossificans, which usually follows a blow.",
    "HO is larger than on the prior study, as is common in the first months.",
])
def test_a_sentence_tied_to_one_case_is_never_made_general(text: str) -> None:
    model = _model({"present": 0.0})  # every unanchored sentence would be made general
    reading = reader_for(load_knowledge()).read(text)
    finding = reading.findings[0]
    scan = model.sentence(text, finding.sentence_start, finding.sentence_end)
    assert model.general("present", text, scan, finding.start, finding.end) is None


def test_the_trigger_is_the_words_that_weighed_most() -> None:
    text = "Functional outcome after HO resection usually depends on the timing of surgery in most patients."
    model = _model({"present": 0.0})
    start = text.index("HO")
    trigger = model.general("present", text, model.sentence(text, 0, len(text)), start, start + 2)
    assert trigger is not None
    assert trigger.category == "hypothetical"
    assert text[trigger.start : trigger.end] == trigger.phrase
    assert trigger.phrase.lower() in {"patients", "usually", "most", "depends", "timing"}


def test_a_status_without_a_threshold_is_left_alone() -> None:
    text = "HO usually develops in patients with spinal cord injury."
    model = _model({})
    assert model.general("present", text, model.sentence(text, 0, len(text)), 0, 2) is None


def test_the_score_is_a_probability_and_the_same_each_time() -> None:
    text = "Heterotopic ossification is a common complication in patients after hip replacement (n = 120, 24 %)."
    model = _model({})
    scores = {model.score(text, 0, len(text), 0, 24) for _ in range(3)}
    assert len(scores) == 1
    assert 0.5 < scores.pop() <= 1.0


def _found(scan: re.Pattern[str], text: str) -> list[tuple[str, tuple[int, int]]]:
    return [(str(m.lastgroup).removesuffix(DIGIT_FIRST), m.span()) for m in scan.finditer(text)]


_SPLIT = shape_scan(None)
_PLAIN = shape_scan(None, split=False)
# The shapes whole and in pieces, digits of other scripts and letters that match others without case, run
# together or apart.
_PIECE = st.sampled_from(["95% CI", "95 % ci", "12 of 40", "3 out of the 7", "3/4", "12/05/2024", "2024-01-05",
                          "5th May", "May 2024", "Sept 3", "(Smith et al 2019)", "[3, 4]", "the firm mass",
                          "2.5 cm", "3 x 4", "p = 0.04", "n=45", "OR: 2", "HR = 1", "12", "95", "2024", "3.5",
                          "\u0663", "%", "/", ".", "-", "x", "cm", "CI", "OR", "n", "p", "=", "<", "≤", ":", "(",
                          ")", "[", "]", "et", "al", "this", "lesions", "st", "of", "ſ", "K", " "])


@settings(max_examples=2000, deadline=None)
@given(st.lists(_PIECE, max_size=12).map(" ".join), st.lists(_PIECE, max_size=12).map("".join))
def test_the_split_shape_scan_finds_what_the_plain_one_does(spaced: str, joined: str) -> None:
    for text in (spaced, joined):
        assert _found(_SPLIT, text) == _found(_PLAIN, text)


def test_the_split_shape_scan_finds_what_the_plain_one_does_in_our_reports() -> None:
    words = any_phrase(list(reader_for(load_knowledge()).sentence_type.classes_of))
    assert words is not None
    split, plain = shape_scan(words.pattern), shape_scan(words.pattern, split=False)
    root = Path(__file__).parents[1] / "data"
    texts = [p.read_text(encoding="utf-8") for p in sorted((root / "fictional_cases").glob("*/*.txt"))]
    texts += [example_bytes(name).decode("utf-8") for name in example_names()]
    for path in sorted((root / "ho_corpus").glob("*.jsonl")):
        texts += [json.loads(line).get("text") or "" for line in path.read_text(encoding="utf-8").splitlines() if line]
    assert sum(len(_found(split, text)) for text in texts) > 10_000
    for text in texts:
        assert _found(split, text) == _found(plain, text)
