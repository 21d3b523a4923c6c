"""The Spark engine, run for real: one local[2] session for the whole module, hoguide's reader in the
Python workers, the CLI in this process (it finds the session) and once as a process of its own.

pyspark and Java are required, not optional here: CI installs both (the dev extra, .ci/run), so a
missing one fails these tests loudly instead of skipping them."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from pyspark.sql import SparkSession
from typer.testing import CliRunner

import hoguide.spark as hoguide_spark
from hoguide.batch import SinkSpec, open_source, row_for, scan
from hoguide.batch.rows import COLUMNS
from hoguide.batch.sinks import MANIFEST
from hoguide.batch.summary import read_overview
from hoguide.cli import app
from hoguide.errors import InputError
from hoguide.reading.reader import Reader
from hoguide.spark import annotate, start_session
from tests.batch.test_scan import (
    BAD_RECORDS,
    REPORTS,
    hoguide,
    read_parquet_parts,
    write_csv,
    write_jsonl,
    write_parquet,
)

BAD: list[tuple[str, Any]] = [
    ("null", None), ("empty", "   "), ("binary", "PK\x03\x04\x00\x00\x14"), ("huge", "bone " * 1000),
]
ERROR_CODES = {"null": "missing_text", "empty": "empty_input", "binary": "binary_input", "huge": "input_too_large"}
# An empty id becomes the record's number, in both engines.
CLI_REPORTS: list[tuple[str, Any]] = [*REPORTS, ("", "No heterotopic ossification at the hip."), ("e", "")]
_NESTED = ("sites", "cause_ids", "treatments", "mentions")


@pytest.fixture(scope="module")  # one session for every test here; stopped before the rest of the suite runs
def spark() -> Iterator[SparkSession]:
    session = start_session("local[2]")
    yield session
    session.stop()


def by_id(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(({k: r[k] for k in COLUMNS} for r in rows), key=lambda r: r["report_id"])


def read_output(directory: Path, fmt: str) -> list[dict[str, Any]]:
    """Every row of a scan's part files, whichever engine named them; CSV's JSON columns decoded."""
    parts = sorted(p for p in directory.glob("part-*") if not p.name.endswith(".crc"))
    if fmt == "parquet":
        return [row for part in parts for row in pq.read_table(part).to_pylist()]
    if fmt == "jsonl":
        return [json.loads(line) for part in parts for line in part.read_text(encoding="utf-8").splitlines()]
    rows = []
    for part in parts:
        with part.open(encoding="utf-8", newline="") as handle:
            rows += [{k: json.loads(v) if k in _NESTED else v for k, v in row.items()}
                     for row in csv.DictReader(handle)]
    return rows


def test_annotate_gives_the_local_engines_rows(spark: SparkSession, tmp_path: Path) -> None:
    source = write_parquet(tmp_path / "in.parquet", [*REPORTS, *BAD])
    scan(open_source(source), SinkSpec(tmp_path / "local"), batch_size=3, max_bytes=2000)
    annotated = annotate(spark.read.parquet(str(source)), max_bytes=2000)
    rows = annotated.toArrow().to_pylist()
    assert by_id(rows) == by_id(read_parquet_parts(tmp_path / "local"))
    assert annotated.columns == ["report_id", "text", *COLUMNS[1:]]
    assert {r["report_id"]: r["error_code"] for r in rows if r["ho_status"] == "error"} == ERROR_CODES


def test_a_binary_text_column_and_bad_reports_become_error_rows(spark: SparkSession, reader: Reader) -> None:
    reports: list[tuple[str, bytes | None]] = [
        ("ok", b"Brooker II heterotopic ossification at the left hip."),
        ("cp1252", "Caf\xe9 note: no heterotopic ossification.".encode("cp1252")),
        ("null", None), ("empty", b""), ("binary", b"PK\x03\x04\x00\x00\x14"), ("huge", b"bone " * 1000),
    ]
    df = spark.createDataFrame(reports, "report_id string, text binary")
    rows = annotate(df, max_bytes=2000).toArrow().to_pylist()
    assert [r["report_id"] for r in rows] == [i for i, _ in reports]  # none is dropped: the job goes on
    assert {r["report_id"]: (r["ho_status"], r["error_code"]) for r in rows} == {
        "ok": ("present", None), "cp1252": ("absent", None), "null": ("error", "missing_text"),
        "empty": ("error", "empty_input"), "binary": ("error", "binary_input"), "huge": ("error", "input_too_large"),
    }
    expected = [row_for(reader, i, text, max_bytes=2000) for i, text in reports]
    assert by_id(rows) == by_id(expected)


def test_other_columns_pass_through_untouched(spark: SparkSession) -> None:
    df = spark.createDataFrame(
        [("a1", 7, "No heterotopic ossification.", {"site": "hip", "codes": [1, 2]}, [{"k": "x"}], {"m": 1.5})],
        "accession string, patient int, note string, extra struct<site: string, codes: array<int>>, "
        "tags array<struct<k: string>>, scores map<string, double>",
    )
    annotated = annotate(df, text_col="note", id_col="accession")
    assert annotated.select(*df.columns).collect() == df.collect()
    assert annotated.select("ho_status").first() == ("absent",)
    assert "report_id" not in annotated.columns


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"text_col": "body"}, "no text column 'body'; the DataFrame has 'report_id', 'text', 'n'"),
    ({"id_col": "mrn"}, "no id column 'mrn'; the DataFrame has 'report_id', 'text', 'n' (id_col=None for none)"),
    ({"text_col": "n"}, "the text column 'n' is int; give a string or binary column (cast it first)"),
])
def test_annotate_refuses_what_it_cannot_read(spark: SparkSession, kwargs: dict[str, str], message: str) -> None:
    df = spark.createDataFrame([("r1", "No HO.", 1)], "report_id string, text string, n int")
    with pytest.raises(InputError) as raised:
        annotate(df, **kwargs)
    assert raised.value.message == message


def test_annotating_twice_is_refused(spark: SparkSession) -> None:
    once = annotate(spark.createDataFrame([("r1", "No HO.")], "report_id string, text string"))
    with pytest.raises(InputError, match="already has 'ho_status', 'ho_status_rule'"):
        annotate(once)


WRITERS = {"csv": write_csv, "jsonl": write_jsonl, "parquet": write_parquet}


@pytest.mark.parametrize(("input_format", "output_format"), [("csv", "parquet"), ("jsonl", "jsonl"),
                                                             ("parquet", "csv")])
def test_cli_spark_output_equals_the_local_engines(spark: SparkSession, tmp_path: Path, input_format: str,
                                                   output_format: str) -> None:
    source = str(WRITERS[input_format](tmp_path / f"in.{input_format}", CLI_REPORTS))
    runner = CliRunner()
    local = runner.invoke(app, ["scan", source, "-o", str(tmp_path / "local"), "--format", output_format])
    assert local.exit_code == 0, local.output
    result = runner.invoke(app, ["scan", source, "-o", str(tmp_path / "spark"), "--format", output_format,
                                 "--engine", "spark", "--batch-size", "4"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:8] == local.stdout.splitlines()[:8]  # the counts; then parts and time
    rows = read_output(tmp_path / "spark", output_format)
    assert by_id(rows) == by_id(read_output(tmp_path / "local", output_format))
    assert [r["report_id"] for r in by_id(rows)][:2] == ["8", "e"]  # record 8 had no id
    parts = [p for p in (tmp_path / "spark").glob("part-*") if not p.name.endswith(".crc")]
    assert f"parts written: {len(parts)} (skipped, already done: 0)" in result.stdout
    assert len(parts) >= 3  # --batch-size: at most 4 reports in each
    manifest = json.loads((tmp_path / "spark" / MANIFEST).read_text(encoding="utf-8"))
    assert (manifest["engine"], manifest["complete"], manifest["summary"]["reports"]) == ("spark", True, 9)
    assert sum(part["rows"] for part in manifest["parts"]) == 9
    # The summary page reads either engine's output and counts the same.
    assert read_overview(tmp_path / "spark").tally == read_overview(tmp_path / "local").tally
    resumed = runner.invoke(app, ["scan", source, "-o", str(tmp_path / "spark"), "--format", output_format,
                                  "--resume"])
    assert resumed.exit_code == 2
    assert "holds a scan by the spark engine" in resumed.stderr


def test_cli_spark_without_the_text_column_fails_naming_its_columns(spark: SparkSession, tmp_path: Path) -> None:
    source = write_parquet(tmp_path / "notes.parquet", REPORTS, text_name="body")
    result = CliRunner().invoke(app, ["scan", str(source), "-o", str(tmp_path / "out"), "--engine", "spark"])
    assert result.exit_code == 2
    assert result.stderr == ("hoguide: error: notes.parquet: no text column (text or report_text or report); "
                             "it has 'report_id', 'body' (choose one with --text-col)\n")
    assert not (tmp_path / "out").exists()


def test_cli_spark_reads_bad_json_lines_as_the_local_engine_does(spark: SparkSession, tmp_path: Path) -> None:
    """Every kind of bad line is the same error row in both engines, line number included, and the job goes on;
    partitions of 300 bytes, so that lines and records are counted across them."""
    good = [json.dumps({"report_id": i, "text": t}).encode() for i, t in REPORTS]
    bad = [*(bad for bad, _ in BAD_RECORDS["jsonl"].values()), b'{"report_id": "s", "text": "HO \\ud800 hip"}',
           b'{"text": "secret ' + b"HO " * 8000 + b'"}']  # over the line limit of --max-bytes 2000
    lines = [good[0], b"", *bad[:3], b" \t", good[1], b'{"text": "No HO."}', *bad[3:], *good[2:], b""]
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"\n".join(lines))
    runner = CliRunner()
    options = ["--format", "jsonl", "--max-bytes", "2000"]
    local = runner.invoke(app, ["scan", str(source), "-o", str(tmp_path / "local"), *options])
    assert local.exit_code == 0, local.output
    spark.conf.set("spark.sql.files.maxPartitionBytes", "300")
    try:
        result = runner.invoke(app, ["scan", str(source), "-o", str(tmp_path / "spark"), *options, "--engine", "spark"])
    finally:
        spark.conf.unset("spark.sql.files.maxPartitionBytes")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:8] == local.stdout.splitlines()[:8]
    rows = read_output(tmp_path / "spark", "jsonl")
    assert len(rows) == len(REPORTS) + 6
    assert by_id(rows) == by_id(read_output(tmp_path / "local", "jsonl"))
    assert {r["report_id"]: r["error_message"][:19] for r in rows if r["ho_status"] == "error"} == {
        "2": "in.jsonl: line 3: n", "3": "in.jsonl: line 4: n", "4": "in.jsonl: line 5: n", "s": "in.jsonl: line 9: t",
        "8": "in.jsonl: line 10: "}
    assert "secret" not in result.output


def test_cli_spark_reads_bad_csv_records_as_the_local_engine_does(spark: SparkSession, tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(b'report_id,text\nr1,"IMPRESSION: Brooker III heterotopic ossification, right hip."\n'
                       b'"b1","Brooker II "HO" at the hip"\n"b2","HO at the hip\n"r2","No heterotopic ossification."\n'
                       b'"b3","caf\xe9: HO"\n"b4","HO","x"\n"r3","Two\nlines: no HO."\n,No id here.\n'
                       b'r4,"HO at the ""left"" elbow"\n')
    runner = CliRunner()
    for engine in ("local", "spark"):
        done = runner.invoke(app, ["scan", str(source), "-o", str(tmp_path / engine), "--format", "jsonl",
                                   "--engine", engine])
        assert done.exit_code == 0, done.output
    rows = read_output(tmp_path / "spark", "jsonl")
    assert by_id(rows) == by_id(read_output(tmp_path / "local", "jsonl"))
    assert [(r["report_id"], r["error_message"]) for r in rows if r["ho_status"] == "error"] == [
        ("2", "in.csv: line 3: malformed CSV (text follows a closing quote); check the quoting of that report"),
        ("3", "in.csv: line 4: malformed CSV (text follows a closing quote on line 5); check the quoting of that "
              "report"),
        ("5", "in.csv: line 6: not UTF-8 text (byte 0xE9); save the CSV as UTF-8"),
        ("6", "in.csv: line 7: 3 fields where the header has 2; check the quoting of that report")]
    assert [r["report_id"] for r in rows if r["ho_status"] != "error"] == ["r1", "r2", "r3", "8", "r4"]


def test_cli_spark_reads_a_directory_of_csv_files_numbering_records_across_them(spark: SparkSession,
                                                                               tmp_path: Path) -> None:
    directory = tmp_path / "in.csv"
    directory.mkdir()
    (directory / "part-00000.csv").write_text('report_text\nNo HO.\n"HO at the "left" hip"\n', encoding="utf-8")
    (directory / "part-00001.csv").write_text('report_text\n\n"Brooker II heterotopic ossification,\nright hip."\n'
                                              'No HO at all.\n', encoding="utf-8")
    done = CliRunner().invoke(app, ["scan", str(directory), "-o", str(tmp_path / "out"), "--format", "jsonl",
                                    "--engine", "spark"])
    assert done.exit_code == 0, done.output
    rows = sorted(read_output(tmp_path / "out", "jsonl"), key=lambda r: r["report_id"])
    assert [(r["report_id"], r["ho_status"]) for r in rows] == [
        ("1", "absent"), ("2", "error"), ("3", "present"), ("4", "absent")]
    assert rows[1]["error_message"] == ("part-00000.csv: line 3: malformed CSV (text follows a closing quote); "
                                        "check the quoting of that report")


@pytest.mark.parametrize(("options", "message"), [
    (["--engine", "spark", "--resume"], "--resume is for --engine local"),
    (["--engine", "spark", "--workers", "2"], "--workers is for --engine local"),
    (["--spark-master", "local[2]"], "--spark-master needs --engine spark"),
])
def test_cli_refuses_options_of_the_other_engine(tmp_path: Path, options: list[str], message: str) -> None:
    source = write_csv(tmp_path / "in.csv", REPORTS)
    result = CliRunner().invoke(app, ["scan", str(source), "-o", str(tmp_path / "out"), *options])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"hoguide: error: {message}")
    assert not (tmp_path / "out").exists()


def test_cli_spark_in_a_process_of_its_own(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "in.csv", CLI_REPORTS)
    result = hoguide("scan", str(source), "-o", str(tmp_path / "out"), "--format", "jsonl", "--engine", "spark",
                     "--spark-master", "local[2]")
    assert result.returncode == 0, result.stderr
    assert "reports read: 9" in result.stdout.splitlines()
    assert "Traceback" not in result.stderr
    assert not [line for line in result.stderr.splitlines() if " WARN " in line or " ERROR " in line]  # Spark is quiet
    scan(open_source(source), SinkSpec(tmp_path / "local", "jsonl"))
    assert by_id(read_output(tmp_path / "out", "jsonl")) == by_id(read_output(tmp_path / "local", "jsonl"))


def test_without_pyspark_the_engine_says_what_to_install(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "in.csv", REPORTS)
    code = ("import sys; sys.modules['pyspark'] = None; from hoguide.cli import main; "  # as if not installed
            f"sys.argv = ['hoguide', 'scan', {str(source)!r}, '-o', {str(tmp_path / 'out')!r}, '--engine', 'spark']; "
            "main()")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 2
    assert result.stderr == "hoguide: error: the Spark engine needs the spark extra: pip install 'hoguide[spark]'\n"


def test_importing_hoguide_spark_does_not_import_pyspark() -> None:
    assert sorted(hoguide_spark.__all__) == ["annotate", "annotation_schema", "scan_files", "spark_schema",
                                             "start_session"]
    code = "import sys, hoguide, hoguide.cli, hoguide.spark; print('pyspark' in sys.modules, 'pyarrow' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout.strip() == "False False"


def test_cli_spark_csv_cells_are_no_formulas_as_in_the_local_engine(spark: SparkSession, tmp_path: Path) -> None:
    formulas = [("=1+2", REPORTS[0][1]), ("@SUM(A1)", REPORTS[1][1]), ("-3", REPORTS[2][1]), ("ok", REPORTS[3][1])]
    source = str(write_jsonl(tmp_path / "in.jsonl", formulas))
    runner = CliRunner()
    for engine in ("local", "spark"):
        done = runner.invoke(app, ["scan", source, "-o", str(tmp_path / engine), "--format", "csv", "--engine", engine])
        assert done.exit_code == 0, done.output
    rows = read_output(tmp_path / "spark", "csv")
    assert by_id(rows) == by_id(read_output(tmp_path / "local", "csv"))
    assert sorted(r["report_id"] for r in rows) == ["'-3", "'=1+2", "'@SUM(A1)", "ok"]
