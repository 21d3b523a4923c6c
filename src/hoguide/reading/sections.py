"""Split a report into sections (history, comparison, findings, impression, gross …).

A header is a known phrase from ``section_rules.yaml`` that starts a line and ends with a colon
("IMPRESSION:"), that stands alone on its line ("FINDINGS"), or, in reports run together on one
line, an upper-case known phrase with a colon right after a sentence ("… hip. IMPRESSION: …").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from hoguide.folding import normalise_phrase
from hoguide.knowledge.schema import SectionRule
from hoguide.models.reading import Section

# Candidate header text: letters and a little punctuation, at most 60 characters, then a colon;
# or a whole line. Both are bounded, so there is no catastrophic backtracking.
_COLON_HEADER = re.compile(
    r"(?:^|(?<=\n)|(?<=[.!?] )|(?<=[.!?]  ))[ \t]*([A-Za-z][A-Za-z &/()'-]{0,60}?)[ \t]*:"
)
_LINE_HEADER = re.compile(r"(?m)^[ \t]*([A-Za-z][A-Za-z &/()'-]{0,60}?)[ \t]*$")


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
    def __init__(self, rules: Sequence[SectionRule]) -> None:
        self._by_header = {normalise_phrase(h): rule.id for rule in rules for h in rule.headers}
        self.rules = {rule.id: rule for rule in rules}

    def split(self, text: str) -> SectionIndex:
        found: dict[int, tuple[int, str, str]] = {}  # header start -> (body start, id, header text)
        for match in _COLON_HEADER.finditer(text):
            header = match.group(1)
            section_id = self._by_header.get(normalise_phrase(header))
            if section_id is None:
                continue
            mid_line = match.start() > 0 and text[match.start() - 1] not in "\n"
            if mid_line and not header.isupper():
                continue
            found[match.start(1)] = (match.end(), section_id, header.strip())
        for match in _LINE_HEADER.finditer(text):
            header = match.group(1)
            section_id = self._by_header.get(normalise_phrase(header))
            if section_id is not None and match.start(1) not in found:
                found[match.start(1)] = (match.end(), section_id, header.strip())
        starts = sorted(found)
        sections: list[Section] = []
        spans: list[tuple[int, int]] = []
        for i, start in enumerate(starts):
            body_start, section_id, header = found[start]
            end = starts[i + 1] if i + 1 < len(starts) else len(text)
            sections.append(Section(section_id, header, body_start, end))
            spans.append((start, body_start))
        return SectionIndex(tuple(sections), tuple(spans), tuple(starts))
