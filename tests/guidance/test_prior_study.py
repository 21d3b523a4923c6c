"""A report refers to an earlier study the same way whatever its case and characters."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from hoguide.guidance.view import NO_PRIOR, PRIOR_STUDY, refers_to_prior_study


def test_the_patterns_letters_are_lower_case() -> None:
    # The ASCII path searches the report in lower case with these patterns' source, without the flag.
    for pattern in (PRIOR_STUDY, NO_PRIOR):
        assert not re.search(r"(?<!\\)[A-Z]", pattern.pattern), pattern.pattern


_WORDS = st.sampled_from(["Comparison", "COMPARISON:", "none", "NIL", "n/a", "prior", "Previous", "previously",
                          "since", "interval", "earlier", "last", "x-ray", "scan", "follow-up", "film", "no",
                          "not", "available", "imaging", "studies", "HO", "the", "hip", "compared", "K", "ſ", "İ"])
_REPORTS = st.lists(st.tuples(_WORDS, st.sampled_from([" ", "  ", "\n", ": ", ". ", "-"])), max_size=12).map(
    lambda pieces: "".join(w + s for w, s in pieces))


@settings(max_examples=500, deadline=None)
@given(report=_REPORTS)
def test_the_ascii_path_answers_as_the_patterns_do(report: str) -> None:
    expected = PRIOR_STUDY.search(report) is not None and NO_PRIOR.search(report) is None
    assert refers_to_prior_study(report) == expected


def test_a_report_with_no_comparison_refers_to_none() -> None:
    assert refers_to_prior_study("Increased since the prior study.")
    assert not refers_to_prior_study("COMPARISON: None. HO has increased.")
    assert not refers_to_prior_study("HO about the hip.")
