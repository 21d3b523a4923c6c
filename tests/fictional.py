"""The fictional reports of tests/data/fictional_cases explained as a patient would get them, for the tests that check
what a clinician reviewer found on one case's page."""

from __future__ import annotations

import json
from pathlib import Path

from hoguide import api
from hoguide.models.assessment import Assessment

FICTIONAL = Path(__file__).parent / "data" / "fictional_cases"


def explain_case(half: str, case: str) -> Assessment:
    """Case ``case`` (its number) of ``half`` ("round31"), its report explained with the patient's answers."""
    folder = FICTIONAL / half
    report = next(folder.glob(f"{case}_*.txt")).read_text(encoding="utf-8")
    answers = json.loads((folder / f"{case}_answers.json").read_text(encoding="utf-8"))
    return api.explain(report, answers)


def plan_words(assessment: Assessment) -> list[str]:
    """The report's own words of each line of the plan the page quotes, on one line."""
    return [" ".join(assessment.readings[s.evidence[0].reading].text[s.evidence[0].start:s.evidence[0].end].split())
            for s in assessment.next_steps if s.status == "recommendation"]


def raised_flags(assessment: Assessment) -> set[str]:
    """The ids of the red flags the page raises."""
    return {f.id for f in assessment.red_flags}
