"""Every web error is problem+json with the security headers; an unexpected fault shows nothing of itself."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
import uvicorn

from hoguide.errors import KnowledgeError
from hoguide.web.app import create_app
from hoguide.web.guard import SECURITY_HEADERS
from tests.web.conftest import _free_port

SECRET = "Jane Doe MRN 4471"


@pytest.fixture(scope="module")
def faulty_url() -> Iterator[str]:
    """The real app, with two routes added that fail the way a bug or a broken package would."""
    app = create_app()

    @app.get("/boom")
    def boom() -> None:
        raise ValueError(f"could not parse {SECRET}")

    @app.get("/broken-knowledge")
    def broken() -> None:
        raise KnowledgeError([f"topics.yaml: {SECRET}"])

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the test server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.mark.parametrize("path", ["/boom", "/broken-knowledge"])
def test_an_internal_fault_is_a_problem_that_shows_nothing(faulty_url: str, path: str,
                                                           caplog: pytest.LogCaptureFixture,
                                                           capfd: pytest.CaptureFixture[str]) -> None:
    with caplog.at_level(logging.DEBUG):
        response = httpx.get(faulty_url + path)
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert all(response.headers[name] == value for name, value in SECURITY_HEADERS.items())
    assert response.json()["code"] == "internal_error" and SECRET not in response.text
    captured = capfd.readouterr()
    assert SECRET not in caplog.text + captured.err + captured.out
    assert "internal error" in caplog.text  # noted, by type


@pytest.mark.parametrize(
    ("request_kwargs", "status", "code"),
    [
        ({"method": "GET", "url": "/nowhere"}, 404, "not_found"),
        ({"method": "DELETE", "url": "/api/v1/read"}, 405, "method_not_allowed"),
        ({"method": "POST", "url": "/api/v1/read", "content": b"text=x",
          "headers": {"content-type": "application/x-www-form-urlencoded"}}, 415, "unsupported_media_type"),
        ({"method": "POST", "url": "/api/v1/extract", "json": {"text": "x"}}, 415, "unsupported_media_type"),
        ({"method": "POST", "url": "/api/v1/read", "json": {"text": "HO", "x": 1}}, 422, "malformed_input"),
        ({"method": "POST", "url": "/explain", "data": {"report": "HO"},
          "headers": {"origin": "https://127.0.0.1"}}, 403, "cross_site"),
    ],
)
def test_web_errors_are_problems_with_the_security_headers(client: httpx.Client, request_kwargs: dict[str, object],
                                                           status: int, code: str) -> None:
    response = client.request(**request_kwargs)  # type: ignore[arg-type]
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    assert all(response.headers[name] == value for name, value in SECURITY_HEADERS.items())
    assert response.json()["code"] == code


def test_the_origin_check_compares_the_scheme(client: httpx.Client) -> None:
    host = str(client.base_url).split("://", 1)[1].rstrip("/")
    assert client.post("/explain", data={"report": "HO"}, headers={"origin": f"https://{host}"}).status_code == 403
    assert client.post("/explain", data={"report": "HO"}, headers={"origin": f"http://{host}"}).status_code == 200


def test_error_lists_and_messages_are_capped(client: httpx.Client) -> None:
    answers = {f"unknown_{i}": True for i in range(50_000)}
    response = client.post("/api/v1/explain", json={"text": "HO of the hip.", "answers": answers})
    assert response.status_code == 422
    assert len(response.content) < 5_000, len(response.content)
    assert "the answers have 50,000 unknown fields ('unknown_0', 'unknown_1', 'unknown_10'" in response.json()["detail"]


@pytest.mark.parametrize(
    ("body", "content_type", "detail"),
    [
        (b"--x\r\nContent-Disposition: form-data\r\n\r\nHO\r\n--x--\r\n", "multipart/form-data; boundary=x",
         'header field "name" must be provided'),
        (b"file=HO", "multipart/form-data", "Missing boundary"),
    ],
    ids=["a part without a name", "no boundary"],
)
def test_a_malformed_multipart_upload_to_the_api_says_what_is_wrong(client: httpx.Client, body: bytes,
                                                                     content_type: str, detail: str) -> None:
    """Every malformed multipart body was once answered "text is too long"; the API passes on the parser's reason."""
    response = client.post("/api/v1/extract", content=body, headers={"content-type": content_type})
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    assert all(response.headers[name] == value for name, value in SECURITY_HEADERS.items())
    assert detail in response.json()["detail"] and "too long" not in response.json()["detail"]
