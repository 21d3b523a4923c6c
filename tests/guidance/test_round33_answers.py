"""Round 33's fictional reports (tests/data/fictional_cases/round33): what a clinician reviewer found wrong in the
first, sealed read, each checked on the page a patient gets."""

from __future__ import annotations

from hoguide.models.assessment import Assessment
from tests.fictional import explain_case


def _round33(case: str) -> Assessment:
    return explain_case("round33", case)


def _flags(assessment: Assessment) -> set[str]:
    return {f.id for f in assessment.red_flags}


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
    assert _flags(assessment) == {"dvt_suspected"}


def test_an_infection_the_report_calls_unlikely_or_places_elsewhere_raises_no_check_today() -> None:
    # (608: "Infection is considered unlikely ... A bone scan alone cannot exclude low-grade infection"; 601: "Septic
    # arthritis was considered unlikely (apyrexial, CRP falling ...)"; 616: a urinary infection, and "The main risks
    # are bleeding (...), infection, fracture" of an operation weighed)
    for case in ("608", "601", "616"):
        assert "infection_suspected" not in _flags(_round33(case)), case
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
