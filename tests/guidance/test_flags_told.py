"""Flags the patient's own answers raise, where the report already explains what they told: a child's lump at the
fracture the report names is no sign of FOP (round 24, 443), numbness beside the nerve illness the report names is
no nerve caught by HO (452). The same answers with nothing to explain them still raise the flag."""

from __future__ import annotations

from typing import Any

from hoguide.guidance.engine import assess_case
from hoguide.knowledge.loader import KnowledgeBase
from hoguide.models.assessment import Assessment
from hoguide.models.case import PatientAnswers, build_case
from hoguide.reading.reader import Reader


def raised(reader: Reader, kb: KnowledgeBase, text: str, **answers: Any) -> set[str]:
    assessment: Assessment = assess_case(build_case(reader.read(text), PatientAnswers(**answers)), kb)
    return {f.id for f in assessment.red_flags}


CHILD = {"hard_lump_after_minor_knock": True, "birth_date": "2017-05-01", "as_of": "2026-12-07"}


def test_a_childs_lump_at_the_fracture_the_report_names_raises_no_fop_flag(reader: Reader, kb: KnowledgeBase) -> None:
    fracture = ("9 year old, 7 weeks after a left supracondylar humerus fracture (K-wires). X-ray: early myositis "
                "ossificans in brachialis.")
    assert "fop_biopsy_hazard" not in raised(reader, kb, fracture, **CHILD)
    knock = "9 year old. X-ray: early myositis ossificans in the left thigh."
    assert "fop_biopsy_hazard" in raised(reader, kb, knock, **CHILD)


def test_numbness_beside_a_nerve_illness_the_report_names_raises_no_nerve_flag(reader: Reader,
                                                                                 kb: KnowledgeBase) -> None:
    gbs = ("Discharge summary. 1. Guillain-Barre syndrome, 6 weeks in ICU on a ventilator. 2. Heterotopic "
           "ossification of both hips, Brooker II right.")
    assert "nerve_compression" not in raised(reader, kb, gbs, symptoms=["numbness", "stiffness"])
    hip = "X-ray: heterotopic ossification of the right hip, Brooker II, after total hip replacement."
    assert "nerve_compression" in raised(reader, kb, hip, symptoms=["numbness", "stiffness"])


def test_a_line_that_already_forbids_the_biopsy_gets_no_ask_before_it_is_done(reader: Reader,
                                                                             kb: KnowledgeBase) -> None:
    """Round 24, 446: "PLEASE DO NOT BIOPSY OR EXCISE these lesions" was glossed "ask your team about this step before
    it is done"; a biopsy the plan asks for keeps the caution."""
    letter = ("Impression: features of myositis ossificans progressiva (FOP) in a 6-year-old: swellings of the neck "
              "and back, short great toes.\nRecommendations:\n- PLEASE DO NOT BIOPSY OR EXCISE these lesions.\n"
              "- Core biopsy of the neck lesion under anaesthetic.\n")
    assessment = assess_case(build_case(reader.read(letter), PatientAnswers()), kb)
    caution = "Because FOP has not been ruled out"
    forbids = [s for s in assessment.next_steps if any("DO NOT BIOPSY" in e.text for e in s.evidence)]
    asks = [s for s in assessment.next_steps if any("Core biopsy" in e.text for e in s.evidence)]
    assert forbids and not forbids[0].text.startswith(caution)
    assert asks and asks[0].text.startswith(caution)


def test_numbness_beside_a_nerve_the_injury_stretched_raises_no_nerve_flag(reader: Reader, kb: KnowledgeBase) -> None:
    """Round 25, 471: the peroneal neurapraxia from a knee dislocation explains the foot's numbness."""
    knee = ("Diagnoses: 1. L knee dislocation. 3. Common peroneal nerve neurapraxia from the injury - recovering.\n"
            "4. Periarticular ossification posteromedial to the knee (ectopic bone formation).")
    assert "nerve_compression" not in raised(reader, kb, knee, symptoms=["numbness", "stiffness"])


def test_signs_told_beside_an_infection_the_report_finds_ask_for_a_check_today(reader: Reader,
                                                                             kb: KnowledgeBase) -> None:
    """Round 25, 467: "Had hot sweats last night" and a ticked fever beside an infected sore over the HO were told only
    to get in touch "if you feel worse"."""
    sore = ("MRI R hip: sinus tract from the ulcer to the greater trochanter with marrow oedema, consistent with "
            "osteomyelitis. Heterotopic ossification R hip, Brooker III, unchanged.")
    told = assess_case(build_case(reader.read(sore), PatientAnswers(symptoms=["fever", "redness"])), kb)
    quiet = assess_case(build_case(reader.read(sore), PatientAnswers()), kb)
    flag = next(f for f in told.red_flags if f.id == "infection_suspected")
    assert flag.urgency == "same_day" and "You told us about a fever" in flag.action
    assert "You told us" not in next(f for f in quiet.red_flags if f.id == "infection_suspected").action


def test_a_sore_the_report_describes_and_dresses_is_no_new_sore_from_the_patients_tick(reader: Reader,
                                                                                       kb: KnowledgeBase) -> None:
    """Round 25, 458: a graft patch rubbing open, "clean, granulating", dressed twice a week by the school nurse, was
    warned of as a new sore from the parent's ticked "skin sore"; a sore only the patient tells of still is."""
    dressed = ("Heterotopic ossification R elbow. 1 x 1.5 cm superficial graft breakdown over the olecranon - clean, "
               "granulating, no cellulitis.\nPlan: Skin: dressings twice a week via school nurse.")
    assert "pressure_sore" not in raised(reader, kb, dressed, symptoms=["skin_sore"])
    told = "Heterotopic ossification R elbow, Hastings-Graham IIA."
    assert "pressure_sore" in raised(reader, kb, told, symptoms=["skin_sore"])
