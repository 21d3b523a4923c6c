"""Every bundled example through ``hoguide.explain`` and every renderer: no curator note, no raw
content id and no held-back source reaches a patient or a clinician (issue 16)."""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

import jsonschema
import pytest

from hoguide import Assessment, explain, load_knowledge
from hoguide.examples import example_bytes, example_names
from hoguide.render.assessment_text import render_text
from hoguide.render.html import render_html
from hoguide.render.pdf import handout_html
from tests.test_cli_explain import EXPLANATION, REGISTRY

KB = load_knowledge()
CONTENT_IDS = set(KB.statements) | {q.id for q in KB.questions}
CONTENT_ID = re.compile(r"\b[a-z_]+\.[a-z_]+\b")
HELD_BACK = {key for key, ref in KB.references.items() if not ref.patient_safe}
NOTE_WORDS = ("UNVERIFIED", "from memory", "not shown", "via ecosystem", "low-quality", "corrected citation",
              "inferred", "excerpt at", "not displayed", "sources read", "page read")
# "likely" is plain English in patient text ("more likely"); as a note it guesses an author
# ("likely Giannoudis PV") or opens a bracketed aside ("(likely …", "; likely …").
LIKELY_NOTE = re.compile(r"\blikely\s+[A-Z][\w'-]+\s+[A-Z]{1,3}\b|[(;]\s*likely\b")
PATIENT_FORMATS = ("text", "markdown", "html", "handout")


def _public_json(assessment: Assessment) -> str:
    """The JSON contract without ``answers.*.statements``: that field is the machine trace of the
    content ids used, documented as ids, and not text anyone reads."""
    data: dict[str, Any] = assessment.to_dict()
    for answer in data["answers"].values():
        answer.pop("statements")
    return json.dumps(data, ensure_ascii=False)


@cache
def outputs(name: str) -> dict[str, str]:
    assessment = explain(example_bytes(name).decode("utf-8"))
    return {
        "text": render_text(assessment),
        "markdown": render_text(assessment, markdown=True),
        "html": render_html(assessment),
        "handout": handout_html(assessment),
        "clinician text": render_text(assessment, clinician=True),
        "clinician markdown": render_text(assessment, markdown=True, clinician=True),
        "clinician html": render_html(assessment, clinician=True),
        "json": _public_json(assessment),
    }


def _curator_notes_in(text: str) -> list[str]:
    found = [w for w in NOTE_WORDS if re.search(rf"\b{re.escape(w)}\b", text, re.IGNORECASE)]
    return found + LIKELY_NOTE.findall(text)


@pytest.mark.parametrize("name", example_names())
def test_no_curator_note_reaches_any_output(name: str) -> None:
    leaks = {kind: found for kind, text in outputs(name).items() if (found := _curator_notes_in(text))}
    assert not leaks


@pytest.mark.parametrize("name", example_names())
def test_no_raw_content_id_reaches_any_output(name: str) -> None:
    leaks = {kind: ids for kind, text in outputs(name).items()
             if (ids := sorted({i for i in CONTENT_ID.findall(text) if i in CONTENT_IDS}))}
    assert not leaks


@pytest.mark.parametrize("name", example_names())
def test_held_back_sources_are_never_listed(name: str) -> None:
    assessment = explain(example_bytes(name).decode("utf-8"))
    cited = {k for a in assessment.answers.values() for k in a.citations}
    cited |= {k for f in assessment.red_flags for k in f.citations}
    cited |= {k for s in assessment.report_says for k in s.citations}
    assert cited <= set(assessment.references), "every key shown has its entry in the source list"
    assert not set(assessment.references) & HELD_BACK
    for kind in PATIENT_FORMATS:
        assert not {k for k in HELD_BACK if k in outputs(name)[kind]}, kind


def test_sources_are_the_public_citations_with_their_links() -> None:
    assessment = explain(example_bytes("hip_arthroplasty_brooker_3").decode("utf-8"))
    brooker = KB.references["Brooker1973"]
    assert assessment.references["Brooker1973"] == brooker.citation
    text = render_text(assessment)
    assert f"[Pakos2004] {KB.references['Pakos2004'].citation} https://doi.org/10.1016/j.ijrobp.2003.11.015" in text
    assert "<https://doi.org/10.1016/j.ijrobp.2003.11.015>" in render_text(assessment, markdown=True)
    assert brooker.curator_note and brooker.curator_note not in outputs("hip_arthroplasty_brooker_3")["json"]


def test_a_warning_whose_sources_are_all_held_back_is_still_shown() -> None:
    assessment = explain("Heterotopic ossification about the right elbow after burns.", {"symptoms": ["numbness"]})
    flag = next(f for f in assessment.red_flags if f.id == "nerve_compression")
    assert flag.citations == ()
    jsonschema.Draft202012Validator(EXPLANATION, registry=REGISTRY).validate(assessment.to_dict())
