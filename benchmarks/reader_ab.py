"""The reader alone, for measuring one change against the commit before it (A/B).

    .venv/bin/python benchmarks/reader_ab.py [--corpus benchmarks/out/corpus.jsonl] [--passes 10]
    HOGUIDE_PURE_PYTHON=1 .venv/bin/python benchmarks/reader_ab.py     # the pure-Python path
    .venv/bin/python benchmarks/reader_ab.py --python-dates    # the C extensions except _dates
    .venv/bin/python benchmarks/reader_ab.py --dates-share     # and what _dates saves of the whole read

Prints the best of ``--passes`` passes of ``Reader.read`` over every note (CPU time, the knowledge
base loaded and the reader built beforehand) and a digest of all the ``Reading``s, so that a change
meant only to be faster can be shown to give the same output. ``make bench`` gives the figures
against the baselines; this is the quicker loop for one step.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

import hoguide
from hoguide.reading import matcher, sentences, timerefs
from hoguide.reading.reader import Reader

OUT = Path(__file__).resolve().parent / "out"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=OUT / "corpus.jsonl", help="JSON lines with a 'text' field")
    parser.add_argument("--passes", type=int, default=10)
    parser.add_argument("--python-dates", action="store_true",
                        help="find numeric dates with the regular expressions, not _dates.c (what it is worth)")
    parser.add_argument("--dates-share", action="store_true",
                        help="also time the numeric-date step alone, C and regular expressions, in this process: "
                             "the share of the whole read _dates.c saves (a ratio the machine's load moves little)")
    args = parser.parse_args()
    if args.python_dates:
        timerefs.native_dates = lambda: None  # type: ignore[assignment]
    if not args.corpus.is_file():
        print(f"no corpus at {args.corpus}: run `.venv/bin/python benchmarks/make_corpus.py` first", file=sys.stderr)
        return 2
    with args.corpus.open(encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for line in handle if line.strip()]
    reader = Reader(hoguide.load_knowledge())
    digest = hashlib.sha256()
    for text in texts:
        digest.update(repr(reader.read(text)).encode("utf-8", "surrogatepass"))
    best = float("inf")
    for _ in range(max(1, args.passes)):
        started = time.process_time()
        for text in texts:
            reader.read(text)
        best = min(best, time.process_time() - started)
    size = sum(len(text.encode("utf-8", "surrogatepass")) for text in texts) / 1e6
    print(f"phrase matcher: {matcher.implementation()}; sentence splitter: {sentences.implementation()}; "
          f"date finder: {timerefs.implementation()}")
    print(f"{len(texts)} notes, {size:.2f} MB: best of {args.passes} passes {best:.4f} s, {size / best:.2f} MB/s")
    print(f"readings digest: {digest.hexdigest()[:16]}")
    if args.dates_share:
        print(dates_share(texts, best, args.passes))
    return 0


def dates_share(texts: list[str], read_seconds: float, passes: int) -> str:
    """The numeric-date step timed alone both ways (best of ``passes``), against the whole read: the issue
    keeps _dates.c only while the read is at least 10 % faster with it."""
    native = timerefs.native_dates()
    if native is None:
        return "dates share: _dates.c is not built or not in use (HOGUIDE_PURE_PYTHON, --python-dates)"

    def regular_expressions(text: str) -> list[timerefs.TimeReference]:  # find_time_references' other branch
        found = timerefs._iso_dates(text)
        return found + timerefs._us_dates(text) if "/" in text else found

    def best(find: Callable[[str], list[timerefs.TimeReference]]) -> float:
        times = []
        for _ in range(max(1, passes)):
            started = time.process_time()
            for text in texts:
                find(text)
            times.append(time.process_time() - started)
        return min(times)

    c = best(lambda text: native(text, timerefs.TimeReference))
    python = best(regular_expressions)
    without = read_seconds - c + python
    return (f"dates share: numeric dates C {c:.3f} s, regular expressions {python:.3f} s; the whole read is "
            f"{100 * (without - read_seconds) / without:.1f} % faster with _dates.c")


if __name__ == "__main__":
    sys.exit(main())
