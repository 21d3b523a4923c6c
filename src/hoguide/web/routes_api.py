"""JSON API under /api/v1: the same JSON as the command line."""

from __future__ import annotations

from typing import Any

import orjson
from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from hoguide import api
from hoguide._version import __version__
from hoguide.knowledge.loader import load_knowledge
from hoguide.web.problems import PROBLEM

router = APIRouter(prefix="/api/v1", tags=["api"])
PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"description": text, "content": {PROBLEM: {}}}
    for code, text in ((413, "Request too large"), (415, "Not JSON"), (422, "Input that cannot be read"))
}


class ReadRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(description="The report text, UTF-8.", max_length=2_000_000)


class ExplainRequest(ReadRequest):
    answers: dict[str, Any] | None = Field(default=None, description="The patient's optional answers.")


@router.get("/health")
def health() -> dict[str, str]:
    """Liveness, and the versions that decide every answer."""
    return {"status": "ok", "version": __version__, "knowledge_version": load_knowledge().version}


def _json(data: dict[str, Any]) -> Response:
    """Serialise once, with orjson: FastAPI's generic encoder walks every nested value again, and
    the standard library's encoder alone took half as long as the whole explanation."""
    return Response(orjson.dumps(data), media_type="application/json")


# The handlers are ``async``: the work is CPU-bound and short, so running it on the event loop
# costs less than a hop to the thread pool (one worker process per core does the parallelism).
@router.post("/read", responses=PROBLEM_RESPONSES)
async def read(body: ReadRequest, request: Request) -> Response:
    """What the report says about HO: the same JSON as ``hoguide read --json``."""
    return _json(api.read(body.text, max_bytes=request.app.state.settings.max_report_bytes).to_dict())


@router.post("/explain", responses=PROBLEM_RESPONSES)
async def explain(body: ExplainRequest, request: Request) -> Response:
    """The five answers: the same JSON as ``hoguide explain --format json``."""
    assessment = api.explain(body.text, body.answers, max_bytes=request.app.state.settings.max_report_bytes)
    return _json(assessment.to_dict())
