"""`hoguide evaluate` on small gold files written here (our own sentences)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_cli import hoguide

KIT_ROWS = [
    ("1", "heterotopic ossification", "No evidence of heterotopic ossification.", "Negated", "Recent", "Patient"),
    ("2", "fracture", "History of hip fracture.", "Affirmed", "Historical", "Patient"),
    ("3", "fever", "Return if she develops fever.", "Affirmed", "Not particular", "Patient"),
    ("4", "stroke", "Her mother had a stroke.", "Affirmed", "Recent", "Family member"),
    ("5", "pain", "She has pain in the right hip.", "Affirmed", "Recent", "Patient"),
]


def test_kit_scores(tmp_path: Path) -> None:
    kit = tmp_path / "kit.tsv"
    kit.write_text("\n".join("\t".join((r[0], " ", *r[1:])) for r in KIT_ROWS) + "\n", encoding="utf-8")
    result = hoguide("evaluate", str(kit), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["negation"]["accuracy"] == 1.0
    assert data["negation"]["matrix"]["Negated"]["Negated"] == 1
    assert data["temporality"]["accuracy"] == 1.0 and data["experiencer"]["accuracy"] == 1.0
    text = hoguide("evaluate", str(kit)).stdout
    assert "== negation (accuracy 1.000, n=5)" in text and "confusion (rows: gold, columns: predicted)" in text


def test_jsonl_gold_scores_status_and_attributes(tmp_path: Path) -> None:
    rows = [
        {"text": "Brooker class III heterotopic ossification about the right hip.",
         "target": "heterotopic ossification", "ho_status": "present", "site": "hip", "laterality": "right",
         "grade": "Brooker III"},
        {"text": "No heterotopic ossification about the left elbow.", "ho_status": "absent", "laterality": "left"},
        {"text": "Findings may represent early myositis ossificans.", "ho_status": "possible"},
        {"text": "Osteophytes at the hip.", "ho_status": "none"},
        {"text": "Heterotopic ossification about the knee.", "ho_status": "absent"},  # deliberately wrong gold
    ]
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    data = json.loads(hoguide("evaluate", str(gold), "--json").stdout)
    assert data["ho_status"]["accuracy"] == 0.8
    assert data["ho_status"]["matrix"]["absent"]["present"] == 1
    assert data["site"] == {"accuracy": 1.0, "n": 1} and data["grade"] == {"accuracy": 1.0, "n": 1}
    assert data["laterality"] == {"accuracy": 1.0, "n": 2}
    assert data["errors"] == ["line 5: gold absent, read present | "]


def test_bad_gold_lines_are_reported_and_the_rest_scored(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"text": "No HO.", "ho_status": "absent"}\nnot json\n{"text": "HO", "ho_status": "maybe"}\n'
                    '{"text": "", "ho_status": "none"}\n', encoding="utf-8")
    result = hoguide("evaluate", str(gold))
    assert result.returncode == 2
    assert "line 2: not valid JSON" in result.stderr
    assert 'line 3: "ho_status" must be one of' in result.stderr
    assert "line 4: the report is empty" in result.stderr
    assert "== ho_status (accuracy 1.000, n=1)" in result.stdout


def test_malformed_kit_and_missing_files(tmp_path: Path) -> None:
    kit = tmp_path / "kit.tsv"
    kit.write_text("just one column\n", encoding="utf-8")
    result = hoguide("evaluate", str(kit))
    assert result.returncode == 2 and "line 1 is not a kit row" in result.stderr
    assert "no such file" in hoguide("evaluate", str(tmp_path / "nope.tsv")).stderr
    binary = tmp_path / "b.jsonl"
    binary.write_bytes(b"\xff\xfe\x00\x01")
    assert "not UTF-8" in hoguide("evaluate", str(binary)).stderr


def test_ho_corpus_scores_per_class_with_a_split(tmp_path: Path) -> None:
    rows = [
        {"id": "a", "text": "No heterotopic ossification.", "target": "heterotopic ossification", "label": "absent",
         "split": "dev"},
        {"id": "b", "text": "HO is a common complication after hip replacement.", "target": "HO",
         "label": "general", "split": "dev"},
        {"id": "c", "text": "Heterotopic ossification about the right hip.", "target": "Heterotopic ossification",
         "label": "absent", "split": "heldout"},   # deliberately wrong gold, in the other half
        {"id": "d", "text": "FINDINGS: Possible HO.\nIMPRESSION: No HO.", "report_status": "absent", "split": "dev"},
    ]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    dev = json.loads(hoguide("evaluate", str(corpus), "--split", "dev", "--json").stdout)
    assert dev["mentions"]["accuracy"] == 1.0 and dev["reports"]["accuracy"] == 1.0
    assert dev["class_accuracy"] == {"absent": {"accuracy": 1.0, "n": 1}, "general": {"accuracy": 1.0, "n": 1}}
    everything = hoguide("evaluate", str(corpus), "--errors")
    assert everything.returncode == 0
    assert "c: gold absent, read present" in everything.stdout
    assert "== reports (accuracy 1.000, n=1)" in everything.stdout
