"""A property-based contract test of the JSON API: whatever is posted, the answer is a 200 that matches
the schema /api/v1/openapi.json gives, or a 4xx problem+json with the security headers; never a 5xx.

Generated bodies mix report words, dates, grades and odd characters (lone surrogates, NUL, emoji) with
answers that are right, wrong or junk, and bodies that are not JSON objects at all. HOGUIDE_CONTRACT_EXAMPLES
sets how many cases (200 here; the issue's run is 10,000).
"""

from __future__ import annotations

import json
import os
from typing import Any

import httpx
import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from hoguide.web.guard import SECURITY_HEADERS

EXAMPLES = int(os.environ.get("HOGUIDE_CONTRACT_EXAMPLES", "200"))
WORDS = ["heterotopic ossification", "HO", "Brooker III", "no", "not", "possible", "history of", "hip", "elbow",
         "left", "right", "after", "arthroplasty", "spinal cord injury", "FOP", "excised", "2019-03-04", "3/4/2020",
         "IMPRESSION:", "FINDINGS:", "\n", ". ", ", ", "\x00", "\ud800", "\U0001f600", "é", "\t", "  "]
SYMPTOMS = ["pain", "swelling", "fever", "calf_pain", "night_pain", "nonsense"]

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)
texts = st.lists(st.sampled_from(WORDS) | st.text(max_size=8), max_size=40).map("".join)
answers = st.fixed_dictionaries({}, optional={
    "causes": st.lists(st.sampled_from(["hip_arthroplasty", "burns", "spinal_cord_injury", "x"]), max_size=3),
    "event_date": st.sampled_from(["2020-01-01", "2999-01-01", "yesterday", "2020-02-30"]) | json_values,
    "symptoms": st.lists(st.sampled_from(SYMPTOMS), max_size=3) | json_values,
    "prior_excision": st.booleans() | json_values,
    "known_fop": st.booleans(),
    "as_of": st.just("2026-01-01"),
    "unknown_key": json_values,
})
bodies = st.one_of(
    st.fixed_dictionaries({"text": texts}),
    st.fixed_dictionaries({"text": texts}, optional={"answers": answers | json_values, "extra": json_values}),
    json_values,
)


@pytest.fixture(scope="module")
def contract(base_url: str) -> tuple[dict[str, Any], Registry]:
    document = httpx.get(f"{base_url}/api/v1/openapi.json").json()
    return document, Registry().with_resource("urn:openapi", Resource(document, DRAFT202012))


def _schema(document: dict[str, Any], path: str, status: int, kind: str) -> dict[str, Any]:
    schema: dict[str, Any] = document["paths"][path]["post"]["responses"][str(status)]["content"][kind]["schema"]
    return {"$ref": "urn:openapi" + schema["$ref"]} if "$ref" in schema else schema


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                       HealthCheck.too_slow])
@given(path=st.sampled_from(["/api/v1/read", "/api/v1/explain"]), body=bodies, raw=st.booleans())
def test_every_answer_keeps_the_contract(client: httpx.Client, contract: tuple[dict[str, Any], Registry],
                                         path: str, body: Any, raw: bool) -> None:
    document, registry = contract
    if raw:  # the same body with a byte cut off: no longer JSON, most of the time
        response = client.post(path, content=json.dumps(body).encode()[:-1],
                               headers={"content-type": "application/json"})
    else:
        response = client.post(path, content=json.dumps(body).encode(), headers={"content-type": "application/json"})
    kind = response.headers["content-type"].split(";")[0]
    assert response.status_code < 500, response.text[:500]
    assert all(response.headers.get(name) == value for name, value in SECURITY_HEADERS.items())
    if response.status_code == 200:
        assert kind == "application/json"
    else:
        assert kind == "application/problem+json", (response.status_code, response.text[:200])
        assert response.status_code in (400, 413, 415, 422)
    jsonschema.Draft202012Validator(_schema(document, path, response.status_code, kind), registry=registry).validate(
        response.json())
