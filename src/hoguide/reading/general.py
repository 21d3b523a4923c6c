"""General statements: a sentence about HO as a topic is not a finding in this patient.

Textbooks, case reports and teaching files say "myositis ossificans is a benign process that
usually follows trauma"; a radiology report says "heterotopic ossification about the right hip".
A sentence whose HO mention ConText left affirmed is read as general (status ``hypothetical``)
when it holds a generic cue (a modal, a generic noun: "usually", "can", "condition", "cases")
and no specific one (a side, a date, a measurement, the patient, a finding verb: "shows", "seen",
"there is"), or a population cue, which no finding sentence uses ("% of cases", "risk factors"),
whatever else it holds. The word lists are data (``context_rules.yaml``, ``general_statements``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hoguide.knowledge.schema import GeneralStatementCues
from hoguide.models.reading import Trigger
from hoguide.reading.phrases import any_phrase

CATEGORY = "hypothetical"


@dataclass(frozen=True, slots=True)
class GeneralStatements:
    generic: re.Pattern[str] | None
    specific: re.Pattern[str] | None
    population: re.Pattern[str] | None

    @classmethod
    def of(cls, cues: GeneralStatementCues) -> GeneralStatements:
        return cls(any_phrase(cues.generic), any_phrase(cues.specific), any_phrase(cues.population))

    def cue(self, text: str, start: int, end: int) -> Trigger | None:
        """The generic cue that makes ``text[start:end]`` (one sentence) a general statement, else None."""
        match = self.population.search(text, start, end) if self.population is not None else None
        if match:
            return Trigger(match.group(0), CATEGORY, match.start(), match.end())
        if self.generic is None:
            return None
        if self.specific is not None and self.specific.search(text, start, end):
            return None
        match = self.generic.search(text, start, end)
        return Trigger(match.group(0), CATEGORY, match.start(), match.end()) if match else None
