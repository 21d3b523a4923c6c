"""Question 5: is there a risk it could come back if removed?

Rules (recurrence by cause: ho_facts.md §9 and §13.8, where definitions differ between
radiographic and re-operation; prophylaxis: §8, §13.6; FOP: §10):
1. FOP suspected or known: surgery makes new bone; it is not done.
2. No HO, HO ruled out, or only possible.
3. HO back after removal ("recurrent", or present after an excision): say so, then the rate for
   the cause and what lowers it. Removed before and not back: the same, without "it is back".
4. Not removed: the question matters only if surgery is planned; the general picture.
"""

from __future__ import annotations

from hoguide.guidance.compose import compose, status_answer
from hoguide.guidance.view import NEUROLOGIC_CAUSES, CaseView
from hoguide.knowledge.loader import KnowledgeBase
from hoguide.models.assessment import Answer

CAUSE_STATEMENTS = {
    "hip_arthroplasty": "recurrence.hip", "acetabular_fracture": "recurrence.hip",
    "elbow_trauma_or_surgery": "recurrence.elbow", "burns": "recurrence.burns",
    **{cause: "recurrence.neurologic" for cause in NEUROLOGIC_CAUSES},
}


def answer_recurrence(view: CaseView, kb: KnowledgeBase) -> Answer:
    if view.fop_suspected:
        return compose(kb, "recurrence", ["recurrence.fop"], certainty="high",
                       reason="with FOP, surgery causes new bone to form",
                       evidence=[f.evidence for f in view.current], rule="recurrence: FOP suspected or known")
    if view.overall_status != "historical" or not view.removed:
        shared = status_answer(kb, view, "recurrence")
        if shared is not None:
            return shared
    by_cause = list(dict.fromkeys(CAUSE_STATEMENTS[c] for c in view.causes() if c in CAUSE_STATEMENTS))
    excisions = view.excision_evidence()
    if view.recurrent or view.removed:
        lead = ["recurrence.recurrent_now"] if view.recurrent else ["recurrence.lead_removed"]
        ids = [*lead, *(by_cause[:1] or ["recurrence.general"]), "recurrence.prophylaxis"]
        evidence = excisions + [f.evidence for f in view.current]
        return compose(kb, "recurrence", ids, certainty="moderate",
                       reason="your HO was removed before; how often it comes back depends on the cause",
                       evidence=evidence, rule=f"recurrence: removed={view.removed}, recurrent={view.recurrent}")
    ids = ["recurrence.not_removed", "recurrence.general", *by_cause[:1]]
    if view.case.answers.surgery_planned:
        ids.append("recurrence.prophylaxis")
    return compose(kb, "recurrence", ids, certainty="moderate",
                   reason="your HO has not been removed", evidence=[f.evidence for f in view.current],
                   rule="recurrence: not removed")
