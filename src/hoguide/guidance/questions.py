"""Questions to take to the doctor: the content's questions whose conditions hold for the case, the ones
about this case's own open points first (content/questions.yaml is in that order)."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from hoguide.knowledge.conditions import CaseFeatures
from hoguide.knowledge.loader import KnowledgeBase

MAX_QUESTIONS = 7


def questions_for_doctor(case: CaseFeatures, kb: KnowledgeBase) -> list[str]:
    asked: list[str] = []
    for text, tests in _conditions(kb):
        for test in tests:  # a plain loop: a generator per question cost more than the tests
            if test(case):
                asked.append(text)
                break
    return list(dict.fromkeys(asked))[:MAX_QUESTIONS]


@lru_cache(maxsize=4)
def _conditions(kb: KnowledgeBase) -> tuple[tuple[str, tuple[Callable[[CaseFeatures], bool], ...]], ...]:
    """Each question with its conditions as functions (knowledge only, kept per knowledge base)."""
    return tuple((q.text, tuple(w.test for w in q.when)) for q in kb.questions)
