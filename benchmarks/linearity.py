"""Pathological inputs at growing sizes: the reader's time must grow linearly, never blow up.

    .venv/bin/python benchmarks/linearity.py [--max-kb 1000]

Each input is read at 1/4, 1/2 and full size; the last column is seconds per MB at full size
over seconds per MB at 1/4 size (about 1 when linear; a quadratic path would show ~4).
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time

import hoguide
from hoguide.errors import InputError

PATTERNS = {
    "one long word": "a",
    "spaces between words": "x" + " " * 50,
    "colon headers": "Findings history impression:\n",
    "list numbers": "1. 2. 3. ",
    "negation cues": "no ",
    "HO mentions": "HO ",
    "negated HO list": "no HO, ",
    "grade names": "Brooker class ",
    "dates": "2026-01-01 ",
    "digits": "1",
    "stops": ". ",
    "blank lines": "\n",
}


def seconds(text: str) -> float:
    started = time.perf_counter()
    with contextlib.suppress(InputError):  # e.g. white space only: refused at once, also linear
        hoguide.read(text)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--max-kb", type=int, default=1000)
    args = parser.parse_args()
    hoguide.read("warm up")
    full = args.max_kb * 1000 - 1000
    print(f"| input | {full // 4000} KB s | {full // 2000} KB s | {full // 1000} KB s "
          "| growth (s/MB full ÷ s/MB quarter) |")
    print("|---|---|---|---|---|")
    for name, unit in PATTERNS.items():
        sizes = [full // 4, full // 2, full]
        times = [seconds((unit * (size // len(unit) + 1))[:size]) for size in sizes]
        growth = (times[2] / sizes[2]) / (times[0] / sizes[0]) if times[0] else float("nan")
        print(f"| {name} | {times[0]:.2f} | {times[1]:.2f} | {times[2]:.2f} | {growth:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
