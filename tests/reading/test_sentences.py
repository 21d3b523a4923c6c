"""Sentence boundaries: the scope of every ConText trigger."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hoguide.reading.sentences import MAX_SENTENCE_CHARS, bare_list_items, layout_breaks, split_sentences


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
        # line breaks flattened into runs of spaces still start the next item
        ("DIAGNOSIS: 1) Fracture s/p fixation   2) Heterotopic bone,  3) Effusion",
         ["DIAGNOSIS: 1) Fracture s/p fixation", "2) Heterotopic bone,", "3) Effusion"]),
        ("Bony bar (see image  2) at the elbow.", ["Bony bar (see image  2) at the elbow."]),
        # a semicolon inside a short parenthesis joins its parts, not two findings (round 21, 397)
        ("Watch for (staff aware; note after discharge): new swelling.",
         ["Watch for (staff aware; note after discharge): new swelling."]),
        ("HO at the right hip (Brooker II); none at the left.",
         ["HO at the right hip (Brooker II);", "none at the left."]),
        ("Open (no close; HO at the hip.", ["Open (no close;", "HO at the hip."]),
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


SENTENCE_PIECES = ["Hip.", "HO", " ", "\n", "\n\n", "\r\n", ";", "1) ", "2) ", "- ", "Dr.", "e.g.", "1.", "x" * 700,
                   "?"]


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(st.sampled_from(SENTENCE_PIECES), max_size=40),
       extra=st.lists(st.integers(min_value=0, max_value=3000), max_size=4))
def test_sentences_tile_the_text_and_every_lookup_agrees(pieces: list[str], extra: list[int]) -> None:
    # Blocks are split lazily, in whatever order offsets are asked for: the answers must not depend on it.
    text = "".join(pieces)
    spans = split_sentences(text, extra).spans()
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] and a[0] < a[1] for a, b in pairwise(spans))
    assert all(e - s <= MAX_SENTENCE_CHARS for s, e in spans)
    lazy = split_sentences(text, extra)
    for offset in reversed(range(len(text))):
        assert lazy.span(offset) == next(s for s in spans if s[0] <= offset < s[1])


def test_a_numbered_list_dictated_without_stops_splits_but_a_wrapped_number_does_not() -> None:
    """Round 20 (370): "impression\\n1 stable ... no evidence of loosening or fracture\\n2 small hetero topic ..."."""
    listed = "impression\n1 stable knee no loosening or fracture\n2 small hetero topic ossification\n3 small effusion"
    assert [listed[i:i + 2] for i in bare_list_items(listed)] == ["1 ", "2 ", "3 "]
    wrapped = "a focus of bone measuring approximately\n9 millimeters, smoothly marginated"
    assert bare_list_items(wrapped) == []


def test_a_line_flush_left_after_a_short_list_item_is_a_sentence_of_its_own() -> None:
    """Round 31 (578): a discharge summary's medicine list, then its rule on other painkillers."""
    text = ("MEDICATIONS\n- Indomethacin 25 mg TDS for 6 weeks\n- Amlodipine 5 mg OD (usual)\n"
            "Do NOT take other anti-inflammatory painkillers (ibuprofen, naproxen) while taking indomethacin.\n")
    rule = text.index("Do NOT")
    sentences = split_sentences(text, layout_breaks(text))
    assert sentences.span(rule)[0] == rule
    # a wrapped item goes on indented, in lower case, or after a line as long as the wrap width
    for wrapped in ("- Indomethacin 25 mg TDS for 6 weeks with\n  Food",
                    "- Indomethacin 25 mg TDS for 6 weeks\nwith food",
                    "- Indomethacin 25 mg three times a day for six weeks, to be taken with\nFood"):
        assert split_sentences(wrapped, layout_breaks(wrapped)).span(len(wrapped) - 2)[0] == 0
