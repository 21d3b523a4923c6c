"""The JSON API against a real server: same JSON as the CLI, problem details for every bad input."""

from __future__ import annotations

import json

import httpx
import pytest

from hoguide import api
from hoguide.examples import example_bytes, example_names

REPORT = "IMPRESSION: Brooker class III heterotopic ossification about the right hip after hip replacement."


def test_health(client: httpx.Client) -> None:
    data = client.get("/api/v1/health").json()
    assert data["status"] == "ok" and data["knowledge_version"]


def test_read_and_explain_return_the_cli_json(client: httpx.Client) -> None:
    """The API writes its JSON straight from the value types (orjson and their ``json_object``), the
    command line through ``to_dict``: the same JSON either way."""
    assert client.post("/api/v1/read", json={"text": REPORT}).json() == api.read(REPORT).to_dict()
    text = example_bytes("recurrence_after_excision").decode()
    response = client.post("/api/v1/explain", json={"text": text, "answers": {"symptoms": ["stiffness"]}})
    assert response.status_code == 200
    expected = api.explain(text, {"symptoms": ["stiffness"]}).to_dict()
    assert response.json() == json.loads(json.dumps(expected))
    for name in example_names():
        text = example_bytes(name).decode()
        read = client.post("/api/v1/read", json={"text": text}).json()
        assert read == json.loads(json.dumps(api.read(text).to_dict())), name
        explained = client.post("/api/v1/explain", json={"text": text}).json()
        assert explained == json.loads(json.dumps(api.explain(text).to_dict())), name


@pytest.mark.parametrize(
    ("kwargs", "status", "code", "detail"),
    [
        ({"json": {"text": ""}}, 422, "empty_input", "the report is empty"),
        ({"json": {"text": "   \n "}}, 422, "empty_input", "the report is empty"),
        ({"json": {"text": "HO\u0000\u0001"}}, 422, "binary_input", "looks binary"),
        ({"content": b"{not json", "headers": {"content-type": "application/json"}}, 422, "malformed_input",
         "JSON decode error"),
        ({"json": {"txt": "HO"}}, 422, "malformed_input", "text: Field required"),
        ({"content": b"HO about the hip", "headers": {"content-type": "text/plain"}}, 415,
         "unsupported_media_type", "send application/json, not text/plain"),
        ({"json": {"text": "HO", "answers": {"surgery": "hip"}}}, 422, "malformed_input", "surgery: unknown field"),
        ({"json": {"text": "x" * 1_500_000}}, 413, "input_too_large", "over the 1.0 MB limit"),
        ({"content": b"x" * 2_500_000, "headers": {"content-type": "application/json"}}, 413, "input_too_large",
         "over the 2 MB limit"),
    ],
)
def test_bad_input_gets_a_problem(client: httpx.Client, kwargs: dict[str, object], status: int, code: str,
                                  detail: str) -> None:
    response = client.post("/api/v1/explain", **kwargs)  # type: ignore[arg-type]
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == code and detail in body["detail"] and body["status"] == status and body["title"]


def test_unknown_paths_and_methods_are_problems(client: httpx.Client) -> None:
    assert client.get("/api/v1/nope").json()["code"] == "not_found"
    assert client.get("/api/v1/explain").json()["code"] == "method_not_allowed"


def test_openapi_documents_the_api(client: httpx.Client) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/read", "/api/v1/explain", "/api/v1/health"} <= set(paths)


def test_security_headers(client: httpx.Client) -> None:
    headers = client.get("/").headers
    assert "script-src" not in headers["content-security-policy"]  # no scripts at all, inline or not
    assert "default-src 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff" and headers["cache-control"] == "no-store"


def test_a_chunked_body_over_the_limit_is_refused(client: httpx.Client) -> None:
    def chunks():  # type: ignore[no-untyped-def]
        for _ in range(30):
            yield b"x" * 100_000

    response = client.post("/api/v1/explain", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413 and response.json()["code"] == "input_too_large"
    small = client.post("/api/v1/read", content=iter([b'{"text": "No HO', b' about the hip."}']),
                        headers={"content-type": "application/json"})
    assert small.status_code == 200 and small.json()["findings"][0]["status"] == "absent"


def test_the_openapi_document_describes_the_outputs(client: httpx.Client) -> None:
    """Each route's documented response schema, taken from /api/v1/openapi.json, validates its real answer."""
    import jsonschema
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    document = client.get("/api/v1/openapi.json").json()
    registry = Registry().with_resource("urn:openapi", Resource(document, DRAFT202012))

    def validate(path: str, status: int, response: httpx.Response) -> None:
        content = document["paths"][path]["post"]["responses"][str(status)]["content"]
        schema = content[response.headers["content-type"].split(";")[0]]["schema"]
        ref = {"$ref": "urn:openapi" + schema["$ref"]} if "$ref" in schema else schema
        jsonschema.Draft202012Validator(ref, registry=registry).validate(response.json())

    report = "Brooker III heterotopic ossification of the right hip after arthroplasty."
    validate("/api/v1/read", 200, client.post("/api/v1/read", json={"text": report}))
    validate("/api/v1/explain", 200, client.post("/api/v1/explain", json={"text": report}))
    validate("/api/v1/explain", 422, client.post("/api/v1/explain", json={"text": ""}))
    validate("/api/v1/extract", 200, client.post("/api/v1/extract", files={"file": ("r.txt", report.encode())}))
    assert "Explanation_answer" in document["components"]["schemas"]


def test_offsets_can_be_had_in_utf16_units_for_browsers(client: httpx.Client) -> None:
    text = "Patient 😀 note 🦴: Brooker III heterotopic ossification of the right hip."
    units = text.encode("utf-16-le")

    def js_slice(start: int, end: int) -> str:  # what String.prototype.slice gives in a browser
        return units[2 * start:2 * end].decode("utf-16-le")

    points = client.post("/api/v1/explain", json={"text": text}).json()
    utf16 = client.post("/api/v1/explain?offsets=utf16", json={"text": text}).json()
    finding, finding16 = points["findings"][0], utf16["findings"][0]
    assert text[finding["start"]:finding["end"]] == finding["text"]
    assert js_slice(finding16["start"], finding16["end"]) == finding["text"]
    assert finding16["start"] == finding["start"] + 2  # two emoji before it, two units each
    evidence = utf16["answers"]["growth"]["evidence"][0]
    assert js_slice(evidence["start"], evidence["end"]) == evidence["text"]
    plain = {"text": "HO at the hip."}
    assert client.post("/api/v1/read?offsets=utf16", json=plain).json() == client.post("/api/v1/read",
                                                                                       json=plain).json()
    wrong = client.post("/api/v1/read?offsets=bytes", json=plain)
    assert wrong.status_code == 422 and wrong.json()["code"] == "malformed_input"
