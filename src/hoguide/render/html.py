"""An Assessment as one self-contained, print-friendly HTML page (Jinja2, autoescaping on).

Report text is untrusted: it reaches the page only through autoescaped template variables.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from hoguide.knowledge.loader import load_knowledge
from hoguide.models.assessment import QUESTIONS, Assessment, ReportStatement
from hoguide.models.serial import LIST_LIMITS
from hoguide.render.annotate import annotate
from hoguide.render.assessment_text import CAUTION_WORD, TITLES, URGENCY_WORDS, WORDS_LEAD, quotes, words_quotes
from hoguide.render.citations import SourceNumbers
from hoguide.render.clinician import clinician_summary, fact_groups
from hoguide.render.report_name import report_name

DEFAULT_NEXT_STEP = "page.next_step_default"
PLAN_NEXT_STEP = "page.next_step_plan"  # the first line of the plan is one the report's words say alone


@lru_cache(maxsize=1)
def environment() -> Environment:
    return Environment(
        loader=PackageLoader("hoguide", "render/templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def stylesheet(name: str = "hoguide.css") -> str:
    """The page's CSS: inlined in a standalone page, served as a file by the web app (strict CSP)."""
    return resources.files("hoguide.render").joinpath("templates", name).read_text(encoding="utf-8")


def _first_sentence(text: str) -> str:
    return re.split(r"(?<=[.!?])\s+(?=[A-Z])", text.strip(), maxsplit=1)[0]


def summary_says(assessment: Assessment) -> list[str]:
    """What the report says in one or two sentences: its first finding said plainly, then where
    (every place the report names, once) and the grade."""
    if not assessment.report_says:
        return []
    first = assessment.report_says[0]
    where: list[str] = []
    grades: list[str] = []
    for line in first.details:
        for sentence in re.split(r"(?<=\.)\s+", line):
            if sentence.startswith("Where: "):
                where.append(sentence.removeprefix("Where: ").rstrip("."))
            elif sentence.startswith("Grade: "):
                grades.append(sentence.removeprefix("Grade: ").rstrip("."))
    sided = {w.split(" (")[0] for w in where if " (" in w}
    where = [w for w in where if " (" in w or w not in sided]  # "elbow" said again as "elbow (right)"
    said = [_first_sentence(first.text)]
    parts = []
    if where:
        parts.append("Where: " + "; ".join(dict.fromkeys(where)))
    if grades:
        parts.append("grade: " + "; ".join(dict.fromkeys(grades)))
    if parts:
        said.append(", ".join(parts) + ".")
    return said


def next_step(assessment: Assessment) -> str:
    """The one next step: a red flag's action, else the report's first recommendation, else the
    default (bring the questions to the care team)."""
    if assessment.red_flags:
        return assessment.red_flags[0].action
    plan = [step for step in assessment.next_steps if step.status == "recommendation"]
    if plan and plan[0].text:
        return " ".join((_first_sentence(plan[0].text), *plan[0].details[:1]))  # "... When: in 3 weeks."
    return load_knowledge().statement(PLAN_NEXT_STEP if plan else DEFAULT_NEXT_STEP).patient


PLAN_QUOTES_SHOWN = 4  # of the plan's lines only quoted, with no step explained: the rest fold under "More"


def plan_in_view(assessment: Assessment) -> tuple[list[ReportStatement], list[ReportStatement]]:
    """The lines of "What your report suggests next" shown as the page opens, and those folded: every step explained
    (a test, a referral, a reassuring fact) and the first few lines only quoted are shown; a long plan's other quoted
    lines fold (round 33: a rheumatology letter's sixteen lines of medicine advice, a corrected ward note's thirty, made
    pages of 1,100 to 1,300 words before the answers' "More")."""
    shown: list[ReportStatement] = []
    folded: list[ReportStatement] = []
    quoted = 0
    for step in assessment.next_steps:
        only_quoted = step.status == "recommendation" and not step.text
        quoted += only_quoted
        (folded if only_quoted and quoted > PLAN_QUOTES_SHOWN else shown).append(step)
    return shown, folded


def explanation_context(assessment: Assessment, *, clinician: bool = False, stylesheet_url: str | None = None,
                        handout: bool = False, pasted_on: date | None = None,
                        annotated: bool = True) -> dict[str, Any]:
    """The variables of ``explanation.html.j2``, for this renderer and for pages that extend it.

    ``handout`` is the printable patient handout (the PDF): no clinician notes, no report text,
    the short answers with each answer's first paragraph, the same numbered sources, and the handout
    stylesheet (``@page`` size, margins, page numbers) inlined. ``pasted_on`` names a report that
    states no exam or date. Without ``annotated`` the page that extends this one shows the report
    itself (the web page does so for a very long report).
    """
    if handout:
        clinician, stylesheet_url = False, None
    css = "" if stylesheet_url is not None else stylesheet()
    if handout:
        css += "\n" + stylesheet("handout.css")
    glossary = load_knowledge().glossary
    wanted = annotated and not handout
    reports = [annotate(assessment, i, glossary) for i in range(len(assessment.readings))] if wanted else []
    day = pasted_on or date.today()
    return {
        "a": assessment,
        "questions": [(q, TITLES[q], assessment.answers[q]) for q in QUESTIONS],
        "titles": TITLES,
        "urgency_words": URGENCY_WORDS,
        "caution_word": CAUTION_WORD,
        "reports": reports,
        "clinician": clinician,
        "stylesheet_url": stylesheet_url,
        "css": css,
        "handout": handout,
        "sources": SourceNumbers(assessment),  # numbers sources as the page cites them (render/citations.py)
        "quotes": lambda evidence, limit: quotes(assessment, evidence, limit),
        "words_lead": WORDS_LEAD,
        "words_quotes": words_quotes,
        "summary_says": summary_says(assessment),
        "plan_shown": (plan := plan_in_view(assessment))[0],
        "plan_folded": plan[1],
        "next_step": next_step(assessment),
        "report_names": [report_name(r.text, day) for r in assessment.readings] if handout else [],
        "clinician_summary": clinician_summary(assessment) if clinician else "",
        "fact_groups": fact_groups(assessment) if clinician else [],
        # As many mentions as the JSON lists: a row each for 250,000 mentions made a 1 MB report's clinician
        # view 29 MB; the rest are counted.
        "finding_rows": LIST_LIMITS["findings"],
    }


def render_html(assessment: Assessment, *, clinician: bool = False, stylesheet_url: str | None = None) -> str:
    """One self-contained page; with ``stylesheet_url`` the CSS is linked instead of inlined."""
    template = environment().get_template("explanation.html.j2")
    return template.render(explanation_context(assessment, clinician=clinician, stylesheet_url=stylesheet_url))
