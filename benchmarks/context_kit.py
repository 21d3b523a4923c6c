"""Score hoguide's ConText engine on the ConText/NegEx test kit (TSV) and list its errors.

    .venv/bin/python benchmarks/context_kit.py [../shared/data/context-kit/dev.tsv] [--errors]

Columns of the kit: row, note, target, sentence, negation (Affirmed|Negated), temporality
(Recent|Historical|Not particular), experiencer (Patient|Family member|Other). "Not particular"
is ConText's hypothetical. The data is read where it lies; nothing is copied into the repository.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from hoguide.knowledge.loader import load_knowledge
from hoguide.reading.context import ContextEngine
from hoguide.reading.reader import reader_for

DEFAULT_KIT = Path(__file__).resolve().parents[2] / "shared" / "data" / "context-kit" / "dev.tsv"


@dataclass(frozen=True)
class Row:
    row: str
    target: str
    sentence: str
    negation: str
    temporality: str
    experiencer: str


def load_kit(path: Path) -> list[Row]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [Row(r[0], r[2], r[3], r[4], r[5], r[6]) for r in csv.reader(handle, delimiter="\t") if r]


def locate(row: Row) -> tuple[int, int] | None:
    """The target's span in the sentence: case-insensitive, any run of white space between words."""
    words = row.target.split()
    if not words:
        return None
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words), re.IGNORECASE)
    match = pattern.search(row.sentence)
    return (match.start(), match.end()) if match else None


@dataclass
class Score:
    rows: int
    located: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    temporal_right: int = 0
    experiencer_right: int = 0
    elapsed: float = 0.0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def temporality_accuracy(self) -> float:
        return self.temporal_right / self.located if self.located else 0.0

    @property
    def experiencer_accuracy(self) -> float:
        return self.experiencer_right / self.located if self.located else 0.0


def score(rows: list[Row], engine: ContextEngine | None = None) -> Score:
    """Run the engine on every kit row whose target can be located and count what it got right."""
    engine = engine or reader_for(load_knowledge()).context
    result = Score(rows=len(rows))
    started = time.perf_counter()
    for row in rows:
        span = locate(row)
        if span is None:
            result.errors.append(f"{row.row}: target not found: {row.target!r}")
            continue
        result.located += 1
        assessed = engine.assess(row.sentence, *span)
        gold_negated = row.negation == "Negated"
        if assessed.negated and gold_negated:
            result.tp += 1
        elif assessed.negated:
            result.fp += 1
        elif gold_negated:
            result.fn += 1
        else:
            result.tn += 1
        temporality = "Not particular" if assessed.hypothetical else "Historical" if assessed.historical else "Recent"
        experiencer = "Patient" if assessed.experiencer == "patient" else "Other"
        gold_experiencer = "Patient" if row.experiencer == "Patient" else "Other"
        result.temporal_right += temporality == row.temporality
        result.experiencer_right += experiencer == gold_experiencer
        wrong = [
            name for name, ok in (
                ("negation", assessed.negated == gold_negated),
                ("temporality", temporality == row.temporality),
                ("experiencer", experiencer == gold_experiencer),
            ) if not ok
        ]
        if wrong:
            triggers = ", ".join(f"{t.phrase}:{t.category}" for t in assessed.triggers) or "-"
            result.errors.append(f"{row.row} [{'/'.join(wrong)}] gold={row.negation}/{row.temporality}/"
                                 f"{row.experiencer} triggers={triggers} | {row.target} | "
                                 f"{' '.join(row.sentence.split())}")
    result.elapsed = time.perf_counter() - started
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("kit", nargs="?", type=Path, default=DEFAULT_KIT)
    parser.add_argument("--errors", action="store_true", help="print every wrong row")
    args = parser.parse_args()
    result = score(load_kit(args.kit))
    elapsed = result.elapsed
    print(f"rows {result.rows}, targets located {result.located}")
    print(f"negation     P {result.precision:.3f}  R {result.recall:.3f}  F1 {result.f1:.3f}  "
          f"(tp {result.tp}, fp {result.fp}, fn {result.fn}, tn {result.tn})")
    print(f"temporality  accuracy {result.temporality_accuracy:.3f}")
    print(f"experiencer  accuracy {result.experiencer_accuracy:.3f}")
    print(f"time {elapsed:.3f} s ({result.located / elapsed:,.0f} sentences/s, single thread, includes matching)")
    if args.errors:
        print("\n".join(result.errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
