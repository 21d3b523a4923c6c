"""Hostile PDFs, generated here: each is refused with its own problem, fast, and the server keeps answering."""

from __future__ import annotations

import asyncio
import logging
import subprocess
import sys
import threading
from collections.abc import Callable

import httpx
import pytest

from hoguide.errors import (
    DamagedPdfError,
    EncryptedPdfError,
    HoguideError,
    InputTooLargeError,
    PdfTooComplexError,
    ScannedPdfError,
)
from hoguide.web.guard import SECURITY_HEADERS
from hoguide.web.pdf_sandbox import PdfLimits, pdf_text
from tests.web import pdfs

REPORT = ["Right hip radiograph.", "Heterotopic ossification, Brooker III, after hip replacement."]
SECRET = "Jane Doe MRN 4471"

HOSTILE: list[tuple[str, Callable[[], bytes], int, str, str]] = [
    ("one page listed 4,000 times", pdfs.repeated_page_pdf, 422, "pdf_too_complex", "has 4,000 pages"),
    ("a deflate bomb (70 MB)", pdfs.deflate_bomb_pdf, 422, "pdf_too_complex", "more time or memory"),
    ("arrays nested 50,000 deep", pdfs.deep_nesting_pdf, 422, "damaged_pdf", "could not be opened"),
    ("a page tree of 65,536 leaves", pdfs.wide_page_tree_pdf, 422, "pdf_too_complex", "more time or memory"),
    ("a password (RC4)", lambda: pdfs.encrypted_pdf(REPORT), 422, "encrypted_pdf", "protected by a password"),
    ("AES-256 encryption", pdfs.aes_encrypted_pdf, 422, "encrypted_pdf", "protected by a password"),
    ("no text layer", pdfs.scanned_pdf, 422, "scanned_pdf", "has no text in it"),
    ("not a PDF inside", lambda: b"%PDF-1.4 nonsense", 422, "damaged_pdf", "could not be opened"),
]


@pytest.mark.parametrize(("make", "status", "code", "message"), [h[1:] for h in HOSTILE], ids=[h[0] for h in HOSTILE])
def test_a_hostile_pdf_gets_its_own_problem(client: httpx.Client, make: Callable[[], bytes], status: int, code: str,
                                            message: str) -> None:
    response = client.post("/api/v1/extract", files={"file": ("report.pdf", make(), "application/pdf")})
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    assert all(response.headers[name] == value for name, value in SECURITY_HEADERS.items())
    body = response.json()
    assert body["code"] == code and message in body["detail"], body


def test_the_form_explains_a_hostile_pdf_on_the_page(client: httpx.Client) -> None:
    response = client.post("/explain", files={"upload": ("report.pdf", pdfs.encrypted_pdf(REPORT), "application/pdf")})
    assert response.status_code == 422
    assert 'role="alert"' in response.text and "protected by a password" in response.text


def test_a_good_pdf_and_an_empty_password_pdf_are_read(client: httpx.Client) -> None:
    for data in (pdfs.text_pdf(REPORT), pdfs.encrypted_pdf(REPORT, password="")):
        response = client.post("/api/v1/extract", files={"file": ("report.pdf", data, "application/pdf")})
        assert response.status_code == 200, response.text
        assert response.json()["text"] == "\n".join(REPORT)


def test_health_answers_while_four_hostile_pdfs_are_read(client: httpx.Client, base_url: str) -> None:
    hostile = [pdfs.deflate_bomb_pdf(), pdfs.repeated_page_pdf(), pdfs.deep_nesting_pdf(), pdfs.wide_page_tree_pdf()]
    statuses: list[int] = []

    def upload(data: bytes) -> None:
        with httpx.Client(base_url=base_url, timeout=60) as http:
            statuses.append(http.post("/api/v1/extract", files={"file": ("x.pdf", data, "application/pdf")})
                            .status_code)

    uploads = [threading.Thread(target=upload, args=(data,)) for data in hostile]
    for thread in uploads:
        thread.start()
    answered_meanwhile = 0
    while any(thread.is_alive() for thread in uploads):
        assert client.get("/api/v1/health").status_code == 200
        answered_meanwhile += any(thread.is_alive() for thread in uploads)
    for thread in uploads:
        thread.join()
    assert answered_meanwhile > 0 and statuses == [422] * 4


def _extract(data: bytes, max_bytes: int = 1_000_000, limits: PdfLimits | None = None) -> str:
    return asyncio.run(pdf_text(data, max_bytes, limits))


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (pdfs.deflate_bomb_pdf(), PdfTooComplexError),
        (pdfs.deep_nesting_pdf(), DamagedPdfError),
        (pdfs.aes_encrypted_pdf(), EncryptedPdfError),
        (pdfs.scanned_pdf(), ScannedPdfError),
    ],
)
def test_sandbox_refusals_are_input_errors(data: bytes, error: type[HoguideError]) -> None:
    with pytest.raises(error):
        _extract(data)


def test_text_is_counted_while_it_is_extracted() -> None:
    many = pdfs.text_pdf(["Heterotopic ossification of the right hip, Brooker III."] * 40)
    assert len(_extract(many)) > 2_000
    with pytest.raises(InputTooLargeError, match="longer than the report size limit"):
        _extract(many, max_bytes=500)


def test_the_wall_clock_and_memory_limits_hold() -> None:
    good = pdfs.text_pdf(REPORT)
    with pytest.raises(PdfTooComplexError):
        _extract(good, limits=PdfLimits(wall_seconds=0.01))  # the interpreter alone takes longer to start
    # 4 MB of text operators: pypdf needs ~11 s and ~1 GB to parse them. With time to spare, only the
    # memory limit can stop it; a small report still fits.
    roomy = PdfLimits(memory_bytes=80_000_000, cpu_seconds=30, wall_seconds=60)
    assert _extract(good, limits=roomy) == "\n".join(REPORT)
    with pytest.raises(PdfTooComplexError):
        _extract(pdfs.deflate_bomb_pdf(4), limits=roomy)


def test_the_cpu_limit_holds() -> None:
    """2 MB of text operators (a deflate bomb of 2 MB) is a few CPU seconds of pypdf's parsing (2.5 s with pypdf 7.1;
    1 MB, 0.8 s, no longer outlasts the limit): with all the time and memory it wants, only the CPU limit can stop
    it, at 1 s (and the kernel's hard limit a second later)."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with pytest.raises(PdfTooComplexError):
        _extract(pdfs.deflate_bomb_pdf(2), limits=PdfLimits(cpu_seconds=1, wall_seconds=600,
                                                           memory_bytes=3_000_000_000))
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime < 2.5


def test_pdf_content_never_reaches_a_log(client: httpx.Client, capfd: pytest.CaptureFixture[str]) -> None:
    chatty = pdfs.chatty_pdf(SECRET)
    # The file does make pypdf talk: read outside the sandbox, its warning quotes the file.
    unguarded = subprocess.run([sys.executable, "-c", "import io, sys; from pypdf import PdfReader; "
                                "PdfReader(io.BytesIO(sys.stdin.buffer.read())).pages[0].extract_text()"],
                               input=chatty, capture_output=True, check=True)
    assert SECRET.replace(" ", "").encode() in unguarded.stderr
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    root = logging.getLogger()
    handler, old_level = Keep(level=logging.DEBUG), root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        response = client.post("/api/v1/extract", files={"file": ("report.pdf", chatty, "application/pdf")})
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
    assert response.status_code == 200 and "Heterotopic ossification" in response.json()["text"]
    captured = capfd.readouterr()
    assert SECRET.replace(" ", "") not in captured.err + captured.out
    assert all(SECRET.replace(" ", "") not in record.getMessage() for record in records)
