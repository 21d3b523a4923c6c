"""Hostile and big inputs (issue 17): what they cost before the hardening and now.

    .venv/bin/python benchmarks/hostile_bench.py [--skip-before] [--before-timeout 120] [--server-only]

1. Each hostile PDF of ``tests/web/pdfs.py``: wall time and peak memory of its text extraction,
   "before" as the server did it (pypdf in the server's process, every page, then the size check;
   run here in a child process of its own, stopped at ``--before-timeout``) and "now" (the sandbox).
2. ``hoguide serve --workers 2``: the health endpoint's latency while four hostile PDFs are uploaded
   at once, and while a 1 MB report ("HO, HO, …") is explained by the API, shown as the page and
   laid out as the handout (``--workers 1``); those responses' sizes and times.
3. ``hoguide scan`` of a JSON Lines file with a 150 MB line: peak memory.

Peak memory is the child's ``ru_maxrss``, read in a fresh process whose only child it is.
"""

from __future__ import annotations

import argparse
import json
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the PDF generators live with the tests that use them

from tests.web import pdfs  # noqa: E402

HOSTILE: dict[str, Callable[[], bytes]] = {
    "one page listed 4,000 times": pdfs.repeated_page_pdf,
    "deflate bomb, 70 MB inflated": pdfs.deflate_bomb_pdf,
    "arrays nested 50,000 deep": pdfs.deep_nesting_pdf,
    "page tree of 65,536 leaves": pdfs.wide_page_tree_pdf,
    "AES-256 encrypted": pdfs.aes_encrypted_pdf,
}

# The extraction as the server ran it before: in its own process, all pages, no limits.
BEFORE = """
import io, sys
from pypdf import PdfReader
reader = PdfReader(io.BytesIO(sys.stdin.buffer.read()))
text = "\\n\\n".join(p.extract_text() or "" for p in reader.pages)
"""
NOW = """
import asyncio, sys
from hoguide.web.pdf_sandbox import pdf_text
try:
    asyncio.run(pdf_text(sys.stdin.buffer.read(), 1_000_000))
except Exception as error:
    print(type(error).__name__)
"""
# Runs one child and reports its wall time, exit status and peak memory.
MEASURE = """
import resource, subprocess, sys, time
data = sys.stdin.buffer.read()
start = time.monotonic()
try:
    done = subprocess.run(sys.argv[2:], input=data, capture_output=True, timeout=float(sys.argv[1]))
    outcome = done.stdout.decode().strip() or f"exit {done.returncode}" + (" (error)" if done.stderr else "")
except subprocess.TimeoutExpired:
    outcome = "stopped at the timeout"
print(time.monotonic() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, outcome, sep="\\t")
"""


def measure(command: list[str], data: bytes, timeout: float) -> tuple[float, float, str]:
    out = subprocess.run([sys.executable, "-c", MEASURE, str(timeout), *command], input=data, capture_output=True,
                         check=True).stdout.decode().strip().split("\t")
    return float(out[0]), int(out[1]) / 1000, out[2]


def pdf_table(before_timeout: float, skip_before: bool) -> None:
    print("| PDF | size | before: time | before: peak MB | now: time | now: peak MB | now: answer |")
    print("|---|---|---|---|---|---|---|")
    for name, make in HOSTILE.items():
        data = make()
        before = ("-", "-") if skip_before else measure([sys.executable, "-c", BEFORE], data, before_timeout)[:2]
        seconds, peak, outcome = measure([sys.executable, "-c", NOW], data, 60)
        b_time = before[0] if isinstance(before[0], str) else f"{before[0]:.2f} s"
        b_peak = before[1] if isinstance(before[1], str) else f"{before[1]:.0f}"
        print(f"| {name} | {len(data) / 1000:.0f} kB | {b_time} | {b_peak} | {seconds:.2f} s | {peak:.0f} "
              f"| {outcome} |")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def health_while(url: str, jobs: list[Callable[[], None]]) -> str:
    threads = [threading.Thread(target=job) for job in jobs]
    for thread in threads:
        thread.start()
    latencies = []
    with httpx.Client(base_url=url) as client:
        while any(t.is_alive() for t in threads):
            start = time.perf_counter()
            client.get("/api/v1/health")
            latencies.append((time.perf_counter() - start) * 1000)
            time.sleep(0.01)
    for thread in threads:
        thread.join()
    latencies.sort()
    return (f"{len(latencies)} health requests: p50 {latencies[len(latencies) // 2]:.1f} ms, "
            f"p99 {latencies[int(len(latencies) * 0.99)]:.1f} ms, max {latencies[-1]:.1f} ms")


class Server:
    """``hoguide serve`` on a free port, for the length of a ``with``."""

    def __init__(self, workers: int) -> None:
        self.url = f"http://127.0.0.1:{free_port()}"
        self.args = [str(Path(sys.executable).with_name("hoguide")), "serve", "--port", self.url.rsplit(":", 1)[1],
                     "--workers", str(workers)]

    def __enter__(self) -> str:
        self.process = subprocess.Popen(self.args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{self.url}/api/v1/health", timeout=1).status_code == 200:
                    return self.url
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)

    def __exit__(self, *_: object) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def server_figures() -> None:
    with Server(workers=2) as url:
        results: list[str] = []

        def upload(data: bytes) -> Callable[[], None]:
            def job() -> None:
                start = time.perf_counter()
                response = httpx.post(f"{url}/api/v1/extract", files={"file": ("x.pdf", data, "application/pdf")},
                                      timeout=600)
                results.append(f"{response.status_code} {response.json().get('code')} "
                               f"in {time.perf_counter() - start:.2f} s")
            return job

        four = [pdfs.deflate_bomb_pdf(), pdfs.repeated_page_pdf(), pdfs.deep_nesting_pdf(), pdfs.wide_page_tree_pdf()]
        print(f"* four hostile PDFs at once (--workers 2): {health_while(url, [upload(d) for d in four])}; "
              f"answers: {', '.join(results)}")
    # One worker: the health checks must be answered by the process that reads the report.
    with Server(workers=1) as url:
        report = ("HO, " * 250_000)[:999_990]
        sizes: list[str] = []

        def explain() -> None:
            start = time.perf_counter()
            response = httpx.post(f"{url}/api/v1/explain", json={"text": report}, timeout=600)
            sizes.append(f"{response.status_code}, {len(response.content) / 1e6:.2f} MB in "
                         f"{time.perf_counter() - start:.1f} s")

        print(f"* a 1 MB report (250,000 mentions), --workers 1: {health_while(url, [explain])}; "
              f"the answer: {sizes[0]}")
        for path in ("/explain", "/handout.pdf"):  # the page and the handout, posted as the page's form does
            def post(path: str = path) -> None:
                start = time.perf_counter()
                response = httpx.post(f"{url}{path}", files={"report": (None, report)}, timeout=600)
                sizes.append(f"{response.status_code}, {len(response.content) / 1e6:.2f} MB in "
                             f"{time.perf_counter() - start:.1f} s")

            print(f"* the same report, POST {path}: {health_while(url, [post])}; the answer: {sizes[-1]}")


def scan_figure() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "in.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            handle.write(json.dumps({"report_id": "a", "text": "HO at the hip."}) + "\n")
            handle.write('{"report_id": "big", "text": "' + "HO " * 50_000_000 + '"}\n')
            handle.write(json.dumps({"report_id": "c", "text": "No HO."}) + "\n")
        seconds, peak, outcome = measure([sys.executable, "-m", "hoguide", "scan", str(path), "-o",
                                          str(Path(tmp) / "out"), "--format", "jsonl", "-q"], b"", 600)
        errors = next((line for line in outcome.splitlines() if line.startswith("errors")), outcome)
        print(f"* scan of a JSON Lines file with a 150 MB line: {seconds:.2f} s, peak {peak:.0f} MB ({errors})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before-timeout", type=float, default=120.0)
    parser.add_argument("--skip-before", action="store_true")
    parser.add_argument("--server-only", action="store_true", help="only the health figures of the server")
    args = parser.parse_args()
    if not args.server_only:
        pdf_table(args.before_timeout, args.skip_before)
        print()
    server_figures()
    if not args.server_only:
        scan_figure()


if __name__ == "__main__":
    main()
