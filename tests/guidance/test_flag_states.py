"""What a patient is told of a red flag the report considered and did not find: only what somebody spoke of.
"No periosteal reaction" beside an elbow's HO is a radiologist's routine denial; "Your report describes no signs of
a tumour" on the patient's page raised a fear nobody had (round 23, 435). The clinician's view keeps every state."""

from __future__ import annotations

from typing import Any

import pytest

from hoguide.guidance.engine import assess_case
from hoguide.knowledge.loader import KnowledgeBase
from hoguide.models.assessment import Assessment
from hoguide.models.case import PatientAnswers, build_case
from hoguide.reading.reader import Reader
from hoguide.render.assessment_text import render_text
from hoguide.render.html import render_html

ELBOW = ("Findings: immature heterotopic ossification anterior to the distal humerus within brachialis. "
         "No periosteal reaction elsewhere. No fracture.")
NOT_FOUND_TEXT = "no signs that what it found is a tumour"


def explain(reader: Reader, kb: KnowledgeBase, text: str, **answers: Any) -> Assessment:
    return assess_case(build_case(reader.read(text), PatientAnswers(**answers)), kb)


def tumour_state(assessment: Assessment) -> Any:
    return next(s for s in assessment.flag_states if s.id == "tumour")


def test_a_routine_denial_nobody_asked_about_is_kept_from_the_patient(reader: Reader, kb: KnowledgeBase) -> None:
    assessment = explain(reader, kb, ELBOW)
    state = tumour_state(assessment)
    assert state.state == "not_found" and not state.for_patient
    assert NOT_FOUND_TEXT not in render_text(assessment, markdown=True)
    assert NOT_FOUND_TEXT not in render_html(assessment)
    # the clinician still sees what the report considered
    assert "tumour: not found" in render_text(assessment, markdown=True, clinician=True)


@pytest.mark.parametrize("text, answers", [
    (ELBOW.replace("No periosteal reaction", "No suspicious features or periosteal reaction"), {}),
    (ELBOW, {"symptoms_text": "Could this be a tumour?"}),
    (ELBOW, {"symptoms": ["hard_lump"]}),
    ("Findings: a 3 cm mass in the vastus lateralis with peripheral ossification, in keeping with myositis "
     "ossificans. No periosteal reaction.", {}),
], ids=["the report's own words", "the patient's question", "a lump the patient ticked", "a mass in the report"])
def test_the_denial_is_told_where_a_tumour_or_a_lump_is_spoken_of(reader: Reader, kb: KnowledgeBase, text: str,
                                                                   answers: dict[str, Any]) -> None:
    assessment = explain(reader, kb, text, **answers)
    state = tumour_state(assessment)
    assert state.state == "not_found" and state.for_patient
    assert NOT_FOUND_TEXT in render_text(assessment, markdown=True)


def test_a_nerve_the_injury_hurt_is_not_denied_where_the_report_clears_the_ho_of_it(reader: Reader,
                                                                                     kb: KnowledgeBase) -> None:
    # round 25, 471: "Your report mentions no problem with a nerve" beside a recovering peroneal nerve stretch
    report = ("3. Common peroneal nerve neurapraxia from the injury - recovering.\n"
              "This is from the nerve stretch at the time of the dislocation and is not related to the ossification, "
              "which lies on the inner and back side of the knee, away from the nerve.\n"
              "Ectopic bone formation posteromedial to the knee.\n")
    asked = "Top of my foot is still numb, is the bone pressing on the nerve?"
    assessment = explain(reader, kb, report, symptoms_text=asked)
    state = next(s for s in assessment.flag_states if s.id == "nerve_compression")
    assert state.state == "not_found" and state.for_patient
    page = render_text(assessment, markdown=True)
    assert "not say the HO is pressing on a nerve" in page
    assert "no problem with a nerve" not in page


def test_a_denial_is_quoted_with_the_words_it_denies(reader: Reader, kb: KnowledgeBase) -> None:
    """Round 28, 512 and 510: "Report words: 'metastasis'" beside "does not look like" a tumour read as an alarm."""
    report = ("R hip: Mature heterotopic ossification lateral to the greater trochanter, Brooker grade II. Appearances "
              "typical of mature post-arthroplasty heterotopic ossification - NOT suspicious for metastasis.\n"
              "Doppler: no DVT.\n")
    assessment = explain(reader, kb, report, symptoms_text="Is it cancer?")
    assert [e.text for e in tumour_state(assessment).evidence] == ["NOT suspicious for metastasis"]
    clot = next(s for s in assessment.flag_states if s.id == "dvt")
    assert [e.text for e in clot.evidence] == ["no DVT"]
