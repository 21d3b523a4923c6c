"""``hoguide scan --engine spark``: read an archive with Spark, annotate it, write the local engine's formats.

The rows are the local engine's, column for column: the id as text (the 1-based record number
where it is missing or empty), a CSV's empty cell as an empty report (CSV has no null), and the
same Parquet schema; CSV holds the list columns as JSON, JSON Lines keeps null fields. Spark
names the part files and retries failed tasks itself, so there is no ``--resume``: a manifest
marked ``"engine": "spark"`` records the run, and the local engine refuses to resume it.
The input may also be a directory of such files (as Spark writes them) or a URI Spark reads
(``s3a://…``); the output directory must hold no earlier scan. Bad records are read as the local
engine reads them, by its own code in the Python workers: JSON Lines as lines (``_json_lines``), a
CSV file (or each of a directory's) by ``CsvSource`` in one task (``frame.read_csv_files``); so a bad
line or record is the same error row, line number included. CSV at a URI goes to Spark's CSV reader,
which stops at a malformed record.
"""

from __future__ import annotations

import time
from collections import Counter
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hoguide._version import __version__
from hoguide.batch.rows import COLUMNS, STATUS_RULE
from hoguide.batch.scan import Summary
from hoguide.batch.sinks import FORMULA_PATTERN, OutputFormat, count_part_rows, prepare_directory, write_manifest
from hoguide.batch.sources import (
    ID_COLUMNS,
    TEXT_COLUMNS,
    CsvSource,
    InputFormat,
    first_object,
    input_format,
    pick_column,
)
from hoguide.errors import InputError, ScanError
from hoguide.knowledge.loader import load_knowledge
from hoguide.spark.frame import ID_COLUMN, annotate, read_csv_files, read_json_lines
from hoguide.spark.session import require_pyspark, start_session

if TYPE_CHECKING:
    from pyspark.sql import Column, DataFrame, SparkSession

_TEXT = "text"
_NESTED = ("sites", "cause_ids", "treatments", "mentions")
_READ_OPTIONS: dict[InputFormat, dict[str, str]] = {
    # RFC 4180 quoting ("" inside quotes), reports over several lines, no guessing of types.
    "csv": {"header": "true", "multiLine": "true", "escape": '"', "mode": "FAILFAST"},
    "parquet": {},
}
_WRITE_OPTIONS: dict[OutputFormat, dict[str, str]] = {
    "parquet": {"compression": "zstd"},
    "jsonl": {"ignoreNullFields": "false"},
    "csv": {"header": "true", "escape": '"', "ignoreLeadingWhiteSpace": "false",
            "ignoreTrailingWhiteSpace": "false"},
}
_RECORD = "__hoguide_record"
_ROW_IN_PARTITION = (1 << 33) - 1
_BLANK = "^[ \\t\\r\\x0B\\f]*$"  # what bytes.strip() takes away: a line of it is no record, as in the local engine


def _is_uri(location: str) -> bool:
    return "://" in location


def _spark_errors() -> tuple[type[BaseException], ...]:
    from py4j.protocol import Py4JError
    from pyspark.errors import PySparkException

    return PySparkException, Py4JError


def _condition(error: BaseException) -> str:
    """Spark's error class, never its message: a parse error's message can quote a report."""
    getter = getattr(error, "getCondition", None)
    return (getter() if getter else None) or type(error).__name__


def _read(spark: SparkSession, source: str, kind: InputFormat) -> DataFrame:
    name = source.rstrip("/").rsplit("/", 1)[-1]
    try:
        reader = spark.read.options(**_READ_OPTIONS[kind])
        df = reader.csv(source) if kind == "csv" else reader.json(source) if kind == "jsonl" else reader.parquet(source)
        df.schema  # noqa: B018  (the schema is read now, so a bad file fails here)
    except _spark_errors() as error:
        raise InputError(f"{name}: Spark could not read it as {kind} ({_condition(error)}); "
                         "`--engine local` names the line at fault") from None
    return df


def _with_report_ids(df: DataFrame, id_name: str | None) -> DataFrame:
    """``df`` with ``report_id``: the id as text, or the 1-based record number where it is missing or
    empty. The number comes without moving rows to one partition: one job counts each partition's
    rows (and missing ids), the rows of the partitions before it are added. The record ids that
    monotonically_increasing_id gives a file scan are the same in both jobs."""
    from pyspark.sql import functions as F

    numbered = df.withColumn(_RECORD, F.monotonically_increasing_id())
    record = F.col(_RECORD)
    partition = F.shiftright(record, 33)  # the record id is partition index << 33 | row in partition
    given = F.nullif(F.col(id_name).cast("string"), F.lit("")) if id_name else F.lit(None).cast("string")
    stats = numbered.groupBy(partition.alias("p")).agg(F.count("*"), F.count_if(given.isNull())).collect()
    if not any(missing for _, _, missing in stats):
        return numbered.withColumn(ID_COLUMN, given)
    offsets: list[Column] = []
    total = 0
    for index, rows, _ in sorted(tuple(s) for s in stats):
        offsets += [F.lit(index).cast("long"), F.lit(total).cast("long")]
        total += rows
    number = F.create_map(*offsets)[partition] + record.bitwiseAND(_ROW_IN_PARTITION) + 1
    return numbered.withColumn(ID_COLUMN, F.coalesce(given, number.cast("string")))


def _json_lines(spark: SparkSession, source: str, id_col: str | None, text_col: str | None,
                max_bytes: int | None) -> DataFrame:
    """Scan rows from JSON Lines read as lines: each numbered (its line in its file, and its record
    number: non-blank lines, across the input) and parsed in the Python workers by the local engine's
    code, so a bad line is the same error row as there, and the job goes on."""
    from pyspark.sql import functions as F

    name = source.rstrip("/").rsplit("/", 1)[-1]
    try:
        text = spark.read.option("lineSep", "\n").text(source)
        first = first_object(bytes(row[0]) for row in text.select(F.col("value").cast("binary")).toLocalIterator())
    except _spark_errors() as error:
        raise InputError(f"{name}: Spark could not read it ({_condition(error)})") from None
    if first is None:
        raise InputError(f"{name}: the file holds no records")
    id_name = pick_column(Path(source), list(first), id_col, ID_COLUMNS, "id", required=False)
    text_name = pick_column(Path(source), list(first), text_col, TEXT_COLUMNS, "text", required=True) or ""
    record = F.col(_RECORD)
    partition, row = F.shiftright(record, 33), record.bitwiseAND(_ROW_IN_PARTITION)
    lines = text.select(F.col("value").cast("binary").alias("line"), F.input_file_name().alias("file"),
                        F.col("value").rlike(_BLANK).alias("blank"), F.monotonically_increasing_id().alias(_RECORD))
    # One job counts each partition's lines per file (a partition may hold the end of one file and the
    # start of the next) and its records; the lines and records before a row are added to its place.
    stats = lines.groupBy("file", partition.alias("p")).agg(F.count("*"), F.min(row), F.count_if(~F.col("blank")))
    line_bases: list[Column] = []
    records: Counter[int] = Counter()
    for file, parts in groupby(sorted(tuple(r) for r in stats.collect()), key=lambda r: r[0]):
        seen = 0
        for _, index, count, first_row, kept_records in parts:
            line_bases += [F.lit(f"{index}:{file}"), F.lit(seen - first_row).cast("long")]
            seen += count
            records[index] += kept_records
    record_bases: list[Column] = []
    total = 0
    for index in sorted(records):
        record_bases += [F.lit(index).cast("long"), F.lit(total).cast("long")]
        total += records[index]
    kept = lines.filter(~F.col("blank")).withColumn("__hoguide_kept", F.monotonically_increasing_id())
    kept_id = F.col("__hoguide_kept")
    line_number = F.create_map(*line_bases)[F.concat_ws(":", partition.cast("string"), F.col("file"))] + row + 1
    record_number = (F.create_map(*record_bases)[F.shiftright(kept_id, 33)] + kept_id.bitwiseAND(_ROW_IN_PARTITION)
                     + 1)
    numbered = kept.select("line", "file", line_number.alias("line_number"), record_number.alias("record_number"))
    return read_json_lines(numbered, id_name, text_name, max_bytes)


def _reports(df: DataFrame, path: Path, kind: InputFormat, id_col: str | None, text_col: str | None) -> DataFrame:
    """Two columns, ``report_id`` (text) and ``text`` (string or binary), as the local sources give them."""
    from pyspark.sql import functions as F
    from pyspark.sql.types import BinaryType, StringType

    names = df.columns
    id_name = pick_column(path, names, id_col, ID_COLUMNS, "id", required=False)
    text_name = pick_column(path, names, text_col, TEXT_COLUMNS, "text", required=True) or ""
    text = F.col(text_name)
    if kind == "csv":
        text = F.coalesce(text, F.lit(""))  # a CSV cell is never null: an empty one is an empty report
    elif not isinstance(df.schema[text_name].dataType, StringType | BinaryType):
        text = text.cast("string")
    return _with_report_ids(df, id_name).select(ID_COLUMN, text.alias(_TEXT))


def _output_frame(rows: DataFrame, fmt: OutputFormat) -> DataFrame:
    """The scan columns in order; for CSV the list columns as JSON text, nulls included, as the local sink."""
    from pyspark.sql import functions as F

    if fmt != "csv":
        return rows.select(*COLUMNS)
    as_json = {"ignoreNullFields": "false"}
    texts = {field.name for field in rows.schema.fields if field.dataType.typeName() == "string"}

    def cell(name: str) -> Column:
        """The local sink's ``csv_cell``: a text a spreadsheet would run as a formula gets a leading '."""
        column = F.col(name)
        if name not in texts:
            return column
        return F.when(column.rlike(FORMULA_PATTERN), F.concat(F.lit("'"), column)).otherwise(column).alias(name)

    return rows.select(*(F.to_json(name, as_json).alias(name) if name in _NESTED else cell(name)
                         for name in COLUMNS))


def _write(rows: DataFrame, output: str, fmt: OutputFormat, reports_per_file: int | None) -> None:
    writer = rows.write.options(**_WRITE_OPTIONS[fmt])
    if reports_per_file is not None:
        writer = writer.option("maxRecordsPerFile", str(reports_per_file))
    # A local directory was checked (and may hold other files): add the parts. Elsewhere refuse what exists.
    writer = writer.mode("errorifexists" if _is_uri(output) else "append")
    try:
        if fmt == "parquet":
            writer.parquet(output)
        elif fmt == "jsonl":
            writer.json(output)
        else:
            writer.csv(output)
    except _spark_errors() as error:
        raise ScanError(f"{output}: Spark could not write the scan ({_condition(error)})") from None


def _csv_files(path: Path) -> list[Path]:
    """The CSV file, or those of a directory (as Spark writes them) in name order."""
    if path.is_file():
        return [path]
    files = sorted(p for p in path.glob("*.csv") if p.is_file())
    if not files:
        raise InputError(f"{path.name}: the directory holds no .csv files")
    return files


def _check_source(source: str) -> InputFormat:
    path = Path(source)
    if not _is_uri(source) and not path.exists():
        raise InputError(f"{source}: no such file")
    return input_format(path)


def scan_files(source: str, output: str, *, output_format: OutputFormat = "parquet", id_col: str | None = None,
               text_col: str | None = None, max_bytes: int | None = None, reports_per_file: int | None = None,
               master: str = "local[*]", progress: bool = False) -> Summary:
    """Scan ``source`` (CSV, JSON Lines or Parquet: a file, a directory of them or a URI) into part files
    under ``output`` with Spark; returns the same summary as the local engine. ``reports_per_file``
    caps a part file's rows. A session already active in this process is used (and left running);
    otherwise one is started on ``master`` and stopped at the end."""
    require_pyspark()
    from pyspark.sql import SparkSession
    from pyspark.storagelevel import StorageLevel

    kind = _check_source(source)
    started = time.perf_counter()
    owned = SparkSession.getActiveSession() is None
    spark = start_session(master, progress=progress)
    try:
        if kind == "jsonl":
            rows = _json_lines(spark, source, id_col, text_col, max_bytes)
        elif kind == "csv" and not _is_uri(source):
            csv_files = _csv_files(Path(source))
            for path in csv_files:  # their columns and encoding checked here, before any task
                CsvSource(path, id_col, text_col, max_bytes)
            rows = read_csv_files(spark, csv_files, id_col, text_col, max_bytes)
        else:
            reports = _reports(_read(spark, source, kind), Path(source), kind, id_col, text_col)
            rows = annotate(reports, text_col=_TEXT, id_col=ID_COLUMN, max_bytes=max_bytes).select(*COLUMNS)
        if not _is_uri(output):
            prepare_directory(Path(output), resume=False)
        rows = rows.persist(StorageLevel.MEMORY_AND_DISK)  # annotated once: written, then counted
        _write(_output_frame(rows, output_format), output, output_format, reports_per_file)
        counts = {str(status): int(n) for status, n in rows.groupBy("ho_status").count().collect()}
        partitions = rows.rdd.getNumPartitions()
        rows.unpersist()
        used_master = spark.sparkContext.master or master
    finally:
        if owned:
            spark.stop()
    summary = Summary(seconds=time.perf_counter() - started)
    summary.add(sum(counts.values()), counts)
    if _is_uri(output):
        summary.parts_written = partitions
        return summary
    files = sorted(p.name for p in Path(output).glob("part-*"))
    summary.parts_written = len(files)
    # Each part with its rows, as the local engine lists them (the summary page checks the counts).
    parts = [{"file": name, "rows": count_part_rows(Path(output) / name)} for name in files]
    write_manifest(Path(output), _manifest(source, kind, output_format, (id_col, text_col), used_master, parts,
                                           summary))
    return summary


def _manifest(source: str, kind: InputFormat, fmt: OutputFormat, columns: tuple[str | None, str | None],
              master: str, parts: list[dict[str, Any]], summary: Summary) -> dict[str, Any]:
    """What the run was, for provenance; ``engine`` tells the local engine not to resume it."""
    return {"engine": "spark", "spark_master": master,
            "input": source if _is_uri(source) else str(Path(source).resolve()), "input_format": kind,
            "id_col": columns[0], "text_col": columns[1], "format": fmt, "hoguide_version": __version__,
            "knowledge_version": load_knowledge().version, "ho_status_rule": STATUS_RULE, "complete": True,
            "summary": summary.to_dict(),
            "parts": parts}
