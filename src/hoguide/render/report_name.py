"""Which report a handout explains, in the report's own words: its exam and date when its first lines
state them ("XR PELVIS AP, 10/09/2026"), else "the report you pasted on <date>".

Only the report's opening lines are looked at, and the words are shown as written (a date such as
03/04/2026 is not reordered: the report's own convention is unknown). The name is patient data: it is
rendered escaped and never logged.
"""

from __future__ import annotations

import re
from datetime import date

HEAD_LINES = 4  # exam and date sit in the first lines of a radiology report, if anywhere
MAX_EXAM = 70
_DATE = r"\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2} [A-Z][a-z]{2,8} \d{4}"
_EXAM_LABEL = re.compile(r"^\s*(?:exam(?:ination)?|study|procedure)\s*:\s*(?P<exam>.+)$", re.IGNORECASE)
_DATE_LABEL = re.compile(rf"\b(?:date(?: of (?:exam|study|service))?)\s*:\s*(?P<date>{_DATE})", re.IGNORECASE)
_ANY_DATE = re.compile(_DATE)
# An opening line that is itself the exam: a modality first ("XR LEFT KNEE 2 VIEWS", "CT PELVIS").
_MODALITY = re.compile(r"^\s*(?:XR|X-RAY|CT|MRI?|US|ULTRASOUND|NM|BONE SCAN|RADIOGRAPHS?|PET)\b[^:]*$",
                       re.IGNORECASE)


def _clean(exam: str) -> str:
    exam = _DATE_LABEL.split(exam)[0]
    exam = _ANY_DATE.sub("", exam)
    exam = re.split(r"\s{2,}|\bdate\b", exam, flags=re.IGNORECASE)[0]
    exam = " ".join(exam.split()).strip(" ,;:-")
    return exam[:MAX_EXAM].rstrip() + ("…" if len(exam) > MAX_EXAM else "")


def report_name(text: str, pasted_on: date) -> str:
    """How the handout names the report it explains."""
    lines = [line for line in text.splitlines() if line.strip()][:HEAD_LINES]
    exam = ""
    when = ""
    for line in lines:
        labelled = _EXAM_LABEL.match(line)
        if not exam and labelled:
            exam = _clean(labelled.group("exam"))
        elif not exam and line is lines[0] and _MODALITY.match(re.split(r"\bdate\b", line, flags=re.IGNORECASE)[0]):
            exam = _clean(line)
        dated = _DATE_LABEL.search(line) or (_ANY_DATE.search(line) if exam and not when else None)
        if not when and dated:
            when = dated.group("date") if "date" in (dated.groupdict() or {}) else dated.group(0)
    if exam and when:
        return f"your report of the {exam}, dated {when}"
    if exam:
        return f"your report of the {exam}"
    if when:
        return f"your report dated {when}"
    return f"the report you pasted on {pasted_on.strftime('%d %B %Y').lstrip('0')}"
