"""The C date finder and the pure-Python path find exactly the same numeric dates."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hoguide
from hoguide.config import pure_python_requested
from hoguide.reading import timerefs
from hoguide.reading.timerefs import TimeReference

# Without the C finder only test_the_c_date_finder_is_built has anything to say (it fails unless
# HOGUIDE_PURE_PYTHON asked for the pure-Python path).
NATIVE = timerefs.native_dates()
needs_native = pytest.mark.skipif(NATIVE is None, reason="the C date finder is not built")

EXAMPLES = Path(hoguide.__file__).parent / "examples"
REPORTS = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
LINES = [line for report in REPORTS for line in report.splitlines() if line.strip()]

# Every character the patterns look at: ASCII digits; other decimals (Arabic-Indic, a mathematical
# digit outside the Basic Multilingual Plane); digits that are no decimals (a superscript, a circled
# digit); the separators; letters and "_" (_stands_alone); white space; a lone surrogate.
_ALPHABET = "0123456789\u0660\u0663\u0669\U0001d7cf\u00b2\u2460-/._ aZé\n\ud800"
# Pieces that make dates likely: centuries, numbers of one and two digits, separators.
_PIECES = ["19", "20", "01", "1", "12", "31", "39", "2024", "1999", "-", "/", "-0", "/0", " ", "\u0662\u0660"]
_TEXT = st.lists(st.one_of(st.text(alphabet=_ALPHABET, min_size=1, max_size=4), st.sampled_from(_PIECES)),
                 max_size=40).map("".join)


def _python(text: str) -> list[TimeReference]:
    return timerefs._iso_dates(text) + timerefs._us_dates(text)


def _assert_same(text: str) -> None:
    assert NATIVE is not None
    native = NATIVE(text, TimeReference)
    assert native == _python(text)
    assert all(type(reference) is TimeReference for reference in native)


@needs_native
@settings(max_examples=3000, deadline=None)
@given(_TEXT)
def test_both_paths_agree_on_any_text(text: str) -> None:
    _assert_same(text)


@needs_native
@settings(max_examples=1000, deadline=None)
@given(st.integers(1899, 2101), st.integers(0, 19), st.integers(0, 39), st.booleans(), st.booleans(),
       st.sampled_from(["", " ", "x", "-", "/", ".", "_", "1", "\u00b2", "\n"]),
       st.sampled_from(["", " ", "x", "-", "/", ".", "_", "1", "\u00b2", ","]))
def test_both_paths_agree_on_every_numeric_date_form(year: int, month: int, day: int, padded: bool, short_year: bool,
                                                     before: str, after: str) -> None:
    m, d = (f"{month:02d}", f"{day:02d}") if padded else (str(month), str(day))
    y = str(year)[2:] if short_year else str(year)
    for form in (f"{year}-{m}-{d}", f"{m}/{d}/{y}", f"{m}/{d}/{year}"):
        _assert_same(before + form + after)
        _assert_same(f"seen {form}, then {before}{form}{after}")


@needs_native
@pytest.mark.parametrize("year", [1899, 1900, 1999, 2000, 2024, 2099, 2100, 2101])
def test_every_day_of_a_year_is_read_alike(year: int) -> None:
    for month in range(20):
        for day in range(40):
            for m, d in {(str(month), str(day)), (f"{month:02d}", f"{day:02d}")}:
                _assert_same(f"x {year}-{m}-{d} and {m}/{d}/{year} and {m}/{d}/{str(year)[2:]} y")


@needs_native
def test_both_paths_agree_on_the_example_reports() -> None:
    for report in REPORTS:
        for text in (report, report.upper(), report.replace("\n", "\r\n"), report.replace("\n", " ")):
            _assert_same(text)
    for line in LINES:
        _assert_same(line)


@needs_native
@pytest.mark.parametrize(
    "text",
    ["2024-01-2024-02-03", "1/2/3/24", "555-2026-01-01", "v2024-01-05", "25/12/2024 and 13/01/24", "3/5/19x",
     "3/5/201", "\u00b21/2/24", "\u0662\u0660\u0662\u0664-\u0661-\u0663", "12/\u0663/\u0662\u0664", "2024-1-1",
     "2024-13-40", "2024-02-29 2023-02-29 1900-02-29 2000-02-29 2/29/00", "", "-", "/", "1/", "2024-"],
)
def test_edge_cases_are_read_alike(text: str) -> None:
    _assert_same(text)
    _assert_same(text + "\U0001d400")  # the widest string kind
    _assert_same(text + "\u0100")


@needs_native
def test_the_reference_type_must_be_a_plain_tuple_subclass() -> None:
    native: Any = NATIVE  # typed for TimeReference only
    with pytest.raises(TypeError):
        native("2024-01-01", dict)
    assert native("2024-01-01", tuple) == [("date", 0, 10, "2024-01-01")]


def test_the_c_date_finder_is_built() -> None:
    """CI must exercise the fast path; a machine without a C compiler can opt out explicitly."""
    if pure_python_requested():
        pytest.skip("HOGUIDE_PURE_PYTHON is set: the pure-Python path was asked for")
    assert timerefs.native_dates() is not None, (
        "hoguide.reading._dates is not built: reinstall with a C compiler (pip install -e .), "
        "or set HOGUIDE_PURE_PYTHON=1 to test the pure-Python path only"
    )
