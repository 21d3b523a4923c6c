"""The one place where errors become HTTP responses: RFC 9457 problem details for the API,
a plain page with the same message for people using the form.

The status and title of an exception come from ``hoguide.errors.ERROR_MAP``; the codes here are
the web's own (routing, media types, cross-site posts). Details are capped, so no request can make
the server build a message larger than the request itself.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse

from hoguide.errors import HoguideError, outcome_for, public_message

PROBLEM = "application/problem+json"
MAX_DETAIL_CHARS = 2_000
MAX_LISTED = 20  # problems listed in one detail; the rest are counted
log = logging.getLogger("hoguide.web")

TITLES = {
    "unsupported_media_type": "Unsupported content type",
    "not_found": "Not found",
    "method_not_allowed": "Method not allowed",
    "cross_site": "Cross-site form posts are refused",
    "request_header_too_large": "The request headers are too large",
    "internal_error": "Internal error",
}


def status_for(error: BaseException) -> int:
    return outcome_for(error).http_status


def capped(detail: str, limit: int = MAX_DETAIL_CHARS) -> str:
    return detail if len(detail) <= limit else f"{detail[:limit]}… ({len(detail) - limit:,} more characters)"


def problem(status: int, code: str, detail: str, title: str | None = None, **extra: Any) -> JSONResponse:
    body = {"type": f"https://hoguide.example/problems/{code}", "title": title or TITLES.get(code, "Bad request"),
            "status": status, "detail": capped(detail), "code": code, **extra}
    return JSONResponse(body, status_code=status, media_type=PROBLEM)


def error_problem(error: BaseException) -> JSONResponse:
    """Any exception as a problem response: mapped errors with their own message, the rest as a 500
    that shows nothing of the fault (it is logged by type only: its message may quote the report)."""
    outcome = outcome_for(error)
    if not outcome.public:
        log.error("internal error: %s", type(error).__name__)
    code = error.code if isinstance(error, HoguideError) and outcome.public else "internal_error"
    return problem(outcome.http_status, code, public_message(error), title=outcome.title)


async def hoguide_error_handler(request: Request, error: Exception) -> JSONResponse:
    return error_problem(error)


def form_refusal(detail: str) -> tuple[str, int]:
    """A message and status for the reasons Starlette's form parser gives (its 400s all look alike)."""
    if "exceeded maximum size" in detail:
        return "that text is too long for the form (the limit is 1 MB)", 413
    if detail.startswith(("Too many fields", "Too many files")):
        return "the form has more fields or files than this page sends; send it from the page", 400
    return "the form could not be read (the upload was not sent whole or is not a form); please send it again", 400
