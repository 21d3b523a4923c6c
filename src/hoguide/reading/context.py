"""A general ConText engine: is a target phrase negated, uncertain, historical, hypothetical,
or about someone other than the patient?

After Chapman, Chu and Dowling, "ConText: an algorithm for identifying contextual features from
clinical text", BioNLP 2007 (and Harkema et al., J Biomed Inform 2009). A trigger phrase opens a
scope in its direction (forward, backward or both) that runs to the end of the sentence unless a
terminator ("but", "however" …) or the rule's ``max_words`` stops it first. Pseudo-triggers
("no change", "gram negative") are longer phrases that win the overlap against the trigger inside
them and modify nothing. Rules are data (``context_rules.yaml``); this module only applies them.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import TypeVar

from hoguide.errors import MalformedInputError
from hoguide.knowledge.schema import MODIFYING_CATEGORIES, ContextRule
from hoguide.models.reading import ContextResult, Trigger
from hoguide.reading.layers import CONTEXT, CONTEXT_STOP
from hoguide.reading.matcher import Hit, PhraseMatcher, PreparedText
from hoguide.reading.sentences import split_sentences

# A relative clause set off by commas: ", which was the reason for referral,"
_RELATIVE_CLAUSE = re.compile(r",\s*(?:which|who|whom|whose)\b[^,;:.()]*,")
# " - ", " – ": a clause break, also where the line wraps after the dash ("no bony bridging -\nBrooker III equivalent")
_SPACED_DASH = re.compile(r"[ \t][-\u2013\u2014](?:[ \t]|\r?\n)")
# ... and a new clause with a subject of its own: "it is not fused, and the HO is Brooker II" (round 26, 490)
_NEW_CLAUSE = re.compile(r",\s+(?:and|but)\s+(?:the|this|these|his|her|its|it|there)\b", re.IGNORECASE)
P = TypeVar("P")
NO_CONTEXT = ContextResult()  # what most targets get: immutable, so one instance serves them all


@dataclass(frozen=True, slots=True)
class CompiledRule:
    phrase: str
    category: str
    direction: str | None
    max_words: int | None
    terminates: frozenset[str] | None  # for terminate rules: the categories it stops (None: all)
    looks_forward: bool = False
    looks_backward: bool = False
    max_words_backward: int | None = None  # None: ``max_words`` both ways
    reaches_list: bool = False  # a lead-in's scope that reaches the list below it (lead_ins.py)
    past_terminators: bool = False  # only its word limit ends its scope

    def stops(self, category: str) -> bool:
        return self.category == "terminate" and (self.terminates is None or category in self.terminates)


def context_layer(rule: ContextRule | CompiledRule) -> str:
    """The matcher layer of a rule: terminators apart from the triggers, so that neither hides the other."""
    return CONTEXT_STOP if rule.category == "terminate" else CONTEXT


def hidden_stops(hits: Sequence[Hit[P]]) -> frozenset[tuple[int, int]]:
    """The (start, end) of each terminator that starts inside a trigger or a pseudo-trigger, which would have hidden
    it had they shared a layer ("no cartilage with atypia": the pseudo-trigger "with atypia" stops nothing). A trigger
    that starts inside a terminator stays: the "if" of "in 4 weeks if the pain is not settling" opens a condition.
    ``hits`` sorted by start, as the matcher gives them."""
    triggers = [hit for hit in hits if hit.layer != CONTEXT_STOP]
    if len(triggers) == len(hits):
        return frozenset()
    starts = [hit.start for hit in triggers]
    hidden = set()
    for hit in hits:
        if hit.layer == CONTEXT_STOP:
            i = bisect_right(starts, hit.start) - 1
            if i >= 0 and hit.start < triggers[i].end and not (
                    triggers[i].start == hit.start and hit.end > triggers[i].end):
                hidden.add((hit.start, hit.end))
    return frozenset(hidden)


def without_hidden_stops(hits: list[Hit[P]]) -> list[Hit[P]]:
    """``hits`` without the terminators ``hidden_stops`` finds."""
    hidden = hidden_stops(hits)
    return [hit for hit in hits if (hit.start, hit.end) not in hidden] if hidden else hits


def compile_rules(rules: Sequence[ContextRule]) -> list[CompiledRule]:
    modifying = set(MODIFYING_CATEGORIES)
    return [
        CompiledRule(
            r.phrase,
            r.category,
            r.direction,
            r.max_words,
            frozenset(r.terminates) if r.terminates is not None else None,
            r.category in modifying and r.direction in ("forward", "bidirectional"),
            r.category in modifying and r.direction in ("backward", "bidirectional"),
            r.max_words_backward,
            r.reaches_list,
            r.past_terminators,
        )
        for r in rules
    ]


def words_between(text: str, a: int, b: int) -> int:
    """Words between two offsets; a bracketed aside counts as one ("the heterotopic bone (Brooker III, gap under
    1 cm) was excised": two words apart, not eight)."""
    if b <= a:
        return 0
    gap = text[a:b]
    if "(" in gap:
        gap = _ASIDE.sub(" aside ", gap)
    return len(gap.split())


_ASIDE = re.compile(r"\([^()]*\)")


class ContextEngine:
    """Applies ConText rules to target spans. Build once per knowledge base; thread-safe."""

    def __init__(self, rules: Sequence[ContextRule]) -> None:
        self.rules = compile_rules(rules)
        self.matcher: PhraseMatcher[CompiledRule] = PhraseMatcher(
            (rule.phrase, context_layer(rule), rule, False) for rule in self.rules
        )

    def find_triggers(self, text: str | PreparedText) -> list[Hit[CompiledRule]]:
        """Every trigger, pseudo-trigger and terminator in ``text`` (overlaps resolved)."""
        return without_hidden_stops(self.matcher.find(text))

    def assess(self, text: str, start: int, end: int) -> ContextResult:
        """ConText for the target ``text[start:end]``. The scope is the sentence that holds it, split
        as the reader splits reports ("No pneumonia. Possible pneumonia.": the second is possible);
        a target that crosses a sentence boundary gets the whole text."""
        if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool):
            raise MalformedInputError("start and end must be whole numbers")
        if not 0 <= start < end <= len(text):
            raise MalformedInputError(
                f"the target span {start}..{end} is not inside the text (length {len(text)})"
            )
        first, last = split_sentences(text).span(start)
        if end > last:
            first, last = 0, len(text)
        triggers = [hit for hit in self.find_triggers(text) if first <= hit.start and hit.end <= last]
        return self.assess_span(text, triggers, start, end)

    def assess_span(
        self,
        text: str,
        triggers: Sequence[Hit[CompiledRule]],
        start: int,
        end: int,
    ) -> ContextResult:
        """ConText for ``text[start:end]`` given the triggers of its sentence (offsets into ``text``)."""
        return SentenceTriggers(text, triggers).assess(start, end)


class SentenceTriggers:
    """The triggers of one sentence, indexed so that each target costs O(log n), not O(n).

    For each category it keeps the forward triggers in order of their end and the backward
    ones in order of their start, and the terminators that stop that category. A target then
    looks only at the nearest few triggers on each side: if the nearest one is cut off by a
    terminator or its word limit, an older one of the same category almost always is too.
    Long sentences with hundreds of triggers and targets stay linear this way.
    """

    NEAREST = 3  # triggers per category and side to try, for rules with different word limits

    def __init__(self, text: str, triggers: Sequence[Hit[CompiledRule]]) -> None:
        self.text = text
        # Per category: (hits, their ends) looking forward and (hits, their starts) looking backward,
        # built in one walk (a sentence holds a handful of triggers, so the fixed cost counts).
        self._forward: dict[str, tuple[list[Hit[CompiledRule]], list[int]]] = {}
        self._backward: dict[str, tuple[list[Hit[CompiledRule]], list[int]]] = {}
        self._terminators: list[Hit[CompiledRule]] = []
        for hit in triggers:
            rule = hit.payload
            if rule.category == "terminate":
                self._terminators.append(hit)
            if rule.looks_forward:
                if (forward := self._forward.get(rule.category)) is None:
                    self._forward[rule.category] = ([hit], [hit.end])
                else:
                    forward[0].append(hit)
                    forward[1].append(hit.end)
            if rule.looks_backward:
                if (backward := self._backward.get(rule.category)) is None:
                    self._backward[rule.category] = ([hit], [hit.start])
                else:
                    backward[0].append(hit)
                    backward[1].append(hit.start)
        self._stops: dict[str, tuple[list[int], list[int]]] = {}  # built per category on first need

    def _blocked(self, category: str, gap_start: int, gap_end: int) -> bool:
        """Is there a terminator for ``category`` wholly inside ``text[gap_start:gap_end]``?"""
        stops = self._stops.get(category)
        if stops is None:
            chosen = [t for t in self._terminators if t.payload.stops(category)]
            stops = self._stops[category] = ([t.start for t in chosen], [t.end for t in chosen])
        starts, ends = stops
        i = bisect_left(starts, gap_start)
        return i < len(starts) and ends[i] <= gap_end

    def _reaches(self, hit: Hit[CompiledRule], gap_start: int, gap_end: int, backward: bool = False) -> bool:
        rule = hit.payload
        cap = rule.max_words_backward if backward and rule.max_words_backward is not None else rule.max_words
        if cap is not None and words_between(self.text, gap_start, gap_end) > cap:
            return False
        return rule.past_terminators or not (self._terminators and self._blocked(rule.category, gap_start, gap_end))

    def _reaches_back(self, hit: Hit[CompiledRule], gap_start: int, gap_end: int) -> bool:
        """A postposed trigger reaches its subject across a relative clause set off by commas: in "HO about the
        left hip, which was the reason for referral, is not seen" the clause's "which" ends no scope of the
        main clause's verb. Elsewhere "which" ends a scope as ConText has it."""
        if self._opens(gap_start, gap_end):
            return False
        if self._reaches(hit, gap_start, gap_end, backward=True):
            return True
        clause = _RELATIVE_CLAUSE.search(self.text, gap_start, gap_end)
        if clause is None:
            return False
        rule = hit.payload
        cap = rule.max_words_backward if rule.max_words_backward is not None else rule.max_words
        if cap is not None and (words_between(self.text, gap_start, clause.start())
                                + words_between(self.text, clause.end(), gap_end)) > cap:
            return False
        return not (self._terminators and (self._blocked(rule.category, gap_start, clause.start())
                                           or self._blocked(rule.category, clause.end(), gap_end)))

    def _opens(self, gap_start: int, gap_end: int) -> bool:
        """A postposed trigger inside brackets reaches no target before them (``_closes``' twin): in "7 Gy RT
        post-op (indomethacin not given - CKD)" the radiotherapy was given (round 11, 215)."""
        opening = self.text.rfind("(", gap_start, gap_end)
        return opening != -1 and self.text.find(")", opening, gap_end) == -1

    def _closes(self, hit: Hit[CompiledRule], gap_start: int, gap_end: int) -> bool:
        """A trigger inside brackets reaches no target after them: in "(no fractures on trauma CT), 19 days
        ICU" the ICU stay is not negated; "no (significant) heterotopic ossification" still is. A denial ends at a
        dash set off by spaces, which starts a new clause: "no ankylosis - likely neurogenic HO" (round 11, 218);
        the matcher sees no spaces, so "self-esteem" is no such dash."""
        close = self.text.find(")", gap_start, gap_end)
        if close != -1 and self.text.find("(", gap_start, close) == -1:
            return True
        return hit.payload.category == "negated" and (_SPACED_DASH.search(self.text, gap_start, gap_end) is not None
                                                      or _NEW_CLAUSE.search(self.text, gap_start, gap_end) is not None)

    def _glossed(self, hit: Hit[CompiledRule], gap_start: int, gap_end: int, target_end: int) -> bool:
        """A past trigger reaches no target that opens a bracket after it: the bracket names what the finding is, not
        more of the past ("likely related to the previous tendon rupture / surgical repair (heterotopic ossification
        of the tendon)": round 14, 268 was read as HO of the past); unless a date after the bracket dates the whole
        past item ("Previous R 2nd toe amputation (osteomyelitis) 2024": round 27, 494 was told its report finds an
        infection)."""
        if hit.payload.category != "historical":
            return False
        gap = self.text[gap_start:gap_end].rstrip()
        return gap.endswith("(") and ")" not in gap and _DATED_AFTER.match(self.text, target_end) is None

    def assess(self, start: int, end: int) -> ContextResult:
        fired: list[Hit[CompiledRule]] = []
        nearest = self.NEAREST
        for hits, ends in self._forward.values():
            # the triggers that end before the target, nearest first; and one that starts before the target and
            # ends on its words ("no recurrence" over the fact "recurrence"), since its own words name the target
            i = bisect_right(ends, end)
            for k in range(i - 1, max(i - nearest, 0) - 1, -1):
                hit = hits[k]
                if hit.end > start and hit.start >= start:
                    continue
                if hit.end > start or (self._reaches(hit, hit.end, start) and not self._closes(hit, hit.end, start)
                                       and not self._glossed(hit, hit.end, start, end)):
                    fired.append(hit)
                    break
        for hits, starts in self._backward.values():
            i = bisect_left(starts, end)  # the triggers that start after the target, nearest first
            for k in range(i, min(i + nearest, len(hits))):
                if self._reaches_back(hits[k], end, hits[k].start):
                    fired.append(hits[k])
                    break
        if not fired:
            return NO_CONTEXT
        fired.sort(key=_start)
        categories = {hit.payload.category for hit in fired}
        text = self.text
        return ContextResult(
            negated="negated" in categories,
            uncertain="possible" in categories,
            historical="historical" in categories,
            hypothetical="hypothetical" in categories,
            experiencer="other" if "other_experiencer" in categories else "patient",
            triggers=tuple(Trigger(text[h.start : h.end], h.payload.category, h.start, h.end) for h in fired),
        )


_start = attrgetter("start")
# the rest of a bracket, then a year or a date: "(osteomyelitis) 2024", "(sepsis) in 03/2023"
_DATED_AFTER = re.compile(r"[^()\n]{0,40}\)[ \t,-]*(?:in[ \t]+)?(?:(?:19|20)\d{2}\b|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|"
                          r"\d{1,2}[/.-](?:19|20)\d{2}\b)")
