"""The five answers fit the case: each row of tests/cases/case_answers.yaml says what must and must not be said."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from hoguide import api
from hoguide.knowledge.loader import load_knowledge
from hoguide.models.assessment import Assessment
from hoguide.render.assessment_text import render_text
from tests.conftest import load_cases
from tests.fictional import explain_case, plan_words

CASES = load_cases("case_answers.yaml")


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_the_answers_fit_the_case(case: dict[str, Any]) -> None:
    assessment = api.explain(case["report"], case.get("answers"))
    said = {question: set(answer.statements) for question, answer in assessment.answers.items()}
    for question, wanted in case.get("says", {}).items():
        assert set(wanted) <= said[question], (question, sorted(said[question]))
    for question, unwanted in case.get("never", {}).items():
        assert not set(unwanted) & said[question], (question, sorted(said[question]))
    lines = [line for said in assessment.report_says for line in said.details]
    if "status" in case:
        assert assessment.overall_status == case["status"]
    if "causes" in case:
        assert [c.id for c in assessment.causes] == case["causes"]
    if "report_lines" in case:  # one line per lesion, each starting as written
        assert len(lines) == len(case["report_lines"]), lines
        for wanted in case["report_lines"]:
            assert sum(line.startswith(wanted) for line in lines) == 1, lines
        assert not [s for s in assessment.report_says if s.status == "absent" and not s.details], \
            "a bare 'there is no HO' beside " + assessment.overall_status
    if "report_says" in case:  # the kinds of "what your report says" statement about HO, in order
        assert [s.status for s in assessment.report_says if s.status not in ("mimic", "other_findings")] \
            == case["report_says"]
    steps = [s.text for s in assessment.next_steps]
    kb = load_knowledge()
    assert [i for i in case.get("next_steps", []) if kb.statement(i).patient not in steps] == [], steps
    assert [i for i in case.get("no_next_steps", []) if kb.statement(i).patient in steps] == [], steps


def test_the_reports_own_time_for_a_next_step_is_said_back() -> None:
    for report, when in (("IMP: Small ossific fragment, ?early HO. F/U XR 3 weeks.", "When: in 3 weeks."),
                         ("IMPRESSION: Maturing HO. Plan: repeat X-ray in three months.", "When: in three months."),
                         # a time after the operation is not "in 6 weeks" (round 8 second re-read, 163)
                         ("Mature HO, left hip. Plan: right THR in January. Right hip X-ray at 6 weeks and 6 months "
                          "after surgery to look for early HO.", "When: 6 weeks and 6 months after surgery.")):
        steps = {s.text: s.details for s in api.explain(report).next_steps}
        follow_up = load_knowledge().statement("next.follow_up_imaging").patient
        assert steps.get(follow_up) == (when,), steps


def test_an_urgent_step_is_said_to_be_urgent_and_within_stays_within() -> None:
    kb = load_knowledge()
    nerve, duplex, xray = (kb.statement(f"next.{c}").patient for c in ("test_nerve", "test_ultrasound",
                                                                      "follow_up_imaging"))
    report = ("IMPRESSION: Heterotopic ossification posterior to the left elbow.\n"
              "Plan: Urgent nerve conduction studies (requested, within 2 weeks) for suspected ulnar nerve "
              "compression.\n")
    assert {s.text: s.details for s in api.explain(report).next_steps}[nerve] == ("When: urgently, within 2 weeks.",)
    report = ("IMPRESSION: Early heterotopic ossification at the left hip; DVT not excluded.\n"
              "Plan: URGENT venous duplex ultrasound of the left leg, booked for tomorrow, then a "
              "repeat hip radiograph in 4 weeks.\n")
    steps = {s.text: s.details for s in api.explain(report).next_steps}
    assert steps[f"{duplex} {xray}"] == ()  # one line of the plan, the two times in its quote; neither for both
    assert [s.details for s in api.explain(report.replace(", then a", ". A")).next_steps
            if s.status == "recommendation"] == [("When: urgently.",), ("When: in 4 weeks.",)]
    report = ("IMPRESSION: Maturing HO at the right hip. Plan: repeat X-ray in 6 weeks, or urgent review if a "
              "fever develops.\n")
    assert {s.text: s.details for s in api.explain(report).next_steps}[xray] == ("When: in 6 weeks.",)


def test_a_time_relative_to_surgery_keeps_what_it_is_relative_to() -> None:
    prevention = load_knowledge().statement("next.treat_prophylaxis").patient
    for plan, when in (("HO PROPHYLAXIS: ONE FRACTION RADIOTHERAPY (WITHIN 4 HOURS BEFORE OR 72 HOURS AFTER SURGERY).",
                        "When: within 4 hours before or 72 hours after surgery."),
                       ("Prophylaxis: single 7 Gy radiotherapy dose within 4 hours before surgery.",
                        "When: within 4 hours before surgery.")):
        report = f"Findings: Mature HO at the left hip, excision listed.\nPlan: {plan}\n"
        assert {s.text: s.details for s in api.explain(report).next_steps}[prevention] == (when,)


def test_a_step_the_report_makes_conditional_says_its_condition() -> None:
    report = ("IMPRESSION: Early myositis ossificans. If the lesion enlarges, MRI and referral to the sarcoma "
              "service should be arranged. Follow-up ultrasound in 4-6 weeks.")
    steps = {s.text: s.details for s in api.explain(report).next_steps}
    kb = load_knowledge()
    mri, sarcoma = kb.statement("next.test_mri").patient, kb.statement("next.refer_sarcoma_if").patient
    assert steps[f"{mri} {sarcoma}"] == ('Only if: "If the lesion enlarges".',)  # one sentence of the plan
    assert steps[kb.statement("next.follow_up_imaging").patient] == ("When: in 4-6 weeks.",)


def test_a_cause_the_report_ties_the_ho_to_is_said_with_more_certainty_than_one_it_only_names() -> None:
    tied = ("HX: HAEMORRHAGIC STROKE 14/05/2026.\nIMPRESSION: BILATERAL ELBOW HO AFTER STROKE.",
            "Diagnosis: severe traumatic brain injury 06/2026.\nSecondary diagnosis: early heterotopic ossification "
            "(neurogenic), both hips.",
            "History: fall from a horse, both forearm bones broken.\nDiagnosis: heterotopic ossification forming a bar "
            "between the radius and ulna (post-traumatic radio-ulnar cross-union).")
    for report in tied:
        cause = api.explain(report).answers["cause"]
        assert cause.certainty == "high", (report, cause.certainty_reason)
    named = "History: stroke in May.\nFindings: heterotopic ossification posterior to the left elbow."
    assert api.explain(named).answers["cause"].certainty == "moderate"
    study = ("History: right knee replacement 02/10/2026.\nFindings: early heterotopic ossification anterior to the "
             "femur, not present on the post-operative film.")
    assert api.explain(study).answers["cause"].certainty == "moderate"


def test_a_sonographers_plain_film_and_bloods_are_both_explained_and_its_reading_is_no_step() -> None:
    """Round 16, 309: a semicolon inside brackets split the line, so the bloods after it lost their "Suggest", and
    "Appearances suggest EARLY HETEROTOPIC OSSIFICATION" was quoted as a step."""
    kb = load_knowledge()
    report = ("Sonographer comment: Appearances suggest EARLY HETEROTOPIC OSSIFICATION (peripheral mineralisation in "
              "muscle).\nSuggest plain X-ray L femur/hip (mineralisation may not be visible yet; also to exclude "
              "fracture)\nand bloods - ALP, CK, CRP.\n")
    steps = [s.text for s in api.explain(report).next_steps]
    xray, blood = kb.statement("next.test_xray").patient, kb.statement("next.test_blood").patient
    assert any(xray in step and blood in step for step in steps), steps
    assert not any("Appearances suggest" in e.text for s in api.explain(report).next_steps for e in s.evidence)


def test_a_scan_for_another_purpose_is_glossed_as_the_reports_own() -> None:
    """An MRI for the bone's blood supply is not one that "tells HO apart from other lumps" (round 18, 334)."""
    report = ("HISTORY: posterior dislocation of the right hip 8 weeks ago.\n"
              "IMPRESSION: Early heterotopic ossification posterior to the right hip.\n"
              "RECOMMENDATION: Consider MRI R hip at 3 months post injury for AVN surveillance.\n")
    said = [line for s in api.explain(report).next_steps for line in (s.text, *s.details)]
    kb = load_knowledge()
    assert kb.statement("next.test_mri_other").patient in said
    assert kb.statement("next.test_mri").patient not in said
    assert kb.statement("next.test_mri").patient in [
        line for s in api.explain(report.replace("for AVN surveillance", "to characterise the mass")).next_steps
        for line in (s.text, *s.details)]


def test_the_warning_box_names_the_reasons_to_be_careful_with_anti_inflammatory_tablets() -> None:
    """Kidney disease and heart failure both (round 18, 345), in the box a patient reads first; none without HO."""
    kb = load_knowledge()
    report = ("History: Right THR 2024. CKD stage 3b. Heart failure.\n"
              "Findings: Brooker I heterotopic ossification, mature, unchanged.\n")
    assessment = api.explain(report)
    assert [c.text for c in assessment.cautions] == [kb.statement("caution.nsaid_kidney").patient,
                                                     kb.statement("caution.nsaid_heart").patient]
    assert f"**Medicines:** {kb.statement('caution.nsaid_kidney').patient}" in render_text(assessment, markdown=True)
    on_warfarin = api.explain("Clinical details: on warfarin for a mechanical valve.\n"
                              "Findings: Heterotopic ossification at both shoulders.\n")
    assert [c.text for c in on_warfarin.cautions] == [kb.statement("caution.nsaid_anticoagulated").patient]
    assert not api.explain("History: CKD stage 3b.\nFindings: No heterotopic ossification.\n").cautions
    # a blood thinner taken for a set time, with "Not on anticoagulants" now, is none (round 27, 500)
    stopped = api.explain("[x] Cardiovascular - H/O L leg DVT 04/2017 (acute phase), completed 6/12 anticoagulation, "
                          "no recurrence. Not on anticoagulants.\n[x] Bones - HO R hip, Brooker III, stable.\n")
    assert kb.statement("caution.nsaid_anticoagulated").patient not in [c.text for c in stopped.cautions]
    # ... nor one given for a set time from a discharge months before (round 28, 509); one still running is
    discharge = ("Discharged: 29/07/2026\nDISCHARGE MEDS: Paracetamol 1 g QDS prn; Enoxaparin 40 mg SC od to complete "
                 "28 days.\nFRACTURE CLINIC 25/11/2026: Incidental small Brooker I HO at the nail entry site.\n")
    for as_of, told in (("2026-12-07", False), ("2026-08-10", True)):
        cautions = [c.text for c in api.explain(discharge, {"as_of": as_of}).cautions]
        assert (kb.statement("caution.nsaid_anticoagulated").patient in cautions) is told, as_of


def test_an_nsaid_the_plan_prescribes_now_or_avoids_in_the_plan_is_said_as_the_plan_says() -> None:
    """Round 23: 425 was told not to take the indomethacin course its operation note had just prescribed (the note's
    history had it "avoided at the time"); 431's "NSAIDs: avoid unless agreed with neurosurgery" was read as an
    NSAID planned."""
    kb = load_knowledge()
    note = ("Indication: acetabular fracture 2025; indomethacin prophylaxis avoided at the time because of the "
            "long-bone fracture. Brooker III heterotopic ossification, left hip.\n"
            "Post-op instructions:\n1. HO prevention: indomethacin 25 mg TDS PO for 6 weeks, starting this evening.\n")
    advised_against = kb.statement("caution.nsaid_advised_against").patient
    assert advised_against not in [c.text for c in api.explain(note).cautions]
    summary = ("Diagnosis: neurogenic heterotopic ossification of the left hip after a subarachnoid haemorrhage.\n"
               "Plan:\n5. NSAIDs: avoid unless agreed with neurosurgery. Paracetamol regular.\n")
    assert advised_against in [c.text for c in api.explain(summary).cautions]
    # round 23, 435
    bracketed = ("XR left elbow: immature heterotopic ossification anterior to the elbow.\n--- Fracture clinic "
                 "addendum ---\nNo NSAID prophylaxis (HO already visible; coronoid fixation still healing).\n")
    assert advised_against in [c.text for c in api.explain(bracketed).cautions]


def test_a_pregnancy_to_come_or_a_letters_item_label_is_no_reason_for_a_medicine_caution() -> None:
    """Round 19, 349: "whether the surgery would be a problem for a future pregnancy" and "3. Pregnancy: I have
    reassured her ..." put a pregnancy caution in the warning box of a woman neither pregnant nor on NSAIDs."""
    letter = ("She asked, as she is getting married next year, whether the surgery would be a problem for a future "
              "pregnancy.\nRadiographs: a small island of heterotopic ossification, 12 mm, mature.\nPlan:\n"
              "3. Pregnancy: I have reassured her that this small area of HO is no reason to avoid pregnancy.\n")
    assert not api.explain(letter).cautions
    pregnant = api.explain("She is 19 weeks pregnant.\nFindings: myositis ossificans of the left thigh.\n")
    assert [c.text for c in pregnant.cautions] == [load_knowledge().statement("caution.nsaid_pregnancy").patient]


def test_a_step_kept_for_later_is_said_with_its_condition_and_asked_about_as_no_plan() -> None:
    """"Surgical opinion re excision only if HO later causes fixed loss": no "When will I see the surgeon?" (round 18
    re-read, 337 and 346)."""
    kb = load_knowledge()
    report = ("ASSESSMENT: Maturing heterotopic ossification of the left thigh, 3 months after a prolonged ICU stay.\n"
              "PLAN:\n- Surgical opinion re excision only if HO later causes fixed loss of hip function.\n")
    assessment = api.explain(report)
    surgeon = kb.statement("next.refer_surgeon").patient
    assert [s.details for s in assessment.next_steps if s.text == surgeon] == [
        ('Only if: "if HO later causes fixed loss of hip function".',)]
    question = next(q.text for q in kb.questions if q.id == "q.next_surgeon")
    assert question not in assessment.questions_for_doctor
    planned = api.explain(report.replace(" only if HO later causes fixed loss of hip function", ""))
    assert question in planned.questions_for_doctor


def test_a_plans_capital_no_before_a_medicine_is_advice_against_it() -> None:
    """"Analgesia: NO NSAIDs for the rest of the pregnancy (incl. celecoxib)" in a plan is an order, said in the warning
    box (round 21, 396 was told only that NSAIDs are not used late in pregnancy); a plan's "no NSAID started" is not."""
    ordered = api.explain("Impression: known FOP.\nPlan:\n8. Analgesia: NO NSAIDs for the rest of the pregnancy (incl. "
                          "celecoxib) - acetaminophen for back pain.\n")
    said = [c.text for c in ordered.cautions]
    assert any(text.startswith("Your report says you should not take medicines for swelling") for text in said), said
    plain = api.explain("Impression: heterotopic ossification of the right hip.\nPlan:\n2. No NSAID started.\n")
    assert not [c for c in plain.cautions if c.text.startswith("Your report says you should not take")]


def test_a_surgeons_portal_message_in_plain_words_is_read_as_its_findings_and_plan() -> None:
    # round 22, 409: "we call it HO", "the mildest grade, Brooker I", "nothing to do about the HO" and a thread's
    # "-----" header lines read as no HO, a general statement and the plan's first steps
    thread = ("--------------------------------------------------------------\n"
              "From: Mr T. Adeyemi-Larsson, Consultant Orthopaedic Surgeon    Sent: 20 Nov 2026 08:15\n"
              "--------------------------------------------------------------\n"
              "Dear {{PATIENT_FIRST}},\nPlease don't worry. Your X-ray shows a little extra bone around your new hip"
              " - we call it HO\n(heterotopic ossification). It is the mildest grade, Brooker I: just a couple of "
              "small "
              "separate\nflecks of bone in the soft tissue beside the hip, not joined to anything.\n"
              "There is nothing to do about the HO - no treatment is needed. Carry on with your exercises and\n"
              "walking as normal. I'll see you at your 1-year check with a new X-ray.\n")
    assessment = api.explain(thread)
    said = [s for s in assessment.report_says if s.status not in ("mimic", "other_findings")]
    assert [s.status for s in said] == ["present"]
    assert "Grade: Brooker I." in " ".join(said[0].details) and "new since" not in " ".join(said[0].details)
    steps = [" ".join(e.text.split()) for s in assessment.next_steps for e in s.evidence]
    assert "Carry on with your exercises and walking as normal." in steps
    assert not [s for s in steps if "From:" in s or "---" in s]
    assert "only in passing" not in " ".join(assessment.patient_texts())


def test_an_addendum_that_withdraws_the_ho_leaves_no_ho_words_and_no_signature_among_the_steps() -> None:
    # round 22, 401: a nail for a broken hip, a density first called HO and then a fracture fragment
    report = ("FINDINGS: Intertrochanteric fracture fixed with a nail, fixation intact, bridging callus.\n"
              "IMPRESSION: 2. Soft tissue ossification lateral to the hip, suggestive of heterotopic ossification.\n"
              "ADDENDUM: The density corresponds to the displaced lesser trochanter fragment. This is a fracture "
              "fragment, not heterotopic ossification. There is no heterotopic ossification around the left hip.\n"
              "Recommendation: Routine follow-up radiograph at fracture clinic as planned.\n\n"
              "Addendum reported by: Dr N. Halvorsen, Consultant Radiologist\n"
              "This report has been amended. The addendum supersedes the original impression.\n")
    assessment = api.explain(report, {"event": "I fell and broke my left hip, they put a rod and a screw in it",
                                      "causes": ["hip_arthroplasty", "other_fracture_or_trauma"]})
    assert assessment.overall_status == "absent"
    quoted = [" ".join(e.text.split()) for s in assessment.next_steps for e in s.evidence]
    assert not [q for q in quoted if "reported by" in q]
    healing = [s.text for s in assessment.next_steps if "healing" in s.text]
    assert healing and not [t for t in healing if "HO" in t]
    assert not [line for line in assessment.you_told_us if "hip replacement" in line]


def test_the_bruise_of_a_fall_days_ago_is_no_cause_of_old_ho_around_a_hip_replacement() -> None:
    """Round 24, 442: an emergency note's "Soft tissue contusion R lateral hip ... Old HO around R THR - incidental,
    unchanged" four days after a trip was given the bruise as a cause beside the replacement."""
    folder = Path(__file__).parents[1] / "data" / "fictional_cases" / "round24"
    report = (folder / "442_ed_fall_old_ho_right_thr.txt").read_text()
    told = {"event": "Fell over the rug in my kitchen and landed on my right hip", "event_date": "2026-12-03",
            "causes": ["other_fracture_or_trauma", "hip_arthroplasty"], "as_of": "2026-12-07"}
    assert [c.id for c in api.explain(report, told).causes] == ["hip_arthroplasty"]


def test_short_courses_allowed_for_flare_ups_are_no_course_to_take_now() -> None:
    """Round 27, 504: "Should I take it again now to get rid of it?" beside "Short courses of naproxen with omeprazole
    are acceptable for flare-ups" was told "Your report plans a course of them for you. Take them as your team said"."""
    treatment = explain_case("round27", "504").answers["treatment"]
    assert "treatment.asked_tablets_planned" not in treatment.statements
    assert "treatment.asked_tablets" in treatment.statements


def test_a_blood_thinner_in_the_patients_own_words_is_a_reason_to_be_careful_with_nsaids() -> None:
    """Round 28, 511: "has injections in her tummy for clots" beside HO that is still forming."""
    kb = load_knowledge()
    report = "US LEFT HIP: Hyperechoic foci with acoustic shadowing in rectus femoris - suggestive of early HO.\n"
    words = "She is on loads of medication and has injections in her tummy for clots."
    told = api.explain(report, {"as_of": "2026-12-07", "symptoms_text": words})
    assert kb.statement("caution.nsaid_bleeding").patient in [c.text for c in told.cautions]
    assert not api.explain(report, {"as_of": "2026-12-07"}).cautions
    # ... and one they have finished is none (round 20, 371)
    finished = "I finished my blood-thinning injections a few weeks ago."
    assert not api.explain(report, {"as_of": "2026-12-07", "symptoms_text": finished}).cautions


def test_a_break_a_later_row_calls_united_is_no_bone_still_healing() -> None:
    # (round 29, 534: an export's 6-week row "early callus" above its 6-month row "united" warned of a bone healing)
    export = ("Accession|Date|Modality|Body part|Impression\n"
              "A26-031902|2026-04-14|XR|ELBOW LEFT|6 weeks post ORIF. Fracture lines still visible with early callus. "
              "No heterotopic ossification.\n"
              "A26-062771|2026-09-15|XR|ELBOW LEFT|6 months post ORIF. Fracture and olecranon osteotomy united. New "
              "heterotopic ossification posterior to the elbow.\n")
    healing = "Your report or your answers mention a bone that is still healing"
    assert not [c for c in api.explain(export).cautions if c.text.startswith(healing)]
    still = export.split("A26-062771")[0] + "Later: New heterotopic ossification posterior to the elbow.\n"
    assert [c for c in api.explain(still).cautions if c.text.startswith(healing)]


def test_a_cause_the_patient_names_that_is_not_counted_is_said_back_with_the_reports_cause() -> None:
    # (round 30's second read: "Was it the metal rods in my back?" and a knock were set aside without a word)
    report = ("Background: T10 AIS A SCI 02/08/2026; posterior instrumented fixation T8-L1.\n"
              "Assessment: progressive, still active neurogenic HO R hip.\n")
    told = api.explain(report, {"causes": ["spinal_cord_injury", "other_surgery"]}).you_told_us
    kb = load_knowledge()
    assert any(line.startswith(f'Your answers name "{kb.label("cause", "other_surgery")}", but the cause your report '
                               f'points to is {kb.label("cause", "spinal_cord_injury")}.') for line in told), told


@pytest.mark.parametrize(("case", "said", "unsaid"), [
    # an old HO the emergency note needs no follow-up for, from a dislocation with no break, is of no concern, not given
    # the figures of broken elbows operated on
    ("557", "recovery.incidental", "recovery.elbow"),
    # an early Brooker I six weeks after a hip replacement is not told to ask whether surgery could help
    ("554", "recovery.hip_troubled_low", "recovery.hip_troubled"),
])
def test_the_recovery_answer_fits_the_injury_and_the_grade(case: str, said: str, unsaid: str) -> None:
    recovery = explain_case("round30", case).answers["recovery"].statements
    assert said in recovery and unsaid not in recovery, recovery


def test_radiotherapy_to_halt_the_ho_growing_is_no_prevention_around_an_operation() -> None:
    # (round 30, 551: "is that safe at 24?" was answered for a dose aimed at the area of an operation)
    treatment = explain_case("round30", "551").answers["treatment"].statements
    assert "treatment.asked_radiation_safety_slow_growth" in treatment
    assert "treatment.asked_radiation_safety" not in treatment


def _round31(case: str) -> Assessment:
    return explain_case("round31", case)


def test_the_grade_of_ho_back_after_removal_is_todays_not_the_one_before_the_removal() -> None:
    # (round 31, 571: "Brooker IV HO -> open excision" in the clinical details and "Pre excision CT ... showed
    # continuous bridging bone ... (Brooker IV)" beside "Recurrent HO ..., Brooker II equivalent" was told its hip is
    # fused, and that surgery is the main choice)
    assessment = _round31("571")
    details = [d for s in assessment.report_says for d in s.details]
    assert any("Grade: Brooker II." in d for d in details), details
    assert not any("Grade: Brooker IV." in d for d in details), details
    assert "treatment.lead_severe" not in assessment.answers["treatment"].statements


def test_a_discharge_summary_after_the_removal_is_of_ho_taken_out() -> None:
    # (round 31, 578: "DIAGNOSIS: Symptomatic heterotopic ossification (Brooker III)" above "Check XR: satisfactory
    # excision of heterotopic ossification, no significant residual HO" was told "there is HO", and its radiotherapy
    # "given 02/12/2026" was told as treatment around a planned operation)
    assessment = _round31("578")
    assert assessment.overall_status == "historical"
    assert assessment.report_says[0].status == "historical"
    assert any("Grade before it was removed: Brooker III." in d for s in assessment.report_says for d in s.details)
    radiotherapy = next(s for s in assessment.next_steps if "Radiotherapy: single fraction" in
                        assessment.readings[0].text[s.evidence[0].start:s.evidence[0].end])
    assert "planned operation" not in radiotherapy.text
    plan = plan_words(assessment)
    # the safety net's heading says what its list is for; the course in hospital is no step
    assert "PLEASE RETURN / SEEK URGENT ADVICE (ward 01632 960 447, 24h) IF:" in plan
    assert not any(words.startswith(("Uneventful", "Eating and drinking", "Completed by")) for words in plan), plan


def test_a_prosthetists_actions_are_its_plan_and_its_signature_is_not() -> None:
    # (round 31, 563: "Actions today:" over "Dan is NOT to wear the prosthesis until the skin has fully healed" was no
    # plan, "Gareth Lyle Registered Prosthetist (HCPC)" under "Kind regards" was one, and the stump's HO was said to
    # limit a joint)
    assessment = _round31("563")
    plan = plan_words(assessment)
    assert "Dan is NOT to wear the prosthesis until the skin has fully healed." in plan
    assert not any("Gareth Lyle" in words for words in plan), plan
    treatment = assessment.answers["treatment"].statements
    assert "treatment.residual_limb" in treatment and "treatment.lead_severe" not in treatment


def test_a_bony_bar_inside_a_tendon_locks_no_joint_and_an_operation_only_if_is_not_planned() -> None:
    # (round 31, 566: "Intratendinous ossification (2 cm bony bar)" was told "the bone bridges or locks the joint", and
    # "Surgical excision of the ossified segment (with tendon repair/augmentation) only if symptoms persist" as planned)
    assessment = _round31("566")
    said = [s for a in assessment.answers.values() for s in a.statements]
    assert not any("bridged" in s or "ankylosis" in s for s in said), said
    assert "recurrence.not_removed" in assessment.answers["recurrence"].statements


def test_an_fop_letters_past_and_planned_flare_ups_are_no_flare_up_now_and_each_place_keeps_its_side() -> None:
    # (round 31, 567: "this was followed by a flare-up", "for flare-ups affecting the jaw" and a definition's (a
    # "flare-up") were told as a flare-up now; "neck, upper back, both shoulders and left hip" as both hips)
    assessment = _round31("567")
    assert "flare_now" not in [s.status for s in assessment.report_says]
    places = [d for s in assessment.report_says for d in s.details]
    assert any(d.startswith("Where: shoulder (both sides).") for d in places), places
    assert any(d.startswith("Where: hip (left).") for d in places), places


def test_what_surgery_is_kept_for_is_no_infection_now() -> None:
    # (round 31, 575: "Surgical excision is generally reserved for deposits that ... ulcerate or become infected"
    # raised an infection check for today in a report of tumoral calcinosis)
    assert _round31("575").red_flags == ()


def test_a_letter_about_ho_as_a_risk_mentions_ho() -> None:
    # (round 31, 569: a letter declining a trial of HO prevention after an elbow operation was told "Your report does
    # not mention HO", and "If you are going to have surgery" three weeks after his)
    assessment = _round31("569")
    assert {q: a.statements[0] for q, a in assessment.answers.items() if q != "treatment"} == {
        "cause": "cause.risk_only", "growth": "growth.risk_only", "recovery": "recovery.risk_only",
        "recurrence": "recurrence.risk_only"}
    assert "If you are going to have surgery" not in assessment.answers["treatment"].parts[0].text
    # its "What your standard care will be:" is its plan, where "No anti-inflammatory medicines ... not safe for you"
    assert "treatment.asked_tablets_advised_against" in assessment.answers["treatment"].statements


@pytest.mark.parametrize("case", ["564", "570"])
def test_a_referral_for_something_else_is_not_glossed_as_a_surgeons_view_of_the_ho(case: str) -> None:
    # (round 31, 564: "Surgical referral for consideration of cholecystectomy" beside HO in a scar; 570: a referral for
    # a cord pressed by an ossified spinal ligament, no HO: both told "The surgeon can say if the HO needs treatment")
    assessment = _round31(case)
    assert not any("surgeon can say if the HO" in s.text for s in assessment.next_steps)


def test_a_gallbladder_operation_to_come_is_no_removal_of_the_ho_in_the_scar() -> None:
    # (round 31, 564: "The surgeons want to take my gallbladder out by keyhole" was read as the HO's removal, with
    # prevention around it; the gallstone pain was put to the incidental HO)
    assessment = _round31("564")
    assert assessment.answers["recurrence"].statements[0] == "recurrence.not_removed"
    assert "growth.symptoms_present" not in assessment.answers["growth"].statements


def test_spinal_cord_injury_ho_stable_on_its_serial_scans_is_past_the_window_for_medicines() -> None:
    # (round 31, 576: a table of three CTs, the last two unchanged, "maturing", "surgical excision could be considered
    # from now on", was told to ask soon about medicines to slow it; its CT angiogram was told to show the bone)
    assessment = _round31("576")
    assert "treatment.early_neurologic" not in assessment.answers["treatment"].statements
    angiogram = next(s for s in assessment.next_steps if "CT angiogram" in
                     assessment.readings[0].text[s.evidence[0].start:s.evidence[0].end])
    assert "shape and size" not in angiogram.text


def test_new_bone_that_is_maturing_is_not_said_to_have_started_recently_or_to_keep_growing() -> None:
    # (round 31, 577: new since films 5 months old, "appears to be maturing", was told "it has started to form
    # recently. New HO may keep growing for a while")
    growth = _round31("577").answers["growth"]
    assert "growth.new_maturing" in growth.statements and "growth.new" not in growth.statements
    assert not any("recently" in part.text for part in growth.parts)


def test_a_plan_agreed_with_the_family_is_quoted_and_no_surgical_opinion_is_no_operation_advised() -> None:
    # (round 31, 579: "Plan agreed with Mrs and Mr Ashworth:" over a splint and range of movement was no plan, and
    # "No surgical opinion is being sought at present" was told "surgery to take it out is the main choice")
    assessment = _round31("579")
    assert "No forced stretching into pain." in plan_words(assessment)
    treatment = assessment.answers["treatment"].statements
    assert treatment[0] == "treatment.no_surgery_advised"
    assert "treatment.lead_severe" not in treatment and "treatment.asked_operation_severe" not in treatment


def test_a_nerve_root_the_report_says_is_compressed_is_found_not_only_told() -> None:
    # (round 31, 565: "compression of the exiting left L5 nerve root" by bone grown after a fusion was read only as the
    # numbness the patient told of, to be checked "within a few days" though his operation is listed as urgent)
    flag = next(f for f in _round31("565").red_flags if f.id == "nerve_compression")
    assert flag.state == "found"


def test_a_look_alike_is_no_bone_and_tablets_for_ho_are_not_its_question() -> None:
    # (round 31, 575: tumoral calcinosis was told "no signs that this bone is a tumour" and "No tablet is known to take
    # away bone that has already formed")
    assessment = _round31("575")
    assert {"treatment.asked_tablets_no_ho", "treatment.asked_tablets_no_ho_caution"} & set(
        assessment.answers["treatment"].statements)
    texts = " ".join(assessment.patient_texts())
    assert "this bone" not in texts and "bone that has already formed" not in texts


def test_a_small_ho_the_report_expects_no_trouble_from_is_of_no_concern() -> None:
    # (round 31, 573: "not expected to be of functional significance ... No specific follow-up imaging is required" was
    # told "When HO causes pain or stiffness, there are ways to help")
    treatment = _round31("573").answers["treatment"].statements
    assert treatment[0] == "treatment.incidental"


def test_a_mothers_question_on_massage_and_heat_is_answered_and_the_reports_safety_net_quoted() -> None:
    # (round 31, 572: "deep massage ... a hot water bottle ... did that cause this??" was answered about exercise; the
    # list under "Recommendations / advice to patient (discussed with pt and mother at time of scan):" lost its
    # "Earlier review (and MRI) if ...", and "Report verified: Dr P. Kowalczyk" was no plan line)
    assessment = _round31("572")
    assert "cause.asked_massage_heat" in assessment.answers["cause"].statements
    assert "cause.asked_exercise" not in assessment.answers["cause"].statements
    plan = plan_words(assessment)
    assert any(words.startswith("Earlier review (and MRI) if") for words in plan), plan
    assert not any("Report verified" in words for words in plan), plan


def test_a_forms_satisfactory_components_say_the_implant_is_secure() -> None:
    # (round 31, 568: "Femoral stem position: [x] Satisfactory" and "Otherwise satisfactory appearances of R THA" beside
    # "Does it mean the new hip is failing?" said nothing of the implant)
    assert any(s.status == "reassurance" and "implant" in s.text for s in _round31("568").next_steps)


def test_prevention_given_under_its_heading_is_no_prevention_still_planned() -> None:
    # (round 31, 578: the heading "HO PROPHYLAXIS" over radiotherapy "given 02/12/2026" was a step of prevention to
    # come: "Which prevention is planned for my operation?" four days after it)
    assessment = _round31("578")
    assert "recurrence.prophylaxis_planned" not in assessment.answers["recurrence"].statements
    assert not any("Which prevention is planned" in q for q in assessment.questions_for_doctor)


def test_an_fop_clinics_advice_to_a_dentist_is_its_plan() -> None:
    # (round 31, 567: "Our advice:" over "Do not stretch the jaw", "avoid inferior alveolar (mandibular) nerve blocks",
    # "restore rather than extract" was read as background, and none of it was quoted)
    plan = plan_words(_round31("567"))
    assert any(words.startswith("Do not stretch the jaw.") for words in plan), plan


def test_a_paget_blood_test_is_the_reports_and_radiation_is_named_where_nsaids_need_care() -> None:
    # (round 31, 580: "assessment of Paget's disease activity (serum ALP)" was told that blood tests rise while HO
    # forms, and a man with kidney and heart disease due a second hip replacement never heard of radiation)
    assessment = _round31("580")
    blood = next(s for s in assessment.next_steps if "Paget" in
                 assessment.readings[0].text[s.evidence[0].start:s.evidence[0].end])
    assert "HO is forming" not in blood.text
    assert "recurrence.replacement_prevention_caution" in assessment.answers["recurrence"].statements


def test_a_question_on_botulinum_toxin_is_answered() -> None:
    # (round 31, 579: "could the botox have caused the bone, or make it worse?" was only listed for the doctor)
    assert "cause.asked_botulinum_toxin" in _round31("579").answers["cause"].statements


def test_a_sore_under_a_socket_is_told_as_the_sockets() -> None:
    # (round 31, 563: a weeping sore over HO in a residual limb was told of "a chair or a bed" and to call "if the skin
    # breaks")
    flag = next(f for f in _round31("563").red_flags if f.id == "pressure_sore")
    assert "socket" in flag.message


def test_a_notes_go_to_ae_line_is_quoted_and_manipulation_is_not_left_to_ask_alone() -> None:
    # (round 31, 570: "If sudden worsening of weakness or numbness, difficulty walking, or any problem passing urine or
    # controlling bowels -> go to A&E" was not quoted, and "can I keep going [to the chiropractor]?" beside "Advised no
    # chiropractic/neck manipulation" was told only to ask first)
    assessment = _round31("570")
    assert any(words.startswith("If sudden worsening of weakness") for words in plan_words(assessment))
    treatment = " ".join(part.text for part in assessment.answers["treatment"].parts)
    assert "Do not have it done if your report or your team says not to" in treatment


def test_bone_pressing_on_a_spinal_nerve_root_is_told_as_such_with_its_cause_in_the_reports_words() -> None:
    # (round 31, 565: rhBMP-2 bone in the L5-S1 foramen, listed for decompression, was told of HO that "limits how part
    # of your spine moves", of physiotherapy that "helps keep the joint moving", and the BMP never named)
    assessment = _round31("565")
    treatment = assessment.answers["treatment"].statements
    assert treatment[0] == "treatment.lead_spine_nerve"
    assert "treatment.physical_therapy" not in treatment and "treatment.lead_severe_spine" not in treatment
    assert any("rhBMP-2" in words.text for words in assessment.answers["cause"].report_words)


def test_an_elbow_injury_treated_without_an_operation_is_not_given_the_figures_of_operated_ones() -> None:
    # (round 31, 577: "UNDISPLACED RADIAL HEAD FX MASON 1 TREATED NONOP" was told "The injury to your elbow, or surgery
    # on it" and "After surgery for a broken elbow, about 1 in 3 people had HO")
    assessment = _round31("577")
    assert "cause.elbow_not_operated" in assessment.answers["cause"].statements
    assert "recovery.elbow_not_operated" in assessment.answers["recovery"].statements
    assert "surgery on it" not in assessment.answers["cause"].short
    assert not any("After surgery for a broken elbow" in text for text in assessment.patient_texts())


def test_another_numbered_findings_no_follow_up_and_a_programmes_length_are_not_the_hos() -> None:
    # (round 31, 564: "4. Simple left renal cyst (Bosniak I) - benign, no follow up required" was told as no more checks
    # of the HO; 566: a loading programme of "12 weeks" was told "When: in 12 weeks"; its calcium and vitamin D tablets
    # were answered as anti-inflammatories)
    assert not any(s.status == "reassurance" and "checks of this HO" in s.text for s in _round31("564").next_steps)
    achilles = _round31("566")
    assert not any("When: in 12 weeks." in s.details for s in achilles.next_steps)
    assert "cause.asked_calcium_vitamin_d" in achilles.answers["cause"].statements


def test_a_husbands_words_for_his_wifes_stroke_are_read_as_hers() -> None:
    # (round 31, 579: "My wife had a stroke (bleed in the brain)" was said back as "we could not match your words")
    told = _round31("579").you_told_us
    assert any(line.startswith("What happened:") and "(we read: stroke)" in line for line in told), told


def test_a_cause_read_in_the_patients_words_is_not_said_to_be_ticked() -> None:
    # (round 31, 573: "Mum broke her hip" was told "You named 'other broken bone or injury'", a box never ticked)
    told = _round31("573").you_told_us
    assert not any(line.startswith("You named") for line in told), told


def test_a_question_on_ibuprofen_with_kidney_disease_gets_the_warning_where_there_is_no_ho() -> None:
    # (round 31, 575: a man on dialysis, "Can I take ibuprofen for the ache?", beside tumoral calcinosis)
    assert "treatment.asked_tablets_no_ho_caution" in _round31("575").answers["treatment"].statements


@pytest.mark.parametrize("case", ["565", "570"])
def test_the_warning_for_a_pressed_nerve_keeps_the_reports_emergency_rule(case: str) -> None:
    # (round 31, 565: "If the weakness worsens, foot drop, any change in bladder or bowel control or numbness in the
    # saddle area - attend ED immediately", and 570's "-> go to A&E", were told in the warning box to contact the care
    # team today)
    flag = next(f for f in _round31(case).red_flags if f.id == "nerve_compression")
    assert "go to the emergency department" in flag.action and "go at once" in flag.action


def test_a_discharge_summarys_weight_bearing_and_hip_precautions_are_quoted() -> None:
    # (round 31, 578: "Full weight bearing. Hip precautions for 6 weeks as for original replacement." was not quoted)
    plan = plan_words(_round31("578"))
    assert "Hip precautions for 6 weeks as for original replacement." in plan, plan


def test_a_look_alikes_own_plan_is_quoted_in_the_answers_and_another_organs_plan_is_not() -> None:
    # (round 31, 575: "Deposits often regress with sustained phosphate control" and "they can recur if phosphate remains
    # high" were not used where the answers said to ask the team; 564: "Surgical referral for consideration of
    # cholecystectomy" was quoted as the plan for HO in a scar)
    calcinosis = _round31("575").answers
    assert any("regress" in e.text for e in calcinosis["growth"].report_words)
    assert any("can recur" in e.text for e in calcinosis["recurrence"].report_words)
    assert not any("cholecystectomy" in e.text for a in _round31("564").answers.values() for e in a.report_words)


def test_hip_studies_of_prevention_are_not_given_for_an_operation_on_a_spinal_nerve_root() -> None:
    # (round 31, 565: a decompression of bone on the L5 root was told "In studies of hip surgery, the two worked about
    # as well as each other")
    assert "recurrence.prophylaxis" not in _round31("565").answers["recurrence"].statements


def test_a_safety_nets_heading_says_what_its_list_is_for() -> None:
    # (round 31, 578: the wound, clot and bleeding signs to come back for stood as plain lines of a long list)
    assessment = _round31("578")
    heading = next(s for s in assessment.next_steps if s.evidence and s.evidence[0].text.startswith("PLEASE RETURN"))
    assert heading.text == load_knowledge().statement("next.safety_net_heading").patient


def test_spinal_cord_injury_ho_unchanged_is_not_told_to_wait_for_a_scan_to_show_it_settled() -> None:
    # (round 31, 576: "Only time, or a special bone scan, can show that it is fully settled" beside "surgical excision
    # could be considered from now on ... A further interval CT is not required")
    growth = _round31("576").answers["growth"]
    assert "growth.stable_neurologic" in growth.statements and "growth.stable" not in growth.statements


def test_a_joint_the_report_records_moving_fully_is_said_so_first() -> None:
    # (round 31, 574: "Hip ROM full and pain free" was told "HO around the hip can make it hard to bend the hip")
    assert _round31("574").answers["recovery"].statements[0] == "recovery.moves_fully"
    # ... and another joint's full range is not the HO's
    report = "XR left elbow: mature heterotopic ossification anterior to the elbow.\nKnee ROM full.\n"
    assert "recovery.moves_fully" not in api.explain(report).answers["recovery"].statements


def test_the_reports_own_time_off_work_outranks_our_sources_saying_nothing() -> None:
    # (round 31, 574: "Our sources do not say when it is safe to go back to work" beside "Expect 4-6 weeks off heavy
    # manual work")
    recovery = _round31("574").answers["recovery"].statements
    assert "recovery.asked_in_report" in recovery and "recovery.asked_work" not in recovery
