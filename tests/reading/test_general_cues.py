"""The quick searches that rule the slow general-statement patterns out of a sentence never rule out a cue."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import hoguide
from hoguide import api
from hoguide.examples import example_bytes, example_names
from hoguide.models.reading import Trigger
from hoguide.reading.general import (
    _DATE,
    _STUDY_FIGURES,
    _TOPIC_QUESTION,
    CATEGORY,
    GeneralCue,
    GeneralStatements,
    names_what_came_before,
)
from hoguide.reading.sentences import split_sentences

CUES = GeneralStatements.of(hoguide.load_knowledge().general_statements)


def _every_pattern(text: str, start: int, end: int) -> GeneralCue | None:
    """``GeneralStatements.cue`` as it reads without the quick searches: every pattern searched."""
    if _TOPIC_QUESTION.match(text[start:end]):
        return GeneralCue(Trigger("?", CATEGORY, end - 1, end), True)
    for population in (CUES.population, CUES.cohort, CUES.people, CUES.assessors, _STUDY_FIGURES):
        match = population.search(text, start, end) if population is not None else None
        if match and names_what_came_before(text, start, match):
            continue  # "This is called HO": a name for what the sentence before described
        if match:
            return GeneralCue(Trigger(match.group(0), CATEGORY, match.start(), match.end()), True)
    if (CUES.specific is not None and CUES.specific.search(text, start, end)) or _DATE.search(text, start, end):
        return None
    generic = CUES.generic.search(text, start, end) if CUES.generic is not None else None
    return GeneralCue(Trigger(generic.group(0), CATEGORY, generic.start(), generic.end()), False) if generic else None


# The shapes of study figures and cohort counts, in any case, among look-alikes and other words.
_NUMBER = st.sampled_from(["5", "12", "0.04", "60.9", "six", "Twelve", "one", "Twenty-two", "ſeven", "nıne", "\u0663"])
_NOUN = st.sampled_from(["patients", "Cases", "limbs", "residual limbs", "hips", "fractures", "screws", "views",
                         "observers", "independent surgeons", "elbows"])
_VERB = st.sampled_from(["had", "HAD", "developed", "underwent", "required", "showed"])
_GRADE = st.sampled_from(["class", "Grade", "brooker", "type"])
_SPACE = st.sampled_from([" ", "", "  ", "\n"])
_SHAPES = st.one_of(
    st.tuples(_NUMBER, _SPACE, st.sampled_from(["/", "%", "("]), _SPACE, _NUMBER, _SPACE, _NOUN, _SPACE, _VERB),
    st.tuples(_NUMBER, _SPACE, _VERB, _SPACE, _GRADE, st.sampled_from([" I", " II", "", "s"])),
    st.tuples(_NUMBER, st.sampled_from([" of the ", " out of ", " of ", " in "]), _NUMBER, _SPACE, _NOUN),
    st.tuples(st.sampled_from(["in ", "In ", "all ", "All ", "among ", "Of the ", "graded by "]), _NUMBER, _SPACE,
              _NOUN, st.sampled_from([", ", " ", ""]), _VERB),
    st.tuples(st.sampled_from(["in ", "", "; "]),
              st.sampled_from(["half", "two thirds", "a quarter", "most", "the majority"]),
              st.sampled_from([" of the ", " of ", " "]), _NOUN),
    st.tuples(st.sampled_from(["seen on ", "", "in "]), _NUMBER, _SPACE,
              st.sampled_from(["May", "sept", "JUNE", "Dec"]), _SPACE, st.sampled_from(["2024", "5th", "", "3"])),
    st.tuples(st.sampled_from(["(", "[", ", ", ";", "", "p"]), _SPACE, st.sampled_from(["n", "N", "p", "P"]), _SPACE,
              st.sampled_from(["=", "<", ">", "≤", "-"]), _SPACE, _NUMBER, st.sampled_from(["%", ")", ""])),
).map("".join)
_WORDS = st.sampled_from(["HO", "the right hip", "seen", "usually", "can", "ſ", "İ", "-", ".", ",", "all", "of"])
_SENTENCES = st.lists(st.one_of(_SHAPES, _WORDS), min_size=1, max_size=6).map(" ".join)
_PIECES = st.one_of(_WORDS, _NUMBER, st.just(""))


@settings(max_examples=1500, deadline=None)
@given(sentence=_SENTENCES, before=_PIECES, after=_PIECES)
def test_the_cue_is_the_one_every_pattern_gives(sentence: str, before: str, after: str) -> None:
    text = f"{before}{sentence}{after}"  # the sentence touches its neighbours, as at a cut without a space
    start, end = len(before), len(before) + len(sentence)
    assert CUES.cue(text, start, end) == _every_pattern(text, start, end)


def test_the_cue_is_the_one_every_pattern_gives_on_every_sentence_of_ours() -> None:
    """The examples', the fictional cases' and the HO corpus's sentences, one by one."""
    root = Path(__file__).parents[1] / "data"
    texts = [p.read_text(encoding="utf-8") for p in sorted((root / "fictional_cases").glob("*/*.txt"))]
    texts += [example_bytes(name).decode("utf-8") for name in example_names()]
    for path in sorted((root / "ho_corpus").glob("*.jsonl")):
        texts += [json.loads(line).get("text") or "" for line in path.read_text(encoding="utf-8").splitlines() if line]
    checked = 0
    for text in texts:
        for start, end in split_sentences(text, []).spans():
            assert CUES.cue(text, start, end) == _every_pattern(text, start, end), text[start:end]
            checked += 1
    assert checked > 5_000


def test_study_figures_and_cohort_counts_are_found() -> None:
    for sentence in ("HO developed in 15 of the 33 residual limbs.", "Five patients (33.3%) had HO.",
                     "19/20 elbow dislocations developed HO.", "All six fractures developed HO (p = 0.04).",
                     "In two patients the HO recurred.", "5 had class I."):
        found = CUES.cue(sentence, 0, len(sentence))
        assert found is not None and found.population, sentence


def test_a_generic_predicate_s_trigger_gives_back_its_words() -> None:
    """A trigger's offsets give back its phrase exactly (the property test found " may" at the offsets of "may")."""
    text = "heterotopic ossification may represent 1.5 cm"
    for finding in api.read(text).findings:
        for trigger in finding.triggers:
            assert text[trigger.start:trigger.end] == trigger.phrase


def test_nothing_of_a_report_stays_in_the_kind_frames_memo_once_it_is_read() -> None:
    """The kind frames memoise their searches per sentence (kinds.first); a server must keep no report text."""
    from hoguide.reading import kinds
    from hoguide.reading.reader import reader_for

    text = "The prognosis of HO is good. HO matures over 12 to 18 months."
    reader = reader_for(hoguide.load_knowledge())
    reader._read(text, None, ())  # the reading without its last step
    assert kinds.first.cache_info().currsize > 0
    reader.read(text)
    api.explain(text)
    assert kinds.first.cache_info().currsize == 0
