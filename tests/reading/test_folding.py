"""Folding keeps every offset: the fast ASCII path and the general path agree."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from hoguide.folding import fold

ASCII = st.text(alphabet=st.characters(max_codepoint=127), max_size=200)


@given(ASCII)
def test_ascii_fold_equals_the_general_fold(text: str) -> None:
    # "\u2013" forces the general path; it folds to "-" and is dropped again before comparing.
    assert fold(text) == fold(text + "\u2013")[:-1]


@given(st.text(max_size=200))
def test_fold_keeps_the_length(text: str) -> None:
    assert len(fold(text)) == len(text)


def test_fold_lowers_and_flattens_white_space_and_dashes() -> None:
    assert fold("HO\tat\r\nthe HIP\u2014Brooker\u00a0III") == "ho at  the hip-brooker iii"
