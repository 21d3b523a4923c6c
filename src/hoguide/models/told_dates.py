"""Dates as patients type them into the form's date fields: "2024-03", "March 2025", "last march", "03/2025",
"5 March 2024", "2 years ago" (round 19, 355: "last march" was refused). Each is read to an ISO date and how
precise it is, judged against the day the answers are given (``as_of``), so the same words give the same date on
the same day."""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

Precision = Literal["day", "month", "year"]

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
# a month's name, its first three letters, and "sept"
_MONTH_WORDS = {name: i + 1 for i, name in enumerate(MONTHS)} | {name[:3]: i + 1 for i, name in enumerate(MONTHS)}
_MONTH_WORDS["sept"] = 9
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTH_WORDS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_FORMS: tuple[tuple[str, str], ...] = (
    ("day", r"(?P<year>\d{4})-(?P<num>\d{1,2})-(?P<day>\d{1,2})"),
    ("day", rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}"),
    ("day", rf"{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}"),
    ("iso_month", r"(?P<year>\d{4})-(?P<num>0[1-9]|1[0-2])"),
    ("year", r"(?P<year>\d{4})"),
    ("month_year", rf"(?:in\s+)?(?:early\s+|mid\s+|late\s+|end\s+of\s+)?{_MONTH},?\s+(?:of\s+)?{_YEAR}"),
    ("month_year", rf"{_YEAR}\s+{_MONTH}"),
    ("month_year", r"(?P<num>0?[1-9]|1[0-2])\s*[/.-]\s*(?P<year>(?:19|20)\d\d)"),
    ("last_month", rf"(?:in\s+)?last\s+{_MONTH}"),
    ("month_last_year", rf"(?:in\s+)?{_MONTH}\s+last\s+year"),
    ("this_month", rf"(?:in\s+)?(?:this\s+)?(?:early\s+|mid\s+|late\s+)?{_MONTH}(?:\s+this\s+year)?"),
    ("last_year", r"last\s+year"),
    ("years_ago", r"(?P<count>\d{1,2}|a|one|two|three|four|five)\s+years?\s+ago"),
    ("months_ago", r"(?P<count>\d{1,2}|a|one|two|three|four|five|six)\s+months?\s+ago"),
)
_PATTERNS = tuple((kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in _FORMS)
_COUNTS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def read_told_date(text: str, today: date) -> tuple[str, Precision] | None:
    """``text`` as an ISO date (the first of its month or year where only that is known) and its precision, or None
    where it is no date of these forms. A day written with numbers only ("5/3/2024") is none: day and month
    could be either way round."""
    words = " ".join(text.strip().split())
    for kind, pattern in _PATTERNS:
        match = pattern.fullmatch(words)
        if match is not None:
            try:
                return _dated(kind, match, today)
            except ValueError:  # no such day ("31 February 2024")
                return None
    return None


def _dated(kind: str, match: re.Match[str], today: date) -> tuple[str, Precision]:
    parts = match.groupdict()
    if kind == "year":
        return f"{parts['year']}-01-01", "year"
    if kind == "last_year":
        return f"{today.year - 1}-01-01", "year"
    if kind == "years_ago":
        return f"{today.year - _count(parts['count'])}-01-01", "year"
    if kind == "months_ago":
        months = today.year * 12 + today.month - 1 - _count(parts["count"])
        return _month(months // 12, months % 12 + 1), "month"
    month = _MONTH_WORDS[parts["month"].lower()] if parts.get("month") else int(parts["num"])
    if kind == "day":
        return date(int(parts["year"]), month, int(parts["day"])).isoformat(), "day"
    if kind in ("iso_month", "month_year"):
        return _month(int(parts["year"]), month), "month"
    if kind == "month_last_year":
        return _month(today.year - 1, month), "month"
    # "last march": the latest March before this month; "march": the latest March up to this month
    year = today.year if month < today.month or (kind == "this_month" and month == today.month) else today.year - 1
    return _month(year, month), "month"


def _month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}-01"


def _count(word: str) -> int:
    return _COUNTS.get(word.lower()) or int(word)
