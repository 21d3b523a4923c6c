"""Score the reader against your own annotated reports, one JSON object per line:

    {"text": "...", "target": "heterotopic ossification", "ho_status": "absent",
     "site": "hip", "laterality": "left", "grade": {"system": "brooker", "value": "III"}}

Only ``text`` and ``ho_status`` are required. With ``target``, the finding at that phrase is scored;
without it, the report-level status (``Reading.ho_status``: the most authoritative section decides).
``ho_status`` "none" means the report does not mention HO. ``grade`` may also be "Brooker III".
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from hoguide.errors import HoguideError, MalformedInputError
from hoguide.evaluation.kit import locate_target
from hoguide.evaluation.metrics import Confusion
from hoguide.models.reading import Finding, Reading
from hoguide.reading.reader import Reader

STATUSES = ("present", "absent", "possible", "historical", "hypothetical", "none")


@dataclass
class AttributeScore:
    right: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 0.0


@dataclass
class GoldReport:
    status: Confusion = field(default_factory=lambda: Confusion(STATUSES))
    attributes: dict[str, AttributeScore] = field(
        default_factory=lambda: {k: AttributeScore() for k in ("site", "laterality", "grade")}
    )
    bad_lines: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


GRADE_SPELLINGS = (("hastings-graham", "hastings_graham"), ("hastings and graham", "hastings_graham"),
                   ("hastings & graham", "hastings_graham"), ("hastings graham", "hastings_graham"),
                   ("della valle", "della_valle"))


def grade_key(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dict):
        value = f"{value.get('system', '')} {value.get('value', '')}"
    words = str(value).lower()
    for spelling, system in GRADE_SPELLINGS:
        words = words.replace(spelling, system)
    return " ".join(w for w in words.split() if w not in ("class", "grade", "unnamed"))


def _attribute_matches(key: str, finding: Finding, gold: Any) -> bool:
    if key == "site":
        return gold in finding.sites
    if key == "laterality":
        return bool(finding.laterality == gold)
    return grade_key(finding.grade.to_dict() if finding.grade else None) == grade_key(gold)


def parse_text_row(line: str) -> dict[str, Any]:
    """One JSON Lines row that must be an object with a "text" string (gold reports, HO corpus)."""
    try:
        row = json.loads(line)
    except json.JSONDecodeError as error:
        raise MalformedInputError(f"not valid JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(row, dict) or not isinstance(row.get("text"), str):
        raise MalformedInputError('each line must be an object with a "text" string')
    return row


def _parse(line: str) -> dict[str, Any]:
    row = parse_text_row(line)
    if row.get("ho_status") not in STATUSES:
        raise MalformedInputError(f'"ho_status" must be one of {", ".join(STATUSES)}')
    return row


def _predicted(reading: Reading, target: str | None) -> tuple[str, Finding | None]:
    patient = [f for f in reading.findings if f.experiencer == "patient"]
    if target:
        span = locate_target(target, reading.text)
        hit = next((f for f in patient if span and f.start < span[1] and span[0] < f.end), None)
        return (hit.status, hit) if hit else ("none", None)
    status = "none" if reading.ho_status == "not_mentioned" else reading.ho_status
    return status, next((f for f in patient if f.status == status), None)


def evaluate_gold(lines: Iterable[str], reader: Reader) -> GoldReport:
    report = GoldReport()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = _parse(line)
            reading = reader.read(row["text"])
        except HoguideError as error:
            report.bad_lines.append(f"line {number}: {error.message}")
            continue
        status, finding = _predicted(reading, row.get("target"))
        report.status.add(row["ho_status"], status)
        if status != row["ho_status"]:
            report.errors.append(f"line {number}: gold {row['ho_status']}, read {status} | {row.get('target') or ''}")
        for key, score in report.attributes.items():
            if row.get(key) is not None:
                score.total += 1
                score.right += finding is not None and _attribute_matches(key, finding, row[key])
    return report
