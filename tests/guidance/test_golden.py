"""Every example report gives the explanation a person has read (tests/cases/explanations.yaml)."""

from __future__ import annotations

from typing import Any

import pytest

from hoguide import api
from hoguide.examples import example_bytes, example_names
from hoguide.knowledge.readability import grade_level
from tests.conftest import load_cases

GOLDEN = load_cases("explanations.yaml")


@pytest.mark.parametrize("case", GOLDEN, ids=[c["example"] for c in GOLDEN])
def test_example_explanation(case: dict[str, Any]) -> None:
    assessment = api.explain(example_bytes(case["example"]).decode("utf-8"))
    assert assessment.overall_status == case["overall_status"]
    assert [c.id for c in assessment.causes] == case["causes"]
    assert [f.id for f in assessment.red_flags] == case["red_flags"]
    chosen = {q: [s for s in a.statements if not s.endswith("_clinician")] for q, a in assessment.answers.items()}
    assert chosen == case["answers"]
    for text in assessment.patient_texts():
        assert grade_level(text) <= 8, text
    assert assessment.reading_grade <= 8


def test_every_example_has_a_golden_explanation() -> None:
    assert sorted(c["example"] for c in GOLDEN) == example_names()


def test_same_input_same_output() -> None:
    text = example_bytes("recurrence_after_excision").decode("utf-8")
    assert api.explain(text).to_dict() == api.explain(text).to_dict()
