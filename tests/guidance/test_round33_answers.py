"""Round 33's fictional reports (tests/data/fictional_cases/round33): what a clinician reviewer found wrong in the
first, sealed read, each checked on the page a patient gets."""

from __future__ import annotations

from hoguide.models.assessment import Assessment
from tests.fictional import explain_case, raised_flags


def _round33(case: str) -> Assessment:
    return explain_case("round33", case)


def test_a_clear_scan_after_a_prevention_that_names_ho_is_no_ho() -> None:
    # (613: "celecoxib ... to reduce the chance of extra bone forming around the hip (heterotopic ossification)" and "I
    # do not think it is caused by heterotopic ossification" beside "Your scan shows no heterotopic ossification" were
    # told there is HO, caused by a hip replacement)
    assessment = _round33("613")
    assert assessment.overall_status == "absent"
    assert not assessment.causes


def test_ho_taken_out_after_the_radiation_is_ho_had_before() -> None:
    # (604: a radiotherapy summary's "Post-treatment note ... Operation note reviewed: ... excision of heterotopic bone"
    # was read under its consent section, and the hip told it is still fused)
    assessment = _round33("604")
    assert assessment.overall_status == "historical"
    assert assessment.answers["growth"].statements[0] == "growth.removed"


def test_a_registrars_corrections_make_a_students_ho_unconfirmed_and_a_fathers_history_his() -> None:
    # (610: the student's "A: L hip HO" outranked "4. Assessment corrected: ... Differentials: early neurogenic HO L
    # hip, DVT, occult fracture (excluded on XR today) ... HO not confirmed"; "is his FATHER's history")
    assessment = _round33("610")
    assert assessment.overall_status == "possible"
    assert raised_flags(assessment) == {"dvt_suspected"}


def test_an_infection_the_report_calls_unlikely_or_places_elsewhere_raises_no_check_today() -> None:
    # (608: "Infection is considered unlikely ... A bone scan alone cannot exclude low-grade infection"; 601: "Septic
    # arthritis was considered unlikely (apyrexial, CRP falling ...)"; 616: a urinary infection, and "The main risks
    # are bleeding (...), infection, fracture" of an operation weighed)
    for case in ("608", "601", "616"):
        assert "infection_suspected" not in raised_flags(_round33(case)), case
    states = {s.id: s.state for s in _round33("608").flag_states}
    assert states["infection"] == "not_excluded"


def test_a_population_s_illness_and_a_form_s_story_are_not_the_patient_s_cause() -> None:
    # (616: "the more recent evidence in people with spinal cord and brain injury" in a letter about a spinal cord
    # injury was given a brain injury as a cause)
    assert [c.id for c in _round33("616").causes] == ["spinal_cord_injury"]


def test_an_excision_talked_of_and_a_radiotherapy_preferred_are_neither_done_nor_given() -> None:
    # (612: "Mr Brennan has discussed with her (but not yet listed) excision of the heterotopic bone", "I would advise
    # against a prolonged course of a non-steroidal anti-inflammatory" and "My preference would be single-dose
    # radiotherapy" were told as HO taken out and radiation had)
    said = {s for a in _round33("612").answers.values() for s in a.statements}
    assert not {"treatment.already_treated_removed", "recurrence.lead_removed", "recurrence.prophylaxis_had",
                "recurrence.prevention_radiation_instead"} & said, said
    assert "recurrence.removal_planned" in said


def test_a_study_s_recurrences_in_a_second_opinion_are_not_the_patient_s() -> None:
    # (616: "In a large French series of 539 first operations ..., 5.8% needed a further operation for recurrence, and
    # none of the 181 operations done in the first year after injury recurred" was told as his HO grown back; "He has
    # also proposed a single dose of radiotherapy" as radiation had)
    said = {s for a in _round33("616").answers.values() for s in a.statements}
    assert not {"growth.recurred", "recurrence.recurrent_now", "treatment.already_treated_removed"} & said, said


def test_a_manipulation_not_advised_and_a_blood_thinner_finished_in_june_are_neither_planned_nor_taken() -> None:
    # (606: "he has not advised manipulation of the knee under anaesthetic" and "treated with anticoagulant tablets
    # for\nthree months; that treatment finished in June" were told as a manipulation planned and a blood thinner taken)
    assessment = _round33("606")
    assert "treatment.manipulation" not in assessment.answers["treatment"].statements
    assert "treatment.medicines_anticoagulated" not in assessment.answers["treatment"].statements
    assert not assessment.cautions


def test_a_scales_key_in_a_letter_is_no_growth() -> None:
    # (599: "I grade HO ... on the McAfee scale:\n Grade 0 - no HO ... Grade II - HO growing into the disc space" beside
    # "I cannot see any change in its size or outline over the last year" was told its HO had grown)
    assessment = _round33("599")
    assert "growth.increased" not in assessment.answers["growth"].statements
    assert not any("larger" in d for s in assessment.report_says for d in s.details)


def test_a_unit_that_does_not_use_radiotherapy_at_the_jaw_offers_none() -> None:
    # (607: "In our unit we do not routinely use radiotherapy at the jaw joint" was answered with one dose of radiation
    # as an option, twice)
    said = {s for a in _round33("607").answers.values() for s in a.statements}
    assert not {"treatment.radiation", "recurrence.prophylaxis"} & said
    assert "recurrence.prophylaxis_no_radiation" in said


def test_known_fop_with_an_airway_warning_still_warns_against_a_biopsy() -> None:
    # (605 asked whether a hardening lump needs a biopsy; its warning named only shots, dental work and operations, and
    # a second read took "Before any biopsy ..., tell the team" as allowing one)
    flag = next(f for f in _round33("605").red_flags if f.id == "fop_known")
    assert "not biopsied" in flag.message and "biopsy" not in flag.action


def test_a_result_and_a_call_log_are_no_steps() -> None:
    # (608: "the inflammatory markers ... are normal" and 612: "her CRP today was 7 mg/L, which is her usual level"
    # were told as blood tests suggested; 611: "CRITICAL RESULT COMMUNICATED: ... discussed by telephone with Dr R.
    # Okonkwo-Baines (Rehabilitation StR)" as physiotherapy, and "CT abdomen ... pancreatic collection" as a CT of the
    # HO)
    for case, not_wanted in (("608", "blood tests"), ("612", "blood tests"), ("611", "physiotherapy")):
        steps = [s.text for s in _round33(case).next_steps]
        assert not any(not_wanted in text for text in steps), (case, steps)
    ct = _round33("611")
    explained = [ct.readings[e.reading].text[e.start:e.end] for s in ct.next_steps if s.text for e in s.evidence]
    assert not any("CT abdomen" in words for words in explained), explained


def test_a_plan_that_replaces_a_students_is_the_only_plan_and_a_corrected_history_no_cause() -> None:
    # (610: the student's "A: L hip HO - start indomethacin 25mg tds + refer physio for aggressive PROM" and "P: 2.
    # Physio - aggressive PROM" were quoted as the plan above the registrar's "PLAN (replaces student plan):"; his
    # "Previous HO R hip after THR 2019", corrected to "pt has NO hx of THR or HO", made a hip replacement his cause)
    assessment = _round33("610")
    quoted = [e.text for a in assessment.answers.values() for e in a.report_words]
    assert not any("aggressive PROM" in q and "NO" not in q for q in quoted), quoted
    assert [c.id for c in assessment.causes] == ["spinal_cord_injury"]


def test_a_meeting_whose_outcome_the_report_gives_is_held_and_a_revision_is_no_removal() -> None:
    # (609: "Results to sarcoma MDT 04/11/2026." and "Correlation with the imaging at the sarcoma MDT ... is
    # recommended" above "MDT OUTCOME (sarcoma MDT 04/11/2026) - appended by MDT coordinator" were told as a referral
    # still to come; 608: "Review in knee clinic to discuss revision of the tibial component" as an operation to take
    # out the HO)
    assert not any("sarcoma team" in s.text for s in _round33("609").next_steps)
    assert _round33("608").answers["recurrence"].statements[0] == "recurrence.replacement_planned"


def test_an_unconfirmed_or_questioned_denial_is_no_there_is_no_ho() -> None:
    # (610: "HO not confirmed" and a student's "HO excluded on XR though??" were told as "Your report says there is no
    # HO" beside "not sure if this is HO")
    assert "absent" not in {s.status for s in _round33("610").report_says}


def test_stiffness_the_report_puts_down_to_something_else_is_said_so() -> None:
    # (599: "Her neck stiffness is more likely to come from the surrounding muscles and the other neck joints" was told
    # "Yours is causing symptoms, so it may be part of what holds your recovery back")
    assert _round33("599").answers["recovery"].statements[0] == "recovery.general_minor_part"


def test_a_form_s_n_denies_its_field_and_never_the_ho_it_names() -> None:
    # (614: "TBI : N (GCS 15 throughout)" gave a brain injury; "Symptoms attributable to HO : N" must not deny the HO)
    assessment = _round33("614")
    assert "traumatic_brain_injury" not in {c.id for c in assessment.causes}
    assert assessment.overall_status == "present" and "absent" not in {s.status for s in assessment.report_says}


def test_a_calls_agreed_management_is_the_plan_and_its_steroid_the_treatment_answers() -> None:
    # (605: "phoned FOP on-call ... Agreed management:" over "Prednisolone 100 mg orally once daily for 4 days",
    # omeprazole and the FOP nurse's call: none of it reached the page)
    assessment = _round33("605")
    assert any(e.text.startswith("Prednisolone 100 mg") for e in assessment.answers["treatment"].report_words)


def test_an_excision_a_record_lists_and_then_says_was_done_is_no_operation_planned() -> None:
    # (614: the registry's "FU4 ... listed for excision" above "Operation : open excision of HO" was told "your report
    # plans or talks about an operation for it")
    said = {s for a in _round33("614").answers.values() for s in a.statements}
    assert "treatment.lead_severe_planned" not in said and "recurrence.removal_planned" not in said


def test_no_more_x_rays_needed_asks_no_question_about_another_scan() -> None:
    # (613: "I do not think any further X-rays are needed" beside a clear film was followed by "Could HO still show up
    # later, and would another scan help?")
    assessment = _round33("613")
    assert not any("another scan" in q for q in assessment.questions_for_doctor)
    assert any("no more X-rays" in s.text for s in assessment.next_steps)


def test_an_elbow_replaced_is_not_given_a_broken_elbows_figures() -> None:
    # (612: a rheumatoid elbow replaced was told "After surgery for a broken elbow, about 1 in 3 people had some HO")
    assessment = _round33("612")
    assert "cause.elbow_replacement" in assessment.answers["cause"].statements
    assert not any("broken elbow" in a.explanation or "broken elbow" in a.answer for a in assessment.answers.values())


def test_a_painkiller_stopped_for_the_kidneys_years_before_is_no_prevention_missed() -> None:
    # (612: "(Naproxen stopped in 2024 because of her kidney function - please do not restart.)" under a rheumatoid
    # patient's medicines was told "Your report says treatment to prevent HO was not given, or was stopped early")
    said = _round33("612").answers["recurrence"].statements
    assert "recurrence.prophylaxis_missed" not in said
    assert "recurrence.prophylaxis" in said


def test_a_registry_s_past_prevention_is_not_told_as_planned_nor_its_one_recurrence_as_a_second() -> None:
    # (614: "EXC | 09/09/2025 | ... prophylaxis: celecoxib 6/52" in a registry's table and "Prophylaxis: celecoxib
    # 200 mg bd x 6 weeks (completed)", no further intervention planned, was told its report names treatment around
    # the time of the operation, and that the HO "had already come back once after it was first removed")
    assessment = _round33("614")
    said = assessment.answers["recurrence"].statements
    assert "recurrence.prophylaxis_planned" not in said
    assert "prophylaxis" not in {s.evidence[0].text.lower() for s in assessment.next_steps if s.evidence}
    came_back = assessment.answers["recurrence"].parts[said.index("recurrence.residual_limb_came_back")].text
    assert "already" not in came_back and "once" not in came_back
