"""The patient page and the clinician view, server-rendered: they work without JavaScript.

The printable handout (``/handout.pdf``) takes the same form as ``/explain``: nothing is stored, so
the result page posts the report back in hidden fields.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Request, Response, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse

from hoguide import api
from hoguide.errors import HoguideError, public_message
from hoguide.examples import example_bytes, example_names
from hoguide.knowledge.loader import load_knowledge
from hoguide.models.assessment import Assessment
from hoguide.models.case import PatientAnswers
from hoguide.render.html import explanation_context
from hoguide.render.pdf import render_pdf
from hoguide.web.forms import answers_from_form, cause_choices, symptom_choices
from hoguide.web.offload import INLINE_CHARS, dismantle, free_in_steps, run_sized
from hoguide.web.problems import status_for
from hoguide.web.templating import templates
from hoguide.web.uploads import text_from_upload

router = APIRouter(include_in_schema=False)
STYLESHEET = "/static/hoguide.css"
HANDOUT_HEADERS = {"Content-Disposition": 'attachment; filename="hoguide-handout.pdf"'}
# A report longer than this (no clinical report comes near it: a long discharge summary is a few tens of
# thousands) is shown on the result page once, as plain text in the field the page posts back, rather than
# annotated and again in a hidden field: a 1 MB report's page was 2.32 MB, now about the report's size.
PLAIN_REPORT_CHARS = 100_000


def _index(report: str = "", error: str | None = None, status: int = 200,
           form: ReportForm | None = None) -> HTMLResponse:
    """The form; after a bad answer, with every value the person gave kept and the message shown."""
    kb = load_knowledge()
    page = templates().get_template("index.html.j2").render(
        notice=kb.statement("topic.not_medical_advice").patient, causes=cause_choices(kb),
        symptoms=symptom_choices(), examples=example_names(), report=report, error=error,
        given=form or ReportForm("", None, "", "", [], "", ""),
    )
    return HTMLResponse(page, status_code=status)


def form_error_page(message: str, status: int) -> HTMLResponse:
    """The form again, with the message, for errors raised before a route runs."""
    return _index(error=message, status=status)


@router.get("/", response_class=HTMLResponse)
def index() -> HTMLResponse:
    return _index()


@dataclass
class ReportForm:
    """The fields of the report form, as posted to ``/explain`` and ``/handout.pdf``."""

    report: str
    upload: UploadFile | None
    cause: str
    event_date: str
    symptoms: list[str]
    prior_excision: str
    known_fop: str
    big_toes: str = ""
    lump_after_knock: str = ""
    event_text: str = ""
    symptoms_text: str = ""

    @property
    def state(self) -> list[tuple[str, str]]:
        """The answers as hidden fields, so the result page can post them again."""
        state = [("cause", self.cause), ("event_date", self.event_date), ("prior_excision", self.prior_excision),
                 ("known_fop", self.known_fop), ("big_toes", self.big_toes),
                 ("lump_after_knock", self.lump_after_knock), ("event_text", self.event_text),
                 ("symptoms_text", self.symptoms_text), *(("symptoms", s) for s in self.symptoms)]
        return [(k, v) for k, v in state if v]


def report_form(
    report: Annotated[str, Form()] = "",
    upload: Annotated[UploadFile | None, File()] = None,
    cause: Annotated[str, Form()] = "",
    event_date: Annotated[str, Form()] = "",
    symptoms: Annotated[list[str] | None, Form()] = None,
    prior_excision: Annotated[str, Form()] = "",
    known_fop: Annotated[str, Form()] = "",
    big_toes: Annotated[str, Form()] = "",
    lump_after_knock: Annotated[str, Form()] = "",
    event_text: Annotated[str, Form()] = "",
    symptoms_text: Annotated[str, Form()] = "",
) -> ReportForm:
    return ReportForm(report, upload, cause, event_date, symptoms or [], prior_excision, known_fop, big_toes,
                      lump_after_knock, event_text, symptoms_text)


async def _read_form(form: ReportForm, request: Request) -> PatientAnswers | None:
    """Replace ``form.report`` with an uploaded file's text, if any; the answers. Raises HoguideError."""
    limit = request.app.state.settings.max_report_bytes
    if form.upload is not None and form.upload.filename:
        data = await form.upload.read(limit * 4 + 1)
        form.report = (await text_from_upload(data, form.upload.filename, limit, request.app.state.settings.pdf)).text
    return answers_from_form(form.cause, form.event_date, form.symptoms, form.prior_excision, form.known_fop,
                             form.big_toes, form.lump_after_knock, form.event_text, form.symptoms_text)


def _assess(report: str, request: Request, answers: PatientAnswers | None = None) -> Assessment:
    return api.explain(report, answers, max_bytes=request.app.state.settings.max_report_bytes)


def _result(report: str, view: str, answers_state: list[tuple[str, str]], request: Request,
            answers: PatientAnswers | None = None) -> HTMLResponse:
    assessment = _assess(report, request, answers)
    plain = len(report) > PLAIN_REPORT_CHARS
    context = explanation_context(assessment, clinician=view == "clinician", stylesheet_url=STYLESHEET,
                                  annotated=not plain)
    page = templates().get_template("result.html.j2").render(**context, report=report, form_state=answers_state,
                                                             plain_report=plain)
    held = dismantle(assessment) if len(report) > INLINE_CHARS else []  # see web.offload.dismantle
    del assessment, context
    free_in_steps(held)
    return HTMLResponse(page)


def _handout(assessment: Assessment) -> Response:
    """The PDF (~0.2 s of layout: never on the event loop); a long report's explanation is then taken
    apart where it was made (see web.offload.dismantle)."""
    pdf = render_pdf(assessment)
    free_in_steps(dismantle(assessment) if len(assessment.readings[0].text) > INLINE_CHARS else [])
    return Response(pdf, media_type="application/pdf", headers=HANDOUT_HEADERS)


async def _handout_off_the_loop(work: Callable[[], Response], size: int) -> Response:
    """A long report is explained and laid out in one go off the loop, with the collector paused
    (``run_sized``): otherwise its first pass after the explanation walks all of its objects (~0.3 s)."""
    return await (run_sized(size, work) if size > INLINE_CHARS else run_in_threadpool(work))


def _form_error(form: ReportForm, error: HoguideError) -> HTMLResponse:
    return _index(form.report if len(form.report) < 100_000 else "", public_message(error), status_for(error), form)


@router.post("/explain", response_class=HTMLResponse)
async def explain_form(
    request: Request,
    form: Annotated[ReportForm, Depends(report_form)],
    view: Annotated[str, Form()] = "patient",
) -> HTMLResponse:
    try:
        answers = await _read_form(form, request)
        return await run_sized(len(form.report), lambda: _result(form.report, view, form.state, request, answers))
    except HoguideError as error:
        return _form_error(form, error)


@router.post("/handout.pdf", response_model=None)
async def handout_form(request: Request, form: Annotated[ReportForm, Depends(report_form)]) -> Response:
    """The printable handout of the posted report, as a PDF download."""
    try:
        answers = await _read_form(form, request)
        return await _handout_off_the_loop(lambda: _handout(_assess(form.report, request, answers)), len(form.report))
    except HoguideError as error:
        return _form_error(form, error)


@router.get("/example/{name}", response_class=HTMLResponse)
def example(name: str, request: Request, view: str = "patient") -> HTMLResponse:
    try:
        text = example_bytes(name).decode("utf-8")
    except HoguideError as error:
        return _index(error=error.message, status=404)
    return _result(text, view, [], request)


@router.get("/example/{name}/handout.pdf", response_model=None)
async def example_handout(name: str, request: Request) -> Response:
    try:
        text = example_bytes(name).decode("utf-8")
    except HoguideError as error:
        return _index(error=error.message, status=404)
    try:
        return await _handout_off_the_loop(lambda: _handout(_assess(text, request)), len(text))
    except HoguideError as error:
        return _index(error=public_message(error), status=status_for(error))
