"""`hoguide serve`: the real command, several workers, a clear error on a taken port, clean stops."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from tests.web import pdfs
from tests.web.pdfs import text_pdf

HOGUIDE = str(Path(sys.executable).with_name("hoguide"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _children(pid: int) -> set[int]:
    tasks = Path(f"/proc/{pid}/task")
    return {int(child) for task in tasks.iterdir() for child in (task / "children").read_text().split()}


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (ProcessLookupError, FileNotFoundError):
        return False
    return state != "Z"  # a zombie has exited; it only waits to be reaped


def _wait_until_up(url: str, server: subprocess.Popen[str]) -> None:
    # A worker warms up (knowledge, reader, templates) before it listens: ~2 s idle, but over 30 s was
    # seen with the 2 cores shared by other test runs (load average 11).
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert server.poll() is None, server.communicate()
        try:
            if httpx.get(f"{url}/api/v1/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise AssertionError("hoguide serve did not start")


@pytest.fixture()
def two_workers() -> Iterator[tuple[subprocess.Popen[str], str]]:
    port = _free_port()
    server = subprocess.Popen([HOGUIDE, "serve", "--port", str(port), "--workers", "2"], text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, server)
        yield server, url
    finally:
        if server.poll() is None:
            server.kill()  # SIGKILL: the workers must notice and stop by themselves
        server.communicate(timeout=30)  # returns once every worker has let go of the pipes


@pytest.mark.skipif(not hasattr(socket, "SO_REUSEPORT") or not Path("/proc/self/task").exists(),
                    reason="one socket per worker needs SO_REUSEPORT; the check reads /proc")
def test_two_workers_serve_and_stop_together(two_workers: tuple[subprocess.Popen[str], str]) -> None:
    server, url = two_workers
    workers = _children(server.pid)
    assert len(workers) >= 2
    for _ in range(20):  # a new connection each time: the kernel spreads them over the workers
        with httpx.Client(base_url=url, timeout=10) as http:
            response = http.post("/api/v1/explain", json={"text": "Brooker III heterotopic ossification, right hip."})
            assert response.status_code == 200
            assert response.json()["findings"][0]["grade"]["value"] == "III"
    server.send_signal(signal.SIGTERM)
    assert server.wait(timeout=30) == 0
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in workers), "a worker outlived hoguide serve"


@pytest.mark.skipif(not hasattr(socket, "SO_REUSEPORT") or not Path("/proc/self/task").exists(),
                    reason="one socket per worker needs SO_REUSEPORT; the check reads /proc")
def test_a_worker_that_dies_is_replaced(two_workers: tuple[subprocess.Popen[str], str]) -> None:
    server, url = two_workers
    before = _children(server.pid)
    victim = max(before)
    os.kill(victim, signal.SIGKILL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        now = {pid for pid in _children(server.pid) if _alive(pid)}
        if victim not in now and len(now - before) >= 1 and len(now) >= len(before):
            break
        time.sleep(0.2)
    else:
        raise AssertionError("no new worker replaced the one that died")
    for _ in range(10):  # the replacement serves too (new connections reach both workers)
        response = httpx.post(f"{url}/api/v1/explain", json={"text": "No heterotopic ossification."}, timeout=30)
        assert response.status_code == 200
        assert response.json()["overall_status"] == "absent"


def test_a_taken_port_is_a_clear_error() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        for workers in ("1", "2"):
            result = subprocess.run([HOGUIDE, "serve", "--port", str(port), "--workers", workers],
                                    capture_output=True, text=True, timeout=60)
            assert result.returncode == 2
            assert f"cannot listen on 127.0.0.1:{port}" in result.stderr
            assert "Traceback" not in result.stderr
            assert "serving" not in result.stdout


@pytest.fixture()
def one_worker() -> Iterator[tuple[str, int]]:
    port = _free_port()
    server = subprocess.Popen([HOGUIDE, "serve", "--port", str(port)], text=True, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE)
    try:
        _wait_until_up(f"http://127.0.0.1:{port}", server)
        yield "127.0.0.1", port
    finally:
        server.terminate()
        server.communicate(timeout=30)


@pytest.mark.parametrize("requests_first", [0, 1], ids=["before any request", "after a request"])
def test_an_idle_connection_is_closed_after_the_keep_alive_timeout(one_worker: tuple[str, int],
                                                                   requests_first: int) -> None:
    """Idle connections stayed open for over 300 s (each holds a descriptor and memory of a worker);
    the keep-alive timeout is 5 s, from the connection's start and from the end of each response."""
    with socket.create_connection(one_worker, timeout=60) as sock:
        for _ in range(requests_first):
            sock.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n")
            response = b""
            while b"\r\n\r\n" not in response or not response.endswith(b"}"):
                response += sock.recv(65536)
            assert response.startswith(b"HTTP/1.1 200")
        idle_since = time.monotonic()
        assert sock.recv(1) == b""  # the server closed it
        assert 4 < time.monotonic() - idle_since < 15


def test_a_huge_request_head_is_refused_with_431(one_worker: tuple[str, int]) -> None:
    with socket.create_connection(one_worker, timeout=30) as sock:
        sock.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Big: ")
        for _ in range(7):  # 70 kB of one header, in pieces, and no end of the head
            sock.sendall(b"a" * 10_000)
            time.sleep(0.05)
        response = b""
        while chunk := sock.recv(65536):
            response += chunk
    head, _, body = response.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 431")
    assert b"content-type: application/problem+json" in head and b"x-content-type-options: nosniff" in head
    assert json.loads(body)["code"] == "request_header_too_large"
    # An ordinary long header (a big cookie) is fine.
    ok = httpx.get(f"http://{one_worker[0]}:{one_worker[1]}/api/v1/health", headers={"x-long": "b" * 8_000})
    assert ok.status_code == 200


def test_a_big_upload_is_not_taken_for_a_big_head(one_worker: tuple[str, int]) -> None:
    url = f"http://{one_worker[0]}:{one_worker[1]}"
    with httpx.Client(base_url=url, timeout=30) as http:  # one connection, several requests
        for _ in range(3):
            pdf = text_pdf(["Heterotopic ossification of the hip."]) + b"%" + b"x" * 900_000 + b"\n"  # a padded PDF
            response = http.post("/api/v1/extract", files={"file": ("report.pdf", pdf, "application/pdf")})
            assert response.status_code == 200, response.text


MB_REPORT = ("HO, " * 250_000)[:999_990]  # a legal 1 MB report of 250,000 mentions: ~6 s of reading


def _health_while(url: str, job: Callable[[], httpx.Response]) -> tuple[httpx.Response, list[float]]:
    """``job()`` in a thread while the health endpoint is asked every 10 ms on one keep-alive connection."""
    done: list[httpx.Response] = []
    worker = threading.Thread(target=lambda: done.append(job()))
    worker.start()
    waits: list[float] = []
    with httpx.Client(base_url=url, timeout=30) as http:
        while worker.is_alive():
            started = time.perf_counter()
            assert http.get("/api/v1/health").status_code == 200
            waits.append(time.perf_counter() - started)
            time.sleep(0.01)
    worker.join()
    return done[0], sorted(waits)


@pytest.mark.parametrize(("path", "size_limit"), [
    ("/api/v1/explain", 2_000_000),  # the JSON: evidence and long lists cut, with counts of the rest
    ("/explain", 2_000_000),  # the page shows so long a report once, plain, in the field that posts it again
    ("/handout.pdf", 100_000),
])
def test_a_1_mb_report_does_not_hold_up_the_health_check(one_worker: tuple[str, int], path: str,
                                                          size_limit: int) -> None:
    """The goal is an answer within 100 ms while the report is read, explained and rendered; on a
    shared machine the odd one is later (the scheduler), so the test holds the 95th percentile to it and
    the slowest to 0.8 s: a read on the event loop held it for the whole 6 s, a page's glossary search
    for 1 s, the collector's pass over the explanation for 0.3 s (0.52 s in a clean-clone run at load ~1.5
    in the ninth session: the 1 MB explanation has grown). Figures: benchmarks/RESULTS.md."""
    url = f"http://{one_worker[0]}:{one_worker[1]}"
    body = {"json": {"text": MB_REPORT}} if path.startswith("/api/") else {"files": {"report": (None, MB_REPORT)}}
    response, waits = _health_while(url, lambda: httpx.post(url + path, timeout=300, **body))  # type: ignore[arg-type]
    assert response.status_code == 200, response.text[:500]
    assert len(response.content) <= size_limit
    assert len(waits) > 20, "the health checks went on while the report was read"
    assert waits[int(len(waits) * 0.95)] < 0.1, waits[-20:]
    assert waits[-1] < 0.8, waits[-20:]


def test_four_hostile_pdfs_at_once_do_not_hold_up_the_health_check(one_worker: tuple[str, int]) -> None:
    """The issue's case: four hostile PDFs of a few kB each blocked both workers for about 3 minutes.
    Now each is read in the sandbox while the event loop only awaits a pipe, so one worker keeps
    answering within the goal (100 ms) the whole time; the same tolerance as the 1 MB report's test."""
    url = f"http://{one_worker[0]}:{one_worker[1]}"
    hostile = [pdfs.deflate_bomb_pdf(), pdfs.repeated_page_pdf(), pdfs.deep_nesting_pdf(), pdfs.wide_page_tree_pdf()]
    statuses: list[int] = []

    def upload(data: bytes) -> None:
        response = httpx.post(f"{url}/api/v1/extract", files={"file": ("x.pdf", data, "application/pdf")}, timeout=60)
        statuses.append(response.status_code)

    def four_at_once() -> httpx.Response:
        uploads = [threading.Thread(target=upload, args=(data,)) for data in hostile]
        for thread in uploads:
            thread.start()
        for thread in uploads:
            thread.join()
        return httpx.get(f"{url}/api/v1/health")

    response, waits = _health_while(url, four_at_once)
    assert response.status_code == 200 and statuses == [422] * 4
    assert len(waits) > 10, "the health checks went on while the PDFs were read"
    assert waits[int(len(waits) * 0.95)] < 0.1, waits[-20:]
    assert waits[-1] < 0.5, waits[-20:]
