"""Archives that fight back: every bad record becomes an error row, CSV cells are no formulas, and a
killed scan leaves no worker behind."""

from __future__ import annotations

import csv
import io
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hoguide.batch import SinkSpec, open_source, scan
from hoguide.batch.csv_records import Fields, decode, split_records
from hoguide.batch.sinks import csv_cell
from tests.batch.test_scan import REPORTS, hoguide, read_jsonl_parts, write_jsonl
from tests.web.test_server import _alive, _children

FORMULAS = ["=HYPERLINK(\"https://evil.example\",\"open\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]


def test_lone_surrogates_become_error_rows_and_resume_passes_them(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    lines = [json.dumps({"report_id": i, "text": t}) for i, t in REPORTS[:4]]
    lines.insert(1, '{"report_id": "bad\\ud800id", "text": "HO at the hip."}')
    lines.insert(3, '{"report_id": "b2", "text": "HO at the \\udfff hip."}')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for fmt in ("jsonl", "csv", "parquet"):
        done = hoguide("scan", str(path), "-o", str(tmp_path / fmt), "--format", fmt, "-q", "--batch-size", "2")
        assert done.returncode == 0, done.stderr
        assert "errors: 2" in done.stdout
    rows = read_jsonl_parts(tmp_path / "jsonl")
    assert [r["report_id"] for r in rows] == ["r1", "bad\ufffdid", "r2", "b2", "r3", "r4"]
    assert [r["error_message"] for r in rows if r["error_code"] == "bad_encoding"] == [
        "in.jsonl: line 2: the id holds a lone surrogate (\\ud800-\\udfff), which is not Unicode text",
        "in.jsonl: line 4: the text holds a lone surrogate (\\ud800-\\udfff), which is not Unicode text"]
    manifest = json.loads((tmp_path / "jsonl" / "_manifest.json").read_text(encoding="utf-8"))
    (tmp_path / "jsonl" / manifest["parts"][-1]["file"]).unlink()
    manifest["parts"], manifest["complete"] = manifest["parts"][:1], False
    (tmp_path / "jsonl" / "_manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    resumed = hoguide("scan", str(path), "-o", str(tmp_path / "jsonl"), "--format", "jsonl", "-q", "--batch-size",
                      "2", "--resume")
    assert resumed.returncode == 0, resumed.stderr
    assert read_jsonl_parts(tmp_path / "jsonl") == rows


def write_huge(path: Path) -> None:
    """Three reports, the second about 90-99 MB: in JSON Lines one line; in CSV a quoted field over many lines, one
    of them over the record limit by itself, with quotes inside ("") to be followed through all of it."""
    with path.open("w", encoding="utf-8") as handle:
        if path.suffix == ".csv":
            handle.write(f'report_id,text\na,{REPORTS[0][1]}\n"big","')
            handle.write('HO "" ' * 8_000_000 + "\n")  # one 48 MB line
            for _ in range(86):
                handle.write("HO, the hip " * 40_000 + '""\n')  # 480 kB lines
            handle.write(f'end."\nc,{REPORTS[1][1]}\n')
        else:
            handle.write(json.dumps({"report_id": "a", "text": REPORTS[0][1]}) + "\n")
            handle.write('{"report_id": "big", "text": "' + "HO " * 33_000_000 + '"}\n')  # a 99 MB line
            handle.write(json.dumps({"report_id": "c", "text": REPORTS[1][1]}) + "\n")


@pytest.mark.parametrize(("fmt", "where"), [("jsonl", "line 2: the line is 99.0 MB"),
                                            ("csv", "lines 3-90: the record is 89.3 MB")])
def test_an_over_long_line_is_skipped_without_being_held(tmp_path: Path, fmt: str, where: str) -> None:
    path = tmp_path / f"in.{fmt}"
    write_huge(path)
    # A parent of its own, so its peak memory is the scan's alone (holding the line took ~350 MB).
    measure = ("import resource, subprocess, sys; done = subprocess.run(sys.argv[1:]); "
               "print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", measure, sys.executable, "-m", "hoguide", "scan", str(path), "-o",
                          str(tmp_path / "out"), "--format", "jsonl", "-q"], capture_output=True, text=True,
                         check=True).stdout.split()
    code, peak_kb = int(out[-2]), int(out[-1])
    assert code == 0
    assert peak_kb < 200_000, peak_kb
    rows = read_jsonl_parts(tmp_path / "out")
    assert [(r["report_id"], r["ho_status"]) for r in rows] == [("a", "present"), ("2", "error"), ("c", "absent")]
    assert rows[1]["error_code"] == "input_too_large"
    assert rows[1]["error_message"].startswith(f"in.{fmt}: {where}, over the limit")


@pytest.mark.parametrize("block", [1, 2, 3, 7, 64, 1 << 20])
def test_csv_records_are_the_csv_modules_whatever_the_block_size(block: int) -> None:
    """Records are found block by block: a block may end anywhere (between the quotes of "", a comma and
    its quote, \r and \n); well-formed CSV must still split exactly as the csv module reads it."""
    rng = random.Random(block)
    pieces = ["a", "b", " ", ",", '"', "\n", "\r\n", "é", "HO"]
    for _ in range(300):
        rows = [["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(3)]
                for _ in range(rng.randint(1, 8))]
        handle = io.StringIO(newline="")
        csv.writer(handle, lineterminator=rng.choice(["\n", "\r\n"])).writerows(rows)
        data = handle.getvalue()
        fields = Fields()
        records = split_records(io.BytesIO(data.encode()), "x", 10_000, block)
        found = [fields.of(decode(piece, "x")) for piece in records]
        assert [row for row in found if row != []] == [
            row for row in csv.reader(io.StringIO(data, newline=""), strict=True) if row != []]


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(tmp_path: Path) -> None:
    source = open_source(write_jsonl(tmp_path / "in.jsonl", [(f, REPORTS[0][1]) for f in FORMULAS]))
    scan(source, SinkSpec(tmp_path / "csv", "csv"))
    scan(source, SinkSpec(tmp_path / "jsonl", "jsonl"))
    with (tmp_path / "csv" / "part-00000.csv").open(encoding="utf-8", newline="") as handle:
        cells = [row["report_id"] for row in csv.DictReader(handle)]
    assert cells == ["'" + f for f in FORMULAS]
    assert [r["report_id"] for r in read_jsonl_parts(tmp_path / "jsonl")] == FORMULAS  # kept as they are
    assert [csv_cell(v) for v in ("HO", "r-1", 3, None, "")] == ["HO", "r-1", 3, None, ""]


def test_the_workers_stop_when_the_scan_is_killed(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", [(f"r{n}", REPORTS[n % 7][1]) for n in range(60_000)])
    scan_process = subprocess.Popen([sys.executable, "-m", "hoguide", "scan", str(source), "-o", str(tmp_path / "out"),
                                     "--format", "jsonl", "--workers", "2", "-q"],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not list((tmp_path / "out").glob("part-*")):  # the workers are at work
            assert time.monotonic() < deadline and scan_process.poll() is None
            time.sleep(0.1)
        workers = _children(scan_process.pid)
        assert len(workers) >= 2
        os.kill(scan_process.pid, signal.SIGKILL)
        scan_process.wait()
        deadline = time.monotonic() + 20
        while any(_alive(pid) for pid in workers):
            assert time.monotonic() < deadline, "a worker outlived the scan"
            time.sleep(0.1)
    finally:
        if scan_process.poll() is None:
            scan_process.kill()


def test_a_csv_row_with_the_wrong_number_of_fields_is_an_error_row(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("report_id,text\nr1,HO at the hip.\nr2,No HO.,extra\nr3,No HO.\n", encoding="utf-8")
    done = hoguide("scan", str(path), "-o", str(tmp_path / "out"), "--format", "jsonl", "-q")
    assert done.returncode == 0, done.stderr
    rows = read_jsonl_parts(tmp_path / "out")
    assert [(r["report_id"], r["ho_status"]) for r in rows] == [("r1", "present"), ("2", "error"), ("r3", "absent")]
    assert rows[1]["error_message"] == ("in.csv: line 3: 3 fields where the header has 2; check the quoting of that "
                                        "report")


def test_every_bad_record_kind_in_one_archive_loses_and_repeats_nothing(tmp_path: Path) -> None:
    """The issue's kinds together, among good reports, read by two workers and then resumed: one row per line,
    in the file's order, each bad line an error row that names its line, the formula cells neutralised."""
    good = [json.dumps({"report_id": f"r{n}", "text": REPORTS[n % 7][1]}) for n in range(14)]
    # line index: (the line, its error code, what its message says); a report over the size limit on a line
    # within the line limit is parsed, so its row keeps the report's id and says the report's size.
    bad = {
        2: ('{"report_id": "bad", "text": "HO" "hip"}', "malformed_input", "line 3: not valid JSON"),
        4: ('{"report_id": "bad\\ud800id", "text": "HO at the hip."}', "bad_encoding",
            "line 5: the id holds a lone surrogate"),
        6: ('{"report_id": "big", "text": "' + "HO " * 5_000 + '"}', "input_too_large",
            "the report is 15,000 bytes, over the 10,000 bytes limit"),
        8: ('{"report_id": "long", "text": "' + "HO " * 40_000 + '"}', "input_too_large",
            "line 9: the line is 0.1 MB, over the limit"),
        10: ('{"report_id": "=HYPERLINK(\\"https://evil.example\\")", "text": "HO at the hip."}', None, None),
        12: ('{"report_id": "@SUM(A1)", "text": "No heterotopic ossification."}', None, None),
    }
    lines = [bad[n][0] if n in bad else line for n, line in enumerate(good)]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    options = ["--batch-size", "3", "--max-bytes", "10000", "-q"]
    for fmt, workers in (("jsonl", "1"), ("jsonl", "2"), ("csv", "2")):
        done = hoguide("scan", str(source), "-o", str(tmp_path / f"{fmt}{workers}"), "--format", fmt, "--workers",
                       workers, *options)
        assert done.returncode == 0, done.stderr
        assert "errors: 4" in done.stdout
    rows = read_jsonl_parts(tmp_path / "jsonl2")
    assert rows == read_jsonl_parts(tmp_path / "jsonl1")
    assert len(rows) == len(lines)  # nothing lost, nothing repeated
    errors = [(n, row) for n, row in enumerate(rows) if row["ho_status"] == "error"]
    assert [n for n, _ in errors] == [n for n, (_, code, _) in bad.items() if code]
    for n, row in errors:
        assert row["error_code"] == bad[n][1] and str(bad[n][2]) in row["error_message"], row
    assert rows[6]["report_id"] == "big"
    assert [r["report_id"] for n, r in enumerate(rows) if n not in bad] == [f"r{n}" for n in range(14) if n not in bad]
    cells = []
    for part in sorted((tmp_path / "csv2").glob("part-*.csv")):
        with part.open(encoding="utf-8", newline="") as handle:
            cells += [row["report_id"] for row in csv.DictReader(handle)]
    assert len(cells) == len(lines) and cells[10] == "'" + rows[10]["report_id"] and cells[12] == "'@SUM(A1)"
    # Stopped after the first part, then resumed: the same rows again, the bad lines included.
    out = tmp_path / "jsonl2"
    manifest = json.loads((out / "_manifest.json").read_text(encoding="utf-8"))
    for part in manifest["parts"][1:]:
        (out / part["file"]).unlink()
    manifest["parts"], manifest["complete"] = manifest["parts"][:1], False
    (out / "_manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    resumed = hoguide("scan", str(source), "-o", str(out), "--format", "jsonl", "--workers", "2", *options,
                      "--resume")
    assert resumed.returncode == 0, resumed.stderr
    assert read_jsonl_parts(out) == rows
