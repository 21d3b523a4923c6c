"""Cohort-scan throughput: the local engine with 1 and 2 worker processes, and Spark local[2].

    .venv/bin/python benchmarks/scan_bench.py [--notes 200000] [--engines local1,local2,spark] [--input csv]

Generates (once, then reuses) a corpus of fictional notes with ``make_corpus.py`` (about 5% mention
HO), as JSON Lines or (``--input csv``) the same notes as CSV, then runs ``hoguide scan`` on it as a
user would: a fresh command per run, Parquet output, timed from start to exit, so start-up (and, for
Spark, the JVM) is included; the CPU seconds of all its processes are given too (on a busy machine
they move much less than the wall time). Peak memory is the summed resident memory of the run's whole process
tree (workers and JVM included), sampled every 0.2 s, on the full corpus and on a quarter of it:
memory must not grow with the input.

Prints a markdown table (reports/s, MB/s, MB/s per core, peak RSS, scaling 1 -> 2 processes) and a
paper estimate of the wall time for 50 million reports on a 32-core Spark cluster from the measured
per-core rate. Targets (issue 6): >= 1.8x from 1 to 2 processes, >= 8 MB/s per core.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import shutil
import subprocess
import sys
import time
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


def as_csv(path: Path) -> Path:
    """The same notes as CSV (id, text; a text with a comma, quote or line break quoted), made once."""
    target = path.with_suffix(".csv")
    if not target.exists():
        with path.open(encoding="utf-8") as source, target.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["id", "text"])
            for line in source:
                note = json.loads(line)
                writer.writerow([note["id"], note["text"]])
    return target


def _tree_rss_kb(root: int) -> int:
    """Resident memory of a process and all its descendants (the JVM and Python workers of Spark, the
    worker pool of the local engine), read from /proc."""
    parents: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            status = (entry / "status").read_text()
        except OSError:  # the process ended while we looked
            continue
        pid = int(entry.name)
        parents.setdefault(int(stat[1]), []).append(pid)
        rss[pid] = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo += parents.get(pid, [])
    return total


def run_scan(source: Path, engine: str, workers: int) -> dict[str, Any]:
    """One ``hoguide scan`` in a fresh process: wall time, and the peak of the summed resident memory
    of its whole process tree, sampled every 0.2 s."""
    target = OUT / f"scan-{engine}-{workers}"
    shutil.rmtree(target, ignore_errors=True)
    command = [HOGUIDE, "scan", str(source), "--output", str(target), "--quiet", "--batch-size", "2000"]
    command += ["--engine", "spark", "--spark-master", f"local[{workers}]"] if engine == "spark" \
        else ["--workers", str(workers)]
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak_kb = 0
    while process.poll() is None:
        peak_kb = max(peak_kb, _tree_rss_kb(process.pid))
        time.sleep(0.2)
    out, err = process.communicate()
    seconds = time.perf_counter() - started
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the whole tree: each process counts its reaped children
    cpu = cpu_after.ru_utime + cpu_after.ru_stime - cpu_before.ru_utime - cpu_before.ru_stime
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{err}")
    reports = int(next(line.split(":")[1] for line in out.splitlines() if line.startswith("reports read")))
    return {"engine": engine, "workers": workers, "seconds": seconds, "cpu_seconds": cpu, "reports": reports,
            "peak_rss_mb": peak_kb / 1024}


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
    parser.add_argument("--input", choices=["jsonl", "csv"], default="jsonl", help="the corpus as JSON Lines or CSV")
    parser.add_argument("--engines", default="local1,local2,spark",
                        help="comma-separated: local1, local2, spark (Spark local[2])")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    full = corpus(args.notes, args.seed)
    quarter = head(full, args.notes // 4)
    mb = size_mb(full)
    if args.input == "csv":
        full, quarter = as_csv(full), as_csv(quarter)
    print(f"corpus {full.name}: {args.notes} notes, {mb:.1f} MB of text")
    runs: list[dict[str, Any]] = []
    for engine in args.engines.split(","):
        kind, workers = ("spark", 2) if engine == "spark" else ("local", int(engine.removeprefix("local")))
        run = run_scan(full, kind, workers)
        run["quarter_peak_rss_mb"] = run_scan(quarter, kind, workers)["peak_rss_mb"]
        run["mb_per_s"] = mb / run["seconds"]
        runs.append(run)
        print(f"{engine}: {run['seconds']:.1f} s ({run['cpu_seconds']:.1f} s of CPU, all processes), "
              f"{run['reports'] / run['seconds']:.0f} reports/s, "
              f"{run['mb_per_s']:.2f} MB/s, peak RSS {run['peak_rss_mb']:.0f} MB "
              f"(quarter corpus: {run['quarter_peak_rss_mb']:.0f} MB)", flush=True)
    print()
    print("| engine | processes | seconds | reports/s | MB/s | MB/s per core "
          "| peak RSS, all processes (full / quarter corpus) |")
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
    if ("local", 1) in by_engine:
        local = by_engine[("local", 1)]
        rate = local["reports"] / local["seconds"]
        print(f"at the local engine's rate of one process ({rate:,.0f} reports/s per core, no Spark overhead): "
              f"{CLUSTER_REPORTS / (rate * CLUSTER_CORES) / 3600:.2f} h")
    (OUT / f"scan-bench-{args.input}.json").write_text(json.dumps(runs, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
