"""Scan output: numbered part files in one directory, each written atomically, and a manifest.

``part-00000.parquet`` (or ``.csv``, ``.jsonl``) holds the rows of batch 0, and so on. A part is
written to a hidden temporary name and renamed into place, so a part file that exists is whole.
``_manifest.json`` (also replaced atomically) lists the finished parts with their row counts and
the scan's settings; resuming skips exactly those parts. Parquet (the default) has an explicit
schema; CSV writes the list columns as JSON strings; JSON Lines writes each row as it is.

CSV is opened in spreadsheets, which run a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or
a carriage return as a formula (CSV injection: an id like ``=HYPERLINK(...)`` would). Such a cell
is written with a leading apostrophe, as OWASP recommends: a spreadsheet shows the value as text,
and a program reading the CSV strips the one leading ``'`` of a cell whose next character is one
of those. Parquet and JSON Lines keep every value as it is.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from hoguide.batch.rows import COLUMNS
from hoguide.errors import ScanError

OutputFormat = Literal["parquet", "csv", "jsonl"]
FORMATS: tuple[OutputFormat, ...] = ("parquet", "csv", "jsonl")
MANIFEST = "_manifest.json"
_NESTED = ("sites", "cause_ids", "treatments", "mentions")
_CSV_FIELD_LIMIT = 2**31 - 1
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_PATTERN = "^[=+@\\t\\r-]"  # the same, as a Java regular expression for the Spark engine


@dataclass(frozen=True, slots=True)
class SinkSpec:
    """Where and how to write; plain data, so it travels to the worker processes."""

    directory: Path
    format: OutputFormat = "parquet"

    def part_name(self, index: int) -> str:
        return f"part-{index:05d}.{self.format}"


def arrow_schema() -> Any:
    """The Parquet schema of a scan row (pyarrow is imported here, not with the package)."""
    import pyarrow as pa

    strings = pa.list_(pa.string())
    mention = pa.struct([
        ("text", pa.string()), ("start", pa.int64()), ("end", pa.int64()), ("status", pa.string()),
        ("sites", strings), ("laterality", pa.string()), ("grade", pa.string()),
    ])
    types = {
        "sites": strings, "cause_ids": strings, "treatments": strings, "n_mentions": pa.int32(),
        "mentions": pa.list_(mention),
    }
    return pa.schema([pa.field(name, types.get(name, pa.string())) for name in COLUMNS])


def _write_parquet(path: Path, rows: Sequence[dict[str, Any]]) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ScanError("Parquet output needs the scan extra: pip install 'hoguide[scan]', "
                        "or use --format csv or jsonl") from None
    schema = arrow_schema()
    table = pa.Table.from_pylist(list(rows), schema=schema)
    pq.write_table(table, path, compression="zstd")


def csv_cell(value: Any) -> Any:
    """A value a spreadsheet will not run as a formula (see the module's docstring)."""
    return "'" + value if isinstance(value, str) and value.startswith(_FORMULA_STARTS) else value


def _write_csv(path: Path, rows: Sequence[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: json.dumps(v, ensure_ascii=False) if k in _NESTED else csv_cell(v)
                             for k, v in row.items()})


def _write_jsonl(path: Path, rows: Sequence[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


_WRITERS = {"parquet": _write_parquet, "csv": _write_csv, "jsonl": _write_jsonl}


def write_part(spec: SinkSpec, index: int, rows: Sequence[dict[str, Any]]) -> str:
    """Write one part atomically and return its file name."""
    name = spec.part_name(index)
    temporary = spec.directory / f".{name}.tmp-{os.getpid()}"
    try:
        _WRITERS[spec.format](temporary, rows)
        os.replace(temporary, spec.directory / name)
    finally:
        temporary.unlink(missing_ok=True)
    return name


def allow_long_csv_fields() -> None:
    """Lift csv's 128 kB field limit: a long report (input) or its mentions (output) may pass it,
    and that must become an error row or a count, not a csv.Error."""
    csv.field_size_limit(max(csv.field_size_limit(), _CSV_FIELD_LIMIT))


def count_part_rows(path: Path) -> int:
    """Rows in one written part file, whichever engine wrote it (Spark names JSON lines parts .json)."""
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        return int(pq.ParquetFile(path).metadata.num_rows)
    with path.open(encoding="utf-8", newline="") as handle:
        if path.suffix == ".csv":
            allow_long_csv_fields()
            return max(0, sum(1 for _ in csv.reader(handle)) - 1)  # quoted fields may hold line breaks
        return sum(1 for line in handle if line.strip())


def read_manifest(directory: Path) -> dict[str, Any] | None:
    path = directory / MANIFEST
    if not path.exists():
        return None
    try:
        manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise ScanError(f"{path} is damaged; start the scan again in an empty directory") from None
    return manifest


def write_manifest(directory: Path, manifest: dict[str, Any]) -> None:
    path = directory / MANIFEST
    temporary = directory / f".{MANIFEST}.tmp"
    temporary.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(temporary, path)


def prepare_directory(directory: Path, *, resume: bool) -> None:
    """Create the output directory; refuse to mix a new scan into an old one; clear stale temporaries."""
    if directory.exists() and not directory.is_dir():
        raise ScanError(f"{directory} is a file; give a directory for --output")
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ScanError(f"{directory}: cannot be created ({error.strerror})") from None
    if not resume and any(p.name == MANIFEST or p.name.startswith("part-") for p in directory.iterdir()):
        raise ScanError(f"{directory} already holds scan output; add --resume to finish that scan, "
                        "or give an empty directory")
    for stale in directory.glob(".*.tmp*"):
        stale.unlink(missing_ok=True)
