""""What your report says": each HO mention restated plainly, with the words it rests on."""

from __future__ import annotations

from hoguide.guidance.view import CaseView
from hoguide.knowledge.loader import KnowledgeBase
from hoguide.knowledge.schema import BODY_AUTHORITY
from hoguide.models.assessment import Evidence, ReportStatement
from hoguide.models.reading import Finding, Reading
from hoguide.reading.report_status import SectionAuthority, section_authority

SERIOUS_MIMICS = frozenset({"osteosarcoma"})
SIDE_WORDS = {"left": "left", "right": "right", "bilateral": "both sides"}


def _details(finding: Finding, kb: KnowledgeBase, compared: bool) -> tuple[list[str], list[str]]:
    """Plain detail lines from curated labels, and the citations of any grade meaning used."""
    details: list[str] = []
    refs: list[str] = []
    if finding.sites:
        where = ", ".join(kb.label("site", s) for s in finding.sites)
        side = SIDE_WORDS.get(finding.laterality or "")
        details.append(f"Where: {where}" + (f" ({side})." if side else "."))
    if finding.grade:
        grade_id = f"grade.{finding.grade.system}.{finding.grade.value}"
        system = {"brooker": "Brooker", "hastings_graham": "Hastings-Graham", "della_valle": "Della Valle"}
        if finding.grade.system in system:
            line = f"Grade: {system[finding.grade.system]} {finding.grade.value}."
        else:  # "grade IV heterotopic ossification": no scale named, none guessed
            line = f"Grade: {finding.grade.value}. The report does not say which grading scale it used."
        if grade_id in kb.statements:
            statement = kb.statement(grade_id)
            line += " " + statement.patient
            refs += statement.refs
        details.append(line)
    if finding.maturity:
        details.append(f"How mature: {kb.label('maturity', finding.maturity)}.")
    if finding.change and compared:
        details.append(f"Change: {kb.label('change', finding.change)}.")
    return details, refs


def _said_by_the_study(reading: Reading, authority: SectionAuthority) -> list[Finding]:
    """The mentions to restate. A clinical history's "? HO" is the question, not the answer, so
    mentions in scene-setting sections (history, indication: authority below the findings') are left
    out when the findings or the impression speak of HO themselves. And where a more authoritative
    section corrected a less authoritative one ("FINDINGS: could represent HO. IMPRESSION: no HO"),
    the corrected mentions are left out too: the report's own last word is what it says."""
    def rank(finding: Finding) -> int:
        return authority.of(finding.section)
    about_patient = [f for f in reading.findings if f.experiencer == "patient" and f.status != "hypothetical"]
    kept = list(reading.findings)
    if any(rank(f) >= BODY_AUTHORITY for f in about_patient):
        kept = [f for f in kept if rank(f) >= BODY_AUTHORITY or f.experiencer != "patient"]
    top = max((rank(f) for f in about_patient), default=BODY_AUTHORITY)
    return [f for f in kept if f.experiencer != "patient" or f.status == "hypothetical" or rank(f) == top
            or f.status == reading.ho_status]


def restate_report(view: CaseView, kb: KnowledgeBase) -> list[ReportStatement]:
    """One plain statement per status (present, possible, from before …), each with one detail
    line per distinct mention, in the order the report first uses them."""
    groups: dict[str, tuple[list[str], list[Evidence], list[str]]] = {}
    authority = section_authority(kb)
    compared = view.compared_with_prior  # one look at the reports, not one per mention
    for i, reading in enumerate(view.case.readings):
        for finding in _said_by_the_study(reading, authority):
            status = finding.status if finding.experiencer == "patient" else "other_person"
            details, refs = (_details(finding, kb, compared)
                             if status in ("present", "possible", "historical") else ([], []))
            lines, evidence, citations = groups.setdefault(status, ([], [], []))
            line = " ".join(details)
            if line and line not in lines:
                lines.append(line)
            evidence.append(Evidence(finding.start, finding.end, finding.text, i))
            citations += refs
        # A possible bone tumour is never listed among harmless look-alikes: the tumour red flag speaks of it.
        mimics = [m for m in reading.mimics if m.status != "absent" and m.concept not in SERIOUS_MIMICS]
        if mimics:
            labels = ", ".join(dict.fromkeys(kb.label("mimic", m.concept) for m in mimics))
            lines, evidence, _ = groups.setdefault("mimic", ([], [], []))
            lines.append(f"Words like this in your report: {labels}.")
            evidence += [Evidence(m.start, m.end, m.text, i) for m in mimics]
    said = []
    for group, (lines, evidence, refs) in groups.items():
        statement = kb.statement(f"report.{group}")
        said.append(ReportStatement(group, statement.patient, tuple(lines), tuple(evidence),
                                    kb.patient_refs((*statement.refs, *refs))))
    if not any(s.status != "mimic" for s in said):
        statement = kb.statement("report.none")
        said.insert(0, ReportStatement("none", statement.patient, (), (), kb.patient_refs(statement.refs)))
    return said
