"""Split a report into sections (history, comparison, findings, impression, gross …).

Header phrases come from ``section_rules.yaml`` and are found by the automaton; a phrase counts
as a header only where it is used as one (see ``_header_body_start``).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from hoguide.knowledge.schema import SectionRule
from hoguide.models.reading import Section
from hoguide.reading.matcher import PhraseMatcher

_LINE_START_SLACK = 8  # spaces or tabs a header may be indented by


@dataclass(frozen=True, slots=True)
class SectionIndex:
    """Sections of one report, with a fast lookup from an offset to its section."""

    sections: tuple[Section, ...]
    header_spans: tuple[tuple[int, int], ...]  # (header start, body start) of each section
    _starts: tuple[int, ...]

    def at(self, offset: int) -> Section | None:
        i = bisect_right(self._starts, offset) - 1
        return self.sections[i] if i >= 0 else None


class Sectionizer:
    """Finds section headers. The reader passes the header hits of its one automaton pass; used
    on its own, the sectionizer runs a small automaton of its own over the headers."""

    def __init__(self, rules: Sequence[SectionRule]) -> None:
        self.rules = {rule.id: rule for rule in rules}
        self._matcher: PhraseMatcher[str] = PhraseMatcher(
            (header, "section", rule.id, False) for rule in rules for header in rule.headers
        )

    def split(self, text: str, header_hits: Sequence[tuple[int, int, str]] | None = None) -> SectionIndex:
        """Sections of ``text``; ``header_hits`` are (start, end, section id) of known header phrases."""
        if header_hits is None:
            header_hits = [(h.start, h.end, h.payload) for h in self._matcher.find(text)]
        found: list[tuple[int, int, str, str]] = []  # header start, body start, id, header text
        for start, end, section_id in header_hits:
            body = _header_body_start(text, start, end)
            if body is not None:
                found.append((start, body, section_id, text[start:end]))
        stops = [f[0] for f in found[1:]] + [len(text)] * bool(found)
        sections = [Section(section_id, header, body, stop)
                    for (_, body, section_id, header), stop in zip(found, stops, strict=True)]
        return SectionIndex(tuple(sections), tuple((f[0], f[1]) for f in found), tuple(f[0] for f in found))


def _header_body_start(text: str, start: int, end: int) -> int | None:
    """Where the body starts if the phrase at ``text[start:end]`` is used as a header, else None.

    A header starts its line and ends with a colon ("IMPRESSION:") or with the line ("FINDINGS");
    in reports run together on one line, an upper-case header with a colon may follow a sentence
    end ("... hip. IMPRESSION: ...").
    """
    after = end
    while after < len(text) and text[after] in " \t":
        after += 1
    colon = after < len(text) and text[after] == ":"
    line_end = after == len(text) or text[after] in "\r\n"
    if not (colon or line_end):  # the common case: a header word used in a sentence ("history of")
        return None
    newline = text.rfind("\n", max(0, start - _LINE_START_SLACK - 1), start)
    line_start = (newline != -1 or start <= _LINE_START_SLACK) and not text[newline + 1 : start].strip()
    if line_start and colon:
        return after + 1
    if line_start and line_end:
        return after
    before = text[max(0, start - 3) : start]
    after_sentence = before.rstrip(" ") != before and before.rstrip(" ")[-1:] in (".", "!", "?")
    if colon and after_sentence and text[start:end].isupper():
        return after + 1
    return None
