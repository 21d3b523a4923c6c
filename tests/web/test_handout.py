"""The printable handout over HTTP: the result page's button, the form post, and the example link."""

from __future__ import annotations

import io
import re
from html import unescape

import httpx
import pytest
from pypdf import PdfReader

from tests.web.pdfs import text_pdf

REPORT = ("CLINICAL HISTORY: Right total hip arthroplasty 6 months ago.\n"
          "IMPRESSION: Brooker class III heterotopic ossification about the right hip.")
TITLES = ("What caused the HO in my case?", "Is it likely to grow or cause symptoms?",
          "Do I need treatment or monitoring?", "Could this affect my recovery after surgery or injury?",
          "Is there a risk it could come back if removed?")


def _pdf_text(response: httpx.Response) -> str:
    assert response.status_code == 200, response.text[:300]
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"] == 'attachment; filename="hoguide-handout.pdf"'
    assert response.headers["cache-control"] == "no-store"
    reader = PdfReader(io.BytesIO(response.content))
    assert 1 <= len(reader.pages) <= 2
    return " ".join("\n".join(p.extract_text() for p in reader.pages).split())


def test_result_page_has_the_handout_button(client: httpx.Client) -> None:
    page = client.post("/explain", data={"report": REPORT, "symptoms": ["stiffness"]}).text
    assert '<button type="submit" formaction="/handout.pdf">Download a printable handout</button>' in page
    assert "<script" not in page


def test_the_button_re_posts_the_hidden_fields(client: httpx.Client) -> None:
    page = client.post("/explain", data={"report": REPORT, "symptoms": ["stiffness"], "cause": "hip_arthroplasty"}).text
    form = page.split('<form method="post" action="/explain" class="switch">')[1].split("</form>")[0]
    fields = [(unescape(n), unescape(v)) for n, v in re.findall(r'type="hidden" name="([^"]*)" value="([^"]*)"', form)]
    assert ("report", REPORT) in fields and ("symptoms", "stiffness") in fields
    data: dict[str, list[str]] = {}
    for name, value in fields:
        data.setdefault(name, []).append(value)
    text = _pdf_text(client.post("/handout.pdf", data=data))
    for title in TITLES:
        assert title in text
    assert "Questions to ask your doctor" in text and "not medical advice" in text


def test_handout_from_an_upload(client: httpx.Client) -> None:
    pdf = text_pdf(REPORT.split("\n"))
    text = _pdf_text(client.post("/handout.pdf", files={"upload": ("report.pdf", pdf, "application/pdf")}))
    assert "Brooker III" in text


@pytest.mark.parametrize("name", ["hip_arthroplasty_brooker_3", "suspected_fop_child"])
def test_example_handout(client: httpx.Client, name: str) -> None:
    text = _pdf_text(client.get(f"/example/{name}/handout.pdf"))
    assert all(title in text for title in TITLES)


def test_bad_input_gets_the_form_back(client: httpx.Client) -> None:
    response = client.post("/handout.pdf", data={"report": "  "})
    assert response.status_code == 422 and "the report is empty" in response.text
    assert response.headers["content-type"].startswith("text/html")
    assert client.get("/example/nope/handout.pdf").status_code == 404
    assert client.get("/handout.pdf").status_code == 405


def test_cross_site_post_is_refused(client: httpx.Client) -> None:
    response = client.post("/handout.pdf", data={"report": REPORT}, headers={"Origin": "https://evil.example"})
    assert response.status_code == 403
