"""Removal frames: HO inside the noun phrase of a removal that the sentence tells as done is gone.

ConText reaches a fixed number of words from its trigger, so "excision of the ossified mass and
reconstruction with an Achilles tendon flap was performed" escapes "was performed" (which must stay
short: "CT of the hip showing HO was performed" is no removal). Here two anchors frame the scope
instead of a word count: a removal noun before the mention ("excision of", "resection of") and a
verb after it that says the removal was done ("was performed"), in one clause. The words are data
(``context_rules.yaml``, ``removal_frames``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hoguide.knowledge.schema import RemovalFrameCues
from hoguide.models.reading import Trigger
from hoguide.reading.phrases import any_phrase

CATEGORY = "historical"
CLAUSE_BREAKS = ";:"  # a frame does not span a new clause: "excision of the HO; CT was performed"
# The removal's noun phrase is the subject of the verb that says it was done: another finite verb between
# them starts another clause ("resection of the HO is recommended and a CT of the hip was performed").
# Auxiliaries are a closed class of English, so they are grammar here, not data.
_OTHER_VERB = re.compile(r"\b(?:is|are|was|were|be|been|being|has|have|had|will|would|shall|should|may|might|"
                         r"can|could|must|does|do|did)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class RemovalFrames:
    nouns: re.Pattern[str] | None = None
    done: re.Pattern[str] | None = None

    @classmethod
    def of(cls, cues: RemovalFrameCues) -> RemovalFrames:
        return cls(any_phrase(cues.nouns), any_phrase(cues.done))

    def removed(self, text: str, sentence_start: int, start: int, end: int, sentence_end: int) -> Trigger | None:
        """The verb that tells as done the removal whose noun phrase holds ``text[start:end]``, else None."""
        nouns, done = self.nouns, self.done
        if nouns is None or done is None:
            return None
        noun = None
        for match in nouns.finditer(text, sentence_start, start):
            noun = match
        if noun is None or any(c in text[noun.end() : start] for c in CLAUSE_BREAKS):
            return None
        verb = done.search(text, end, sentence_end)
        between = text[end : verb.start()] if verb is not None else ""
        if verb is None or any(c in between for c in CLAUSE_BREAKS) or _OTHER_VERB.search(between):
            return None
        return Trigger(verb.group(0), CATEGORY, verb.start(), verb.end())
