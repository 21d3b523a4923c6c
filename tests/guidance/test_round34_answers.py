"""Round 34's fictional reports (tests/data/fictional_cases/round34): what a clinician reviewer, or the writer's
expectations, found wrong in the first, sealed read, each checked on the page a patient gets."""

from __future__ import annotations

import pytest

from hoguide.models.assessment import Assessment
from tests.fictional import explain_case, plan_words, raised_flags


def _round34(case: str) -> Assessment:
    return explain_case("round34", case)


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
    assert not {"fop_suspected", "fop_known"} & raised_flags(assessment)
    assert not any(s.startswith(("cause.fop", "treatment.fop")) for a in assessment.answers.values()
                   for s in a.statements)


def test_a_family_s_fear_and_a_later_x_ray_s_question_are_no_ho_now() -> None:
    # (634: "they were worried that the heterotopic bone had come back" and "the fracture-clinic X-rays ... will also
    # show whether any heterotopic bone forms" beside "This is not heterotopic ossification" and a hip cleared in 2012
    # was told there is HO)
    assessment = _round34("634")
    assert assessment.overall_status == "historical"
    assert "fracture_suspected" in raised_flags(assessment)


def test_a_risk_named_before_its_condition_is_no_ho_found() -> None:
    # (626: a pharmacist's pre-operative review, "pt high risk HO, pls review suitability for indometacin prophylaxis
    # post op", was told "Your report says there is HO")
    assessment = _round34("626")
    assert assessment.overall_status == "hypothetical"
    assert "You gave 19 January 2027" in " ".join(assessment.you_told_us)


def test_a_question_a_fear_a_definition_and_a_list_of_causes_are_no_ho_found() -> None:
    # (623: "The 6-week and 3-month films to be assessed for heterotopic ossification"; 625: "Possible causes include
    # DVT ..., a fracture ..., infection, or heterotopic ossification"; 628: "explained that myositis ossificans means
    # bone forming in the bruised muscle"; 632: "My question: Is this post-traumatic myositis ossificans ... or a
    # soft-tissue sarcoma?" and "this could well be a reaction to the knock, with bone forming ... (myositis
    # ossificans)": each was told "Your report says there is HO")
    # (623's day-1 film: "No heterotopic ossification is seen; ... not expected to be visible this early")
    assert _round34("623").overall_status in ("absent", "hypothetical")
    # (628: "It is too early to say whether myositis ossificans will develop")
    assert _round34("628").overall_status in ("possible", "hypothetical")
    for case in ("625", "632"):
        assert _round34(case).overall_status == "possible", case
    assert {"dvt_suspected", "fracture_suspected", "infection_suspected"} <= raised_flags(_round34("625"))
    assert "tumour_suspected" in raised_flags(_round34("632"))


def test_a_question_of_fop_the_surgeon_answers_with_normal_toes_is_not_suspected() -> None:
    # (619: "Mum asked ... whether this could be fibrodysplasia ossificans progressiva (FOP). I do not think it is.
    # Ollie's big toes are normal" was told "Your report suspects FOP" and to avoid shots into a muscle, beside a
    # botulinum toxin programme the report continues; "I would not apply information about adults with head injuries
    # to him" made a brain injury his cause, and "born at 27 weeks' gestation" warned a 9-year-old boy about NSAIDs in
    # pregnancy)
    assessment = _round34("619")
    assert not {"fop_suspected", "fop_biopsy_hazard"} & raised_flags(assessment), raised_flags(assessment)
    assert not [c.text for c in assessment.cautions if "pregnan" in c.text]
    assert [c.id for c in assessment.causes] == ["other_surgery"]
    assert not any(s.startswith(("cause.fop", "treatment.fop")) for a in assessment.answers.values()
                   for s in a.statements)


def test_a_report_that_keeps_the_biopsy_for_the_sarcoma_centre_is_answered_so() -> None:
    # (620: "Should they just do a biopsy here to find out quicker?" beside "Please do not arrange a biopsy locally. If
    # a biopsy is needed, it should be planned and performed by the sarcoma centre" was told "a small sample of it is
    # the surest test. Ask the team why they chose it")
    assessment = _round34("620")
    treatment = assessment.answers["treatment"]
    assert "treatment.asked_biopsy_sarcoma_team" in treatment.statements
    assert "treatment.asked_biopsy_tumour" not in treatment.statements
    assert "tumour_suspected" in raised_flags(assessment)


def test_a_removal_the_report_corrects_and_options_weighed_are_no_ho_removed_before() -> None:
    # (624: "CORRECTION OF THE RECORD ... no bone was removed. This will be the member's first heterotopic ossification
    # excision" beside a ticked removal was told its HO "has grown back since it was removed"; 631: "We discussed two
    # options: ... (b) Surgery: excision of the heterotopic bone" was told its HO was taken out before)
    for case in ("624", "631"):
        said = {s for a in _round34(case).answers.values() for s in a.statements}
        assert not said & {"growth.recurred", "recurrence.recurrent_now", "recurrence.came_back_removed",
                           "cause.risk_prior_ho", "treatment.lead_removed"}, (case, said)
    assert any("your report says no HO was taken out before" in line for line in _round34("624").you_told_us)


def test_flags_and_cautions_the_report_answers_are_not_raised_as_found() -> None:
    # (632: calf pain and swelling ticked with the calf lump the GP refers, after "venous duplex: no DVT", was told to
    # get checked for a clot today; 629: the pancreas's "infected walled-off necrosis" made the joints' infection, still
    # to be excluded, "found"; 625: "17 days after stopping enoxaparin" was told it takes a blood thinner; 634: "supra-
    # condylar fracture of the left distal femur" was read as an elbow injury)
    assert "dvt_suspected" not in raised_flags(_round34("632"))
    assert {f.id: f.state for f in _round34("629").red_flags}.get("infection_suspected") == "suspected"
    assert not [c.text for c in _round34("625").cautions if "blood thinner" in c.text]
    assert "elbow_trauma_or_surgery" not in {c.id for c in _round34("634").causes}


def test_islands_the_same_size_that_do_not_explain_the_pain_are_told_so() -> None:
    # (627: "They are the same size and shape on the 6-month film ... settled and are not growing" was told "the HO has
    # grown since your last scan", and "the small islands of heterotopic bone are unlikely to explain her pain" was
    # answered "When HO causes pain or stiffness, there are ways to help")
    assessment = _round34("627")
    assert "growth.stable" in assessment.answers["growth"].statements
    assert "growth.increased" not in assessment.answers["growth"].statements
    assert "treatment.lead_symptoms" not in assessment.answers["treatment"].statements


def test_a_blood_thinner_s_bridging_is_no_bone_bridging() -> None:
    # (626: "last dose 48 h pre-op. No bridging." and "no bridging needed" of apixaban, in a review before a hip
    # replacement with no HO, were told "the bone does not bridge the joint")
    assert not [s for s in _round34("626").next_steps if "bridge" in s.text]


def test_ho_that_has_not_recurred_is_not_told_as_back() -> None:
    # (634: "the right hip heterotopic ossification has not recurred more than 14 years after its removal" was told
    # "Your report is about HO that had come back after an earlier removal")
    assessment = _round34("634")
    assert assessment.answers["recurrence"].statements[0] == "recurrence.not_back"
    assert "growth.removed_came_back" not in assessment.answers["growth"].statements


def test_neurogenic_ho_removed_long_ago_keeps_its_own_cause() -> None:
    # (634: "Neurogenic heterotopic ossification of the right hip ..., excised 05/2012" beside today's femoral fracture
    # and "some bruising on the inner side of the knee" was given the fracture and a muscle bruise as causes too)
    assert [c.id for c in _round34("634").causes] == ["spinal_cord_injury"]


def test_a_pseudotumour_the_report_says_is_not_ho_nor_a_tumour_is_answered_so() -> None:
    # (630: "adverse reaction to metal debris ("pseudotumour") ... This is not heterotopic ossification and it is not a
    # neoplasm" beside Brooker II HO was said back as "Your report says there is no HO", and "The MRI report says
    # pseudotumour - is that cancer??" was told only "Your report calls this bone HO. HO is not cancer")
    assessment = _round34("630")
    assert "absent" not in {s.status for s in assessment.report_says}
    assert "recovery.asked_cancer_report_says_not" in assessment.answers["recovery"].statements


def test_a_film_too_early_to_show_ho_after_prevention_given_is_a_risk_not_all_clear() -> None:
    # (623: a day-1 film's "No heterotopic ossification is seen; heterotopic ossification is not expected to be visible
    # this early" was told "there is no HO, so there is nothing to grow", and the 8 Gy given the day after surgery,
    # after "Indomethacin order cancelled", was answered "Ask your team whether anything is planned to help prevent it")
    assessment = _round34("623")
    assert assessment.overall_status == "hypothetical"
    assert assessment.answers["growth"].statements[0] == "growth.risk_only"
    assert assessment.answers["treatment"].statements[0] == "treatment.hypothetical_prevention_had"
    assert _round34("626").answers["treatment"].statements[0] == "treatment.hypothetical_operation_to_come"


def test_a_break_the_patient_ticks_as_healing_that_the_report_calls_united_is_no_caution() -> None:
    # (631: a ticked "healing fracture" beside the report's "the broken bone has healed" was warned that NSAIDs can slow
    # a bone that is still healing)
    assert not [c.text for c in _round34("631").cautions if "still healing" in c.text]


def test_a_therapists_escalation_lines_are_the_plan_the_nerve_warning_points_to() -> None:
    # (618: "ACTIONS / ESCALATION ... If the numbness spreads ... she should contact the fracture clinic the same day
    # ... or attend A&E out of hours" was never quoted, though the nerve warning said its words are under "What your
    # report suggests next")
    assert any(line.startswith("If the numbness spreads") for line in plan_words(_round34("618")))


def test_an_operation_note_that_removes_the_ho_and_leaves_a_piece_on_purpose_is_of_ho_removed() -> None:
    # (633: a revision hip's "HO excised from the abductor region ..." and "A flat plate of HO ... adherent to the
    # sciatic nerve sheath ... was deliberately left in situ" was answered as Brooker III HO there now: "surgery to
    # remove it is the main option")
    assessment = _round34("633")
    assert assessment.overall_status == "historical"
    assert assessment.answers["growth"].statements[0] == "growth.removed"
    assert "treatment.lead_severe" not in assessment.answers["treatment"].statements


# (633: "Sciatic nerve ... tethered by scar but not compressed; protected throughout" in a revision hip's operation
# note was told HO can press on a nerve and to get it checked; 627: "occasional tingling over the top of the right
# foot" and "The tingling in the foot raises the possibility of an additional L5 nerve root element from the lumbar
# spine", beside two small islands of HO by the trochanter, were flagged and told "Ask your team what can be done to
# free the nerve")
@pytest.mark.parametrize("case", ["633", "627"])
def test_a_nerve_the_report_says_is_free_of_the_ho_is_no_nerve_pressed_by_it(case: str) -> None:
    assessment = _round34(case)
    assert "nerve_compression" not in raised_flags(assessment)
    assert "recovery.nerve" not in assessment.answers["recovery"].statements


def test_a_fragility_fracture_diagnosed_today_is_a_break_found() -> None:
    # (634: "a low-energy (fragility) fracture of the left distal femur", diagnosed that day, was told "Questions about
    # HO can wait until a break is ruled out")
    assessment = _round34("634")
    assert {f.id: f.state for f in assessment.red_flags}["fracture_suspected"] == "found"
    assert assessment.answers["treatment"].statements[0] == "flag.fracture_found_first"


def test_a_cause_only_the_answers_name_is_not_told_as_the_reports() -> None:
    # (629: the wife's ladder fall, beside the ICU stay the note names, was read as a cause "your report names")
    said = _round34("629").answers["cause"].statements
    assert "cause.uncertain_named_told" in said and "cause.uncertain_named" not in said


def test_a_piece_left_on_purpose_is_answered_as_left_not_grown_back() -> None:
    # (633: "The op note says they left a bit of bone by the nerve - does that mean it will all grow back?" beside
    # "A flat plate of HO ... was deliberately left in situ" had no answer; a metal "Plate left in situ" beside "no
    # residual HO" (round 23, 425) is no piece of HO)
    assert "recurrence.asked_piece_left" in _round34("633").answers["recurrence"].statements
    assert "recurrence.asked_piece_left" not in explain_case("round23", "425").answers["recurrence"].statements
