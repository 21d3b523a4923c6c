"""The patient page and the clinician view, server-rendered: they work without JavaScript."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse

from hoguide import api
from hoguide.errors import HoguideError
from hoguide.examples import example_bytes, example_names
from hoguide.knowledge.loader import load_knowledge
from hoguide.models.case import PatientAnswers, build_case
from hoguide.render.html import explanation_context
from hoguide.web.forms import answers_from_form, cause_choices, symptom_choices
from hoguide.web.problems import status_for
from hoguide.web.templating import templates
from hoguide.web.uploads import text_from_upload

router = APIRouter(include_in_schema=False)
STYLESHEET = "/static/hoguide.css"


def _index(report: str = "", error: str | None = None, status: int = 200) -> HTMLResponse:
    kb = load_knowledge()
    page = templates().get_template("index.html.j2").render(
        notice=kb.statement("topic.not_medical_advice").patient, causes=cause_choices(kb),
        symptoms=symptom_choices(), examples=example_names(), report=report, error=error,
    )
    return HTMLResponse(page, status_code=status)


@router.get("/", response_class=HTMLResponse)
def index() -> HTMLResponse:
    return _index()


def _result(report: str, view: str, answers_state: list[tuple[str, str]], request: Request,
            answers: PatientAnswers | None = None) -> HTMLResponse:
    reading = api.read(report, max_bytes=request.app.state.settings.max_report_bytes)
    assessment = api.assess(build_case(reading, answers))
    context = explanation_context(assessment, clinician=view == "clinician", stylesheet_url=STYLESHEET)
    page = templates().get_template("result.html.j2").render(**context, report=report, form_state=answers_state)
    return HTMLResponse(page)


@router.post("/explain", response_class=HTMLResponse)
async def explain_form(
    request: Request,
    report: Annotated[str, Form()] = "",
    upload: Annotated[UploadFile | None, File()] = None,
    view: Annotated[str, Form()] = "patient",
    cause: Annotated[str, Form()] = "",
    event_date: Annotated[str, Form()] = "",
    symptoms: Annotated[list[str] | None, Form()] = None,
    prior_excision: Annotated[str, Form()] = "",
    known_fop: Annotated[str, Form()] = "",
) -> HTMLResponse:
    limit = request.app.state.settings.max_report_bytes
    try:
        if upload is not None and upload.filename:
            data = await upload.read(limit * 4 + 1)
            report = text_from_upload(data, upload.filename, limit).text
        answers = answers_from_form(cause, event_date, symptoms or [], prior_excision, known_fop)
        state = [("cause", cause), ("event_date", event_date), ("prior_excision", prior_excision),
                 ("known_fop", known_fop), *(("symptoms", s) for s in symptoms or [])]
        return _result(report, view, [(k, v) for k, v in state if v], request, answers)
    except HoguideError as error:
        return _index(report if len(report) < 100_000 else "", error.message, status_for(error))


@router.get("/example/{name}", response_class=HTMLResponse)
def example(name: str, request: Request, view: str = "patient") -> HTMLResponse:
    try:
        text = example_bytes(name).decode("utf-8")
    except HoguideError as error:
        return _index(error=error.message, status=404)
    return _result(text, view, [], request)
