"""What the text names near a mention: the sites of the sentence before or of the exam title, a header's
colon just before a sentence, the sentence before in the same section. Helpers of the reader.
"""

from __future__ import annotations

from hoguide.models.reading import Section
from hoguide.reading.layers import ATTRIBUTES, Payload
from hoguide.reading.matcher import Hit, HitIndex
from hoguide.reading.sections import SectionIndex
from hoguide.reading.sentences import SentenceIndex

LOOKBACK_SENTENCES = 2  # how far back in a section a site named earlier still applies
TITLE_CHARS = 300  # the exam title region at the top of a report
COLON_REACH = 8  # white space allowed between a header's colon and the sentence after it


def sentence_before(sentences: SentenceIndex, sections: SectionIndex, start: int) -> int:
    """Where the sentence before the one starting at ``start`` starts, in the same section (else ``start``)."""
    if start == 0:
        return start
    before = sentences.span(start - 1)[0]
    return before if sections.at(before) == sections.at(start) else start


def earlier_sites(span: tuple[int, int], section: Section | None, sections: SectionIndex,
                   sentences: SentenceIndex, hits: HitIndex[Payload]) -> tuple[list[str], list[str]]:
    """Sites (and sides) named just before in the same section, else in the exam title at the top."""
    floor = section.start if section is not None else 0
    cursor = span[0]
    for _ in range(LOOKBACK_SENTENCES):
        if cursor <= floor:
            break
        previous = sentences.span(cursor - 1)
        before = hits.group_between(ATTRIBUTES, *previous)
        sites = [h.payload[1] for h in before if h.layer == "site"]
        if sites:
            return sites, [h.payload[1] for h in before if h.layer == "laterality"]
        cursor = previous[0]
    return title_sites(sections, hits)


def title_sites(sections: SectionIndex, hits: HitIndex[Payload]) -> tuple[list[str], list[str]]:
    """Sites and sides in the exam title at the top of the report ("XR RIGHT HIP 2 VIEWS")."""
    title_end = min(TITLE_CHARS, sections.sections[0].start if sections.sections else TITLE_CHARS)
    top = hits.group_between(ATTRIBUTES, 0, title_end)
    sites = [h.payload[1] for h in top if h.layer == "site"]
    sides = [h.payload[1] for h in top if h.layer == "laterality"]
    return (sites, sides) if sites else ([], [])


def colon_before(text: str, start: int) -> int:
    """The offset of a colon that ends the text before ``start`` (white space between), else ``start``."""
    window_start = max(0, start - COLON_REACH)
    before = text[window_start:start].rstrip()
    return window_start + len(before) - 1 if before.endswith(":") else start


def sites_near(index: HitIndex[Payload], span: tuple[int, int], sections: SectionIndex,
                sentences: SentenceIndex, with_sentence_before: bool) -> list[str]:
    """The sites named in the sentence ``span``, and if asked in the one before it in its section
    ("a mass in the quadriceps after a tackle; radiographs are consistent with MO")."""
    section = sections.at(span[0])
    floor = section.start if section is not None else 0
    start = sentences.span(span[0] - 1)[0] if with_sentence_before and span[0] - 1 > floor else span[0]
    return [h.payload[1] for h in index.group_between(ATTRIBUTES, max(start, floor), span[1]) if h.layer == "site"]


def words_apart(text: str, span: tuple[int, int], hit: Hit[Payload]) -> int:
    gap = text[span[1] : hit.start] if hit.start >= span[1] else text[hit.end : span[0]]
    return len(gap.split())
