"""Guidance rules on short reports: what each question says, and when each red flag fires."""

from __future__ import annotations

from typing import Any

import pytest

from hoguide import api
from hoguide.models.assessment import Assessment
from hoguide.render.assessment_text import render_text


def explain(text: str, answers: dict[str, Any] | None = None) -> Assessment:
    return api.explain(text, answers)


def flags(text: str, answers: dict[str, Any] | None = None) -> list[str]:
    return [f.id for f in explain(text, answers).red_flags]


NOT_HO_NOW = [
    ("No heterotopic ossification.", "cause.absent"),
    ("Right total hip arthroplasty in good position. No heterotopic ossification.", "cause.absent"),
    ("NO FRACTURE, DISLOCATION OR HETEROTOPIC OSSIFICATION.", "cause.absent"),
    ("Findings may represent early heterotopic ossification versus hematoma.", "cause.uncertain"),
    ("Right total hip arthroplasty. Normal alignment.", "cause.no_ho"),
    # (HO named only as a risk: the report does mention it, round 31, 569)
    ("At risk for heterotopic ossification after total hip arthroplasty.", "cause.risk_only"),
    ("His father had heterotopic ossification after a hip replacement.", "cause.no_ho"),
]


@pytest.mark.parametrize(("text", "lead"), NOT_HO_NOW)
def test_no_cause_is_given_for_ho_that_is_not_there(text: str, lead: str) -> None:
    assessment = explain(text)
    cause = assessment.answers["cause"]
    assert cause.statements[0] == lead
    assert "cause.hip_arthroplasty" not in cause.statements
    assert assessment.causes == () or assessment.overall_status == "possible"
    for question in ("growth", "recovery"):
        assert assessment.answers[question].statements[0].split(".")[1] in {"absent", "absent_no_cause", "uncertain",
                                                                             "no_ho", "risk_only"}


def test_a_named_cause_is_explained_with_its_evidence() -> None:
    text = "Status post right total hip arthroplasty. Brooker class III heterotopic ossification."
    assessment = explain(text)
    cause = assessment.answers["cause"]
    assert cause.statements[:2] == ("cause.lead_known", "cause.hip_arthroplasty")
    assert any(text[e.start : e.end] == "total hip arthroplasty" for e in cause.evidence)
    assert cause.certainty == "moderate"
    assert [c.id for c in assessment.causes] == ["hip_arthroplasty"]


def test_the_patients_answers_count_as_a_cause() -> None:
    assessment = explain("Heterotopic ossification about the left elbow.",
                         {"causes": ["elbow_trauma_or_surgery"], "event_date": "2026-01-10", "as_of": "2026-06-01"})
    assert "cause.elbow_trauma_or_surgery" in assessment.answers["cause"].statements
    assert assessment.causes[0].source == "patient"


def test_no_cause_found_says_so() -> None:
    cause = explain("Heterotopic ossification about the right hip.").answers["cause"]
    assert cause.statements[0] == "cause.none_found" and cause.certainty == "low"


@pytest.mark.parametrize(
    ("text", "answers", "expected"),
    [
        ("Right total hip arthroplasty. Swelling and warmth of the left calf. Heterotopic ossification about the hip.",
         None, ["dvt_suspected"]),
        ("Heterotopic ossification about the right hip.", {"symptoms": ["calf_pain"]}, ["dvt_suspected"]),
        ("Thigh contusion. Swelling. Myositis ossificans of the left thigh.", None, []),
        ("Right hip heterotopic ossification. No swelling or warmth.", None, []),
        ("Fever and pain. Heterotopic ossification about the right knee.", None, ["infection_suspected"]),
        ("No fever. Heterotopic ossification about the right knee.", None, []),
        ("Mineralised thigh mass. Differential includes extraskeletal osteosarcoma.", None, ["tumour_suspected"]),
        ("Myositis ossificans. No features of osteosarcoma.", None, []),
        ("Heterotopic ossification of the thigh.", {"symptoms": ["fast_growing_lump"]}, ["tumour_suspected"]),
        ("Concern for fibrodysplasia ossificans progressiva.", None, ["fop_biopsy_hazard"]),
        ("Heterotopic bone in the neck.", {"known_fop": True}, ["fop_known"]),   # known, never "only possible"
        ("No features of fibrodysplasia ossificans progressiva. Heterotopic ossification of the hip.", None, []),
        ("Heterotopic ossification about the right hip.", None, []),
    ],
)
def test_red_flags_fire_on_their_signs_only(text: str, answers: dict[str, Any] | None, expected: list[str]) -> None:
    assert flags(text, answers) == expected


def test_red_flags_come_first_in_the_text() -> None:
    rendered = render_text(explain("Concern for fibrodysplasia ossificans progressiva. Fever."))
    assert rendered.index("Act on these first") < rendered.index("What your report says")


def test_fop_changes_every_answer_that_could_lead_to_surgery() -> None:
    assessment = explain("Heterotopic ossification of the back.", {"known_fop": True})
    assert assessment.answers["treatment"].statements[0] == "treatment.fop"
    assert not {"treatment.surgery", "treatment.radiation"} & set(assessment.answers["treatment"].statements)
    assert assessment.answers["recurrence"].statements[0] == "recurrence.fop"
    assert assessment.answers["cause"].statements[0] == "cause.fop"   # known FOP is not "raised as a question"


def test_recurrence_after_excision() -> None:
    text = ("Status post excision of heterotopic ossification about the right hip. "
            "Recurrent heterotopic ossification about the right hip, Brooker class II.")
    answer = explain(text).answers["recurrence"]
    assert answer.statements[0] == "recurrence.recurrent_now"


def test_not_removed_means_recurrence_is_only_a_question_for_surgery() -> None:
    answer = explain("Heterotopic ossification about the right hip.").answers["recurrence"]
    assert answer.statements[0] == "recurrence.not_removed"


def test_growth_follows_maturity_and_change() -> None:
    immature = explain("Immature heterotopic ossification about the right hip, increased since the prior study.")
    assert immature.answers["growth"].statements[:2] == ("growth.increased", "growth.immature")
    mature = explain("Mature heterotopic ossification about the right hip.")
    assert mature.answers["growth"].statements[0] == "growth.mature"


def test_recovery_follows_the_site_and_grade() -> None:
    answer = explain("Hastings-Graham class IIA heterotopic ossification about the left elbow.").answers["recovery"]
    # no elbow injury named; the class explained as the limit on the arm it is (not "a lot of HO"), with a source
    # that is not about hip replacements
    assert answer.statements[:2] == ("recovery.elbow_other", "recovery.high_grade_elbow")
    assert "a lot of HO" not in " ".join(a.answer + " " + a.explanation for a in explain(
        "Hastings-Graham class IIA heterotopic ossification about the left elbow.").answers.values())
    after_fracture = explain("Radial head fracture. Hastings-Graham class IIA heterotopic ossification about the "
                             "left elbow.").answers["recovery"]
    assert after_fracture.statements[:2] == ("recovery.elbow", "recovery.high_grade_elbow")  # its figures fit
    hip = explain("Right total hip arthroplasty. Brooker class IV heterotopic ossification.").answers["recovery"]
    assert "recovery.high_grade" in hip.statements
    neuro = explain("Paraplegia after spinal cord injury. Heterotopic ossification of both hips.")
    assert neuro.answers["recovery"].statements[0] == "recovery.neurologic"


def test_every_answer_is_cited_and_every_citation_resolves() -> None:
    assessment = explain("Right total hip arthroplasty. Brooker class IV heterotopic ossification. Pain.")
    for answer in assessment.answers.values():
        assert answer.citations
        assert set(answer.citations) <= set(assessment.references)
    assert assessment.reading_grade <= 8
    assert "not medical advice" in assessment.notice.lower() or "education" in assessment.notice.lower()


def test_a_blood_thinner_changes_what_is_said_about_nsaids() -> None:
    plain = explain("Painful heterotopic ossification about the right hip.").answers["treatment"]
    thinned = explain("On apixaban for atrial fibrillation. Painful heterotopic ossification about the right hip."
                      ).answers["treatment"]
    assert "treatment.medicines" in plain.statements
    assert "treatment.medicines" not in thinned.statements
    assert "treatment.medicines_anticoagulated" in thinned.statements and "bleeding" in thinned.explanation


def test_growth_is_said_only_against_an_earlier_study() -> None:
    uptake = explain("Bone scan: increased uptake in all three phases about the right hip, consistent with early "
                     "heterotopic ossification.").answers["growth"]
    grown = explain("Heterotopic ossification about the right hip has increased since the prior study."
                    ).answers["growth"]
    assert "growth.increased" not in uptake.statements
    assert grown.statements[0] == "growth.increased"


def test_the_accident_behind_a_brain_or_spinal_injury_is_not_a_separate_cause() -> None:
    accident = explain("Road traffic collision with traumatic brain injury. Heterotopic ossification about the "
                       "right elbow.")
    fracture = explain("Road traffic collision with traumatic brain injury and a femoral fracture. Heterotopic "
                       "ossification about the right hip.")
    assert [c.id for c in accident.causes] == ["traumatic_brain_injury"]
    assert "other_fracture_or_trauma" in [c.id for c in fracture.causes]
