"""'What your report suggests next' quotes the report's whole plan, so no time, condition, referral or
"do not" is lost, and says in plain words what each step it knows means."""

from __future__ import annotations

from hoguide import api
from hoguide.knowledge.loader import load_knowledge
from hoguide.models.assessment import Assessment

LETTER = """ORTHOPAEDIC CLINIC
Re: Mrs A., right total knee replacement 15/06/2026

Radiographs: well-fixed components. A 2 cm band of heterotopic ossification anterior to the distal femur.

Plan:
1. No anti-inflammatory started, because she takes warfarin. Please avoid NSAIDs.
2. Physiotherapy focused on active knee flexion. No manipulation under anaesthetic at this stage.
3. Repeat radiographs in 3 months. If flexion stays below 90 degrees, we will discuss release of the bone.

Yours sincerely,
Dr B. Cole, Consultant in Rehabilitation Medicine
"""


def plan(assessment: Assessment) -> list[tuple[str, str]]:
    """(the report's words, what hoguide says of them) for each line of the plan."""
    lines = []
    for step in assessment.next_steps:
        if step.status == "recommendation":
            words = assessment.readings[step.evidence[0].reading].text[step.evidence[0].start:step.evidence[0].end]
            lines.append((" ".join(words.split()), step.text))
    return lines


def quoted(report: str) -> list[str]:
    """The report's words on each line of its plan."""
    return [words for words, _ in plan(api.explain(report))]


def test_every_line_of_a_letters_plan_is_quoted_with_what_it_means() -> None:
    kb = load_knowledge()
    lines = plan(api.explain(LETTER))
    assert [words for words, _ in lines] == [
        # (a short sentence that ends its item is quoted with the one before it: round 28, 525)
        "No anti-inflammatory started, because she takes warfarin. Please avoid NSAIDs.",
        "Physiotherapy focused on active knee flexion.", "No manipulation under anaesthetic at this stage.",
        "Repeat radiographs in 3 months.", "If flexion stays below 90 degrees, we will discuss release of the bone.",
    ]
    meaning = dict(lines)
    assert meaning["Physiotherapy focused on active knee flexion."] == kb.statement("next.treat_physiotherapy").patient
    assert meaning["Repeat radiographs in 3 months."] == kb.statement("next.follow_up_imaging").patient
    # quoted: hoguide has no plain words of its own for it
    assert meaning["No anti-inflammatory started, because she takes warfarin. Please avoid NSAIDs."] == ""


def test_a_signature_is_no_plan_and_names_no_care() -> None:
    assessment = api.explain(LETTER.replace("2. Physiotherapy focused on active knee flexion. ", "2. "))
    assert all("sincerely" not in words and "Rehabilitation" not in words for words, _ in plan(assessment))
    physio = load_knowledge().statement("next.treat_physiotherapy").patient
    assert all(physio not in text for _, text in plan(assessment))


def test_a_us_letters_sincerely_and_signature_are_no_plan() -> None:
    """Round 7, case 139: "Sincerely," alone, then the signer's name and clinic, after a numbered plan."""
    lines = quoted("IMPRESSION: New heterotopic ossification of the left jaw.\nPlan:\n"
                   "1. Review in this clinic in 4 weeks with repeat measurement of mouth opening.\n\nSincerely,\n"
                   "J. Example, MD, Director, FOP and Rare Bone Disorders Clinic\n")
    assert lines and not any("Sincerely" in words or "Example" in words for words in lines)


def test_a_restriction_until_review_is_part_of_the_plan() -> None:
    """Round 7, case 133: a young athlete's "no return to contact sport" is what he most needs to hear."""
    lines = quoted("Opinion:\n1. Early myositis ossificans of the left thigh is favoured.\n"
                   "2. Until reviewed: no return to contact sport; no deep massage of the thigh.\n")
    assert any("no return to contact sport" in words for words in lines)


def test_the_items_a_plan_sentence_introduces_are_the_plan_wherever_they_stand() -> None:
    report = ("Diagnosis: fibrodysplasia ossificans progressiva with heterotopic ossification of both shoulders.\n"
              "Thank you for seeing him for a tooth extraction. Because of FOP, please:\n"
              "1. Use local infiltration only.\n2. No intramuscular injections of any kind.\n\n"
              "He has had no flare-up this year.\n")
    assert quoted(report) == [
        "Use local infiltration only.", "No intramuscular injections of any kind."]


def test_the_reason_for_the_study_and_what_was_found_are_not_the_plan() -> None:
    report = ("CLINICAL HISTORY: Referred by GP for right hip pain. Previous hip replacement should be noted.\n"
              "FINDINGS: Brooker II heterotopic ossification lateral to the right hip.\n"
              "IMPRESSION: Brooker II heterotopic ossification. Suggest follow-up radiograph in 6 months; "
              "please compare with the previous films.\n")
    assert quoted(report) == [
        "Suggest follow-up radiograph in 6 months; please compare with the previous films."]


def test_an_operation_the_team_has_planned_is_quoted_where_the_history_says_it() -> None:
    report = ("CLINICAL HISTORY: T10 paraplegia. MDT: EXCISION OF LEFT HIP HO PLANNED ONCE ULCER HEALED.\n"
              "FINDINGS: BROOKER IV HETEROTOPIC OSSIFICATION OF THE LEFT HIP.\n")
    assert quoted(report) == [
        "MDT: EXCISION OF LEFT HIP HO PLANNED ONCE ULCER HEALED."]


def test_a_numbered_finding_before_its_advice_is_not_the_plan() -> None:
    report = ("IMPRESSION:\n1. Brooker III heterotopic ossification of the right hip.\n"
              "2. The heterotopic bone narrows the cubital tunnel. Suggest nerve conduction studies.\n"
              "3. The zonal pattern and the lack of periosteal reaction do not suggest a sarcoma.\n")
    assert quoted(report) == ["Suggest nerve conduction studies."]


def test_a_follow_up_list_is_the_plan_and_aids_in_use_are_not() -> None:
    report = ("HISTORY: She walks with a quad stick and an ankle-foot orthosis, and wears a night splint.\n"
              "FINDINGS: Heterotopic ossification inferior to the right shoulder.\n\n"
              "FOLLOW-UP:\n1. Stroke clinic in 6 weeks.\n2. GP to check renal function in 2 weeks.\n")
    assert quoted(report) == [
        "Stroke clinic in 6 weeks.", "GP to check renal function in 2 weeks."]


def test_a_signature_line_without_a_closing_is_no_plan() -> None:
    report = ("FINDINGS: Heterotopic ossification lateral to the left hip.\n"
              "Plan:\n1. Repeat AP pelvis in 3 months.\n\nDr C. Ferreira, Consultant in Rehabilitation Medicine\n")
    lines = plan(api.explain(report))
    assert [words for words, _ in lines] == ["Repeat AP pelvis in 3 months."]
    physio = load_knowledge().statement("next.treat_physiotherapy").patient
    assert all(physio not in text for _, text in lines)


def test_a_registration_number_and_a_bare_plan_number_are_no_plan() -> None:
    """Round 19, 350: "P: 1." and "S. Petrakis PT (AHPRA PHY0001234567)" were quoted as steps of the plan."""
    report = ("A: R elbow HO, maturing.\nP: 1.\nActive ROM within pain-free range, 3x daily.\n"
              "2. Review physio next week.\nS. Petrakis PT (AHPRA PHY0001234567)\n")
    words = [words for words, _ in plan(api.explain(report))]
    assert words and not [w for w in words if "AHPRA" in w or w.strip() in ("P: 1.", "1.")], words


def test_the_referrers_questions_are_no_plan() -> None:
    """Round 19, 364: "? maturity, ? any further imaging needed, ? return to contact" was quoted as the plan."""
    report = ("Hx: rugby contusion, lump stable. ? maturity, ? any further imaging needed, ? return to contact.\n"
              "Impression: Mature myositis ossificans. No further imaging is required. Return to sport per sports "
              "physician.\n")
    words = [words for words, _ in plan(api.explain(report))]
    assert words and not [w for w in words if w.startswith("?")], words


def test_a_name_alone_and_a_role_on_the_next_line_are_no_plan() -> None:
    # round 10: "Dr. R. Deshpande, MD (Radiodiagnosis)" over "Consultant Radiologist" (186), and "Dr. V. Raghunathan"
    # alone at the end of a discharge summary (202), were said back as the report's advice
    # round 12: "Signed: Thomas Nakagawa, MD" (236) and "A. Byrne, Advanced Nurse Practitioner" with no title (237)
    for signature in ("Dr. R. Deshpande, MD (Radiodiagnosis)\nConsultant Radiologist", "Dr. V. Raghunathan",
                      "Signed: Thomas Nakagawa, MD, Neuroradiology   11/30/2026 14:05",
                      "A. Byrne, Advanced Nurse Practitioner, Pre-op Assessment",
                      "C. Lafleur MD FRCPC",  # round 14, 265
                      # initials, a surname, a role and when it was signed (round 27, 492 and 491)
                      "R. Faulkner-Adeyemi   26/11/2026 16:40", "Signed K. Osei-Bonsu RN   07/12/26 07:30",
                      # signed for the consultant, on its own line (round 28, 523)
                      "Dr Chiara Beaumont-Nkemelu\nSpecialty Doctor, Orthogeriatrics\n"
                      "for Mr D. Ashdown-Pryce, Consultant Orthopaedic Surgeon"):
        report = ("IMPRESSION: Brooker class I heterotopic ossification, stable.\n"
                  f"ADVICE: Orthopaedic review for further management.\n\n{signature}\n")
        lines = plan(api.explain(report))
        assert [words for words, _ in lines] == ["ADVICE: Orthopaedic review for further management."], signature


def test_how_a_text_was_signed_and_who_was_told_are_no_plan() -> None:
    # rounds 11-22 quoted each of these among the steps of a plan (e.g. round 22, 416: "Pt and wife updated.")
    for tail in ("Dr Helen Marsh-Adeyemi\nConsultant in Rehabilitation Medicine\n(dictated, not proofread)",
                 "Dr H. Marr (dictated, not read - typed by AB)",
                 "Dr Ebony Achterberg, Registrar, for Dr T. Wierzbicki\nDictated 04/12/2026, typed 05/12/2026",
                 "Interpreted by: Julia Marchetti, MD - Musculoskeletal Radiology\n"
                 "Electronically signed 12/02/2026 15:31",
                 "Sonographer: K. Aldana-Price, Clinical Specialist Sonographer\n"
                 "Verified: Dr T. Ilunga, Consultant Radiologist  01/12/2026",
                 "Dr Annika Sorensen FRANZCR\nRadiation Oncologist\ncc: Mr C. Fairweather; Dr L. Chu (GP)",
                 "Dictated but not checked.", "Pt and wife updated.", "NOK (daughter) updated by phone 01:20",
                 "Questions answered re \"extra bone\".", "Discussed with Dr Bashir by telephone 01/12/26 at 15:10.",
                 "Thank you for the urgent referral.",
                 # round 25, 461: a structured report's record fields under the name
                 "Reported: Dr M. Ferrante-Ibsen, Consultant Radiologist     30/11/2026 11:27\n"
                 "Verified: Yes     Critical result: No",
                 "Form completed by: Dr H. Vance (Orthopaedic Registrar) 18/11/2026",  # round 26, 474
                 "Pt understands.", "Code: History of heterotopic ossification of elbow.",  # round 26, 488
                 # round 27, 491: a handover's visit, worry and promised talk, one with its list number
                 "Wife visiting 14:00.", "10. Pt anxious - questions re \"bone growing in my leg\".",
                 "Explained reg will discuss on ward round."):
        report = ("IMPRESSION: Brooker class I heterotopic ossification, stable.\n"
                  f"PLAN: Orthopaedic review for further management.\n{tail}\n")
        assert quoted(report) == ["PLAN: Orthopaedic review for further management."], tail


def test_a_call_about_a_step_and_a_letters_thanks_are_read_but_only_the_step_is_quoted() -> None:
    report = ("Thank you for asking me to see Mr D, who had a left hip replacement in March 2026.\n"
              "Heterotopic ossification of the left hip, Brooker II, mature.\n"
              "Plan:\nDiscussed with Dr Whitfield: patient may be discharged from routine follow-up.\n"
              "Patient informed that the HO is mature and excision is not needed.\n")
    assessment = api.explain(report)
    assert [c.id for c in assessment.causes] == ["hip_arthroplasty"]  # the thanks' facts are read
    assert [words for words, _ in plan(assessment)] == [
        "Discussed with Dr Whitfield: patient may be discharged from routine follow-up.",  # (its heading's own line)
        "Patient informed that the HO is mature and excision is not needed."]


def test_a_consultants_opinion_and_recommendations_are_the_plan() -> None:
    # round 23, 436: its third item, the choice of prevention the patient asked about, was left out
    report = ("Diagnoses:\n1. DISH.\n2. L THR 2017 complicated by heterotopic ossification, Brooker III - excised "
              "2019.\n"
              "Opinion and recommendations:\n1. Please consider HO prophylaxis for the knee replacement.\n"
              "2. Choice of prophylaxis - his renal function makes a long NSAID course unattractive.\n")
    assert "2. Choice of prophylaxis - his renal function makes a long NSAID course unattractive." not in quoted(report)
    assert "Choice of prophylaxis - his renal function makes a long NSAID course unattractive." in quoted(report)


def test_an_addendums_advice_and_the_visit_it_books_are_quoted() -> None:
    # round 23, 429: the FOP centre's advice in an addendum was not passed on
    report = ("CONCLUSION: New soft tissue swelling in the L lower back muscles - an early FOP flare-up.\n"
              "ADDENDUM 02/12/2026: Discussed with FOP centre. Advice: no steroids for this trunk flare-up; regular "
              "paracetamol, rest. FOP clinic appointment Tues 08/12/2026.\n")
    assert quoted(report)[-2:] == ["Advice: no steroids for this trunk flare-up; regular paracetamol, rest.",
                                   "FOP clinic appointment Tues 08/12/2026."]


def test_a_place_to_call_if_something_goes_wrong_is_quoted_not_glossed_as_a_referral() -> None:
    # round 23, 425: an indomethacin course's stop rule was glossed as a surgeon's opinion on the HO
    report = ("Procedure: heterotopic ossification excised. No residual HO.\nPost-op instructions:\n"
              "1. Indomethacin 25 mg TDS for 6 weeks. Stop and contact the ward / fracture clinic if black stools or "
              "vomiting blood.\n2. Fracture clinic review 6 weeks.\n")
    lines = plan(api.explain(report))
    surgeon = load_knowledge().statement("next.refer_surgeon").patient
    assert ("Stop and contact the ward / fracture clinic if black stools or vomiting blood.", "") in lines
    assert ("Fracture clinic review 6 weeks.", surgeon) in lines


def test_an_emergency_instruction_and_a_medicine_held_back_are_quoted() -> None:
    report = """Findings: possible early heterotopic ossification medial to the left hip. Swollen left calf.
DVT has not been excluded.
Plan:
- Duplex ultrasound of the left leg tomorrow to exclude DVT. If he develops chest pain or breathlessness, call 999.
- Do not start an NSAID until the duplex result is known.
"""
    lines = quoted(report)
    assert "If he develops chest pain or breathlessness, call 999." in lines
    assert "Do not start an NSAID until the duplex result is known." in lines


def test_a_terse_routine_x_ray_check_is_a_plan_step() -> None:
    report = ("IMP: Brooker II heterotopic ossification L hip. Implant stable.\n"
              "Routine review with XR at 1 year post-op.\n")
    assert quoted(report) == ["Routine review with XR at 1 year post-op."]


def test_advice_not_to_do_something_is_quoted() -> None:
    report = ("Conclusion: new heterotopic ossification in the right thigh in known FOP.\n"
              "No biopsy or surgical intervention is advised. The FOP centre plans a low-dose CT in 3 months.\n")
    assert quoted(report) == ["No biopsy or surgical intervention is advised.",
                              "The FOP centre plans a low-dose CT in 3 months."]


def test_a_treatment_planned_and_then_given_is_no_plan() -> None:
    report = ("Clinical details: HO of the left thigh excised 20/10/2026. Post-op radiotherapy 7 Gy planned for day 1"
              " (given 21/10/2026, confirmed by the radiotherapy department).\n"
              "Diagnosis: mature heterotopic ossification. No evidence of malignancy.\n")
    assert quoted(report) == []
    assert quoted(report.replace("(given 21/10/2026, confirmed by the radiotherapy department)",
                                 "(to be confirmed by the radiotherapy department)")) != []


def test_a_plan_never_carried_out_is_history_not_a_plan() -> None:
    report = ("History: burns 2025. Radiotherapy was planned but never given, as he was too unwell for transfer.\n"
              "Findings: Mature heterotopic ossification bridging the right knee.\n"
              "Plan: CT for surgical planning.\n")
    assert quoted(report) == ["Plan: CT for surgical planning."]


def test_a_recommendation_an_addendum_withdraws_is_not_quoted_but_the_withdrawal_is() -> None:
    report = ("Impression: Intramuscular masses in the neck, one beginning to ossify. Ultrasound-guided core biopsy of"
              " the trapezius mass is recommended.\n\n"
              "ADDENDUM 17/11/2026 (Dr C. Whitlock, Consultant Paediatric Radiologist)\n"
              "The great toes are short and malformed: this raises strong suspicion of FOP.\n"
              "THE BIOPSY RECOMMENDATION IS WITHDRAWN. Biopsy of these lesions must NOT be performed.\n")
    lines = quoted(report)
    assert not any("core biopsy" in line for line in lines), lines
    assert lines[:2] == ["THE BIOPSY RECOMMENDATION IS WITHDRAWN.", "Biopsy of these lesions must NOT be performed."]
    ultrasound = load_knowledge().statement("next.test_ultrasound").patient
    assert all(ultrasound not in step.text for step in api.explain(report).next_steps)  # a guided biopsy is no scan


def test_signatures_and_a_visit_are_no_plan_but_a_re_scan_is() -> None:
    report = ("Findings: Early heterotopic ossification medial to both hips.\n"
              "Mr B came to clinic today to discuss his left hip.\n"
              "Recommendation: Repeat pelvis X-ray in 6 weeks.\n"
              "Re-scan only if calf swelling increases (then attend the emergency department).\n"
              "Dr A. Mensah, Specialty Registrar, for Dr R. Kilbride, Consultant in Rehabilitation Medicine\n"
              "Reported by Dr S. Adeyemi-Clarke, Consultant Musculoskeletal Radiologist\n")
    assert quoted(report) == ["Recommendation: Repeat pelvis X-ray in 6 weeks.",
                              "Re-scan only if calf swelling increases (then attend the emergency department)."]


def test_the_study_the_report_is_about_is_no_test_it_asks_for() -> None:
    report = ("IMPRESSION: Mature heterotopic ossification bridging the right knee.\n"
              "RECOMMENDATION: Nerve conduction studies. This CT is suitable for planning excision.\n")
    ct = load_knowledge().statement("next.test_ct").patient
    assert all(ct not in step.text for step in api.explain(report).next_steps)


def test_a_splint_from_physiotherapy_is_quoted_not_explained_as_exercise() -> None:
    report = ("IMPRESSION: Mature heterotopic ossification bridging the right knee.\n"
              "RECOMMENDATION: An ankle-foot orthosis (foot-drop splint) from physiotherapy in the meantime.\n")
    assert quoted(report) == ["RECOMMENDATION: An ankle-foot orthosis (foot-drop splint) from physiotherapy in the "
                              "meantime."]
    physio = load_knowledge().statement("next.treat_physiotherapy").patient
    assert all(physio not in step.text for step in api.explain(report).next_steps)


def test_a_scan_for_the_fracture_is_not_glossed_as_showing_how_the_ho_changes() -> None:
    """"Repeat CT in 3 months to assess union" follows the fracture, not the HO (round 8 re-read, case 164); a
    follow-up film with no other purpose is glossed."""
    kb = load_knowledge()
    gloss = kb.statement("next.follow_up_imaging").patient
    for_union = dict(plan(api.explain("Heterotopic ossification is not present. Incomplete union of the posterior "
                                      "wall.\nRecommendation: repeat CT in 3 months to assess union.")))
    assert gloss not in " ".join(for_union.values())
    for_ho = dict(plan(api.explain("Early heterotopic ossification about the right hip.\n"
                                   "Recommendation: repeat radiograph in 6 weeks.")))
    assert gloss in " ".join(for_ho.values())


def test_a_clinical_and_radiological_review_is_a_follow_up_scan_too() -> None:
    """Round 10, 192: "physiotherapy (active ROM), clinical and radiological review in 3 months" was glossed as
    physiotherapy alone, with "When: in 3 months" under it."""
    report = ("X-ray right elbow: recurrent heterotopic ossification posteromedially, Hastings-Graham IIA.\n"
              "Suggest: physiotherapy (active ROM), clinical and radiological review in 3 months.\n")
    kb = load_knowledge()
    [(_, meaning)] = plan(api.explain(report))
    assert kb.statement("next.treat_physiotherapy").patient in meaning
    assert kb.statement("next.follow_up_imaging").patient in meaning


def test_a_report_that_finds_no_ho_has_its_steps_quoted_without_words_about_ho() -> None:
    """Round 10, 189: "Recommend orthopedic follow-up" on a knee MRI that found a cyclops lesion and no HO was glossed
    "The surgeon can say if the HO needs treatment and when"."""
    report = ("IMPRESSION:\n1. Cyclops lesion anterior to the ACL graft.\n2. No heterotopic ossification.\n\n"
              "Recommend orthopedic follow-up.\n")
    lines = plan(api.explain(report))
    assert [words for words, _ in lines] == ["Recommend orthopedic follow-up."]
    assert all("HO" not in meaning for _, meaning in lines)


def test_a_letters_paragraph_labels_hold_its_plan_and_a_cc_under_the_name_is_no_plan() -> None:
    """Round 20 (372): a letter whose only header is "Diagnoses" gives its plan under "HO prophylaxis:" and "Other
    plans:"; the check X-rays were lost and "Ewan Threlfall cc: Mr D. Papadakis ..." was quoted as a step. What the
    writer would do in another case, and radiotherapy still to be given, are no prevention already had."""
    report = ("Diagnoses\n1. Severe L hip OA.\n2. R THA 2022 complicated by Brooker IV heterotopic ossification.\n\n"
              "HO prophylaxis: he is at high risk of HO in the left hip. I would normally use indomethacin, but given "
              "his ulcer bleed we will avoid all NSAIDs. Instead he will have a single fraction of 7 Gy radiotherapy "
              "within 4 hours before the operation.\n\n"
              "Other plans: enoxaparin for 35 days. Check X-rays at 6 weeks, 6 months and 12 months to look for HO.\n\n"
              "Kind regards,\n\nEwan Threlfall\ncc: Mr D. Papadakis; Dr N. Iyer (Gastroenterology)\n")
    assessment = api.explain(report)
    lines = quoted(report)
    assert "Check X-rays at 6 weeks, 6 months and 12 months to look for HO." in lines
    assert not any("Threlfall" in line or "Papadakis" in line for line in lines)
    assert "treatment.already_treated" not in assessment.answers["treatment"].statements


def test_a_printed_pages_header_and_footer_are_no_plan() -> None:
    """Text pasted from a printed PDF carries its page furniture into the plan (round 21, 383 quoted "Printed ... by
    PORTAL_USER Page 2 of 2" and "CONFIDENTIAL - This document contains protected health information." as steps)."""
    report = (
        "IMPRESSION:\n1. Heterotopic ossification about the left hip, Brooker class III.\n\n"
        "RECOMMENDATION: CT of the left hip can be obtained if surgical excision is being considered.\n\n"
        "Electronically signed: M. Ilunga, MD (Radiology) 11/24/2026 13:48\n\n"
        "St. Brendan's Regional Hospital | 400 Quarry Hill Rd | Medical Imaging 555-0142\n"
        "CONFIDENTIAL - This document contains protected health information.\n"
        "Printed 12/01/2026 14:07 by PORTAL_USER                           Page 2 of 2\n"
    )
    lines = quoted(report)
    assert lines == ["RECOMMENDATION: CT of the left hip can be obtained if surgical excision is being considered."], \
        lines


def test_a_pasted_hl7_messages_fields_are_apart_and_its_codes_are_no_plan() -> None:
    """A portal's raw HL7 result: the plan line ends at its field, and the segment codes after it are no steps
    (round 21, 384 quoted "Recommend follow-up radiographs ...||||||A|||F NTE|1|L|Dictated by: ...")."""
    report = (
        "OBX|8|TX|XRELB3L^XR ELBOW LEFT 3 VIEWS^L|8|No periosteal reaction. No osseous destruction.||||||F\n"
        "OBX|9|TX|XRELB3L^XR ELBOW LEFT 3 VIEWS^L|9|IMPRESSION:~1. Healing left radial head fracture s/p ORIF, hardware"
        " intact.~2. Small early (immature) heterotopic ossification anterior to the elbow joint. Recommend follow-up"
        " radiographs in 4-6 weeks to assess evolution.||||||A|||F\n"
        "NTE|1|L|Dictated by: Holloway, Greta MD. Electronically signed 11/27/2026 14:29.\n"
        "NTE|2|L|Results released to patient portal automatically after 3 business days per policy.\n"
    )
    assert quoted(report) == ["Recommend follow-up radiographs in 4-6 weeks to assess evolution."]


def test_a_plan_sections_own_heading_line_is_no_step() -> None:
    """"PLAN (agreed with ...)" heads the plan; it is no step of it (round 21, 396)."""
    report = (
        "Impression: known FOP with heterotopic ossification of the jaw and spine.\n\n"
        "PLAN (agreed with Dr Haddad, MFM, and Dr Amadi, FOP clinic)\n"
        "1. Mode of delivery: planned cesarean delivery at 37-38 weeks.\n"
        "2. NO INTRAMUSCULAR INJECTIONS - chart alert placed.\n"
    )
    assert quoted(report) == ["Mode of delivery: planned cesarean delivery at 37-38 weeks.",
                              "NO INTRAMUSCULAR INJECTIONS - chart alert placed."]


def test_a_letters_head_and_what_the_patient_has_been_doing_are_no_plan() -> None:
    """Above "Dear ..." is the unit's name, and "He has been continuing to wear the limb" is history (round 21, 392)."""
    report = (
        "NORTHGATE REGIONAL LIMB FITTING & AMPUTEE REHABILITATION CENTRE\n"
        "Consultant in Rehabilitation Medicine: Dr F. Adeyemi-Cole\n\n"
        "Dear Dr Haworth,\n\n"
        "Heterotopic ossification in the distal residual limb. He has been continuing to wear the limb most of the day"
        " with a dressing under the liner.\n\n"
        "Plan:\n1. Stop wearing the prosthesis until the ulcer has healed.\n"
    )
    assert quoted(report) == ["Stop wearing the prosthesis until the ulcer has healed."]


def test_a_comment_and_recommendation_section_is_the_reports_plan() -> None:
    """Round 24, 448: "COMMENT / RECOMMENDATION:" over "No treatment is required for the ossification itself" and
    "footwear modification first" left both unquoted, and "Surgical excision would only be considered for persistent
    pain despite this" alone, with nothing for "this" to refer to."""
    report = ("IMPRESSION:\n1. Intratendinous heterotopic ossification in the repaired L Achilles tendon - mature.\n\n"
              "COMMENT / RECOMMENDATION:\nNo treatment is required for the ossification itself.\nIf footwear "
              "irritation becomes painful: footwear modification first (softer heel counter, heel raise).\nSurgical "
              "excision would only be considered for persistent pain despite this.\n")
    quoted = [e.text for s in api.explain(report).next_steps for e in s.evidence]
    assert any("No treatment is required for the ossification itself" in q for q in quoted), quoted
    assert any("footwear modification first" in q for q in quoted), quoted


def test_a_safety_nets_list_is_quoted_with_its_heading_and_raises_nothing() -> None:
    """Round 24, 439: a letter's "When to contact us sooner" list, once it no longer raised warnings for today, was
    nowhere on the page; it is the report's own advice on when to come back, said with what it is for."""
    letter = ("What the scans show: heterotopic ossification at both hips.\n\nWhat happens now\n1. Physiotherapy.\n\n"
              "When to contact us sooner\n- a new hot, swollen or very painful joint, or a fever\n- a swollen painful "
              "calf or sudden breathlessness - go to A&E\n\nYours sincerely,\nDr A. Smith\n")
    assessment = api.explain(letter)
    quoted = [e.text for s in assessment.next_steps for e in s.evidence]
    heading = next(i for i, q in enumerate(quoted) if q.startswith("When to contact us sooner"))
    assert any("swollen painful calf" in q for q in quoted[heading + 1:]), quoted
    assert not assessment.red_flags


def test_a_heading_on_its_own_line_is_not_quoted_with_the_sentence_under_it() -> None:
    """Round 24, 448: "COMMENT / RECOMMENDATION:" on its own line was quoted as the start of the sentence below it; a
    heading on the same line as its words ("RECOMMENDATION: Clinical correlation.") is quoted whole, as it reads."""
    own_line = api.explain("IMPRESSION: Mature heterotopic ossification, left hip.\nRECOMMENDATION:\nOrthopaedic "
                           "follow-up in 3 months.\n")
    assert [w for w, _ in plan(own_line)] == ["Orthopaedic follow-up in 3 months."]
    same_line = api.explain("IMPRESSION: Mature heterotopic ossification, left hip.\nRECOMMENDATION: Orthopaedic "
                            "follow-up in 3 months.\n")
    assert [w for w, _ in plan(same_line)] == ["RECOMMENDATION: Orthopaedic follow-up in 3 months."]


def test_a_plan_heading_for_the_gp_heads_the_plan_and_is_not_quoted() -> None:
    """Round 25, 466: "PLAN / RECOMMENDATIONS FOR GP & COMMUNITY TEAM" under the medicines was no heading, so the plan's
    referral to the spasticity clinic was lost and the heading was quoted as a step; the medicines' "after repeat CT
    head" was quoted as a follow-up scan."""
    lines = quoted("COMPLICATIONS\n1. Heterotopic ossification (HO) L elbow.\n\nMEDICATIONS ON DISCHARGE\n"
                   "Apixaban 5 mg bd (started 09/07/2026 after repeat CT head showed stable transformation).\n\n"
                   "PLAN / RECOMMENDATIONS FOR GP & COMMUNITY TEAM\n1. Continue night splint.\n2. Spasticity clinic "
                   "review 01/2027 re repeat botulinum toxin.\n3. Repeat XR L elbow 03/2027 (rehab clinic).\n")
    assert "Spasticity clinic review 01/2027 re repeat botulinum toxin." in lines
    assert not [line for line in lines if "RECOMMENDATIONS" in line or "Apixaban" in line], lines


def test_a_european_letters_procedure_and_recommendations_are_its_plan_and_its_courtesy_is_none() -> None:
    """Round 25, 456: "Procedure / recommendations:" lost four of its five items; "For questions we stay gladly at your
    disposal." was quoted as a step."""
    lines = quoted("Radiological findings: Periarticular ossifications lateral of the hip, Brooker II.\n\n"
                   "Procedure / recommendations:\n1. No specific therapy of the ossifications is necessary at the "
                   "moment.\n2. Continuation of physiotherapy (6 units).\n3. Clinical and radiological control in 12 "
                   "months.\n\nFor questions we stay gladly at your disposal.\n\nWith collegial greetings\n")
    assert "Continuation of physiotherapy (6 units)." in lines
    assert "Clinical and radiological control in 12 months." in lines
    assert not [line for line in lines if "disposal" in line or "greetings" in line], lines


def test_each_option_a_surgeon_went_through_is_quoted_whole() -> None:
    """Round 28, 525: "Options discussed:" showed the first option only, not the repeat operation, and the first
    option's last sentence, "Accept current function.", alone, as if it were the advice."""
    report = ("Imaging: recurrent HO anterior to the L hip, Brooker III, mature.\n\n"
              "Discussion: I explained that the HO has come back.\nOptions discussed:\n"
              "1. Non-operative: continue physiotherapy, analgesia, walking stick. Accept current function.\n"
              "2. Repeat excision of the L hip HO, aiming to improve flexion for sitting, footwear and walking.\n")
    words = [words for words, _ in plan(api.explain(report))]
    assert any(w.startswith("Repeat excision of the L hip HO") for w in words), words
    assert "Accept current function." not in words
    assert any(w.endswith("walking stick. Accept current function.") for w in words), words


def test_the_bullets_a_plan_sentence_introduces_are_its_items() -> None:
    # (round 29, 542: "we will confirm with follow-up imaging that it matures as expected:" over "- XR L femur AP/lat +
    # MRI L thigh in 6 weeks" was quoted as the fragment "follow-up imaging", the scans and the safety net lost)
    note = ("DIAGNOSIS: MYOSITIS OSSIFICANS (zonal pattern). NO EVIDENCE OF MALIGNANCY.\n\n"
            "Clinician note: Not cancer on the biopsy, but as the lesion is still in its early active phase we will "
            "confirm with follow-up imaging that it matures as expected:\n"
            "- XR L femur AP/lat + MRI L thigh in 6 weeks (week of 11/01/2027), then clinic.\n"
            "- Earlier review if the lump enlarges rapidly, night pain or rest pain, fever, or new lumps elsewhere.\n")
    lines = quoted(note)
    assert "XR L femur AP/lat + MRI L thigh in 6 weeks (week of 11/01/2027), then clinic." in lines
    assert ("Earlier review if the lump enlarges rapidly, night pain or rest pain, fever, or new lumps elsewhere."
            in lines)


def test_an_easy_read_letters_call_us_list_keeps_its_lead_in_and_its_out_of_hours_line() -> None:
    # (round 29, 537: "Call us if:" items were quoted alone, as if findings; "At other times call 111." was dropped; and
    # "You came to the Fracture Clinic" was glossed as a surgeon's opinion to come)
    letter = ("Hello Callum.\n\nYou came to the Fracture Clinic on 26 November 2026.\n\nThe X-ray shows some extra "
              "bone near your elbow. This is called HO.\n\nWHEN TO CALL US\n\nCall us if:\n"
              "- your elbow gets hot, red or very swollen\n- you feel hot and unwell\n\n"
              "At other times call 111.\nIn an emergency call 999.\n")
    lines = plan(api.explain(letter))
    words = [w for w, _ in lines]
    assert "Call us if: - your elbow gets hot, red or very swollen - you feel hot and unwell" in words
    assert "At other times call 111." in words
    assert not [w for w in words if w.startswith("You came to")]


def test_what_to_avoid_under_a_heading_of_its_own_is_quoted_with_its_heading_and_every_bullet() -> None:
    # (round 30, 556: a genetics letter's "Background" ran to its end, so its plan was background; then "Things to
    # avoid" was quoted alone, and "- Operations to cut the bone out." without it, as if planned; the bullets after a
    # bullet's second sentence were lost)
    letter = ("Diagnosis: Progressive osseous heteroplasia (POH).\n\nBackground\nBony plaques in the skin of the left "
              "thigh since infancy; MRI shows heterotopic ossification in the vastus lateralis.\n\n"
              "Things to avoid\n- Operations to cut the bone out. In POH the bone usually grows back and the surgery "
              "can leave\n  larger scars.\n- Further biopsies unless the team asks for one.\n\n"
              "Who will follow her\n- Paediatric physiotherapy: to keep the left knee moving, starting in January.\n")
    words = quoted(letter)
    assert ("Things to avoid - Operations to cut the bone out. In POH the bone usually grows back and the surgery can "
            "leave larger scars. - Further biopsies unless the team asks for one.") in words
    assert "Paediatric physiotherapy: to keep the left knee moving, starting in January." in words
    assert not [w for w in words if w.startswith("Operations")]


def test_a_plan_headed_with_who_it_was_discussed_with_is_a_plan() -> None:
    # (round 29, 528: "Plan / d/w pt:" was no heading, and the plan's timing and prevention were dropped)
    note = ("Dx: post-traumatic radioulnar synostosis = heterotopic bone between radius and ulna.\n\nPlan / d/w pt:\n"
            "- Timing: both #s united and bar looks mature on CT. Excision reasonable from now; will aim Feb/Mar.\n"
            "- It can re-form. Prevention after excision: short course indomethacin (3/52) OR single dose "
            "radiotherapy.\n")
    lines = plan(api.explain(note))
    words = [w for w, _ in lines]
    assert "Excision reasonable from now; will aim Feb/Mar." in words
    assert any(w.startswith("Prevention after excision") for w in words)
    ct = load_knowledge().statement("next.test_ct").patient
    assert not [said for _, said in lines if ct in said]  # "looks mature on CT": the scan it was seen on


def test_a_letters_sign_off_initials_are_no_step() -> None:
    # (round 30, 545 and 546 quoted "KAR / dictated not checked" and "RC/jt" as steps)
    for sign_off in ("KAR / dictated not checked", "RC/jt"):
        letter = ("IMPRESSION: Heterotopic ossification posterior to the ankle replacement.\nPlan:\n"
                  f"- Review 3/12 with XR.\n{sign_off}\n")
        assert quoted(letter) == ["Review 3/12 with XR."], sign_off


def test_options_lettered_on_lines_of_their_own_are_an_item_each_and_a_treatment_to_halt_growth_is_no_prevention():
    # (round 30, 551: four lettered options were quoted as one line, radiotherapy "to try to halt progression" was told
    # as prevention around a planned operation)
    note = ("Assessment: progressive, still active neurogenic HO R hip, Brooker III.\n\n"
            "Options discussed (no decision today - for MDT 10/12):\na) Continue etidronate to complete 6 months.\n"
            "b) Add NSAID (celecoxib) - GI and kidney risks discussed; renal function normal.\nc) Single-fraction "
            "radiotherapy to R hip to try to halt progression - would need referral to clinical oncology.\n")
    lines = dict(plan(api.explain(note)))
    assert "Continue etidronate to complete 6 months." in lines
    radiotherapy = next(said for words, said in lines.items() if words.startswith("Single-fraction radiotherapy"))
    assert radiotherapy == load_knowledge().statement("next.treat_prophylaxis_progression").patient


def test_a_translators_aside_a_heading_in_capitals_with_brackets_and_a_stamped_signature_are_no_steps() -> None:
    # (round 30, 562, a summary from a hospital abroad, translated by a sister)
    letter = ("(translated from the hospital papers by his sister Ana - sorry for the english, I tried to keep it like "
              "the original)\n\nMEDICAL SUMMARY (EPICRISIS) AND RECOMMENDATION FOR FURTHER TREATMENT\n\nDIAGNOSIS: "
              "Myositis ossificans traumatica of the right thigh.\n\nRECOMMENDATION:\n1. Physical therapy for movement "
              "of knee.\n\nDoctor specialist of orthopaedics and traumatology:\nDr. D. Kosanovic\n(stamp and "
              "signature)\n")
    assert quoted(letter) == ["Physical therapy for movement of knee."]


def test_no_further_imaging_is_quoted_with_its_denial() -> None:
    # (round 30, 550 and 552: "further imaging" alone read as the opposite of the report's words)
    report = ("IMPRESSION: Brooker II heterotopic ossification lateral to the left hip replacement. No further imaging "
              "required unless symptoms change.\n")
    no_imaging = load_knowledge().statement("next.ok_no_imaging").patient
    step = next(s for s in api.explain(report).next_steps if s.text == no_imaging)
    assert step.evidence[0].text == "No further imaging"
