"""The cohort scan, run for real: files written to tmp_path, a real pool of 2 worker processes, the real CLI."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from hoguide.batch import STATUS_RULE, SinkSpec, open_source, row_for, scan
from hoguide.batch.sinks import MANIFEST
from hoguide.reading.reader import Reader

REPORTS: list[tuple[str, str]] = [
    ("r1", "IMPRESSION: Brooker class III heterotopic ossification about the right hip."),
    ("r2", "No heterotopic ossification."),
    ("r3", "Chest clear. No acute process."),
    ("r4", "Findings may represent early heterotopic ossification of the left elbow after burns."),
    ("r5", "History of heterotopic ossification excision at the left hip in 2019."),
    ("r6", "Mature heterotopic ossification at the right elbow after a traumatic brain injury."),
    ("r7", "Normal knee radiographs."),
]


def write_csv(path: Path, rows: list[tuple[str, Any]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["report_id", "text"])
        writer.writerows(rows)
    return path


def write_jsonl(path: Path, rows: list[tuple[str, Any]]) -> Path:
    path.write_text("".join(json.dumps({"report_id": i, "text": t}) + "\n" for i, t in rows), encoding="utf-8")
    return path


def write_parquet(path: Path, rows: list[tuple[str, Any]], text_name: str = "text") -> Path:
    table = pa.table({"report_id": [i for i, _ in rows], text_name: [t for _, t in rows]})
    pq.write_table(table, path, row_group_size=2)  # row groups smaller than a batch: parts must not care
    return path


def read_parquet_parts(directory: Path) -> list[dict[str, Any]]:
    return [row for part in sorted(directory.glob("part-*.parquet")) for row in pq.read_table(part).to_pylist()]


def read_jsonl_parts(directory: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for part in sorted(directory.glob("part-*.jsonl"))
            for line in part.read_text(encoding="utf-8").splitlines()]


def hoguide(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "hoguide", *args], capture_output=True, text=True, timeout=120,
                          check=False)


@pytest.mark.parametrize("writer", [write_csv, write_jsonl, write_parquet], ids=["csv", "jsonl", "parquet"])
def test_every_input_format_gives_the_same_rows(tmp_path: Path, writer: Any) -> None:
    suffix = {"write_csv": "csv", "write_jsonl": "jsonl", "write_parquet": "parquet"}[writer.__name__]
    source = open_source(writer(tmp_path / f"in.{suffix}", REPORTS))
    summary = scan(source, SinkSpec(tmp_path / "out", "jsonl"), workers=2, batch_size=3)
    rows = read_jsonl_parts(tmp_path / "out")
    assert [r["report_id"] for r in rows] == [i for i, _ in REPORTS]
    assert summary.reports == len(REPORTS)
    expected = json.loads((Path(__file__).parent / "expected_rows.json").read_text(encoding="utf-8"))
    assert [{k: r[k] for k in expected[0]} for r in rows] == expected


def test_json_lines_with_a_byte_order_mark_and_blank_lines_are_read(tmp_path: Path) -> None:
    """Windows tools may open a UTF-8 file with a byte-order mark; blank lines are no records."""
    lines = [json.dumps({"report_id": i, "text": t}) for i, t in REPORTS[:3]]
    path = tmp_path / "in.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + "\n \n\n".join(lines).encode("utf-8") + b"\n\t\n")
    source = open_source(path)
    assert [(r.report_id, r.text) for r in source.records()] == REPORTS[:3]


def test_a_json_line_that_is_not_utf8_becomes_an_error_row_with_the_line(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(json.dumps({"report_id": "a", "text": "ok"}).encode() + b'\n{"report_id": "b", "text": "\xe9"}\n')
    done = hoguide("scan", str(path), "-o", str(tmp_path / "out"), "--format", "jsonl", "-q")
    assert done.returncode == 0, done.stderr
    rows = read_jsonl_parts(tmp_path / "out")
    assert [(r["report_id"], r["error_code"], r["error_message"]) for r in rows][1] == (
        "2", "bad_encoding", "in.jsonl: line 2: not UTF-8 text")


def test_parquet_output_has_the_same_rows_as_jsonl(tmp_path: Path) -> None:
    source = open_source(write_csv(tmp_path / "in.csv", REPORTS))
    scan(source, SinkSpec(tmp_path / "pq", "parquet"), workers=2, batch_size=3)
    scan(source, SinkSpec(tmp_path / "js", "jsonl"), workers=2, batch_size=3)
    assert read_parquet_parts(tmp_path / "pq") == read_jsonl_parts(tmp_path / "js")
    assert sorted(p.name for p in (tmp_path / "pq").iterdir()) == [
        MANIFEST, "part-00000.parquet", "part-00001.parquet", "part-00002.parquet"]


def test_csv_output_writes_nested_fields_as_json(tmp_path: Path) -> None:
    scan(open_source(write_jsonl(tmp_path / "in.jsonl", REPORTS[:1])), SinkSpec(tmp_path / "out", "csv"))
    with (tmp_path / "out" / "part-00000.csv").open(encoding="utf-8", newline="") as handle:
        (row,) = list(csv.DictReader(handle))
    assert row["ho_status"] == "present"
    assert json.loads(row["sites"]) == ["hip"]
    assert json.loads(row["mentions"])[0]["grade"] == "brooker III"


def test_bad_rows_become_error_rows_and_the_rest_is_scanned(tmp_path: Path) -> None:
    bad: list[tuple[str, Any]] = [
        ("null", None), ("empty", "   "), ("binary", "PK\x03\x04\x00\x00\x14"), ("huge", "bone " * 1000),
    ]
    rows_in = [REPORTS[0], *bad, REPORTS[1]]
    source = open_source(write_parquet(tmp_path / "in.parquet", rows_in))
    summary = scan(source, SinkSpec(tmp_path / "out"), workers=2, batch_size=2, max_bytes=2000)
    rows = {r["report_id"]: r for r in read_parquet_parts(tmp_path / "out")}
    assert {k: (r["ho_status"], r["error_code"]) for k, r in rows.items()} == {
        "r1": ("present", None),
        "null": ("error", "missing_text"),
        "empty": ("error", "empty_input"),
        "binary": ("error", "binary_input"),
        "huge": ("error", "input_too_large"),
        "r2": ("absent", None),
    }
    assert all(rows[k]["error_message"] for k, _ in bad)
    assert summary.counts["error"] == 4
    assert summary.reports == 6


def test_resume_after_a_killed_scan_reproduces_the_output(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "in.csv", REPORTS)
    out = tmp_path / "out"
    first = hoguide("scan", str(source), "--output", str(out), "--workers", "2", "--batch-size", "2", "--quiet")
    assert first.returncode == 0, first.stderr
    complete = read_parquet_parts(out)
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert [p["file"] for p in manifest["parts"]] == [f"part-0000{i}.parquet" for i in range(4)]

    # A scan killed before its last part was listed: the part is gone, the manifest does not name it.
    (out / "part-00003.parquet").unlink()
    manifest["parts"] = manifest["parts"][:-1]
    manifest["complete"] = False
    (out / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    (out / ".part-00002.parquet.tmp-123").write_bytes(b"half a part")  # a temporary left by the kill

    again = hoguide("scan", str(source), "--output", str(out), "--workers", "2", "--batch-size", "2", "--resume")
    assert again.returncode == 0, again.stderr
    assert "parts written: 1 (skipped, already done: 3)" in again.stdout
    assert f"reports read: {len(REPORTS)}" in again.stdout
    assert read_parquet_parts(out) == complete
    assert sorted(p.name for p in out.iterdir()) == [MANIFEST, *(f"part-0000{i}.parquet" for i in range(4))]
    assert json.loads((out / MANIFEST).read_text(encoding="utf-8"))["complete"] is True


def test_resume_refuses_other_options_and_a_new_scan_refuses_old_output(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "in.csv", REPORTS)
    out = tmp_path / "out"
    assert hoguide("scan", str(source), "-o", str(out), "--format", "jsonl").returncode == 0
    fresh = hoguide("scan", str(source), "-o", str(out), "--format", "jsonl")
    assert fresh.returncode == 2
    assert "already holds scan output" in fresh.stderr
    other = hoguide("scan", str(source), "-o", str(out), "--format", "jsonl", "--batch-size", "5", "--resume")
    assert other.returncode == 2
    assert "cannot resume: batch_size" in other.stderr


def test_cli_prints_the_summary(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", [*REPORTS, ("bad", "")])
    result = hoguide("scan", str(source), "-o", str(tmp_path / "out"), "--workers", "2", "--batch-size", "3")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # no progress line: stderr is not a terminal
    lines = result.stdout.splitlines()
    for expected in ("reports read: 8", "HO present: 2", "HO possible: 1", "HO historical: 1", "HO absent: 1",
                     "HO not mentioned: 2", "errors: 1"):
        assert expected in lines


def test_an_unclosed_quote_does_not_swallow_the_rest_of_the_file(tmp_path: Path) -> None:
    source = tmp_path / "open.csv"
    source.write_text('report_id,text\nr1,"No heterotopic ossification.\nr2,HO at the hip\nr3,ok\n', encoding="utf-8")
    result = hoguide("scan", str(source), "-o", str(tmp_path / "out"), "--format", "jsonl", "-q")
    assert result.returncode == 0, result.stderr
    rows = read_jsonl_parts(tmp_path / "out")
    assert [(r["report_id"], r["ho_status"]) for r in rows] == [
        ("1", "error"), ("r2", "present"), ("r3", "not_mentioned")]
    assert rows[0]["error_message"] == (
        "open.csv: line 2: malformed CSV (a quote opened on this line is never closed); check the quoting of that "
        "report")


@pytest.mark.parametrize(("data", "message"), [
    ("report_id,text\nr1,caf\xe9\nr2,\xb0C\nr3,5 \xb5m\nr4,ok\n".encode("latin-1"),
     "enc.csv: the file is not UTF-8 text (lines 2, 3, 4 are not, and none is UTF-8 beyond plain ASCII); it looks "
     "like Latin-1 or Windows-1252: convert it, e.g. iconv -f WINDOWS-1252 -t UTF-8, and scan again"),
    ("report_id,text\nr1,ok\n".encode("utf-16"),
     "enc.csv: the file is UTF-16 text; save the CSV as UTF-8 and scan again"),
    (b"report_id,text\rr1,ok\r", "enc.csv: its lines end with a lone carriage return (as old Mac programs wrote them); "
     "save the CSV with Windows or Unix line ends"),
    ("report_id,t\xe9xt\nr1,ok\n".encode("latin-1"),
     "the header row cannot be read: enc.csv: line 1: not UTF-8 text (byte 0xE9); save the CSV as UTF-8"),
], ids=["latin-1", "utf-16", "old-mac", "header"])
def test_a_csv_file_in_another_encoding_fails_at_once(tmp_path: Path, data: bytes, message: str) -> None:
    """A file that is wholly in another encoding would give error rows for just the reports with an accent
    (a cohort silently missing them): it is refused before any report is read (docs: scanning archives)."""
    source = tmp_path / "enc.csv"
    source.write_bytes(data)
    result = hoguide("scan", str(source), "-o", str(tmp_path / "out"))
    assert (result.returncode, result.stderr) == (2, f"hoguide: error: {message}\n")
    assert not (tmp_path / "out").exists()


def test_parquet_without_the_text_column_fails_naming_its_columns(tmp_path: Path) -> None:
    source = write_parquet(tmp_path / "notes.parquet", REPORTS, text_name="body")
    result = hoguide("scan", str(source), "-o", str(tmp_path / "out"))
    assert result.returncode == 2
    assert result.stderr == ("hoguide: error: notes.parquet: no text column (text or report_text or report); "
                             "it has 'report_id', 'body' (choose one with --text-col)\n")
    assert not (tmp_path / "out").exists()
    chosen = hoguide("scan", str(source), "-o", str(tmp_path / "out"), "--text-col", "body")
    assert chosen.returncode == 0, chosen.stderr


def test_a_file_that_is_not_parquet_fails_clearly(tmp_path: Path) -> None:
    source = tmp_path / "fake.parquet"
    source.write_text("report_id,text\n", encoding="utf-8")
    result = hoguide("scan", str(source), "-o", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "fake.parquet: not a readable Parquet file" in result.stderr


def test_id_falls_back_to_id_then_to_the_row_number(tmp_path: Path) -> None:
    with_id = tmp_path / "a.jsonl"
    with_id.write_text('{"id": 7, "report": "No HO."}\n', encoding="utf-8")
    source = open_source(with_id)
    assert (source.id_col, source.text_col) == ("id", "report")
    numbered = tmp_path / "b.csv"
    numbered.write_text("report_text\nNo HO.\nHO at the hip.\n", encoding="utf-8")
    scan(open_source(numbered), SinkSpec(tmp_path / "out", "jsonl"))
    assert [r["report_id"] for r in read_jsonl_parts(tmp_path / "out")] == ["1", "2"]


@pytest.mark.parametrize(("text", "status"), [
    ("No evidence of heterotopic ossification about the hip.", "absent"),
    ("Faint calcification, possibly early heterotopic ossification, at the right knee.", "possible"),
    ("Brooker grade II heterotopic ossification at the left hip.", "present"),
    ("No heterotopic ossification on the right. Heterotopic ossification at the left hip.", "present"),
    ("Unremarkable radiographs of the chest.", "not_mentioned"),
])
def test_report_status_rule(reader: Reader, text: str, status: str) -> None:
    row = row_for(reader, "x", text, max_bytes=10_000)
    assert row["ho_status"] == status
    assert row["ho_status_rule"] == STATUS_RULE
    assert row["error_code"] is None


def test_importing_the_package_and_the_cli_does_not_import_pyarrow() -> None:
    code = "import sys, hoguide, hoguide.cli, hoguide.batch; print('pyarrow' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout.strip() == "False"


# ---- JSON Lines parsed in the workers: the same rows, errors and resume as in one process -------------------

def jsonl_lines(records: list[dict[str, Any]]) -> list[str]:
    """Records as JSON Lines with blank lines (empty and white space) before, between and after batches."""
    lines = [""]
    for number, record in enumerate(records):
        lines.append(json.dumps(record))
        lines += ["", " \t"] if number % 3 == 1 else []
    return [*lines, "", ""]


MIXED: list[dict[str, Any]] = [
    {"report_id": "a", "text": REPORTS[0][1]},
    {"text": REPORTS[1][1]},  # no id: the record number
    {"report_id": "", "text": REPORTS[2][1]},  # an empty id: the record number
    {"report_id": 40, "text": {"impression": "heterotopic ossification at the hip"}},  # JSON text, not a str
    {"report_id": "e", "text": None},
    {"report_id": "f", "text": ["No HO.", 2]},
    {"text": REPORTS[5][1]},
    {"report_id": "h", "text": REPORTS[6][1]},
]


def parts_of(directory: Path) -> list[list[dict[str, Any]]]:
    return [[json.loads(line) for line in part.read_text(encoding="utf-8").splitlines()]
            for part in sorted(directory.glob("part-*.jsonl"))]


def test_json_lines_read_by_workers_give_the_same_parts_as_one_process(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(jsonl_lines(MIXED)), encoding="utf-8")
    fractions: list[float | None] = []
    one = scan(open_source(path), SinkSpec(tmp_path / "one", "jsonl"), workers=1, batch_size=3)
    two = scan(open_source(path), SinkSpec(tmp_path / "two", "jsonl"), workers=2, batch_size=3,
               progress=lambda p: fractions.append(p.fraction))
    assert parts_of(tmp_path / "two") == parts_of(tmp_path / "one")
    assert [[r["report_id"] for r in part] for part in parts_of(tmp_path / "two")] == [
        ["a", "2", "3"], ["40", "e", "f"], ["7", "h"]]
    assert two.to_dict() | {"seconds": 0} == one.to_dict() | {"seconds": 0}
    assert two.counts["error"] == 1  # the null text
    assert len(fractions) == 3
    assert all(f is not None and 0 < f <= 1 for f in fractions)
    assert max(f or 0.0 for f in fractions) == 1.0


def csv_lines(records: list[dict[str, Any]]) -> list[str]:
    """The same records as CSV, every field quoted, with blank lines between batches (CSV has no other blank)."""
    lines = ['"report_id","text"']
    for number, record in enumerate(records):
        handle = io.StringIO()
        csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="").writerow([record["report_id"], record["text"]])
        lines.append(handle.getvalue())
        lines += [""] if number % 3 == 1 else []
    return [*lines, ""]


# A bad record of each kind, as the 5th and 10th record, and the problem its error row names. A broken quote
# swallows the line after it; "{next}" is the line it closes on.
BAD_RECORDS = {
    "jsonl": {
        "not UTF-8": (b'{"report_id": "bad", "text": "caf\xe9"}', "not UTF-8 text"),
        "not JSON": (b'{"report_id": "bad", "text": "HO" "hip"}',
                     "not valid JSON (Expecting ',' delimiter at column 35)"),
        "not an object": (b'["bad", "HO at the hip"]', "not a JSON object"),
    },
    "csv": {
        "not UTF-8": (b'"bad","caf\xe9: HO at the hip"', "not UTF-8 text (byte 0xE9); save the CSV as UTF-8"),
        "stray quote": (b'"bad","Brooker II "HO" at the hip"',
                        "malformed CSV (text follows a closing quote); check the quoting of that report"),
        "unclosed quote": (b'"bad","HO at the hip',
                           "malformed CSV (text follows a closing quote on line {next}); check the quoting of that "
                           "report"),
        "extra field": (b'"bad","HO at the hip","x"',
                        "3 fields where the header has 2; check the quoting of that report"),
    },
}
BAD_KINDS = [(fmt, kind) for fmt, kinds in BAD_RECORDS.items() for kind in kinds]


def write_with_bad_lines(path: Path, bad: bytes | None) -> list[tuple[int, int]]:
    """Twelve reports (the 7th over two lines in CSV) in batches of 3, with ``bad`` (when given) for the 5th record
    (2nd batch) and the 10th (4th batch), in the format of ``path``'s suffix; returns the line numbers of those two,
    each with the number of the next line that is not blank."""
    records = [{"report_id": f"r{n}", "text": REPORTS[n % len(REPORTS)][1]} for n in range(1, 13)]
    as_csv = path.suffix == ".csv"
    if as_csv:
        records[6]["text"] = "IMPRESSION:\n" + records[6]["text"]
    lines = [line.encode("utf-8") for line in (csv_lines if as_csv else jsonl_lines)(records)]
    starts = [(f'"r{n}",'.encode(), f'{{"report_id": "r{n}",'.encode()) for n in (5, 10)]
    at = [next(i for i, line in enumerate(lines) if line.startswith(start)) for start in starts]
    for i in at:
        lines[i] = bad if bad is not None else lines[i]
    path.write_bytes(b"\n".join(lines))

    def line_number(i: int) -> int:
        return i + 1 + sum(line.count(b"\n") for line in lines[:i])

    return [(line_number(i), line_number(next(j for j in range(i + 1, len(lines)) if lines[j].strip()))) for i in at]


@pytest.mark.parametrize(("fmt", "kind"), BAD_KINDS, ids=[f"{fmt}-{kind}" for fmt, kind in BAD_KINDS])
def test_a_malformed_line_becomes_an_error_row_and_the_scan_goes_on(tmp_path: Path, fmt: str, kind: str) -> None:
    bad, problem = BAD_RECORDS[fmt][kind]
    source = tmp_path / f"in.{fmt}"
    lines = write_with_bad_lines(source, bad)
    options = ["--batch-size", "3", "--format", "jsonl", "-q"]
    one = hoguide("scan", str(source), "-o", str(tmp_path / "one"), "--workers", "1", *options)
    two = hoguide("scan", str(source), "-o", str(tmp_path / "two"), "--workers", "2", *options)
    assert one.returncode == 0, one.stderr
    assert (two.returncode, two.stderr) == (one.returncode, one.stderr)
    assert parts_of(tmp_path / "one") == parts_of(tmp_path / "two")
    rows = read_jsonl_parts(tmp_path / "one")
    assert len(rows) == 12  # nothing lost, nothing repeated
    assert [r["report_id"] for r in rows if r["ho_status"] != "error"] == [
        f"r{n}" for n in range(1, 13) if n not in (5, 10)]
    errors = [r for r in rows if r["ho_status"] == "error"]
    assert [(r["report_id"], r["error_message"]) for r in errors] == [
        (str(n), f"in.{fmt}: line {line}: {problem.format(next=after)}")
        for n, (line, after) in zip((5, 10), lines, strict=True)]
    assert "errors: 2" in one.stdout


@pytest.mark.parametrize(("fmt", "kind"), [("jsonl", "not JSON"), ("csv", "unclosed quote")])
def test_a_scan_with_bad_lines_resumes_to_the_same_output(tmp_path: Path, fmt: str, kind: str) -> None:
    source = tmp_path / f"in.{fmt}"
    write_with_bad_lines(source, BAD_RECORDS[fmt][kind][0])
    options = ["--batch-size", "3", "--format", "jsonl", "--workers", "2", "-q"]
    assert hoguide("scan", str(source), "-o", str(tmp_path / "fresh"), *options).returncode == 0
    out = tmp_path / "out"
    assert hoguide("scan", str(source), "-o", str(out), *options).returncode == 0
    # Stopped after the first part: the later ones, bad lines included, are read again on resume.
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    for part in manifest["parts"][1:]:
        (out / part["file"]).unlink()
    manifest["parts"], manifest["complete"] = manifest["parts"][:1], False
    (out / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    resumed = hoguide("scan", str(source), "-o", str(out), *options, "--resume")
    assert resumed.returncode == 0, resumed.stderr
    assert "parts written: 3 (skipped, already done: 1)" in resumed.stdout
    assert parts_of(out) == parts_of(tmp_path / "fresh")
    assert len([r for part in parts_of(out) for r in part]) == 12
