"""The command line, run for real in a subprocess: output, JSON contract and every bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from hoguide._version import __version__ as hoguide_version
from hoguide.examples import example_names
from hoguide.knowledge.loader import load_knowledge
from hoguide.reading.matcher import implementation as matcher
from hoguide.reading.sentences import implementation as splitter

SCHEMA = json.loads(
    (Path(__file__).parents[1] / "src" / "hoguide" / "schemas" / "reading.schema.json").read_text()
)


def hoguide(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    completed = subprocess.run(
        [sys.executable, "-m", "hoguide", *args],
        input=stdin,
        capture_output=True,
        timeout=60,
        check=False,
    )
    return subprocess.CompletedProcess(
        completed.args,
        completed.returncode,
        completed.stdout.decode("utf-8"),
        completed.stderr.decode("utf-8"),
    )


def test_version_names_the_knowledge_and_the_c_extensions_in_use() -> None:
    result = hoguide("--version")
    assert result.returncode == 0, result.stderr
    expected = (f"hoguide {hoguide_version} (knowledge {load_knowledge().version}; phrase matcher: {matcher()}; "
                f"sentence splitter: {splitter()})")
    assert result.stdout.strip() == expected


def test_read_example_as_text() -> None:
    result = hoguide("read", "--example", "hip_arthroplasty_brooker_3")
    assert result.returncode == 0, result.stderr
    assert "Heterotopic ossification mentions" in result.stdout
    assert "brooker III" in result.stdout


@pytest.mark.parametrize("name", example_names())
def test_read_json_matches_the_schema(name: str) -> None:
    result = hoguide("read", "--example", name, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    jsonschema.validate(data, SCHEMA)


def test_read_from_a_file_and_from_stdin_agree(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text("No heterotopic ossification about the left hip.\n", encoding="utf-8")
    from_file = hoguide("read", str(report), "--json")
    from_stdin = hoguide("read", "-", "--json", stdin=report.read_bytes())
    assert from_file.returncode == from_stdin.returncode == 0
    assert json.loads(from_file.stdout) == json.loads(from_stdin.stdout)
    [finding] = json.loads(from_file.stdout)["findings"]
    assert (finding["status"], finding["laterality"], finding["sites"]) == ("absent", "left", ["hip"])


def test_windows_1252_is_read_with_a_warning(tmp_path: Path) -> None:
    report = tmp_path / "old.txt"
    report.write_bytes("Heterotopic ossification \u2013 caf\u00e9 note.".encode("cp1252"))
    result = hoguide("read", str(report), "--json")
    assert result.returncode == 0
    assert "warning: the report is not UTF-8" in result.stderr
    assert json.loads(result.stdout)["findings"][0]["status"] == "present"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the report is empty"),
        (b"   \n\t \n", "the report is empty"),
        (b"HO\x00\x01\x02 binary", "looks binary (NUL byte at offset 2)"),
        (b"\x81\x8d\x8f\x90\x9d", "not UTF-8 (bad byte at offset 0) nor Windows-1252"),
        (b"\x01\x02\x03\x04\x05\x06 text", "looks binary"),
    ],
)
def test_bad_report_files(tmp_path: Path, content: bytes, message: str) -> None:
    report = tmp_path / "bad.txt"
    report.write_bytes(content)
    result = hoguide("read", str(report))
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1


def test_over_size_report_is_refused(tmp_path: Path) -> None:
    report = tmp_path / "big.txt"
    report.write_text("Heterotopic ossification. " * 100, encoding="utf-8")
    result = hoguide("read", str(report), "--max-bytes", "1000")
    assert result.returncode == 2
    assert "over the 1,000 bytes limit" in result.stderr


def test_directory_missing_file_and_unknown_example(tmp_path: Path) -> None:
    assert "is a directory" in hoguide("read", str(tmp_path)).stderr
    assert "no such file" in hoguide("read", str(tmp_path / "nope.txt")).stderr
    unknown = hoguide("read", "--example", "nope")
    assert unknown.returncode == 2 and "no example called 'nope'" in unknown.stderr
    neither = hoguide("read")
    assert neither.returncode == 2 and "give a report FILE" in neither.stderr


def test_context_jsonl_adds_the_verdicts() -> None:
    lines = [
        {"text": "No fracture, dislocation or heterotopic ossification.", "start": 28, "end": 52},
        {"text": "History of deep vein thrombosis.", "start": 11, "end": 31},
    ]
    stdin = "\n".join(json.dumps(line) for line in lines).encode()
    result = hoguide("context", "--jsonl", "-", stdin=stdin)
    assert result.returncode == 0, result.stderr
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["negated"] is True and first["triggers"][0]["phrase"] == "No"
    assert second["historical"] is True and second["negated"] is False
    assert first["text"] == lines[0]["text"]


def test_context_reports_each_bad_line_and_keeps_going() -> None:
    stdin = "\n".join([
        '{"text": "no HO", "start": 3, "end": 5}',
        "not json",
        '{"text": "no HO", "start": 3}',
        '{"text": "no HO", "start": 3, "end": 50}',
        '["a list"]',
        '{"text": "no HO", "start": "3", "end": 5}',
        "",
        '{"text": "HO seen", "start": 0, "end": 2}',
    ]).encode()
    result = hoguide("context", "--jsonl", "-", stdin=stdin)
    assert result.returncode == 2
    assert len(result.stdout.splitlines()) == 2  # the good lines are not lost
    errors = result.stderr.splitlines()
    assert errors[0].startswith("hoguide: error: line 2: not valid JSON")
    assert "line 3: missing key(s): end" in errors[1]
    assert "line 4: the target span 3..50 is not inside the text" in errors[2]
    assert "line 5: each line must be a JSON object" in errors[3]
    assert 'line 6: "start" must be a whole number' in errors[4]
    assert "5 line(s) could not be read" in errors[5]
    assert "Traceback" not in result.stderr


def test_context_with_non_utf8_input_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "spans.jsonl"
    path.write_bytes(b'{"text": "caf\xe9", "start": 0, "end": 3}\n')
    result = hoguide("context", "--jsonl", str(path))
    assert result.returncode == 2
    assert "not UTF-8" in result.stderr and "Traceback" not in result.stderr


def test_data_validate_passes() -> None:
    result = hoguide("data", "validate")
    assert result.returncode == 0, result.stderr
    assert ": ok (" in result.stdout


def test_examples_are_listed() -> None:
    assert hoguide("examples").stdout.split() == example_names()
