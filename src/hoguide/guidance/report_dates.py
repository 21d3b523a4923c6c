"""The dates a report gives, read once: the report's own date in its first lines, and the dates beside its facts."""

from __future__ import annotations

import re
from datetime import date

from hoguide.guidance.view import CaseView, Located
from hoguide.models.reading import Fact

HEADER_LINES = 3  # a report's own date stands in its first lines
# the words before a date that make it the earlier study's or the start of what goes on now, not the date of the fact
# ("NEW since 26/08/2026", "compared with", "larger than on")
COMPARED_WITH = re.compile(r"\b(?:since|compared (?:with|to)|than(?: on| the)?|versus|vs\.?)\s+(?:the\s+)?"
                           r"(?:(?:study|scan|film|films|radiographs?|CT|MRI)\s+(?:of\s+)?)?$", re.IGNORECASE)
COMPARED_REACH = 30  # characters before a date searched for them
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


class StoryDates:
    """The report's dates by sentence, read once per case: which facts it dates long before its own "now"."""

    def __init__(self, view: CaseView) -> None:
        self.view = view
        dated = dated_facts(view)
        self.now = reference_date(view, dated)
        self.by_sentence: dict[tuple[int, int, int], list[tuple[int, date]]] = {}
        for d, f in dated:
            # (not the date of the study it is compared with: "thrombus ... NEW since 26/08/2026, in keeping with deep
            # vein thrombosis", round 32, 598's clot found today, was read as the story of one in August)
            text = view.case.readings[f.reading].text
            if COMPARED_WITH.search(text, max(0, f.item.start - COMPARED_REACH), f.item.start):
                continue
            self.by_sentence.setdefault(view.sentence_of(f), []).append((f.item.start, d))

    def long_before(self, fact: Located[Fact], days: int = PAST_STORY_DAYS) -> bool:
        """The fact's sentence dates it (its nearest date) ``days`` or more before the report's "now": "Pneumococcal
        meningitis with septic shock (11/07/2026)" in a December letter is the story of the illness, not an infection
        now (round 27, 498 was told its report finds an infection)."""
        beside = self.by_sentence.get(self.view.sentence_of(fact))
        if self.now is None or not beside:
            return False
        nearest = min(beside, key=lambda pair: abs(pair[0] - fact.item.start))[1]
        return (self.now - nearest).days >= days
