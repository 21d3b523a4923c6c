"""CPU per explanation over the development texts, each explained once in a fresh process.

    .venv/bin/python benchmarks/explain_corpus_cpu.py [--processes 3]

``benchmarks/api_cpu.py`` repeats one report, so every cache kept between requests (the page's sources,
an answer's words: knowledge-derived, never the report) is found there; here each text of the fictional
development cases (dev, round3-5) and the HO corpus's development rows is explained once, after one short
report that loads the knowledge, so a cache helps only where different reports share statements. CPU time
(``time.process_time``), the best of a few fresh processes. To compare with another commit, run it with
``PYTHONPATH=<that checkout>/src`` (its compiled C extensions copied in).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
SPLITS = ("dev", "round3", "round4", "round5")  # never the sealed held-out cases


def texts() -> list[str]:
    found = [p.read_text(encoding="utf-8", errors="replace")
             for split in SPLITS for p in sorted((DATA / "fictional_cases" / split).glob("*.txt"))]
    for name in ("written_reports.jsonl", "written.jsonl"):
        with open(DATA / "ho_corpus" / name, encoding="utf-8") as handle:
            rows = [json.loads(line) for line in handle]
        found += [row["text"] for row in rows if row.get("split") == "dev"]
    return found


def child() -> None:
    from hoguide import api

    corpus = texts()
    api.explain("IMPRESSION: Brooker class III heterotopic ossification about the right hip.")  # loads the knowledge
    started = time.process_time()
    for text in corpus:
        api.explain(text)
    print(json.dumps({"ms": (time.process_time() - started) / len(corpus) * 1000, "texts": len(corpus)}))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--processes", type=int, default=3)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child()
        return 0
    runs = [json.loads(subprocess.run([sys.executable, __file__, "--child"], env=dict(os.environ), check=True,
                                      capture_output=True, text=True).stdout) for _ in range(args.processes)]
    each = ", ".join(f"{r['ms']:.3f}" for r in runs)
    print(f"{min(r['ms'] for r in runs):.3f} ms per explanation, {runs[0]['texts']} development texts each once "
          f"(best of {len(runs)} fresh processes: {each}); load average {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
