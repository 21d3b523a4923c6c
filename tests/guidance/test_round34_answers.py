"""Round 34's fictional reports (tests/data/fictional_cases/round34): what a clinician reviewer, or the writer's
expectations, found wrong in the first, sealed read, each checked on the page a patient gets."""

from __future__ import annotations

from hoguide.models.assessment import Assessment
from tests.fictional import explain_case


def _round34(case: str) -> Assessment:
    return explain_case("round34", case)


def _flags(assessment: Assessment) -> set[str]:
    return {f.id for f in assessment.red_flags}


def test_a_second_thing_explained_is_not_denied_with_the_first() -> None:
    # (621: "explained the CT head in March showed no stroke and that the HO is linked to the long critical illness"
    # in a care-home review of a Brooker III hip was told it has no HO)
    assessment = _round34("621")
    assert assessment.overall_status == "present"
    assert [c.id for c in assessment.causes][:1] == ["prolonged_immobilisation_or_icu"]


def test_fop_excluded_is_not_suspected_for_the_care_it_would_need() -> None:
    # (622: "FOP has been excluded ... the precautions needed in FOP do not apply to her" beside progressive osseous
    # heteroplasia was told "Your report suspects FOP" and that the bone is never removed)
    assessment = _round34("622")
    assert not {"fop_suspected", "fop_known"} & _flags(assessment)
    assert not any(s.startswith(("cause.fop", "treatment.fop")) for a in assessment.answers.values()
                   for s in a.statements)


def test_a_family_s_fear_and_a_later_x_ray_s_question_are_no_ho_now() -> None:
    # (634: "they were worried that the heterotopic bone had come back" and "the fracture-clinic X-rays ... will also
    # show whether any heterotopic bone forms" beside "This is not heterotopic ossification" and a hip cleared in 2012
    # was told there is HO)
    assessment = _round34("634")
    assert assessment.overall_status == "historical"
    assert "fracture_suspected" in _flags(assessment)


def test_a_risk_named_before_its_condition_is_no_ho_found() -> None:
    # (626: a pharmacist's pre-operative review, "pt high risk HO, pls review suitability for indometacin prophylaxis
    # post op", was told "Your report says there is HO")
    assessment = _round34("626")
    assert assessment.overall_status == "hypothetical"
    assert "You gave 19 January 2027" in " ".join(assessment.you_told_us)
