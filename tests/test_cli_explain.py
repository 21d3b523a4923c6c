"""`hoguide explain` end to end: every format, the JSON contract, and bad answers."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any, get_args

import jsonschema
import pytest
from pypdf import PdfReader
from referencing import Registry, Resource

from hoguide.examples import example_names
from hoguide.models.case import CauseId
from tests.test_cli import hoguide

SCHEMAS = Path(__file__).parents[1] / "src" / "hoguide" / "schemas"
READING = json.loads((SCHEMAS / "reading.schema.json").read_text())
EXPLANATION = json.loads((SCHEMAS / "explanation.schema.json").read_text())
REGISTRY = Registry().with_resource(READING["$id"], Resource.from_contents(READING))


@pytest.mark.parametrize("name", example_names())
def test_json_matches_the_contract(name: str) -> None:
    result = hoguide("explain", "--example", name, "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    jsonschema.Draft202012Validator(EXPLANATION, registry=REGISTRY).validate(data)
    cited = {k for a in data["answers"].values() for k in a["citations"]}
    assert cited <= set(data["references"])


def test_every_cause_an_explanation_can_name_is_in_the_contract(tmp_path: Path) -> None:
    """Round 11 added causes (keyhole hip surgery, another operation); the schema's list must name every one."""
    for schema in (EXPLANATION, READING):
        enums = [node["enum"] for node in _nodes(schema) if "other_genetic" in node.get("enum", [])]
        assert enums and all(set(e) == set(get_args(CauseId)) for e in enums)
    report = tmp_path / "report.txt"
    report.write_text("History: R hip arthroscopy 06/2026. C5/6 disc replacement 2024.\n"
                      "Impression: heterotopic ossification anterior to the right hip.\n", encoding="utf-8")
    result = hoguide("explain", str(report), "--format", "json")
    data = json.loads(result.stdout)
    assert {c["id"] for c in data["causes"]} >= {"hip_arthroscopy"}
    jsonschema.Draft202012Validator(EXPLANATION, registry=REGISTRY).validate(data)


def _nodes(node: Any) -> list[dict[str, Any]]:
    if isinstance(node, dict):
        return [node, *(n for v in node.values() for n in _nodes(v))]
    if isinstance(node, list):
        return [n for v in node for n in _nodes(v)]
    return []


def test_text_markdown_and_html() -> None:
    text = hoguide("explain", "--example", "hip_arthroplasty_brooker_3").stdout
    assert "What caused the HO in my case?" in text and "Questions to ask your doctor" in text
    markdown = hoguide("explain", "--example", "hip_arthroplasty_brooker_3", "--format", "md").stdout
    assert markdown.startswith("# Your report, explained") and "\n## What your report says" in markdown
    html = hoguide("explain", "--example", "hip_arthroplasty_brooker_3", "--format", "html").stdout
    assert html.startswith("<!doctype html>") and 'class="term ho"' in html and "<script" not in html
    style = html.split("<style>")[1].split("</style>")[0]
    assert '"DejaVu Sans"' in style and "&#34;" not in style  # our own CSS, inlined unescaped


def test_report_text_is_escaped_in_html(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("<script>alert(1)</script> Heterotopic ossification about the right hip.", encoding="utf-8")
    html = hoguide("explain", str(report), "--format", "html").stdout
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


def test_answers_change_the_explanation(tmp_path: Path) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"causes": ["burns"], "symptoms": ["stiffness"], "as_of": "2026-06-01"}))
    report = tmp_path / "r.txt"
    report.write_text("Heterotopic ossification about the right elbow.", encoding="utf-8")
    data = json.loads(hoguide("explain", str(report), "--answers", str(answers), "--format", "json").stdout)
    assert [c["id"] for c in data["causes"]] == ["burns"]
    assert data["answers"]["treatment"]["statements"][0] == "treatment.lead_symptoms"


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ("{not json", "the answers file is not valid JSON (Expecting property name enclosed in double quotes"),
        ("[1, 2]", "the answers must be a JSON object"),
        ('{"surgery": "hip"}', "surgery: unknown field"),
        ('{"symptoms": ["itching"]}', "symptoms.0: 'itching' is not allowed"),
        ('{"known_fop": "maybe"}', "known_fop: Input should be a valid boolean"),
        ('{"event_date": "2999-01-01"}', "event_date 2999-01-01 is in the future"),
        ('{"birth_date": "1990-05-01", "event_date": "1980-01-01", "as_of": "2026-01-01"}',
         "event_date 1980-01-01 is before the birth date"),
        ('{"event_date": "2026-02-30"}', "event_date: Input should be a valid date"),
    ],
)
def test_bad_answers_get_a_specific_message(tmp_path: Path, answers: str, message: str) -> None:
    path = tmp_path / "answers.json"
    path.write_text(answers, encoding="utf-8")
    result = hoguide("explain", "--example", "burns_elbow", "--answers", str(path))
    assert result.returncode == 2
    assert message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_reader_rejections_stay_rejected(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"  \n")
    result = hoguide("explain", str(empty))
    assert result.returncode == 2 and "the report is empty" in result.stderr


def test_pdf_handout_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "handout.pdf"
    result = hoguide("explain", "--example", "hip_arthroplasty_brooker_3", "--format", "pdf", "--output", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    reader = PdfReader(out)
    assert 1 <= len(reader.pages) <= 2
    text = " ".join("\n".join(p.extract_text() for p in reader.pages).split())
    assert "What caused the HO in my case?" in text and "Questions to ask your doctor" in text


def test_pdf_to_a_pipe() -> None:
    completed = subprocess.run([sys.executable, "-m", "hoguide", "explain", "--example", "burns_elbow",
                                "--format", "pdf"], capture_output=True, timeout=60, check=False)
    assert completed.returncode == 0 and completed.stdout.startswith(b"%PDF-")


def test_pdf_output_errors(tmp_path: Path) -> None:
    result = hoguide("explain", "--example", "burns_elbow", "--format", "pdf", "--output", str(tmp_path))
    assert result.returncode == 2 and "is a directory" in result.stderr
    result = hoguide("explain", "--example", "burns_elbow", "--format", "pdf", "--output",
                     str(tmp_path / "missing" / "h.pdf"))
    assert result.returncode == 2 and "cannot be written" in result.stderr and "Traceback" not in result.stderr


def test_pdf_without_the_extra_says_how_to_install_it(tmp_path: Path) -> None:
    # A None entry in sys.modules makes `import weasyprint` fail, as it does when the extra is missing.
    code = ("import sys; sys.modules['weasyprint'] = None; from hoguide.cli import main; "
            f"sys.argv = ['hoguide', 'explain', '--example', 'burns_elbow', '--format', 'pdf', '-o', "
            f"{str(tmp_path / 'h.pdf')!r}]; main()")
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert completed.returncode == 2
    assert "pip install 'hoguide[pdf]'" in completed.stderr and "Traceback" not in completed.stderr
    assert not (tmp_path / "h.pdf").exists()


def test_text_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "explained.md"
    result = hoguide("explain", "--example", "burns_elbow", "--format", "md", "-o", str(out))
    assert result.returncode == 0 and result.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("# Your report, explained")
