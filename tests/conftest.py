"""Shared fixtures: the real knowledge base and reader, built once per session."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from hoguide.knowledge.loader import KnowledgeBase, load_knowledge
from hoguide.reading.reader import Reader, reader_for

CASES = Path(__file__).parent / "cases"


def load_cases(name: str) -> list[dict[str, Any]]:
    with (CASES / name).open(encoding="utf-8") as handle:
        cases: list[dict[str, Any]] = yaml.safe_load(handle)
    return cases


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge()


@pytest.fixture(scope="session")
def reader(kb: KnowledgeBase) -> Reader:
    return reader_for(kb)
