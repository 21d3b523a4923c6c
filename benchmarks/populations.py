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
from collections import Counter
from collections.abc import Iterator
from typing import Any

from fictional_reports import examples, fictional
from hoguide import api
from hoguide.guidance.shown_sources import misfits, shown_citations
from hoguide.knowledge.loader import load_knowledge


def reports() -> Iterator[tuple[str, str, dict[str, Any] | None, frozenset[str] | None]]:
    """(name, report text, the patient's answers, the expected causes) of every report read here."""
    for name, text, answers, case in fictional():
        yield name, text, answers, frozenset(case.get("causes") or ())
    for name, text in examples():
        yield name, text, None, None


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
