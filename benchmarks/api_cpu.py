"""Where one POST /api/v1/explain spends its CPU, in this process (no socket, no load generator).

    .venv/bin/python benchmarks/api_cpu.py [--example hip_arthroplasty_brooker_3] [--requests 1000]

Calls the ASGI app directly, as uvicorn would after parsing the request: the whole request, then the
same with the explanation made beforehand (FastAPI, the middleware and the JSON), and explaining and
the JSON on their own (the API's orjson path, and ``to_dict`` + orjson as the command line does). CPU
time (``time.process_time``), the best of ten rounds: another process on the machine moves it much
less than wall time, and the best round least. Prints the response size.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import orjson

from hoguide import api
from hoguide.examples import example_bytes
from hoguide.web.app import create_app

ROUNDS = 10


def best_ms(step: Callable[[], Any], count: int) -> float:
    """CPU milliseconds per call, the best of ROUNDS rounds of ``count`` calls."""
    best = float("inf")
    for _ in range(ROUNDS):
        started = time.process_time()
        for _ in range(count):
            step()
        best = min(best, (time.process_time() - started) / count * 1000)
    return best


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--example", default="hip_arthroplasty_brooker_3")
    parser.add_argument("--requests", type=int, default=300, help="per round")
    args = parser.parse_args()
    text = example_bytes(args.example).decode("utf-8")
    body = json.dumps({"text": text}).encode()
    app = create_app()
    headers = [(b"host", b"127.0.0.1"), (b"content-type", b"application/json"),
               (b"content-length", str(len(body)).encode())]

    async def request() -> bytes:
        sent: list[dict[str, Any]] = []
        scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
                 "scheme": "http", "path": "/api/v1/explain", "raw_path": b"/api/v1/explain", "query_string": b"",
                 "root_path": "", "headers": headers, "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80)}
        pending = [{"type": "http.request", "body": body, "more_body": False}]

        async def receive() -> dict[str, Any]:
            return pending.pop() if pending else {"type": "http.disconnect"}

        async def send(message: dict[str, Any]) -> None:
            sent.append(message)

        await app(scope, receive, send)
        assert sent[0]["status"] == 200, sent[0]
        return bytes(sent[1]["body"])

    async def per_request() -> float:
        best = float("inf")
        for _ in range(ROUNDS):
            started = time.process_time()
            for _ in range(args.requests):
                await request()
            best = min(best, (time.process_time() - started) / args.requests * 1000)
        return best

    async with app.router.lifespan_context(app):  # warm, as a served worker is (gc.freeze included)
        size = len(await request())
        for _ in range(100):
            await request()
        whole_ms = await per_request()
        assessment = api.explain(text)
        # The same requests with the explanation made once beforehand: what is left is FastAPI, the
        # middleware and the JSON.
        from hoguide.web import routes_api

        routes_api.api = SimpleNamespace(explain=lambda *_, **__: assessment)  # type: ignore[assignment]
        try:
            served_ms = await per_request()
        finally:
            routes_api.api = api
        explain_ms = best_ms(lambda: api.explain(text), args.requests)
        cli_json_ms = best_ms(lambda: orjson.dumps(assessment.to_dict()), args.requests)
        from hoguide.models import serial

        # The API's own path: the value types straight to orjson where they say their JSON shape
        # (``json_object``), else (before that) to_dict + orjson like the command line.
        api_json_ms = best_ms(lambda: routes_api._json(assessment), args.requests) if hasattr(serial, "Serial") \
            else cli_json_ms
    print(f"{args.example}: response {size:,} bytes")
    print(f"CPU per request through the ASGI app: {whole_ms:.3f} ms; explaining alone {explain_ms:.3f} ms")
    print(f"  with the explanation made beforehand {served_ms:.3f} ms: the JSON {api_json_ms:.3f} ms "
          f"(to_dict + orjson {cli_json_ms:.3f} ms), FastAPI and the middleware {served_ms - api_json_ms:.3f} ms")


if __name__ == "__main__":
    asyncio.run(main())
