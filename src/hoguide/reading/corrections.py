"""An addendum that corrects the report above it ("This addendum corrects two errors ... on the RIGHT, not the
left ... Brooker grade II, not grade III"; round 32, 586 showed both the wrong side's grade III and the right
one's II). The side it says was wrong holds no HO, and a grade it says was wrong gives way to the addendum's own.
(The rest of the report stays as it was, round 19's 347 says so; only a revised impression that writes steps of its
own replaces the first one's steps, guidance/report_plan.rewritten_impressions. An addendum that withdraws the HO is
report_status.py's.)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from hoguide.models.reading import Finding, Grade, Section, Trigger

ADDENDUM = "addendum"  # section_rules.yaml: the section that corrects everything before it
# the words with which a reporter says the first text was wrong
_CORRECTS = re.compile(r"\b(?:(?:in)?correct(?:s|ed|ion|ions|ing|ly)?|errors?|erroneous(?:ly)?|mistaken(?:ly)?|"
                       r"should (?:have )?read|amend(?:s|ed|ment)?)\b", re.IGNORECASE)
_NOT_SIDE = re.compile(r"\bnot\s+(?:on\s+)?(?:the\s+)?(left|right)\b", re.IGNORECASE)
_NOT_GRADE = re.compile(r"\bnot\s+(?:[A-Z][a-z]+(?:[- ][A-Z][a-z]+)?\s+)?(?:grade|class|stage)\s+([IVX]+|[0-4])\b",
                        re.IGNORECASE)


def corrected_findings(text: str, sections: Sequence[Section], findings: list[Finding]) -> list[Finding]:
    """``findings`` with the side and the grade an addendum says were wrong taken back."""
    addenda = [s for s in sections if s.id == ADDENDUM]
    if not addenda or not any(_CORRECTS.search(text, s.start, s.end) for s in addenda):
        return findings
    denied_sides: dict[str, re.Match[str]] = {}
    denied_grades: set[str] = set()
    for s in addenda:
        for m in _NOT_SIDE.finditer(text, s.start, s.end):
            denied_sides.setdefault(m.group(1).lower(), m)
        denied_grades.update(m.group(1).upper() for m in _NOT_GRADE.finditer(text, s.start, s.end))
    if not denied_sides and not denied_grades:
        return findings
    corrected: dict[str, Grade] = {f.grade.system: f.grade for f in findings
                                   if f.section == ADDENDUM and f.grade is not None
                                   and f.grade.value.upper() not in denied_grades
                                   and (f.laterality or "") not in denied_sides}
    out = []
    for f in findings:
        if f.experiencer == "patient" and f.status in ("present", "possible") and f.laterality in denied_sides:
            m = denied_sides[f.laterality]
            f = replace(f, status="absent", triggers=(*f.triggers, Trigger(m.group(0), "negated", m.start(), m.end())))
        if f.grade is not None and f.grade.value.upper() in denied_grades:
            f = replace(f, grade=corrected.get(f.grade.system))
        out.append(f)
    return out


def took_back(trigger: Trigger) -> bool:
    """Is this the words with which an addendum took a side back ("not the left")?"""
    return trigger.category == "negated" and _NOT_SIDE.fullmatch(trigger.phrase) is not None
