"""The public functions: thin, typed entry points over the reading core."""

from __future__ import annotations

from typing import Any

from hoguide.answers import parse_answers
from hoguide.guidance.engine import assess_case
from hoguide.knowledge.loader import KnowledgeBase, load_knowledge
from hoguide.models.assessment import Assessment
from hoguide.models.case import Case, PatientAnswers, build_case
from hoguide.models.reading import ContextResult, Reading
from hoguide.reading.reader import reader_for


def read(text: str, *, kb: KnowledgeBase | None = None, max_bytes: int | None = None) -> Reading:
    """Read one report given as text.

    >>> reading = read("IMPRESSION: Brooker class III heterotopic ossification about the right hip.")
    >>> [(f.status, f.sites, f.laterality, f.grade.value) for f in reading.findings]
    [('present', ('hip',), 'right', 'III')]
    """
    return reader_for(kb or load_knowledge()).read(text, max_bytes=max_bytes)


def read_bytes(data: bytes, *, kb: KnowledgeBase | None = None, max_bytes: int | None = None) -> Reading:
    """Read one report given as bytes (UTF-8, else Windows-1252 with a warning)."""
    return reader_for(kb or load_knowledge()).read_bytes(data, max_bytes=max_bytes)


def assess_context(sentence: str, start: int, end: int, *, kb: KnowledgeBase | None = None) -> ContextResult:
    """ConText for any target phrase ``sentence[start:end]``: negated, uncertain, historical,
    hypothetical, experiencer, and the triggers that decided it."""
    return reader_for(kb or load_knowledge()).context.assess(sentence, start, end)


def assess(case: Case, *, kb: KnowledgeBase | None = None) -> Assessment:
    """Answer the five questions for a case, with red flags, questions for the doctor and sources."""
    return assess_case(case, kb or load_knowledge())


def explain(text: str, answers: PatientAnswers | dict[str, Any] | None = None, *,
            kb: KnowledgeBase | None = None, max_bytes: int | None = None) -> Assessment:
    """Read one report and assess it, with the patient's optional answers.

    >>> explain("No heterotopic ossification.").overall_status
    'absent'
    """
    knowledge = kb or load_knowledge()
    reading = read(text, kb=knowledge, max_bytes=max_bytes)
    return assess_case(build_case(reading, parse_answers(answers)), knowledge)
