"""A plain ASGI middleware in front of the app: size limit, cross-site posts, security headers, and
the handler for the unexpected (a problem response instead of Starlette's plain-text 500, and a log
line with the error's type only, never the traceback whose values may quote the report).

Plain ASGI rather than Starlette's ``BaseHTTPMiddleware``: that one re-streams every response in
separate pieces, which with Nagle's algorithm and delayed ACKs added about 40 ms to each request.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from hoguide.web.problems import error_problem, problem

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
       "frame-ancestors 'none'; base-uri 'none'")
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
    "cache-control": "no-store",
}
log = logging.getLogger("hoguide.web")
_ENCODED = [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]


class Guard:
    def __init__(self, app: ASGIApp, max_request_bytes: int) -> None:
        self.app = app
        self.max_request_bytes = max_request_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}

        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                present = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []), *(h for h in _ENCODED if h[0] not in present)]
            await send(message)

        try:
            await self._guarded(scope, receive, send_with_headers, headers)
        except Exception as error:
            if started:  # the status is sent; all that is left is to cut the response short
                log.error("internal error after the response started: %s", type(error).__name__)
                raise RuntimeError("response cut short by an internal error") from None
            await error_problem(error)(scope, receive, send_with_headers)

    async def _guarded(self, scope: Scope, receive: Receive, send_with_headers: Send, headers: dict[str, str]) -> None:
        def too_large() -> ASGIApp:  # made only when sent, not encoded for every request
            return problem(413, "input_too_large",
                           f"the request is over the {self.max_request_bytes // 1_000_000} MB limit")

        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_request_bytes):
            await too_large()(scope, receive, send_with_headers)
            return
        if scope["method"] == "POST" and _cross_site(headers, scope.get("scheme", "http")):
            await problem(403, "cross_site", "form posts must come from this site")(scope, receive, send_with_headers)
            return
        if length is None and scope["method"] in ("POST", "PUT", "PATCH"):
            # A chunked body has no length to check up front: read it here, up to the limit.
            body = bytearray()
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return
                body += message.get("body", b"")
                if len(body) > self.max_request_bytes:
                    await too_large()(scope, receive, send_with_headers)
                    return
                if not message.get("more_body", False):
                    break
            replay: list[Message] = [{"type": "http.request", "body": bytes(body), "more_body": False}]

            async def replay_receive() -> Message:
                return replay.pop() if replay else await receive()

            await self.app(scope, replay_receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)


def _cross_site(headers: dict[str, str], scheme: str) -> bool:
    """Refuse a POST another site's page made the browser send (the app keeps no session, so this
    is defence in depth rather than the only guard). The Origin must match scheme and host: a page
    served over plain http is another origin than this site over https. Behind a TLS proxy, run
    uvicorn with --forwarded-allow-ips so the scheme is the one the browser used."""
    if headers.get("sec-fetch-site") == "cross-site":
        return True
    origin = headers.get("origin")
    return origin is not None and origin != "null" and origin != f"{scheme}://{headers.get('host')}"
