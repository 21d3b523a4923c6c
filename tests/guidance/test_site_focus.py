"""The answers speak of the HO that matters: a site the report calls minor beside HO elsewhere is left out of
what the answers say of a site (round 10, 191), and the same piece of HO named by two nearby sites is not."""

from __future__ import annotations

from hoguide import api
from tests.fictional import explain_case

_HIPS_AND_A_MINOR_ELBOW = (
    "Diagnoses:\n"
    "- Severe traumatic brain injury 2023, wheelchair user\n"
    "- Bilateral heterotopic ossification of the hips: R Brooker IV (ankylosed), L Brooker III\n"
    "- R elbow HO, medial, non-limiting (known since 2024)\n\n"
    "Plan: I have recommended excision of the right hip HO in February 2027.\n")


def test_a_minor_elbow_beside_fused_hips_for_surgery_is_not_what_the_answers_speak_of() -> None:
    assessment = api.explain(_HIPS_AND_A_MINOR_ELBOW)
    said = [s for a in assessment.answers.values() for s in a.statements]
    assert not [s for s in said if "elbow" in s], said
    text = " ".join(p.text for a in assessment.answers.values() for p in a.parts)
    assert "at the elbow" not in text and "out of the elbow" not in text
    # what the report says still shows the elbow, where it is
    assert any("elbow" in detail for line in assessment.report_says for detail in line.details)


def test_the_elbow_is_spoken_of_when_the_report_does_not_call_it_minor() -> None:
    assessment = api.explain(_HIPS_AND_A_MINOR_ELBOW.replace(", non-limiting", ", limiting extension"))
    said = [s for a in assessment.answers.values() for s in a.statements]
    assert [s for s in said if "elbow" in s], said


def test_one_piece_of_ho_named_by_the_hip_and_the_thigh_keeps_both() -> None:
    # (round 28, 509: "Small island of HO ... at the greater trochanter" read as the hip, and "Incidental small Brooker
    # I HO at the nail entry site ... not limiting movement" as the thigh: one HO, which the report calls of no concern)
    assessment = explain_case("round28", "509")
    assert assessment.answers["treatment"].statements[0] == "treatment.incidental"
    assert assessment.answers["recovery"].statements[0] == "recovery.incidental"
