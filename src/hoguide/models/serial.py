"""Plain JSON-ready dicts from the frozen value types, one rule for all of them."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from typing import Any


def plain(value: Any) -> Any:
    """Dataclasses to dicts (through their own ``to_dict`` when they have one), tuples to lists."""
    if is_dataclass(value) and not isinstance(value, type):
        to_dict = getattr(value, "to_dict", None)
        return to_dict() if to_dict is not None else fields_of(value)
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def fields_of(obj: Any, *, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """Every field of a dataclass instance, converted with ``plain``."""
    return {f.name: plain(getattr(obj, f.name)) for f in fields(obj) if f.name not in skip}
