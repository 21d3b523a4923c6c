"""The printable handout, rendered for real with WeasyPrint and read back with pypdf."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from datetime import date
from functools import cache

import pytest
from pypdf import PdfReader

from hoguide import api
from hoguide.examples import example_bytes, example_names
from hoguide.models.assessment import Assessment
from hoguide.models.case import build_case
from hoguide.render.assessment_text import TITLES
from hoguide.render.citations import link_label
from hoguide.render.pdf import handout_html, render_pdf


@cache
def _assessment(name: str) -> Assessment:
    return api.assess(build_case(api.read_bytes(example_bytes(name))))


def _text(pdf: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), " ".join(text.split())


def _flat(text: str) -> str:
    return " ".join(text.split())


def _link_names(assessment: Assessment) -> list[str]:
    return [link_label(url) for url in assessment.reference_links.values()]


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("name", example_names())
def test_every_example_fits_on_one_or_two_pages(name: str, paper: str) -> None:
    pdf = render_pdf(_assessment(name), paper=paper)  # type: ignore[arg-type]
    assert pdf.startswith(b"%PDF-")
    pages, text = _text(pdf)
    assert 1 <= pages <= 2, f"{name} on {paper}: {pages} pages"
    for title in TITLES.values():
        assert title in text, title
    assert "Questions to ask your doctor" in text


def test_handout_has_the_patient_content_in_order() -> None:
    assessment = _assessment("spinal_cord_injury_bilateral_hips")
    _, text = _text(render_pdf(assessment))
    assert _flat(assessment.notice) in text
    for question in assessment.questions_for_doctor:
        assert _flat(question) in text, question
    for flag in assessment.red_flags:
        assert _flat(flag.message) in text
    order = [text.index(s) for s in ("Your report in short", "Act on these first", TITLES["cause"],
                                      TITLES["recurrence"], "Questions to ask your doctor")]
    assert order == sorted(order)
    assert "Page 1 of 2" in text and "education, not medical advice" in text  # the @page margin boxes


def test_handout_leaves_out_the_report_and_clinician_notes() -> None:
    assessment = _assessment("hip_arthroplasty_brooker_3")
    html = handout_html(assessment)
    assert "<details" not in html and 'class="report"' not in html and 'class="clinician"' not in html
    assert "<script" not in html and "<link" not in html  # self-contained: nothing for WeasyPrint to fetch
    clinician_note = assessment.answers["cause"].clinician_note
    assert clinician_note and _flat(clinician_note)[:60] not in _text(render_pdf(assessment))[1]


def test_report_text_stays_escaped_in_the_handout() -> None:
    reading = api.read('<img src="file:///etc/passwd"> Heterotopic ossification about the right hip.')
    html = handout_html(api.assess(build_case(reading)))
    assert "<img" not in html
    assert render_pdf(api.assess(build_case(reading))).startswith(b"%PDF-")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_pdftotext_reads_the_handout() -> None:
    pdf = render_pdf(_assessment("burns_elbow"))
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    assert "Your report, explained" in text and "Do I need treatment or monitoring?" in text


def test_core_does_not_import_weasyprint() -> None:
    code = ("import sys, hoguide.cli, hoguide.render.pdf, hoguide.web.app, hoguide.web.routes_pages; "
            "sys.exit('weasyprint' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def _font_sizes(pdf: bytes) -> dict[float, list[str]]:
    """Words by their size in points, as the PDF draws them (text matrix times its size)."""
    sizes: dict[float, list[str]] = {}

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            sizes.setdefault(round(size * abs(tm[3] * cm[3]), 1), []).append(text.strip())

    for page in PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    return sizes


FOOTER = ("hoguide: education, not medical advice", "Page ")


@pytest.mark.parametrize("name", ["spinal_cord_injury_bilateral_hips", "burns_elbow"])
def test_handout_body_is_at_least_11_points(name: str) -> None:
    """Every sentence of the explanation is 11 pt or more; only the footer and the numbered reference
    list (citations and their link names) are smaller."""
    assessment = _assessment(name)
    sizes = _font_sizes(render_pdf(assessment))
    small = {size: words for size, words in sizes.items() if size < 11}
    references = _flat(" ".join((*assessment.references.values(), *_link_names(assessment))))

    def allowed(word: str) -> bool:
        return word.startswith(FOOTER) or word[:1].isdigit() or word in ("of",) or _flat(word) in references

    assert all(allowed(w) for ws in small.values() for w in ws), small
    body = sum(len(word) for size, words in sizes.items() if size >= 11 for word in words)
    small_not_references = [w for ws in small.values() for w in ws if _flat(w) not in references]
    assert body > 10 * sum(len(word) for word in small_not_references)


def test_handout_names_the_report_it_explains() -> None:
    _, text = _text(render_pdf(_assessment("spinal_cord_injury_bilateral_hips")))
    assert "This handout explains your report of the CT PELVIS WITHOUT CONTRAST, dated 2026-05-20." in text
    undated = api.assess(build_case(api.read("Heterotopic ossification about the right hip.")))
    _, text = _text(render_pdf(undated, pasted_on=date(2026, 12, 5)))
    assert "This handout explains the report you pasted on 5 December 2026." in text
    assert "screen version" not in text


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler-utils is not installed")
def test_handout_is_a_tagged_pdf_for_screen_readers() -> None:
    pdf = render_pdf(_assessment("hip_arthroplasty_brooker_3"))
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    assert re.search(r"^Tagged:\s+yes", info, re.MULTILINE)
    root = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root and root["/Lang"]
    tags = repr(root["/StructTreeRoot"].get_object())  # headings and lists are tagged as such
    assert "/K" in tags


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_handout_is_one_column() -> None:
    """Every line starts at the left margin or just inside it (a list, a box): none in a second column."""
    pdf = render_pdf(_assessment("spinal_cord_injury_bilateral_hips"))
    layout = subprocess.run(["pdftotext", "-bbox-layout", "-", "-"], input=pdf, capture_output=True,
                            check=True).stdout.decode()
    width = float(re.search(r'<page width="([\d.]+)"', layout).group(1))  # type: ignore[union-attr]
    starts = [float(x) for x in re.findall(r'<line xMin="([\d.]+)"', layout)]
    body = [x for x, line in zip(starts, re.findall(r"<line [^>]*>(.*?)</line>", layout, re.DOTALL), strict=True)
            if "Page" not in line]
    assert body and max(body) < width * 0.25, sorted(body)[-5:]
