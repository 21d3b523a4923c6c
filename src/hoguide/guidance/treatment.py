"""Question 3: do I need treatment or monitoring?

Rules (treatment and prophylaxis: ho_facts.md §8, §9, §13.3–13.6; FOP: §10, §13.4):
1. FOP suspected or known: no surgery or biopsy; care from FOP experts. This outranks all else.
2. No HO, HO ruled out, or only possible (a follow-up scan is the usual next step).
3. HO mentioned only as a risk: ask whether prevention is planned.
4. HO with symptoms or a high grade: options (medicines, physical therapy, surgery when it limits
   movement, radiation around surgery). Otherwise: usually watched, not treated; a repeat scan
   if the bone is still immature. Treatment already given is acknowledged.
Clinician notes add prophylaxis regimens with contraindications and excision timing.
"""

from __future__ import annotations

from hoguide.guidance.compose import compose, status_answer
from hoguide.guidance.view import CaseView
from hoguide.knowledge.loader import KnowledgeBase
from hoguide.models.assessment import Answer

CLINICIAN_EXTRAS = ("treatment.prevention_clinician", "treatment.excision_timing_clinician")
HO_TREATMENTS = frozenset({"nsaid", "radiotherapy", "bisphosphonate", "palovarotene", "garetosmab"})


def answer_treatment(view: CaseView, kb: KnowledgeBase) -> Answer:
    if view.fop_suspected:
        return compose(kb, "treatment", ["treatment.fop"], certainty="high",
                       reason="with FOP, surgery and biopsy can make new bone grow",
                       evidence=[f.evidence for f in view.current], rule="treatment: FOP suspected or known")
    if view.overall_status == "hypothetical":
        return compose(kb, "treatment", ["treatment.hypothetical"],
                       certainty="moderate", reason="the report mentions HO only as a risk",
                       evidence=[f.evidence for f in view.with_status("hypothetical")],
                       rule="treatment: HO only a risk", clinician_only=["treatment.prevention_clinician"])
    if view.overall_status == "possible":
        return compose(kb, "treatment", ["treatment.follow_up_imaging"], certainty="low",
                       reason="the report is not sure this is HO",
                       evidence=[f.evidence for f in view.with_status("possible")],
                       rule="treatment: HO only possible")
    shared = status_answer(kb, view, "treatment")
    if shared is not None:
        return shared
    symptoms = view.symptoms()
    # HO care given before: a drug or radiation against HO, or its removal; physiotherapy and the
    # excision of a burn or a tumour elsewhere are not "HO care you have already had"
    given = [t for t in view.treatments_given() if t.item.concept in HO_TREATMENTS]
    if view.removed:
        given += [e for e in view.treatments_given("excision") if e not in given]
    evidence = [f.evidence for f in view.current] + [e for es in symptoms.values() for e in es]
    evidence += [f.evidence for f in given]
    if symptoms or view.high_grade:
        ids = ["treatment.lead_symptoms", "treatment.medicines", "treatment.physical_therapy",
               "treatment.surgery", "treatment.radiation"]
        reason = "the report or your answers mention symptoms" if symptoms else "the grade suggests a lot of bone"
        rule = f"treatment: symptoms={sorted(symptoms) or None}, high grade={view.high_grade}"
    else:
        ids = ["treatment.lead_monitor", "treatment.watchful_waiting"]
        if view.maturity in ("immature", "maturing"):
            ids.append("treatment.follow_up_imaging")
        reason = "no symptoms or high grade are mentioned"
        rule = "treatment: no symptoms, not high grade"
    if view.treatments_given("anticoagulant"):  # NSAIDs add bleeding risk to a blood thinner (§13.5)
        ids = ["treatment.medicines_anticoagulated" if i == "treatment.medicines" else i for i in ids]
        evidence += [f.evidence for f in view.treatments_given("anticoagulant")]
    if given:
        ids.append("treatment.already_treated")
    return compose(kb, "treatment", ids, certainty="moderate", reason=reason, evidence=evidence, rule=rule,
                   clinician_only=CLINICIAN_EXTRAS)
