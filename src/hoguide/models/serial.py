"""Plain JSON-ready dicts from the frozen value types, one rule for all of them."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

_SCALARS = (str, int, float, bool, type(None))


# Lists that grow with the input are cut in the JSON, with ``<name>_omitted`` counting the rest: a 1 MB
# report of "HO, HO, …" has 250,000 mentions, and every answer rests on all of them (136 MB of JSON).
# The Python objects keep everything (the scan's rows and the evaluation use them, not this JSON).
LIST_LIMITS: dict[str, int] = {"evidence": 20, "findings": 1_000, "facts": 1_000, "mimics": 1_000,
                               "sections": 1_000}

_FIELD_NAMES: dict[type, tuple[tuple[str, int | None], ...]] = {}  # per class; the value types are few and fixed


def plain(value: Any) -> Any:
    """Dataclasses to dicts (through their own ``to_dict`` when they have one), tuples to lists."""
    if isinstance(value, _SCALARS):
        return value
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    to_dict = getattr(value, "to_dict", None)
    return to_dict() if to_dict is not None else fields_of(value)


def fields_of(obj: Any, *, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """Every field of a dataclass instance, converted with ``plain``; the lists of LIST_LIMITS cut."""
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
            data[name] = plain(value[:limit])
            data[f"{name}_omitted"] = len(value) - limit
        else:
            data[name] = plain(value)
    return data
