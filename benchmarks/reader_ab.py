"""The reader alone, for measuring one change against the commit before it (A/B).

    .venv/bin/python benchmarks/reader_ab.py [--corpus benchmarks/out/corpus.jsonl] [--passes 10]
    HOGUIDE_PURE_PYTHON=1 .venv/bin/python benchmarks/reader_ab.py     # the pure-Python path

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
from pathlib import Path

import hoguide
from hoguide.reading import matcher, sentences
from hoguide.reading.reader import Reader

OUT = Path(__file__).resolve().parent / "out"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=OUT / "corpus.jsonl", help="JSON lines with a 'text' field")
    parser.add_argument("--passes", type=int, default=10)
    args = parser.parse_args()
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
    print(f"phrase matcher: {matcher.implementation()}; sentence splitter: {sentences.implementation()}")
    print(f"{len(texts)} notes, {size:.2f} MB: best of {args.passes} passes {best:.4f} s, {size / best:.2f} MB/s")
    print(f"readings digest: {digest.hexdigest()[:16]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
