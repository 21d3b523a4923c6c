"""Time references guidance needs: dates and intervals ("4 months after surgery", "6 weeks ago").

Numeric dates are found from their separators (fast to scan for). Worded
references are matched only at a time word the automaton already found (a unit, a month name,
"POD"), one anchored pattern per kind of word, so text without time words costs nothing here. Every pattern is bounded:
matching stays linear in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date
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
# values and vital signs are full of them). The look-behind then checks the digits before it.
_ISO_FROM_DASH = re.compile(r"-(?<=\d\d\d\d-)[01]?\d-[0-3]?\d")
_US_FROM_SLASH = re.compile(r"/(?<=\d/)[0-3]?\d/(?:19|20)?\d\d")
_ISO = re.compile(r"((?:19|20)\d\d)-([01]?\d)-([0-3]?\d)")
_US = re.compile(r"([01]?\d)/([0-3]?\d)/((?:19|20)?\d\d)")
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


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _numeric_dates(text: str) -> Iterator[TimeReference]:
    spans = [(m.start() - 4, m.end()) for m in _ISO_FROM_DASH.finditer(text)]
    for match in _US_FROM_SLASH.finditer(text):
        slash = match.start()
        spans.append((slash - 2 if slash >= 2 and text[slash - 2].isdigit() else slash - 1, match.end()))
    for start, end in spans:
        if (start and (text[start - 1].isalnum() or text[start - 1] in "/-.")) or (
            end < len(text) and (text[end].isalnum() or text[end] in "/-")
        ):
            continue
        found = text[start:end]
        if iso := _ISO.fullmatch(found):
            yield TimeReference("date", start, end, _iso(int(iso[1]), int(iso[2]), int(iso[3])))
        elif us := _US.fullmatch(found):
            year = int(us[3]) + (2000 if len(us[3]) == 2 else 0)
            yield TimeReference("date", start, end, _iso(year, int(us[1]), int(us[2])))


def _worded(text: str, cues: Iterable[tuple[int, int, str]]) -> Iterator[TimeReference]:
    seen: set[int] = set()
    for cue_start, _, cue in cues:
        if cue == "month_name":
            if named := _NAMED.match(text, cue_start):
                month = _MONTHS[named.group(0)[:3].lower()]
                day, year = named.group("nd"), int(named.group("ny"))
                value = _iso(year, month, int(day)) if day else f"{year}-{month:02d}"
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
            yield found


def _written(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def find_time_references(text: str, cues: Iterable[tuple[int, int, str]]) -> list[TimeReference]:
    """Dates and intervals in ``text``; ``cues`` are the time words found by the automaton:
    (start, end, cue concept: unit, month_name or postoperative_day)."""
    found = [*_numeric_dates(text), *_worded(text, cues)]
    found.sort(key=lambda ref: ref.start)
    return found
