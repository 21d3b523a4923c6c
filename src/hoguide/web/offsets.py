"""Offsets for browser clients: the JSON's ``start`` and ``end`` counted in UTF-16 code units.

hoguide counts offsets in Unicode code points (Python string indices). A JavaScript string is indexed
in UTF-16 units, where a character outside the Basic Multilingual Plane (an emoji, some CJK) takes
two, so after one of them every ``text.slice(start, end)`` is off. ``?offsets=utf16`` converts them.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Any, Literal

OffsetUnit = Literal["code_points", "utf16"]
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_OFFSET_KEYS = frozenset({"start", "end"})  # every start and end in the JSON is an offset into the text


def has_astral(text: str) -> bool:
    """Does ``text`` hold a character that counts two in UTF-16 (so the two counts differ after it)?"""
    return _ASTRAL.search(text) is not None


def in_utf16(data: dict[str, Any], text: str) -> dict[str, Any]:
    """``data`` with every offset into ``text`` moved by the astral characters before it."""
    astral = [match.start() for match in _ASTRAL.finditer(text)]
    if not astral:
        return data  # the two counts agree

    def convert(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: v + bisect_left(astral, v) if k in _OFFSET_KEYS and type(v) is int else convert(v)
                    for k, v in node.items()}
        if isinstance(node, list):
            return [convert(v) for v in node]
        return node

    converted: dict[str, Any] = convert(data)
    return converted
