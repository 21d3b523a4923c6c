"""Questions for the doctor come from the case's own open points, fit its population and never ask the
same thing twice."""

from __future__ import annotations

from hoguide import api
from hoguide.knowledge.loader import load_knowledge
from tests.fictional import explain_case


def question(qid: str) -> str:
    return next(q.text for q in load_knowledge().questions if q.id == qid)


def test_known_fop_before_a_procedure_asks_about_flare_ups_not_removal_or_prevention() -> None:
    report = ("Diagnosis: fibrodysplasia ossificans progressiva, genetically confirmed. Established heterotopic "
              "ossification of both shoulders (ankylosed) and the right hip. Extraction of a molar is planned.")
    asked = api.explain(report, {"known_fop": True, "surgery_planned": True}).questions_for_doctor
    assert question("q.fop_procedure") in asked
    for unfit in ("q.joint_limited", "q.removed_lower_chance", "q.recurrent_options", "q.at_risk",
                  "q.prevention_side_effects"):
        assert question(unfit) not in asked, unfit


def test_each_step_the_report_asks_for_gets_its_question() -> None:
    report = ("IMPRESSION: Ossified mass of the right upper arm; a tumour cannot be excluded. Recommend urgent "
              "referral to the sarcoma service; please do not biopsy locally. Nerve conduction studies are "
              "recommended.")
    asked = api.explain(report).questions_for_doctor
    for wanted in ("q.next_sarcoma", "q.next_no_biopsy", "q.next_nerve"):
        assert question(wanted) in asked, wanted


def test_one_question_per_worry() -> None:
    report = ("Right total knee replacement; the knee remains stiff. She takes warfarin. Heterotopic ossification "
              "at the front of the knee. NSAIDs were withheld because of the warfarin.")
    asked = api.explain(report).questions_for_doctor
    assert question("q.anticoagulant") in asked and question("q.nsaid_caution") not in asked
    assert question("q.knee_replacement") in asked and question("q.knee") not in asked


def test_a_plan_quoted_only_in_the_reports_words_gets_a_question_to_go_through_it() -> None:
    quoted = api.explain("FINDINGS: Heterotopic ossification of the left hip.\nPlan:\n"
                         "1. No manipulation under anaesthetic at this stage.\n").questions_for_doctor
    assert question("q.plan_walkthrough") in quoted
    explained = api.explain("FINDINGS: Heterotopic ossification of the left hip.\nPlan: repeat X-ray in 3 months.\n")
    assert question("q.plan_walkthrough") not in explained.questions_for_doctor


def test_a_red_flag_raised_gets_its_own_question_first() -> None:
    report = ("MRI LEFT ELBOW. Heterotopic ossification along the medial elbow encases the ulnar nerve, which is "
              "compressed. The patient reports tingling in the ring and little fingers.")
    asked = api.explain(report).questions_for_doctor
    assert asked[0] == question("q.flag_nerve")
    sore = ("Spinal cord injury (T6 paraplegia). Mature heterotopic ossification of the right hip with a grade 3 "
            "pressure sore over the greater trochanter.")
    asked = api.explain(sore).questions_for_doctor
    assert question("q.flag_pressure_sore") in asked and question("q.seating") not in asked


def test_a_tingling_hand_the_patient_tells_us_about_asks_about_the_nerve() -> None:
    report = "Right elbow X-ray: heterotopic ossification posterior to the olecranon after the fracture fixation."
    told = api.explain(report, {"symptoms": ["numbness"]}).questions_for_doctor
    assert question("q.flag_nerve") in told
    assert question("q.flag_nerve") not in api.explain(report).questions_for_doctor


def test_stiffness_after_a_spinal_cord_injury_asks_whether_it_is_bone_or_tight_muscles() -> None:
    report = ("C6 tetraplegia after a diving injury. CT pelvis: heterotopic ossification of the left hip with "
              "ankylosis.")
    assert question("q.spasticity") in api.explain(report).questions_for_doctor
    hip = "Left total hip arthroplasty. Brooker III heterotopic ossification; the hip is stiff."
    assert question("q.spasticity") not in api.explain(hip).questions_for_doctor


def test_no_question_about_the_next_scan_when_the_report_says_none_is_needed() -> None:
    report = ("X-ray right thigh: immature heterotopic ossification in the quadriceps, larger than on the study "
              "of 3 weeks ago. No further imaging is needed; review in clinic.")
    asked = api.explain(report).questions_for_doctor
    assert question("q.immature_recheck") not in asked and question("q.growing") not in asked


def test_removed_ho_asks_about_life_after_the_operation() -> None:
    limb = ("Specimen: heterotopic bone, left transfemoral residual limb, re-excision.\nMicroscopy: mature lamellar "
            "bone.\nConclusion: mature heterotopic ossification, residual limb; benign.")
    asked = api.explain(limb).questions_for_doctor
    assert question("q.socket_after_removal") in asked and question("q.removed_movement") not in asked
    elbow = ("History: elbow HO excised 02/2026 after burns.\nX-ray left elbow today: no recurrence of heterotopic "
             "ossification.")
    assert question("q.removed_movement") in api.explain(elbow).questions_for_doctor



def test_the_case_s_own_problem_comes_first_and_no_question_assumes_what_the_report_denies() -> None:
    """Round 8 re-read: the jaw after a brain injury (162), a flare-up now in FOP (166), an infection the report
    finds (161), and no "medicines because of the HO" where the report says there is no HO (164)."""
    jaw = api.explain("Severe traumatic brain injury 07/2026. Heterotopic ossification in the left masseter near "
                      "the temporomandibular joint; mouth opening 20 mm.").questions_for_doctor
    assert jaw[0] == question("q.jaw")
    flare = api.explain("Known fibrodysplasia ossificans progressiva (ACVR1 R206H). Impression: early FOP flare-up "
                        "of the left shoulder girdle muscles.").questions_for_doctor
    assert question("q.fop_flare_now") in flare and question("q.maturity_unknown") not in flare
    found = api.explain("Impression: heterotopic ossification of the right hip, Brooker III, mature. Right ischial "
                        "pressure ulcer with findings consistent with osteomyelitis and a small abscess.")
    assert question("q.flag_infection_found") in found.questions_for_doctor
    assert question("q.flag_infection") not in found.questions_for_doctor
    absent = api.explain("CT: no heterotopic ossification. The densities are fracture fragments.",
                         {"symptoms": ["pain"], "as_of": "2026-12-04"}).questions_for_doctor
    assert question("q.medicines") not in absent


def test_a_man_with_tetraplegia_is_not_asked_about_walking_and_stairs() -> None:
    """Round 13, 246: bilateral hip HO seen in passing on a chest CT, 18 years after a cervical cord injury."""
    report = ("History: C5 tetraplegia after a spinal cord injury in 2008.\nFindings: partly imaged hips show bulky "
              "heterotopic ossification anterior to both hip joints.")
    asked = api.explain(report).questions_for_doctor
    assert question("q.hip") not in asked
    assert question("q.hip") in api.explain("History: right total hip replacement 2024.\nFindings: heterotopic "
                                            "ossification lateral to the right hip, Brooker II.").questions_for_doctor


# --- the report's own words beside the patient's questions (guidance/report_on_question.py) -------------------------

RUNNER = ("CLINIC LETTER - Orthopaedic Department\n"
          "Consultant: Mr P. Running-Hale\n\n"
          "History: keyhole surgery to the right hip for impingement in May 2026. Gets a mild ache after long runs.\n\n"
          "X-ray: small mature heterotopic ossification near the capsule cut, Brooker I. Joint space preserved.\n\n"
          "Plan:\n1. No treatment is needed for the HO.\n2. Continue running, no restriction.\n"
          "3. Right kidney normal on the earlier ultrasound.\n")


def asked_with_words(report: str, text: str) -> dict[str, str]:
    """Each of the patient's questions for the doctor, with the report's words beside it ('' where none)."""
    lines = api.explain(report, {"symptoms_text": text}).questions_for_doctor
    prefix = 'Your question: "'
    pairs = [line[len(prefix):].split('" Words in your report on this: "') for line in lines if line.startswith(prefix)]
    return {pair[0].rstrip('"'): pair[1].rstrip('"') if len(pair) > 1 else "" for pair in pairs}


def test_a_question_the_report_speaks_to_gets_the_reports_own_line_beside_it() -> None:
    # (round 28, 517: "Will it stop me running?" was listed for the doctor beside "Continue running, no restriction")
    words = asked_with_words(RUNNER, "Will it stop me running? Im training for a half marathon.")
    assert words["Will it stop me running?"] == "2. Continue running, no restriction."


def test_a_question_asked_after_another_is_of_its_own_topic() -> None:
    # the sentence before a short question is read only where the question's own words name no topic: "Will it stop me
    # running?" after a question on ibuprofen is about running, and the page answers it as one
    assessment = api.explain(RUNNER, {"symptoms_text": "Could I take ibuprofen to stop it growing? Will it stop me "
                                                       "running?"})
    recovery = assessment.answers["recovery"]
    assert "You asked about sport or exercise" in recovery.answer + recovery.explanation


def test_no_line_is_quoted_that_only_shares_a_word_or_a_name_with_the_question() -> None:
    words = asked_with_words(RUNNER, "Can I take anti-inflammatories with my one kidney? Who is the consultant?"
                                     " Is the lump going to keep growing?")
    # a line naming the kidney is no answer on anti-inflammatories; the letterhead and the writer's name are none
    assert words == {"Can I take anti-inflammatories with my one kidney?": "", "Who is the consultant?": "",
                     "Is the lump going to keep growing?": ""}


def test_a_line_telling_of_the_question_is_quoted_with_the_answer_after_it() -> None:
    report = ("X-ray right elbow: mature heterotopic ossification, Hastings-Graham IIA.\n\n"
              "He asked whether he can take ibuprofen for the elbow pain. I have advised him not to, as his kidney "
              "function is reduced.\n")
    words = asked_with_words(report, "Can I take ibuprofen for the pain?")
    assert words["Can I take ibuprofen for the pain?"].endswith("I have advised him not to, as his kidney function is "
                                                               "reduced.")


def test_questions_the_patient_pasted_under_the_report_are_theirs() -> None:
    # (round 29, 530: "My questions for Mr Anand-Price (appt 14th Dec):" and three numbered questions, all missed)
    report = ("IMPRESSION: Heterotopic ossification right hip, Brooker grade III, mature.\n"
              "Comment: Patients who form heterotopic ossification after one hip arthroplasty are at increased risk "
              "after further hip arthroplasty.\n\n"
              "--------------------------------------------\n"
              "My questions for Mr Anand-Price (appt 14th Dec):\n"
              "1. Did the surgeon do something wrong? Nobody told me about this extra bone before the op.\n"
              "2. Will my other hip get it when I have that one done?\n"
              "3. Can I still have my knee done in February?\n")
    words = asked_with_words(report, "")
    assert list(words) == ["Did the surgeon do something wrong?",
                           "Will my other hip get it when I have that one done?",
                           "Can I still have my knee done in February?"]
    # a pasted question is no answer to itself; the report's comment on the other hip is
    assert words["Can I still have my knee done in February?"] == ""
    assert words["Will my other hip get it when I have that one done?"].startswith("Comment: Patients who form")


def test_a_question_of_what_caused_it_gets_the_reports_line_on_the_cause() -> None:
    # (round 29, 531: "Is the extra bone because of the infection?" was given "Skin, urine or chest infections should
    # be treated promptly by her GP" beside "It is not caused by the infection")
    report = ("Diagnoses: 1. Periprosthetic joint infection L hip, two-stage revision.\n\n"
              "She walks with one stick outdoors. No rest or night pain. Wound well healed. Hip flexion 90 deg.\n\n"
              "XR: revision components well fixed. No lucent lines. No subsidence. Bloods today: CRP 4.\n\n"
              "She finds it hard to put on her left shoe. Calf soft. Sleeps well. Driving again.\n\n"
              "Impression: Brooker II heterotopic ossification. It is not caused by the infection.\n\n"
              "Plan: Skin, urine or chest infections should be treated promptly by her GP. Review in a year.\n")
    words = asked_with_words(report, "Is the extra bone because of the infection?")
    assert words["Is the extra bone because of the infection?"] == "It is not caused by the infection."


def test_a_line_the_next_one_goes_on_about_is_quoted_with_it() -> None:
    # (round 29, 535: "My neighbour says ibuprofen gel is fine to rub on - is it?" was given "The usual medicines to
    # stop HO forming are anti-inflammatories (NSAIDs) such as ibuprofen" without "These are NOT safe for him")
    report = ("Early heterotopic ossification lateral to the left hip, Brooker I.\n\nDiscussion: The usual medicines "
              "to stop HO forming are anti-inflammatories (NSAIDs) such as indomethacin, ibuprofen or celecoxib. These "
              "are NOT safe for him after his kidney transplant.\n\nPlan: repeat X-ray in 3 months.\n")
    question = "My neighbour says ibuprofen gel is fine to rub on - is it?"
    assert asked_with_words(report, question)[question].endswith("These are NOT safe for him after his kidney "
                                                                 "transplant.")


def test_a_question_is_shown_no_line_of_the_story_or_a_label_on_one_shared_word_and_a_bullet_keeps_what_to_avoid():
    # (round 30: 547's "Will it need cutting out?" beside its history's "worse cutting and kneeling"; 546's "Is the
    # replacement failing?" beside "Findings: Right total ankle replacement (fixed-bearing)."; 556's "Can they just cut
    # the bone out?" beside "- Operations to cut the bone out." under "Things to avoid")
    report = ("Clinical history: Medial knee pain 3/12, worse cutting and kneeling.\nFindings: Right total ankle "
              "replacement (fixed-bearing).\nIMPRESSION: Pellegrini-Stieda lesion (post-traumatic ossification at "
              "the MCL origin).\n\nThings to avoid\n- Operations to cut the bone out. In POH the bone usually grows "
              "back.\n")
    said = api.explain(report, {"symptoms_text": "Will it need cutting out? Is the replacement failing?"})
    asked = [q for q in said.questions_for_doctor if q.startswith("Your question")]
    assert "Words in your report" not in asked[1]
    assert asked[0].endswith('"Things to avoid: Operations to cut the bone out."'), asked[0]


def test_the_list_for_the_doctor_is_eight_at_most_with_the_patients_own_first() -> None:
    # (round 33: three or four of the patient's own questions and seven of ours made a phone screen of questions)
    assessment = explain_case("round33", "609")
    asked = [q for q in assessment.questions_for_doctor if q.startswith("Your question")]
    assert len(asked) == 3 and assessment.questions_for_doctor[:3] == tuple(asked)
    assert len(assessment.questions_for_doctor) == 8
