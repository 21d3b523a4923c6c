"""How many of the sources a patient is shown come from another population than the case's (issue 15/16:
a hip-replacement study behind a knee patient's sentence reads as wrong for that person).

    .venv/bin/python benchmarks/populations.py            # totals, then the texts and sources that misfit most
    .venv/bin/python benchmarks/populations.py --cases    # and one line per report

A shown citation is one source after one patient text (an answer's sentence or statement, a red flag, a line of
"What your report says" or of the report's next steps). It fits when the source is general (no ``population`` in
references.yaml), or studied one of the case's causes, or one the text names itself (``names_population``).
The case's causes are taken two ways: those the explanation names (what guidance/page_sources.py sees), and,
for the fictional reports, those their expectations list (what a clinician reading the report would say).

Every half of tests/data/fictional_cases except the sealed one (``heldout``, never opened here) and the bundled
examples are read.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from hoguide import api
from hoguide.examples import example_bytes, example_names
from hoguide.guidance.compose import short_source
from hoguide.knowledge.loader import KnowledgeBase, load_knowledge
from hoguide.models.assessment import Assessment

CASES = Path(__file__).resolve().parents[1] / "tests" / "data" / "fictional_cases"
HALVES = ("dev", "round3", "round4", "round5", "round6", "round7", "round8")  # never "heldout"


def reports() -> Iterator[tuple[str, str, dict[str, Any] | None, frozenset[str] | None]]:
    """(name, report text, the patient's answers, the expected causes) of every report read here."""
    for half in HALVES:
        folder = CASES / half
        cases: list[dict[str, Any]] = yaml.safe_load((folder / "expectations.yaml").read_text(encoding="utf-8"))
        for c in cases:
            answers = json.loads((folder / c["answers"]).read_text(encoding="utf-8")) if c.get("answers") else None
            yield (f"{half}:{c['id']}", (folder / c["report"]).read_text(encoding="utf-8"), answers,
                   frozenset(c.get("causes") or ()))
    for name in example_names():
        yield f"example:{name}", example_bytes(name).decode("utf-8"), None, None


def shown_citations(assessment: Assessment, kb: KnowledgeBase) -> list[tuple[str, str]]:
    """(content id of the text, source key) for every source shown after a patient text on the page."""
    out: list[tuple[str, str]] = []
    for answer in assessment.answers.values():
        said = answer.statements[:len(answer.parts)]
        if said and answer.short_citations:
            out += [(short_source(kb, said).id, k) for k in answer.short_citations]
        out += [(statement, k) for part, statement in zip(answer.parts, said, strict=True) for k in part.citations]
    out += [(f.id, k) for f in assessment.red_flags for k in f.patient_citations]
    for line in assessment.report_says:
        out += [(f"report.{line.status}", k) for k in line.patient_citations]
        for detail, keys in zip(line.details, line.detail_citations, strict=True):
            said_in = [i for i, s in kb.statements.items() if i.startswith("grade.") and s.patient in detail]
            out += [(said_in[0] if said_in else "report detail", k) for k in keys]
    for step in assessment.next_steps:
        said_in = [i for i, s in kb.statements.items() if i.startswith("next.") and s.patient in step.text]
        out += [(said_in[0] if said_in else "next step", k) for k in step.patient_citations]
    return [(text, k) for text, k in out if k in assessment.references]


def named_by(kb: KnowledgeBase, text: str) -> tuple[str, ...]:
    content = kb.statements.get(text) or kb.red_flags.get(text)
    return content.names_population if content is not None else ()


def misfits(kb: KnowledgeBase, shown: list[tuple[str, str]], causes: frozenset[str]) -> list[tuple[str, str]]:
    """The shown citations whose source studied a population that is neither the case's nor named by the text."""
    out = []
    for text, key in shown:
        studied = set(kb.references[key].population)
        if studied and not studied & (causes | set(named_by(kb, text))):
            out.append((text, key))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", action="store_true")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    kb = load_knowledge()
    total = reports_with = reports_expected_with = 0
    bad_engine: Counter[tuple[str, str]] = Counter()
    bad_expected: Counter[tuple[str, str]] = Counter()
    count = expected_total = 0
    for name, text, answers, expected in reports():
        a = api.explain(text, answers)
        shown = shown_citations(a, kb)
        engine = frozenset(c.id for c in a.causes)
        wrong = misfits(kb, shown, engine)
        total += len(shown)
        count += 1
        bad_engine.update(wrong)
        reports_with += bool(wrong)
        wrong_expected: list[tuple[str, str]] = []
        if expected is not None:
            wrong_expected = misfits(kb, shown, expected)
            bad_expected.update(wrong_expected)
            reports_expected_with += bool(wrong_expected)
            expected_total += len(shown)
        if args.cases:
            print(f"{name:55s} shown {len(shown):3d} misfit {len(wrong):2d} (expected causes "
                  f"{len(wrong_expected) if expected is not None else '-'}) causes {sorted(engine)}")
    print(f"== {count} reports, {total} shown citations: {sum(bad_engine.values())} misfit the causes the "
          f"explanation names ({reports_with} reports); {sum(bad_expected.values())} of {expected_total} misfit the "
          f"expected causes of the fictional reports ({reports_expected_with} reports)")
    print("most frequent misfits (text, source, population: times against the explanation's causes / expected):")
    for (text, key), _ in sorted((bad_engine + bad_expected).items(), key=lambda kv: -kv[1])[:args.top]:
        print(f"  {text:40s} {key:28s} {','.join(kb.references[key].population):40s} "
              f"{bad_engine[(text, key)]:3d} / {bad_expected[(text, key)]:3d}")


if __name__ == "__main__":
    main()
