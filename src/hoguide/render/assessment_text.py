"""An Assessment as plain text (terminal) or Markdown: red flags first, then the report, the five
answers, questions for the doctor, sources, and the notice."""

from __future__ import annotations

from collections.abc import Sequence

from hoguide.models.assessment import QUESTIONS, Assessment, Evidence

TITLES = {
    "cause": "What caused the HO in my case?",
    "growth": "Is it likely to grow or cause symptoms?",
    "treatment": "Do I need treatment or monitoring?",
    "recovery": "Could this affect my recovery after surgery or injury?",
    "recurrence": "Is there a risk it could come back if removed?",
}
URGENCY_WORDS = {"emergency": "Emergency", "same_day": "Today", "soon": "Soon"}


def _quote(assessment: Assessment, start: int, end: int, reading: int) -> str:
    text = assessment.readings[reading].text if assessment.readings else ""
    return " ".join(text[start:end].split())


def quotes(assessment: Assessment, evidence: Sequence[Evidence], limit: int) -> str:
    """Distinct report words, quoted, at most ``limit`` of them."""
    words = dict.fromkeys(_quote(assessment, e.start, e.end, e.reading) for e in evidence)
    return "; ".join(f'"{w}"' for w in list(words)[:limit])


def source_line(assessment: Assessment, key: str, *, markdown: bool = False) -> str:
    """One entry of the source list: the public citation, then its DOI, PubMed or web address."""
    line = f"[{key}] {assessment.references[key]}"
    link = assessment.reference_links.get(key)
    if not link:
        return line
    return f"{line} <{link}>" if markdown else f"{line} {link}"


def render_text(assessment: Assessment, *, markdown: bool = False, clinician: bool = False) -> str:
    h1, h2 = ("# ", "## ") if markdown else ("", "")
    bullet = "- " if markdown else "  * "
    lines: list[str] = [f"{h1}Your report, explained", "", assessment.notice, ""]

    def heading(title: str) -> None:
        lines.extend([f"{h2}{title}" if markdown else f"{title}\n{'-' * len(title)}", ""])

    if assessment.red_flags:
        heading("Act on these first")
        for flag in assessment.red_flags:
            lines.append(f"{bullet}**{URGENCY_WORDS[flag.urgency]}:** {flag.message} {flag.action}" if markdown
                         else f"{bullet}[{URGENCY_WORDS[flag.urgency].upper()}] {flag.message} {flag.action}")
        lines.append("")
    heading("What your report says")
    for said in assessment.report_says:
        lines.append(f"{bullet}{said.text}")
        lines.extend(f"    {d}" for d in said.details)
        if said.evidence:
            lines.append(f"    Report words: {quotes(assessment, said.evidence, 4)}")
    for state in assessment.flag_states:
        lines.append(f"{bullet}{state.text}")
        if state.evidence:
            lines.append(f"    Report words: {quotes(assessment, state.evidence, 4)}")
    lines.append("")
    if assessment.next_steps:
        heading("What your report suggests next")
        for step in assessment.next_steps:
            lines.append(f"{bullet}{step.text}")
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
        lines.append(f"**{answer.answer}**" if markdown else answer.answer)
        if answer.explanation:
            lines.extend(["", answer.explanation])
        lines.append("")
        lines.append(f"How sure: {answer.certainty} ({answer.certainty_reason}).")
        if answer.evidence:
            lines.append(f"Based on: {quotes(assessment, answer.evidence, 5)}")
        if clinician:
            lines.append(f"For clinicians: {answer.clinician_note}")
        lines.append(f"Sources: {', '.join(answer.citations)}")
        lines.append("")
    heading("Questions to ask your doctor")
    lines.extend(f"{bullet}{q}" for q in assessment.questions_for_doctor)
    lines.append("")
    heading("Sources")
    lines.extend(f"{bullet}{source_line(assessment, key, markdown=markdown)}" for key in assessment.references)
    lines.extend(["", f"Reading level: about US grade {assessment.reading_grade:g}. "
                      f"Knowledge version {assessment.knowledge_version}."])
    return "\n".join(lines)
