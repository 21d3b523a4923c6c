"""The reader against tables a clinician can read: tests/cases/sentences.yaml and examples.yaml."""

from __future__ import annotations

from typing import Any

import pytest

from hoguide.examples import example_bytes, example_names
from hoguide.models.reading import Finding, Reading
from hoguide.reading.reader import Reader
from tests.conftest import load_cases

SENTENCES = load_cases("sentences.yaml")
EXAMPLES = load_cases("examples.yaml")


def _actual(finding: Finding, keys: set[str]) -> dict[str, Any]:
    data = finding.to_dict()
    data["sites"] = sorted(data["sites"])
    if data["grade"] is not None:
        data["grade"] = {"system": data["grade"]["system"], "value": data["grade"]["value"]}
    return {key: data[key] for key in keys}


def _expected(item: dict[str, Any]) -> dict[str, Any]:
    expected = dict(item)
    if "sites" in expected:
        expected["sites"] = sorted(expected["sites"])
    if isinstance(expected.get("grade"), dict):
        expected["grade"] = {"system": expected["grade"]["system"], "value": str(expected["grade"]["value"])}
    return expected


def assert_findings(reading: Reading, expected: list[dict[str, Any]]) -> None:
    actual = [_actual(f, set(e)) for f, e in zip(reading.findings, expected, strict=False)]
    assert actual == [_expected(e) for e in expected]
    assert len(reading.findings) == len(expected), [f.text for f in reading.findings]


@pytest.mark.parametrize("case", SENTENCES, ids=[c["text"][:60] for c in SENTENCES])
def test_sentence(reader: Reader, case: dict[str, Any]) -> None:
    reading = reader.read(case["text"])
    assert_findings(reading, case["findings"])
    facts = [{"kind": f.kind, "concept": f.concept, "status": f.status} for f in reading.facts]
    for wanted in case.get("facts", []):
        assert wanted in facts, facts
    for unwanted in case.get("not_facts", []):
        assert unwanted not in facts, facts


@pytest.mark.parametrize("case", EXAMPLES, ids=[c["file"] for c in EXAMPLES])
def test_example(reader: Reader, case: dict[str, Any]) -> None:
    reading = reader.read(example_bytes(case["file"].removesuffix(".txt")).decode("utf-8"))
    assert_findings(reading, case["findings"])
    affirmed = {f"{f.kind}:{f.concept}" for f in reading.facts
                if f.status in ("present", "historical") and f.experiencer == "patient"}
    negated = {f"{f.kind}:{f.concept}" for f in reading.facts if f.status == "absent"}
    assert set(case.get("facts_present", [])) <= affirmed
    assert set(case.get("facts_absent", [])) <= negated
    assert set(case.get("mimics", [])) <= {m.concept for m in reading.mimics}


def test_every_example_has_expected_results() -> None:
    assert sorted(c["file"].removesuffix(".txt") for c in EXAMPLES) == example_names()


@pytest.mark.parametrize("name", example_names())
def test_windows_line_ends_read_the_same(reader: Reader, name: str) -> None:
    """Browsers submit textareas with CRLF line ends; the reading must not change."""
    text = example_bytes(name).decode("utf-8")
    plain, crlf = reader.read(text), reader.read(text.replace("\n", "\r\n"))
    assert [(f.text, f.status, f.sites, f.laterality, f.grade) for f in crlf.findings] == \
        [(f.text, f.status, f.sites, f.laterality, f.grade) for f in plain.findings]
    assert [(f.kind, f.concept, f.status) for f in crlf.facts] == [(f.kind, f.concept, f.status) for f in plain.facts]
    assert [s.id for s in crlf.sections] == [s.id for s in plain.sections]
