"""Load test of POST /api/v1/explain on this machine only (loopback), bounded in time and count.

    .venv/bin/python benchmarks/web_bench.py [--clients 32] [--seconds 10] [--workers 2] [--runner uvicorn]

Starts `hoguide serve` (or, to compare, uvicorn's own multi-worker mode) in a subprocess, warms it
up, then posts a typical report (a bundled example) from N connections back to back: with wrk
(Debian package `wrk`, C, light on the shared 2 cores) when it is installed, else with Python
client threads, which take much of the CPU themselves and so understate the server. Prints
throughput and latency percentiles. Targets from the issue: p99 <= 50 ms at 32 clients and >= 300
requests/s on 2 cores.

With wrk it also prints where the two cores went: the server's CPU per request (user and system time
of all its processes, read from /proc: system time is mostly sending the response), wrk's own, the
response size, and the load average before the run (another process on the machine skews every
figure; the CPU per request moves least).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

from hoguide.examples import example_bytes

MAX_REQUESTS = 200_000  # a hard stop besides the time limit


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(url: str, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/api/v1/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError("the server did not start")


WRK_SCRIPT = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open(os.getenv("HOGUIDE_BODY"), "r")
wrk.body = f:read("*a")
f:close()
"""


def tree_cpu(root: int) -> tuple[float, float]:
    """User and system CPU seconds of a process and all its descendants (the server's workers)."""
    parents: dict[int, list[int]] = {}
    times: dict[int, tuple[int, int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended while we looked
            continue
        parents.setdefault(int(stat[1]), []).append(int(entry.name))
        times[int(entry.name)] = (int(stat[11]), int(stat[12]))  # utime, stime in clock ticks
    user = system = 0
    todo = [root]
    while todo:
        pid = todo.pop()
        user, system = user + times.get(pid, (0, 0))[0], system + times.get(pid, (0, 0))[1]
        todo += parents.get(pid, [])
    tick = os.sysconf("SC_CLK_TCK")
    return user / tick, system / tick


def run_wrk(url: str, body: dict[str, str], clients: int, seconds: float, threads: int, server: int) -> int:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        script, payload = os.path.join(tmp, "post.lua"), os.path.join(tmp, "body.json")
        with open(script, "w") as handle:
            handle.write(WRK_SCRIPT)
        with open(payload, "w") as handle:
            json.dump(body, handle)
        command = ["wrk", f"-t{threads}", f"-c{clients}", f"-d{int(seconds)}s", "--latency", "-s", script,
                   f"{url}/api/v1/explain"]
        print(" ".join([*command[:-3], "post.lua", command[-1]]))
        print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        size = len(httpx.post(f"{url}/api/v1/explain", json=body, timeout=10).content)
        server_before, wrk_before = tree_cpu(server), resource.getrusage(resource.RUSAGE_CHILDREN)
        result = subprocess.run(command, env={**os.environ, "HOGUIDE_BODY": payload}, capture_output=True,
                                text=True, check=True)
        server_after, wrk_after = tree_cpu(server), resource.getrusage(resource.RUSAGE_CHILDREN)
    print(result.stdout)
    done = re.search(r"(\d+) requests in", result.stdout)
    if done and int(done.group(1)):
        n = int(done.group(1))
        user, system = (server_after[i] - server_before[i] for i in (0, 1))
        wrk_cpu = wrk_after.ru_utime + wrk_after.ru_stime - wrk_before.ru_utime - wrk_before.ru_stime
        print(f"response {size:,} bytes; CPU per request: server {1000 * (user + system) / n:.2f} ms "
              f"(user {1000 * user / n:.2f}, system {1000 * system / n:.2f}), wrk {1000 * wrk_cpu / n:.2f} ms")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--example", default="hip_arthroplasty_brooker_3")
    parser.add_argument("--runner", choices=("hoguide", "uvicorn"), default="hoguide",
                        help="hoguide serve (default) or uvicorn --workers, to compare")
    parser.add_argument("--wrk-threads", type=int, default=2,
                        help="wrk threads (it shares the 2 cores with the server)")
    parser.add_argument("--python-clients", action="store_true", help="use Python threads even if wrk exists")
    args = parser.parse_args()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    if args.runner == "uvicorn":  # uvicorn's own workers, sharing one listening socket
        command = [sys.executable, "-m", "uvicorn", "hoguide.web.app:create_app", "--factory", "--host", "127.0.0.1",
                   "--port", str(port), "--workers", str(args.workers), "--no-access-log", "--log-level", "warning"]
    else:  # `hoguide serve`: one socket per worker (SO_REUSEPORT)
        command = [str(Path(sys.executable).with_name("hoguide")), "serve", "--port", str(port),
                   "--workers", str(args.workers)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    try:
        wait_until_up(url, time.monotonic() + 30)
        body = {"text": example_bytes(args.example).decode("utf-8")}
        with httpx.Client(base_url=url, timeout=10) as warm:
            for _ in range(50):
                warm.post("/api/v1/explain", json=body).raise_for_status()
        if shutil.which("wrk") and not args.python_clients:
            return run_wrk(url, body, args.clients, args.seconds, args.wrk_threads, server.pid)
        latencies: list[float] = []
        failures = 0
        lock = threading.Lock()
        stop_at = time.monotonic() + args.seconds

        def client() -> None:
            nonlocal failures
            mine: list[float] = []
            bad = 0
            with httpx.Client(base_url=url, timeout=10) as http:
                while time.monotonic() < stop_at and len(mine) < MAX_REQUESTS // args.clients:
                    started = time.perf_counter()
                    response = http.post("/api/v1/explain", json=body)
                    mine.append(time.perf_counter() - started)
                    bad += response.status_code != 200
            with lock:
                latencies.extend(mine)
                failures += bad

        started = time.monotonic()
        threads = [threading.Thread(target=client) for _ in range(args.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
    finally:
        server.terminate()
        server.wait(timeout=20)
    latencies.sort()
    q = statistics.quantiles(latencies, n=100)
    print(f"{len(latencies)} requests in {elapsed:.1f} s with {args.clients} clients, {args.workers} workers, "
          f"{failures} failures")
    print(f"throughput {len(latencies) / elapsed:.0f} requests/s; latency p50 {q[49] * 1000:.1f} ms, "
          f"p95 {q[94] * 1000:.1f} ms, p99 {q[98] * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
