"""The patient page and the clinician view, served for real: forms, uploads, bad input, privacy."""

from __future__ import annotations

import logging
import re

import httpx
import pytest

from hoguide.knowledge.loader import load_knowledge
from tests.web.pdfs import scanned_pdf, text_pdf

REPORT = ("CLINICAL HISTORY: Right total hip arthroplasty 6 months ago.\n"
          "IMPRESSION: Brooker class III heterotopic ossification about the right hip.")


def test_index_has_the_form_and_examples(client: httpx.Client) -> None:
    page = client.get("/").text
    assert '<form method="post" action="/explain" enctype="multipart/form-data">' in page
    assert 'name="report"' in page and 'type="file"' in page and "/example/hip_arthroplasty_brooker_3" in page
    assert "not medical advice" in page and "<script" not in page


def test_pasted_report_gets_the_five_answers(client: httpx.Client) -> None:
    page = client.post("/explain", data={"report": REPORT, "symptoms": ["stiffness", "pain"]}).text
    for title in ("What caused the HO in my case?", "Is it likely to grow or cause symptoms?",
                  "Do I need treatment or monitoring?", "Could this affect my recovery after surgery or injury?",
                  "Is there a risk it could come back if removed?"):
        assert title in page
    assert 'class="term ho" href="#q-growth"' in page  # an HO mention links to the answer it feeds
    assert 'href="/static/hoguide.css"' in page and "<style>" not in page
    assert 'name="symptoms" value="stiffness"' in page  # the view switch keeps the answers


def test_clinician_view(client: httpx.Client) -> None:
    page = client.post("/explain", data={"report": REPORT, "view": "clinician"}).text
    assert "Clinician view" in page and 'class="clinician"' in page and 'class="summary-line"' in page


def test_the_fop_screening_questions_are_asked_and_used(client: httpx.Client) -> None:
    index = client.get("/").text
    assert 'name="big_toes"' in index and 'name="lump_after_knock"' in index
    report = "Heterotopic ossification in the soft tissues of the back."
    plain = client.post("/explain", data={"report": report}).text
    toes = client.post("/explain", data={"report": report, "big_toes": "yes"}).text
    assert "Act on these first" not in plain
    assert "Act on these first" in toes and "FOP" in toes
    assert 'name="big_toes" value="yes"' in toes  # kept for the view switch


def test_example_link(client: httpx.Client) -> None:
    page = client.get("/example/suspected_fop_child").text
    assert "Act on these first" in page and page.index("Act on these first") < page.index("Your five questions")
    assert client.get("/example/nope").status_code == 404


@pytest.mark.parametrize("view", ["patient", "clinician"])
def test_sources_are_public_citations_only(client: httpx.Client, view: str) -> None:
    page = client.get(f"/example/suspected_fop_child?view={view}").text
    cited = "Pediatrics 2005" if view == "clinician" else "Orphanet J Rare Dis 2017"  # Kitterman 2005; Di Rocco 2017
    assert re.search(r'<li id="source-\d+">[^<]*' + re.escape(cited), page)
    for held_back in ("GeneReviews-FOP", "FOP-China72-mirror"):
        assert load_knowledge().references[held_back].citation not in page and held_back not in page
    assert "UNVERIFIED" not in page and "via ecosystem" not in page


def test_text_and_pdf_uploads(client: httpx.Client) -> None:
    txt = client.post("/explain", files={"upload": ("report.txt", REPORT.encode(), "text/plain")}).text
    assert "Brooker III" in txt
    pdf = client.post("/explain", files={"upload": ("report.pdf", text_pdf(REPORT.split("\n")), "application/pdf")})
    assert pdf.status_code == 200 and "Brooker III" in pdf.text


@pytest.mark.parametrize(
    ("data", "files", "status", "message"),
    [
        ({"report": ""}, None, 422, "the report is empty"),
        ({"report": "   \n  "}, None, 422, "the report is empty"),
        (None, {"upload": ("scan.pdf", scanned_pdf(), "application/pdf")}, 422, "has no text in it"),
        (None, {"upload": ("broken.pdf", b"%PDF-1.4 nonsense", "application/pdf")}, 422, "could not be opened"),
        (None, {"upload": ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "image/png")}, 422, "is a picture"),
        (None, {"upload": ("bin.txt", b"\x00\x01\x02binary", "text/plain")}, 422, "looks binary"),
        (None, {"upload": ("bad.txt", b"\x81\x8d\x8f\x90\x9d", "text/plain")}, 422, "not UTF-8"),
        ({"report": "HO", "event_date": "2999-01-01"}, None, 422, "event_date 2999-01-01 is in the future"),
        ({"report": "HO", "event_date": "the day after my birthday"}, None, 422,
         "is not a date we can read: write it as 2024-03-15, 2024-03, 2024, or in words such as"),
    ],
)
def test_bad_input_is_explained_on_the_page(client: httpx.Client, data: dict[str, str] | None,
                                            files: dict[str, tuple[str, bytes, str]] | None, status: int,
                                            message: str) -> None:
    response = client.post("/explain", data=data, files=files)
    assert response.status_code == status
    assert 'role="alert"' in response.text and message in response.text


def test_a_huge_upload_is_refused_before_it_is_read(client: httpx.Client) -> None:
    big = b"a" * 50_000_000
    response = client.post("/explain", files={"upload": ("big.txt", big, "text/plain")})
    assert response.status_code == 413 and response.json()["code"] == "input_too_large"


def test_windows_1252_upload_is_read(client: httpx.Client) -> None:
    data = "Heterotopic ossification \u2013 right hip.".encode("cp1252")
    response = client.post("/explain", files={"upload": ("old.txt", data, "text/plain")})
    assert response.status_code == 200 and "Your report says there is HO" in response.text


def test_cross_site_posts_are_refused(client: httpx.Client) -> None:
    response = client.post("/explain", data={"report": REPORT}, headers={"origin": "https://evil.example"})
    assert response.status_code == 403
    same = client.post("/explain", data={"report": REPORT}, headers={"origin": str(client.base_url).rstrip("/")})
    assert same.status_code == 200


def test_report_text_never_reaches_a_log(client: httpx.Client) -> None:
    marker = "Zebrafish-7731 heterotopic ossification"
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    handler = Keep(level=logging.DEBUG)
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        client.post("/explain", data={"report": marker})
        client.post("/api/v1/explain", json={"text": marker})
        client.post("/api/v1/explain", json={"text": ""})
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
    assert all(marker not in record.getMessage() for record in records)


def test_page_text_reads_at_or_below_grade_8(client: httpx.Client) -> None:
    import re

    from hoguide.knowledge.readability import grade_level

    page = client.get("/").text
    main = page.split("<h2>Try an example</h2>")[0]  # the example list is file names, not prose
    words = re.sub(r"<[^>]+>", ". ", main)  # each element (label, heading, paragraph) reads as one unit
    assert grade_level(words) <= 8, grade_level(words)


def test_a_pasted_text_over_the_form_limit_is_explained_on_the_page(client: httpx.Client) -> None:
    response = client.post("/explain", data={"report": "HO " * 400_000})
    assert response.status_code == 413
    assert 'role="alert"' in response.text and "too long for the form" in response.text


def test_a_bad_answer_keeps_every_other_value_and_names_the_field(client: httpx.Client) -> None:
    data = {"report": "Heterotopic ossification of the right hip.", "event_date": "2999-01",
            "event_text": "fell off a ladder", "symptoms_text": "stiff, no fever", "cause": "hip_arthroplasty",
            "symptoms": ["pain", "stiffness"], "known_fop": "yes"}
    response = client.post("/explain", data=data)
    assert response.status_code == 422 and "event_date 2999-01-01 is in the future" in response.text
    page = response.text
    assert 'value="fell off a ladder"' in page and 'value="stiff, no fever"' in page and 'value="2999-01"' in page
    assert '<option value="hip_arthroplasty" selected>' in page
    assert 'value="pain" checked' in page and 'value="stiffness" checked' in page
    assert 'name="known_fop" value="yes" checked' in page
    assert "Heterotopic ossification of the right hip." in page


def test_the_patients_own_words_are_read_and_said_back(client: httpx.Client) -> None:
    data = {"report": "FINDINGS: Heterotopic ossification anterior to the left elbow.",
            "event_text": "fell off a ladder and broke my elbow", "event_date": "2026-03",
            "symptoms_text": "can't bend my elbow, no fever"}
    page = client.post("/explain", data=data).text
    assert "What you told us" in page and "fell off a ladder and broke my elbow" in page
    assert "(we read: elbow injury or elbow surgery), March 2026" in page
    assert "You said you do not have: fever." in page
    assert "You told us about something that is a known cause of HO." in page


@pytest.mark.parametrize(
    ("body", "content_type", "message"),
    [
        (b"--x\r\nContent-Disposition: form-data\r\n\r\nHO\r\n--x--\r\n", "multipart/form-data; boundary=x",
         "the form could not be read"),  # a part without a name
        (b"report=HO", "multipart/form-data", "the form could not be read"),  # no boundary
        ("&".join(f"f{i}=1" for i in range(1_500)).encode(), "application/x-www-form-urlencoded",
         "more fields or files than this page sends"),
    ],
)
def test_a_malformed_form_gets_its_own_message(client: httpx.Client, body: bytes, content_type: str,
                                               message: str) -> None:
    response = client.post("/explain", content=body, headers={"content-type": content_type})
    assert response.status_code == 400
    assert 'role="alert"' in response.text and message in response.text and "too long" not in response.text
