"""An Assessment as plain text (terminal) or Markdown: red flags first, then the report, the five
answers, questions for the doctor, sources, and the notice."""

from __future__ import annotations

from collections.abc import Sequence

from hoguide.models.assessment import QUESTIONS, Answer, Assessment, Evidence
from hoguide.render.citations import Source, SourceNumbers

TITLES = {
    "cause": "What caused the HO in my case?",
    "growth": "Is it likely to grow or cause symptoms?",
    "treatment": "Do I need treatment or monitoring?",
    "recovery": "Could this affect my recovery after surgery or injury?",
    "recurrence": "Is there a risk it could come back if removed?",
}
URGENCY_WORDS = {"emergency": "Emergency", "same_day": "Today", "soon": "Soon"}
CAUTION_WORD = "Medicines"  # the warning box's medicine caution, beside the red flags' urgency words


def _quote(assessment: Assessment, start: int, end: int, reading: int) -> str:
    text = assessment.readings[reading].text if assessment.readings else ""
    return " ".join(text[start:end].split())


def quotes(assessment: Assessment, evidence: Sequence[Evidence], limit: int) -> str:
    """Distinct report words, quoted, at most ``limit`` of them."""
    words = dict.fromkeys(_quote(assessment, e.start, e.end, e.reading) for e in evidence)
    return "; ".join(f'"{w}"' for w in list(words)[:limit])


WORDS_LEAD = "Your report on this, in its own words:"


def words_quotes(answer: Answer) -> str:
    """The report's lines an answer quotes (its plan's, and on the cause its own words), each in quotation marks."""
    return " ".join(f'"{line.text}"' for line in answer.report_words)


def source_line(source: Source, *, markdown: bool = False) -> str:
    """One entry of the source list: its number, the public citation, then its DOI, PubMed or web
    address (in Markdown a link named by what it opens)."""
    line = f"[{source.number}] {source.citation}"
    if not source.link:
        return line
    return f"{line} [{source.link_label}]({source.link})" if markdown else f"{line} {source.link}"


def _cited(text: str, marker: str) -> str:
    return f"{text} {marker}" if marker else text


def render_text(assessment: Assessment, *, markdown: bool = False, clinician: bool = False) -> str:
    h1, h2 = ("# ", "## ") if markdown else ("", "")
    bullet = "- " if markdown else "  * "
    sources = SourceNumbers(assessment)  # numbered as this text first cites them
    lines: list[str] = [f"{h1}Your report, explained", "", assessment.notice, ""]

    def heading(title: str) -> None:
        lines.extend([f"{h2}{title}" if markdown else f"{title}\n{'-' * len(title)}", ""])

    if assessment.red_flags or assessment.cautions:
        heading("Act on these first")
        for flag in assessment.red_flags:
            warning = _cited(f"{flag.message} {flag.action}", sources.marker(flag.patient_citations))
            lines.append(f"{bullet}**{URGENCY_WORDS[flag.urgency]}:** {warning}" if markdown
                         else f"{bullet}[{URGENCY_WORDS[flag.urgency].upper()}] {warning}")
            if flag.state == "found" and flag.evidence:  # a diagnosis is named in the report's own words
                lines.append(f"    Report words: {quotes(assessment, flag.evidence, 4)}")
        for caution in assessment.cautions:
            care = _cited(caution.text, sources.marker(caution.citations))
            lines.append(f"{bullet}**{CAUTION_WORD}:** {care}" if markdown
                         else f"{bullet}[{CAUTION_WORD.upper()}] {care}")
        lines.append("")
    heading("In short")  # the five answers in a sentence each, as the page shows them first
    for question in QUESTIONS:
        answer = assessment.answers[question]
        short = _cited(answer.short, sources.marker(answer.short_citations))
        lines.append(f"{bullet}**{TITLES[question]}** {short}" if markdown else f"{bullet}{TITLES[question]} {short}")
    lines.append("")
    heading("What your report says")
    for said in assessment.report_says:
        lines.append(f"{bullet}{_cited(said.text, sources.marker(said.patient_citations))}")
        for i, detail in enumerate(said.details):
            keys = said.detail_citations[i] if i < len(said.detail_citations) else ()
            lines.append(f"    {_cited(detail, sources.marker(keys))}")
        if said.evidence:
            lines.append(f"    Report words: {quotes(assessment, said.evidence, 4)}")
    for state in assessment.flag_states:
        if not state.for_patient:
            continue
        lines.append(f"{bullet}{state.text}")
        if state.evidence:
            lines.append(f"    Report words: {quotes(assessment, state.evidence, 4)}")
    lines.append("")
    if assessment.next_steps:
        heading("What your report suggests next")
        for step in assessment.next_steps:
            if step.status == "recommendation":  # the plan in the report's words, then what it means
                lines.append(f"{bullet}Your report says: {quotes(assessment, step.evidence, 1)}")
                if step.text:
                    lines.append(f"    {_cited(step.text, sources.marker(step.patient_citations))}")
                lines.extend(f"    {detail}" for detail in step.details)
                continue
            lines.append(f"{bullet}{_cited(step.text, sources.marker(step.patient_citations))}")
            lines.extend(f"    {detail}" for detail in step.details)
            lines.append(f"    Report words: {quotes(assessment, step.evidence, 4)}")
        lines.append("")
    if assessment.you_told_us:
        heading("What you told us")
        lines.extend(f"{bullet}{line}" for line in assessment.you_told_us)
        lines.append("")
    if clinician:
        heading("Red flags: every state (clinician view)")
        raised = {(f.id, f.state): f for f in assessment.red_flags}
        lines.extend(f"{bullet}{flag.id}: {flag.state} ({flag.reason})" for flag in raised.values())
        lines.extend(f"{bullet}{state.id}: {state.state.replace('_', ' ')}" for state in assessment.flag_states)
        if not raised and not assessment.flag_states:
            lines.append(f"{bullet}none raised or spoken of")
        lines.append("")
    for question in QUESTIONS:
        answer = assessment.answers[question]
        heading(TITLES[question])
        lead, *more = [_cited(part.text, sources.marker(part.citations)) for part in answer.parts] or [answer.answer]
        lines.append(f"**{lead}**" if markdown else lead)
        if more:
            lines.extend(["", " ".join(more)])
        if answer.report_words:
            lines.extend(["", f"{WORDS_LEAD} {words_quotes(answer)}"])
        lines.append("")
        lines.append(f"How sure: {answer.certainty} ({answer.certainty_reason}).")
        if answer.evidence:
            lines.append(f"Based on: {quotes(assessment, answer.evidence, 5)}")
        if clinician:
            note = " ".join(sources.inline_text(part.text, part.citations) for part in answer.clinician_parts)
            lines.append(f"For clinicians: {note}")
        lines.append("")
    heading("Questions to ask your doctor")
    lines.extend(f"{bullet}{q}" for q in assessment.questions_for_doctor)
    lines.append("")
    listed = sources.listed()
    if listed:
        heading("Sources")
        lines.extend(f"{bullet}{source_line(source, markdown=markdown)}" for source in listed)
    lines.extend(["", f"Reading level: about US grade {assessment.reading_grade:g}. "
                      f"Knowledge version {assessment.knowledge_version}."])
    return "\n".join(lines)
