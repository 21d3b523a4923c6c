"""Removal frames: HO that a sentence tells as taken out is gone, whatever words stand between.

ConText reaches a fixed number of words from a trigger phrase, and its phrases are fixed: "underwent
excision of" does not cover "underwent an early arthroscopic excision of", and "was performed" must stay
short ("CT of the hip showing HO was performed" is no removal). Here the grammar of a removal frames the
scope instead, in one clause (no semicolon or colon, no other finite verb between the anchors):

- a removal noun told as done after it: "excision of the ossified mass and reconstruction with a
  tendon flap was performed" (``nouns`` ... mention ... ``done``);
- a removal noun that a past event governs before it: "underwent an early arthroscopic excision of the
  HO", "required open resection of the heterotopic bone" (``done_before`` + up to ``MODIFIERS`` words +
  a noun + "of" + up to ``OBJECT_WORDS`` words + the mention);
- the mention as the subject of a passive removal: "the heterotopic bone at the elbow was completely
  excised" (mention ... was/were/has been + up to two adverbs + a ``participles`` word), unless the
  sentence then says it grew back ("... was excised in 2019 and has recurred");
- a causative: "he had heterotopic ossification removed from both hips" ("had" + the mention + a participle);
- the mention as the first part of a compound removal noun after a past event: "3 years after heterotopic
  ossification resection", "after knee HO excision" (``done_before`` ... mention + noun);
- a removal's purpose after a past event: "underwent surgical excision to remove the HO" (``done_before`` ...
  "to" + an ``infinitives`` word ... mention);
- a heading or title without a verb that names the removal: "Removal of heterotopic ossification in 2020",
  "Excision of intra-articular knee HO using a 70° arthroscope" (a noun first, no finite verb in the line);
- the removal as what showed the HO, as a pathology report of an excision specimen does: "the excisional
  biopsy confirmed the zonal pattern of myositis ossificans" (a noun ... ``shown_by`` ... mention).
- a removal told as done after the mention, as what ended it: "grade IV HO in his elbow for 4 years before
  surgical excision was performed" (mention ... ``ended_by`` + up to ``MODIFIERS`` words + a noun ... ``done``).

The words are data (``context_rules.yaml``, ``removal_frames``); auxiliaries, a closed class, are grammar.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hoguide.knowledge.schema import DiagnosisFrameCues, RemovalFrameCues
from hoguide.models.reading import ContextResult, Trigger
from hoguide.reading.phrases import any_phrase

CATEGORY = "historical"
CLAUSE_BREAKS = ";:"  # a frame does not span a new clause: "excision of the HO; CT was performed"
MODIFIERS = 3  # words between a governing verb and its removal noun: "underwent an early open excision of"
OBJECT_WORDS = 4  # words before the mention in the noun's object: "of the large left hip HO", not "... followed by"
SHOWN_WORDS = 6  # words between what showed and the mention: "confirmed the pathognomonic zonal pattern of"
COMPOUND_WORDS = 6  # words between a past event and a compound removal: "after patellar tendon and knee HO excision"
_AUXILIARY = (r"(?:is|are|was|were|be|been|being|has|have|had|will|would|shall|should|may|might|can|could|must|"
              r"does|do|did)")
# Another finite verb between two anchors starts another clause ("resection of the HO is recommended and a
# CT of the hip was performed").
_OTHER_VERB = re.compile(rf"\b{_AUXILIARY}\b", re.IGNORECASE)
_PASSIVE = r"(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?:[\w-]+ly\s+|later\s+|then\s+|also\s+){0,2}"
# "had" (or "has had", "got") just before the mention, up to three words of it between: "had the large HO removed"
_CAUSATIVE = re.compile(r"\b(?:had|got)\s+(?:[\w-]+\s+){0,3}$", re.IGNORECASE)
_NOT_REGROWN = re.compile(r"(?:\bno|\bwithout)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class RemovalFrames:
    nouns: re.Pattern[str] | None = None  # "excision", "resection" (of)
    done: re.Pattern[str] | None = None  # "was performed" after the noun phrase
    governed: re.Pattern[str] | None = None  # "underwent an early excision of"
    passive: re.Pattern[str] | None = None  # "was completely excised"
    regrown: re.Pattern[str] | None = None  # "recurred": the HO removed grew back
    participle: re.Pattern[str] | None = None  # "(surgically) removed" right after the mention
    words: re.Pattern[str] | None = None  # any removal noun or participle: the sentence may hold a frame
    before: re.Pattern[str] | None = None  # a past event: "after", "underwent"
    compound: re.Pattern[str] | None = None  # a removal noun right after the mention: "HO excision"
    purpose: re.Pattern[str] | None = None  # "underwent surgical excision to remove"
    heading: re.Pattern[str] | None = None  # "Excision of" first in a line without a verb
    shown: re.Pattern[str] | None = None  # "the excisional biopsy confirmed"
    ended: re.Pattern[str] | None = None  # "before surgical excision" after the mention

    @classmethod
    def of(cls, cues: RemovalFrameCues, regrown_by: tuple[str, ...] = ()) -> RemovalFrames:
        nouns, before, participles = any_phrase(cues.nouns), any_phrase(cues.done_before), any_phrase(cues.participles)
        governed = (re.compile(rf"{before.pattern}\s+(?:[\w-]+\s+){{0,{MODIFIERS}}}?{nouns.pattern}\s+of\b",
                               re.IGNORECASE) if before is not None and nouns is not None else None)
        passive = re.compile(rf"\b{_PASSIVE}{participles.pattern}", re.IGNORECASE) if participles is not None else None
        participle = (re.compile(rf"\s+(?:[\w-]+ly\s+)?{participles.pattern}", re.IGNORECASE)
                      if participles is not None else None)
        # every frame holds a removal noun, a participle's first word or an infinitive ("excision", "removed")
        words = any_phrase((*cues.nouns, *(p.split()[0] for p in cues.participles), *cues.infinitives))
        infinitives = any_phrase(cues.infinitives)
        compound = re.compile(rf"\s+{nouns.pattern}", re.IGNORECASE) if nouns is not None else None
        purpose = (re.compile(rf"{before.pattern}\s+(?:[\w-]+\s+){{0,{MODIFIERS + 2}}}?to\s+{infinitives.pattern}\s+",
                              re.IGNORECASE) if before is not None and infinitives is not None else None)
        # up to two adjectives before the noun ("Arthroscopic excision of"), no verb ("Discussed excision of")
        heading = (re.compile(rf"^\W*(?:(?![\w-]*ed\b)[\w-]+\s+){{0,2}}?{nouns.pattern}"
                              rf"\s+of\s+(?:[\w-]+\s+){{0,{OBJECT_WORDS}}}$", re.IGNORECASE)
                   if nouns is not None else None)
        shown_by = any_phrase(cues.shown_by)
        shown = (re.compile(rf"{nouns.pattern}\s+(?:[\w-]+\s+){{0,{MODIFIERS}}}?{shown_by.pattern}\s+", re.IGNORECASE)
                 if nouns is not None and shown_by is not None else None)
        ended_by = any_phrase(cues.ended_by)
        ended = (re.compile(rf"{ended_by.pattern}\s+(?:[\w-]+\s+){{0,{MODIFIERS}}}?{nouns.pattern}\b", re.IGNORECASE)
                 if nouns is not None and ended_by is not None else None)
        return cls(nouns, any_phrase(cues.done), governed, passive, any_phrase(regrown_by), participle, words,
                   before, compound, purpose, heading, shown, ended)

    def anywhere(self, text: str, sentence_start: int, sentence_end: int) -> bool:
        """Could the sentence hold a removal frame at all? One scan a sentence, so that the many sentences
        without a removal word cost nothing per mention."""
        return self.words is not None and self.words.search(text, sentence_start, sentence_end) is not None

    def removed(self, text: str, sentence_start: int, start: int, end: int, sentence_end: int) -> Trigger | None:
        """What tells as done the removal of the HO mention ``text[start:end]`` (a sentence's span given), else None."""
        return (self._told_done(text, sentence_start, start, end, sentence_end)
                or self._governed(text, sentence_start, start)
                or self._passive(text, end, sentence_end)
                or self._causative(text, sentence_start, start, end, sentence_end)
                or self._compound(text, sentence_start, start, end, sentence_end)
                or self._purpose(text, sentence_start, start)
                or self._heading(text, sentence_start, start, end, sentence_end)
                or self._shown(text, sentence_start, start)
                or self._ended(text, end, sentence_end))

    def _shown(self, text: str, sentence_start: int, start: int) -> Trigger | None:
        """"The excisional biopsy confirmed myositis ossificans": the removed tissue showed the HO."""
        return _framed_before(self.shown, text, sentence_start, start, SHOWN_WORDS)

    def _compound(self, text: str, sentence_start: int, start: int, end: int, sentence_end: int) -> Trigger | None:
        """"3 years after heterotopic ossification resection": a past event, then the mention and a removal noun."""
        if self.compound is None or self.compound.match(text, end, sentence_end) is None:
            return None
        return _framed_before(self.before, text, sentence_start, start, COMPOUND_WORDS)

    def _purpose(self, text: str, sentence_start: int, start: int) -> Trigger | None:
        """"He underwent surgical excision to remove the HO": a removal's purpose told after a past event."""
        return _framed_before(self.purpose, text, sentence_start, start, OBJECT_WORDS)

    def _heading(self, text: str, sentence_start: int, start: int, end: int, sentence_end: int) -> Trigger | None:
        """A title or a line with no finite verb that starts with the removal: "Removal of HO in 2020"."""
        if self.heading is None or _OTHER_VERB.search(text, sentence_start, sentence_end):
            return None
        found = self.heading.search(text[sentence_start:start])
        if found is None:
            return None
        return Trigger(found.group(0).strip(), CATEGORY, sentence_start + found.start(), sentence_start + found.end())

    def _causative(self, text: str, sentence_start: int, start: int, end: int, sentence_end: int) -> Trigger | None:
        """"He had HO removed from both hips": "had" before the mention, the removal's participle right after."""
        if self.participle is None or not _CAUSATIVE.search(text, sentence_start, start):
            return None
        verb = self.participle.match(text, end, sentence_end)
        if verb is None:
            return None
        words = verb.group(0).lstrip()
        return Trigger(words, CATEGORY, verb.end() - len(words), verb.end())

    def _told_done(self, text: str, sentence_start: int, start: int, end: int, sentence_end: int) -> Trigger | None:
        if self.nouns is None or self.done is None:
            return None
        noun = _last(self.nouns, text, sentence_start, start)
        if noun is None or not _one_clause(text[noun.end() : start], verbs=False):
            return None
        verb = self.done.search(text, end, sentence_end)
        if verb is None or not _one_clause(text[end : verb.start()]):
            return None
        return _trigger(verb)

    def _ended(self, text: str, end: int, sentence_end: int) -> Trigger | None:
        """"HO in his elbow for 4 years before surgical excision was performed": a removal told as done after the
        mention, in its clause, as what ended it."""
        if self.ended is None or self.done is None:
            return None
        frame = self.ended.search(text, end, sentence_end)
        if frame is None or not _one_clause(text[end : frame.start()]):
            return None
        verb = self.done.search(text, frame.end(), sentence_end)
        if verb is None or len(text[frame.end() : verb.start()].split()) > OBJECT_WORDS \
                or not _one_clause(text[frame.end() : verb.start()]):
            return None
        return Trigger(text[frame.start() : verb.end()], CATEGORY, frame.start(), verb.end())

    def _governed(self, text: str, sentence_start: int, start: int) -> Trigger | None:
        return _framed_before(self.governed, text, sentence_start, start, OBJECT_WORDS)

    def _passive(self, text: str, end: int, sentence_end: int) -> Trigger | None:
        if self.passive is None:
            return None
        verb = self.passive.search(text, end, sentence_end)
        if verb is None or not _one_clause(text[end : verb.start()]):
            return None
        if self.regrown is not None:
            for again in self.regrown.finditer(text, verb.end(), sentence_end):
                if not _NOT_REGROWN.search(text, verb.end(), again.start()):
                    return None
        return _trigger(verb)


def _framed_before(pattern: re.Pattern[str] | None, text: str, sentence_start: int, start: int,
                   max_words: int) -> Trigger | None:
    """The last match of ``pattern`` before the mention at ``start``, in its clause and at most ``max_words`` words
    before it: the frame that governs the mention ("underwent an early excision of | the HO")."""
    if pattern is None:
        return None
    frame = _last(pattern, text, sentence_start, start)
    if frame is None:
        return None
    between = text[frame.end() : start]
    if not _one_clause(between) or len(between.split()) > max_words:
        return None
    return _trigger(frame)


def _last(pattern: re.Pattern[str], text: str, start: int, end: int) -> re.Match[str] | None:
    found = None
    for found in pattern.finditer(text, start, end):  # noqa: B007 - the last match is wanted
        pass
    return found


def _one_clause(between: str, *, verbs: bool = True) -> bool:
    """No clause break (and, with ``verbs``, no other finite verb) in ``between``."""
    return not any(c in between for c in CLAUSE_BREAKS) and not (verbs and _OTHER_VERB.search(between))


def _trigger(match: re.Match[str]) -> Trigger:
    return Trigger(match.group(0), CATEGORY, match.start(), match.end())


@dataclass(frozen=True, slots=True)
class DiagnosisFrames:
    """A diagnosis told as made in this patient: "MO was confirmed", "she was found to have HO", "pathology
    confirmed ... the diagnosis of HO", "it was concluded that it was MO". A case's narrative states its
    patient's diagnosis this way, so a negation or hedge from an earlier clause of the sentence ("the lack of
    typical features required a biopsy, and MO was confirmed") or a topic trigger that is the frame's own
    words ("the diagnosis of") does not reach the mention."""

    made: re.Pattern[str] | None = None  # mention ... "was (histologically) confirmed"
    told: re.Pattern[str] | None = None  # "was found to have" ... mention
    named: re.Pattern[str] | None = None  # "confirmed" ... "the diagnosis of" ... mention
    noun: re.Pattern[str] | None = None  # "the diagnosis of" ... mention ... "was made"
    words: re.Pattern[str] | None = None  # any verb of diagnosis or telling phrase: the sentence may hold a frame

    @classmethod
    def of(cls, cues: DiagnosisFrameCues) -> DiagnosisFrames:
        verbs, before, nouns = any_phrase(cues.verbs), any_phrase(cues.told_by), any_phrase(cues.nouns)
        made = re.compile(rf"\b{_PASSIVE}(?:{verbs.pattern}|made)", re.IGNORECASE) if verbs is not None else None
        named = (re.compile(rf"{verbs.pattern}\s+(?:[\w-]+\s+){{0,6}}?{nouns.pattern}", re.IGNORECASE)
                 if verbs is not None and nouns is not None else None)
        return cls(made, before, named, nouns, any_phrase((*cues.verbs, "made", *cues.told_by)))

    def anywhere(self, text: str, sentence_start: int, sentence_end: int) -> bool:
        """Could the sentence hold a diagnosis frame at all (a verb of diagnosis or a telling phrase)?"""
        return self.words is not None and self.words.search(text, sentence_start, sentence_end) is not None

    def frame(self, text: str, sentence_start: int, start: int, end: int, sentence_end: int) -> tuple[int, int] | None:
        """The span of the diagnosis frame around the HO mention ``text[start:end]``, else None."""
        if self.made is not None and (verb := self.made.search(text, end, sentence_end)) is not None \
                and _one_clause(text[end : verb.start()]):
            # the diagnosis noun as the subject ("the diagnosis of MO was made"), or the mention ("MO was confirmed")
            noun = _last(self.noun, text, sentence_start, start) if self.noun is not None else None
            if noun is not None and len(text[noun.end() : start].split()) <= NAMED_WORDS \
                    and len(text[end : verb.start()].split()) <= NAMED_WORDS:
                return noun.start(), verb.end()
            if not text[end : verb.start()].strip(" ,"):
                return start, verb.end()
        for pattern, reach in ((self.told, TOLD_WORDS), (self.named, NAMED_WORDS)):
            found = _last(pattern, text, sentence_start, start) if pattern is not None else None
            if found is not None and not _UNREAL.search(text, sentence_start, found.start()):
                between = text[found.end() : start]
                if _one_clause(between) and len(between.split()) <= reach:
                    return found.start(), end
        return None


# A diagnosis that could be or will be made is no diagnosis told: "athletes can be diagnosed with MO".
_UNREAL = re.compile(r"\b(?:can|may|might|could|should|would|will|must|to|be|if|when)\s+(?:[\w-]+\s+)?$",
                     re.IGNORECASE)
TOLD_WORDS = 3  # "was found to have extensive bilateral HO"
NAMED_WORDS = 2  # "the diagnosis of early HO"


_CLAUSE_JOIN = re.compile(r"[,;]|\b(?:and|but|then)\b", re.IGNORECASE)


def overruled_by_diagnosis(text: str, ctx: ContextResult, frame: tuple[int, int]) -> ContextResult:
    """``ctx`` without the negation, hedge or topic that a diagnosis frame (``frame``) overrules: the frame's
    own words ("the diagnosis of") and triggers of an earlier clause ("the lack of typical features required a
    biopsy, and MO was confirmed"). A trigger in the mention's own clause, or after the frame, stands."""
    if ctx.status not in ("absent", "possible", "hypothetical"):
        return ctx
    for trigger in ctx.triggers:
        inside = frame[0] <= trigger.start and trigger.end <= frame[1]
        earlier = trigger.end <= frame[0] and _CLAUSE_JOIN.search(text, trigger.end, frame[0]) is not None
        if not (inside or earlier):
            return ctx
    return ContextResult(triggers=ctx.triggers)
