"""The five answers from their decision tables (``content/answer_rules.yaml``).

For each question the first rule whose condition holds for the case answers it: it says, in
order, those of its statements whose own conditions hold too. The tables, the statements and their
conditions are data a clinician can read and change; this module only walks them and gathers the
report's words each answer rests on.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from hoguide.guidance.compose import compose
from hoguide.guidance.features import HO_TREATMENTS, activity_facts, severity_facts
from hoguide.guidance.view import CaseView
from hoguide.knowledge.conditions import ALWAYS, CaseFeatures
from hoguide.knowledge.loader import KnowledgeBase
from hoguide.knowledge.schema import AnswerRule, EvidenceSource
from hoguide.models.assessment import Answer, Evidence, QuestionId


def _status(view: CaseView) -> list[Evidence]:
    return [f.evidence for f in view.with_status(view.overall_status)]


def _facts(kind: str, concepts: frozenset[str] | None = None) -> Callable[[CaseView], list[Evidence]]:
    def gather(view: CaseView) -> list[Evidence]:
        return [f.evidence for f in view.affirmed(kind) if concepts is None or f.item.concept in concepts]
    return gather


EVIDENCE: dict[EvidenceSource, Callable[[CaseView], list[Evidence]]] = {
    "current": lambda view: [f.evidence for f in view.current],
    "status": _status,
    "symptoms": lambda view: [e for es in view.symptoms().values() for e in es],
    "causes": lambda view: [e for c, es in view.causes().items() if c != "fop" for e in es],
    "fop": lambda view: view.causes().get("fop", []),
    "risk_factors": lambda view: [e for es in view.risk_factors().values() for e in es],
    "excisions": lambda view: view.excision_evidence(),
    "ho_treatments": _facts("treatment", HO_TREATMENTS | {"excision"}),
    "anticoagulant": _facts("treatment", frozenset({"anticoagulant"})),
    "severity": lambda view: [f.evidence for f in severity_facts(view)],
    "activity": lambda view: [f.evidence for f in activity_facts(view)],
}


@lru_cache(maxsize=4)
def _conditions(kb: KnowledgeBase) -> dict[str, Callable[[CaseFeatures], bool] | None]:
    """Each statement's condition as a function, None where it has none (knowledge only, kept per knowledge
    base; most statements hold for every case)."""
    return {statement_id: None if statement.when == ALWAYS else statement.when.test
            for statement_id, statement in kb.statements.items()}


def holding(ids: tuple[str, ...], case: CaseFeatures, kb: KnowledgeBase) -> list[str]:
    """The statements of ``ids`` whose condition holds for the case (an unknown id: KnowledgeError)."""
    tests = _conditions(kb)
    said = []
    for i in ids:
        test = tests[i] if i in tests else kb.statement(i).when.test
        if test is None or test(case):
            said.append(i)
    return said


def chosen_rule(rules: tuple[AnswerRule, ...], case: CaseFeatures, kb: KnowledgeBase) -> tuple[AnswerRule, list[str]]:
    """The first rule that holds and has a statement that holds, with those statements. The loader
    checks that the last rule and its first statement hold for every case."""
    for rule in rules:
        if rule.when.holds(case):
            said = holding(rule.say, case, kb)
            if said:
                return rule, said
    raise AssertionError("the loader checks that the last rule always answers")


def with_asked(question: QuestionId, said: list[str], case: CaseFeatures, kb: KnowledgeBase) -> list[str]:
    """``said`` with the patient's own questions answered right after its first line, where they are seen: for each
    topic asked that this answer answers, the statement of it the answer says anyway (``covered_by``) with what the
    topic adds to it (``covered_adds``), else its first statement that holds, which then stands in for the
    statements it ``replaces``; and the report's own plan line on it (``in_report``), which outranks some of them."""
    answers: list[str] = []
    replaced: set[str] = set()
    for topic in kb.asked:
        if topic.answer == question and topic.topic in case.asks:
            covered = [s for s in said[1:] if s in topic.covered_by][:1]
            # a line of the report's own plan speaks to it: pointed to; where it gives its own time, it outranks
            # what the topic's ``in_report_outranks`` would say
            in_plan = topic.in_report is not None and topic.topic in case.asks_in_plan
            outranked = topic.in_report_outranks if in_plan and topic.topic in case.asks_in_timed_plan else ()
            if covered:
                answers += [*covered, *holding(topic.covered_adds, case, kb)[:1]]
            elif own := [s for s in holding(topic.say, case, kb) if s not in outranked][:1]:
                answers += own
                replaced.update(topic.replaces)
            if in_plan and topic.in_report is not None:
                answers.append(topic.in_report)
    answers = [s for s in dict.fromkeys(answers) if s != said[0]]
    return [said[0], *answers, *(s for s in said[1:] if s not in answers and s not in replaced)]


def answer(question: QuestionId, view: CaseView, case: CaseFeatures, kb: KnowledgeBase) -> Answer:
    rule, said = chosen_rule(kb.answer_rules[question], case, kb)
    said = with_asked(question, said, case, kb)
    extras = holding(rule.clinician_only, case, kb)
    evidence = [e for source in rule.evidence for e in EVIDENCE[source](view)]
    return compose(kb, question, said, certainty=rule.certainty, reason=rule.reason, evidence=evidence,
                   rule=rule.name, clinician_only=extras)
