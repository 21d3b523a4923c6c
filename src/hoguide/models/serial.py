"""Plain JSON-ready values from the frozen value types, one rule for all of them.

Each value type says what its JSON object holds with ``json_object`` (shallow: its values may still be
value types and tuples; by default every field, the long lists cut). ``plain`` turns that into nested
dicts and lists (``to_dict``); the web API hands the same ``json_object`` to orjson as its ``default``,
which writes the bytes without building the dicts first. One shape, two walkers.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

_SCALARS = frozenset((str, int, float, bool, type(None)))


# Lists that grow with the input are cut in the JSON, with ``<name>_omitted`` counting the rest: a 1 MB
# report of "HO, HO, …" has 250,000 mentions, and every answer rests on all of them (136 MB of JSON).
# The Python objects keep everything (the scan's rows and the evaluation use them, not this JSON).
LIST_LIMITS: dict[str, int] = {"evidence": 20, "findings": 1_000, "facts": 1_000, "mimics": 1_000,
                               "sections": 1_000}

_FIELD_NAMES: dict[type, tuple[tuple[str, int | None], ...]] = {}  # per class; the value types are few and fixed


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
    cls = type(obj)
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple((f.name, LIST_LIMITS.get(f.name)) for f in fields(obj))
    data: dict[str, Any] = {}
    for name, limit in names:
        if name in skip:
            continue
        value = getattr(obj, name)
        if limit is not None and len(value) > limit:
            data[name] = value[:limit]
            data[f"{name}_omitted"] = len(value) - limit
        else:
            data[name] = value
    return data
