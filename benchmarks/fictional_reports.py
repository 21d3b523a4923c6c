"""The reports the issue-16 benchmarks read: every half of tests/data/fictional_cases except the sealed one
(``heldout``, never opened here), and the bundled examples."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from hoguide.examples import example_bytes, example_names

CASES = Path(__file__).resolve().parents[1] / "tests" / "data" / "fictional_cases"
SEALED = "heldout"


def halves() -> tuple[str, ...]:
    """Every half on disk but the sealed one, dev first, then the rounds in order (a new round is read as it lands)."""
    found = [p.name for p in CASES.iterdir() if p.is_dir() and p.name != SEALED and (p / "expectations.yaml").exists()]
    return tuple(sorted(found, key=lambda name: (name != "dev", len(name), name)))


Report = tuple[str, str, dict[str, Any] | None, dict[str, Any]]


def fictional(chosen: tuple[str, ...] | None = None) -> Iterator[Report]:
    """(name, report text, the patient's answers, the case's expectations) of each report in the chosen halves."""
    for half in chosen or halves():
        if half == SEALED:
            raise SystemExit("the sealed half is never read by the benchmarks")
        folder = CASES / half
        cases: list[dict[str, Any]] = yaml.safe_load((folder / "expectations.yaml").read_text(encoding="utf-8"))
        for c in cases:
            answers = json.loads((folder / c["answers"]).read_text(encoding="utf-8")) if c.get("answers") else None
            yield f"{half}:{c['id']}", (folder / c["report"]).read_text(encoding="utf-8"), answers, c


def examples() -> Iterator[tuple[str, str]]:
    """(name, text) of each bundled example."""
    for name in example_names():
        yield f"example:{name}", example_bytes(name).decode("utf-8")
