"""Turn chosen content statements into an Answer: the first is the answer, the rest explain it."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from hoguide.knowledge.loader import KnowledgeBase
from hoguide.knowledge.schema import Statement
from hoguide.models.assessment import Answer, Certainty, CitedText, Evidence, QuestionId

SHORT_PREFIX = "short."  # content/answers_short.yaml: a statement's one-sentence form
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def first_sentence(text: str) -> str:
    return _SENTENCE_END.split(text.strip(), maxsplit=1)[0]


def short_answer(kb: KnowledgeBase, statement_ids: Sequence[str]) -> CitedText:
    """The answer in one sentence, from the statements said for this case, with its sources: the short
    form of the first one that has one. A one-sentence lead without a short form only introduces what
    follows ("Your report points to a likely cause of your HO."), so the statements after it are looked
    at; otherwise the lead's own first sentence is the short answer, with the lead's sources."""
    source = short_source(kb, statement_ids)
    if source.id.startswith(SHORT_PREFIX):
        return CitedText(source.patient, source.patient_refs)
    return CitedText(first_sentence(source.patient), source.patient_refs)


def short_source(kb: KnowledgeBase, statement_ids: Sequence[str]) -> Statement:
    """The statement the short answer is taken from (``short_answer``): a short form, or a statement
    whose first sentence it is."""
    for i, statement_id in enumerate(statement_ids):
        short = kb.statements.get(SHORT_PREFIX + statement_id)
        if short is not None:
            return short
        statement = kb.statement(statement_id)
        if i == 0 and first_sentence(statement.patient) != statement.patient.strip():
            return statement
    return kb.statement(statement_ids[0])


def compose(
    kb: KnowledgeBase,
    question: QuestionId,
    statement_ids: Sequence[str],
    *,
    certainty: Certainty,
    reason: str,
    evidence: Iterable[Evidence] = (),
    rule: str,
    clinician_only: Sequence[str] = (),
) -> Answer:
    """``clinician_only`` statements add to the clinician note and citations, not to patient text."""
    return Answer(question=question, certainty=certainty, certainty_reason=reason,
                  evidence=tuple(dict.fromkeys(evidence)), rule=rule,
                  **_said(kb, tuple(statement_ids), tuple(clinician_only)))


# What an answer says is the content's statements alone, nothing of the report or the patient's words: it is
# worked out once per set of statements and kept (the same few sets recur from report to report).
@lru_cache(maxsize=4096)
def _said(kb: KnowledgeBase, statement_ids: tuple[str, ...], clinician_only: tuple[str, ...]) -> Mapping[str, Any]:
    """The fields of an Answer that come from its statements (``compose``), read-only."""
    ids = list(dict.fromkeys(statement_ids))
    statements = [kb.statement(i) for i in ids]
    extras = [kb.statement(i) for i in clinician_only if i in kb.statements]
    lead, rest = statements[0], statements[1:]
    short = short_answer(kb, ids)
    return MappingProxyType({
        "answer": lead.patient,
        "explanation": " ".join(s.patient for s in rest),
        "clinician_note": " ".join(s.clinician or s.patient for s in (*statements, *extras)),
        "citations": kb.patient_refs(ref for s in (*statements, *extras) for ref in s.refs),
        "statements": tuple(ids + [s.id for s in extras]),
        # each statement with all its own patient sources: the page chooses which it shows (page_sources.py)
        "parts": tuple(CitedText(s.patient, s.patient_refs) for s in statements),
        "clinician_parts": tuple(CitedText(s.clinician or s.patient, kb.patient_refs(s.refs))
                                 for s in (*statements, *extras)),
        "short": short.text,
        "short_citations": short.citations,
    })
