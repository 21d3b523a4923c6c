"""Statements about HO as a kind: what the sentence's grammar says, not which topic words it holds.

A case narrative tells one patient's story in the past tense ("CT showed HO about the hip"), a report
describes one film in the present ("HO about the left hip is unchanged"), a textbook states what holds of
HO as a kind in the present, of no one in particular. Two frames are the textbook's alone:

- HO as the object of a property that only a kind has: "the prognosis of HO is good", "the only effective
  treatment of symptomatic, established HO is resection", "the most common sites of HO are ...". The
  sentence is in the present tense (``generic_tense``: "is", "can", "remains") and points at no case: no
  past-tense narrative (``narrative_tense``: "was", "showed"), no patient, side or measurement
  (``case_anchors``), and the mention's own noun phrase has no determiner that picks one lesion ("the
  treatment of the HO", "of his HO").
- a source of knowledge as the subject of a verb of knowing or telling: "the literature has not revealed
  HO affecting the TMJ", "no one knows the exact cause of HO", or as its agent in the passive ("HO is likely
  underreported in the literature"). Its negation or hedge is the literature's, not a finding's, so the frame
  holds whatever ConText made of the mention;
- "there is" with what exists only between kinds or in what is known: "there is an association between
  COVID-19 and HO", "there is a dearth of studies of ... HO" (a report's "there is HO" is a finding).

The words are data (``context_rules.yaml``, ``general_statements``); the shape of the frames is here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hoguide.knowledge.schema import GeneralStatementCues
from hoguide.models.reading import Trigger
from hoguide.reading.phrases import any_phrase

CATEGORY = "hypothetical"
OBJECT_WORDS = 3  # adjectives between "of" and the mention: "treatment of symptomatic, established HO"
SOURCE_WORDS = 4  # auxiliaries and adverbs between a source and its verb: "has not yet been clearly shown"
# A determiner or possessive in the mention's own noun phrase picks one lesion: "the treatment of the HO".
_ONE_LESION = re.compile(r"\b(?:the|this|that|these|those|his|her|their|its|our|my|your|a|an)\b", re.IGNORECASE)
# "of", or "for" after a treatment ("the treatment option for symptomatic HO"), and a chain of them
# ("the timing of excision of HO"): the words that may stand between a property noun and the mention.
_LINK = rf"\s+(?:of|for)\s+(?:[\w-]+\s+of\s+)?(?P<object>(?:[\w,-]+\s+){{0,{OBJECT_WORDS}}})$"


@dataclass(frozen=True, slots=True)
class KindStatements:
    property: re.Pattern[str] | None = None  # "the prognosis of" + mention
    generic: re.Pattern[str] | None = None  # a present-tense verb: the sentence states what holds
    narrative: re.Pattern[str] | None = None  # a past-tense verb of a story: "was", "showed"
    anchors: re.Pattern[str] | None = None  # a patient, side or measurement
    source: re.Pattern[str] | None = None  # "the literature has not revealed", "no one knows"
    told: re.Pattern[str] | None = None  # "is underreported in the literature"
    existential: re.Pattern[str] | None = None  # "there is an association between"

    @classmethod
    def of(cls, cues: GeneralStatementCues) -> KindStatements:
        nouns, sources, verbs = any_phrase(cues.property_nouns), any_phrase(cues.knowledge_sources), \
            any_phrase(cues.knowledge_verbs)
        prop = re.compile(rf"{nouns.pattern}{_LINK}", re.IGNORECASE) if nouns is not None else None
        source = (re.compile(rf"{sources.pattern}\s+(?:[\w-]+\s+){{0,{SOURCE_WORDS}}}?{verbs.pattern}", re.IGNORECASE)
                  if sources is not None and verbs is not None else None)
        told = (re.compile(rf"{verbs.pattern}\s+in\s+(?:the\s+|published\s+)?{sources.pattern}", re.IGNORECASE)
                if sources is not None and verbs is not None else None)
        abstract = any_phrase(cues.abstract_existentials)
        existential = (re.compile(rf"\bthere\s+(?:is|are|was|were|remains|remain|exists|exist)\s+(?:[\w-]+\s+){{0,3}}?"
                                  rf"{abstract.pattern}", re.IGNORECASE) if abstract is not None else None)
        return cls(prop, any_phrase(cues.generic_tense), any_phrase(cues.narrative_tense),
                   any_phrase(cues.case_anchors), source, told, existential)

    def of_kind(self, text: str, sentence_start: int, start: int, end: int, sentence_end: int) -> Trigger | None:
        """The frame that makes the HO mention ``text[start:end]`` a statement about HO as a kind, else None."""
        return (self._known(text, sentence_start, start, sentence_end)
                or self._property(text, sentence_start, start, sentence_end))

    def _known(self, text: str, sentence_start: int, start: int, sentence_end: int) -> Trigger | None:
        """A source of knowledge that says or lacks something (before the mention, or as the passive's agent
        anywhere), or "there is" with an abstract noun before the mention, in a sentence about no case ("her
        imaging studies revealed HO" is her story)."""
        found = None
        for pattern, end in ((self.source, start), (self.existential, start), (self.told, sentence_end)):
            found = pattern.search(text, sentence_start, end) if pattern is not None else None
            if found is not None:
                break
        if found is None or (self.anchors is not None and self.anchors.search(text, sentence_start, sentence_end)):
            return None
        return Trigger(found.group(0), CATEGORY, found.start(), found.end())

    def _property(self, text: str, sentence_start: int, start: int, sentence_end: int) -> Trigger | None:
        if self.property is None or self.generic is None:
            return None
        # the property noun's phrase ends at the mention: search a window before it only
        window = max(sentence_start, start - 80)
        found = None
        for found in self.property.finditer(text, window, start):  # noqa: B007 - the one that reaches the mention
            pass
        if found is None or found.end() != start or _ONE_LESION.search(found.group("object")):
            return None
        for pattern, wanted in ((self.generic, True), (self.narrative, False), (self.anchors, False)):
            if pattern is not None and (pattern.search(text, sentence_start, sentence_end) is not None) != wanted:
                return None
        return Trigger(found.group(0).strip(), CATEGORY, found.start(), found.end())
