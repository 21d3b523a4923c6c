"""Conditions on a case: what each feature accepts, and which pairs of conditions can meet."""

from __future__ import annotations

from typing import get_args, get_type_hints

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from hoguide.knowledge.conditions import (
    BOOL_FEATURES,
    SET_FEATURES,
    VALUE_FEATURES,
    CaseFeatures,
    When,
    covers_every_case,
)
from hoguide.knowledge.loader import load_knowledge

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


def _holds_by_definition(when: When, case: CaseFeatures) -> bool:
    """The module docstring's rule, feature by feature over all of them (``holds`` looks only at the
    features a condition names)."""
    for name in VALUE_FEATURES:
        if getattr(when, name) and getattr(case, name) not in getattr(when, name):
            return False
    for name in SET_FEATURES:
        have = getattr(case, name)
        if getattr(when, name) and not have & set(getattr(when, name)):
            return False
        if have & set(getattr(when, f"not_{name}")):
            return False
    return all(getattr(when, name) in (None, getattr(case, name)) for name in BOOL_FEATURES)


def _values(name: str) -> st.SearchStrategy[object]:
    kind = get_type_hints(CaseFeatures)[name]
    if name in SET_FEATURES:
        known = sorted({v for w in KB_CONDITIONS for v in (*getattr(w, name), *getattr(w, f"not_{name}"))} | {"x"})
        return st.frozensets(st.sampled_from(known), max_size=3)
    if name in BOOL_FEATURES:
        return st.booleans()
    return st.sampled_from(get_args(kind))


KB_CONDITIONS = sorted({
    *(s.when for s in load_knowledge().statements.values()),
    *(r.when for rules in load_knowledge().answer_rules.values() for r in rules),
    *(w for q in load_knowledge().questions for w in q.when),
}, key=repr)
CASES = st.builds(CaseFeatures, **{name: _values(name) for name in (*VALUE_FEATURES, *SET_FEATURES, *BOOL_FEATURES)})


@settings(max_examples=200, deadline=None)
@given(CASES)
def test_every_condition_of_the_knowledge_base_holds_as_defined(case: CaseFeatures) -> None:
    for when in KB_CONDITIONS:
        assert when.holds(case) == _holds_by_definition(when, case), when
