"""Imports point toward the core (design.md): the shells import the core, never the other way."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[1] / "src" / "hoguide"
SHELLS = ("hoguide.web", "hoguide.batch", "hoguide.spark", "hoguide.cli", "hoguide.cli_common", "hoguide.cli_scan")
FORBIDDEN = {
    # layer: what its modules may not import
    "reading": (*SHELLS, "hoguide.guidance", "hoguide.render"),
    "guidance": (*SHELLS, "hoguide.render"),
    "knowledge": (*SHELLS, "hoguide.guidance", "hoguide.render", "hoguide.reading"),
    "models": (*SHELLS, "hoguide.guidance", "hoguide.render"),
    "render": SHELLS,
}


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", FORBIDDEN)
def test_a_layer_imports_nothing_outside_it(layer: str) -> None:
    wrong = {f"{path.relative_to(PACKAGE)}: {name}" for path in (PACKAGE / layer).rglob("*.py")
             for name in _imports(path) if name.startswith(FORBIDDEN[layer])}
    assert not wrong, sorted(wrong)
