"""Split report text into sentences: the scope of every ConText trigger.

Clinical text breaks sentences in more ways than prose (ecosystem.md §3.7, the most common
complaint about clinical NLP tools): besides ". Next", a blank line, a list item ("- ", "1.",
"•"), a section header and a semicolon each start a new sentence: radiologists join separate
findings with ";" ("HO about the right hip; no HO on the left"). Line wraps inside a sentence do not.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

# "Dr. Smith", "e.g. the" and initials are not sentence ends: each abbreviation becomes a
# fixed-width look-behind, so the check runs inside the regular expression engine.
_ABBREVIATIONS = (
    "dr", "mr", "mrs", "ms", "vs", "no", "nos", "fig", "approx", "appt", "st", "pt", "pts", "hx", "dx", "tx",
    "sx", "etc", "incl", "cf", "al", "e.g", "i.e", "a.m", "p.m", "b.i.d", "t.i.d", "q.i.d", "q.d", "p.o",
    "u.s", "inc", "jr", "sr",
)
# The look-behinds come after the first stop, so the engine only tries them at a "." it found.
_NOT_ABBREVIATION = "".join(
    rf"(?<!\b(?i:{re.escape(a)})\.)" for a in sorted(_ABBREVIATIONS, key=len, reverse=True)
) + r"(?<!\b[A-Za-z]\.)"
_END = re.compile(
    rf"[.!?]{_NOT_ABBREVIATION}[.!?]*[\"')\]]*(?:[ \t]+|[ \t]*\r?\n[ \t]*)(?=[A-Z0-9\"'(\[•*-])"
)
# Line ends may be "\r\n" (Windows files, and every textarea a browser submits).
_BREAK = re.compile(r"\n[ \t\r]*\n\s*|\n(?=[ \t]*(?:[-*•]|\d{1,2}[.)])[ \t])|;\s*")
# An inline enumeration ("1) esophagitis s/p biopsy 2) hiatal hernia") starts a new item too. Found
# from each ")" with str.find: an alternative in _BREAK would be tried at every character.
_ENUMERATION = re.compile(r"(?<=[A-Za-z,.][ \t])\d{1,2}\)[ \t]+[A-Za-z]")
MAX_SENTENCE_CHARS = 1000


def _is_list_number(text: str, dot: int) -> bool:
    """The "1." of a numbered list item ends no sentence."""
    line_start = text.rfind("\n", max(0, dot - 5), dot) + 1 if dot > 5 else 0
    return 0 < dot - line_start <= 4 and text[line_start:dot].strip().isdigit()


@dataclass(frozen=True, slots=True)
class SentenceIndex:
    """Sentence boundaries of one text; ``span(offset)`` gives the sentence holding an offset."""

    starts: tuple[int, ...]
    length: int

    def span(self, offset: int) -> tuple[int, int]:
        i = bisect_right(self.starts, offset) - 1
        start = self.starts[i] if i >= 0 else 0
        end = self.starts[i + 1] if i + 1 < len(self.starts) else self.length
        return start, end

    def spans(self) -> list[tuple[int, int]]:
        bounds = [*self.starts, self.length]
        return [(bounds[i], bounds[i + 1]) for i in range(len(self.starts))]


def split_sentences(text: str, extra_breaks: Iterable[int] = ()) -> SentenceIndex:
    """Sentence starts for ``text``; ``extra_breaks`` are offsets that must start a sentence
    (section headers and bodies)."""
    starts = {0}
    for match in _END.finditer(text):
        dot = match.start()
        if dot and text[dot - 1].isdigit() and text[dot] == "." and _is_list_number(text, dot):
            continue
        starts.add(match.end())
    for match in _BREAK.finditer(text):
        starts.add(match.end())
    starts.update(_inline_enumerations(text))
    starts.update(extra_breaks)
    ordered = sorted(s for s in starts if s < len(text)) or [0]
    return SentenceIndex(tuple(_cap_length(text, ordered)), len(text))


def _inline_enumerations(text: str) -> list[int]:
    found = []
    close = text.find(")")
    while close != -1:
        digits = close - 2 if close >= 2 and text[close - 2].isdigit() else close - 1
        if digits >= 0 and text[digits].isdigit() and _ENUMERATION.match(text, digits):
            found.append(digits)
        close = text.find(")", close + 1)
    return found


def _cap_length(text: str, starts: list[int]) -> list[int]:
    """Break run-on "sentences" (tables, pasted lists, junk) at white space every few hundred
    characters: a trigger's scope never needs more, and it keeps ConText linear in the text."""
    capped: list[int] = []
    bounds = [*starts, len(text)]
    for start, end in pairwise(bounds):
        capped.append(start)
        while end - start > MAX_SENTENCE_CHARS:
            cut = text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
            start = cut + 1 if cut != -1 else start + MAX_SENTENCE_CHARS
            capped.append(start)
    return capped
