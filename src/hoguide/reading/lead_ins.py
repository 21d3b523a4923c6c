"""A list's lead-in reaches its items: in "Call us if you notice any of these:\\n- a fever\\n- a swollen calf"
every item is a sentence of its own (sentences.py), out of reach of the "if" that makes them signs to come
back for, not signs the patient has (round 13, 253). Where the lead-in leaves a hypothetical scope open at
its end, the items up to the next blank line take it, as a section's `implies` would.

Only the hypothetical category is carried: a safety net or a plan's condition over a list is common, and a
wrongly carried condition only hides a flag that the item's own words would also raise elsewhere; a
negation carried over a list ("Denies:") would need its own evidence first.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence

from hoguide.models.reading import ContextResult
from hoguide.reading.sentences import PARAGRAPH_BREAK, SentenceIndex

# A lead-in ends with a colon, or with a condition's "if" alone at the end of its line ("CALL US IF"), and a
# list item starts the next line.
_LEAD_IN_END = re.compile(r"(?::|\b[Ii][Ff])[ \t]*\r?\n(?=[ \t]*(?:[-*•]|\d{1,2}[.)])[ \t])")
# ... or a colon with a list run on after it, its items parted by semicolons ("5. Risks discussed: the bone can re-form
# despite prevention; he may not regain full bending; wound problems, infection ...": round 25, 471 was told to get
# checked for an infection today); the items run to the next list item or blank line
_INLINE_LEAD_IN = re.compile(r":[ \t]+(?=[^\n;]{1,300};)")  # (bounded: a long line stays linear)
OPENER_REACH = 40  # characters from a trigger that may reach a list to the colon after it ("Risks discussed:")
_NEXT_ITEM = re.compile(r"\n[ \t\r]*\n|\n(?=[ \t]*(?:[-*•]|\d{1,2}[.)])[ \t])")


class LeadIns:
    """The spans of list items whose lead-in leaves a hypothetical scope open, for one text."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self._starts = [s for s, _ in spans]
        self._ends = [e for _, e in spans]

    def covers(self, offset: int) -> bool:
        i = bisect_right(self._starts, offset) - 1
        return i >= 0 and offset < self._ends[i]


NO_LEAD_INS = LeadIns(())


def hypothetical_lists(text: str, sentences: SentenceIndex, context_at_end: Callable[[int, int], ContextResult],
                       openers: Sequence[int] = ()) -> LeadIns:
    """The list items of ``text`` that a hypothetical lead-in governs. ``context_at_end(sentence_start, end)`` is
    ConText, with the triggers of the lead-in's sentence, for a word standing at ``end`` (where the list starts);
    ``openers``: where the triggers that may reach a list end (a list run on after a colon is looked for only just
    after one: "Risks discussed:")."""
    spans: list[tuple[int, int]] = []
    for lead_in in _LEAD_IN_END.finditer(text):
        if spans and lead_in.start() < spans[-1][1]:
            continue  # a nested lead-in inside a list already carried
        end = lead_in.start() + (1 if text[lead_in.start()] == ":" else 2)
        first, _ = sentences.span(lead_in.start())
        if not context_at_end(first, end).hypothetical:
            continue
        blank = PARAGRAPH_BREAK.search(text, lead_in.end())
        spans.append((lead_in.end(), blank.start() if blank is not None else len(text)))
    if openers and ";" in text:
        listed, reached = LeadIns(spans), 0  # reached: where this loop's last list ends
        for opener in openers:
            colon = text.find(":", opener, opener + OPENER_REACH)
            inline = _INLINE_LEAD_IN.match(text, colon) if colon >= 0 else None
            if inline is None or "\n" in text[opener:colon] or colon < reached or listed.covers(colon):
                continue
            first, _ = sentences.span(colon)
            if not context_at_end(first, colon + 1).hypothetical:
                continue
            stop = _NEXT_ITEM.search(text, inline.end())
            reached = stop.start() if stop is not None else len(text)
            spans.append((inline.end(), reached))
        spans.sort()  # (the first loop's spans, then these: each list is sorted, and they do not overlap)
    return LeadIns(spans) if spans else NO_LEAD_INS
