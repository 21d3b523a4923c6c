"""Questions to take to the doctor: the content's questions whose conditions hold for the case, the ones
about this case's own open points first (content/questions.yaml is in that order)."""

from __future__ import annotations

from hoguide.knowledge.conditions import CaseFeatures
from hoguide.knowledge.loader import KnowledgeBase

MAX_QUESTIONS = 7


def questions_for_doctor(case: CaseFeatures, kb: KnowledgeBase) -> list[str]:
    asked = [q.text for q in kb.questions if any(w.holds(case) for w in q.when)]
    return list(dict.fromkeys(asked))[:MAX_QUESTIONS]
