"""``annotate``: the scan's columns added to a Spark DataFrame, row for row as the local engine writes them.

The work runs in ``mapInArrow``: each Arrow batch's text column goes through the same ``row_for``
as the local engine, and the new columns are built with the same Arrow schema as the local
Parquet sink (``sinks.arrow_schema``), from which the Spark schema is derived too; so the
engines cannot drift apart. Arrow rather than pandas: the other columns pass through as the very
Arrow arrays Spark sent (any type, nested ones too, untouched), and no report goes through pandas.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from itertools import islice
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from hoguide.batch.rows import row_for
from hoguide.batch.sinks import arrow_schema
from hoguide.batch.sources import CsvSource, column_listing, json_line_record
from hoguide.config import get_settings
from hoguide.errors import InputError
from hoguide.knowledge.loader import load_knowledge
from hoguide.reading.reader import reader_for
from hoguide.spark.session import require_pyspark

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession
    from pyspark.sql.types import StructType

ID_COLUMN = "report_id"  # the local rows' id; annotate leaves the id to the caller's own column


def annotation_schema() -> Any:
    """The Arrow schema of the columns ``annotate`` adds: a scan row without its ``report_id``."""
    import pyarrow as pa

    return pa.schema([field for field in arrow_schema() if field.name != ID_COLUMN])


def spark_schema() -> StructType:
    """The same columns as a Spark schema (derived, never written out twice)."""
    require_pyspark()
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(annotation_schema())


def _annotate_batches(batches: Iterator[Any], *, text_col: str, max_bytes: int) -> Iterator[Any]:
    """Runs in the Python workers. ``reader_for(load_knowledge())`` is cached per process, so each
    worker builds the reader once and keeps it for every batch and task it runs."""
    import pyarrow as pa

    reader = reader_for(load_knowledge())
    added = annotation_schema()
    for batch in batches:
        texts = batch.column(text_col).to_pylist()
        rows = [row_for(reader, "", text, max_bytes=max_bytes) for text in texts]
        table = pa.Table.from_pylist(rows, schema=added)
        yield pa.RecordBatch.from_arrays([*batch.columns, *(c.combine_chunks() for c in table.columns)],
                                         names=[*batch.schema.names, *added.names])


def _json_lines_batches(batches: Iterator[Any], *, id_col: str | None, text_col: str, max_bytes: int
                        ) -> Iterator[Any]:
    """Runs in the Python workers: JSON Lines lines (``line`` bytes, ``file``, ``line_number``,
    ``record_number``) read into scan rows exactly as the local engine reads them (``json_line_record``),
    a line that is not a record becoming its error row."""
    import pyarrow as pa

    reader = reader_for(load_knowledge())
    schema = arrow_schema()
    names: dict[str, str] = {}
    for batch in batches:
        columns = [batch.column(name).to_pylist() for name in ("line", "file", "line_number", "record_number")]
        rows = []
        for line, uri, line_number, record_number in zip(*columns, strict=True):
            name = names.get(uri) or names.setdefault(uri, unquote(PurePosixPath(uri).name))
            record = json_line_record(line, name, line_number, record_number, id_col, text_col, max_bytes)
            rows.append(row_for(reader, record.report_id, record.text, max_bytes=max_bytes, problem=record.problem))
        yield pa.RecordBatch.from_pylist(rows, schema=schema)


def _csv_file_batches(batches: Iterator[Any], *, id_col: str | None, text_col: str | None, max_bytes: int
                      ) -> Iterator[Any]:
    """Runs in a Python worker: each CSV file named in ``path`` read by the local engine's ``CsvSource``
    (its records, bad ones included, numbered from ``first``) into scan rows, 1000 at a time."""
    import pyarrow as pa

    reader = reader_for(load_knowledge())
    schema = arrow_schema()
    for batch in batches:
        for path, first in zip(batch.column("path").to_pylist(), batch.column("first").to_pylist(), strict=True):
            records = CsvSource(Path(path), id_col, text_col, max_bytes).records(first)
            while chunk := list(islice(records, 1000)):
                rows = [row_for(reader, r.report_id, r.text, max_bytes=max_bytes, problem=r.problem) for r in chunk]
                yield pa.RecordBatch.from_pylist(rows, schema=schema)


def _count_records(path: str, id_col: str | None, text_col: str | None, max_bytes: int) -> int:
    return sum(1 for _ in CsvSource(Path(path), id_col, text_col, max_bytes).records())


def read_csv_files(spark: SparkSession, paths: list[Path], id_col: str | None, text_col: str | None,
                   max_bytes: int | None = None) -> DataFrame:
    """Scan rows from CSV files as the local engine reads them (``csv_records``: a broken record is an
    error row with its line, and the rest is read), a Spark task per file: a CSV file whose reports
    run over several lines cannot be split (Spark's own multi-line CSV reads a file in one task too).
    Records are numbered across the files in the order given; with several, a first job counts them."""
    from pyspark.sql.pandas.types import from_arrow_schema

    limit = max_bytes if max_bytes is not None else get_settings().max_report_bytes
    names = [str(path.resolve()) for path in paths]
    firsts = [1]
    if len(names) > 1:
        count = partial(_count_records, id_col=id_col, text_col=text_col, max_bytes=limit)
        for records in spark.sparkContext.parallelize(names, len(names)).map(count).collect()[:-1]:
            firsts.append(firsts[-1] + records)
    work = partial(_csv_file_batches, id_col=id_col, text_col=text_col, max_bytes=limit)
    files = spark.createDataFrame(list(zip(names, firsts, strict=True)), "path string, first long")
    return files.repartition(len(names)).mapInArrow(work, from_arrow_schema(arrow_schema()))


def read_json_lines(lines: DataFrame, id_col: str | None, text_col: str, max_bytes: int | None = None) -> DataFrame:
    """Scan rows (every column of a local scan row, ``report_id`` first) from a frame of JSON Lines lines
    with their ``file``, ``line_number`` and ``record_number``: see ``_json_lines_batches``."""
    from pyspark.sql.pandas.types import from_arrow_schema

    limit = max_bytes if max_bytes is not None else get_settings().max_report_bytes
    work = partial(_json_lines_batches, id_col=id_col, text_col=text_col, max_bytes=limit)
    return lines.mapInArrow(work, from_arrow_schema(arrow_schema()))


def annotate(df: DataFrame, text_col: str = "text", id_col: str | None = "report_id",
             max_bytes: int | None = None) -> DataFrame:
    """``df`` with the scan's columns added: ``ho_status``, sites, grade, causes, ``mentions``…
    (every column of a local scan row except ``report_id``).

    Every column of ``df`` is kept as it is, so the result joins back on ``id_col`` (which must
    exist; ``None`` when there is none). ``text_col`` is a string or binary column; a null,
    empty, binary or over-size report (``max_bytes``, default 1 MB or ``HOGUIDE_MAX_REPORT_BYTES``)
    becomes an ``error`` row with its code and the job goes on. Lazy, like any transformation;
    hoguide must be installed where the Python workers run. A worker holds one Arrow batch
    (``spark.sql.execution.arrow.maxRecordsPerBatch`` reports, 10,000 unless set) at a time."""
    require_pyspark()
    from pyspark.sql.types import BinaryType, StringType, StructType

    names = df.columns
    if text_col not in names:
        raise InputError(f"no text column {text_col!r}; the DataFrame has {column_listing(names)}")
    if id_col is not None and id_col not in names:
        raise InputError(f"no id column {id_col!r}; the DataFrame has {column_listing(names)} (id_col=None for none)")
    text_type = df.schema[text_col].dataType
    if not isinstance(text_type, StringType | BinaryType):
        raise InputError(f"the text column {text_col!r} is {text_type.simpleString()}; give a string or binary "
                         "column (cast it first)")
    added = spark_schema()
    clashes = [name for name in added.names if name in names]
    if clashes:
        raise InputError(f"the DataFrame already has {column_listing(clashes)}; drop or rename them "
                         "(already annotated?)")
    limit = max_bytes if max_bytes is not None else get_settings().max_report_bytes
    work = partial(_annotate_batches, text_col=text_col, max_bytes=limit)
    return df.mapInArrow(work, StructType([*df.schema.fields, *added.fields]))
