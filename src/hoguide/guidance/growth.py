"""Question 2: is it likely to grow or cause symptoms?

Rules (time course and maturity: ho_facts.md §4; classification and function: §7, §13.2):
1. No HO, HO ruled out, or only possible: say so (a follow-up scan usually settles "possible").
2. Only past HO: say the report mentions HO from before.
3. HO now: lead with the change since the last scan if there was one, else with its maturity
   (immature bone may still grow, mature bone usually does not); then the grade (small or large
   amount), the usual time course for the likely cause, and whether symptoms are present.
"""

from __future__ import annotations

from hoguide.guidance.compose import compose, status_answer
from hoguide.guidance.view import NEUROLOGIC_CAUSES, CaseView
from hoguide.knowledge.loader import KnowledgeBase
from hoguide.models.assessment import Answer, Certainty

TIME_COURSE = {
    "hip_arthroplasty": "growth.time_course_hip",
    "acetabular_fracture": "growth.time_course_hip",
    "elbow_trauma_or_surgery": "growth.time_course_elbow",
    "muscle_contusion": "growth.time_course_muscle",
    **{cause: "growth.time_course_neurologic" for cause in NEUROLOGIC_CAUSES},
}


def answer_growth(view: CaseView, kb: KnowledgeBase) -> Answer:
    shared = status_answer(kb, view, "growth")
    if shared is not None:
        return shared
    if view.overall_status == "historical":
        return compose(kb, "growth", ["growth.historical"], certainty="moderate",
                       reason="the report mentions HO only from before",
                       evidence=[f.evidence for f in view.with_status("historical")],
                       rule="growth: past HO only")
    ids: list[str] = []
    change, maturity = view.change, view.maturity
    if change is not None:
        ids.append(f"growth.{change}")
    ids.append(f"growth.{maturity}" if maturity else "growth.maturity_unknown")
    if view.high_grade:
        ids.append("growth.high_grade")
    elif view.low_grade:
        ids.append("growth.low_grade")
    time_course = next((TIME_COURSE[c] for c in view.causes() if c in TIME_COURSE), None)
    if time_course:
        ids.append(time_course)
    symptoms = view.symptoms()
    ids.append("growth.symptoms_present" if symptoms else "growth.often_no_symptoms")
    evidence = [f.evidence for f in view.current] + [e for es in symptoms.values() for e in es]
    known = [w for w, v in (("change", change), ("maturity", maturity)) if v]
    certainty: Certainty = "moderate" if known else "low"
    reason = (f"the report describes the {' and '.join(known)} of the bone" if known
              else "the report does not say how mature the bone is or how it has changed")
    return compose(kb, "growth", ids, certainty=certainty, reason=reason, evidence=evidence,
                   rule=f"growth: change={change}, maturity={maturity}, grade={view.grades or None}")
