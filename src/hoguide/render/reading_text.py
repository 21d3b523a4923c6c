"""A Reading as plain text for a terminal: what was found, where, and why."""

from __future__ import annotations

from hoguide.models.reading import Finding, Reading

_STATUS_WORDS = {
    "present": "present",
    "absent": "not present (the report says there is none)",
    "possible": "possible (the report is not sure)",
    "historical": "from the past",
    "hypothetical": "mentioned as a risk or plan, not found",
}


def _describe(finding: Finding) -> str:
    parts = [_STATUS_WORDS[finding.status]]
    if finding.experiencer != "patient":
        parts.append("about someone else")
    where = " ".join(p for p in (finding.laterality or "", ", ".join(finding.sites)) if p)
    if where:
        parts.append(f"site: {where}")
    if finding.grade:
        parts.append(f"grade: {finding.grade.system} {finding.grade.value}")
    if finding.maturity:
        parts.append(f"maturity: {finding.maturity}")
    if finding.change:
        parts.append(f"change: {finding.change}")
    if finding.size:
        parts.append(f"size: {finding.size}")
    return "; ".join(parts)


def render_reading_text(reading: Reading) -> str:
    text = reading.text
    lines = [f"Sections: {', '.join(s.id for s in reading.sections) or 'none found'}", ""]
    if reading.findings:
        lines.append(f"Heterotopic ossification mentions ({len(reading.findings)}):")
        for i, f in enumerate(reading.findings, start=1):
            lines.append(f'  {i}. "{f.text}" [{f.start}-{f.end}] {_describe(f)}')
            sentence = " ".join(text[f.sentence_start : f.sentence_end].split())
            lines.append(f"     in: {sentence}")
            for t in f.triggers:
                lines.append(f'     because of "{t.phrase}" ({t.category})')
    else:
        lines.append("No mention of heterotopic ossification.")
    facts = [f for f in reading.facts if f.kind != "time"]
    if facts:
        lines += ["", "Facts:"]
        lines += [f'  {f.kind} {f.concept}: {f.status} ("{f.text}" [{f.start}-{f.end}])' for f in facts]
    times = [f for f in reading.facts if f.kind == "time"]
    if times:
        lines += ["", "Time references:"]
        lines += [f'  "{f.text}"' + (f" = {f.value}" if f.value else "") for f in times]
    if reading.mimics:
        lines += ["", "Look-alike terms (not heterotopic ossification):"]
        lines += [f'  {m.concept}: "{m.text}"' for m in reading.mimics]
    return "\n".join(lines)
