"""uvicorn's httptools protocol with two limits it lacks: an idle new connection is closed, and a
request head larger than ``MAX_HEAD_BYTES`` is refused with 431.

uvicorn arms its keep-alive timer only after a response, so a connection that never sends a
request stays open for good (over 300 s were seen), and httptools takes headers of any size (a
20 MB header was accepted). Both cost a worker memory and a file descriptor per connection.
"""

from __future__ import annotations

import asyncio
import json

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from hoguide.web.guard import SECURITY_HEADERS

MAX_HEAD_BYTES = 64 * 1024  # the request line and headers; browsers send 1-2 kB
KEEP_ALIVE_SECONDS = 5  # uvicorn's default, here also for a connection before its first request
_BODY = json.dumps({"type": "https://hoguide.example/problems/request_header_too_large",
                    "title": "The request headers are too large", "status": 431,
                    "detail": f"the request line and headers are over {MAX_HEAD_BYTES // 1024} kB",
                    "code": "request_header_too_large"}).encode()
_TOO_LARGE = b"".join([
    b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-type: application/problem+json\r\n",
    *(f"{name}: {value}\r\n".encode("latin-1") for name, value in SECURITY_HEADERS.items()),
    b"content-length: %d\r\nconnection: close\r\n\r\n" % len(_BODY), _BODY,
])


class GuardedHttpToolsProtocol(HttpToolsProtocol):
    _head_bytes = 0
    _in_head = False  # from the first byte of a request to the end of its headers

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        # Cancelled by uvicorn when the first bytes arrive, as between requests.
        self.timeout_keep_alive_task = self.loop.call_later(self.timeout_keep_alive, self.timeout_keep_alive_handler)

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self._in_head and not self.transport.is_closing():
            # A request began and its head has not ended: these bytes are (nearly all) head.
            self._head_bytes += len(data)
            if self._head_bytes > MAX_HEAD_BYTES:
                self.transport.write(_TOO_LARGE)
                self.transport.close()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._in_head, self._head_bytes = True, 0

    def on_headers_complete(self) -> None:
        self._in_head = False
        super().on_headers_complete()
