"""Sources a patient can follow (issue 16, item 2): each statement shows the one or two sources that
support it as numbered markers, the page lists only the sources it cites, numbered in the order it
first cites them, and the JSON keeps every statement's full list."""

from __future__ import annotations

import re
import statistics

import pytest

from hoguide import Assessment, explain
from hoguide.render.assessment_text import render_text
from hoguide.render.citations import SourceNumbers, link_label
from hoguide.render.html import render_html
from hoguide.render.pdf import handout_html
from tests.render.test_public_outputs import KB, REPORTS, assessment_of

MARKER = re.compile(r"\[(\d+(?:, \d+)*)\]")
HTML_MARK = re.compile(r'<a href="#source-(\d+)" aria-label="source \d+">')
LISTED = re.compile(r'<li id="source-(\d+)">')


def _numbers_in_order(text: str) -> list[int]:
    return [int(n) for group in MARKER.findall(text) for n in group.split(", ")]


def _first_citations(numbers: list[int]) -> list[int]:
    return list(dict.fromkeys(numbers))


@pytest.mark.parametrize("report", REPORTS)
def test_each_statement_shows_one_or_two_sources_that_are_among_its_own(report: str) -> None:
    assessment = assessment_of(report)
    for answer in assessment.answers.values():
        assert " ".join(p.text for p in answer.parts) == " ".join(t for t in (answer.answer, answer.explanation) if t)
        for part in answer.parts:
            assert len(part.citations) <= 2
            assert set(part.citations) <= set(answer.citations), "a patient source is one of the statement's"
    for flag in assessment.red_flags:
        assert 1 <= len(flag.patient_citations) <= 2 and set(flag.patient_citations) <= set(flag.citations)


@pytest.mark.parametrize("report", REPORTS)
def test_the_page_lists_only_what_it_cites_numbered_in_order_of_first_citation(report: str) -> None:
    assessment = assessment_of(report)
    for page in (render_html(assessment), render_html(assessment, clinician=True), handout_html(assessment)):
        cited = [int(n) for n in HTML_MARK.findall(page)]
        listed = [int(n) for n in LISTED.findall(page)]
        assert listed == sorted(set(cited)) == list(range(1, len(listed) + 1))
        assert _first_citations(cited) == listed, "a new source takes the next number"
        assert ">link<" not in page
    for text in (render_text(assessment), render_text(assessment, markdown=True)):
        body, _, sources = text.partition("Sources\n")
        numbers = _numbers_in_order(body)
        assert _first_citations(numbers) == list(range(1, len(set(numbers)) + 1))
        assert len(re.findall(r"^(?:  \* |- )\[\d+\] ", sources, re.MULTILINE)) == len(set(numbers))


def test_a_statement_s_sources_follow_it_in_every_format() -> None:
    assessment = assessment_of("example:hip_arthroplasty_brooker_3")
    recovery = assessment.answers["recovery"].parts[0]
    assert recovery.citations == KB.statement("recovery.hip_troubled").patient_refs
    numbers = SourceNumbers(assessment)
    html = render_html(assessment)
    sources = dict(zip(LISTED.findall(html), re.findall(r'<li id="source-\d+">([^<]*)', html), strict=True))
    shown = [sources[str(n)].strip() for n in _after(html, recovery.text)]
    assert sorted(shown) == sorted(assessment.references[k] for k in recovery.citations)
    text = render_text(assessment)
    assert re.search(re.escape(recovery.text) + r" \[\d+(, \d+)?\]", text)
    assert numbers.marker(()) == ""


def _after(html: str, text: str) -> list[int]:
    """The source numbers of the marker right after ``text`` on the page."""
    start = html.index(text) + len(text)
    marker = re.match(r'\s*<span class="cite">\[(.*?)\]</span>', html[start:])
    assert marker, "a marker follows the statement"
    return [int(n) for n in re.findall(r'href="#source-(\d+)"', marker.group(1))]


def test_the_json_keeps_every_statement_source_and_adds_the_patient_ones() -> None:
    assessment = assessment_of("example:hip_arthroplasty_brooker_3")
    data = assessment.to_dict()["answers"]["treatment"]
    assert data["parts"][0] == {"length": len(assessment.answers["treatment"].answer),
                                "citations": list(assessment.answers["treatment"].parts[0].citations)}
    shown = {k for part in data["parts"] for k in part["citations"]}
    assert shown < set(data["citations"]), "the statement-level list stays, and it is longer"


def _cut(text: str, parts: list[dict[str, object]]) -> list[tuple[str, list[str]]]:
    """A client's rebuild of the statements from the JSON (explanation.schema.json, "parts")."""
    pieces, at = [], 0
    for part in parts:
        length = part["length"]
        assert isinstance(length, int)
        pieces.append((text[at:at + length], list(part["citations"])))  # type: ignore[call-overload]
        at += length + 1
    assert at == (len(text) + 1 if parts else len(text)), "the parts cover the whole text"
    return pieces


@pytest.mark.parametrize("report", REPORTS)
def test_a_client_rebuilds_every_statement_and_its_sources_from_the_json(report: str) -> None:
    """The parts give lengths, not the texts again: the texts are cut back out of answer,
    explanation and clinician_note, exactly, with the sources shown after each."""
    assessment = assessment_of(report)
    for question, data in assessment.to_dict()["answers"].items():
        answer = assessment.answers[question]
        patient = [(answer.answer, list(data["parts"][0]["citations"])), *_cut(data["explanation"], data["parts"][1:])]
        assert patient == [(p.text, list(p.citations)) for p in answer.parts]
        assert data["parts"][0]["length"] == len(data["answer"])
        clinician = _cut(data["clinician_note"], data["clinician_parts"])
        assert clinician == [(p.text, list(p.citations)) for p in answer.clinician_parts]


def test_statement_texts_count_alike_in_python_and_javascript() -> None:
    """A part's length is in code points; with no character outside the Basic Multilingual Plane in
    hoguide's own texts, it is also the length a browser's String counts."""
    for statement in KB.statements.values():
        for text in (statement.patient, statement.clinician or ""):
            assert all(ord(c) <= 0xFFFF for c in text), statement.id


def test_clinician_notes_number_their_inline_sources() -> None:
    assessment = assessment_of("example:hip_arthroplasty_brooker_3")
    text = render_text(assessment, clinician=True)
    assert "[CORR-Brooker2015]" not in text and "Orthovellum" not in text
    note = next(line for line in text.splitlines() if "Incidence after THA" in line)
    assert re.search(r"26–41% .*\[\d+, \d+\]", note)


def test_links_are_named_by_what_they_open() -> None:
    assert link_label("https://doi.org/10.1302/2058-5241.6.210002") == "Article (DOI 10.1302/2058-5241.6.210002)"
    assert link_label("https://pubmed.ncbi.nlm.nih.gov/24583537/") == "PubMed record 24583537"
    assert link_label("https://pmc.ncbi.nlm.nih.gov/articles/PMC4122684") == "Full text on PubMed Central"
    assert link_label("https://now.aapmr.org/heterotopic-ossifications/") == "Web page at now.aapmr.org"


def test_a_held_back_key_in_clinician_text_gets_no_number() -> None:
    assessment = explain("IMPRESSION: Brooker class I heterotopic ossification about the right hip.")
    numbers = SourceNumbers(assessment)
    pieces = numbers.inline("Grades I–II are minor [Orthovellum-THA-HO] [Kocic2010].", ("Orthovellum-THA-HO",))
    assert pieces[0][0] == "Grades I–II are minor" and [n for _, ns in pieces for n in ns] == [1]
    assert [s.key for s in numbers.listed()] == ["Kocic2010"]


def _sources_per_answer(assessment: Assessment) -> list[int]:
    return [len({k for p in a.parts for k in p.citations}) for a in assessment.answers.values()]


def test_a_patient_meets_few_sources() -> None:
    """Issue 16's goals, on the examples and the dev fictional reports (benchmarks/sources.py prints
    them per report): at most 12 sources listed on a page and 4 on an answer, as the median; the worst
    pages and answers (several red flags, a cause and its risk factors, cautions) stay bounded."""
    pages = [len(LISTED.findall(render_html(assessment_of(r)))) for r in REPORTS]
    answers = [max(_sources_per_answer(assessment_of(r))) for r in REPORTS]
    assert statistics.median(pages) <= 12 and max(pages) <= 18
    assert statistics.median(answers) <= 4 and max(answers) <= 7
