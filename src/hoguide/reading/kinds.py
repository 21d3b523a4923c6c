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

- HO as a bare subject (no determiner, up to two adjectives) of a verb in the simple present that is none of a report's
  (``report_verbs``: "extends", "measures", "remains" ...): "HO matures over 12 to 18 months", "MO heals
  without treatment in most athletes". This one is a topic's predicate, as ``subject_predicates`` are: it
  holds for an affirmed mention only, not beside a hedge.

The words are data (``context_rules.yaml``, ``general_statements``); the shape of the frames is here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

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


# HO first in its sentence or after a fronted phrase and its comma ("On radiographs, HO ..."), or after a
# colon or semicolon, with up to two adjectives and no determiner before it.
_BARE = r"\W*(?:(?!(?:the|this|that|these|those|his|her|their|its|our|my|your|a|an|no|any)\b)[\w-]+\s+){0,2}$"
_BARE_SUBJECT = re.compile(r"(?:^|[.;:]\s*|^\W*(?:[\w-]+\s+){0,3}[\w-]+\s*,\s*)" + _BARE, re.IGNORECASE)
_BARE_AFTER_BREAK = re.compile(r"[.;:]\s*" + _BARE, re.IGNORECASE)
NEAR_START = 120  # characters: a subject further into its sentence can only follow a colon or semicolon
BREAK_REACH = 60


def bare_subject(text: str, sentence_start: int, start: int) -> bool:
    """Is the mention at ``start`` a bare subject (see ``_BARE_SUBJECT``)? Only the text just before it is read,
    so that a sentence of many mentions costs no more per mention than a short one."""
    if start - sentence_start <= NEAR_START:
        return _BARE_SUBJECT.search(text[sentence_start:start]) is not None
    return _BARE_AFTER_BREAK.search(text, start - BREAK_REACH, start) is not None


@lru_cache(maxsize=64)
def first(pattern: re.Pattern[str], text: str, sentence_start: int, sentence_end: int) -> tuple[int, int, str] | None:
    """The first match of ``pattern`` in a sentence, looked for once a sentence however many mentions it holds.
    The memo holds report text: ``Reader.read`` empties it when each reading is done (``forget_sentences``)."""
    found = pattern.search(text, sentence_start, sentence_end)
    return (found.start(), found.end(), found.group(0)) if found is not None else None


def forget_sentences() -> None:
    """Empty ``first``'s memo (a reading running in another thread at the time only searches again)."""
    first.cache_clear()


def anywhere(pattern: re.Pattern[str] | None, text: str, sentence_start: int, sentence_end: int) -> bool:
    return pattern is not None and first(pattern, text, sentence_start, sentence_end) is not None
# Words ending in "s" that are no verb in the simple present ("has" is one only before a noun phrase).
_NOT_VERBS = r"(?:has|was|does|is|its|this|thus|his|hers|yes|less|across|always|perhaps|whereas|towards|besides|" \
             r"sometimes|nevertheless|plus|versus|various|previous|serious|numerous|osseous|extraneous|bilateral)"
# A verb in the simple present right after the subject (an -s form, or "has" before a noun phrase), perhaps
# after an adverb of frequency. Not a plural noun that the subject names ("HO lesions are ..."): an -s word
# followed by a finite verb is the subject's head, not its verb. No -ss or -us word is one ("HO focus noted": round 23,
# 427 read its HO as a topic).
_PRESENT_AFTER_SUBJECT = re.compile(
    r"\s+(?:(?:often|usually|typically|generally|frequently|commonly|rarely|seldom|always|normally)\s+)?"
    r"(?P<verb>(?![\w-]*(?:ss|us)\b)(?!" + _NOT_VERBS + r"\b)[a-z][\w-]*[^s\W]s"
    r"|has(?=\s+(?:a|an|no|two|three|four|several|many|some|little|\d+)\b))\b"
    r"(?!\s+(?:is|are|was|were|have|has|had|can|may|might|will|would|should|could|must|do|does|did)\b)",
    re.IGNORECASE)


# "when" or "whenever" and a clause in the present tense: the condition of a rule.
_WHENEVER = re.compile(r"\b(?:when|whenever)\s+(?:[\w-]+\s+){0,4}?(?:is|are|shows|show|presents|present|has|have|"
                       r"occurs|occur|develops|develop|limits|limit|causes|cause)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class KindStatements:
    property: re.Pattern[str] | None = None  # "the prognosis of" + mention
    generic: re.Pattern[str] | None = None  # a present-tense verb: the sentence states what holds
    narrative: re.Pattern[str] | None = None  # a past-tense verb of a story: "was", "showed"
    anchors: re.Pattern[str] | None = None  # a patient, side or measurement
    source: re.Pattern[str] | None = None  # "the literature has not revealed", "no one knows"
    told: re.Pattern[str] | None = None  # "is underreported in the literature"
    existential: re.Pattern[str] | None = None  # "there is an association between"
    report_verb: re.Pattern[str] | None = None  # "extends", "measures": what a report's lesion does

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
        report = any_phrase(cues.report_verbs)
        return cls(prop, any_phrase(cues.generic_tense), any_phrase(cues.narrative_tense),
                   any_phrase(cues.case_anchors), source, told, existential,
                   re.compile(rf"(?:{report.pattern})$", re.IGNORECASE) if report is not None else None)

    def does(self, text: str, sentence_start: int, start: int, end: int, sentence_end: int) -> Trigger | None:
        """The simple-present verb of HO as a bare subject that says what HO does as a kind, else None:
        "HO matures over 12 to 18 months" (not "HO extends to the ilium", a report's)."""
        verb = _PRESENT_AFTER_SUBJECT.match(text, end, sentence_end)
        if verb is None or (self.report_verb is not None and self.report_verb.search(verb.group("verb"))) \
                or not bare_subject(text, sentence_start, start):
            return None
        if anywhere(self.narrative, text, sentence_start, sentence_end) \
                or anywhere(self.anchors, text, sentence_start, sentence_end):
            return None
        return Trigger(verb.group("verb"), CATEGORY, verb.start("verb"), verb.end("verb"))

    def of_kind(self, text: str, sentence_start: int, start: int, end: int, sentence_end: int) -> Trigger | None:
        """The frame that makes the HO mention ``text[start:end]`` a statement about HO as a kind, else None."""
        return (self._known(text, sentence_start, start, sentence_end)
                or self._property(text, sentence_start, start, sentence_end)
                or self._rule(text, sentence_start, sentence_end))

    def _rule(self, text: str, sentence_start: int, sentence_end: int) -> Trigger | None:
        """A rule stated for whenever a condition holds ("MO should be considered in the differential when the
        imaging shows a mass in a muscle", "when it is difficult to distinguish MO from a sarcoma, a biopsy is
        needed"): a present-tense "when" clause in a sentence that tells no story and points at no case."""
        found = first(_WHENEVER, text, sentence_start, sentence_end)
        if found is None or anywhere(self.narrative, text, sentence_start, sentence_end) \
                or anywhere(self.anchors, text, sentence_start, sentence_end):
            return None
        return Trigger(found[2], CATEGORY, found[0], found[1])

    def _known(self, text: str, sentence_start: int, start: int, sentence_end: int) -> Trigger | None:
        """A source of knowledge that says or lacks something (before the mention, or as the passive's agent
        anywhere), or "there is" with an abstract noun before the mention, in a sentence about no case ("her
        imaging studies revealed HO" is her story)."""
        found = None
        for pattern, before in ((self.source, True), (self.existential, True), (self.told, False)):
            found = first(pattern, text, sentence_start, sentence_end) if pattern is not None else None
            if found is not None and (not before or found[1] <= start):
                break
            found = None
        if found is None or anywhere(self.anchors, text, sentence_start, sentence_end):
            return None
        return Trigger(found[2], CATEGORY, found[0], found[1])

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
            if pattern is not None and anywhere(pattern, text, sentence_start, sentence_end) != wanted:
                return None
        return Trigger(found.group(0).strip(), CATEGORY, found.start(), found.end())
