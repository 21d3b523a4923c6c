"""The patient page's optional questions, turned into PatientAnswers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hoguide.answers import parse_answers
from hoguide.knowledge.loader import KnowledgeBase
from hoguide.models.case import PATIENT_SYMPTOM_LABELS, PatientAnswers

FORM_SYMPTOMS = tuple(PATIENT_SYMPTOM_LABELS)  # every symptom id the answers take (models/case.py)


@dataclass(frozen=True, slots=True)
class Choice:
    value: str
    label: str


def cause_choices(kb: KnowledgeBase) -> list[Choice]:
    return [Choice(c.id, c.label) for c in kb.concepts("cause")]


def symptom_choices() -> list[Choice]:
    return [Choice(v, PATIENT_SYMPTOM_LABELS[v]) for v in FORM_SYMPTOMS]


def answers_from_form(cause: str, event_date: str, symptoms: list[str], prior_excision: str,
                      known_fop: str, big_toes: str = "", lump_after_knock: str = "", event_text: str = "",
                      symptoms_text: str = "") -> PatientAnswers | None:
    """Only what the person filled in; the same checks and messages as ``--answers``."""
    data: dict[str, Any] = {}
    if cause:
        data["causes"] = [cause]
    if event_date.strip():
        data["event_date"] = event_date.strip()
    if event_text.strip():
        data["event"] = event_text.strip()
    if symptoms_text.strip():
        data["symptoms_text"] = symptoms_text.strip()
    if symptoms:
        data["symptoms"] = symptoms
    if prior_excision == "yes":
        data["prior_excision"] = True
    if known_fop == "yes":
        data["known_fop"] = True
    if big_toes == "yes":
        data["big_toes_short_or_bent_from_birth"] = True
    if lump_after_knock == "yes":
        data["hard_lump_after_minor_knock"] = True
    return parse_answers(data) if data else None
