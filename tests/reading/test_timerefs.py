"""Time references: dates and intervals, with ISO values where the date is complete and valid."""

from __future__ import annotations

from datetime import date

import pytest

from hoguide.reading.reader import Reader
from hoguide.reading.timerefs import find_time_references


def times(reader: Reader, text: str) -> list[tuple[str, str, str | None]]:
    return [(f.concept, f.text, f.value) for f in reader.read(text).facts if f.kind == "time"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Radiograph 2026-03-14 compared.", [("date", "2026-03-14", "2026-03-14")]),
        ("Seen on 03/14/2026 and 3/4/26.", [("date", "03/14/2026", "2026-03-14"), ("date", "3/4/26", "2026-03-04")]),
        ("Dated 2026-02-30.", [("date", "2026-02-30", None)]),
        ("Hip replacement 4 months after the fall.", [("interval", "4 months after", "4 months after")]),
        ("Pain began twelve weeks ago.", [("interval", "twelve weeks ago", "twelve weeks ago")]),
        ("SIX WEEKS POSTOPERATIVELY the hip was stiff.", [("interval", "SIX WEEKS POSTOPERATIVELY",
                                                           "six weeks postoperatively")]),
        ("Surgery in March 2025; seen December 31, 2025.", [("date", "March 2025", "2025-03"),
                                                             ("date", "December 31, 2025", "2025-12-31")]),
        ("Swelling on POD 3 and postoperative day 10.", [("postoperative_day", "POD 3", "pod 3"),
                                                          ("postoperative_day", "postoperative day 10",
                                                           "postoperative day 10")]),
        ("The findings may represent HO.", []),
        ("Ratio 1/2/3 and version 12-3-4 and L4-5.", []),
        ("Phone 555-2026-01-01x.", []),
        ("Leap days 2024-02-29, 2/29/2000 and 1900-02-29.", [("date", "2024-02-29", "2024-02-29"),
                                                             ("date", "2/29/2000", "2000-02-29"),
                                                             ("date", "1900-02-29", None)]),
        ("Seen Feb 29, 2023 and 04/31/2025.", [("date", "Feb 29, 2023", None), ("date", "04/31/2025", None)]),
        # a day over 12 written first makes the text day-first throughout (round 27, 498: "(11/07/2026)" in a UK
        # letter that also writes "22/08/2026" is July)
        ("Dated 25/12/2024 and 13/01/24.", [("date", "25/12/2024", "2024-12-25"), ("date", "13/01/24", "2024-01-13")]),
        ("Meningitis (11/07/2026). PICU 11/07-22/08/2026.", [("date", "11/07/2026", "2026-07-11")]),
        ("Seen 11/07/2026.", [("date", "11/07/2026", "2026-11-07")]),  # nothing says day-first: month first
    ],
)
def test_time_references(reader: Reader, text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert times(reader, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-01-2024-02-03", []),  # dates run together are no date
        ("1/2/3/24", []),
        ("v2024-01-05 and a.2024-01-05", []),  # part of a longer token
        ("3/5/19x and 3/5/201", []),
        ("01/05/2024-", []),
        ("2024-13-40", []),
        ("seen 2024-1-5, 1/5/24.", [("2024-1-5", "2024-01-05"), ("1/5/24", "2024-01-05")]),
        ("2024-01-05.", [("2024-01-05", "2024-01-05")]),
    ],
)
def test_numeric_dates_stand_alone(text: str, expected: list[tuple[str, str]]) -> None:
    found = find_time_references(text, [])
    assert [(text[r.start : r.end], r.value) for r in found] == expected


def _calendar(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


@pytest.mark.parametrize("year", [1900, 1999, 2000, 2023, 2024, 2099])
def test_every_numeric_date_is_valued_as_the_calendar_has_it(year: int) -> None:
    """Each form of every month and day number the patterns take (months 0-19, days 0-39): a date
    the calendar has is found with its ISO value, any other has none."""
    for month in range(20):
        for day in range(40):
            for m, d in {(str(month), str(day)), (f"{month:02d}", f"{day:02d}")}:
                forms = [f"{year}-{m}-{d}", f"{m}/{d}/{year}", f"{m}/{d}/{str(year)[2:]}"]
                text = " and ".join(forms)
                found = {text[r.start : r.end]: r.value for r in find_time_references(text, [])}
                # A two-digit US year is read in this century (2000-2099); a first number over 12 makes the text
                # day-first.
                first, second = (day, month) if month > 12 else (month, day)
                expected = [_calendar(year, month, day), _calendar(year, first, second),
                            _calendar(2000 + year % 100, first, second)]
                for form, value in zip(forms, expected, strict=True):
                    assert found.get(form) == value, form
