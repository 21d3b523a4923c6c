"""Report archives read as a stream of batches: CSV, JSON Lines and Parquet, never a whole file at once.

Columns: the id comes from ``id_col`` (default ``report_id``, else ``id``; with neither, the
1-based row number), the text from ``text_col`` (default ``text``, else ``report_text``, else
``report``). A CSV or Parquet file without the text column fails before any report is read, with
a message naming the columns it has, and so does a file that is not Parquet, a CSV file that is
not UTF-8 at all or whose header cannot be read (``csv_records.check_start``). One bad record is
not the whole file's fault: a CSV record with broken quoting, more or fewer fields than the
header or bytes that are not UTF-8, a JSON Lines line that is not UTF-8, not JSON or not an
object, a line or CSV record longer than the limit (skipped without being held in memory), an id
or text with a lone surrogate is passed on with its problem and its line number, and a report
that is null, empty or binary as it is; each becomes an error row and the scan goes on.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import Any, Literal, NamedTuple, Protocol

from hoguide.batch.csv_records import Fields, Piece, Problem, check_start, decode, split_records
from hoguide.batch.lines import bounded_lines, line_limit, megabytes, skipped, skipped_size
from hoguide.config import get_settings
from hoguide.errors import EncodingError, InputError, MalformedInputError, ScanError

InputFormat = Literal["csv", "jsonl", "parquet"]
ID_COLUMNS = ("report_id", "id")
TEXT_COLUMNS = ("text", "report_text", "report")
_SUFFIXES: dict[str, InputFormat] = {
    ".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet", ".pq": "parquet",
}


class Record(NamedTuple):
    """One report as stored: its id as text, and its text (``bytes`` from a binary column, or None);
    ``problem`` when the record itself could not be read (it becomes an error row).

    A named tuple rather than a frozen dataclass: every report is pickled to a scan worker and back
    out of it, and tuples pickle about twice as fast and unpickle three times as fast."""

    report_id: str
    text: str | bytes | None
    problem: Problem | None = None


class Source(Protocol):
    path: Path
    format: InputFormat
    id_col: str | None
    text_col: str

    def records(self) -> Iterator[Record]: ...

    def position(self) -> float | None:
        """How far through the file the stream is, 0 to 1, when that can be told cheaply."""
        ...


def batches(source: Source, size: int) -> Iterator[tuple[list[Record], float | None]]:
    """Consecutive batches of exactly ``size`` records (the last may be shorter), with the position
    after each. Batch boundaries depend only on ``size``, so part N is the same rows on every run."""
    records = source.records()
    while chunk := list(islice(records, size)):
        yield chunk, source.position()


def worker_batches(source: Source, size: int) -> Iterator[tuple[Batch, float | None]]:
    """The batches of ``batches()`` for scan workers: JSON Lines go as the lines read, to be parsed by
    the worker (parsing and pickling every record would take the parent process most of a core)."""
    if isinstance(source, JsonlSource):
        for lines in source.line_batches(size):
            yield lines, source.position()
    else:
        yield from batches(source, size)


def records_in(batch: Batch) -> list[Record]:
    """The records of a batch, parsing it if it came as JSON Lines."""
    return batch.records() if isinstance(batch, JsonLines) else batch


def open_source(path: Path, *, fmt: InputFormat | None = None, id_col: str | None = None,
                text_col: str | None = None, max_bytes: int | None = None) -> Source:
    """Open an archive; the format goes by the file's extension unless ``fmt`` is given. ``max_bytes``
    (the report size limit) bounds a JSON Lines line (``line_limit``)."""
    if path.is_dir():
        raise InputError(f"{path} is a directory; give a CSV, JSON Lines or Parquet file")
    if not path.exists():
        raise InputError(f"{path}: no such file")
    kind = fmt or input_format(path)
    if kind == "csv":
        return CsvSource(path, id_col, text_col, max_bytes)
    if kind == "jsonl":
        return JsonlSource(path, id_col, text_col, max_bytes)
    return ParquetSource(path, id_col, text_col)


def input_format(path: Path) -> InputFormat:
    """The format an archive's extension names (the Spark engine reads directories named so, too)."""
    kind = _SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise InputError(f"{path}: cannot tell the format from the extension; use .csv, .jsonl or .parquet")
    return kind


def pick_column(path: Path, names: Sequence[str], wanted: str | None, defaults: Sequence[str], what: str,
                required: bool) -> str | None:
    """The column named ``wanted``, else the first of ``defaults`` present; a missing required one fails
    with a message listing the columns there are."""
    if wanted is not None:
        if wanted in names:
            return wanted
        raise InputError(f"{path.name}: no {what} column {wanted!r}; it has {column_listing(names)}")
    for name in defaults:
        if name in names:
            return name
    if required:
        raise InputError(f"{path.name}: no {what} column ({' or '.join(defaults)}); it has {column_listing(names)} "
                         f"(choose one with --{what}-col)")
    return None


def column_listing(names: Sequence[str]) -> str:
    """Column names for an error message: 'report_id', 'body'."""
    return ", ".join(repr(n) for n in names) if names else "no columns"


def _id(value: Any, row: int) -> str:
    return str(row) if value is None or value == "" else str(value)


class _ByteStream:
    """A text file read through one binary handle, so how far the stream is can be told by bytes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._size = max(path.stat().st_size, 1)
        self._raw: io.BufferedReader | None = None

    def position(self) -> float | None:
        try:
            return min(self._raw.tell() / self._size, 1.0) if self._raw is not None else None
        except ValueError:  # closed: the whole file was read
            return 1.0


class CsvSource(_ByteStream):
    """CSV with a header row, UTF-8 (a byte-order mark is dropped), strict quoting, read a record at a
    time by following its quoting (``csv_records``), so a broken record is an error row of its own."""

    format: InputFormat = "csv"

    def __init__(self, path: Path, id_col: str | None, text_col: str | None, max_bytes: int | None = None) -> None:
        super().__init__(path)
        self.max_record_bytes = line_limit(max_bytes or get_settings().max_report_bytes)
        check_start(path)
        self.header = self._header()
        self.id_col = pick_column(path, self.header, id_col, ID_COLUMNS, "id", required=False)
        self.text_col = pick_column(path, self.header, text_col, TEXT_COLUMNS, "text", required=True) or ""

    def _pieces(self) -> Iterator[Piece]:
        with self.path.open("rb") as raw:
            self._raw = raw
            yield from split_records(raw, self.path.name, self.max_record_bytes)

    def _header(self) -> list[str]:
        piece = next(self._pieces(), None)
        if piece is None:
            raise InputError(f"{self.path.name}: the CSV file is empty (no header row)")
        text = decode(piece, self.path.name) if piece.problem is None else piece.problem
        fields = Fields().of(text) if isinstance(text, str) else text
        if isinstance(fields, tuple):
            error = EncodingError if fields[0] == "bad_encoding" else MalformedInputError
            raise error(f"the header row cannot be read: {fields[1]}")
        if isinstance(fields, str):
            raise MalformedInputError(f"{self.path.name}: line 1: the header row is malformed CSV ({fields})")
        return fields

    def records(self, first_record: int = 1) -> Iterator[Record]:
        """The records; ``first_record`` is the number of the first (a later file of several goes on
        from the one before it), its id if it has none."""
        pieces = self._pieces()
        next(pieces)  # the header
        fields = Fields()
        width = len(self.header)
        id_at = self.header.index(self.id_col) if self.id_col else None
        text_at = self.header.index(self.text_col)
        name = self.path.name
        number = first_record - 1  # the record's; a blank line is none (as in JSON Lines, and for Spark)
        for piece in pieces:
            text = decode(piece, name) if piece.problem is None else piece.problem
            row = fields.of(text) if isinstance(text, str) else text
            if row == []:
                continue  # a blank line
            number += 1
            if isinstance(row, list) and len(row) == width:
                yield Record(_id(row[id_at] if id_at is not None else None, number), row[text_at])
            else:  # one record's fault: an error row, and the scan goes on
                yield Record(str(number), None, row if isinstance(row, tuple) else self._problem(piece, row, width))

    def _problem(self, piece: Piece, row: list[str] | str, width: int) -> Problem:
        """A record the csv module refused (``row`` is why), or with the wrong number of fields."""
        where = f"line {piece.first}" if piece.first == piece.last else f"lines {piece.first}-{piece.last}"
        what = (f"malformed CSV ({row})" if isinstance(row, str)
                else f"{len(row)} field{'s' * (len(row) != 1)} where the header has {width}")
        return "malformed_input", f"{self.path.name}: {where}: {what}; check the quoting of that report"


def _is_blank(line: bytes) -> bool:
    return not line.strip()


_SURROGATE = re.compile("[\ud800-\udfff]")


def _json_objects(lines: Iterable[bytes], file_name: str, first_line: int
                  ) -> Iterator[tuple[int, dict[str, Any] | Problem]]:
    """The line number and JSON object of each non-blank line, or the problem that line has;
    ``first_line`` is the 1-based number of the first."""
    for line_number, line in enumerate(lines, start=first_line):
        if _is_blank(line):
            continue
        where = f"{file_name}: line {line_number}"
        size = skipped_size(line)
        if size is not None:
            yield line_number, ("input_too_large", f"{where}: the line is {megabytes(size)}, over the limit for one "
                                                   "report; the line was skipped")
            continue
        try:
            record = json.loads(line)
        except UnicodeDecodeError:
            yield line_number, ("bad_encoding", f"{where}: not UTF-8 text")
            continue
        except json.JSONDecodeError as error:
            yield line_number, ("malformed_input",
                                f"{where}: not valid JSON ({error.msg} at column {error.colno})")
            continue
        if not isinstance(record, dict):
            yield line_number, ("malformed_input", f"{where}: not a JSON object")
            continue
        yield line_number, record


def _has_surrogate(text: str) -> bool:
    return not text.isascii() and _SURROGATE.search(text) is not None


def _json_records(objects: Iterable[tuple[int, dict[str, Any] | Problem]], file_name: str, id_col: str | None,
                  text_col: str, first_record: int) -> Iterator[Record]:
    """Records from JSON objects; ``first_record`` is the 1-based number of the first, its id if it has
    none (a line that is not a record gets its number too, so the numbering never shifts)."""
    for number, (line_number, record) in enumerate(objects, start=first_record):
        if isinstance(record, tuple):
            yield Record(str(number), None, record)
            continue
        text = record.get(text_col)
        report_id = _id(record.get(id_col) if id_col else None, number)
        # A lone surrogate (JSON allows "\\ud800") is not Unicode: no output format could write it.
        bad = "id" if _has_surrogate(report_id) else "text" if isinstance(text, str) and _has_surrogate(text) else None
        if bad is not None:
            yield Record(_SURROGATE.sub("\ufffd", report_id), None, (
                "bad_encoding", f"{file_name}: line {line_number}: the {bad} holds a lone surrogate "
                "(\\ud800-\\udfff), which is not Unicode text"))
            continue
        yield Record(report_id, text if isinstance(text, str | None) else json.dumps(text))


def first_object(lines: Iterable[bytes]) -> dict[str, Any] | None:
    """The first line that is a JSON object: the record whose keys name the columns."""
    return next((o for _, o in _json_objects(lines, "", 1) if isinstance(o, dict)), None)


def json_line_record(line: bytes, file_name: str, line_number: int, record_number: int, id_col: str | None,
                     text_col: str, max_bytes: int) -> Record:
    """One non-blank JSON Lines line as the local engine reads it (its problem included), for an engine that
    reads the lines itself (Spark) and numbers them as ``JsonlSource`` does."""
    if len(line) > line_limit(max_bytes):
        line = skipped(len(line))
    objects = _json_objects([line], file_name, line_number)
    return next(_json_records(objects, file_name, id_col, text_col, record_number))


class JsonLines(NamedTuple):
    """A batch of JSON Lines as read from the file, unparsed: what a scan worker is sent, to parse
    itself (with the checks, line numbers and ids of JsonlSource.records) rather than the parent."""

    file_name: str
    id_col: str | None
    text_col: str
    first_line: int  # the 1-based line number of the first line of ``data``
    first_record: int  # the 1-based record number of its first record
    data: bytes  # the lines, blank ones between records included, so line numbers can be counted

    def records(self) -> list[Record]:
        objects = _json_objects(io.BytesIO(self.data), self.file_name, self.first_line)
        return list(_json_records(objects, self.file_name, self.id_col, self.text_col, self.first_record))


Batch = list[Record] | JsonLines


class JsonlSource(_ByteStream):
    """JSON Lines: one object per line; the columns are taken from the first record."""

    format: InputFormat = "jsonl"

    def __init__(self, path: Path, id_col: str | None, text_col: str | None, max_bytes: int | None = None) -> None:
        super().__init__(path)
        self.max_line_bytes = line_limit(max_bytes or get_settings().max_report_bytes)
        with path.open("rb") as raw:
            first = first_object(bounded_lines(raw, self.max_line_bytes))
        if first is None:
            raise InputError(f"{path.name}: the file holds no records")
        keys = list(first)
        self.id_col = pick_column(path, keys, id_col, ID_COLUMNS, "id", required=False)
        self.text_col = pick_column(path, keys, text_col, TEXT_COLUMNS, "text", required=True) or ""

    def _objects(self) -> Iterator[tuple[int, dict[str, Any] | Problem]]:
        with self.path.open("rb") as raw:
            self._raw = raw
            yield from _json_objects(bounded_lines(raw, self.max_line_bytes), self.path.name, first_line=1)

    def records(self) -> Iterator[Record]:
        return _json_records(self._objects(), self.path.name, self.id_col, self.text_col, first_record=1)

    def line_batches(self, size: int) -> Iterator[JsonLines]:
        """The lines of the records ``batches()`` would group, unparsed: the same boundaries, as they
        count non-blank lines. Blank lines before a batch's first record are left out of it."""
        with self.path.open("rb") as raw:
            self._raw = raw
            lines: list[bytes] = []
            first_line = records = 0
            first_record = 1
            for line_number, line in enumerate(bounded_lines(raw, self.max_line_bytes), start=1):
                blank = _is_blank(line)
                if blank and not lines:
                    continue
                if not lines:
                    first_line = line_number
                lines.append(line)
                records += not blank
                if records == size:
                    yield self._batch(lines, first_line, first_record)
                    first_record += records
                    lines, records = [], 0
            if lines:
                yield self._batch(lines, first_line, first_record)

    def _batch(self, lines: list[bytes], first_line: int, first_record: int) -> JsonLines:
        return JsonLines(self.path.name, self.id_col, self.text_col, first_line, first_record, b"".join(lines))


def _parquet() -> Any:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise ScanError("Parquet needs the scan extra: pip install 'hoguide[scan]'") from None
    return pq


class ParquetSource:
    """Parquet, read a record batch at a time with only the id and text columns."""

    format: InputFormat = "parquet"
    _CHUNK = 1024

    def __init__(self, path: Path, id_col: str | None, text_col: str | None) -> None:
        pq = _parquet()
        import pyarrow as pa

        self.path = path
        try:
            parquet = pq.ParquetFile(path)
        except (pa.ArrowException, OSError) as error:
            raise MalformedInputError(f"{path.name}: not a readable Parquet file ({error})") from None
        names = list(parquet.schema_arrow.names)
        self.id_col = pick_column(path, names, id_col, ID_COLUMNS, "id", required=False)
        self.text_col = pick_column(path, names, text_col, TEXT_COLUMNS, "text", required=True) or ""
        self.total = int(parquet.metadata.num_rows)
        self._done = 0

    def records(self) -> Iterator[Record]:
        pq = _parquet()
        columns = [c for c in (self.id_col, self.text_col) if c]
        number = 0
        with pq.ParquetFile(self.path) as parquet:
            for batch in parquet.iter_batches(batch_size=self._CHUNK, columns=columns):
                ids = batch.column(self.id_col).to_pylist() if self.id_col else [None] * batch.num_rows
                texts = batch.column(self.text_col).to_pylist()
                for report_id, text in zip(ids, texts, strict=True):
                    number += 1
                    self._done = number
                    yield Record(_id(report_id, number), text if isinstance(text, str | bytes | None) else str(text))

    def position(self) -> float | None:
        return self._done / self.total if self.total else None
