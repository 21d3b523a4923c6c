"""An Assessment as one self-contained, print-friendly HTML page (Jinja2, autoescaping on).

Report text is untrusted: it reaches the page only through autoescaped template variables.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from hoguide.models.assessment import QUESTIONS, Assessment, Evidence
from hoguide.render.assessment_text import TITLES, URGENCY_WORDS, quotes
from hoguide.render.citations import SourceNumbers


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    marked: bool


@lru_cache(maxsize=1)
def environment() -> Environment:
    return Environment(
        loader=PackageLoader("hoguide", "render/templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def highlight(text: str, evidence: list[Evidence]) -> list[Segment]:
    """The report split into plain and marked segments; overlapping evidence spans merge."""
    spans = sorted((e.start, e.end) for e in evidence if 0 <= e.start < e.end <= len(text))
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    segments: list[Segment] = []
    cursor = 0
    for start, end in merged:
        if start > cursor:
            segments.append(Segment(text[cursor:start], False))
        segments.append(Segment(text[start:end], True))
        cursor = end
    if cursor < len(text):
        segments.append(Segment(text[cursor:], False))
    return segments


def stylesheet(name: str = "hoguide.css") -> str:
    """The page's CSS: inlined in a standalone page, served as a file by the web app (strict CSP)."""
    return resources.files("hoguide.render").joinpath("templates", name).read_text(encoding="utf-8")


def explanation_context(assessment: Assessment, *, clinician: bool = False, stylesheet_url: str | None = None,
                        handout: bool = False) -> dict[str, Any]:
    """The variables of ``explanation.html.j2``, for this renderer and for pages that extend it.

    ``handout`` is the printable patient handout (the PDF): no clinician notes, no report text,
    and the handout stylesheet (``@page`` size, margins, page numbers) inlined.
    """
    if handout:
        clinician, stylesheet_url = False, None
    css = "" if stylesheet_url is not None else stylesheet()
    if handout:
        css += "\n" + stylesheet("handout.css")
    reports = []
    for i, reading in enumerate(assessment.readings if not handout else ()):
        evidence = [e for a in assessment.answers.values() for e in a.evidence if e.reading == i]
        evidence += [e for s in assessment.report_says for e in s.evidence if e.reading == i]
        evidence += [e for f in assessment.red_flags for e in f.evidence if e.reading == i]
        reports.append(highlight(reading.text, evidence))
    return {
        "a": assessment,
        "questions": [(q, TITLES[q], assessment.answers[q]) for q in QUESTIONS],
        "urgency_words": URGENCY_WORDS,
        "reports": reports,
        "clinician": clinician,
        "stylesheet_url": stylesheet_url,
        "css": css,
        "handout": handout,
        "sources": SourceNumbers(assessment),  # numbers sources as the page cites them (render/citations.py)
        "quotes": lambda evidence, limit: quotes(assessment, evidence, limit),
    }


def render_html(assessment: Assessment, *, clinician: bool = False, stylesheet_url: str | None = None) -> str:
    """One self-contained page; with ``stylesheet_url`` the CSS is linked instead of inlined."""
    template = environment().get_template("explanation.html.j2")
    return template.render(explanation_context(assessment, clinician=clinician, stylesheet_url=stylesheet_url))
