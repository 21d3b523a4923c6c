"""Typed settings, read lazily from the environment and overridable in tests."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from importlib import import_module
from types import ModuleType

DEFAULT_MAX_REPORT_BYTES = 1_000_000


@dataclass(frozen=True, slots=True)
class Settings:
    """Limits that protect the reader from inputs nobody means to send.

    ``max_report_bytes`` bounds one report (``HOGUIDE_MAX_REPORT_BYTES``); a report is a
    few kilobytes, so 1 MB leaves room for long discharge summaries.
    """

    max_report_bytes: int = DEFAULT_MAX_REPORT_BYTES


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    raw = os.environ.get("HOGUIDE_MAX_REPORT_BYTES")
    if raw is None:
        return Settings()
    try:
        limit = int(raw)
    except ValueError:
        limit = 0
    if limit <= 0:
        from hoguide.errors import InputError

        raise InputError(f"HOGUIDE_MAX_REPORT_BYTES must be a positive whole number, not {raw!r}")
    return Settings(max_report_bytes=limit)


def pure_python_requested() -> bool:
    """``HOGUIDE_PURE_PYTHON=1``: read with the pure-Python paths even where the C extensions are built
    (to compare them, or to rule them out)."""
    return os.environ.get("HOGUIDE_PURE_PYTHON", "") not in ("", "0")


def native_module(name: str) -> ModuleType | None:
    """The C extension ``hoguide.reading.<name>``, or None where it was not built (no C compiler at
    install) or ``HOGUIDE_PURE_PYTHON`` asks for the pure-Python paths."""
    if pure_python_requested():
        return None
    try:
        return import_module(f"hoguide.reading.{name}")
    except ImportError:
        return None
