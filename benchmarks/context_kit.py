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
from dataclasses import dataclass
from pathlib import Path

from hoguide.knowledge.loader import load_knowledge
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("kit", nargs="?", type=Path, default=DEFAULT_KIT)
    parser.add_argument("--errors", action="store_true", help="print every wrong row")
    args = parser.parse_args()
    rows = load_kit(args.kit)
    engine = reader_for(load_knowledge()).context
    tp = fp = fn = tn = 0
    temporal_right = experiencer_right = located = 0
    errors: list[str] = []
    started = time.perf_counter()
    for row in rows:
        span = locate(row)
        if span is None:
            errors.append(f"{row.row}: target not found: {row.target!r}")
            continue
        located += 1
        result = engine.assess(row.sentence, *span)
        gold_negated = row.negation == "Negated"
        if result.negated and gold_negated:
            tp += 1
        elif result.negated:
            fp += 1
        elif gold_negated:
            fn += 1
        else:
            tn += 1
        temporality = "Not particular" if result.hypothetical else "Historical" if result.historical else "Recent"
        experiencer = "Patient" if result.experiencer == "patient" else "Other"
        gold_experiencer = "Patient" if row.experiencer == "Patient" else "Other"
        temporal_right += temporality == row.temporality
        experiencer_right += experiencer == gold_experiencer
        wrong = [
            name for name, ok in (
                ("negation", result.negated == gold_negated),
                ("temporality", temporality == row.temporality),
                ("experiencer", experiencer == gold_experiencer),
            ) if not ok
        ]
        if wrong:
            triggers = ", ".join(f"{t.phrase}:{t.category}" for t in result.triggers) or "-"
            errors.append(f"{row.row} [{'/'.join(wrong)}] gold={row.negation}/{row.temporality}/"
                          f"{row.experiencer} triggers={triggers} | {row.target} | {' '.join(row.sentence.split())}")
    elapsed = time.perf_counter() - started
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"rows {len(rows)}, targets located {located}")
    print(f"negation     P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f}  (tp {tp}, fp {fp}, fn {fn}, tn {tn})")
    print(f"temporality  accuracy {temporal_right / located:.3f}")
    print(f"experiencer  accuracy {experiencer_right / located:.3f}")
    print(f"time {elapsed:.3f} s ({located / elapsed:,.0f} sentences/s, single thread, includes matching)")
    if args.errors:
        print("\n".join(errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
