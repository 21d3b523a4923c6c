"""Run the web app: one process, or one process per core, each with its own listening socket.

Why not uvicorn's ``workers=N``: its workers share one listening socket, and whichever process
wakes first accepts every connection that is waiting. A client that opens 32 keep-alive
connections at once can land them all on one worker, leaving the other core idle (seen in
``benchmarks/web_bench.py``: 520 instead of 1,030 requests/s, p99 doubled). With
``SO_REUSEPORT`` each worker listens on a socket of its own and the kernel spreads new
connections across them. Where the option does not exist (Windows), uvicorn's workers are used.

The parent only supervises: it starts the workers, starts a new one if one dies, and stops them
all on Ctrl+C or SIGTERM; if the parent itself is killed outright, the workers notice and stop,
so no worker outlives it.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import socket
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import wait
from multiprocessing.process import BaseProcess
from types import FrameType
from typing import Any

import uvicorn

log = logging.getLogger("hoguide.web")

APP = "hoguide.web.app:create_app"
BACKLOG = 2048
RESTART_PAUSE_SECONDS = 1.0  # a worker that dies at once must not make the supervisor spin
ORPHAN_CHECK_SECONDS = 0.5
# No access log: request lines carry no report text, but nothing about a visit needs keeping.
UVICORN_OPTIONS: dict[str, Any] = {"factory": True, "access_log": False, "log_level": "warning"}


def _http_options() -> dict[str, Any]:
    """The httptools protocol with the idle and header-size limits (``protocol``); where httptools is
    missing, h11 with its own limit on an incomplete head."""
    try:
        from hoguide.web.protocol import KEEP_ALIVE_SECONDS, MAX_HEAD_BYTES, GuardedHttpToolsProtocol
    except ImportError:
        return {"http": "h11", "h11_max_incomplete_event_size": 64 * 1024, "timeout_keep_alive": 5}
    return {"http": GuardedHttpToolsProtocol, "timeout_keep_alive": KEEP_ALIVE_SECONDS,
            "h11_max_incomplete_event_size": MAX_HEAD_BYTES}


class PortInUseError(OSError):
    """The address cannot be listened on (taken by another program, or not this machine's)."""


def _listening_socket(host: str, port: int, *, shared: bool) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if shared:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind((host, port))
        sock.listen(BACKLOG)
    except OSError as error:
        sock.close()
        raise PortInUseError(f"cannot listen on {host}:{port} ({error.strerror})") from None
    return sock


def _worker(host: str, port: int, supervisor: int) -> None:
    server = uvicorn.Server(uvicorn.Config(APP, **UVICORN_OPTIONS, **_http_options()))
    threading.Thread(target=_stop_when_orphaned, args=(server, supervisor), daemon=True).start()
    server.run(sockets=[_listening_socket(host, port, shared=True)])


def _stop_when_orphaned(server: uvicorn.Server, supervisor: int) -> None:
    """A supervisor killed outright (SIGKILL, OOM) cannot stop its workers: each worker watches
    for it to go and then stops itself, so none is left holding the port. The supervisor's pid
    comes from the supervisor, so a worker orphaned while it was still starting knows it too."""
    while os.getppid() == supervisor:
        time.sleep(ORPHAN_CHECK_SECONDS)
    server.should_exit = True


def serve(host: str, port: int, workers: int, *, on_ready: Callable[[], None] | None = None) -> None:
    """Serve until Ctrl+C or SIGTERM. Raises ``PortInUseError`` before any worker starts;
    ``on_ready`` is called once the port is known to be free."""
    # Fail fast, with a clear message, on a port another program holds. Bound without
    # SO_REUSEPORT, so a second hoguide on the same port is refused, not silently let in.
    _listening_socket(host, port, shared=False).close()
    if on_ready is not None:
        on_ready()
    if workers == 1 or not hasattr(socket, "SO_REUSEPORT"):
        uvicorn.run(APP, host=host, port=port, workers=workers, **UVICORN_OPTIONS, **_http_options())
    else:
        _supervise(host, port, workers)


def _supervise(host: str, port: int, workers: int) -> None:
    context = multiprocessing.get_context("spawn")  # workers import the app fresh; no forked state
    running: list[BaseProcess] = []
    stopping = False

    def stop(signum: int, frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True

    def start() -> BaseProcess:
        process = context.Process(target=_worker, args=(host, port, os.getpid()), daemon=True, name="hoguide-web")
        process.start()
        return process

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        running = [start() for _ in range(workers)]
        while not stopping:
            ended = wait([p.sentinel for p in running], timeout=0.5)
            if ended and not stopping:
                for process in [p for p in running if p.sentinel in ended]:
                    running.remove(process)
                    log.warning("a web worker stopped (exit code %s); starting another", process.exitcode)
                time.sleep(RESTART_PAUSE_SECONDS)
                running += [start() for _ in range(workers - len(running))]
    finally:
        for process in running:
            process.terminate()  # SIGTERM: uvicorn finishes the requests in flight, then exits
        for process in running:
            process.join(timeout=10)
            if process.is_alive():
                process.kill()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
