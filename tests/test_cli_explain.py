"""`hoguide explain` end to end: every format, the JSON contract, and bad answers."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from referencing import Registry, Resource

from hoguide.examples import example_names
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


def test_text_markdown_and_html() -> None:
    text = hoguide("explain", "--example", "hip_arthroplasty_brooker_3").stdout
    assert "What caused the HO in my case?" in text and "Questions to ask your doctor" in text
    markdown = hoguide("explain", "--example", "hip_arthroplasty_brooker_3", "--format", "md").stdout
    assert markdown.startswith("# Your report, explained") and "\n## What your report says" in markdown
    html = hoguide("explain", "--example", "hip_arthroplasty_brooker_3", "--format", "html").stdout
    assert html.startswith("<!doctype html>") and "<mark>" in html and "<script" not in html
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
