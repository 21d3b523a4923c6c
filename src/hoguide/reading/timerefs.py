"""Time references guidance needs: dates and intervals ("4 months after surgery", "6 weeks ago").

Only local, bounded regular expressions: each alternative starts with a digit or a month name
and has fixed-width pieces, so matching is linear in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
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
_NUMBER_WORD = (
    r"(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few|a)"
)
_UNIT = r"(?:days?|weeks?|wks?|months?|mos?|years?|yrs?)"
_RELATION = r"(?:ago|after|later|since|following|post|postoperative(?:ly)?|post-op|postop|before|prior)"

_PATTERN = re.compile(
    rf"(?P<iso>\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)\b)"
    rf"|(?P<us>\b(?P<um>[01]?\d)/(?P<ud>[0-3]?\d)/(?P<uy>(?:19|20)?\d\d)\b)"
    rf"|(?P<named>\b{_MONTH_NAME}\s+(?:(?P<nd>[0-3]?\d)(?:st|nd|rd|th)?,?\s+)?(?P<ny>(?:19|20)\d\d)\b)"
    rf"|(?P<interval>\b{_NUMBER_WORD}[\s-]+{_UNIT}[\s-]+{_RELATION}\b)"
    rf"|(?P<pod>\b(?:postoperative|post-operative|post-op) day\s+\d{{1,3}}\b|\bpod\s*#?\s*\d{{1,3}}\b)",
    re.IGNORECASE,
)


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


def find_time_references(text: str) -> Iterator[TimeReference]:
    for match in _PATTERN.finditer(text):
        kind = match.lastgroup
        if match.group("iso"):
            value = _iso(int(match.group("y")), int(match.group("m")), int(match.group("d")))
            yield TimeReference("date", match.start(), match.end(), value)
        elif match.group("us"):
            year = int(match.group("uy"))
            year += 2000 if year < 100 else 0
            value = _iso(year, int(match.group("um")), int(match.group("ud")))
            yield TimeReference("date", match.start(), match.end(), value)
        elif match.group("named"):
            month = _MONTHS[match.group("named")[:3].lower()]
            day = match.group("nd")
            value = _iso(int(match.group("ny")), month, int(day)) if day else f"{match.group('ny')}-{month:02d}"
            yield TimeReference("date", match.start(), match.end(), value)
        elif match.group("interval"):
            yield TimeReference("interval", match.start(), match.end(), " ".join(match.group(0).lower().split()))
        elif kind is not None:
            yield TimeReference("postoperative_day", match.start(), match.end(),
                                " ".join(match.group(0).lower().split()))
