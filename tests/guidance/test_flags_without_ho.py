"""A warning beside a report that describes no HO: it blames no HO, and it keeps the report's urgency (round 24, 441:
spinal ligament ossification pressing on the cord, "Urgent referral to the spinal surgical team is advised", was told
only that this is not HO pressing on a nerve)."""

from __future__ import annotations

from hoguide import api

OPLL = ("MRI C-spine. Clinical details: bilateral hand numbness, clumsy with buttons.\nIMPRESSION: Ossification of the "
        "posterior longitudinal ligament C4-C6 causing severe canal stenosis at C5/6 with early compressive "
        "myelopathy.\nRECOMMENDATION: Urgent referral to the spinal surgical team is advised given the cord signal "
        "change.")


def test_an_urgent_nerve_or_cord_problem_that_is_not_ho_keeps_its_urgency() -> None:
    flag = next(f for f in api.explain(OPLL).red_flags if f.id == "nerve_compression")
    assert flag.urgency == "same_day"
    assert "urgent check" in flag.message and "not HO" in flag.message
    assert "contact your care team today" in flag.action
    assert "weeks away" in flag.action  # an urgent referral with a clinic date six weeks off (441's 19 January)


def test_the_same_report_without_urgency_is_told_plainly() -> None:
    plain = OPLL.replace("Urgent referral to the spinal surgical team is advised", "Referral to the spinal team")
    flag = next(f for f in api.explain(plain).red_flags if f.id == "nerve_compression")
    assert "urgent check" not in flag.message and "not HO pressing on a nerve" in flag.message
