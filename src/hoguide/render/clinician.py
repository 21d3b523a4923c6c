"""The clinician view's words: one summary line first, and the report's facts grouped once each by
their curated labels (never a raw id such as ``prolonged_immobilisation_or_icu``)."""

from __future__ import annotations

from dataclasses import dataclass

from hoguide.knowledge.loader import KnowledgeBase, load_knowledge
from hoguide.models.assessment import Assessment
from hoguide.models.reading import Finding
from hoguide.render.assessment_text import quotes

GRADE_SYSTEMS = {"brooker": "Brooker", "hastings_graham": "Hastings-Graham", "della_valle": "Della Valle"}
FACT_KINDS = (("cause", "Causes"), ("risk_factor", "Risk factors"), ("symptom", "Symptoms"),
              ("treatment", "Treatments"))
SIDES = {"bilateral": "both sides"}

PLAN_LINES = 3  # the summary line quotes this many lines of the report's plan


@dataclass(frozen=True, slots=True)
class FactLine:
    label: str
    status: str
    words: str


def label(kb: KnowledgeBase, kind: str, concept: str) -> str:
    """The curated label, else the id said as words."""
    try:
        return kb.label(kind, concept)
    except KeyError:
        return concept.replace("_", " ")


def _grade(finding: Finding) -> str:
    if finding.grade is None:
        return ""
    system = GRADE_SYSTEMS.get(finding.grade.system, "grade")
    return f"{system} {finding.grade.value}"


def _place(kb: KnowledgeBase, finding: Finding) -> str:
    sites = ", ".join(label(kb, "site", s) for s in finding.sites)
    side = SIDES.get(finding.laterality or "", finding.laterality or "")
    return f"{sites} ({side})" if sites and side else sites


def _findings_part(kb: KnowledgeBase, assessment: Assessment) -> str:
    """Each distinct place once, with its grade and maturity: "left hip, Brooker III, immature"."""
    seen: dict[str, list[str]] = {}
    for reading in assessment.readings:
        for f in reading.findings:
            if f.experiencer != "patient" or f.status != assessment.overall_status:
                continue
            place = _place(kb, f)
            details = seen.setdefault(place, [])
            for detail in (_grade(f), label(kb, "maturity", f.maturity) if f.maturity else ""):
                if detail and detail not in details:
                    details.append(detail)
    if len(seen) > 1:  # a mention without a site adds nothing beside those with one
        seen.pop("", None)
    return "; ".join(", ".join([place or "site not stated", *details]) for place, details in seen.items())


def clinician_summary(assessment: Assessment) -> str:
    """Site, side, grade, maturity, cause, flags and what the report recommends, in one line."""
    kb = load_knowledge()
    status = assessment.overall_status.replace("_", " ")
    parts = [f"HO {status}"]
    found = _findings_part(kb, assessment)
    if found:
        parts[0] += f": {found}"
    if assessment.causes:
        parts.append("Cause: " + ", ".join(f"{c.label} ({c.source})" for c in assessment.causes))
    if assessment.red_flags:
        flags = [label(kb, "red_flag", kb.red_flags[f.id].signal) + f" ({f.state})" for f in assessment.red_flags]
        parts.append("Flags: " + ", ".join(flags))
    else:
        parts.append("Flags: none raised")
    recommended = [s for s in assessment.next_steps if s.status == "recommendation"]
    if recommended:  # the plan's first lines, in its words; the page lists the whole plan
        more = len(recommended) - PLAN_LINES
        parts.append("Report recommends: " + "; ".join(quotes(assessment, s.evidence, 1)
                                                       for s in recommended[:PLAN_LINES])
                     + (f" (and {more} more in the plan below)" if more > 0 else ""))
    return ". ".join(parts) + "."


def fact_groups(assessment: Assessment) -> list[tuple[str, list[FactLine]]]:
    """Per kind, each concept once (its statuses and the words that said it), for every reading."""
    kb = load_knowledge()
    groups: list[tuple[str, list[FactLine]]] = []
    for kind, title in FACT_KINDS:
        lines: dict[str, tuple[list[str], list[str]]] = {}
        for reading in assessment.readings:
            for fact in reading.facts:
                if fact.kind != kind:
                    continue
                statuses, words = lines.setdefault(label(kb, kind, fact.concept), ([], []))
                status = fact.status + (", other person" if fact.experiencer != "patient" else "")
                quoted = " ".join(fact.text.split())
                if status not in statuses:
                    statuses.append(status)
                if quoted not in words:
                    words.append(quoted)
        if lines:
            groups.append((title, [FactLine(name, "; ".join(s), "; ".join(f'"{w}"' for w in w_[:4]))
                                   for name, (s, w_) in lines.items()]))
    mimics = {label(kb, "mimic", m.concept): m.status for r in assessment.readings for m in r.mimics}
    if mimics:
        groups.append(("Look-alikes (differential, not HO)", [FactLine(n, s, "") for n, s in mimics.items()]))
    return groups
