"""The report-level status against a table a clinician can read: tests/cases/report_status.yaml."""

from __future__ import annotations

from typing import Any

import pytest

from hoguide.reading.reader import Reader
from tests.conftest import load_cases

CASES = load_cases("report_status.yaml")


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:70] for c in CASES])
def test_report_status(reader: Reader, case: dict[str, Any]) -> None:
    assert reader.read(case["text"]).ho_status == case["ho_status"]
