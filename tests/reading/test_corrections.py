"""An addendum that corrects the side and the grade of the report above it (round 32, 586)."""

from __future__ import annotations

from hoguide.reading.reader import Reader

REPORT = """FINDINGS
Left total hip replacement. Heterotopic ossification lateral to the left hip, gap less than 1 cm.

IMPRESSION
Left THR. Brooker grade III heterotopic ossification. Orthopaedic review advised.

=================================================================
ADDENDUM - 26/11/2026 09:15
=================================================================
This addendum corrects two errors in the report above.
1. SIDE: The hip replacement and the heterotopic ossification are on the RIGHT, not the left.
2. GRADE: The narrowest gap is 14 mm. This corresponds to Brooker grade II, not grade III.

REVISED IMPRESSION
Right THR. Brooker grade II heterotopic ossification.
"""


def test_the_side_and_grade_an_addendum_corrects_are_taken_back(reader: Reader) -> None:
    reading = reader.read(REPORT)
    # the rule under the addendum's header only sets it off: its text is the addendum's
    addendum = next(s for s in reading.sections if s.header == "ADDENDUM")
    assert REPORT.index("This addendum corrects") < addendum.end
    present = [f for f in reading.findings if f.status == "present"]
    assert present and {f.laterality for f in present} == {"right"}
    assert {f.grade.value for f in reading.findings if f.grade is not None} == {"II"}
    assert all(f.status == "absent" for f in reading.findings if f.laterality == "left")
    assert reading.ho_status == "present"


def test_an_addendum_that_corrects_nothing_of_the_side_changes_nothing(reader: Reader) -> None:
    text = REPORT.replace("on the RIGHT, not the left", "on the LEFT").replace(", not grade III", "")
    reading = reader.read(text)
    assert any(f.status == "present" and f.laterality == "left" for f in reading.findings)
