"""A brain injury's page: its own time course, with one source where a spinal cord injury's figures brought two
(issues 15 and 16), and an MDT's talk of a medicine is no earlier HO."""

from __future__ import annotations

import pytest

from hoguide import api
from tests.fictional import explain_case

_EARLY_HO = ("Clinical: {cause} 6 weeks ago. Swollen stiff right hip.\n"
             "X-ray right hip: early immature heterotopic ossification.")


@pytest.mark.parametrize(("cause", "said", "not_said"), [
    ("severe traumatic brain injury", "growth.time_course_brain", "growth.time_course_neurologic"),
    ("T6 spinal cord injury", "growth.time_course_neurologic", "growth.time_course_brain"),
    ("traumatic brain injury and T6 spinal cord injury", "growth.time_course_neurologic",
     "growth.time_course_brain"),
])
def test_the_time_course_said_is_the_injury_s_own(cause: str, said: str, not_said: str) -> None:
    growth = api.explain(_EARLY_HO.format(cause=cause)).answers["growth"]
    assert said in growth.statements and not_said not in growth.statements, growth.statements


def test_a_brain_injury_is_told_its_own_weeks_from_the_brain_injury_review_alone() -> None:
    growth = api.explain(_EARLY_HO.format(cause="severe traumatic brain injury")).answers["growth"]
    part = growth.parts[growth.statements.index("growth.time_course_brain")]
    assert "3 to 12 weeks" in part.text and "2 months" not in part.text
    assert part.citations == ("ERABI-HO",)


def test_a_medicine_talked_of_at_the_mdt_is_no_earlier_ho() -> None:
    # (round 22, 405: "indomethacin was discussed at MDT and NOT started - HO already visible on XR" was told it had HO
    # before, and that this makes new HO more likely after a later operation)
    assessment = explain_case("round22", "405")
    assert "historical" not in {s.status for s in assessment.report_says}
    assert "cause.risk_prior_ho" not in assessment.answers["cause"].statements
