"""The OpenAPI document describes the outputs too: the JSON schemas of ``hoguide.schemas`` (the same
contract as ``hoguide read --json`` and ``explain --format json``) become its components.

A JSON Schema file refers to its own parts as ``#/$defs/…`` and to the reading schema by file name;
inside the OpenAPI document those would point elsewhere, so each part is hoisted to
``#/components/schemas/<Schema>_<part>`` and the references rewritten to match.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

SCHEMAS = {"Reading": "reading.schema.json", "Explanation": "explanation.schema.json"}
PROBLEM_SCHEMA = {  # RFC 9457, as web.problems builds it
    "type": "object", "required": ["type", "title", "status", "detail", "code"],
    "properties": {"type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"},
                   "detail": {"type": "string", "maxLength": 2_100}, "code": {"type": "string"}},
}
_DROP = ("$schema", "$id", "$defs")


def _rewrite(node: Any, name: str) -> Any:
    if isinstance(node, dict):
        out = {k: _rewrite(v, name) for k, v in node.items() if k not in _DROP}
        ref = node.get("$ref")
        if isinstance(ref, str):
            if ref.startswith("#/$defs/"):
                out["$ref"] = f"#/components/schemas/{name}_{ref.removeprefix('#/$defs/')}"
            else:
                out["$ref"] = "#/components/schemas/" + next(k for k, v in SCHEMAS.items() if v == ref)
        return out
    if isinstance(node, list):
        return [_rewrite(v, name) for v in node]
    return node


@cache
def output_components() -> dict[str, Any]:
    """Every schema and its parts, ready for ``components.schemas``."""
    components: dict[str, Any] = {"Problem": PROBLEM_SCHEMA}
    for name, file_name in SCHEMAS.items():
        schema = json.loads(files("hoguide.schemas").joinpath(file_name).read_text(encoding="utf-8"))
        components[name] = _rewrite(schema, name)
        for part, definition in schema.get("$defs", {}).items():
            components[f"{name}_{part}"] = _rewrite(definition, name)
    return components


def output_response(name: str, description: str) -> dict[str, Any]:
    """A 200 response whose body is the named schema, for a route's ``responses``."""
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}}}


def with_output_schemas(document: dict[str, Any]) -> dict[str, Any]:
    document.setdefault("components", {}).setdefault("schemas", {}).update(output_components())
    return document
