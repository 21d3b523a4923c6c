"""The one place where errors become HTTP responses: RFC 9457 problem details for the API,
a plain page with the same message for people using the form."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse

from hoguide.errors import HoguideError, InputTooLargeError, RenderError

PROBLEM = "application/problem+json"

TITLES = {
    "empty_input": "The report is empty",
    "input_too_large": "The report is too large",
    "binary_input": "The file is not text",
    "bad_encoding": "The text encoding is not supported",
    "malformed_input": "The request is malformed",
    "invalid_input": "The input cannot be read",
    "scanned_pdf": "The PDF has no text layer",
    "unsupported_media_type": "Unsupported content type",
    "not_found": "Not found",
    "method_not_allowed": "Method not allowed",
    "cross_site": "Cross-site form posts are refused",
    "render_error": "The output cannot be made",
    "pdf_unavailable": "The PDF handout is not available on this server",
}


def status_for(error: HoguideError) -> int:
    if isinstance(error, RenderError):  # the server's fault (a missing extra), not the request's
        return 503
    return 413 if isinstance(error, InputTooLargeError) else 422 if error.code != "invalid_input" else 400


def problem(status: int, code: str, detail: str, **extra: Any) -> JSONResponse:
    body = {"type": f"https://hoguide.example/problems/{code}", "title": TITLES.get(code, "Bad request"),
            "status": status, "detail": detail, "code": code, **extra}
    return JSONResponse(body, status_code=status, media_type=PROBLEM)


async def hoguide_error_handler(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, HoguideError)
    return problem(status_for(error), error.code, error.message)
