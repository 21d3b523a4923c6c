"""Reader accuracy and speed, hoguide side by side with medspaCy and negspacy, in one run on one core.

    .venv/bin/python benchmarks/make_corpus.py            # writes benchmarks/out/corpus.jsonl
    bash benchmarks/baselines/setup_baselines.sh          # once: the baselines' own venv (benchmarks/out/baseline-venv)
    .venv/bin/python benchmarks/bench.py [--kit KIT.tsv] [--corpus CORPUS.jsonl] [--json OUT.json]

Measures, in this order and never in parallel: hoguide's ConText accuracy on the kit (hoguide.evaluation),
hoguide's context speed on the kit (targets located beforehand, best of 5 passes of 10 rounds each), hoguide's reader
speed on the corpus (best of 5), the peak RSS increase while reading one 1 MB report (in a fresh subprocess), the
same for hoguide's pure-Python path (a subprocess with HOGUIDE_PURE_PYTHON=1: what a machine without a C compiler
gets), then the baselines in their own venv (a subprocess, same kit spans, same corpus). Prints a markdown table.
"""

from __future__ import annotations

import os

# One core: no BLAS/OpenMP thread pools here or in the baselines' subprocess (which inherits this environment).
os.environ["OMP_NUM_THREADS"] = "1"
os.environ["MKL_NUM_THREADS"] = "1"
os.environ["OPENBLAS_NUM_THREADS"] = "1"

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import hoguide
from hoguide.evaluation import KitReport, evaluate_kit, load_kit, locate_kit_target
from hoguide.evaluation.kit import KitRow
from hoguide.knowledge.loader import load_knowledge
from hoguide.reading import matcher, sentences
from hoguide.reading.reader import reader_for

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
BASELINE_PYTHON = OUT / "baseline-venv" / "bin" / "python"
BASELINE_SCRIPT = HERE / "baselines" / "run_baselines.py"

# Peak RSS of reading one 1 MB report, over the RSS just before the read (text built, reader warm).
# Linux resets the peak (VmHWM) on writing "5" to /proc/self/clear_refs, so the peak is the read's own,
# not that of building the text; elsewhere the process's lifetime peak (ru_maxrss) is used.
RSS_PROBE = """
import re, resource, sys
import hoguide
from hoguide.examples import example_bytes, example_names

def status_kb(field):
    return int(re.search(field + r":\\s+(\\d+) kB", open("/proc/self/status").read()).group(1))

kb = hoguide.load_knowledge()
pieces = [example_bytes(name).decode("utf-8") + "\\n\\n" for name in example_names()]
hoguide.read(pieces[0], kb=kb)
parts, size, i = [], 0, 0
while size < 1_000_000:
    parts.append(pieces[i % len(pieces)])
    size += len(parts[-1].encode("utf-8"))
    i += 1
text = "".join(parts)
del parts
try:
    open("/proc/self/clear_refs", "w").write("5")
    before = status_kb("VmRSS")
    peak = lambda: status_kb("VmHWM")
except OSError:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    peak = lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
reading = hoguide.read(text, kb=kb, max_bytes=2 * len(text.encode("utf-8")))
print(len(text.encode("utf-8")), before, peak())
"""


# One pass over the kit takes hoguide about 5 ms, short enough for one scheduler hiccup on this VM to
# halve the figure: each timed pass goes over the kit this many times.
CONTEXT_REPEATS = 10


def best_of(runs: int, work: Any) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


DEFAULT_KIT = Path(__file__).resolve().parents[2] / "shared" / "data" / "context-kit" / "dev.tsv"


def kit_spans(rows: list[KitRow]) -> list[dict[str, Any]]:
    spans = []
    for row in rows:
        span = locate_kit_target(row.target, row.sentence)
        if span is not None:
            spans.append({"sentence": row.sentence, "start": span[0], "end": span[1], "negation": row.negation,
                          "temporality": row.temporality, "experiencer": row.experiencer})
    return spans


def negation_counts(report: KitReport) -> dict[str, float]:
    counts = report.negation.counts
    precision, recall, f1 = report.negation.precision_recall_f1("Negated")
    return {
        "tp": counts[("Negated", "Negated")], "fp": counts[("Affirmed", "Negated")],
        "fn": counts[("Negated", "Affirmed")], "tn": counts[("Affirmed", "Affirmed")],
        "precision": precision, "recall": recall, "f1": f1,
    }


def measure_hoguide(rows: list[KitRow], spans: list[dict[str, Any]], texts: list[str]) -> dict[str, Any]:
    kb = load_knowledge()
    accuracy = evaluate_kit(rows, reader_for(kb).context)

    def context_pass() -> None:
        for _ in range(CONTEXT_REPEATS):
            for item in spans:
                hoguide.assess_context(item["sentence"], item["start"], item["end"], kb=kb)

    context_pass()  # warm-up: compiled rules, caches
    context_seconds = best_of(5, context_pass) / CONTEXT_REPEATS

    def reader_pass() -> None:
        for text in texts:
            hoguide.read(text, kb=kb)

    size = sum(len(t.encode("utf-8")) for t in texts)
    if texts:
        hoguide.read(texts[0], kb=kb)  # warm-up
    reader_seconds = best_of(5, reader_pass) if texts else float("nan")
    probe = subprocess.run([sys.executable, "-c", RSS_PROBE], capture_output=True, text=True, check=True)
    report_bytes, rss_before, rss_after = (int(v) for v in probe.stdout.split())
    return {
        "implementation": implementation(),
        "rows": len(rows), "located": accuracy.negation.total, **negation_counts(accuracy),
        "temporality_acc": accuracy.temporality.accuracy, "experiencer_acc": accuracy.experiencer.accuracy,
        "sentences_per_s": len(spans) / context_seconds,
        "corpus_mb": size / 1e6, "reader_seconds": reader_seconds, "mb_per_s": size / 1e6 / reader_seconds,
        "rss_report_mb": report_bytes / 1e6, "rss_increase_mb": (rss_after - rss_before) / 1024,
        "rss_peak_mb": rss_after / 1024,
    }


def run_baselines(spans: list[dict[str, Any]], corpus: Path | None) -> dict[str, Any] | None:
    if not BASELINE_PYTHON.exists():
        print(f"baselines skipped: {BASELINE_PYTHON} does not exist; set it up with "
              "`bash benchmarks/baselines/setup_baselines.sh` (or run `make bench`).")
        return None
    spans_path = OUT / "kit-spans.jsonl"
    with spans_path.open("w", encoding="utf-8") as handle:
        for item in spans:
            handle.write(json.dumps(item) + "\n")
    command = [str(BASELINE_PYTHON), str(BASELINE_SCRIPT), str(spans_path)]
    if corpus is not None:
        command.append(str(corpus))
    done = subprocess.run(command, capture_output=True, text=True, check=True, env=os.environ.copy())
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def fmt(value: float | None, digits: int = 3) -> str:
    if value is None:
        return "–"
    return f"{value:.{digits}f}" if digits else f"{value:,.0f}"


def native_extensions() -> list[str]:
    """hoguide's C extensions this process reads with."""
    return [name for name, built in (("automaton", matcher.native_automaton()),
                                     ("sentences", sentences.native_splitter())) if built is not None]


def implementation() -> str:
    """The row's name."""
    native = native_extensions()
    return f"C extensions ({', '.join(native)})" if native else "pure-Python path"


def hoguide_row(result: dict[str, Any]) -> str:
    return (f"| hoguide {hoguide.__version__}, {result['implementation']} | {fmt(result['precision'])} "
            f"| {fmt(result['recall'])} | {fmt(result['f1'])} | {fmt(result['temporality_acc'])} "
            f"| {fmt(result['experiencer_acc'])} | {fmt(result['sentences_per_s'], 0)} "
            f"| {fmt(result['mb_per_s'], 2)} | – |")


def measure_pure_python(args: argparse.Namespace) -> dict[str, Any]:
    """hoguide without its C extensions, as installed where no compiler is, in a fresh process."""
    raw = OUT / "bench-pure-python.json"
    command = [sys.executable, __file__, "--kit", str(args.kit), "--corpus", str(args.corpus), "--json", str(raw),
               "--no-baselines", "--no-pure-python"]
    subprocess.run(command, check=True, capture_output=True, env={**os.environ, "HOGUIDE_PURE_PYTHON": "1"})
    result: dict[str, Any] = json.loads(raw.read_text(encoding="utf-8"))["hoguide"]
    return result


def table(ours: dict[str, Any], pure: dict[str, Any] | None, baselines: dict[str, Any] | None) -> str:
    lines = [
        "| system | negation P | R | F1 | temporality acc | experiencer acc | sentences/s | MB/s "
        "| hoguide speed ratio (sentences/s; MB/s) |",
        "|---|---|---|---|---|---|---|---|---|",
        hoguide_row(ours),
    ]
    if pure is not None:
        lines.append(hoguide_row(pure))
    if baselines:
        corpus = next(iter(baselines.get("corpus", {}).values()), None)
        for name, row in baselines["kit"].items():
            mb_per_s = corpus["mb_per_s"] if corpus and "sentencizer" in name and "medspaCy" in name else None
            ratios = f"{ours['sentences_per_s'] / row['sentences_per_s']:.1f}×"
            if mb_per_s:
                ratios += f"; {ours['mb_per_s'] / mb_per_s:.1f}×"
            lines.append(f"| {name} | {fmt(row['precision'])} | {fmt(row['recall'])} | {fmt(row['f1'])} "
                         f"| {fmt(row.get('temporality_acc'))} | {fmt(row.get('experiencer_acc'))} "
                         f"| {fmt(row['sentences_per_s'], 0)} | {fmt(mb_per_s, 2)} | {ratios} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kit", type=Path, default=DEFAULT_KIT)
    parser.add_argument("--corpus", type=Path, default=OUT / "corpus.jsonl")
    parser.add_argument("--json", type=Path, default=OUT / "bench.json", help="where to keep the raw numbers")
    parser.add_argument("--no-baselines", action="store_true")
    parser.add_argument("--no-pure-python", action="store_true", help="skip the pure-Python path's row")
    args = parser.parse_args()
    rows = load_kit(args.kit)
    spans = kit_spans(rows)
    corpus: Path | None = args.corpus if args.corpus.exists() else None
    if corpus is None:
        print(f"corpus {args.corpus} missing: run `.venv/bin/python benchmarks/make_corpus.py` for the MB/s figures")
    with corpus.open(encoding="utf-8") if corpus else open(os.devnull) as handle:
        texts = [json.loads(line)["text"] for line in handle if line.strip()]
    ours = measure_hoguide(rows, spans, texts)
    print(f"hoguide: kit {args.kit.name} ({ours['located']}/{ours['rows']} targets located), corpus "
          f"{ours['corpus_mb']:.2f} MB in {len(texts)} notes; 1 MB report: peak RSS +{ours['rss_increase_mb']:.0f} MB "
          f"(peak {ours['rss_peak_mb']:.0f} MB)")
    pure = None if args.no_pure_python or not native_extensions() else measure_pure_python(args)
    baselines = None if args.no_baselines else run_baselines(spans, corpus)
    if baselines and "corpus" in baselines:
        for name, row in baselines["corpus"].items():
            print(f"baseline corpus: {name}: {row['mb_per_s']:.2f} MB/s ({row['targets_found']} targets found)")
    print()
    print(table(ours, pure, baselines))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"hoguide": ours, "hoguide_pure_python": pure, "baselines": baselines}, indent=1)
                         + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
