"""The ConText kit evaluation on rows written here (our own sentences, in the kit's format)."""

from __future__ import annotations

import pytest

from hoguide.evaluation.kit import KitRow, evaluate_kit, locate_kit_target, reader_sentence
from hoguide.reading.reader import Reader


def row(target: str, sentence: str, temporality: str, negation: str = "Affirmed") -> KitRow:
    return KitRow("1", target, sentence, negation, temporality, "Patient")


@pytest.mark.parametrize(
    ("sentence", "target", "expected"),
    [
        # the kit upper-cases its target: a header naming the same condition is not the target
        ("Gout: she was treated for GOUT years ago.", "gout", "treated for [GOUT] years"),
        ("Hip pain on the left, HIP PAIN on the right.", "hip pain", "left, [HIP PAIN] on"),
        # all in capitals, or no capitals at all: the first occurrence
        ("GOUT: LONG HISTORY OF GOUT.", "gout", "[GOUT]: LONG"),
        ("gout: long history of gout.", "gout", "[gout]: long"),
        ("Heterotopic   ossification, left hip.", "heterotopic ossification", "[Heterotopic   ossification], left"),
    ],
)
def test_locate_kit_target(sentence: str, target: str, expected: str) -> None:
    span = locate_kit_target(target, sentence)
    assert span is not None
    marked = f"{sentence[: span[0]]}[{sentence[span[0] : span[1]]}]{sentence[span[1] :]}"
    assert expected in marked


def test_a_target_not_in_the_sentence_is_not_located() -> None:
    assert locate_kit_target("fracture", "No heterotopic ossification.") is None
    assert locate_kit_target("   ", "No heterotopic ossification.") is None


def test_the_located_mention_is_the_one_scored(reader: Reader) -> None:
    kit_row = row("gout", "Gout: remote history of GOUT, left great toe.", "Historical")
    assert evaluate_kit([kit_row], reader.context).errors == []


@pytest.mark.parametrize(
    ("text", "target", "expected"),
    [
        ("Plain sentence with HO in it.", "HO", "Plain sentence with HO in it."),
        ("DIAGNOSIS: 1) Fracture s/p fixation  2) Heterotopic bone  3) Effusion",
         "Heterotopic bone", "2) Heterotopic bone  "),
        ("No fracture. Heterotopic bone at the hip.", "Heterotopic bone", "Heterotopic bone at the hip."),
    ],
)
def test_reader_sentence(text: str, target: str, expected: str) -> None:
    start = text.index(target)
    first, last = reader_sentence(text, start, start + len(target))
    assert text[first:last] == expected


def test_a_target_across_a_sentence_break_keeps_both_sentences() -> None:
    text = "Ends here. Next one."
    start = text.index("here")
    assert reader_sentence(text, start, text.index("Next") + 4) == (0, len(text))


@pytest.mark.parametrize(
    "kit_row",
    [
        # "s/p" belongs to the first list item; the second item is a finding of today
        row("Heterotopic bone", "DIAGNOSIS: 1) Fracture s/p fixation   2) HETEROTOPIC BONE  3) Effusion", "Recent"),
        row("Fracture", "DIAGNOSIS: 1) Old FRACTURE  2) Heterotopic bone", "Historical"),
        # within one sentence the scope is unchanged
        row("heterotopic bone", "Status post fixation of the fracture and HETEROTOPIC BONE excision.", "Historical"),
    ],
)
def test_a_trigger_stays_in_its_sentence(reader: Reader, kit_row: KitRow) -> None:
    report = evaluate_kit([kit_row], reader.context)
    assert report.errors == []
    assert report.temporality.accuracy == 1.0
