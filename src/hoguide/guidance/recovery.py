"""Question 4: could this affect my recovery after surgery or injury?

Rules (effect on recovery by site: ho_facts.md §11; function by grade: §7, §13.2; neurologic
HO: §5, §11):
1. No HO, HO ruled out, or only possible.
2. After spinal cord or brain injury or stroke: what neurogenic HO does to sitting, care and skin.
3. Otherwise by the site of the HO: hip, knee, elbow, shoulder, thigh muscle after a bruise,
   residual limb, or in general; then what the grade says about movement; then that it is benign.
"""

from __future__ import annotations

from hoguide.guidance.compose import compose, status_answer
from hoguide.guidance.view import CaseView
from hoguide.knowledge.loader import KnowledgeBase
from hoguide.models.assessment import Answer, Certainty

SITE_STATEMENTS = {
    "hip": "recovery.hip", "acetabulum": "recovery.hip", "pelvis": "recovery.hip", "buttock": "recovery.hip",
    "knee": "recovery.knee",
    "elbow": "recovery.elbow", "forearm": "recovery.elbow", "upper_arm": "recovery.elbow",
    "shoulder": "recovery.shoulder",
    "residual_limb": "recovery.residual_limb",
}


def _muscle_injury(view: CaseView) -> bool:
    return "muscle_contusion" in view.causes() or any("myositis" in f.item.text.lower() for f in view.current)


def answer_recovery(view: CaseView, kb: KnowledgeBase) -> Answer:
    shared = status_answer(kb, view, "recovery")
    if shared is not None:
        return shared
    ids: list[str] = []
    if view.neurologic:
        ids.append("recovery.neurologic")
    site_ids = [SITE_STATEMENTS[s] for s in view.sites if s in SITE_STATEMENTS]
    if "thigh" in view.sites and _muscle_injury(view):
        site_ids.insert(0, "recovery.thigh_muscle")  # myositis ossificans after a bruise
    ids += list(dict.fromkeys(site_ids))[:2] or (["recovery.general"] if not ids else [])
    if view.high_grade:
        ids.append("recovery.high_grade")
    elif view.low_grade:
        ids.append("recovery.low_grade")
    ids.append("recovery.benign")
    evidence = [f.evidence for f in view.current]
    certainty: Certainty = "moderate" if view.sites or view.grades else "low"
    reason = ("based on where the HO is" + (" and its grade" if view.grades else "")) if view.sites \
        else "the report does not say exactly where the HO is"
    return compose(kb, "recovery", ids, certainty=certainty, reason=reason, evidence=evidence,
                   rule=f"recovery: sites={view.sites or None}, neurologic={view.neurologic}")
