"""The C automaton and the pure-Python path find exactly the same hits."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hoguide
from hoguide.config import pure_python_requested
from hoguide.reading import matcher as matcher_module
from hoguide.reading.matcher import Hit, PhraseMatcher
from hoguide.reading.reader import GROUPS, Reader

# Without the C automaton only test_the_c_automaton_is_built has anything to say (it fails unless
# HOGUIDE_PURE_PYTHON asked for the pure-Python path).
needs_native = pytest.mark.skipif(matcher_module.native_automaton() is None, reason="the C automaton is not built")

EXAMPLES = Path(hoguide.__file__).parent / "examples"
REPORTS = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
LINES = [line for report in REPORTS for line in report.splitlines() if line.strip()]

# A tiny alphabet makes phrases overlap, nest and share prefixes as often as possible; the text
# adds upper case, white-space runs of every kind, punctuation, a character whose lower case is
# longer than itself, a letter outside the Basic Multilingual Plane and a lone surrogate.
_WORDS = st.text(alphabet="abé/-'", min_size=1, max_size=4)
_PHRASES = st.lists(_WORDS, min_size=1, max_size=3).map(" ".join)
_ENTRIES = st.lists(
    st.tuples(_PHRASES, st.sampled_from(["target", "context", "site"]), st.integers(0, 3), st.booleans()),
    min_size=1,
    max_size=25,
)
_TEXT = st.text(alphabet="abAB éÉ/-'.\n\t\r\u00a0İ2\U0001d400\ud800", max_size=200)
_JOINTS = [" ", "  ", "\n", "\r\n", "\t", " \u00a0 ", "\n\n", "-", "/", "İ", "É"]


@pytest.fixture(scope="module")
def reader_lexicons() -> tuple[PhraseMatcher[object], PhraseMatcher[object]]:
    """The reader's whole lexicon (terms, grades, ConText triggers, headers), in C and in Python."""
    kb = hoguide.load_knowledge()
    native = Reader(kb).lexicon
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(matcher_module, "native_automaton", lambda: None)  # as on a machine without a C compiler
        python = Reader(kb).lexicon
    return native, python


def _assert_same_index(native: PhraseMatcher[object], python: PhraseMatcher[object], text: str,
                       n_groups: int) -> None:
    """Both paths' indexes give the same hits by group, and by range at every pair of a few offsets."""
    a, b = native.index(text), python.index(text)
    assert a.all() == b.all() and len(a) == len(b)
    cuts = sorted({0, len(text), len(text) // 3, len(text) // 2, *(h.start for h in b.all()[:3])})
    for g in range(n_groups):
        assert a.group(g) == b.group(g)
        for start in cuts:
            for end in cuts:
                assert a.group_between(g, start, end) == b.group_between(g, start, end)
                assert a.between(start, end) == b.between(start, end)


@needs_native
@settings(max_examples=400, deadline=None)
@given(entries=_ENTRIES, texts=st.lists(_TEXT, min_size=1, max_size=5))
def test_both_paths_agree_on_any_lexicon_and_text(entries: list[tuple[str, str, int, bool]],
                                                   texts: list[str]) -> None:
    entries = [e for e in entries if e[0].split()]
    groups = ({"site"}, {"target", "context"})
    native = PhraseMatcher(entries, native=True, groups=groups)
    python = PhraseMatcher(entries, native=False, groups=groups)
    for text in texts:
        assert native.find(text) == python.find(text)
        _assert_same_index(native, python, text, len(groups))


@needs_native
def test_both_paths_agree_on_the_example_reports(
        reader_lexicons: tuple[PhraseMatcher[object], PhraseMatcher[object]]) -> None:
    native, python = reader_lexicons
    assert native.is_native and not python.is_native
    for report in REPORTS:
        for text in (report, report.upper(), report.replace(" ", "  \n ")):
            assert native.find(text) == python.find(text)


@needs_native
@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(LINES), st.integers(0, 120), st.sampled_from(_JOINTS)),
                min_size=1, max_size=6),
       st.booleans())
def test_both_paths_agree_on_spliced_report_lines(
        reader_lexicons: tuple[PhraseMatcher[object], PhraseMatcher[object]],
        pieces: list[tuple[str, int, str]], upper: bool) -> None:
    text = "".join(line[:cut] + joint for line, cut, joint in pieces)
    native, python = reader_lexicons
    text = text.upper() if upper else text
    assert native.find(text) == python.find(text)


@needs_native
@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(LINES), st.integers(0, 120),
                          st.text(alphabet=[chr(c) for c in range(1, 128)], max_size=4)), min_size=1, max_size=6))
def test_both_paths_agree_on_ascii_text_the_c_automaton_folds_itself(
        reader_lexicons: tuple[PhraseMatcher[object], PhraseMatcher[object]],
        pieces: list[tuple[str, int, str]]) -> None:
    """ASCII text (most reports) is folded by the C automaton as it reads; every ASCII character,
    control characters included, must fold as hoguide.folding.fold does."""
    text = "".join(line[:cut] + joint for line, cut, joint in pieces).encode("ascii", "replace").decode()
    native, python = reader_lexicons
    for variant in (text, text.upper()):
        _assert_same_index(native, python, variant, len(GROUPS))


@needs_native
def test_every_ascii_character_folds_alike_between_words_and_in_them(
        reader_lexicons: tuple[PhraseMatcher[object], PhraseMatcher[object]]) -> None:
    native, python = reader_lexicons
    for code in range(1, 128):
        c = chr(code)
        text = f"heterotopic{c}ossification{c}{c}of the{c}{c}right hip{c}{c}HO{c}no HO{c}"
        assert native.find(text) == python.find(text), repr(c)


@needs_native
def test_hits_are_named_tuples() -> None:
    hits = PhraseMatcher([("hip", "site", "hip", False)], native=True).find("Right HIP.")
    assert hits == [Hit(6, 9, "site", "hip")]
    assert isinstance(hits[0], Hit)
    assert (hits[0].start, hits[0].end, hits[0].layer, hits[0].payload) == (6, 9, "site", "hip")


@needs_native
def test_only_hits_that_may_be_in_a_reference_cycle_are_tracked_by_the_collector() -> None:
    """A hit of ints, a str and a plain payload cannot be in a cycle, so the collector skips it
    (the reader makes some 20,000 hits per MB); a hit whose payload may hold references is kept."""
    class Rule:  # a payload that could refer back to its hits
        pass

    rule = Rule()
    entries = [("hip", "site", ("site", "hip"), False), ("no", "context", rule, False)]
    hits = PhraseMatcher(entries, native=True).find("no hip")
    assert gc.is_tracked(rule) and not gc.is_tracked(hits[1].payload)
    assert [gc.is_tracked(hit) for hit in hits] == [True, False]


def test_the_c_automaton_is_built() -> None:
    """CI must exercise the fast path; a machine without a C compiler can opt out explicitly."""
    if pure_python_requested():
        pytest.skip("HOGUIDE_PURE_PYTHON is set: the pure-Python path was asked for")
    assert matcher_module.native_automaton() is not None, (
        "hoguide.reading._automaton is not built: reinstall with a C compiler (pip install -e .), "
        "or set HOGUIDE_PURE_PYTHON=1 to test the pure-Python path only"
    )


def test_asking_for_the_c_automaton_without_it_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(matcher_module, "native_automaton", lambda: None)
    with pytest.raises(RuntimeError, match="C automaton is not built"):
        PhraseMatcher([("hip", "site", "hip", False)], native=True)
    assert not PhraseMatcher([("hip", "site", "hip", False)]).is_native
