"""Turn chosen content statements into an Answer: the first is the answer, the rest explain it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from hoguide.knowledge.loader import KnowledgeBase
from hoguide.models.assessment import Answer, Certainty, CitedText, Evidence, QuestionId


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
    ids = list(dict.fromkeys(statement_ids))
    statements = [kb.statement(i) for i in ids]
    extras = [kb.statement(i) for i in clinician_only if i in kb.statements]
    lead, rest = statements[0], statements[1:]
    citations = kb.patient_refs(ref for s in (*statements, *extras) for ref in s.refs)
    clinician = " ".join(s.clinician or s.patient for s in (*statements, *extras))
    unique_evidence = tuple(dict.fromkeys(evidence))
    return Answer(
        question=question,
        answer=lead.patient,
        explanation=" ".join(s.patient for s in rest),
        clinician_note=clinician,
        certainty=certainty,
        certainty_reason=reason,
        evidence=unique_evidence,
        citations=citations,
        statements=tuple(ids + [s.id for s in extras]),
        rule=rule,
        parts=tuple(CitedText(s.patient, s.patient_refs) for s in statements),
        clinician_parts=tuple(CitedText(s.clinician or s.patient, kb.patient_refs(s.refs))
                              for s in (*statements, *extras)),
    )
