"""One output row per report: the report-level HO status and what decided it.

The report-level status is ``Reading.ho_status`` (``hoguide.reading.report_status``): the
patient's findings in the most authoritative section that mentions HO decide (an addendum
corrects the impression, the impression the findings, a clinical history only asks), and there
present > possible > absent > historical. So a report that says "no HO at the right hip; possible
early HO at the left hip" is "possible", and one whose impression says "no HO" after findings
that said "possible HO" is "absent". A family history ("mother had FOP") does not count; only
general statements ("HO is a common complication") make "hypothetical"; no mention at all is
"not_mentioned". The site, laterality, grade and maturity columns come from the deciding
findings (the patient's findings with the report-level status), in text order; every finding is
still listed in ``mentions``.

A report that cannot be read (null, empty, binary, over the size limit, or a record the source
could not parse) gets ``ho_status`` "error" with the error's code and message; the scan goes on.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from hoguide._version import __version__
from hoguide.errors import HoguideError, InputError
from hoguide.models.reading import Finding, Reading
from hoguide.reading.attributes import merge_laterality
from hoguide.reading.reader import Reader
from hoguide.reading.report_status import REPORT_STATUSES, STATUS_RULE

__all__ = ["COLUMNS", "ERROR", "NOT_MENTIONED", "STATUS_PRECEDENCE", "STATUS_RULE", "error_row", "reading_row",
           "row_for"]

STATUS_PRECEDENCE: tuple[str, ...] = REPORT_STATUSES[:-1]  # the statuses a read report can have
NOT_MENTIONED = "not_mentioned"
ERROR = "error"
COLUMNS = (
    "report_id", "ho_status", "ho_status_rule", "sites", "laterality", "grade_system", "grade_value", "maturity",
    "cause_ids", "treatments", "n_mentions", "mentions", "error_code", "error_message", "hoguide_version",
    "knowledge_version",
)
_ASSERTED = frozenset({"present", "possible", "historical"})


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _mention(finding: Finding) -> dict[str, Any]:
    return {
        "text": finding.text,
        "start": finding.start,
        "end": finding.end,
        "status": finding.status,
        "sites": list(finding.sites),
        "laterality": finding.laterality,
        "grade": f"{finding.grade.system} {finding.grade.value}" if finding.grade else None,
    }


def _base(report_id: str, knowledge_version: str) -> dict[str, Any]:
    return {
        "report_id": report_id, "ho_status": NOT_MENTIONED, "ho_status_rule": STATUS_RULE, "sites": [],
        "laterality": None, "grade_system": None, "grade_value": None, "maturity": None, "cause_ids": [],
        "treatments": [], "n_mentions": 0, "mentions": [], "error_code": None, "error_message": None,
        "hoguide_version": __version__, "knowledge_version": knowledge_version,
    }


def reading_row(report_id: str, reading: Reading, knowledge_version: str) -> dict[str, Any]:
    row = _base(report_id, knowledge_version)
    status = reading.ho_status
    deciding = [f for f in reading.findings if f.experiencer == "patient" and f.status == status]
    graded = next((f.grade for f in deciding if f.grade is not None), None)
    facts = [f for f in reading.facts if f.experiencer == "patient" and f.status in _ASSERTED]
    row.update(
        ho_status=status,
        sites=_unique(site for f in deciding for site in f.sites),
        laterality=merge_laterality([f.laterality for f in deciding if f.laterality]),
        grade_system=graded.system if graded else None,
        grade_value=graded.value if graded else None,
        maturity=next((f.maturity for f in deciding if f.maturity), None),
        cause_ids=_unique(f.concept for f in facts if f.kind == "cause"),
        treatments=_unique(f.concept for f in facts if f.kind == "treatment"),
        n_mentions=len(reading.findings),
        mentions=[_mention(f) for f in reading.findings],
    )
    return row


def error_row(report_id: str, code: str, message: str, knowledge_version: str) -> dict[str, Any]:
    row = _base(report_id, knowledge_version)
    row.update(ho_status=ERROR, error_code=code, error_message=message)
    return row


def row_for(reader: Reader, report_id: str, text: str | bytes | None, *, max_bytes: int,
            problem: tuple[str, str] | None = None) -> dict[str, Any]:
    """Read one report into its row; a report that cannot be read, or a record with a ``problem``
    (code, message) found by its source, becomes an error row.

    Anything unexpected (a bug) is also kept to its row, as ``internal_error``, so one odd report
    cannot stop a scan of a million."""
    version = reader.kb.version
    if problem is not None:
        return error_row(report_id, *problem, version)
    try:
        if text is None:
            raise InputError("the report is missing (null)")
        if isinstance(text, bytes):
            reading = reader.read_bytes(text, max_bytes=max_bytes)
        else:
            reading = reader.read(text, max_bytes=max_bytes)
    except HoguideError as error:
        code = "missing_text" if text is None else error.code
        return error_row(report_id, code, error.message, version)
    except Exception as error:  # a bug: see the docstring
        return error_row(report_id, "internal_error", f"{type(error).__name__}: {error}", version)
    return reading_row(report_id, reading, version)
