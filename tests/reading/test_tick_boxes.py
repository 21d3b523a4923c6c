"""A structured report's tick boxes (round 28, 519): an empty box says nothing, a ticked one says its item."""

from __future__ import annotations

from hoguide.reading.reader import Reader
from hoguide.reading.tick_boxes import ticked_only

FORM = """Findings (tick all that apply):
[x] heterotopic ossification
[ ] fracture non-union
[ ] features of infection (periosteal reaction, erosion, collection)
Location:     [x] anterior   [ ] posterior   [ ] medial
Bridging / ankylosis:  [ ] yes  [x] no  - narrowest gap between HO and the coronoid 3 mm; HO does not cross joint.
"""


def test_the_text_keeps_its_length_and_lines() -> None:
    plain = ticked_only(FORM)
    assert len(plain) == len(FORM) and plain.count("\n") == FORM.count("\n")


def test_an_empty_box_and_its_item_are_not_read() -> None:
    plain = ticked_only(FORM)
    assert "infection" not in plain and "non-union" not in plain and "posterior" not in plain
    assert "heterotopic ossification" in plain and "anterior" in plain


def test_a_short_ticked_answer_ends_before_the_free_text_after_it() -> None:
    assert "no. - narrowest gap" in ticked_only(FORM)


def test_a_letter_with_a_ticked_box_or_two_is_left_as_written() -> None:
    letter = "[x] Bladder - ISC 5x/day.\n[x] Skin - healed.\nNo empty box here: [x] Bones - R hip HO, stable.\n"
    assert ticked_only(letter) == letter


def test_an_empty_box_raises_no_infection_and_the_ticked_ho_is_present(reader: Reader) -> None:
    reading = reader.read(FORM)
    assert not [f for f in reading.facts if f.concept == "infection" and f.status == "present"]
    assert [f for f in reading.findings if f.text == "heterotopic ossification" and f.status == "present"]
    assert [f for f in reading.facts if f.concept == "ankylosis" and f.status == "absent"]
    assert all(f.size is None for f in reading.findings)
