"""The HO corpus (tests/data/ho_corpus, docs/annotation-guide.md): the reader against the goals of
issue 13 on the dev half, and the scorer's own rules on rows written here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hoguide.evaluation.corpus import CorpusReport, evaluate_corpus
from hoguide.reading.reader import Reader

CORPUS = Path(__file__).parents[1] / "data" / "ho_corpus"
SENTENCES = CORPUS / "written.jsonl"
REPORTS = CORPUS / "written_reports.jsonl"
HARD_CLASSES = ("present", "absent", "possible", "historical", "general")


@pytest.fixture(scope="module")
def dev_sentences(reader: Reader) -> CorpusReport:
    with SENTENCES.open(encoding="utf-8") as handle:
        return evaluate_corpus(handle, reader, split="dev")


def test_corpus_rows_are_well_formed(reader: Reader) -> None:
    for path in (SENTENCES, REPORTS):
        with path.open(encoding="utf-8") as handle:
            report = evaluate_corpus(handle, reader)
        assert report.bad_lines == [], path.name
        ids = [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        assert len(ids) == len(set(ids)), path.name


def test_every_phenomenon_of_issue_13_has_dev_rows() -> None:
    rows = [json.loads(line) for line in SENTENCES.read_text(encoding="utf-8").splitlines() if line.strip()]
    phenomena = {row["phenomenon"] for row in rows if row["split"] == "dev"}
    assert {"abbreviation", "descriptive", "misspelling", "consent_risk_list", "excised", "outside_report",
            "negative_for", "colon_no", "postposed_negation", "hedge_after_negation", "double_negation",
            "grade", "heading_site", "size", "change_new", "maturity_mature", "clinical_history",
            "preop_indication", "no_prophylaxis"} <= phenomena


@pytest.mark.parametrize("label", HARD_CLASSES)
def test_each_class_reads_at_least_0_85_on_the_dev_half(dev_sentences: CorpusReport, label: str) -> None:
    accuracy, n = dev_sentences.class_accuracy()[label]
    assert n >= 20
    assert accuracy >= 0.85, [e for e in dev_sentences.errors if f"gold {label}," in e]


def test_status_accuracy_and_lookalikes_on_the_dev_half(dev_sentences: CorpusReport) -> None:
    assert dev_sentences.mentions.accuracy >= 0.90
    wrong, lookalikes = dev_sentences.lookalikes_called_ho()
    assert lookalikes >= 20 and wrong / lookalikes <= 0.03


def test_report_level_status_on_the_dev_half(reader: Reader) -> None:
    with REPORTS.open(encoding="utf-8") as handle:
        report = evaluate_corpus(handle, reader, split="dev")
    assert report.reports.total >= 20
    assert report.reports.accuracy >= 0.90, report.errors


def test_general_and_cohort_rows_are_right_when_not_the_patients(reader: Reader) -> None:
    rows = [
        {"text": "HO is a common complication after hip replacement.", "target": "HO", "label": "general"},
        {"text": "In our series, heterotopic ossification developed in 12 of 40 hips.",
         "target": "heterotopic ossification", "label": "other"},
        {"text": "Heterotopic ossification about the right hip.", "target": "Heterotopic ossification",
         "label": "general"},   # a finding, so the reader is wrong here
        {"text": "OPLL at C5.", "target": "OPLL", "label": "not_ho"},
        {"text": "Myositis ossificens of the thigh.", "target": "Myositis ossificens", "label": "present"},
    ]
    report = evaluate_corpus([json.dumps(r) for r in rows], reader)
    assert report.mentions.counts[("general", "general")] == 1
    assert report.mentions.counts[("general", "present")] == 1
    assert report.mentions.counts[("other", "other")] == 1
    assert report.mentions.counts[("not_ho", "not_ho")] == 1
    assert report.mentions.counts[("present", "present")] == 1
    assert len(report.errors) == 1


def test_bad_rows_are_listed_and_the_rest_scored(reader: Reader) -> None:
    lines = [
        "{not json",
        json.dumps({"text": "No HO.", "target": "fracture", "label": "absent"}),   # target not in text
        json.dumps({"text": "No HO.", "target": "HO", "label": "gone"}),           # unknown label
        json.dumps({"text": "No HO.", "target": "HO", "label": "absent", "occurrence": 0}),
        json.dumps({"text": "No HO.", "target": "HO", "label": "absent"}),
    ]
    report = evaluate_corpus(lines, reader)
    assert len(report.bad_lines) == 4
    assert report.mentions.total == 1 and report.mentions.accuracy == 1.0
