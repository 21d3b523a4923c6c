"""Every bundled example and every dev fictional report through ``hoguide.explain`` and every renderer:
no curator note, no raw content id and no held-back source reaches a patient or a clinician (issue 16)."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from hoguide import Assessment, explain, load_knowledge
from hoguide.examples import example_bytes, example_names
from hoguide.render.assessment_text import render_text
from hoguide.render.html import render_html
from hoguide.render.pdf import handout_html
from tests.test_cli_explain import EXPLANATION, REGISTRY

KB = load_knowledge()
CONTENT_IDS = set(KB.statements) | {q.id for q in KB.questions}
CONTENT_ID = re.compile(r"\b[a-z_]+\.[a-z_]+(?:\.[A-Za-z_]+)?\b")  # grade.brooker.IV too
HELD_BACK = {key for key, ref in KB.references.items() if not ref.patient_safe}
NOTE_WORDS = ("UNVERIFIED", "from memory", "not shown", "authors not shown", "ecosystem.md", "via ecosystem",
              "low-quality", "corrected citation", "inferred", "excerpt at", "not displayed", "sources read",
              "page read")
# "likely" is plain English in patient text ("more likely"); as a note it guesses an author
# ("likely Giannoudis PV") or opens a bracketed aside ("(likely …", "; likely …").
LIKELY_NOTE = re.compile(r"\blikely\s+[A-Z][\w'-]+\s+[A-Z]{1,3}\b|[(;]\s*likely\b")
PATIENT_FORMATS = ("text", "markdown", "html", "handout")
DEV = Path(__file__).parents[1] / "data" / "fictional_cases" / "dev"
DEV_CASES: list[dict[str, Any]] = yaml.safe_load((DEV / "expectations.yaml").read_text(encoding="utf-8"))
# every bundled example and every dev fictional report (with the patient's answers where it has them)
REPORTS = [f"example:{name}" for name in example_names()] + [f"dev:{case['id']}" for case in DEV_CASES]


@cache
def assessment_of(report: str) -> Assessment:
    kind, name = report.split(":", 1)
    if kind == "example":
        return explain(example_bytes(name).decode("utf-8"))
    case = next(c for c in DEV_CASES if c["id"] == name)
    answers = json.loads((DEV / case["answers"]).read_text(encoding="utf-8")) if case.get("answers") else None
    return explain((DEV / case["report"]).read_text(encoding="utf-8"), answers)


def _public_json(assessment: Assessment) -> str:
    """The JSON contract without ``answers.*.statements``: that field is the machine trace of the
    content ids used, documented as ids, and not text anyone reads."""
    data: dict[str, Any] = assessment.to_dict()
    for answer in data["answers"].values():
        answer.pop("statements")
    return json.dumps(data, ensure_ascii=False)


@cache
def outputs(report: str) -> dict[str, str]:
    assessment = assessment_of(report)
    return {
        "text": render_text(assessment),
        "markdown": render_text(assessment, markdown=True),
        "html": render_html(assessment),
        "handout": handout_html(assessment),
        "clinician text": render_text(assessment, clinician=True),
        "clinician markdown": render_text(assessment, markdown=True, clinician=True),
        "clinician html": render_html(assessment, clinician=True),
        "clinician handout": handout_html(assessment),
        "json": _public_json(assessment),
    }


def _curator_notes_in(text: str) -> list[str]:
    found = [w for w in NOTE_WORDS if re.search(rf"\b{re.escape(w)}\b", text, re.IGNORECASE)]
    return found + LIKELY_NOTE.findall(text)


@pytest.mark.parametrize("report", REPORTS)
def test_no_curator_note_reaches_any_output(report: str) -> None:
    leaks = {kind: found for kind, text in outputs(report).items() if (found := _curator_notes_in(text))}
    assert not leaks


@pytest.mark.parametrize("report", REPORTS)
def test_no_raw_content_id_reaches_any_output(report: str) -> None:
    leaks = {kind: ids for kind, text in outputs(report).items()
             if (ids := sorted({i for i in CONTENT_ID.findall(text) if i in CONTENT_IDS}))}
    assert not leaks


def test_the_checks_see_a_note_and_an_id() -> None:
    """The two checks above find what they look for (they would pass on anything otherwise)."""
    assert _curator_notes_in("Doe J. Bone (authors not shown on page read; via ecosystem.md). UNVERIFIED")
    assert [i for i in CONTENT_ID.findall("see treatment.excision_timing_clinician and grade.brooker.IV")
            if i in CONTENT_IDS] == ["treatment.excision_timing_clinician", "grade.brooker.IV"]


@pytest.mark.parametrize("report", REPORTS)
def test_held_back_sources_are_never_listed(report: str) -> None:
    assessment = assessment_of(report)
    name = report
    cited = {k for a in assessment.answers.values() for k in a.citations}
    cited |= {k for f in assessment.red_flags for k in f.citations}
    cited |= {k for s in assessment.report_says for k in s.citations}
    assert cited <= set(assessment.references), "every key shown has its entry in the source list"
    assert not set(assessment.references) & HELD_BACK
    for kind in (*PATIENT_FORMATS, "clinician text", "clinician markdown", "clinician html"):
        assert not {k for k in HELD_BACK if k in outputs(name)[kind]}, kind


def test_sources_are_the_public_citations_with_their_links() -> None:
    assessment = assessment_of("example:hip_arthroplasty_brooker_3")
    brooker = KB.references["Brooker1973"]
    assert assessment.references["Brooker1973"] == brooker.citation
    text = render_text(assessment, clinician=True)  # the clinician notes cite Pakos 2004
    pakos = re.search(r"\[(\d+)\] " + re.escape(KB.references["Pakos2004"].citation)
                      + re.escape(" https://doi.org/10.1016/j.ijrobp.2003.11.015"), text)
    assert pakos, "the source list gives the public citation and its DOI address"
    markdown = render_text(assessment, markdown=True, clinician=True)
    assert "[Article (DOI 10.1016/j.ijrobp.2003.11.015)](https://doi.org/10.1016/j.ijrobp.2003.11.015)" in markdown
    assert brooker.curator_note and brooker.curator_note not in outputs("example:hip_arthroplasty_brooker_3")["json"]


def test_the_nerve_warning_rests_on_a_source_a_patient_may_see() -> None:
    """It rested only on an aggregator's copy of an abstract; Salazar 2018 (18 elbows with the ulnar nerve
    encased by HO, 13 after burns) now supports it, and the aggregator stays held back."""
    assessment = explain("Heterotopic ossification about the right elbow after burns.", {"symptoms": ["numbness"]})
    flag = next(f for f in assessment.red_flags if f.id == "nerve_compression")
    assert flag.patient_citations == ("Salazar2018-ulnar",)
    assert "Burns-ROM-caseseries" in KB.red_flags["nerve_compression"].refs
    assert "Burns-ROM-caseseries" not in flag.citations
    jsonschema.Draft202012Validator(EXPLANATION, registry=REGISTRY).validate(assessment.to_dict())
