"""Pathological inputs at growing sizes: the reader's time must grow linearly, never blow up.

    .venv/bin/python benchmarks/linearity.py [--max-kb 1000]
    .venv/bin/python benchmarks/linearity.py --explain [--max-kb 400]   # the whole explanation, on plan-like text

Each input is read at 1/4, 1/2 and full size; the last column is seconds per MB at full size
over seconds per MB at 1/4 size (about 1 when linear; a quadratic path would show ~4).
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time

import hoguide
from hoguide import api
from hoguide.errors import InputError

PATTERNS = {
    "one long word": "a",
    "spaces between words": "x" + " " * 50,
    "colon headers": "Findings history impression:\n",
    "list numbers": "1. 2. 3. ",
    "negation cues": "no ",
    "HO mentions": "HO ",
    "negated HO list": "no HO, ",
    "negated HO in brackets": "no NSAID (HO ",   # reader._not_across_a_bracket looks back a bounded reach
    "grade names": "Brooker class ",
    "dates": "2026-01-01 ",
    "digits": "1",
    "stops": ". ",
    "blank lines": "\n",
    # sentences that name a place but no side: each looks back for a side heading (reading/nearby.py), once a text,
    # not once a sentence (thirteenth session: 740 kB took 76 s before that was mended, 6.4 s after)
    "HO sentences with no side": "Heterotopic ossification at the hip. ",
}


# Text that makes guidance look at what became of a treatment, at steps before an addendum, at plan lines and
# letter headings: each sentence asks about its neighbours, so a look over the whole report per sentence would be
# quadratic (found and fixed in the sixth session: 424 KB of "planned and was given" took 86 s).
EXPLAIN_PATTERNS = {
    "treatments planned and given": "Radiotherapy is planned and was given on 21/10/2026. ",
    "treatments stopped": "Indomethacin stopped on day 3. HO after stroke. ",
    "steps before an addendum": "Suggest ultrasound. ",
    "addenda withdrawing": "ADDENDUM: The biopsy recommendation is withdrawn. Suggest CT. ",
    "plan sections and headings": "Plan: Suggest CT.\nRe: x\n",
    # lines that are no step (who was told, a signature's note): each sentence is looked up among them, so a list
    # search per sentence would be quadratic (nineteenth session: found while adding them, mended with a bisect)
    "who was told and signature notes": "Pt and wife updated. Dictated but not checked.\n",
}
EXPLAIN_HEAD = "FINDINGS: Heterotopic ossification of the right hip.\n"


def seconds(text: str, explain: bool = False) -> float:
    started = time.perf_counter()
    with contextlib.suppress(InputError):  # e.g. white space only: refused at once, also linear
        if explain:
            api.explain(EXPLAIN_HEAD + text)
        else:
            hoguide.read(text)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--max-kb", type=int, default=1000)
    parser.add_argument("--explain", action="store_true", help="time the whole explanation on plan-like text")
    args = parser.parse_args()
    hoguide.read("warm up")
    api.explain("warm up: heterotopic ossification.")
    patterns = EXPLAIN_PATTERNS if args.explain else PATTERNS
    full = args.max_kb * 1000 - 1000
    print(f"| input | {full // 4000} KB s | {full // 2000} KB s | {full // 1000} KB s "
          "| growth (s/MB full ÷ s/MB quarter) |")
    print("|---|---|---|---|---|")
    for name, unit in patterns.items():
        sizes = [full // 4, full // 2, full]
        times = [seconds((unit * (size // len(unit) + 1))[:size], args.explain) for size in sizes]
        growth = (times[2] / sizes[2]) / (times[0] / sizes[0]) if times[0] else float("nan")
        print(f"| {name} | {times[0]:.2f} | {times[1]:.2f} | {times[2]:.2f} | {growth:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
