"""The report annotated: every word the glossary explains, and every HO mention linked to the answers
it feeds (issue 16, item 4).

HO mentions come from the Reading (a finding's character offsets); glossary words are found here, by
the phrases each glossary term lists (``GlossaryTerm.phrases``). The segments are rendered by the page
template, autoescaped: the report is untrusted text and never leaves these plain strings.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from hoguide.knowledge.schema import GlossaryTerm
from hoguide.models.assessment import QUESTIONS, Assessment, Evidence, QuestionId

MAX_MARKS = 600  # marks per report: a page stays small even for a report of 50,000 mentions
SEARCH_STEP = 4_000  # characters per glossary search (a few ms): see matches_in_steps
SEARCH_OVERLAP = 1_000  # longer than any glossary phrase
HO_TERM = "heterotopic ossification"  # the definition an HO mention gets when its own words have none


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of the report: plain text, a glossary word, or an HO mention (``kind`` says which)."""

    text: str
    kind: str = "plain"  # plain, term or ho
    term: str = ""  # the glossary entry's name
    definition: str = ""
    answers: tuple[QuestionId, ...] = ()  # the answers an HO mention feeds, in page order


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    entry: GlossaryTerm | None
    answers: tuple[QuestionId, ...] = ()
    ho: bool = False


def _phrase_pattern(phrase: str) -> str:
    words = [re.escape(w) for w in re.split(r"[\s\-–]+", phrase.strip()) if w]
    return r"[\s\-–]+".join(words) + r"(?:e?s)?"


@lru_cache(maxsize=4)
def _matchers(glossary: tuple[GlossaryTerm, ...]) -> tuple[tuple[re.Pattern[str], dict[str, GlossaryTerm]], ...]:
    """Two alternations, longest phrase first: abbreviations in capitals match only as written
    ("HO", "CT"), other words in any case."""
    exact: dict[str, GlossaryTerm] = {}
    folded: dict[str, GlossaryTerm] = {}
    for entry in glossary:
        for phrase in entry.phrases:
            if phrase.isupper():
                exact.setdefault(phrase, entry)
            else:
                folded.setdefault(phrase.lower(), entry)
    built = []
    for table, flags in ((exact, 0), (folded, re.IGNORECASE)):
        if table:
            ordered = sorted(table, key=len, reverse=True)
            pattern = r"(?<![\w])(?:" + "|".join(_phrase_pattern(p) for p in ordered) + r")(?![\w])"
            built.append((re.compile(pattern, flags), table))
    return tuple(built)


def _entry_for(found: str, table: dict[str, GlossaryTerm], folded: bool) -> GlossaryTerm | None:
    key = " ".join(re.split(r"[\s\-–]+", found))
    candidates = (key, re.sub(r"e?s$", "", key), key[:-1])
    for candidate in candidates:
        entry = table.get(candidate.lower() if folded else candidate)
        if entry is not None:
            return entry
    # hyphen or dash forms of a listed phrase ("range-of-motion"): compare letters only
    letters = re.sub(r"\W", "", key).lower()
    return next((e for p, e in table.items() if re.sub(r"\W", "", p).lower() in (letters, letters[:-1])), None)


def glossary_spans(text: str, glossary: tuple[GlossaryTerm, ...]) -> list[_Span]:
    spans: list[_Span] = []
    for pattern, table in _matchers(glossary):
        folded = bool(pattern.flags & re.IGNORECASE)
        for match in matches_in_steps(pattern, text):
            entry = _entry_for(match.group(0), table, folded)
            if entry is not None:
                spans.append(_Span(match.start(), match.end(), entry))
    return spans


def matches_in_steps(pattern: re.Pattern[str], text: str, step: int = SEARCH_STEP,
                     overlap: int = SEARCH_OVERLAP) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, each search limited to ``step`` characters (and ``overlap`` more for
    a match that starts near the end): a search is one call into the regex engine, which keeps the GIL
    until it returns, and over a long report with few glossary words one search ran for a second while
    the web server's event loop waited. A match that reaches the end of its window (where a word may
    have been cut) is tried again on the whole text. Only a phrase longer than ``overlap`` characters
    could be missed."""
    pos, size = 0, len(text)
    while pos < size:
        end = min(size, pos + step)
        limit = min(size, end + overlap)
        match = pattern.search(text, pos, limit)
        if match is None or match.start() >= end:
            pos = end
            continue
        if match.end() == limit < size:
            start = match.start()
            match = pattern.match(text, start)  # anchored: one try, on the text as it is
            if match is None:  # the window's end made it a match: search on after its start
                pos = start + 1
                continue
        yield match
        pos = match.end()


def _merged(evidence: Sequence[Evidence], reading: int) -> tuple[list[int], list[int]]:
    """The evidence spans of one reading, merged and sorted: starts and ends, for bisection."""
    starts: list[int] = []
    ends: list[int] = []
    for start, end in sorted((e.start, e.end) for e in evidence if e.reading == reading):
        if ends and start <= ends[-1]:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)
    return starts, ends


def _overlaps(start: int, end: int, spans: tuple[list[int], list[int]]) -> bool:
    starts, ends = spans
    i = bisect_right(starts, end - 1) - 1  # the last span starting before ``end``
    return i >= 0 and ends[i] > start


def _lookup(words: str, by_phrase: dict[str, GlossaryTerm]) -> GlossaryTerm | None:
    wanted = " ".join(words.lower().split())
    return by_phrase.get(wanted) or by_phrase.get(HO_TERM)


def _without_overlaps(spans: list[_Span]) -> list[_Span]:
    """Sorted spans without those that overlap an earlier one."""
    kept: list[_Span] = []
    for span in spans:
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    return kept


def annotate(assessment: Assessment, reading: int, glossary: tuple[GlossaryTerm, ...]) -> list[Segment]:
    """The report of ``assessment.readings[reading]`` as segments. HO mentions win over glossary words
    they overlap; of overlapping glossary words the earlier, then the longer, wins. At most
    ``MAX_MARKS`` marks: the rest of a huge report is plain text."""
    text = assessment.readings[reading].text
    fed = {q: _merged(assessment.answers[q].evidence, reading) for q in QUESTIONS if q in assessment.answers}
    by_phrase = {p.lower(): e for e in glossary for p in e.phrases}
    mentions = [
        _Span(f.start, f.end, _lookup(f.text, by_phrase),
              tuple(q for q, spans in fed.items() if _overlaps(f.start, f.end, spans)), ho=True)
        for f in assessment.readings[reading].findings[:MAX_MARKS]
        if f.experiencer == "patient" and 0 <= f.start < f.end <= len(text)
    ]
    words = glossary_spans(text, glossary)
    taken = _without_overlaps(sorted(mentions, key=lambda s: (s.start, -(s.end - s.start))))
    cut = taken[-1].end if len(taken) == MAX_MARKS else len(text)
    marked = ([t.start for t in taken], [t.end for t in taken])  # sorted and disjoint: bisection works
    for span in _without_overlaps(sorted(words, key=lambda s: (s.start, -(s.end - s.start)))):
        if span.end <= cut and not _overlaps(span.start, span.end, marked):
            taken.append(span)
    taken = sorted(taken, key=lambda s: s.start)[:MAX_MARKS]
    segments: list[Segment] = []
    cursor = 0
    for span in taken:
        if span.start > cursor:
            segments.append(Segment(text[cursor:span.start]))
        entry = span.entry
        segments.append(Segment(text[span.start:span.end], "ho" if span.ho else "term",
                                entry.term if entry else "", entry.patient if entry else "", span.answers))
        cursor = span.end
    if cursor < len(text):
        segments.append(Segment(text[cursor:]))
    return segments
