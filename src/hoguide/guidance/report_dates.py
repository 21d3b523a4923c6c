"""The dates a report gives, read once: the report's own date in its first lines, and the dates beside its facts."""

from __future__ import annotations

from datetime import date

from hoguide.guidance.view import CaseView, Located
from hoguide.models.reading import Fact

HEADER_LINES = 3  # a report's own date stands in its first lines
PAST_STORY_DAYS = 56  # a signal dated eight weeks or more before the report is its story, not what it finds now


def iso_date(value: str | None) -> date | None:
    """A time reference's ISO value, to the day or the month ("2026-05-07", "2024-03")."""
    parts = (value or "").split("-")
    try:
        return date(int(parts[0]), int(parts[1]), int(parts[2]) if len(parts) > 2 else 1) if len(parts) >= 2 else None
    except ValueError:
        return None


def header_end(text: str) -> int:
    """Where a report's heading lines end: its date is there ("CT LEFT HIP   Date: 2026-10-21")."""
    end = -1
    for _ in range(HEADER_LINES):
        end = text.find("\n", end + 1)
        if end < 0:
            return len(text)
    return end


def dated_facts(view: CaseView) -> list[tuple[date, Located[Fact]]]:
    """Every date the report gives, with its time fact, in report order."""
    return [(d, f) for f in view.facts if f.item.kind == "time" and f.item.concept == "date"
            and (d := iso_date(f.item.value)) is not None]


def header_dates(view: CaseView, dated: list[tuple[date, Located[Fact]]]) -> set[date]:
    """The dates in the reports' heading lines: the reports' own dates."""
    ends = [header_end(reading.text) for reading in view.case.readings]
    return {d for d, f in dated if f.item.start < ends[f.reading]}


def reference_date(view: CaseView, dated: list[tuple[date, Located[Fact]]]) -> date | None:
    """"Now" for the report: the patient's "as of" date, else the latest of the reports' own dates."""
    return view.case.answers.as_of or max(header_dates(view, dated), default=None)


def dated_long_before(view: CaseView, fact: Located[Fact], days: int = PAST_STORY_DAYS) -> bool:
    """The fact's sentence dates it (its nearest date) ``days`` or more before the report's "now": "Pneumococcal
    meningitis with septic shock (11/07/2026)" in a December letter is the story of the illness, not an infection
    now (round 27, 498 was told its report finds an infection)."""
    dated = dated_facts(view)
    now = reference_date(view, dated)
    if now is None:
        return False
    sentence = view.sentence_of(fact)
    beside = [(abs(f.item.start - fact.item.start), d) for d, f in dated
              if f.reading == fact.reading and view.sentence_of(f) == sentence]
    return bool(beside) and (now - min(beside)[1]).days >= days
