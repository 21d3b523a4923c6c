"""Short forms a text defines for itself: "heterotopic mesenteric ossification (HMO)", then "HMO" alone.

Authors coin their own abbreviations ("HMO", "OH", "PTMO") and use them for the rest of the text. A short
form in brackets just after an HO name (two or more capitals, an optional plural "s") names that concept
wherever it appears later in the text, as a word and in the same case. The bracketed form itself is the
definition and is dropped by the reader (``guards.is_definition``); a later use the lexicon already found
(a guarded "MO") is left to its own rules.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TypeVar

from hoguide.reading.matcher import Hit

P = TypeVar("P")
_SHORT_FORM = re.compile(r"\(\s*([A-Z]{2,6}s?)\s*\)")
_REACH = 2  # characters allowed between the name and its bracket: "ossification (HMO)"


def defined_short_forms(text: str, anchors: Sequence[Hit[P]], names: Callable[[Hit[P]], bool]) -> list[Hit[P]]:
    """``anchors`` (sorted by start) with a hit for each later use of a short form that ``text`` defines
    after one of its ``names`` hits; each new hit takes the name's layer and payload."""
    name_ends = {hit.end: hit for hit in anchors if names(hit)}
    if not name_ends or "(" not in text:
        return list(anchors)
    taken = {hit.start for hit in anchors}
    added: list[Hit[P]] = []
    for definition in _SHORT_FORM.finditer(text):
        name = next((name_ends[end] for end in range(definition.start() - _REACH, definition.start() + 1)
                     if end in name_ends), None)
        if name is None:
            continue
        short = definition.group(1)
        for use in re.finditer(rf"(?<![\w-]){re.escape(short)}(?![\w-])", text[definition.end():]):
            start = definition.end() + use.start()
            if start not in taken:
                taken.add(start)
                added.append(Hit(start, start + len(short), name.layer, name.payload))
    if not added:
        return list(anchors)
    return sorted([*anchors, *added], key=lambda hit: hit.start)
