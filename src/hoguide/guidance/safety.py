"""Red flags: signs that need action now, shown before anything else.

Each rule names the signs that trigger it (ho_facts.md §5: early HO and DVT, infection and
tumours look alike; §10: soft-tissue injury provokes new bone in FOP). A flag never fires on a
sign the report negates ("no fever"), because only present symptoms reach these rules.
"""

from __future__ import annotations

from collections.abc import Iterable

from hoguide.guidance.view import CaseView
from hoguide.knowledge.loader import KnowledgeBase
from hoguide.models.assessment import Evidence, RedFlag

LOWER_LIMB_SITES = {"hip", "thigh", "knee", "leg", "ankle", "foot", "pelvis", "buttock", "acetabulum"}
LOWER_LIMB_CAUSES = {"hip_arthroplasty", "knee_arthroplasty", "acetabular_fracture", "spinal_cord_injury",
                     "prolonged_immobilisation_or_icu"}
MALIGNANT_MIMICS = {"osteosarcoma"}
URGENCY_ORDER = {"emergency": 0, "same_day": 1, "soon": 2}


def _flag(kb: KnowledgeBase, flag_id: str, reason: str, evidence: Iterable[Evidence]) -> RedFlag:
    content = kb.red_flags[flag_id]
    return RedFlag(flag_id, content.patient, content.action, content.urgency, kb.patient_refs(content.refs),
                   tuple(dict.fromkeys(evidence)), reason, content.clinician or "")


def find_red_flags(view: CaseView, kb: KnowledgeBase) -> list[RedFlag]:
    symptoms = view.symptoms()
    flags: list[RedFlag] = []

    # A clot is most likely after leg surgery, a spinal cord injury or a long time in bed.
    leg_signs = {s: symptoms[s] for s in ("swelling", "warmth", "calf_pain") if s in symptoms}
    leg_context = ("calf_pain" in symptoms
                   or (set(view.sites) & LOWER_LIMB_SITES and set(view.causes()) & LOWER_LIMB_CAUSES))
    if leg_signs and leg_context:
        flags.append(_flag(kb, "dvt_suspected",
                           f"{' and '.join(sorted(leg_signs))} in the leg after surgery, injury or bed rest, "
                           "which can also be a blood clot",
                           [e for es in leg_signs.values() for e in es]))

    if "fever" in symptoms or {"redness", "warmth"} <= set(symptoms):
        signs = [s for s in ("fever", "redness", "warmth") if s in symptoms]
        flags.append(_flag(kb, "infection_suspected", f"{' and '.join(signs)}, which can also be an infection",
                           [e for s in signs for e in symptoms[s]]))

    malignant = [(i, m) for i, r in enumerate(view.case.readings) for m in r.mimics
                 if m.concept in MALIGNANT_MIMICS and m.status in ("present", "possible")]
    patient_signs = [s for s in ("fast_growing_lump", "night_pain") if s in symptoms]
    if malignant or patient_signs:
        why = "the report raises a bone tumour" if malignant else "a fast-growing or painful lump"
        flags.append(_flag(kb, "tumour_suspected", why,
                           [Evidence(m.start, m.end, m.text, i) for i, m in malignant]))

    if view.fop_suspected:
        fop = [f.evidence for f in view.facts if f.item.kind == "cause" and f.item.concept == "fop"]
        flags.append(_flag(kb, "fop_biopsy_hazard", "FOP is suspected or known", fop))

    if "numbness" in symptoms and "nerve_compression" in kb.red_flags:
        flags.append(_flag(kb, "nerve_compression", "numbness or tingling", symptoms["numbness"]))
    flags.sort(key=lambda f: URGENCY_ORDER.get(f.urgency, 3))
    return flags
