"""The sources a patient page shows, text by text, and those of them that do not fit the patient's population.

Read by the population check (tests/render/test_populations.py) and its benchmark (benchmarks/populations.py),
so both count the same thing: one source after one patient text (an answer's sentence or statement, a red flag,
a medicine caution, a line of "What your report says" or of the report's next steps). Whether a source fits is
the page's own rule, ``CasePopulation.fits``.
"""

from __future__ import annotations

from collections.abc import Iterable

from hoguide.guidance.compose import short_source
from hoguide.guidance.page_sources import CasePopulation
from hoguide.knowledge.loader import KnowledgeBase
from hoguide.models.assessment import Assessment


def _said_in(kb: KnowledgeBase, prefix: str, text: str) -> str | None:
    """The content statement (``grade.``, ``next.``, ``caution.``) whose patient words a text on the page carries."""
    return next((i for i, s in kb.statements.items() if i.startswith(prefix) and s.patient in text), None)


def shown_citations(assessment: Assessment, kb: KnowledgeBase) -> list[tuple[str, str]]:
    """(content id of the text, source key) for every source shown after a patient text on the page."""
    out: list[tuple[str, str]] = []
    for answer in assessment.answers.values():
        said = answer.statements[:len(answer.parts)]
        if said and answer.short_citations:
            out += [(short_source(kb, said).id, k) for k in answer.short_citations]
        out += [(statement, k) for part, statement in zip(answer.parts, said, strict=True) for k in part.citations]
    out += [(f.id, k) for f in assessment.red_flags for k in f.patient_citations]
    out += [(_said_in(kb, "caution.", c.text) or "caution", k) for c in assessment.cautions for k in c.citations]
    for line in assessment.report_says:
        out += [(f"report.{line.status}", k) for k in line.patient_citations]
        for detail, keys in zip(line.details, line.detail_citations, strict=True):
            out += [(_said_in(kb, "grade.", detail) or "report detail", k) for k in keys]
    for step in assessment.next_steps:
        out += [(_said_in(kb, "next.", step.text) or "next step", k) for k in step.patient_citations]
    return [(text, k) for text, k in out if k in assessment.references]


def misfits(kb: KnowledgeBase, shown: Iterable[tuple[str, str]], causes: frozenset[str]) -> list[tuple[str, str]]:
    """The shown citations whose source studied a population that is neither the case's nor one the text names."""
    case = CasePopulation(kb, causes)
    out = []
    for text, key in shown:
        content = kb.statements.get(text) or kb.red_flags.get(text)
        if not case.fits(key, content.names_population if content is not None else ()):
            out.append((text, key))
    return out
