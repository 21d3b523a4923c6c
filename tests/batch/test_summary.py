"""The scan summary page, made for real: scans written to tmp_path, the page read back as HTML, the real CLI."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from hoguide.batch import SinkSpec, open_source, scan
from hoguide.batch.sinks import MANIFEST
from hoguide.batch.summary import Tally, part_rows, read_overview
from hoguide.batch.summary_page import write_scan_summary
from hoguide.knowledge.loader import KnowledgeBase
from tests.batch.test_scan import REPORTS, hoguide, read_jsonl_parts, write_jsonl

# Graded reports whose causes are known: the grades-by-cause table below is worked out by hand
# (with test_scan's REPORTS, of which only r1 has a grade: Brooker III, no cause).
GRADED: list[tuple[str, Any]] = [
    ("g1", "Status post right total hip arthroplasty. Brooker class III heterotopic ossification about the right hip."),
    ("g2", "Left total hip replacement. Brooker grade II heterotopic ossification at the left hip."),
    ("g3", "Status post left total hip arthroplasty. Brooker class III heterotopic ossification about the left hip."),
    ("g4", "History of traumatic brain injury. Brooker IV heterotopic ossification bridging the left hip."),
    ("g5", "Elbow fracture fixation. Hastings-Graham IIB heterotopic ossification at the right elbow."),
    ("g6", "Brooker class I heterotopic ossification about the right hip."),
    ("g7", "Spinal cord injury and traumatic brain injury. Brooker class III heterotopic ossification at both hips."),
    ("g8", "Treated with radiotherapy after excision of heterotopic ossification at the right hip; mature "
           "heterotopic ossification, Brooker II."),
]
GRADES_BY_CAUSE = [
    ["Cause", "Brooker I", "Brooker II", "Brooker III", "Brooker IV", "Hastings-Graham IIB", "Graded reports"],
    ["Hip replacement", "0", "1", "2", "0", "0", "3"],
    ["Brain injury", "0", "0", "1", "1", "0", "2"],
    ["Elbow injury or elbow surgery", "0", "0", "0", "0", "1", "1"],  # ties: the knowledge base's order
    ["Spinal cord injury", "0", "0", "1", "0", "0", "1"],
    ["No cause named", "1", "1", "1", "0", "0", "3"],  # g6, g8 and REPORTS' r1; always last
]
BAD: list[tuple[str, Any]] = [("empty", "   "), ("null", None), ("binary", "PK\x03\x04\x00\x00\x14")]
INPUT = [*GRADED, *REPORTS, *BAD]
FORMATS = ("parquet", "csv", "jsonl")


class Page(HTMLParser):
    """The parts of the page the tests check: each table's cells by id, the img tags, every URL-bearing attribute."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.images: list[dict[str, str | None]] = []
        self.urls: list[str] = []
        self.tags: Counter[str] = Counter()
        self._table: list[list[str]] | None = None
        self._cell: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        self.tags[tag] += 1
        self.urls += [value or "" for key, value in attrs if key in ("src", "href", "action", "srcset")]
        if tag == "img":
            self.images.append(named)
        elif tag == "table":
            self._table = self.tables.setdefault(named.get("id") or "", [])
        elif tag == "tr" and self._table is not None:
            self._table.append([])
        elif tag in ("th", "td"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("th", "td") and self._table is not None and self._cell is not None:
            self._table[-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def column(table: list[list[str]], key: int, value: int) -> dict[str, int]:
    return {row[key]: int(row[value].replace(",", "")) for row in table[1:]}


@pytest.fixture(scope="module")
def scans(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The same input scanned once into each output format."""
    root = tmp_path_factory.mktemp("scans")
    source = open_source(write_jsonl(root / "in.jsonl", INPUT))
    for fmt in FORMATS:
        scan(source, SinkSpec(root / fmt, fmt), batch_size=4)  # type: ignore[arg-type]
    return {fmt: root / fmt for fmt in FORMATS}


@pytest.fixture(scope="module")
def pages(scans: dict[str, Path]) -> dict[str, str]:
    return {fmt: write_scan_summary(directory, directory.parent / f"{fmt}.html").read_text(encoding="utf-8")
            for fmt, directory in scans.items()}


def copy(directory: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(directory, tmp_path / directory.name))


def manifest_of(directory: Path) -> dict[str, Any]:
    manifest: dict[str, Any] = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    return manifest


@pytest.mark.parametrize("fmt", FORMATS)
def test_status_counts_equal_the_manifest(fmt: str, scans: dict[str, Path], pages: dict[str, str]) -> None:
    expected: Counter[str] = Counter()
    for part in manifest_of(scans[fmt])["parts"]:
        expected.update(part["counts"])
    statuses = column(Page(pages[fmt]).tables["status-table"], 1, 2)
    assert statuses == {s: expected[s] for s in statuses}
    assert sum(statuses.values()) == len(INPUT)
    assert set(statuses) == {"present", "possible", "historical", "absent", "hypothetical", "not_mentioned", "error"}


def test_every_table_equals_the_rows(scans: dict[str, Path], pages: dict[str, str], kb: KnowledgeBase) -> None:
    def label(kind: str, concept: str | None) -> str:
        text = kb.label(kind, concept) if concept else "not stated"
        return text[0].upper() + text[1:]

    rows = read_jsonl_parts(scans["jsonl"])
    readable = [r for r in rows if r["ho_status"] != "error"]
    ho = [r for r in rows if r["ho_status"] in ("present", "possible")]
    tables = Page(pages["jsonl"]).tables
    assert column(tables["sites-table"], 0, 1) == Counter(label("site", s) for r in ho for s in r["sites"])
    assert column(tables["laterality-table"], 0, 1) == Counter(label("laterality", r["laterality"]) for r in ho)
    assert column(tables["maturity-table"], 0, 1) == Counter(label("maturity", r["maturity"]) for r in ho)
    assert column(tables["cause-table"], 0, 1) == Counter(label("cause", c) for r in rows for c in r["cause_ids"])
    assert column(tables["treatment-table"], 0, 1) == Counter(
        label("treatment", c) for r in rows for c in r["treatments"])
    assert column(tables["errors-table"], 0, 1) == Counter(r["error_code"] for r in rows if r["error_code"])
    mentions = column(tables["mentions-table"], 0, 1)
    assert sum(mentions.values()) == len(readable)
    assert mentions["0"] == sum(1 for r in readable if r["n_mentions"] == 0)
    graded = Counter((r["grade_system"], r["grade_value"]) for r in rows if r["grade_value"])
    assert {(a, b): int(n) for a, b, n in tables["grades-table"][1:]} == {
        (system.replace("_", "-").title(), value): n for (system, value), n in graded.items()}


def test_grades_by_cause_for_a_crafted_input(pages: dict[str, str]) -> None:
    assert Page(pages["parquet"]).tables["grades-by-cause-table"] == GRADES_BY_CAUSE


def test_every_format_gives_the_same_page(pages: dict[str, str]) -> None:
    def body(page: str) -> str:  # all but the provenance, which names the directory and the format
        return page[:page.index('<section aria-labelledby="provenance-title">')]

    assert body(pages["parquet"]) == body(pages["csv"]) == body(pages["jsonl"])


def test_the_same_output_gives_the_same_bytes(scans: dict[str, Path], pages: dict[str, str], tmp_path: Path) -> None:
    again = write_scan_summary(scans["csv"], tmp_path / "again.html")
    assert again.read_text(encoding="utf-8") == pages["csv"]


def test_the_page_is_self_contained_and_every_image_has_alt_text(pages: dict[str, str]) -> None:
    page = Page(pages["parquet"])
    assert len(page.images) == 3
    for image in page.images:
        assert (image.get("src") or "").startswith("data:image/png;base64,")
        assert len(image.get("alt") or "") > 40
        assert image.get("width") and image.get("height")
    assert all(url.startswith("data:") for url in page.urls)
    assert not re.search(r"https?://|url\(", pages["parquet"])
    assert page.tags["script"] == page.tags["link"] == 0
    assert "This scan is not finished" not in pages["parquet"]


def test_an_incomplete_scan_is_summarized_with_a_warning(scans: dict[str, Path], tmp_path: Path) -> None:
    directory = copy(scans["csv"], tmp_path)
    manifest = manifest_of(directory)
    dropped = manifest["parts"].pop()  # its file stays on disk, as after a kill just before it was listed
    manifest["complete"] = False
    (directory / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    result = hoguide("summarize", str(directory))
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"summary: {directory / 'summary.html'}\n"
    html = (directory / "summary.html").read_text(encoding="utf-8")
    assert "This scan is not finished" in html
    assert "1 part file(s) in the directory are not in the manifest" in html
    statuses = column(Page(html).tables["status-table"], 1, 2)
    assert sum(statuses.values()) == len(INPUT) - dropped["rows"]


def test_rows_read_by_other_versions_are_pointed_out(scans: dict[str, Path], tmp_path: Path) -> None:
    directory = copy(scans["jsonl"], tmp_path)
    part = directory / "part-00000.jsonl"
    rows = [json.loads(line) for line in part.read_text(encoding="utf-8").splitlines()]
    rows[0]["knowledge_version"] = "older"
    part.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    html = write_scan_summary(directory).read_text(encoding="utf-8")
    assert "The rows were not all read by the versions in the manifest" in html
    assert "knowledge older: 1 report(s)" in html


def test_scan_with_summary_writes_the_page(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", GRADED)
    out = tmp_path / "out"
    result = hoguide("scan", str(source), "-o", str(out), "--format", "jsonl", "--summary", str(out / "s.html"))
    assert result.returncode == 0, result.stderr
    assert f"summary: {out / 's.html'}" in result.stdout.splitlines()
    assert Page((out / "s.html").read_text(encoding="utf-8")).tables["grades-by-cause-table"][1][0] == "Hip replacement"


def test_scan_refuses_a_summary_path_it_cannot_write_before_scanning(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", GRADED)
    result = hoguide("scan", str(source), "-o", str(tmp_path / "out"), "--summary", str(tmp_path / "no" / "s.html"))
    assert result.returncode == 2
    assert result.stderr == f"hoguide: error: {tmp_path / 'no' / 's.html'}: cannot be written (no directory " \
        f"{tmp_path / 'no'})\n"
    assert not (tmp_path / "out").exists()


def _damage(directory: Path, fmt: str) -> None:
    part = directory / f"part-00001.{fmt}"
    if fmt == "parquet":
        part.write_bytes(b"PAR1 not really parquet")
    else:
        part.write_bytes(part.read_bytes()[:-30])  # cut off mid-row


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_damaged_part_is_named(fmt: str, scans: dict[str, Path], tmp_path: Path) -> None:
    directory = copy(scans[fmt], tmp_path)
    _damage(directory, fmt)
    result = hoguide("summarize", str(directory))
    assert result.returncode == 2
    assert result.stderr.startswith(f"hoguide: error: {directory / f'part-00001.{fmt}'}: damaged part file (")
    assert result.stderr.count("\n") == 1
    assert not (directory / "summary.html").exists()


def _bad_directory(case: str, scans: dict[str, Path], tmp_path: Path) -> tuple[list[str], str]:
    """Arguments for ``hoguide summarize`` and the start of the message they must give."""
    if case == "missing":
        return [str(tmp_path / "nowhere")], f"{tmp_path / 'nowhere'}: no such directory"
    if case == "file":
        (tmp_path / "f.csv").write_text("x\n", encoding="utf-8")
        return [str(tmp_path / "f.csv")], f"{tmp_path / 'f.csv'} is not a directory"
    if case == "no manifest":
        return [str(tmp_path)], f"{tmp_path} has no {MANIFEST}; it is not the output of hoguide scan"
    directory = copy(scans["jsonl"], tmp_path)
    manifest = manifest_of(directory)
    if case == "no parts":
        manifest.update(parts=[], complete=False)
        (directory / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
        return [str(directory)], f"{directory}: the scan has not finished a part yet"
    if case == "part missing":
        (directory / "part-00002.jsonl").unlink()
        return [str(directory)], f"{directory / 'part-00002.jsonl'} is listed in {MANIFEST} but missing"
    if case == "row count":
        manifest["parts"][0]["rows"] += 1
        (directory / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
        return [str(directory)], f"{directory / 'part-00000.jsonl'} has 4 rows but {MANIFEST} lists 5"
    if case == "escaping part name":
        manifest["parts"][0]["file"] = "../in.jsonl"
        (directory / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
        return [str(directory)], f"{directory / MANIFEST} is damaged (a part without a file name or row count)"
    if case == "damaged manifest":
        (directory / MANIFEST).write_text("{", encoding="utf-8")
        return [str(directory)], f"{directory / MANIFEST} is damaged"
    if case == "output is a directory":
        return [str(directory), "-o", str(tmp_path)], f"{tmp_path} is a directory; give a file name"
    assert case == "output under a file"
    return ([str(directory), "-o", str(directory / MANIFEST / "s.html")],
            f"{directory / MANIFEST / 's.html'}: cannot be written ({directory / MANIFEST} is not a directory)")


@pytest.mark.parametrize("case", ["missing", "file", "no manifest", "no parts", "part missing", "row count",
                                  "escaping part name", "damaged manifest", "output is a directory",
                                  "output under a file"])
def test_bad_input_fails_with_one_line(case: str, scans: dict[str, Path], tmp_path: Path) -> None:
    args, message = _bad_directory(case, scans, tmp_path)
    result = hoguide("summarize", *args)
    assert result.returncode == 2, result.stdout
    assert result.stderr.startswith(f"hoguide: error: {message}")
    assert result.stderr.count("\n") == 1
    assert result.stdout == ""


def test_an_empty_finished_scan_gives_a_page(tmp_path: Path) -> None:
    source = tmp_path / "empty.csv"
    source.write_text("report_id,text\n", encoding="utf-8")
    scan(open_source(source), SinkSpec(tmp_path / "out", "csv"))
    page = Page(write_scan_summary(tmp_path / "out").read_text(encoding="utf-8"))
    assert column(page.tables["status-table"], 1, 2) == dict.fromkeys(
        ("present", "possible", "historical", "absent", "hypothetical", "not_mentioned", "error"), 0)
    assert "sites-table" not in page.tables
    assert len(page.images) == 1  # only the status chart: the others have nothing to draw


def test_tallies_merged_per_part_equal_one_tally(scans: dict[str, Path]) -> None:
    """What an engine that counts partitions apart (Spark) would do."""
    merged = Tally()
    for part in sorted(scans["csv"].glob("part-*.csv")):
        tally = Tally()
        for row in part_rows(part):
            tally.add(row)
        merged.merge(tally)
    assert merged == read_overview(scans["csv"]).tally


def test_without_matplotlib_the_message_says_what_to_install(scans: dict[str, Path], tmp_path: Path) -> None:
    code = ("import sys; sys.modules['matplotlib'] = None; "  # what Python does when a package is not installed
            "from hoguide.cli import main; sys.argv = ['hoguide', 'summarize', sys.argv[1], '-o', sys.argv[2]]; main()")
    result = subprocess.run([sys.executable, "-c", code, str(scans["csv"]), str(tmp_path / "s.html")],
                            capture_output=True, text=True, check=False, timeout=60)
    assert result.returncode == 2
    assert result.stderr == ("hoguide: error: the scan summary's plots need matplotlib: "
                             "pip install 'hoguide[summary]'\n")
    assert not (tmp_path / "s.html").exists()


def test_importing_the_cli_does_not_import_matplotlib() -> None:
    code = "import sys, hoguide.cli; print('matplotlib' in sys.modules, 'pyarrow' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout.strip() == "False False"
