"""Time references guidance needs: dates and intervals ("4 months after surgery", "6 weeks ago").

Numeric dates are found by one pattern that starts with a digit (fast to scan for). Worded
references are looked for only next to a time word the automaton already found (a unit, a
month name, "POD"), so text without time words costs nothing here. Every pattern is bounded:
matching stays linear in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH_NAME = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_NUMBER_WORD = r"(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few|a)"
_UNIT = r"(?:days?|weeks?|wks?|months?|mos?|years?|yrs?)"
_RELATION = r"(?:ago|after|later|since|following|post|postoperative(?:ly)?|post-op|postop|before|prior)"

_NUMERIC = re.compile(r"\d(?:\d\d\d-[01]?\d-[0-3]?\d|\d?/[0-3]?\d/(?:19|20)?\d\d)")
_ISO = re.compile(r"((?:19|20)\d\d)-([01]?\d)-([0-3]?\d)")
_US = re.compile(r"([01]?\d)/([0-3]?\d)/((?:19|20)?\d\d)")
_WORDED = re.compile(
    rf"(?P<named>\b{_MONTH_NAME}\s{{1,3}}(?:(?P<nd>[0-3]?\d)(?:st|nd|rd|th)?,?\s{{1,3}})?(?P<ny>(?:19|20)\d\d)\b)"
    rf"|(?P<interval>\b{_NUMBER_WORD}[\s-]{{1,3}}{_UNIT}[\s-]{{1,3}}{_RELATION}\b)"
    rf"|(?P<pod>\b(?:postoperative|post-operative|post-op|postop) day\s{{1,3}}\d{{1,3}}\b"
    rf"|\bpod\s{{0,2}}#?\s{{0,2}}\d{{1,3}}\b)",
    re.IGNORECASE,
)
_CUE_REACH_BEFORE = 16  # "twelve weeks" / "December 31, " reach this far before the cue word
_CUE_REACH_AFTER = 30


@dataclass(frozen=True, slots=True)
class TimeReference:
    concept: str  # date | interval | postoperative_day
    start: int
    end: int
    value: str | None  # ISO date when the date is complete and valid


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _numeric_dates(text: str) -> Iterator[TimeReference]:
    for match in _NUMERIC.finditer(text):
        start, end = match.span()
        if (start and (text[start - 1].isalnum() or text[start - 1] in "/-.")) or (
            end < len(text) and (text[end].isalnum() or text[end] in "/-")
        ):
            continue
        found = match.group(0)
        if iso := _ISO.fullmatch(found):
            yield TimeReference("date", start, end, _iso(int(iso[1]), int(iso[2]), int(iso[3])))
        elif us := _US.fullmatch(found):
            year = int(us[3]) + (2000 if len(us[3]) == 2 else 0)
            yield TimeReference("date", start, end, _iso(year, int(us[1]), int(us[2])))


def _worded(text: str, cues: Iterable[tuple[int, int]]) -> Iterator[TimeReference]:
    seen: set[tuple[int, int]] = set()
    for cue_start, cue_end in cues:
        window_start = max(0, cue_start - _CUE_REACH_BEFORE)
        for match in _WORDED.finditer(text, window_start, min(len(text), cue_end + _CUE_REACH_AFTER)):
            span = match.span()
            if span in seen or not (span[0] <= cue_start < span[1]):
                continue
            seen.add(span)
            written = " ".join(match.group(0).lower().split())
            if match.group("named"):
                month = _MONTHS[match.group("named")[:3].lower()]
                day = match.group("nd")
                year = int(match.group("ny"))
                yield TimeReference("date", *span, _iso(year, month, int(day)) if day else f"{year}-{month:02d}")
            elif match.group("interval"):
                yield TimeReference("interval", *span, written)
            else:
                yield TimeReference("postoperative_day", *span, written)


def find_time_references(text: str, cues: Iterable[tuple[int, int]]) -> list[TimeReference]:
    """Dates and intervals in ``text``; ``cues`` are the spans of time words found by the automaton."""
    found = [*_numeric_dates(text), *_worded(text, cues)]
    found.sort(key=lambda ref: ref.start)
    return found
