"""How many sources a patient meets, per answer and per page, on the fictional reports and the bundled
examples (issue 16: at most 4 on any one answer, at most 12 listed on a page; no curator note and no raw
content id in any output).

    .venv/bin/python benchmarks/sources.py            # one line per report, then medians and maxima
    .venv/bin/python benchmarks/sources.py --quiet    # the summary only
    .venv/bin/python benchmarks/sources.py --why      # and, for a page or an answer over its goal, the
                                                      # sources only one text shows (what a change must cut)
    .venv/bin/python benchmarks/sources.py --half dev # one half only (repeatable; the examples are always read)

Every half of tests/data/fictional_cases except the sealed one (never opened here) is read, and the examples.
"""

from __future__ import annotations

import argparse
import re
import statistics
from typing import Any

from fictional_reports import examples, fictional
from hoguide import api
from hoguide.knowledge.loader import load_knowledge
from hoguide.models.assessment import Assessment
from hoguide.render.assessment_text import render_text
from hoguide.render.html import render_html
from hoguide.render.pdf import handout_html

NOTE_WORDS = ("UNVERIFIED", "from memory", "authors not shown", "not shown on", "ecosystem.md", "via ecosystem",
              "low-quality", "corrected citation", "inferred", "excerpt at", "page read")
_LISTED = re.compile(r'<li id="source-\d+"')


def reports(halves: tuple[str, ...] | None) -> list[tuple[str, str, dict[str, Any] | None]]:
    out = [(name, text, answers) for name, text, answers, _ in fictional(halves)]
    return out + [(name, text, None) for name, text in examples()]


def answer_sources(assessment: Assessment) -> dict[str, int]:
    """Distinct sources shown to the patient on each answer: its one-sentence answer and its statements."""
    return {q: len({k for keys in (a.short_citations, *(part.citations for part in a.parts)) for k in keys
                    if k in assessment.references}) for q, a in assessment.answers.items()}


def single_sources(assessment: Assessment) -> dict[str, list[str]]:
    """For each source shown on the page, the texts that show it (content id, or the line's kind)."""
    users: dict[str, list[str]] = {}

    def add(label: str, keys: tuple[str, ...]) -> None:
        for k in keys:
            if k in assessment.references:
                users.setdefault(k, []).append(label)

    for q, a in assessment.answers.items():
        add(f"{q} (short answer)", a.short_citations)
        for part, statement in zip(a.parts, a.statements, strict=False):
            add(statement, part.citations)
    for flag in assessment.red_flags:
        add(f"red flag {flag.id}", flag.patient_citations)
    for line in assessment.report_says:
        add(f"report.{line.status}", line.patient_citations)
        for keys in line.detail_citations:
            add(f"report.{line.status} (detail)", keys)
    for step in assessment.next_steps:
        add(f"step '{step.text[:48]}...'", step.patient_citations)
    return users


def leaks(outputs: dict[str, str], content_ids: set[str], report: str) -> tuple[int, int]:
    """(curator notes, raw content ids) found across the outputs. A note's words that the report itself holds
    ("osteomyelitis not shown on MRI") are the annotated report, shown as pasted, not a note."""
    words = [w for w in NOTE_WORDS if not re.search(rf"\b{re.escape(w)}", report, re.IGNORECASE)]
    notes = sum(len(re.findall(rf"\b{re.escape(w)}", text, re.IGNORECASE)) for text in outputs.values()
                for w in words)
    ids = sum(1 for text in outputs.values() for i in re.findall(r"\b[a-z_]+\.[a-z_]+(?:\.[A-Za-z_]+)?\b", text)
              if i in content_ids)
    return notes, ids


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quiet", action="store_true")
    parser.add_argument("--why", action="store_true")
    parser.add_argument("--half", action="append", help="a fictional half (default: every one but the sealed)")
    args = parser.parse_args()
    quiet, why = args.quiet, args.why
    kb = load_knowledge()
    content_ids = set(kb.statements) | {q.id for q in kb.questions}
    pages, clinician_pages, worst_answers, notes, raw_ids = [], [], [], 0, 0
    over: list[str] = []
    for name, text, answers in reports(tuple(args.half) if args.half else None):
        a = api.explain(text, answers)
        outputs = {"text": render_text(a), "markdown": render_text(a, markdown=True), "html": render_html(a),
                   "handout": handout_html(a), "clinician text": render_text(a, clinician=True),
                   "clinician html": render_html(a, clinician=True)}
        page = len(_LISTED.findall(outputs["html"]))
        clinician_page = len(_LISTED.findall(outputs["clinician html"]))
        per_answer = answer_sources(a)
        found_notes, found_ids = leaks(outputs, content_ids, text)
        pages.append(page)
        clinician_pages.append(clinician_page)
        worst_answers.append(max(per_answer.values()))
        notes += found_notes
        raw_ids += found_ids
        over += [f"{name} {q} {n}" for q, n in per_answer.items() if n > 4]
        if why and (page > 12 or max(per_answer.values()) > 4):
            for key, texts in sorted(single_sources(a).items()):
                if len(set(texts)) == 1:
                    print(f"    {name}: {key} only for {texts[0]}")
        if not quiet:
            print(f"{name:50s} page {page:2d} (clinician {clinician_page:2d}) per answer "
                  + " ".join(f"{q[:4]} {n}" for q, n in per_answer.items()))
    print(f"== {len(pages)} reports: sources listed on the patient page median {statistics.median(pages):g} "
          f"max {max(pages)} ({sum(n > 12 for n in pages)} over 12); on one answer median of maxima "
          f"{statistics.median(worst_answers):g} max "
          f"{max(worst_answers)}; clinician page median {statistics.median(clinician_pages):g} max "
          f"{max(clinician_pages)}; curator notes {notes}; raw content ids {raw_ids}")
    if over:
        print(f"{len(over)} answers over 4 sources: " + "; ".join(over))


if __name__ == "__main__":
    main()
