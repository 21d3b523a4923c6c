"""Turn chosen content statements into an Answer: the first is the answer, the rest explain it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from hoguide.guidance.view import CaseView
from hoguide.knowledge.loader import KnowledgeBase
from hoguide.models.assessment import Answer, Certainty, Evidence, QuestionId


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
    )


def status_answer(kb: KnowledgeBase, view: CaseView, question: QuestionId) -> Answer | None:
    """The shared first rule of every question: no HO, no HO found, or HO not certain."""
    status = view.overall_status
    if status in ("none", "hypothetical"):
        return compose(kb, question, [f"{question}.no_ho"], certainty="high",
                       reason="the report does not say you have HO", rule=f"{question}: no HO in the report")
    if status == "absent":
        evidence = [f.evidence for f in view.with_status("absent")]
        return compose(kb, question, [f"{question}.absent"], certainty="high",
                       reason="the report says there is no HO", evidence=evidence,
                       rule=f"{question}: the report says there is no HO")
    if status == "possible":
        evidence = [f.evidence for f in view.with_status("possible")]
        return compose(kb, question, [f"{question}.uncertain"], certainty="low",
                       reason="the report is not sure this is HO", evidence=evidence,
                       rule=f"{question}: HO is only possible")
    return None
