"""Cohort-scan throughput: the local engine with 1 and 2 worker processes, and Spark local[2].

    .venv/bin/python benchmarks/scan_bench.py [--notes 200000] [--engines local1,local2,spark]

Generates (once, then reuses) a corpus of fictional notes with ``make_corpus.py`` (about 5% mention
HO), then runs ``hoguide scan`` on it as a user would: a fresh command per run, Parquet output,
timed from start to exit, so start-up (and, for Spark, the JVM) is included. Peak memory is the
largest resident set of any process of the run (``getrusage(RUSAGE_CHILDREN)``), measured on the
full corpus and on a quarter of it: memory must not grow with the input.

Prints a markdown table (reports/s, MB/s, MB/s per core, peak RSS, scaling 1 -> 2 processes) and a
paper estimate of the wall time for 50 million reports on a 32-core Spark cluster from the measured
per-core rate. Targets (issue 6): >= 1.8x from 1 to 2 processes, >= 8 MB/s per core.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
HOGUIDE = str(Path(sys.executable).with_name("hoguide"))
CLUSTER_CORES = 32
CLUSTER_REPORTS = 50_000_000


def corpus(notes: int, seed: int) -> Path:
    path = OUT / f"scan-corpus-{notes}-{seed}.jsonl"
    if not path.exists():
        subprocess.run([sys.executable, str(HERE / "make_corpus.py"), str(path), "--notes", str(notes),
                        "--seed", str(seed)], check=True)
    return path


def head(path: Path, notes: int) -> Path:
    """The first ``notes`` lines of a corpus, for the memory-versus-size check."""
    smaller = path.with_name(f"{path.stem}-head{notes}.jsonl")
    if not smaller.exists():
        with path.open(encoding="utf-8") as source, smaller.open("w", encoding="utf-8") as target:
            for _, line in zip(range(notes), source, strict=False):
                target.write(line)
    return smaller


def run_scan(source: Path, engine: str, workers: int) -> dict[str, Any]:
    """One ``hoguide scan`` in a fresh process; wall time and the peak RSS of its processes."""
    target = OUT / f"scan-{engine}-{workers}"
    shutil.rmtree(target, ignore_errors=True)
    command = [HOGUIDE, "scan", str(source), "--output", str(target), "--quiet", "--batch-size", "2000"]
    command += ["--engine", "spark", "--spark-master", f"local[{workers}]"] if engine == "spark" \
        else ["--workers", str(workers)]
    # getrusage(RUSAGE_CHILDREN) keeps the largest child ever waited for; run each scan under its
    # own Python so the figure belongs to this run only.
    probe = ("import resource, subprocess, sys, time; s = time.perf_counter(); "
             "r = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
             "print(time.perf_counter() - s, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode); "
             "print(r.stdout + r.stderr, file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", probe, *command], capture_output=True, text=True, check=True)
    seconds, max_rss_kb, code = result.stdout.split()
    if code != "0":
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stderr}")
    summary = result.stderr
    reports = int(next(line.split(":")[1] for line in summary.splitlines() if line.startswith("reports read")))
    return {"engine": engine, "workers": workers, "seconds": float(seconds), "reports": reports,
            "peak_rss_mb": int(max_rss_kb) / 1024}


def size_mb(path: Path) -> float:
    total = 0
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            total += len(json.loads(line)["text"].encode("utf-8"))
    return total / 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--notes", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=20261201)
    parser.add_argument("--engines", default="local1,local2,spark",
                        help="comma-separated: local1, local2, spark (Spark local[2])")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    full = corpus(args.notes, args.seed)
    quarter = head(full, args.notes // 4)
    mb = size_mb(full)
    print(f"corpus {full.name}: {args.notes} notes, {mb:.1f} MB of text")
    runs: list[dict[str, Any]] = []
    for engine in args.engines.split(","):
        kind, workers = ("spark", 2) if engine == "spark" else ("local", int(engine.removeprefix("local")))
        run = run_scan(full, kind, workers)
        run["quarter_peak_rss_mb"] = run_scan(quarter, kind, workers)["peak_rss_mb"]
        run["mb_per_s"] = mb / run["seconds"]
        runs.append(run)
        print(f"{engine}: {run['seconds']:.1f} s, {run['reports'] / run['seconds']:.0f} reports/s, "
              f"{run['mb_per_s']:.2f} MB/s, peak RSS {run['peak_rss_mb']:.0f} MB "
              f"(quarter corpus: {run['quarter_peak_rss_mb']:.0f} MB)", flush=True)
    print()
    print("| engine | processes | seconds | reports/s | MB/s | MB/s per core | peak RSS (full / quarter corpus) |")
    print("|---|---|---|---|---|---|---|")
    for run in runs:
        per_core = run["mb_per_s"] / run["workers"]
        print(f"| {run['engine']} | {run['workers']} | {run['seconds']:.1f} | {run['reports'] / run['seconds']:,.0f} "
              f"| {run['mb_per_s']:.2f} | {per_core:.2f} | {run['peak_rss_mb']:.0f} / "
              f"{run['quarter_peak_rss_mb']:.0f} MB |")
    by_engine = {(r["engine"], r["workers"]): r for r in runs}
    if ("local", 1) in by_engine and ("local", 2) in by_engine:
        ratio = by_engine[("local", 1)]["seconds"] / by_engine[("local", 2)]["seconds"]
        print(f"\nscaling, 1 -> 2 worker processes: {ratio:.2f}x (target >= 1.8x)")
    if ("spark", 2) in by_engine:
        spark = by_engine[("spark", 2)]
        per_core_reports = spark["reports"] / spark["seconds"] / 2
        hours = CLUSTER_REPORTS / (per_core_reports * CLUSTER_CORES) / 3600
        print(f"paper estimate: {CLUSTER_REPORTS:,} reports on {CLUSTER_CORES} Spark cores at "
              f"{per_core_reports:,.0f} reports/s per core (Spark local[2] here, start-up included) "
              f"= {hours:.1f} h, if the cluster's cores match this machine's and input I/O keeps up")
    (OUT / "scan-bench.json").write_text(json.dumps(runs, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
