"""Conditions on a case: what each feature accepts, and which pairs of conditions can meet."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from hoguide.knowledge.conditions import CaseFeatures, When, covers_every_case

AFTER_SCI = CaseFeatures(status="present", causes=frozenset({"spinal_cord_injury"}), neurologic=True,
                         sites=frozenset({"hip"}), grade="high")
AFTER_THA = CaseFeatures(status="present", causes=frozenset({"hip_arthroplasty"}), sites=frozenset({"hip"}))


@pytest.mark.parametrize(("when", "sci", "tha"), [
    ({}, True, True),
    ({"causes": ["hip_arthroplasty"]}, False, True),
    ({"sites": ["hip"], "neurologic": False}, False, True),       # hip-replacement facts stay with that population
    ({"not_causes": ["spinal_cord_injury", "stroke"]}, False, True),
    ({"grade": ["high"]}, True, False),
    ({"status": ["present"], "severe": False}, True, True),       # severe is False in both
    ({"status": ["absent"]}, False, False),
])
def test_a_condition_holds_only_for_the_cases_it_names(when: dict[str, object], sci: bool, tha: bool) -> None:
    condition = When.model_validate(when)
    assert (condition.holds(AFTER_SCI), condition.holds(AFTER_THA)) == (sci, tha)


def test_conditions_that_cannot_meet_are_told_apart_from_those_that_can() -> None:
    hip_replacement = When(causes=("hip_arthroplasty",))
    assert not hip_replacement.compatible_with(When(not_causes=("hip_arthroplasty",)))
    assert not When(status=("absent",)).compatible_with(When(status=("present", "possible")))
    assert not When(neurologic=True).compatible_with(When(neurologic=False))
    assert hip_replacement.compatible_with(When(causes=("spinal_cord_injury",)))  # a case may have both


@pytest.mark.parametrize("when", [
    {"causes": ["stroke"], "not_causes": ["stroke"]},
    {"neurologic": False, "causes": ["spinal_cord_injury"]},
    {"status": ["unknown_status"]},
])
def test_a_condition_that_can_never_hold_is_refused(when: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        When.model_validate(when)


def test_a_decision_table_row_answers_every_case_only_with_a_statement_for_every_case() -> None:
    declined, not_declined = When(imaging_declined=True), When(imaging_declined=False)
    assert covers_every_case([declined, not_declined])
    assert covers_every_case([When(), declined])
    assert not covers_every_case([declined, When(severe=False)])
    assert not covers_every_case([When(imaging_declined=True, severe=True), not_declined])
