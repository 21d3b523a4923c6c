"""The patient's own words are read like a report (same vocabulary, same ConText) and become their answers."""

from __future__ import annotations

from typing import Any

import pytest

from hoguide import api
from hoguide.errors import MalformedInputError
from hoguide.guidance.features import case_features
from hoguide.guidance.view import CaseView
from hoguide.knowledge.loader import load_knowledge
from hoguide.models.case import PatientAnswers, build_case
from hoguide.reading.reader import reader_for

REPORT = "FINDINGS: Heterotopic ossification anterior to the right hip."


@pytest.mark.parametrize(("answers", "causes", "symptoms", "said_back"), [
    ({"event": "fell off a ladder and broke my elbow"}, ["elbow_trauma_or_surgery"], [],
     ['What happened: "fell off a ladder and broke my elbow" (we read: elbow injury or elbow surgery).']),
    ({"event": "had my hip replaced at St Mary's", "event_date": "2024-09"}, ["hip_arthroplasty"], [],
     ['What happened: "had my hip replaced at St Mary\'s" (we read: hip replacement), September 2024.']),
    ({"symptoms_text": "can't lift my arm above my head, no fever"}, [], ["stiffness"],
     ["Symptoms: stiffness or less movement.", "You said you do not have: fever."]),
    ({"symptoms_text": "my calf is swollen and I am not numb"}, [], ["calf_pain"],
     ["Symptoms: pain or swelling in the calf.", "You said you do not have: numbness or tingling."]),
    ({"event": "no injury that I remember"}, [], [], ['What happened: "no injury that I remember" (we could not '
                                                      'match your words to a known cause of HO).']),
    ({"symptoms_text": "right hip won't bend, I can't put my socks on; no fever"}, [], ["stiffness"],
     ["Symptoms: stiffness or less movement.", "You said you do not have: fever."]),
    ({"event": "I took a knee to the front of my thigh playing netball, it went black and blue"}, ["muscle_contusion"],
     [], ['What happened: "I took a knee to the front of my thigh playing netball, it went black and blue" (we read: '
          'muscle bruise).']),
    ({"event": "lump came up under my jaw on its own, I didn't bang it", "known_fop": True}, [], [],
     ['What happened: "lump came up under my jaw on its own, I didn\'t bang it" (we found no injury or operation '
      'in them).', "You have been told you have FOP."]),
    ({"event": "fell off scaffolding at work and hurt my spine, can't move my legs"}, ["spinal_cord_injury"], [],
     ['What happened: "fell off scaffolding at work and hurt my spine, can\'t move my legs" (we read: spinal cord '
      'injury).']),
    ({"symptoms_text": "a sore opened up on my stump right over the lump"}, [], ["skin_sore"],
     ["Symptoms: a sore or broken skin."]),
    ({"symptoms_text": "a temp of 101 last night"}, [], ["fever"], ["Symptoms: fever."]),
    ({"symptoms_text": "I had an injection at the dentist to numb my jaw. Eating is hard."}, [], [], []),
    # (round 11, 213: the form's nearest choice, ticked, beside what the patient's own words say it was)
    ({"event": "keyhole hip surgery (arthroscopy) for hip impingement", "causes": ["hip_arthroplasty"]},
     ["hip_arthroscopy"], [], ['What happened: "keyhole hip surgery (arthroscopy) for hip impingement" (we read: '
                                'keyhole hip surgery (hip arthroscopy)).']),
    # (round 13, 245: a gunshot ticked as the form's nearest choice, "amputation or blast injury")
    ({"event": "got shot in the thigh, they put a rod in", "causes": ["amputation_or_blast"]},
     ["other_fracture_or_trauma"], [], ['What happened: "got shot in the thigh, they put a rod in" (we read: other '
                                        'broken bone or injury).']),
    # (round 12, 237: an operation still to come is no cause, ticked or not)
    ({"event": "I need a left knee replacement. I had bone growth removed from my right hip replacement in 2019.",
      "causes": ["hip_arthroplasty", "knee_arthroplasty"]}, ["hip_arthroplasty"], [],
     ['What happened: "I need a left knee replacement. I had bone growth removed from my right hip replacement in '
      '2019." (we read: hip replacement).']),
    # (round 12, 236: spine surgery ticked as the form's nearest choice, "spinal cord injury")
    ({"event": "Spinal fusion at L4-5 (TLIF) in March for a slipped disc", "causes": ["spinal_cord_injury"]},
     ["other_surgery"], [], ['What happened: "Spinal fusion at L4-5 (TLIF) in March for a slipped disc" (we read: '
                             'another operation).']),
    # (round 13, 244: an illness of the nerves ticked as the nearest box, "spinal cord injury")
    ({"event": "Guillain-Barre in May, then weeks on a ventilator in intensive care",
      "causes": ["spinal_cord_injury", "prolonged_immobilisation_or_icu"]},
     ["prolonged_immobilisation_or_icu"], [],
     ['What happened: "Guillain-Barre in May, then weeks on a ventilator in intensive care" (we read: long stay in '
      'intensive care or long bed rest).',
      # (and says so: round 32, 594)
      'You ticked "spinal cord injury", but your words tell of an illness of the nerves, such as Guillain-Barre '
      'syndrome. It is not an injury to the spinal cord, so we do not count it as one, and figures for spinal cord '
      'injury may not fit.']),
    ({"symptoms_text": "The nurses told me she has a red patch on her bottom."}, [], ["skin_sore"],
     ["Symptoms: a sore or broken skin."]),
    ({"symptoms_text": "big hard lump, aches at night, no fever, leg not swollen below the knee"}, [],
     ["hard_lump", "night_pain"], ["Symptoms: a hard lump, pain at night.", "You said you do not have: fever."]),
])
def test_free_text_becomes_the_patients_answers(answers: dict[str, Any], causes: list[str], symptoms: list[str],
                                                said_back: list[str]) -> None:
    assessment = api.explain(REPORT, {**answers, "as_of": "2026-12-04"})
    told = [c.id for c in assessment.causes if c.source in ("patient", "report and patient")]
    assert told == causes
    assert list(assessment.you_told_us) == said_back
    if symptoms:  # said back in the growth answer, or by the warning they raise ("You told us about swelling ...")
        assert "growth.symptoms_told" in assessment.answers["growth"].statements \
            or any(f.message.startswith("You told us") for f in assessment.red_flags)


def test_a_clot_sign_in_the_patients_words_is_screened_like_the_coded_one() -> None:
    words = api.explain(REPORT, {"symptoms_text": "my calf is swollen and sore", "as_of": "2026-12-04"})
    coded = api.explain(REPORT, {"symptoms": ["calf_pain"], "as_of": "2026-12-04"})
    assert [f.id for f in words.red_flags] == [f.id for f in coded.red_flags] != []


def test_a_sore_in_the_patients_words_raises_the_pressure_sore_flag_as_the_form_does() -> None:
    # (round 10, 197: a blast amputee's "a sore opened up there ... leaking", in words only)
    report = "Residual limb: heterotopic ossification at the distal medial femur, under the socket."
    words = api.explain(report, {"symptoms_text": "a sore opened up there and it's leaking a bit",
                                 "as_of": "2026-12-04"})
    coded = api.explain(report, {"symptoms": ["skin_sore"], "as_of": "2026-12-04"})
    sore = api.explain(report, {"symptoms_text": "my knee is sore when I walk", "as_of": "2026-12-04"})
    assert [f.id for f in words.red_flags] == [f.id for f in coded.red_flags] == ["pressure_sore"]
    assert "pressure_sore" not in [f.id for f in sore.red_flags]  # "sore" as in painful is no skin sore


def test_a_fear_or_something_read_online_is_no_diagnosis() -> None:
    # (round 11, 212: "We read online about FOP and we are terrified that is what she has" became "You have FOP")
    for words in ("We read online about FOP and we are terrified that is what she has.",
                  "I'm worried it is FOP."):
        told = api.explain(REPORT, {"symptoms_text": words, "as_of": "2026-12-04"}).you_told_us
        assert "You have been told you have FOP." not in told, words


@pytest.mark.parametrize("words", [
    "I have stage 3 kidney disease so my family doctor told me to stay off Advil.",   # round 11, 205
    "Can I take ibuprofen, or will it hurt the baby?",                                 # round 11, 211
    "My friend had bone growing in the muscle (HO) after her hip replacement - is this the same thing?",  # 207
    # a question begun as one and ended with a full stop (round 21, 388); someone else's operation (390)
    "Can I take naproxen for the pain, my kidneys were bad but they say they're better now.",
    "A mate of mine had bone growth after his hip replacement and had to have it cut out - will I need that too?",
])
def test_a_medicine_kept_off_or_asked_about_and_a_friends_operation_are_not_the_patients(words: str) -> None:
    assessment = api.explain(REPORT, {"symptoms_text": words, "as_of": "2026-12-04"})
    assert not [line for line in assessment.you_told_us if line.startswith(("Prevention given",
                                                                            "What happened"))]
    assert [c.id for c in assessment.causes] == []


def test_a_month_date_changes_the_answers_where_the_time_course_matters() -> None:
    # (after a hip replacement, whose time course the sources give; with no cause none is said)
    report = "HISTORY: Right total hip replacement.\n" + REPORT
    recent = api.explain(report, {"event_date": "2026-11", "as_of": "2026-12-04"})
    old = api.explain(report, {"event_date": "2024-11", "as_of": "2026-12-04"})
    assert "growth.since_event_early" in recent.answers["growth"].statements
    assert "growth.since_event_late" in old.answers["growth"].statements


@pytest.mark.parametrize(("answers", "message"), [
    ({"event_date": "2024-13"}, "event_date"),
    ({"event": "x" * 1001}, "event"),
    ({"event_date": "2999-01"}, "is in the future"),
])
def test_bad_free_text_answers_get_specific_messages(answers: dict[str, Any], message: str) -> None:
    with pytest.raises(MalformedInputError, match=message):
        api.explain(REPORT, {**answers, "as_of": "2026-12-04"})


def test_an_event_date_still_to_come_is_an_operation_planned_and_said_back() -> None:
    # (round 34, 626: "Having my left hip replaced in January", event_date 2027-01-19, was refused with "is in the
    # future"; the date of the operation a patient waits for is what many will type)
    plain = "Pre-operative review before left total hip replacement. No heterotopic ossification."
    assessment = api.explain(plain, {"event": "Having my left hip replaced in January", "event_date": "2027-01-19",
                                     "as_of": "2026-12-08"})
    told = " ".join(assessment.you_told_us)
    assert "19 January 2027" in told and "planned" in told
    assert not any(s.startswith("growth.since_event") for s in assessment.answers["growth"].statements)
    assert PatientAnswers.model_validate({"event_date": "2027-01", "as_of": "2026-12-08"}).surgery_planned


def test_a_swollen_knee_alone_after_a_knee_replacement_is_not_a_clot_but_calf_pain_is() -> None:
    knee = "FINDINGS: Heterotopic ossification anterior to the distal femur after left total knee replacement."
    swollen = api.explain(knee, {"symptoms_text": "knee still a bit swollen, no fever", "as_of": "2026-12-04"})
    calf = api.explain(knee, {"symptoms_text": "my calf is sore and swollen", "as_of": "2026-12-04"})
    assert "dvt_suspected" not in [f.id for f in swollen.red_flags]
    assert "dvt_suspected" in [f.id for f in calf.red_flags]


def test_breathlessness_in_the_patients_words_or_answers_raises_the_clot_warning() -> None:
    for answers in ({"symptoms_text": "I have been short of breath since yesterday"},
                    {"symptoms": ["shortness_of_breath"]}):
        assessment = api.explain(REPORT, {**answers, "as_of": "2026-12-04"})
        assert "dvt_suspected" in [f.id for f in assessment.red_flags]
    calm = api.explain(REPORT, {"symptoms_text": "no chest pain, not short of breath, my hip aches",
                                "as_of": "2026-12-04"})
    assert calm.red_flags == ()
    assert calm.you_told_us == ("Symptoms: pain.", "You said you do not have: shortness of breath or chest pain.")


def test_a_health_problem_in_the_patients_words_makes_nsaids_a_caution() -> None:
    early = ("CLINICAL HISTORY: C6 spinal cord injury 6 weeks ago. Rising alkaline phosphatase.\n"
             "FINDINGS: Early immature heterotopic ossification medial to the right hip.")
    plain = api.explain(early, {"as_of": "2026-12-04"})
    assert "treatment.medicines_caution" not in plain.answers["treatment"].statements
    # ... and the caution names the reason the patient gave (round 11, 205: "your report gives a reason")
    for words, said, text in (("I have chronic kidney disease", "kidney disease", "treatment.medicines_caution_kidney"),
                              ("I am 19 weeks pregnant", "pregnancy", "treatment.medicines_caution_pregnancy")):
        told = api.explain(early, {"symptoms_text": words, "as_of": "2026-12-04"})
        assert text in told.answers["treatment"].statements, words
        assert any(said in line for line in told.you_told_us), told.you_told_us
    not_pregnant = api.explain(early, {"symptoms_text": "I am not pregnant", "as_of": "2026-12-04"})
    assert not [t for t in not_pregnant.answers["treatment"].statements if t.startswith("treatment.medicines_caution")]
    # ... nor a ticked box their words say meant something else (round 28, 517: breastfeeding, no box for it)
    ticked = api.explain(early, {"conditions": ["pregnancy"], "as_of": "2026-12-04", "symptoms_text":
                                 "I ticked pregnancy because there was no breastfeeding box - I am NOT pregnant."})
    assert "treatment.medicines_caution_pregnancy" not in ticked.answers["treatment"].statements
    assert not any("pregnancy" in line for line in ticked.you_told_us), ticked.you_told_us


def test_a_side_the_patient_names_that_the_report_does_not_is_said_back_to_check() -> None:
    """Round 8 (152, 158, 165): "had my right shoulder replaced" beside a report of the left shoulder."""
    report = ("X-ray LEFT SHOULDER: small heterotopic ossification inferior to the glenoid baseplate of the left "
              "reverse shoulder.")
    told = api.explain(report, {"event": "had my right shoulder replaced after I broke it on the ice"}).you_told_us
    assert any("You named your right side, but your report is about the left" in line for line in told)
    same = api.explain(report, {"event": "had my left shoulder replaced"}).you_told_us
    assert not any("You named" in line for line in same)
    # the report names the patient's side too, for a new finding there (round 23, 429: a flare-up in the L lower back
    # beside old HO of the right shoulder)
    flare = ("CT: established heterotopic ossification of the R shoulder girdle, unchanged. NEW: painful swelling of "
             "the L lower back muscles, in keeping with an early FOP flare-up.")
    told = api.explain(flare, {"event": "Fell over backwards and landed on my left side"}).you_told_us
    assert not any("You named" in line for line in told)


def test_a_medicine_the_patient_asks_to_take_is_no_prevention_they_had() -> None:
    """Round 24 (442): "can I take ibuprofen instead, my neighbour swears by it" was said back as prevention given."""
    report = "XR: mature heterotopic ossification around the right hip replacement, Brooker II."
    asked = api.explain(report, {"symptoms_text": "The codeine makes me sleepy so can I take ibuprofen instead, my "
                                                  "neighbour swears by it."}).you_told_us
    assert not any(line.startswith("Prevention given or planned") for line in asked)
    took = api.explain(report, {"symptoms_text": "I took ibuprofen for six weeks after the operation."}).you_told_us
    assert any(line.startswith("Prevention given or planned") for line in took)


def test_what_we_read_in_the_patients_words_is_not_the_boxes_they_ticked() -> None:
    """Round 24 (454): "broke my left thigh bone, had a rod put in" beside a ticked brain injury (a concussion with a
    normal head CT) was said back as "we read: brain injury, other broken bone or injury"."""
    report = "Clinic letter: HO at the nail entry point, 5 months after nailing of a left femoral shaft fracture."
    told = api.explain(report, {"event": "Motorbike crash, broke my left thigh bone, had a rod put in",
                                "causes": ["traumatic_brain_injury", "other_fracture_or_trauma"]}).you_told_us
    assert any("(we read: other broken bone or injury)" in line for line in told), told
    unread = api.explain(report, {"event": "the accident in July",
                                  "causes": ["other_fracture_or_trauma"]}).you_told_us
    assert any("we could not match your words to a known cause of HO; you ticked: other broken bone or injury" in line
               for line in unread), unread
    # ... and a cause found only in their other words is no box ticked (round 26, 485: an old wrist sprain)
    untold = api.explain(report, {"event": "the accident in July",
                                  "symptoms_text": "I also sprained my wrist skiing last March."}).you_told_us
    assert not any("you ticked" in line for line in untold), untold


def test_bone_the_patient_places_on_the_side_the_report_finds_none_is_said_back_to_check() -> None:
    """Round 24 (453): both knees replaced, HO at the right only; "The xray found bone growing in the left knee"."""
    report = ("Findings: RIGHT knee: mature heterotopic ossification anterior to the distal femur. LEFT knee: no "
              "heterotopic ossification, no loosening.")
    words = "Both knees were replaced. The xray found bone growing in the left knee which must be why it won't bend."
    told = api.explain(report, {"symptoms_text": words}).you_told_us
    assert any("Your report finds HO only on the right side, and none on the left" in line for line in told)
    right = api.explain(report, {"symptoms_text": words.replace("left", "right")}).you_told_us
    assert not any("You wrote that the bone" in line for line in right)


def test_an_injury_the_patient_names_that_the_report_says_did_not_happen_is_said_back_to_check() -> None:
    """Round 8 re-read (165): the family ticked a brain injury; the letter says "There was no head injury"."""
    report = ("Fracture of the left femur in a scooter accident 06/2026. There was no head injury. Heterotopic "
              "ossification in the vastus lateralis, left thigh.")
    answers = {"causes": ["traumatic_brain_injury"], "as_of": "2026-12-04"}
    assessment = api.explain(report, answers)
    assert "traumatic_brain_injury" not in [c.id for c in assessment.causes]
    assert any("but your report says this did not happen" in line for line in assessment.you_told_us)
    told = api.explain(report.replace("There was no head injury. ", ""), answers).you_told_us
    assert not any("did not happen" in line for line in told)


def test_an_injury_the_report_confirms_is_not_denied_by_its_no_to_an_operation() -> None:
    """Round 13 (247): "Remote childhood injury ("sprained elbow"). No elbow surgery." and an old medial epicondyle
    avulsion fragment; the patient's fall on her elbow was told back as "your report says this did not happen"."""
    answers = {"causes": ["elbow_trauma_or_surgery"], "as_of": "2026-12-05"}
    for injury in ("Sprained elbow at age 12", "Old medial epicondyle avulsion fragment"):
        report = f"Clinical: elbow catching. {injury}. No elbow surgery.\nIMPRESSION: No heterotopic ossification."
        assert not any("did not happen" in line for line in api.explain(report, answers).you_told_us), injury
    denied = api.explain("Clinical: elbow catching. No elbow surgery.\nIMPRESSION: No heterotopic ossification.",
                         answers).you_told_us
    assert any("did not happen" in line for line in denied)  # the operation alone is still denied


def test_prevention_the_patient_ticks_that_the_report_says_was_stopped_is_said_back_to_check() -> None:
    """Round 8 second re-read (159): "Prevention already given: an anti-inflammatory medicine", stopped on day 3."""
    report = ("Indomethacin was started after the operation but stopped after 3 days because of a stomach bleed. "
              "Heterotopic ossification about the left elbow.")
    told = api.explain(report, {"prophylaxis": ["nsaid"], "as_of": "2026-12-04"}).you_told_us
    assert any("your report says it was stopped early or not given" in line for line in told)
    kept = api.explain("Indomethacin was given for 2 weeks. Heterotopic ossification about the left elbow.",
                       {"prophylaxis": ["nsaid"], "as_of": "2026-12-04"}).you_told_us
    assert not any("stopped early" in line for line in kept)


def test_the_patients_own_question_leads_the_questions_for_the_doctor() -> None:
    """Round 9 (171, 173, 178, 182): "When can I get back to playing rugby?" was never taken up. We do not answer it;
    it is carried, in the patient's words, to the top of the questions for the doctor."""
    asked = api.explain(REPORT, {"symptoms_text": "stiff hip, no fever. When can I get back to playing rugby?",
                                 "as_of": "2026-12-04"})
    assert asked.questions_for_doctor[0] == 'Your question: "When can I get back to playing rugby?"'
    assert any("Your own questions" in line for line in asked.you_told_us)
    plain = api.explain(REPORT, {"symptoms_text": "stiff hip, no fever", "as_of": "2026-12-04"})
    assert not any(q.startswith("Your question") for q in plain.questions_for_doctor)


def test_a_question_put_in_so_many_words_is_carried_too() -> None:
    """Round 10, 187: "My mum wants to know if we should get it massaged out." ends with a full stop."""
    asked = api.explain(REPORT, {"symptoms_text": "sore thigh. My mum wants to know if we should get it massaged "
                                                  "out. It is hard.", "as_of": "2026-12-04"})
    assert asked.questions_for_doctor[0] == 'Your question: "My mum wants to know if we should get it massaged out."'


def test_a_long_question_keeps_its_end_where_the_question_is() -> None:
    """Round 11, 216: "... so do I really need to see a cancer team?" was cut off before the question."""
    words = ("The scan person said it might be bone forming in the muscle, which I read is harmless, so do I really "
             "need to see a cancer team?")
    asked = api.explain(REPORT, {"symptoms_text": words, "as_of": "2026-12-04"}).questions_for_doctor[0]
    assert asked.endswith('do I really need to see a cancer team?"') and len(asked) < 150


@pytest.mark.parametrize(("answers", "for_someone_else"), [
    ({"symptoms_text": "I'm her son filling this in. Mum has dementia and can't tell us how she feels."}, True),
    ({"event": "Mum fell at her care home and broke her hip, they gave her half a hip replacement"}, True),
    ({"event": "He bumped his back at nursery and got a lump"}, True),
    ({"symptoms_text": "I am filling this in on behalf of my husband, he cannot type."}, True),
    ({"event": "My son pushed me over in the garden and I broke my elbow"}, False),
    ({"event": "had my hip replaced", "symptoms_text": "my mother had the same thing"}, False),
    ({"event": "They gave me a new hip in March"}, False),
])
def test_a_page_filled_in_for_someone_else_says_who_you_means(answers: dict[str, Any],
                                                               for_someone_else: bool) -> None:
    """A son answering for his mother with dementia must not read advice as if it were about him (round 12, 230)."""
    notice = api.explain(REPORT, {**answers, "as_of": "2026-12-05"}).notice
    assert ("filling this in for someone else" in notice) is for_someone_else
    assert notice.startswith("hoguide explains what your report says")


def test_a_question_whether_it_was_inborn_is_answered_where_nothing_suggests_fop() -> None:
    """Round 13, 248: "Is this something she was born with?" after a brain injury was only carried to the doctor."""
    report = "History: severe traumatic brain injury 08/2026.\nImpression: heterotopic ossification R elbow, maturing."
    asked = api.explain(report, {"symptoms_text": "Is this something she was born with?", "as_of": "2026-12-05"})
    assert "cause.asked_inborn" in asked.answers["cause"].statements
    told = api.explain(report, {"symptoms_text": "She was born with short big toes.", "as_of": "2026-12-05"})
    assert "cause.asked_inborn" not in told.answers["cause"].statements
    fop = api.explain("Suspected fibrodysplasia ossificans progressiva. Heterotopic ossification of the back.",
                      {"symptoms_text": "Is this something he was born with?", "as_of": "2026-12-05"})
    assert "cause.asked_inborn" not in fop.answers["cause"].statements


CORD = "History: spinal cord injury 2019.\nImpression: heterotopic ossification of the right hip, Brooker III."
HIP = "History: right total hip replacement 2024.\nImpression: heterotopic ossification of the right hip, Brooker II."
BRAIN = "History: severe traumatic brain injury 08/2026.\nImpression: heterotopic ossification R elbow, maturing."
FOP = "Known fibrodysplasia ossificans progressiva (FOP). Heterotopic ossification of the back."
RESIDUAL = ("Clinical notes: L hip HO excised 05/08/2026. ?recurrence\nImpression:\n1. Small residual fragment (11 mm) "
            "unchanged from immediate post-op CT - residual, NOT recurrence.\n2. No new heterotopic bone formation.\n")
NOT_BACK = "History: right hip HO excised 2025.\nImpression: no recurrence of heterotopic ossification.\n"
MYOSITIS = "Kicked in the thigh 6 weeks ago.\nImpression: myositis ossificans of the vastus lateralis, immature."
TUMOUR_OPEN = ("Indication: thigh mass, no injury.\nImpression: ossifying mass in the vastus lateralis. Sarcoma cannot "
               "be excluded. Refer to the sarcoma service.")


@pytest.mark.parametrize(("report", "words", "question", "statement"), [
    (CORD, "Should I be on etidronate?", "treatment", "treatment.asked_etidronate_cord"),   # round 13, 256
    (BRAIN, "My wife asked about bisphosphonates - would they help?", "treatment", "treatment.asked_etidronate_brain"),
    (HIP, "What about etidronate?", "treatment", "treatment.asked_etidronate"),
    (HIP, "Is radiation safe with my kidneys?", "treatment", "treatment.asked_radiation_safety"),  # round 13, 243
    (HIP, "Why can't I just take tablets?", "treatment", "treatment.asked_tablets"),
    (HIP, "I have kidney disease. Why can't I just take tablets?", "treatment", "treatment.asked_tablets_caution"),
    (HIP, "I run half-marathons. Can I keep running?", "recovery", "recovery.asked_activity"),    # round 13, 249
    (CORD, "Can I still go to the gym?", "recovery", "recovery.asked_activity_cord"),
    (FOP, "Can she still play sport at school?", "recovery", "recovery.asked_activity_fop"),
    (CORD, "Could it spread to other joints?", "growth", "growth.asked_spread_neurologic"),
    (HIP, "Will it keep spreading?", "growth", "growth.asked_spread"),                              # round 13, 241
    (HIP, "My other hip is being done next year. What can I do so this doesn't happen to that side too?",
     "recurrence", "recurrence.asked_next_operation"),                                              # round 13, 239
    (BRAIN, "Is this something she was born with?", "cause", "cause.asked_inborn"),                 # round 13, 248
    (FOP, "Can the numbing injection cause new bone?", "treatment", "treatment.asked_injections_fop"),  # round 14, 266
    (HIP, "Has the cancer spread to my hip?", "recovery", "recovery.asked_cancer"),                 # round 18, 330
    (MYOSITIS, "Is it a tumour?", "recovery", "recovery.asked_cancer_myositis"),
    (HIP, "Do I need an operation to take it out?", "treatment", "treatment.asked_operation"),     # round 18, 341
    (CORD, "Will they have to cut it out?", "treatment", "treatment.asked_operation_severe"),      # round 18, 337
    (HIP, "I take ibuprofen every day, so why didn't it prevent this?", "treatment",
     "treatment.asked_prevention_failed"),                                                          # round 18, 338
    (HIP, "When can I go back to work?", "recovery", "recovery.asked_work"),                         # round 18, 334
    (RESIDUAL, "The scan says there is still a bit of bone there - has it come back?", "recurrence",
     "recurrence.asked_came_back_residual"),                                                        # round 19, 352
    (NOT_BACK, "Has it come back?", "recurrence", "recurrence.asked_came_back_not"),
])
def test_a_question_in_the_patients_words_is_answered_where_our_sources_speak_to_it(
        report: str, words: str, question: str, statement: str) -> None:
    """Rounds 9-13: patients asked about running, etidronate, radiation, tablets and spreading, and were only told to
    ask their doctor. The answer says what the sources know, right after its first line, and names the question."""
    assessment = api.explain(report, {"symptoms_text": words, "as_of": "2026-12-06"})
    said = assessment.answers[question].statements
    assert said[1] == statement
    assert assessment.answers[question].parts[1].text.startswith("You asked")
    assert any("You asked" in line for line in assessment.you_told_us)
    assert all(statement not in a.statements for q, a in assessment.answers.items() if q != question)


@pytest.mark.parametrize("words", [
    "I run every day and the hip aches after.",          # told, not asked
    "No fever. My physio said I can swim.",              # told, not asked
    "Will my insurance pay for the scans?",                 # asked, but no topic our sources speak to
    "Will it stop me walking again?",                       # no operation to come (not next_operation)
])
def test_words_that_ask_nothing_our_sources_answer_get_no_you_asked(words: str) -> None:
    assessment = api.explain(HIP, {"symptoms_text": words, "as_of": "2026-12-06"})
    assert not [p for a in assessment.answers.values() for p in a.parts if p.text.startswith("You asked")]


def test_the_answer_to_is_it_cancer_stands_in_for_the_general_statement_it_repeats() -> None:
    """"HO is not cancer" is said once, as the answer to the patient's question, not again further down."""
    asked = api.explain(HIP, {"symptoms_text": "Is this cancer?", "as_of": "2026-12-06"}).answers["recovery"]
    told = api.explain(HIP, {"symptoms_text": "My hip is stiff.", "as_of": "2026-12-06"}).answers["recovery"]
    assert "recovery.benign" in told.statements
    assert "recovery.asked_cancer" in asked.statements and "recovery.benign" not in asked.statements
    assert sum("not cancer" in p.text for p in asked.parts) == 1
    # ... but a question about another finding of the report is not answered about the HO (round 26, 482)
    cyst = api.explain(HIP, {"symptoms_text": "My wife is worried about the cyst on my kidney, is that cancer?",
                             "as_of": "2026-12-06"})
    assert "recovery.asked_cancer" not in cyst.answers["recovery"].statements


def test_a_patient_asking_about_cancer_is_not_told_it_is_not_cancer_where_the_report_leaves_a_tumour_open() -> None:
    said = api.explain(TUMOUR_OPEN, {"symptoms_text": "Could this be cancer?", "as_of": "2026-12-06"})
    assert not [p for a in said.answers.values() for p in a.parts if "is not cancer" in p.text]
    # the warning's own text leads the answer, then the answer's first line, then the question's answer
    assert said.answers["recovery"].statements[:3] == ("flag.tumour_recovery", "recovery.general",
                                                       "recovery.asked_cancer_open")


def test_fop_gets_no_general_answer_about_tablets_spreading_or_radiation() -> None:
    """With FOP, the general texts (radiation, tablets, "HO does not spread") are not true or not for them."""
    assessment = api.explain(FOP, {"symptoms_text": "Is radiation safe? Will it spread? What about ibuprofen?",
                                   "as_of": "2026-12-06"})
    said = {s for a in assessment.answers.values() for s in a.statements}
    assert not {"treatment.asked_radiation_safety", "growth.asked_spread", "treatment.asked_tablets"} & said


@pytest.mark.parametrize(("date", "band", "said"), [
    ("2019", "over_12_months", "2019"),        # round 14, 273: a year alone was refused
    ("2026", "unknown", "2026"),               # any day of this year: under 3 months or up to 11
    ("2026-01", "3_to_12_months", "January 2026"),
])
def test_a_year_alone_is_accepted_and_gives_a_time_band_only_where_the_whole_year_falls_in_one(
        date: str, band: str, said: str) -> None:
    answers = PatientAnswers.model_validate({"event_date": date, "as_of": "2026-12-06",
                                             "causes": ["hip_arthroplasty"]})
    case = build_case(reader_for(load_knowledge()).read(HIP), answers)
    assert case_features(CaseView.of(case)).since_event == band
    told = api.explain(HIP, {"event_date": date, "as_of": "2026-12-06"}).you_told_us
    assert any(line.endswith(f"{said}.") for line in told), told


@pytest.mark.parametrize(("date", "said"), [
    ("last march", "March 2026"),          # round 19, 355: refused
    ("last December", "December 2025"),    # this month a year ago
    ("march", "March 2026"),
    ("August last year", "August 2025"),
    ("Sept 2024", "September 2024"),
    ("03/2025", "March 2025"),
    ("5th March 2024", "5 March 2024"),
    ("2024-3-5", "5 March 2024"),
    ("two years ago", "2024"),
    ("6 months ago", "June 2026"),
])
def test_a_date_in_the_patients_words_is_read_and_said_back(date: str, said: str) -> None:
    told = api.explain(HIP, {"event_date": date, "as_of": "2026-12-06"}).you_told_us
    assert any(line.endswith(f"{said}.") for line in told), told


@pytest.mark.parametrize("date", ["yesterday", "5/3/2024", "31 February 2024", "the March after the flood"])
def test_a_date_that_cannot_be_read_is_refused_with_the_forms_that_can(date: str) -> None:
    with pytest.raises(ValueError, match="is not a date we can read: write it as 2024-03-15, 2024-03, 2024"):
        PatientAnswers.model_validate({"event_date": date, "as_of": "2026-12-06"})


def test_every_answer_to_a_question_names_it_so_the_page_can_say_where_it_is() -> None:
    """The "What you told us" line promises answers that start "You asked" (round 14, 261 was promised one that a
    statement said anyway had answered): every statement of the asked table does."""
    kb = load_knowledge()
    said = {s for topic in kb.asked for s in topic.say}
    assert said and all(kb.statement(s).patient.startswith("You asked") for s in said)
    covered = api.explain(HIP, {"symptoms_text": "I have kidney disease. Why can't I take ibuprofen?",
                                "as_of": "2026-12-06"})
    assert ("You asked" in " ".join(covered.you_told_us)) is any(
        p.text.startswith("You asked") for a in covered.answers.values() for p in a.parts)


def test_a_question_the_reports_own_plan_speaks_to_points_to_its_words() -> None:
    """Round 19, 349: "Will this extra bone stop me running again?" beside the letter's "Graduated return to running
    from now" was told only that our sources do not say; the letter's "Plan / advice given:" was no plan at all."""
    letter = ("Radiographs today: a small island of heterotopic ossification, about 12 mm, mature.\n\n"
              "Plan / advice given:\n1. No treatment is needed for the HO.\n2. Graduated return to running from now: "
              "start with run-walk intervals on flat ground.\n")
    asked = {"symptoms_text": "Will this extra bone stop me running again?", "as_of": "2026-12-06"}
    assessment = api.explain(letter, asked)
    assert any("Graduated return to running" in e.text for s in assessment.next_steps for e in s.evidence)
    said = assessment.answers["recovery"].statements
    assert said.index("recovery.asked_activity") < said.index("recovery.asked_in_report")
    no_plan = api.explain(letter.split("Plan / advice given:")[0], asked).answers["recovery"].statements
    assert "recovery.asked_activity" in no_plan and "recovery.asked_in_report" not in no_plan


def test_what_a_patient_read_is_no_care_they_had_and_no_injury_to_come() -> None:
    """Round 20 (373): "I read online that extra bone can grow after elbow fractures and that ibuprofen stops it" was
    said back as prevention given; read as still to come, the fracture would also have cancelled the ticked injury."""
    report = "X-ray right elbow 3 weeks after plate fixation of a distal humerus fracture. No heterotopic ossification."
    assessment = api.explain(report, {
        "event": "broke my right elbow coming off my mountain bike, had plates and screws put in",
        "causes": ["elbow_trauma_or_surgery"], "as_of": "2026-12-04",
        "symptoms_text": "I read online that extra bone can grow after elbow fractures and that ibuprofen stops it. "
                         "Should I start taking ibuprofen now?"})
    told = " ".join(assessment.you_told_us)
    assert "Prevention given" not in told and "we read: elbow injury or elbow surgery" in told


def test_an_anti_inflammatory_taken_for_pain_is_no_prevention_had() -> None:
    # (round 29, 536: "is ibuprofen ok for the ache, I've been taking a couple now and then" was said back as
    # prevention)
    for_pain = api.explain(REPORT, {"symptoms_text": "Also is ibuprofen ok for the ache, I've been taking a couple now "
                                                     "and then."})
    assert not [line for line in for_pain.you_told_us if line.startswith("Prevention given")]
    to_stop_it = api.explain(REPORT, {"symptoms_text": "I took naproxen for 2 weeks after the op to stop this "
                                                       "happening."})
    assert "Prevention given or planned: an anti-inflammatory medicine." in to_stop_it.you_told_us
