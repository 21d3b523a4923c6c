"""Questions to take to the doctor: the content's questions whose tags fit the case."""

from __future__ import annotations

from hoguide.guidance.view import CaseView
from hoguide.knowledge.loader import KnowledgeBase

MAX_QUESTIONS = 8
SITE_TAGS = {"hip": "hip", "acetabulum": "hip", "knee": "knee", "elbow": "elbow", "shoulder": "shoulder",
             "thigh": "thigh"}


def case_tags(view: CaseView) -> set[str]:
    """Tags that describe the case, as used by ``when:`` in questions.yaml."""
    status = view.overall_status
    tags = {"always"}
    tags.add({"present": "ho_present", "possible": "ho_possible", "historical": "historical",
              "absent": "ho_absent", "hypothetical": "at_risk", "none": "no_ho"}[status])
    if status in ("present", "historical"):
        tags.add("ho_present" if status == "present" else "historical")
    if view.removed:
        tags.add("removed")
    if view.recurrent:
        tags.add("recurrent")
    if view.fop_suspected:
        tags.add("fop_suspected")
    if view.symptoms():
        tags.add("symptoms")
    if view.high_grade:
        tags.add("high_grade")
    if view.maturity == "immature":
        tags.add("immature")
    if view.neurologic:
        tags.add("neurologic")
    if view.case.answers.surgery_planned:
        tags.add("surgery_planned")
    tags.update(SITE_TAGS[s] for s in view.sites if s in SITE_TAGS)
    return tags


def questions_for_doctor(view: CaseView, kb: KnowledgeBase) -> list[str]:
    tags = case_tags(view)
    specific = [q.text for q in kb.questions if set(q.when) & tags and "always" not in q.when]
    general = [q.text for q in kb.questions if "always" in q.when]
    return list(dict.fromkeys(specific + general))[:MAX_QUESTIONS]
