"""Big legal input: answered in bounded JSON, read off the event loop while others are served."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import httpx
import jsonschema
from referencing import Registry, Resource

from hoguide.models.serial import LIST_LIMITS

SCHEMAS = Path(__file__).parents[2] / "src" / "hoguide" / "schemas"
READING = json.loads((SCHEMAS / "reading.schema.json").read_text())
EXPLANATION = json.loads((SCHEMAS / "explanation.schema.json").read_text())
REGISTRY = Registry().with_resource(READING["$id"], Resource.from_contents(READING))
MENTIONS = 50_000
BIG = "HO, " * MENTIONS  # 200 kB, 50,000 mentions: each answer rests on every one (27 MB of JSON unbounded)
# These tests are about the size of the answer, not its speed: ~5 s of explaining idle, but 19 s were seen with
# the 2 cores shared by other test runs, past the client's usual 30 s once the request had waited its turn.
SLOW = 180


def test_a_report_with_50000_mentions_gets_a_bounded_answer(client: httpx.Client) -> None:
    response = client.post("/api/v1/explain", json={"text": BIG}, timeout=SLOW)
    assert response.status_code == 200
    assert len(response.content) < 2_000_000, len(response.content)
    data = response.json()
    jsonschema.Draft202012Validator(EXPLANATION, registry=REGISTRY).validate(data)
    assert len(data["findings"]) == LIST_LIMITS["findings"]
    assert data["findings_omitted"] == MENTIONS - LIST_LIMITS["findings"]
    growth = data["answers"]["growth"]
    assert len(growth["evidence"]) == LIST_LIMITS["evidence"]
    assert growth["evidence_omitted"] == MENTIONS - LIST_LIMITS["evidence"]


def test_a_small_report_lists_everything(client: httpx.Client) -> None:
    data = client.post("/api/v1/read", json={"text": "HO at the hip. HO at the knee."}).json()
    assert len(data["findings"]) == 2 and "findings_omitted" not in data


def test_health_answers_while_a_big_report_is_read(client: httpx.Client, base_url: str) -> None:
    statuses: list[int] = []

    def explain() -> None:
        with httpx.Client(base_url=base_url, timeout=120) as http:
            statuses.append(http.post("/api/v1/explain", json={"text": BIG}).status_code)

    worker = threading.Thread(target=explain)
    worker.start()
    answered_meanwhile = 0
    while worker.is_alive():
        assert client.get("/api/v1/health").status_code == 200
        answered_meanwhile += worker.is_alive()
    worker.join()
    assert statuses == [200] and answered_meanwhile > 1


def test_a_big_report_on_the_page_is_bounded_too(client: httpx.Client) -> None:
    response = client.post("/explain", data={"report": BIG}, timeout=SLOW)
    assert response.status_code == 200
    assert len(response.content) < 4_000_000, len(response.content)


def test_a_big_result_is_taken_apart_to_be_freed_in_steps() -> None:
    from hoguide import api
    from hoguide.web.offload import dismantle, free_in_steps

    assessment = api.explain(BIG)
    assert len(assessment.readings[0].findings) == MENTIONS
    held = dismantle(assessment)
    # The findings and each answer's evidence: every long tuple's elements, nothing of the short ones.
    assert len(held) >= MENTIONS + 4 * MENTIONS
    # Detached, so a reference that outlives the request (a template's context in a reference cycle)
    # keeps nothing big alive: the long lists are freed in steps, not by the collector at once.
    assert assessment.readings[0].findings == () and assessment.answers["growth"].evidence == ()
    assert dismantle(api.explain("HO at the hip.")) == []
    del assessment
    free_in_steps(held)
    assert held == []
