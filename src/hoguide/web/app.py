"""The FastAPI application: a patient page, a clinician view and a JSON API over one core.

Nothing a person sends is stored or logged: requests are read in memory, the answer is
rendered, and both are forgotten. Errors become problem details (API) or a message on the page.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.formparsers import MultiPartParser

from hoguide._version import __version__
from hoguide.errors import HoguideError
from hoguide.render.html import stylesheet
from hoguide.web.guard import Guard
from hoguide.web.openapi import with_output_schemas
from hoguide.web.problems import MAX_LISTED, form_refusal, hoguide_error_handler, problem
from hoguide.web.settings import WebSettings

SWITCH_INTERVAL_SECONDS = 0.001


@asynccontextmanager
async def _warm(app: FastAPI) -> AsyncIterator[None]:
    """Load the knowledge base, compile the reader and the templates before the first visitor
    comes: otherwise the first request to each worker waits for them (about a second)."""
    from hoguide import api
    from hoguide.examples import example_bytes, example_names
    from hoguide.render.html import render_html

    render_html(api.explain(example_bytes(example_names()[0]).decode("utf-8")))
    # The knowledge base, automata and templates live as long as the worker: moved out of the
    # collector's reach, a full collection no longer walks them (a pause of several ms each time).
    gc.freeze()
    # A long report is read in a thread (web.offload); the loop waits for the GIL at each step of a
    # request, up to this interval each time (5 ms by default: ~30 ms for a health check).
    sys.setswitchinterval(SWITCH_INTERVAL_SECONDS)
    yield


def create_app(settings: WebSettings | None = None) -> FastAPI:
    from hoguide.web.routes_api import router as api_router
    from hoguide.web.routes_pages import router as page_router

    settings = settings or WebSettings()
    # Uploads stay in memory: Starlette spools parts over 1 MB to a temporary file on disk, and a
    # patient's report must never be written anywhere. The guard caps the whole request first.
    MultiPartParser.spool_max_size = settings.max_request_bytes
    app = FastAPI(
        title="hoguide",
        version=__version__,
        description="Explains reports about heterotopic ossification (HO). Education, not medical advice.",
        docs_url=None,  # the Swagger page loads third-party scripts; the OpenAPI JSON is the documentation
        openapi_url="/api/v1/openapi.json",
        redoc_url=None,
        lifespan=_warm,
    )
    app.state.settings = settings
    generated = app.openapi

    def openapi() -> dict[str, Any]:
        """FastAPI's document, with the output schemas its routes' responses refer to."""
        return with_output_schemas(generated())

    app.openapi = openapi  # type: ignore[method-assign]
    app.include_router(api_router)
    app.include_router(page_router)

    @app.get("/static/hoguide.css", include_in_schema=False)
    def css() -> Response:
        return PlainTextResponse(stylesheet(), media_type="text/css", headers={"Cache-Control": "public, max-age=3600"})


    app.add_exception_handler(HoguideError, hoguide_error_handler)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> JSONResponse:
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        expected = "multipart/form-data" if request.url.path == "/api/v1/extract" else "application/json"
        if request.url.path.startswith("/api/") and kind != expected:
            return problem(415, "unsupported_media_type", f"send {expected}, not {kind or 'no content type'}")
        errors = error.errors()
        parts = [f"{'.'.join(str(p) for p in e['loc'][1:]) or 'body'}: {e['msg']}" for e in errors[:MAX_LISTED]]
        more = f"; and {len(errors) - MAX_LISTED:,} more" if len(errors) > MAX_LISTED else ""
        return problem(422, "malformed_input", "; ".join(parts) + more or "the request body is not valid")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        if request.method == "POST" and not request.url.path.startswith("/api/") and error.status_code == 400:
            # A form the parser refused: say which way on the page.
            from hoguide.web.routes_pages import form_error_page

            return form_error_page(*form_refusal(str(error.detail)))
        code = {404: "not_found", 405: "method_not_allowed", 415: "unsupported_media_type"}.get(
            error.status_code, "invalid_input")
        return problem(error.status_code, code, str(error.detail))

    # Outermost layer: limits and headers apply to every response, errors included.
    app.add_middleware(Guard, max_request_bytes=settings.max_request_bytes)
    return app
