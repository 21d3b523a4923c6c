"""Plain JSON-ready values from the frozen value types, one rule for all of them.

Each value type says what its JSON object holds with ``json_object`` (shallow: its values may still be
value types and tuples; by default every field, the long lists cut). ``plain`` turns that into nested
dicts and lists (``to_dict``); the web API hands the same ``json_object`` to orjson as its ``default``,
which writes the bytes without building the dicts first. One shape, two walkers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from typing import Any

_SCALARS = frozenset((str, int, float, bool, type(None)))


# Lists that grow with the input are cut in the JSON, with ``<name>_omitted`` counting the rest: a 1 MB
# report of "HO, HO, …" has 250,000 mentions, and every answer rests on all of them (136 MB of JSON).
# The Python objects keep everything (the scan's rows and the evaluation use them, not this JSON).
LIST_LIMITS: dict[str, int] = {"evidence": 20, "findings": 1_000, "facts": 1_000, "mimics": 1_000,
                               "sections": 1_000}

# Per class and fields skipped, one function that writes the fields' JSON object (``json_fields``), compiled on
# first use: the value types are few and fixed, and a loop over each one's fields by name was a third of the
# API's serialisation.
_WRITERS: dict[tuple[type, tuple[str, ...]], Callable[[Any], dict[str, Any]]] = {}


class Serial:
    """A value type with a JSON form: ``to_dict()``, built from ``json_object()``."""

    __slots__ = ()

    def json_object(self) -> dict[str, Any]:
        """This value's JSON object, one level deep (see the module's docstring)."""
        return json_fields(self)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = plain(self)
        return data


def plain(value: Any) -> Any:
    """Value types to dicts (through their ``json_object``), tuples to lists, all the way down."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is tuple or kind is list:
        return [v if type(v) in _SCALARS else plain(v) for v in value]
    if kind is dict:
        return {k: v if type(v) in _SCALARS else plain(v) for k, v in value.items()}
    return plain(json_object(value))


def json_object(value: Any) -> dict[str, Any]:
    """The JSON object of a value type: its own ``json_object``; for a dataclass that is not a Serial,
    its own ``to_dict``, else its fields."""
    own = getattr(value, "json_object", None) or getattr(value, "to_dict", None)
    return own() if own is not None else json_fields(value)


def fields_of(obj: Any, *, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """Every field of a dataclass instance but ``skip``, converted with ``plain``; the lists of LIST_LIMITS cut."""
    return {name: plain(value) for name, value in json_fields(obj, skip=skip).items()}


def json_fields(obj: Any, *, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """Every field of a dataclass instance but ``skip``, unconverted; the lists of LIST_LIMITS cut."""
    writer = _WRITERS.get((type(obj), skip))
    if writer is None:
        writer = _WRITERS[(type(obj), skip)] = _writer(type(obj), skip)
    return writer(obj)


def _writer(cls: type, skip: tuple[str, ...]) -> Callable[[Any], dict[str, Any]]:
    """``json_fields`` for one class as Python code: a field in LIST_LIMITS is cut, with ``<name>_omitted``
    right after it; every other field is written as it is, in the order of the fields."""
    lines = ["def write(obj):", "    data = {}"]
    for field in fields(cls):
        name, limit = field.name, LIST_LIMITS.get(field.name)
        if name in skip:
            continue
        assert name.isidentifier()  # a dataclass field: the name is code-safe
        if limit is None:
            lines.append(f"    data[{name!r}] = obj.{name}")
        else:
            lines += [f"    value = obj.{name}",
                      f"    if len(value) > {limit}:",
                      f"        data[{name!r}] = value[:{limit}]",
                      f"        data[{name!r} + '_omitted'] = len(value) - {limit}",
                      "    else:",
                      f"        data[{name!r}] = value"]
    lines.append("    return data")
    namespace: dict[str, Any] = {}
    exec("\n".join(lines), namespace)
    writer: Callable[[Any], dict[str, Any]] = namespace["write"]
    return writer
