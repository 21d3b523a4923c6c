"""Counts over a finished or partial scan output directory, read part by part.

The directory is what ``hoguide scan`` writes (any engine that keeps the same contract):
``_manifest.json`` with ``parts`` (each ``{"file", "rows"}``), ``complete`` and the scan's
settings and versions, and the part files it lists (``.parquet``, ``.csv`` or ``.jsonl``, told by
the file's suffix). Only the listed parts are counted: a part on disk but not yet listed was
written by a scan that stopped, and ``--resume`` writes it again.

Memory does not grow with the number of reports: rows are streamed one part at a time (Parquet in
record batches, reading only the columns counted, never ``mentions``) into counters whose size
depends only on how many distinct values there are (sites, causes, grades).
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hoguide.batch.rows import ERROR
from hoguide.batch.sinks import MANIFEST, allow_long_csv_fields, read_manifest
from hoguide.errors import ScanError

HO_STATUSES = frozenset({"present", "possible"})  # the reports whose sites, side and maturity are counted
NOT_STATED = ""  # the key for a report that gives no side or maturity, or a graded report with no cause
_COUNTED = ("ho_status", "sites", "laterality", "grade_system", "grade_value", "maturity", "cause_ids",
            "treatments", "n_mentions", "error_code", "hoguide_version", "knowledge_version")
_LISTS = ("sites", "cause_ids", "treatments")
_PARQUET_BATCH = 10_000


@dataclass(frozen=True, slots=True)
class CountedRow:
    """The columns of one output row that the summary counts, checked and typed."""

    status: str
    sites: tuple[str, ...]
    laterality: str | None
    grade_system: str | None
    grade_value: str | None
    maturity: str | None
    cause_ids: tuple[str, ...]
    treatments: tuple[str, ...]
    n_mentions: int
    error_code: str | None
    versions: tuple[str, str]


@dataclass(slots=True)
class Tally:
    """Counters over rows. ``add`` one row at a time; ``merge`` tallies made elsewhere (e.g. per partition).

    Sites, laterality and maturity count reports with HO present or possible (``ho_reports``); a
    report counts once per site it names. Grades count every report with a grade; ``grades_by_cause``
    counts a graded report once per cause it names, or once under ``NOT_STATED`` when it names none.
    Causes, treatments and mentions count every report that could be read.
    """

    reports: int = 0
    ho_reports: int = 0
    status: Counter[str] = field(default_factory=Counter)
    error_codes: Counter[str] = field(default_factory=Counter)
    sites: Counter[str] = field(default_factory=Counter)
    laterality: Counter[str] = field(default_factory=Counter)
    maturity: Counter[str] = field(default_factory=Counter)
    grades: Counter[tuple[str, str]] = field(default_factory=Counter)
    grades_by_cause: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    causes: Counter[str] = field(default_factory=Counter)
    treatments: Counter[str] = field(default_factory=Counter)
    mentions: Counter[int] = field(default_factory=Counter)
    versions: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add(self, row: CountedRow) -> None:
        self.reports += 1
        self.status[row.status] += 1
        self.versions[row.versions] += 1
        if row.status == ERROR:
            self.error_codes[row.error_code or NOT_STATED] += 1
            return
        self.mentions[row.n_mentions] += 1
        self.causes.update(row.cause_ids)
        self.treatments.update(row.treatments)
        if row.status in HO_STATUSES:
            self.ho_reports += 1
            self.sites.update(row.sites)
            self.laterality[row.laterality or NOT_STATED] += 1
            self.maturity[row.maturity or NOT_STATED] += 1
        if row.grade_system and row.grade_value:
            self.grades[row.grade_system, row.grade_value] += 1
            for cause in row.cause_ids or (NOT_STATED,):
                self.grades_by_cause[cause, row.grade_system, row.grade_value] += 1

    def merge(self, other: Tally) -> None:
        self.reports += other.reports
        self.ho_reports += other.ho_reports
        for name in ("status", "error_codes", "sites", "laterality", "maturity", "grades", "grades_by_cause",
                     "causes", "treatments", "mentions", "versions"):
            getattr(self, name).update(getattr(other, name))


@dataclass(frozen=True, slots=True)
class Provenance:
    """What the manifest says about the scan."""

    directory: str
    input: str
    input_format: str
    output_format: str
    hoguide_version: str
    knowledge_version: str
    status_rule: str
    complete: bool
    parts: int
    unlisted_parts: int  # part files on disk that the manifest does not list (not counted)


@dataclass(frozen=True, slots=True)
class ScanOverview:
    provenance: Provenance
    tally: Tally


# ---- reading one part --------------------------------------------------------------------------------


def _text(row: Mapping[str, Any], name: str) -> str | None:
    value = row[name]
    if value is None or value == "":  # CSV writes None as an empty field
        return None
    if not isinstance(value, str):
        raise ValueError(f"{name} is not text")
    return value


def _texts(value: Any, name: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{name} is not a list of text")
    return tuple(value)


def counted_row(row: Mapping[str, Any]) -> CountedRow:
    """Check and type the counted columns of one row (lists already decoded). Raises ValueError."""
    missing = [name for name in _COUNTED if name not in row]
    if missing:
        raise ValueError(f"a row has no {', '.join(missing)}")
    status = _text(row, "ho_status")
    if status is None:
        raise ValueError("ho_status is empty")
    mentions = row["n_mentions"]
    if isinstance(mentions, bool) or not isinstance(mentions, int) or mentions < 0:
        raise ValueError("n_mentions is not a count")
    return CountedRow(
        status=status,
        sites=_texts(row["sites"], "sites"),
        laterality=_text(row, "laterality"),
        grade_system=_text(row, "grade_system"),
        grade_value=_text(row, "grade_value"),
        maturity=_text(row, "maturity"),
        cause_ids=_texts(row["cause_ids"], "cause_ids"),
        treatments=_texts(row["treatments"], "treatments"),
        n_mentions=mentions,
        error_code=_text(row, "error_code"),
        versions=(_text(row, "hoguide_version") or "", _text(row, "knowledge_version") or ""),
    )


def _parquet_rows(path: Path) -> Iterator[CountedRow]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise ScanError("a Parquet scan output needs the scan extra: pip install 'hoguide[scan]'") from None
    part = pq.ParquetFile(path)
    missing = [name for name in _COUNTED if name not in part.schema_arrow.names]
    if missing:
        raise ValueError(f"no column {', '.join(missing)}")
    for batch in part.iter_batches(batch_size=_PARQUET_BATCH, columns=list(_COUNTED)):
        for row in batch.to_pylist():
            yield counted_row(row)


def _csv_rows(path: Path) -> Iterator[CountedRow]:
    allow_long_csv_fields()
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [name for name in _COUNTED if name not in (reader.fieldnames or ())]
        if missing:
            raise ValueError(f"no column {', '.join(missing)}")
        for row in reader:
            if None in row or None in row.values():  # a line with more or fewer fields than the header
                raise ValueError(f"line {reader.line_num} does not match the header")
            typed: dict[str, Any] = {**row, **{name: json.loads(row[name]) for name in _LISTS}}
            typed["n_mentions"] = int(row["n_mentions"])
            yield counted_row(typed)


def _jsonl_rows(path: Path) -> Iterator[CountedRow]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                raise ValueError(f"line {number}: not valid JSON ({error.msg})") from None
            if not isinstance(row, dict):
                raise ValueError(f"line {number}: not a JSON object")
            yield counted_row(row)


_READERS: dict[str, Callable[[Path], Iterator[CountedRow]]] = {
    ".parquet": _parquet_rows, ".csv": _csv_rows, ".jsonl": _jsonl_rows,
    ".json": _jsonl_rows,  # Spark's name for its JSON lines parts
}


def part_rows(path: Path) -> Iterator[CountedRow]:
    """The counted rows of one part file; a file that cannot be read as a part raises ScanError naming it."""
    reader = _READERS.get(path.suffix)
    if reader is None:
        raise ScanError(f"{path}: not a part file (.parquet, .csv or .jsonl)")
    try:
        yield from reader(path)
    except FileNotFoundError:
        raise ScanError(f"{path} is listed in {MANIFEST} but missing; the output is damaged") from None
    except PermissionError:
        raise ScanError(f"{path}: permission denied") from None
    except (ValueError, OSError, csv.Error) as error:  # pyarrow's errors are ValueError/OSError
        reason = " ".join(str(error).split())[:160] or type(error).__name__
        raise ScanError(f"{path}: damaged part file ({reason})") from None


# ---- the directory -----------------------------------------------------------------------------------


def _listed_parts(directory: Path, manifest: Mapping[str, Any]) -> list[tuple[Path, int]]:
    parts = manifest.get("parts")
    if not isinstance(parts, list):
        raise ScanError(f"{directory / MANIFEST} is damaged (no list of parts)")
    listed: list[tuple[Path, int]] = []
    for part in parts:
        name = part.get("file") if isinstance(part, dict) else None
        rows = part.get("rows") if isinstance(part, dict) else None
        # A file name only: a manifest must not send the reader elsewhere on the disk.
        if not isinstance(name, str) or Path(name).name != name or not isinstance(rows, int):
            raise ScanError(f"{directory / MANIFEST} is damaged (a part without a file name or row count)")
        listed.append((directory / name, rows))
    return listed


def _provenance(directory: Path, manifest: Mapping[str, Any], listed: list[tuple[Path, int]]) -> Provenance:
    names = {path.name for path, _ in listed}
    on_disk = [p for p in directory.glob("part-*") if p.suffix in _READERS and p.name not in names]

    def text(key: str) -> str:
        value = manifest.get(key)
        return str(value) if value is not None else "not recorded"

    return Provenance(
        directory=str(directory.resolve()), input=text("input"), input_format=text("input_format"),
        output_format=text("format"), hoguide_version=text("hoguide_version"),
        knowledge_version=text("knowledge_version"), status_rule=text("ho_status_rule"),
        complete=manifest.get("complete") is True, parts=len(listed), unlisted_parts=len(on_disk),
    )


def check_directory(directory: Path) -> None:
    """Refuse a path that is not a directory at all, before anything else is done with it."""
    if not directory.exists():
        raise ScanError(f"{directory}: no such directory")
    if not directory.is_dir():
        raise ScanError(f"{directory} is not a directory; give the output directory of hoguide scan")


def read_overview(directory: Path) -> ScanOverview:
    """Count every row of the parts the manifest lists. Raises ScanError for anything that is not
    readable scan output: no such directory, no manifest, no finished part, a damaged part, or a
    part whose row count differs from the manifest's."""
    check_directory(directory)
    manifest = read_manifest(directory)
    if manifest is None:
        raise ScanError(f"{directory} has no {MANIFEST}; it is not the output of hoguide scan")
    if not isinstance(manifest, dict):
        raise ScanError(f"{directory / MANIFEST} is damaged (not a JSON object)")
    listed = _listed_parts(directory, manifest)
    if not listed and manifest.get("complete") is not True:
        raise ScanError(f"{directory}: the scan has not finished a part yet; nothing to summarize")
    tally = Tally()
    for path, expected in listed:
        before = tally.reports
        for row in part_rows(path):
            tally.add(row)
        if tally.reports - before != expected:
            raise ScanError(f"{path} has {tally.reports - before} rows but {MANIFEST} lists {expected}; "
                            "the output is damaged")
    return ScanOverview(_provenance(directory, manifest, listed), tally)
