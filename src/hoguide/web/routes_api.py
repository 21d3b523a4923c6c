"""JSON API under /api/v1: the same JSON as the command line."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import is_dataclass
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, File, Query, Request, Response, UploadFile
from pydantic import BaseModel, ConfigDict, Field

from hoguide import api
from hoguide._version import __version__
from hoguide.knowledge.loader import load_knowledge
from hoguide.models.serial import Serial, json_object
from hoguide.web.offload import INLINE_CHARS, dismantle, free_in_steps, run_sized
from hoguide.web.offsets import OffsetUnit, has_astral, in_utf16
from hoguide.web.openapi import output_response
from hoguide.web.problems import PROBLEM
from hoguide.web.uploads import text_from_upload

router = APIRouter(prefix="/api/v1", tags=["api"])
PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"description": text, "content": {PROBLEM: {"schema": {"$ref": "#/components/schemas/Problem"}}}}
    for code, text in ((400, "A request that cannot be read"), (413, "Request too large"),
                       (415, "Not the expected content type"), (422, "Input that cannot be read"),
                       (500, "Internal error (nothing of it is shown)"))
}


OffsetsQuery = Annotated[OffsetUnit, Query(description=(
    "How start and end are counted: code_points (Python string indices, the default) or utf16 (JavaScript "
    "string indices; they differ after a character outside the Basic Multilingual Plane, such as an emoji)."))]


class ReadRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(description="The report text, UTF-8.", max_length=2_000_000)


class ExplainRequest(ReadRequest):
    answers: dict[str, Any] | None = Field(default=None, description="The patient's optional answers.")


@router.get("/health")
def health() -> dict[str, str]:
    """Liveness, and the versions that decide every answer."""
    return {"status": "ok", "version": __version__, "knowledge_version": load_knowledge().version}


def _json(data: Any) -> Response:
    """Serialise once, with orjson: FastAPI's generic encoder walks every nested value again, and
    the standard library's encoder alone took half as long as the whole explanation. A Reading or an
    Assessment goes to orjson as it is: orjson asks each value type for its ``json_object`` and writes
    the bytes, three times faster than building the dicts of ``to_dict`` first."""
    return Response(orjson.dumps(data, default=_json_object, option=orjson.OPT_PASSTHROUGH_DATACLASS),
                    media_type="application/json")


def _json_object(value: Any) -> dict[str, Any]:
    # A value type's own json_object, looked up once per class (the answer's few hundred values asked
    # is_dataclass each); any other dataclass through json_object as before.
    write = _OBJECT_WRITERS.get(type(value))
    if write is not None:
        return write(value)
    if is_dataclass(value) and not isinstance(value, type):
        if isinstance(value, Serial):
            _OBJECT_WRITERS[type(value)] = type(value).json_object
        return json_object(value)
    raise TypeError(f"{type(value).__name__} is not a JSON value type")


_OBJECT_WRITERS: dict[type, Callable[[Any], dict[str, Any]]] = {}


# The handlers are ``async``: a report of a few pages is read faster on the event loop than a hop to
# the thread pool costs (one worker process per core does the parallelism); a long one goes to a
# thread (``offload``), so one big report does not hold up everyone else.
@router.post("/read", responses={200: output_response("Reading", "What the report says"), **PROBLEM_RESPONSES})
async def read(body: ReadRequest, request: Request, offsets: OffsetsQuery = "code_points") -> Response:
    """What the report says about HO: the same JSON as ``hoguide read --json``."""
    limit = request.app.state.settings.max_report_bytes

    def work() -> Response:
        reading = api.read(body.text, max_bytes=limit)
        response = _json(_counted(reading, body.text, offsets))
        held = dismantle(reading) if len(body.text) > INLINE_CHARS else []  # a short one frees in no time
        del reading
        free_in_steps(held)
        return response

    return await run_sized(len(body.text), work)


@router.post("/explain", responses={200: output_response("Explanation", "The explanation"), **PROBLEM_RESPONSES})
async def explain(body: ExplainRequest, request: Request, offsets: OffsetsQuery = "code_points") -> Response:
    """The five answers: the same JSON as ``hoguide explain --format json``."""
    limit = request.app.state.settings.max_report_bytes

    def work() -> Response:
        assessment = api.explain(body.text, body.answers, max_bytes=limit)
        response = _json(_counted(assessment, body.text, offsets))
        held = dismantle(assessment) if len(body.text) > INLINE_CHARS else []
        del assessment
        free_in_steps(held)
        return response

    return await run_sized(len(body.text) + len(body.answers or ()), work)


def _counted(result: Serial, text: str, offsets: OffsetUnit) -> Serial | dict[str, Any]:
    """The result, or its dict with the offsets in UTF-16 units where they differ from code points."""
    return in_utf16(result.to_dict(), text) if offsets == "utf16" and has_astral(text) else result


EXTRACTED = {"description": "The file's text", "content": {"application/json": {"schema": {
    "type": "object", "required": ["text", "warnings"],
    "properties": {"text": {"type": "string"}, "warnings": {"type": "array", "items": {"type": "string"}}}}}}}


@router.post("/extract", responses={200: EXTRACTED, **PROBLEM_RESPONSES})
async def extract(
    request: Request, file: Annotated[UploadFile, File(description="A .txt file or a PDF with a text layer.")],
) -> Response:
    """The text of an uploaded report file, as the form reads it: a PDF's text is extracted in a sandbox
    (page, time and memory limits); a damaged, protected or scanned PDF gets its own problem."""
    settings = request.app.state.settings
    data = await file.read(settings.max_report_bytes * 4 + 1)
    decoded = await text_from_upload(data, file.filename or "", settings.max_report_bytes, settings.pdf)
    return _json({"text": decoded.text, "warnings": list(decoded.warnings)})
