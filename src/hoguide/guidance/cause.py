"""Question 1: what caused the HO in my case?

Rules, in order (sources in the cited statements; ho_facts.md §1–3):
1. No HO, HO ruled out, or HO only possible: say so; never name a cause for HO that is not there.
2. FOP suspected or known: the genetic explanation comes first, with its safety message.
3. Causes named in the report or by the patient: each known cause with how often HO follows it.
   The report seldom says what caused the HO, so certainty is "moderate": a known trigger was
   present, not proof that it was the cause.
4. No cause found: say so plainly, with what doctors think happens.
Risk factors found (prior HO, ankylosing spondylitis, DISH …) are added after the cause.
"""

from __future__ import annotations

from hoguide.guidance.compose import compose, status_answer
from hoguide.guidance.view import CaseView
from hoguide.knowledge.loader import KnowledgeBase
from hoguide.models.assessment import Answer, Evidence

MAX_CAUSES = 3


def answer_cause(view: CaseView, kb: KnowledgeBase) -> Answer:
    shared = status_answer(kb, view, "cause")
    if shared is not None and not (view.fop_suspected and view.overall_status == "possible"):
        return shared
    causes = view.causes()
    risks = view.risk_factors()
    risk_ids = [f"cause.risk_{r}" for r in risks if f"cause.risk_{r}" in kb.statements]
    risk_evidence = [e for r in risks for e in risks[r]]
    if view.fop_suspected:
        return compose(kb, "cause", ["cause.fop_suspected", "cause.fop"], certainty="moderate",
                       reason="the report raises FOP; only genetic testing can confirm it",
                       evidence=[*causes.get("fop", []), *(f.evidence for f in view.current)],
                       rule="cause: FOP suspected or known")
    acquired = [c for c in causes if c != "fop"][:MAX_CAUSES]
    if acquired:
        lead = "cause.lead_known" if len(acquired) == 1 else "cause.lead_several"
        evidence: list[Evidence] = [e for c in acquired for e in causes[c]] + risk_evidence
        from_report = any(causes[c] for c in acquired)
        reason = ("the report names a known trigger of HO, but does not say it caused the HO"
                  if from_report else "you told us about a known trigger of HO")
        return compose(kb, "cause", [lead, *(f"cause.{c}" for c in acquired), *risk_ids], certainty="moderate",
                       reason=reason, evidence=evidence, rule=f"cause: known trigger(s) {', '.join(acquired)}")
    return compose(kb, "cause", ["cause.none_found", "cause.mechanism", *risk_ids], certainty="low",
                   reason="neither the report nor your answers name a surgery, injury or illness",
                   evidence=risk_evidence, rule="cause: no cause found")
