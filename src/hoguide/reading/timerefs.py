"""Time references guidance needs: dates and intervals ("4 months after surgery", "6 weeks ago").

Numeric dates are found from their separators (fast to scan for). Worded
references are matched only at a time word the automaton already found (a unit, a month name,
"POD"), one anchored pattern per kind of word, so text without time words costs nothing here. Every pattern is bounded:
matching stays linear in the text.

(A C finder of the numeric dates saved under 3 % of the whole read and was retired: see
benchmarks/RESULTS.md.)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from operator import attrgetter
from typing import NamedTuple

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

# Numeric dates are found from their first separator: a pattern that starts with a literal "-" or
# "/" is scanned for at C speed, while one that starts with a digit is tried at every digit (lab
# values and vital signs are full of them). The look-behind then checks the digits before it
# (for "-", a whole 19xx/20xx year, so the match is already an ISO date).
_ISO_FROM_DASH = re.compile(r"-(?<=(?:19|20)\d\d-)[01]?\d-[0-3]?\d")
_US_FROM_SLASH = re.compile(r"/(?<=\d/)[0-3]?\d/(?:19|20)?\d\d")
# Each worded form is tried only where its cue word is: a month name starts a named date, a
# postoperative-day word starts that form, and a unit is the middle of an interval, whose number
# is looked for just before it (``_NUMBER_BEFORE`` must end where the unit starts).
_NAMED = re.compile(
    rf"\b{_MONTH_NAME}\s{{1,3}}(?:(?P<nd>[0-3]?\d)(?:st|nd|rd|th)?,?\s{{1,3}})?(?P<ny>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_POSTOPERATIVE_DAY = re.compile(
    r"\b(?:(?:postoperative|post-operative|post-op|postop) day\s{1,3}\d{1,3}|pod\s{0,2}#?\s{0,2}\d{1,3})\b",
    re.IGNORECASE,
)
_UNIT_AND_RELATION = re.compile(rf"{_UNIT}[\s-]{{1,3}}{_RELATION}\b", re.IGNORECASE)
_NUMBER_BEFORE = re.compile(rf"\b{_NUMBER_WORD}[\s-]{{1,3}}\Z", re.IGNORECASE)
_NUMBER_REACH = 16  # "several - weeks": how far before the unit its number may start

class TimeReference(NamedTuple):
    """A date or interval found in the text. A named tuple rather than a frozen dataclass: notes
    are full of dated lines, and tuples are about twice as cheap to create."""

    concept: str  # date | interval | postoperative_day
    start: int
    end: int
    value: str | None  # ISO date when the date is complete and valid


# A named tuple is built through a Python-level __new__; tuple.__new__(TimeReference, fields) makes
# the same tuple without that call, which saves about 7% of this module's time on the benchmark
# corpus (11,600 dates in 3,000 notes).
_new_tuple = tuple.__new__

def _iso_dates(text: str) -> list[TimeReference]:
    found = []
    for match in _ISO_FROM_DASH.finditer(text):
        dash, end = match.span()
        start = dash - 4  # the year the look-behind checked
        if _stands_alone(text, start, end):
            found.append(_new_tuple(TimeReference, ("date", start, end, _iso_value(text[start:end]))))
    return found


def _us_dates(text: str) -> list[TimeReference]:
    """Dates written with slashes: month first, as in the American notes of the test kit, unless the text writes a
    day over 12 first anywhere ("22/08/2026"), which makes it a day-first text throughout: "(11/07/2026)" in a UK
    letter is July, not November (round 27, 498 was told of an infection a month old that was five months old)."""
    spans = []
    for match in _US_FROM_SLASH.finditer(text):
        slash, end = match.span()
        start = slash - 2 if slash >= 2 and text[slash - 2].isdigit() else slash - 1
        spans.append((start, end))
    # (a range's second date counts too: "PICU 11/07-22/08/2026")
    day_first = any(int(text[start:end].split("/")[0]) > 12 for start, end in spans)
    found = []
    for start, end in spans:
        if not _stands_alone(text, start, end):
            continue
        # a two-digit month starts with 0 or 1 ("25/12/2024" is no month-first date)
        if day_first or text[start + 1] == "/" or text[start] in "01":
            found.append(_new_tuple(TimeReference, ("date", start, end, _slashed_value(text[start:end], day_first))))
    return found


def _stands_alone(text: str, start: int, end: int) -> bool:
    """Not part of a longer token: "v2024-01-05", "1/2/3/24", "555-2026-01-01" are not dates."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before in "/-." or after.isalnum() or after in "/-")


# Not cached, though notes repeat their dates: a cache would keep patients' dates in the memory
# of a long-running server after their request (this costs about 4 ms per 3,000 notes).
def _iso_value(found: str) -> str | None:
    year, month, day = found.split("-")
    return _valid_date(int(year), int(month), int(day))


def _slashed_value(found: str, day_first: bool = False) -> str | None:
    first, second, year = found.split("/")
    month, day = (second, first) if day_first else (first, second)
    return _valid_date(int(year) + (2000 if len(year) == 2 else 0), int(month), int(day))


_DAYS_IN_MONTH = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # February 29 checked below


def _valid_date(year: int, month: int, day: int) -> str | None:
    """The ISO form of a date, or None when there is no such day. Years are 1900-2099 here, so
    ``f"{year}"`` has the four digits ``date.isoformat`` would give."""
    if not (1 <= month <= 12 and 1 <= day <= _DAYS_IN_MONTH[month]):
        return None
    if month == 2 and day == 29 and not (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)):
        return None
    return f"{year}-{month:02d}-{day:02d}"


def _worded(text: str, cues: Iterable[tuple[int, int, str]]) -> list[TimeReference]:
    refs: list[TimeReference] = []
    seen: set[int] = set()
    for cue_start, _, cue in cues:
        if cue == "month_name":
            if named := _NAMED.match(text, cue_start):
                month = _MONTHS[named.group(0)[:3].lower()]
                day, year = named.group("nd"), int(named.group("ny"))
                value = _valid_date(year, month, int(day)) if day else f"{year}-{month:02d}"
                found = TimeReference("date", cue_start, named.end(), value)
            else:
                continue
        elif cue == "postoperative_day":
            if not (pod := _POSTOPERATIVE_DAY.match(text, cue_start)):
                continue
            found = TimeReference("postoperative_day", cue_start, pod.end(), _written(pod.group(0)))
        else:
            tail = _UNIT_AND_RELATION.match(text, cue_start)
            number = tail and _NUMBER_BEFORE.search(text, max(0, cue_start - _NUMBER_REACH), cue_start)
            if not (tail and number):
                continue
            start = number.start()
            found = TimeReference("interval", start, tail.end(), _written(text[start : tail.end()]))
        if found.start not in seen:  # "pod" inside "postop day 3" is the same reference
            seen.add(found.start)
            refs.append(found)
    return refs


def _written(phrase: str) -> str:
    return " ".join(phrase.lower().split())


_START = attrgetter("start")


def find_time_references(text: str, cues: Iterable[tuple[int, int, str]]) -> list[TimeReference]:
    """Dates and intervals in ``text``; ``cues`` are the time words found by the automaton:
    (start, end, cue concept: unit, month_name or postoperative_day)."""
    found = _iso_dates(text)
    if "/" in text:  # two notes in five have no slash; this test is far faster than the regex's scan
        found += _us_dates(text)
    found += _worded(text, cues)
    found.sort(key=_START)
    return found
