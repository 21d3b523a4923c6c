"""The C sentence splitter and the pure-Python path find exactly the same sentences."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hoguide
from hoguide.config import pure_python_requested
from hoguide.reading import sentences as sentences_module
from hoguide.reading.sentences import NativeSplitter, SentenceIndex

# Without the C splitter only test_the_c_splitter_is_built has anything to say (it fails unless
# HOGUIDE_PURE_PYTHON asked for the pure-Python path).
NATIVE = sentences_module.native_splitter()
needs_native = pytest.mark.skipif(NATIVE is None, reason="the C sentence splitter is not built")

EXAMPLES = Path(hoguide.__file__).parent / "examples"
REPORTS = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
LINES = [line for report in REPORTS for line in report.splitlines() if line.strip()]

# Every character some rule looks at: stops, closing quotes and brackets, list bullets, digits
# (ASCII, other decimals, superscripts and a circled digit that are digits but no decimals), letters
# (ASCII, and the ones re's (?i:...) matches with "i" and "s"), "_" (a word character), line ends,
# white space that only Unicode calls white space, and a digit and a letter outside the Basic
# Multilingual Plane and a lone surrogate (the widest string kind).
_ALPHABET = (
    ".!?;:)(]\"'-*•,_ \t\n\r\n\x0b\x0c\x1c\x85\u00a0\u2003\u2028\u3000"
    "0123456789\u0661\u00b2\u2460\U0001d7cf\U0001d400\ud800AZDrnoexsgiqdINOtSTPabſİıK"
)
# Abbreviations and initials between what may come before and after them: whether a "." ends a
# sentence depends on both sides.
_ABBREVIATIONS = ["Dr", "e.g", "No", "q.i.d", "ſt", "İnc", "ınc", "P.M", "vs", "A", "x", "1", "12", "\u00b2", "ſ", "İ"]
_BEFORE = ["", " ", "_", "x", "1", "\n", "\n ", "(", "é", "\u0661"]
_AFTER = [".", ". A", ".' Y", ".]\nZ", ".  b", ".\nC", "..\n1", '." X', ".)\r\n(", "! -", "? •", ".\t \n\t[", ". _"]
_ABBREVIATED = st.tuples(*(st.sampled_from(choices) for choices in (_BEFORE, _ABBREVIATIONS, _AFTER))).map("".join)
# List items, inline enumerations and semicolons, with a digit that is no decimal now and then.
_ITEMS = [
    "\n- ", "\n* ", "\n • ", "\n1. ", "\n 12) ", "\n123. ", "\n\u0661. ", "\n\u00b2. ", "\n\u2460. ",
    "\n\U0001d7cf\U0001d7d0) ",
    " 1) a", ", 2) b", "x 3) C", ".  10) d", "é 2) e", "ſ\t3) f", "x 2)g", "\u00b21) x", "\u06612) y",
    "; ", ";\n- ", ";\n  - ", ";\r\n\t1. ", ";  \n  * ", ";\u2028",
    # semicolons inside and beside parentheses (a short parenthesis's semicolon splits nothing)
    " (a; b) ", "(x;\n- ", "; y)", " (" + "z" * 79 + ";", "; " + "w" * 79 + ")",
]
_TOKENS = st.one_of(
    st.text(alphabet=_ALPHABET, min_size=1, max_size=3), _ABBREVIATED, st.sampled_from(_ITEMS),
    st.sampled_from([" ", "  ", "\n", "\r\n", "\n\n", "\n \r\n", "\n\u2028\n"]),
)
_TEXT = st.lists(_TOKENS, max_size=60).map("".join)
_JOINTS = [" ", "  ", "\n", "\r\n", "\t", ". ", "; ", "\n\n", "\n- ", "\n2. ", " 2) ", "\u2028", "_"]


def _python_spans(text: str, extra: list[int]) -> list[tuple[int, int]]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sentences_module, "native_splitter", lambda: None)
        return SentenceIndex(text, extra).spans()


def _assert_same(text: str, extra: list[int] = []) -> None:  # noqa: B006 (never changed)
    assert NATIVE is not None
    assert NATIVE.blocks(text) == sentences_module._blocks(text)
    native = SentenceIndex(text, extra)
    assert native._split_one is NATIVE.split_block
    assert native.spans() == _python_spans(text, extra)
    # Every block on its own too, with extra breaks anywhere (those outside it are not passed).
    blocks = [*sentences_module._blocks(text), len(text)]
    for start, end in pairwise(blocks):
        inside = sorted(b for b in extra if start <= b < end)
        assert NATIVE.split_block(text, start, end, inside) == sentences_module._split_block(text, start, end, inside)


@needs_native
def test_both_know_the_same_abbreviations() -> None:
    from hoguide.reading import _sentences

    assert _sentences.abbreviations() == sentences_module._ABBREVIATIONS


@needs_native
@settings(max_examples=1500, deadline=None)
@given(_TEXT, st.lists(st.integers(0, 200), max_size=4))
def test_both_paths_agree_on_any_text(text: str, extra: list[int]) -> None:
    _assert_same(text, extra)


@needs_native
@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(LINES), st.integers(0, 120), st.sampled_from(_JOINTS)),
                min_size=1, max_size=8))
def test_both_paths_agree_on_spliced_report_lines(pieces: list[tuple[str, int, str]]) -> None:
    _assert_same("".join(line[:cut] + joint for line, cut, joint in pieces))


@needs_native
@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from([*LINES, *_ABBREVIATIONS, "x" * 300, "y " * 150]), min_size=10, max_size=40),
       st.sampled_from([" ", ", ", "\t", "   "]))
def test_both_paths_agree_on_long_run_on_text(pieces: list[str], joint: str) -> None:
    text = joint.join(pieces)  # no line ends: sentences of more than 1000 characters get capped
    _assert_same(text)
    _assert_same(text.replace(". ", ", "))


@needs_native
@pytest.mark.parametrize("space", [0, 1, 499, 500, 501, 998, 999, 1000, 1001])
def test_a_run_on_sentence_is_cut_where_the_python_path_cuts_it(space: int) -> None:
    run_on = "a" * space + " " + "b" * 2600
    _assert_same(run_on)
    _assert_same("Start. " + run_on)
    _assert_same(run_on + " " + run_on)


@needs_native
def test_both_paths_agree_on_the_example_reports() -> None:
    for report in REPORTS:
        for text in (report, report.upper(), report.replace("\n", "\r\n"), report.replace("\n", " ")):
            _assert_same(text, [len(text) // 3, len(text) // 2])


@needs_native
def test_a_block_is_split_like_the_python_path() -> None:
    text = "Dr. Smith saw it. Next one!  And 1. item\n2. two; three\n\nNew block 1) a 2) b"
    assert NATIVE is not None
    assert NATIVE.blocks(text) == [0, 56]
    assert NATIVE.split_block(text, 0, 56, []) == [0, 18, 29, 41, 49]
    assert NATIVE.split_block(text, 56, len(text), [60]) == [56, 60, 71]


def test_the_c_splitter_is_built() -> None:
    """CI must exercise the fast path; a machine without a C compiler can opt out explicitly."""
    if pure_python_requested():
        pytest.skip("HOGUIDE_PURE_PYTHON is set: the pure-Python path was asked for")
    assert isinstance(sentences_module.native_splitter(), NativeSplitter), (
        "hoguide.reading._sentences is not built: reinstall with a C compiler (pip install -e .), "
        "or set HOGUIDE_PURE_PYTHON=1 to test the pure-Python path only"
    )
