"""Red flags read, not matched: the state of each flag in tests/cases/red_flag_states.yaml, and
nothing in the five answers that contradicts a raised flag."""

from __future__ import annotations

from typing import Any

import pytest

from hoguide import api
from hoguide.guidance.engine import assess_case
from hoguide.guidance.precedence import apply_precedence
from hoguide.knowledge.conditions import CaseFeatures
from hoguide.knowledge.loader import KnowledgeBase, load_knowledge
from hoguide.models.assessment import QUESTIONS, Answer, Assessment, RedFlag
from hoguide.models.case import PatientAnswers, build_case
from hoguide.reading.reader import Reader
from tests.conftest import load_cases

ROWS = load_cases("red_flag_states.yaml")


def explain(reader: Reader, kb: KnowledgeBase, text: str, **answers: Any) -> Assessment:
    return assess_case(build_case(reader.read(text), PatientAnswers(**answers)), kb)


def flag_state(assessment: Assessment, flag: str, kb: KnowledgeBase) -> str:
    raised = [f.state for f in assessment.red_flags if kb.red_flags[f.id].signal == flag]
    said = [s.state for s in assessment.flag_states if s.id == flag]
    return (raised or said or ["none"])[0]


RAISING = [r for r in ROWS if r["state"] in ("suspected", "found")]
QUIET = [r for r in ROWS if r not in RAISING and not (r["flag"] == "fop" and r["state"] == "known")]
FOUND = [r for r in ROWS if r["state"] == "found"]


def raised_signals(assessment: Assessment, kb: KnowledgeBase) -> set[str]:
    return {kb.red_flags[f.id].signal for f in assessment.red_flags}


def raised(assessment: Assessment, flag_id: str) -> RedFlag:
    """The warning of that id the explanation shows (StopIteration where it shows none)."""
    return next(f for f in assessment.red_flags if f.id == flag_id)


@pytest.mark.parametrize("row", RAISING, ids=[f"{r['flag']}-{r['text'][:60]}" for r in RAISING])
def test_every_suspected_flag_is_raised(reader: Reader, kb: KnowledgeBase, row: dict[str, Any]) -> None:
    assert row["flag"] in raised_signals(explain(reader, kb, row["text"]), kb)


SAYS_HO = [r for r in RAISING if "says_ho" in r]


@pytest.mark.parametrize("row", SAYS_HO, ids=[f"{r['flag']}-{r['says_ho']}-{r['text'][:60]}" for r in SAYS_HO])
def test_a_flag_speaks_of_ho_only_where_the_report_has_it(reader: Reader, kb: KnowledgeBase,
                                                           row: dict[str, Any]) -> None:
    """Round 13 (241): "numbness ... near your HO ... HO can press on a nearby nerve" beside a neck CT with no HO;
    the report's own plan is still the step to follow, and no HO source is shown for a sign HO does not explain."""
    assessment = explain(reader, kb, row["text"])
    flag = next(f for f in assessment.red_flags if kb.red_flags[f.id].signal == row["flag"])
    content = kb.red_flags[flag.id]
    if row["says_ho"]:
        assert (flag.message, flag.patient_citations) == (content.patient, content.patient_refs)
    else:
        assert (flag.message, flag.action) == (content.no_ho_patient, content.no_ho_action)
        assert "your HO" not in flag.message and "HO can" not in flag.message and flag.patient_citations == ()


@pytest.mark.parametrize("row", FOUND, ids=[f"{r['flag']}-{r['text'][:60]}" for r in FOUND])
def test_a_diagnosis_the_report_makes_is_named_not_called_a_look_alike(
        reader: Reader, kb: KnowledgeBase, row: dict[str, Any]) -> None:
    """"Findings consistent with osteomyelitis and a small abscess" is an infection found, to be treated by the
    report's plan; "early HO can look like an infection, get checked" would make it a question (round 8, 161)."""
    assessment = explain(reader, kb, row["text"])
    assert flag_state(assessment, row["flag"], kb) == "found"
    flag = next(f for f in assessment.red_flags if kb.red_flags[f.id].signal == row["flag"])
    content = kb.red_flags[flag.id]
    assert (flag.message, flag.action) == (content.found_patient, content.found_action)
    assert "look the same" not in flag.message and "look like" not in flag.message
    assert flag.evidence  # the page quotes the report's words for it
    if "treatment" in content.requires:  # its care first (a nerve's plan is in the report's steps)
        assert assessment.answers["treatment"].statements[0] == content.requires["treatment"][0]


def test_breathlessness_the_patient_tells_beside_a_clot_is_an_emergency(kb: KnowledgeBase) -> None:
    """Round 23, 432: "out of breath going up the stairs ... sharp pain on the right side of my chest" beside the
    CT's acute DVT was told to call the team today."""
    report = ("CT venogram: acute occlusive deep vein thrombosis of the right femoral vein. Early heterotopic "
              "ossification lateral to the right hip, Brooker I.\n")
    content = kb.red_flags["dvt_suspected"]
    breathless = next(f for f in api.explain(report, {"symptoms": ["shortness_of_breath"]}).red_flags
                      if f.id == "dvt_suspected")
    assert (breathless.message, breathless.action, breathless.urgency) == (
        content.lung_patient, content.lung_action, "emergency")
    calm = next(f for f in api.explain(report, {"symptoms": ["swelling"]}).red_flags if f.id == "dvt_suspected")
    assert calm.urgency == "same_day" and calm.message == content.found_patient


@pytest.mark.parametrize("row", QUIET, ids=[f"{r['flag']}-{r['state']}-{r['text'][:50]}" for r in QUIET])
def test_no_flag_is_raised_that_the_report_rules_out_knows_or_never_raises(
        reader: Reader, kb: KnowledgeBase, row: dict[str, Any]) -> None:
    assert row["flag"] not in raised_signals(explain(reader, kb, row["text"]), kb)


@pytest.mark.parametrize(("state", "exact", "same_side"), [
    ("known", 0.85, 0.85), ("none", 0.85, 0.85),
    # Ruled out (a test answered it) and not found (no test named) both raise nothing; an image that
    # shows no collection does not rule out an infection here, so some rule-outs read as not found.
    ("ruled_out", 0.80, 0.95), ("not_found", 0.85, 0.90),
])
def test_each_state_is_read_right(reader: Reader, kb: KnowledgeBase, state: str, exact: float,
                                  same_side: float) -> None:
    rows = [r for r in ROWS if r["state"] == state]
    got = [flag_state(explain(reader, kb, r["text"]), r["flag"], kb) for r in rows]
    quiet = {"ruled_out", "not_found"}
    assert len(rows) >= 60
    wrong = [(r["text"], g) for r, g in zip(rows, got, strict=True) if g != state]
    assert len(rows) - len(wrong) >= exact * len(rows), wrong
    side = [g == state or (state in quiet and g in quiet) for g in got]
    assert sum(side) >= same_side * len(rows)


def _every_statement_of(question: str, kb: KnowledgeBase) -> list[str]:
    return [s for s in kb.statements if s.startswith(f"{question}.")]


@pytest.mark.parametrize("flag_id", ["dvt_suspected", "infection_suspected", "tumour_suspected",
                                     "fop_biopsy_hazard", "fop_known", "nerve_compression", "pressure_sore"])
@pytest.mark.parametrize("question", QUESTIONS)
def test_a_raised_flag_forbids_and_leads_in_every_answer(kb: KnowledgeBase, flag_id: str, question: str) -> None:
    content = kb.red_flags[flag_id]
    said = _every_statement_of(question, kb)
    answer = Answer(question, "", "", "", "moderate", "", (), (), tuple(said), "every statement")
    flag = RedFlag(flag_id, content.patient, content.action, content.urgency, content.refs, (), "test")
    result = apply_precedence(answer, [flag], kb, CaseFeatures())
    assert not set(result.statements) & set(content.forbids)
    if question in content.requires:  # a case with nothing known gets the lead that has no condition
        assert result.statements[0] == content.requires[question][-1]
        assert result.answer == kb.statement(content.requires[question][-1]).patient


def test_suspected_fop_is_never_told_it_is_known(reader: Reader, kb: KnowledgeBase) -> None:
    assessment = explain(reader, kb, "Suspected fibrodysplasia ossificans progressiva. Heterotopic ossification "
                                     "in the neck of a 4-year-old.")
    assert [f.id for f in assessment.red_flags] == ["fop_biopsy_hazard"]
    text = " ".join(assessment.patient_texts()).lower()
    assert "you have fop" not in text and "that you have fop" not in text
    assert "surgery to remove it may be an option" not in text
    assert "radiation" not in text


def test_a_letter_that_describes_fops_signs_without_naming_it_warns_before_the_biopsy(reader: Reader,
                                                                                     kb: KnowledgeBase) -> None:
    # round 22, 410: a biopsy planned for "?aggressive fibromatosis" in a 3-year-old whose big toes were bent from birth
    letter = ("Problems: 1. Painful soft tissue swellings, L upper back and posterior neck, after her booster.\n"
              "2. ?Aggressive fibromatosis - for tissue diagnosis.\n"
              "3. Bilateral hallux valgus (congenital, ?familial).\n"
              "Examination: Both great toes short with valgus deviation.\n"
              "Plan: ultrasound-guided core biopsy of the paraspinal lesion; referral to the sarcoma MDT.")
    assessment = explain(reader, kb, letter)
    assert [f.id for f in assessment.red_flags] == ["fop_biopsy_hazard"]  # the tumour work-up yields to it
    assert assessment.answers["cause"].statements[0] == "cause.fop_signs"
    text = " ".join(assessment.patient_texts())
    assert "does not mention HO. So there is no cause" not in text and "Follow that plan" not in text
    biopsy = [s for s in assessment.next_steps if any("core biopsy" in e.text for e in s.evidence)]
    assert biopsy and biopsy[0].text.startswith("Because FOP has not been ruled out")  # no sarcoma team's gloss
    assert assessment.answers["recovery"].statements[0] == "recovery.fop"
    assert set(biopsy[0].patient_citations) & {"Zhang2013-FOP", "DiRocco2017-Delphi"}


def test_a_child_whose_report_checked_and_ruled_out_fop_gets_no_fop_caution(reader: Reader, kb: KnowledgeBase) -> None:
    # round 8, 165: the young-child sign of FOP is for reports silent on FOP
    report = ("Diagnosis: heterotopic ossification, distal left thigh, in a 9-year-old.\nBecause HO in a child can "
              "raise the question of FOP, I checked for its features: his big toes are normal in shape. FOP is not "
              "suspected.")
    assert "fop_biopsy_hazard" not in [f.id for f in explain(reader, kb, report).red_flags]
    silent = "Diagnosis: heterotopic ossification, distal left thigh, in a 4-year-old."
    assert "fop_biopsy_hazard" in [f.id for f in explain(reader, kb, silent).red_flags]


def test_fop_weighed_and_thought_much_less_likely_is_not_told_it_is_there(reader: Reader, kb: KnowledgeBase) -> None:
    # round 22, 413: progressive osseous heteroplasia, with the patient's "The doctors mentioned FOP"
    letter = ("Summary: progressive cutaneous and subcutaneous ossification, L buttock and thigh, since infancy.\n"
              "Great toes normal in shape and length.\n"
              "Impression: most in keeping with progressive osseous heteroplasia. We considered fibrodysplasia "
              "ossificans progressiva (FOP), but this seems much less likely: she has no great toe malformation.\n"
              "Plan: GNAS sequencing sent today (with ACVR1 included on the panel for completeness).")
    assessment = explain(reader, kb, letter, symptoms_text="The doctors mentioned FOP. Does she have FOP?",
                         causes=["fop", "other_genetic"])
    assert not {"fop_biopsy_hazard", "fop_known"} & {f.id for f in assessment.red_flags}
    assert "you have fop" not in " ".join(assessment.patient_texts()).lower()
    assert assessment.overall_status == "present"


def test_numbness_the_patient_dates_to_the_stroke_is_no_new_nerve_sign(reader: Reader, kb: KnowledgeBase) -> None:
    report = "Imp: Early HO R elbow on background of spastic R hemiplegia post haemorrhagic stroke."
    dated = explain(reader, kb, report, symptoms=["numbness"], symptoms_text="My right hand has been numb since the "
                                                                            "stroke.")
    new = explain(reader, kb, report, symptoms=["numbness"], symptoms_text="My little finger went numb last week.")
    assert "nerve_compression" not in [f.id for f in dated.red_flags]
    assert "nerve_compression" in [f.id for f in new.red_flags]
    # ... or to the operation in a patient's short word for it (round 27, 506)
    op = explain(reader, kb, report, symptoms=["numbness"], symptoms_text="Also numb patch on the outside of my thigh "
                                                                         "since the op.")
    assert "nerve_compression" not in [f.id for f in op.red_flags]


def test_known_fop_is_never_told_it_is_only_possible(reader: Reader, kb: KnowledgeBase) -> None:
    assessment = explain(reader, kb, "Heterotopic ossification of the back.", known_fop=True)
    assert [f.id for f in assessment.red_flags] == ["fop_known"]
    text = " ".join(assessment.patient_texts()).lower()
    assert "raises the question of fop" not in text and "raises the chance of fop" not in text
    assert "until fop is ruled out" not in text


def test_a_tumour_not_ruled_out_is_not_reassured(reader: Reader, kb: KnowledgeBase) -> None:
    assessment = explain(reader, kb, "Ossified mass in the left thigh. The mass has doubled in size in 3 weeks; "
                                     "parosteal osteosarcoma is in the differential. Refer to the sarcoma service.")
    assert "tumour_suspected" in [f.id for f in assessment.red_flags]
    text = " ".join(assessment.patient_texts())
    assert "HO is not cancer" not in text
    assert "usually watched, not treated" not in text
    assert assessment.answers["treatment"].statements[0] == "flag.tumour_workup"


def test_a_benign_biopsy_answers_the_tumour_question(reader: Reader, kb: KnowledgeBase) -> None:
    assessment = explain(reader, kb, "Query parosteal osteosarcoma. MICROSCOPIC: mature lamellar bone with a zonal "
                                     "pattern; no atypia or evidence of malignancy. DIAGNOSIS: myositis ossificans.")
    assert "tumour_suspected" not in [f.id for f in assessment.red_flags]


def test_the_fop_screening_answers_raise_suspicion(reader: Reader, kb: KnowledgeBase) -> None:
    text = "Heterotopic ossification in the soft tissues of the back."
    assert explain(reader, kb, text).red_flags == ()
    toes = explain(reader, kb, text, big_toes_short_or_bent_from_birth=True)
    knock = explain(reader, kb, text, hard_lump_after_minor_knock=True)
    assert [f.id for f in toes.red_flags] == [f.id for f in knock.red_flags] == ["fop_biopsy_hazard"]


def test_no_answer_contradicts_a_raised_flag_in_any_table_row_or_example(reader: Reader, kb: KnowledgeBase) -> None:
    from hoguide.examples import example_bytes, example_names
    texts = [r["text"] for r in ROWS] + [example_bytes(n).decode("utf-8") for n in example_names()]
    checked = 0
    for text in texts:
        assessment = explain(reader, kb, text)
        contents = [kb.red_flags[f.id] for f in assessment.red_flags]
        forbidden = {s for c in contents for s in c.forbids}
        for answer in assessment.answers.values():
            assert not forbidden & set(answer.statements), (text, answer.question, answer.statements)
            # the first flag with a lead not forbidden leads, with one of its leads for the question
            leads = [[s for s in c.requires.get(answer.question, ()) if s not in forbidden] for c in contents]
            allowed = next((ids for ids in leads if ids), [])
            if allowed:
                assert answer.statements[0] in allowed, (text, answer.question)
        checked += bool(contents)
    assert checked >= 80


@pytest.mark.parametrize(("text", "answers", "raised"), [
    ("CLINICAL HISTORY: 6-year-old with a hard lump on the back after a fall. "
     "FINDINGS: Heterotopic ossification in the paraspinal muscles.", {}, True),
    ("Heterotopic ossification in the paraspinal muscles.", {"birth_date": "2020-01-01", "as_of": "2026-12-01"}, True),
    ("CLINICAL HISTORY: 15-year-old footballer, thigh contusion. FINDINGS: Myositis ossificans of the right thigh.",
     {}, False),
    ("CLINICAL HISTORY: 8-year-old, supracondylar fracture fixation 10 weeks ago. "
     "FINDINGS: Heterotopic ossification anterior to the elbow.", {}, False),
    ("CLINICAL HISTORY: 6-year-old with a hard lump on the back. FINDINGS: No heterotopic ossification.", {}, False),
])
def test_ho_in_a_young_child_without_a_major_cause_raises_fop(reader: Reader, kb: KnowledgeBase, text: str,
                                                              answers: dict[str, Any], raised: bool) -> None:
    flags = [f.id for f in explain(reader, kb, text, **answers).red_flags]
    assert ("fop_biopsy_hazard" in flags) == raised


def test_known_fop_with_the_reports_airway_warning_says_it_first_today(reader: Reader, kb: KnowledgeBase) -> None:
    """Round 7, case 139: a flare-up under the jaw; the report's emergency line belongs in the first box."""
    text = ("Known fibrodysplasia ossificans progressiva (ACVR1 R206H). New heterotopic ossification in the left "
            "submandibular space. Go to the Emergency Department urgently if there is any difficulty swallowing or "
            "breathing.")
    flag = raised(explain(reader, kb, text), "fop_known")
    assert flag.urgency == "same_day" and "swallow" in flag.message
    quiet = raised(explain(reader, kb, text.split(" Go to")[0]), "fop_known")
    assert quiet.urgency == "soon"
    # an anaesthetist's alert is no warning of a flare-up at the throat (round 23, 429: a lower-back flare-up)
    alert = raised(explain(reader, kb, text.split(" Go to")[0] + " FOP ALERT: no IM injections, difficult "
                           "airway/intubation precautions."), "fop_known")
    assert alert.urgency == "soon" and "swallow" not in alert.message


def test_calf_signs_the_patient_tells_of_now_ask_again_after_an_earlier_clear_scan(reader: Reader,
                                                                                    kb: KnowledgeBase) -> None:
    """Round 9 (168, 180): a duplex in September found no clot; the patient's calf has been hot, swollen and sore
    since Tuesday. A clot can form after a clear scan, so the flag is raised; knee swelling alone is not enough."""
    report = ("Stroke 06/2026. Venous duplex of the right leg 15/09/2026 showed no deep vein thrombosis. "
              "Heterotopic ossification medial to the right knee.")
    assert "dvt" not in raised_signals(explain(reader, kb, report), kb)
    calf = explain(reader, kb, report, symptoms=["calf_pain"])
    assert "dvt" in raised_signals(calf, kb)
    knee = explain(reader, kb, report, symptoms=["swelling", "warmth"])
    assert "dvt" not in raised_signals(knee, kb)


def test_suspected_fop_with_an_urgent_referral_is_shown_for_today(reader: Reader, kb: KnowledgeBase) -> None:
    """Round 8 (157), round 9 (183): "Referral to the national FOP specialist team - urgent, within 2 weeks" was shown
    as "Soon"."""
    report = ("4-year-old girl. Soft tissue ossification in the left upper back muscles; short great toes since birth. "
              "Suspected fibrodysplasia ossificans progressiva. Referral to the FOP specialist team - urgent.")
    flag = raised(explain(reader, kb, report), "fop_biopsy_hazard")
    assert flag.urgency == "same_day" and flag.message == kb.red_flags["fop_biopsy_hazard"].urgent_patient
    calm = explain(reader, kb, report.replace(" - urgent", ""))
    assert raised(calm, "fop_biopsy_hazard").urgency == "soon"


def test_suspected_fop_outranks_the_tumour_work_up_of_the_same_swelling(reader: Reader, kb: KnowledgeBase) -> None:
    # round 10, 201: an MRI impression of a possible sarcoma, revised by an addendum to a suspected FOP flare-up;
    # the tumour flag came first and pointed a parent towards a biopsy
    report = ("Impression:\nAggressive intramuscular lesion, right trapezius; soft tissue sarcoma is in the "
              "differential. Tissue sampling (core biopsy) could be considered.\n\n"
              "ADDENDUM - 24/11/2026 - Dr E. Castellano\nShort great toes since birth. The findings are strongly "
              "suspicious for a flare-up of fibrodysplasia ossificans progressiva (FOP). The earlier suggestion of "
              "tissue sampling is WITHDRAWN. Biopsy is NOT recommended.\n")
    assessment = explain(reader, kb, report)
    assert [f.id for f in assessment.red_flags] == ["fop_biopsy_hazard"]
    assert assessment.overall_status == "possible"
    assert [s.status for s in assessment.report_says][:1] == ["fop_only"]
    assert not [s for s in assessment.next_steps if "sampling" in s.text.lower()]


def test_a_lump_after_a_knock_in_an_adult_with_a_bruised_muscle_does_not_call_off_a_sarcoma_work_up(
        reader: Reader, kb: KnowledgeBase) -> None:
    # round 11, 216: a 29-year-old kneed in the thigh ticked "a hard lump after a minor knock"; the FOP flag
    # ("ask your team not to take a tissue sample") hid the ultrasound's "sarcoma cannot be excluded"
    report = ("Conclusion: 5.4 cm intramuscular mass, left vastus lateralis. This could represent early myositis "
              "ossificans, but a soft tissue sarcoma cannot be excluded. Urgent referral to the sarcoma service.")
    assessment = explain(reader, kb, report, causes=("muscle_contusion",), hard_lump_after_minor_knock=True,
                         birth_date="1997-05-11", as_of="2026-12-05")
    assert [f.id for f in assessment.red_flags] == ["tumour_suspected"]
    # the same answer with no injury to explain the lump is still FOP's sign; and with the toes the flag shows
    # beside the tumour work-up, which the patient's answers alone do not call off
    alone = explain(reader, kb, "Heterotopic ossification in the soft tissues of the back.",
                    hard_lump_after_minor_knock=True)
    assert [f.id for f in alone.red_flags] == ["fop_biopsy_hazard"]
    toes = explain(reader, kb, report, big_toes_short_or_bent_from_birth=True)
    assert {f.id for f in toes.red_flags} == {"tumour_suspected", "fop_biopsy_hazard"}



def test_a_negative_fop_gene_test_answers_a_familys_fear() -> None:
    # round 11, 212: a child with POH and a negative ACVR1 test was told "You have FOP" after her parents wrote of
    # their fear of it, and ticked it among the causes
    report = ("Diagnoses:\n1. Progressive osseous heteroplasia (POH)\n2. GNAS variant\n3. ACVR1 sequencing NEGATIVE "
              "(requested to exclude FOP)\nImpression: the findings fit POH rather than FOP.")
    assessment = api.explain(report, {"causes": ["other_genetic", "fop"], "known_fop": False, "as_of": "2026-12-05",
                                      "symptoms_text": "We read online about FOP and we are terrified that is what "
                                                       "she has."})
    assert "fop_known" not in [f.id for f in assessment.red_flags]
    assert [c.id for c in assessment.causes] == ["other_genetic"]
    assert "you have fop" not in " ".join(assessment.patient_texts()).lower()


def test_a_list_of_what_to_rule_out_is_no_diagnosis(reader: Reader, kb: KnowledgeBase) -> None:
    # round 12, 229: "Alternative causes need exclusion - DVT (urgent venous Doppler recommended), septic arthritis"
    # was told "Your report finds a blood clot" and "Your report finds an infection"
    report = ("IMPRESSION:\n1. No scintigraphic evidence of heterotopic ossification.\n3. Right knee effusion: "
              "non-specific. Alternative causes need exclusion - DVT (urgent venous Doppler recommended), septic "
              "arthritis/cellulitis (consider aspiration if effusion confirmed).\n")
    flags = {f.id: f.state for f in explain(reader, kb, report).red_flags}
    assert flags["dvt_suspected"] == "suspected" and "found" not in flags.values()


def test_a_biopsy_that_found_no_cancer_is_said_beside_the_work_up_it_leaves_open() -> None:
    """Round 12, 227: "NO EVIDENCE OF MALIGNANCY in the material examined" on a core biopsy going to the sarcoma team;
    the patient asked "am I in the clear?" and read only that a tumour was not ruled out."""
    report = ("CLINICAL: Left thigh mass after a football knock.\n"
              "DIAGNOSIS: Left thigh, core biopsies: nodular fasciitis versus early myositis ossificans. No "
              "evidence of malignancy in the material examined.\n"
              "COMMENT: A core samples only part of the lesion, and a sarcoma cannot be entirely excluded; discussion "
              "at the Sarcoma MDT and interval imaging are advised.")
    assessment = api.explain(report)
    assert "tumour_suspected" in [f.id for f in assessment.red_flags]
    cleared = [s for s in assessment.flag_states if s.state == "tested_clear"]
    assert [s.id for s in cleared] == ["tumour"] and "found no sign of cancer" in cleared[0].text
    plain = api.explain("IMPRESSION: Enlarging ossified mass of the thigh; a tumour cannot be excluded. Refer to the "
                        "sarcoma service.")
    assert not [s for s in plain.flag_states if s.state == "tested_clear"]


MATURE_MO = ("Hx: rugby contusion 05/2026, lump stable for 4 months, aches at night after training.\n"
             "Impression: Mature myositis ossificans of L vastus intermedius. Typical zonal maturation; no feature to "
             "suggest an underlying osteosarcoma. No further imaging is required.\n")


def test_a_lumps_signs_the_patient_ticks_do_not_outweigh_the_conclusion_that_there_is_no_tumour() -> None:
    """Round 19, 364: a rugby player ticked "fast-growing lump" and "night pain" for a lump the MRI called mature
    myositis ossificans with no sign of a sarcoma, and was told a tumour had not been ruled out."""
    ticked = {"symptoms": ["hard_lump", "night_pain", "fast_growing_lump"], "as_of": "2026-12-06"}
    assert "tumour_suspected" not in {f.id for f in api.explain(MATURE_MO, ticked).red_flags}
    # with no conclusion on a tumour, the same ticks still ask for the check
    bare = "Impression: myositis ossificans of the left thigh.\n"
    assert "tumour_suspected" in {f.id for f in api.explain(bare, ticked).red_flags}


def test_a_bleed_from_the_stomach_leads_the_treatment_answer_and_no_nsaid_is_offered() -> None:
    """Round 19, 361: black tarry stools on celecoxib and enoxaparin had no warning at all."""
    report = ("Background: ORIF right acetabular fracture, celecoxib for HO prophylaxis, enoxaparin.\n"
              "Today: black tarry stools since yesterday, light-headed.\nPlan: STOP celecoxib. Attend the "
              "Emergency Department TODAY.\n")
    assessment = api.explain(report)
    flag = raised(assessment, "stomach_bleed_suspected")
    assert flag.urgency == "same_day" and "emergency services" in flag.message
    said = assessment.answers["treatment"].statements
    assert said[0] == "flag.stomach_bleed_first" and "treatment.medicines" not in said


def test_a_tumour_the_pathology_report_diagnoses_is_found_not_still_to_rule_out() -> None:
    """Round 19, 356: a core biopsy's "HIGH-GRADE EXTRASKELETAL OSTEOSARCOMA ... Myositis ossificans is NOT favoured"
    was told "a tumour has not been ruled out yet" and "this is to be sure the lump is not a tumour"."""
    report = ("CONCLUSION\nRight thigh soft tissue mass, core biopsy:\nHIGH-GRADE EXTRASKELETAL OSTEOSARCOMA.\n"
              "Myositis ossificans / heterotopic ossification is NOT favoured.\nCOMMENT\nUrgent referral to the "
              "sarcoma service is recommended.\n")
    assessment = api.explain(report)
    flag = raised(assessment, "tumour_suspected")
    assert flag.state == "found" and "finds a tumour" in flag.message
    said = " ".join(p.text for a in assessment.answers.values() for p in a.parts)
    assert "not been ruled out" not in said and "not sure" not in said
    assert assessment.answers["treatment"].statements[0] == "flag.tumour_found_first"


def test_a_clot_only_the_patient_tells_of_is_not_put_beside_ho_looking_the_same(reader: Reader,
                                                                                 kb: KnowledgeBase) -> None:
    """Round 20 (371): a hot, swollen calf and new breathlessness told beside small Brooker I HO at the hip. "Early HO
    can look the same" invited her to think it was the extra bone; she asked whether to rest it off. The warning says
    what she told us and not to wait; a clot the report itself asks about keeps the look-alike words."""
    report = "AP pelvis: left total hip replacement. Brooker I heterotopic ossification. No action required."
    told = raised(explain(reader, kb, report, symptoms=["calf_pain", "swelling"]), "dvt_suspected")
    assert told.message.startswith("You told us") and "do not rest" in told.message
    assert "emergency services" in told.action and "emergency services" not in told.message
    # ... and her breathlessness makes it an emergency (round 23, 432)
    breathless = raised(explain(reader, kb, report, symptoms=["calf_pain", "swelling", "shortness_of_breath"]),
                        "dvt_suspected")
    assert breathless.message.startswith("You told us you are short of breath") and breathless.urgency == "emergency"
    asked = raised(explain(reader, kb, report + " Swollen left calf, ?DVT, duplex requested."), "dvt_suspected")
    assert asked.message == kb.red_flags["dvt_suspected"].patient


def test_a_reports_caveat_that_its_x_ray_can_miss_a_break_is_said(reader: Reader, kb: KnowledgeBase) -> None:
    """"Non-displaced fractures of the hip can be radiographically occult; ... MRI or CT is more sensitive" under an
    impression of "No acute fracture" keeps the question open and says so (round 21, 391, graded unsafe when dropped);
    without the caveat, "no fracture" says nothing of its own."""
    caveat = next(r["text"] for r in ROWS if r["flag"] == "fracture" and r["state"] == "not_excluded"
                  and "occult" in r["text"])
    assert flag_state(explain(reader, kb, caveat), "fracture", kb) == "not_excluded"
    plain = caveat.replace("Non-displaced fractures of the hip can be radiographically occult; ", "")
    assert flag_state(explain(reader, kb, plain), "fracture", kb) == "none"


def test_a_sore_the_patient_tells_of_is_the_warning_only_where_there_is_bone_under_it(reader: Reader,
                                                                                     kb: KnowledgeBase) -> None:
    """A sore the patient ticks raises the pressure-sore warning beside HO (round 10, 197), not on a report that finds
    none (round 21, 400: calcium in the skin after a drip leaked, told "HO under the skin can stop a sore healing")."""
    none = ("X-ray L forearm: calcific densities in the skin. No trabecular pattern and no cortex. Appearances in "
            "keeping with calcinosis cutis. No features of heterotopic ossification.")
    some = "X-ray L hip: heterotopic ossification lateral to the left hip, Brooker II."
    assert flag_state(explain(reader, kb, none, symptoms=("skin_sore",)), "pressure_sore", kb) == "none"
    assert flag_state(explain(reader, kb, some, symptoms=("skin_sore",)), "pressure_sore", kb) == "suspected"


def test_a_pressure_sore_the_report_finds_and_plans_care_for_is_told_as_found_with_its_plan() -> None:
    # (round 30, 551: "Cat 1 pressure injury R ischium", off-loading planned, was told to show the sore within days)
    content = load_knowledge().red_flags["pressure_sore"]
    report = ("Assessment: Progressive neurogenic HO R hip, Brooker III. Loss of hip flexion now affecting seating "
              "posture -> Cat 1 pressure injury R ischium.\nPlan: Off-load R ischium; pressure-relief lifts.\n")
    sore = next(f for f in api.explain(report).red_flags if f.id == "pressure_sore")
    assert sore.message == content.found_patient
