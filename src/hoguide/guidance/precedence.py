"""Nothing below a red flag contradicts it: each raised flag's ``forbids`` and ``requires``
(content/red_flags.yaml) are applied to the five answers.

A forbidden statement is dropped ("HO is not cancer" under a tumour that is not ruled out, "surgery
to remove it" under suspected FOP). A required statement becomes the answer's first sentence, and
the answer's certainty is the flag's: the lead is what the report asks for, not a settled answer.
A flag may require one of a few leads, the first whose own condition holds for the case (a lump the
patient says is growing is told why the check matters, not to watch for growth). The first raised
flag (in content order) whose lead no other raised flag forbids sets the lead.
"""

from __future__ import annotations

from collections.abc import Sequence

from hoguide.guidance.compose import compose
from hoguide.knowledge.conditions import ALWAYS, CaseFeatures
from hoguide.knowledge.loader import KnowledgeBase
from hoguide.knowledge.schema import RedFlagContent
from hoguide.models.assessment import Answer, QuestionId, RedFlag

CLINICIAN_ONLY_SUFFIX = "_clinician"


def required_lead(content: RedFlagContent, question: QuestionId, case: CaseFeatures, kb: KnowledgeBase) -> str | None:
    """The lead the flag requires for the question in this case: the first of its list that holds (the loader
    checks that the last one always does)."""
    for statement_id in content.requires.get(question, ()):
        when = kb.statement(statement_id).when
        if when == ALWAYS or when.holds(case):
            return statement_id
    return None


def apply_precedence(answer: Answer, raised: Sequence[RedFlag], kb: KnowledgeBase, case: CaseFeatures) -> Answer:
    # (a flag known and under care, raised for the report's emergency rule, leads and forbids nothing: round 32, 596's
    # treated clot is no "check for a clot first")
    contents = [kb.red_flags[f.id] for f in raised
                if f.state != "known" or kb.red_flags[f.id].known_emergency_patient is None]
    if not contents:
        return answer
    forbidden = {statement for content in contents for statement in content.forbids}
    leads = [s for content in contents if (s := required_lead(content, answer.question, case, kb))]
    lead = next((s for s in leads if s not in forbidden), None)
    kept = [s for s in answer.statements if s not in forbidden and s != lead]
    if lead is None and kept == list(answer.statements):
        return answer
    patient = [s for s in kept if not s.endswith(CLINICIAN_ONLY_SUFFIX)]
    clinician = [s for s in kept if s.endswith(CLINICIAN_ONLY_SUFFIX)]
    ids = [lead, *patient] if lead else patient
    if not ids:  # everything it said is forbidden and no flag leads: fall back on "not sure yet"
        fallback = f"{answer.question}.uncertain"
        if fallback not in kb.statements:
            return answer
        ids = [fallback]
    flags = ", ".join(f.id for f in raised)
    # the reason is read by people: the flags by their curated names, never their ids
    named = ", ".join(dict.fromkeys(kb.label("red_flag", content.signal) for content in contents))
    return compose(kb, answer.question, ids, certainty="low" if lead else answer.certainty,
                   reason=f"a warning sign comes first: {named}" if lead else answer.certainty_reason,
                   evidence=answer.evidence, rule=f"{answer.rule}; red flags {flags} applied",
                   clinician_only=clinician)
