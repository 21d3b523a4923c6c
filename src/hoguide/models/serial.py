"""Plain JSON-ready dicts from the frozen value types, one rule for all of them."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

_SCALARS = (str, int, float, bool, type(None))


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}  # per class; the value types are few and fixed


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
    """Every field of a dataclass instance, converted with ``plain``."""
    cls = type(obj)
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(obj))
    return {name: plain(getattr(obj, name)) for name in names if name not in skip}
