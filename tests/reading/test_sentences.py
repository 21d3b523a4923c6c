"""Sentence boundaries: the scope of every ConText trigger."""

from __future__ import annotations

import pytest

from hoguide.reading.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[s:e].strip() for s, e in split_sentences(text).spans() if text[s:e].strip()]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("No fracture. Heterotopic ossification is present.",
         ["No fracture.", "Heterotopic ossification is present."]),
        ("Seen by Dr. Smith. HO measures 1.5 cm.", ["Seen by Dr. Smith.", "HO measures 1.5 cm."]),
        ("NO FRACTURE. HO ABOUT THE HIP.", ["NO FRACTURE.", "HO ABOUT THE HIP."]),
        ("Findings:\n- no fracture\n- heterotopic ossification",
         ["Findings:", "- no fracture", "- heterotopic ossification"]),
        ("no fracture or\nheterotopic ossification", ["no fracture or\nheterotopic ossification"]),
        ("Hip pain\n\nHeterotopic bone", ["Hip pain", "Heterotopic bone"]),
        ("1. Stable HO.\n2. No fracture.", ["1. Stable HO.", "2. No fracture."]),
        ("DIAGNOSIS: 1) Esophagitis s/p biopsy 2) Hiatal hernia 3) Gastritis",
         ["DIAGNOSIS: 1) Esophagitis s/p biopsy", "2) Hiatal hernia", "3) Gastritis"]),
        ("Bridging bone (see figure 2) across the joint.", ["Bridging bone (see figure 2) across the joint."]),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_span_lookup_covers_every_offset() -> None:
    text = "One. Two. Three."
    index = split_sentences(text)
    for offset in range(len(text)):
        start, end = index.span(offset)
        assert start <= offset < end
