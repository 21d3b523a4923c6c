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

from collections.abc import Sequence
from dataclasses import dataclass

from hoguide.errors import MalformedInputError
from hoguide.knowledge.schema import MODIFYING_CATEGORIES, ContextRule
from hoguide.models.reading import ContextResult, Trigger
from hoguide.reading.matcher import Hit, PhraseMatcher, PreparedText

LAYER = "context"


@dataclass(frozen=True, slots=True)
class CompiledRule:
    phrase: str
    category: str
    direction: str | None
    max_words: int | None
    terminates: frozenset[str] | None  # for terminate rules: the categories it stops (None: all)

    def stops(self, category: str) -> bool:
        return self.category == "terminate" and (self.terminates is None or category in self.terminates)


def compile_rules(rules: Sequence[ContextRule]) -> list[CompiledRule]:
    return [
        CompiledRule(
            r.phrase,
            r.category,
            r.direction,
            r.max_words,
            frozenset(r.terminates) if r.terminates is not None else None,
        )
        for r in rules
    ]


def _words_between(text: str, a: int, b: int) -> int:
    return len(text[a:b].split()) if b > a else 0


class ContextEngine:
    """Applies ConText rules to target spans. Build once per knowledge base; thread-safe."""

    def __init__(self, rules: Sequence[ContextRule]) -> None:
        self.rules = compile_rules(rules)
        self.matcher: PhraseMatcher[CompiledRule] = PhraseMatcher(
            (rule.phrase, LAYER, rule, False) for rule in self.rules
        )

    def find_triggers(self, text: str | PreparedText) -> list[Hit[CompiledRule]]:
        """Every trigger, pseudo-trigger and terminator in ``text`` (overlaps resolved)."""
        return self.matcher.find(text)

    def assess(self, sentence: str, start: int, end: int) -> ContextResult:
        """ConText for the target ``sentence[start:end]``; the sentence is the scope."""
        if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool):
            raise MalformedInputError("start and end must be whole numbers")
        if not 0 <= start < end <= len(sentence):
            raise MalformedInputError(
                f"the target span {start}..{end} is not inside the text (length {len(sentence)})"
            )
        return self.assess_span(sentence, self.find_triggers(sentence), start, end)

    def assess_span(
        self,
        text: str,
        triggers: Sequence[Hit[CompiledRule]],
        start: int,
        end: int,
    ) -> ContextResult:
        """ConText for ``text[start:end]`` given the triggers of its sentence (offsets into ``text``)."""
        fired: list[Hit[CompiledRule]] = []
        for i, hit in enumerate(triggers):
            rule = hit.payload
            if rule.category not in MODIFYING_CATEGORIES:
                continue
            looks_forward = rule.direction in ("forward", "bidirectional")
            looks_backward = rule.direction in ("backward", "bidirectional")
            if (
                hit.end <= start and looks_forward and self._reaches(text, triggers, i, hit.end, start, rule, 1)
            ) or (
                hit.start >= end and looks_backward and self._reaches(text, triggers, i, end, hit.start, rule, -1)
            ):
                fired.append(hit)
        if not fired:
            return ContextResult()
        categories = {hit.payload.category for hit in fired}
        return ContextResult(
            negated="negated" in categories,
            uncertain="possible" in categories,
            historical="historical" in categories,
            hypothetical="hypothetical" in categories,
            experiencer="other" if "other_experiencer" in categories else "patient",
            triggers=tuple(
                Trigger(text[h.start : h.end], h.payload.category, h.start, h.end) for h in fired
            ),
        )

    @staticmethod
    def _reaches(
        text: str,
        triggers: Sequence[Hit[CompiledRule]],
        index: int,
        gap_start: int,
        gap_end: int,
        rule: CompiledRule,
        step: int,
    ) -> bool:
        """Does the trigger at ``index`` reach across ``text[gap_start:gap_end]`` to the target?"""
        if rule.max_words is not None and _words_between(text, gap_start, gap_end) > rule.max_words:
            return False
        j = index + step
        while 0 <= j < len(triggers):
            other = triggers[j]
            if (step == 1 and other.start >= gap_end) or (step == -1 and other.end <= gap_start):
                break
            if other.start >= gap_start and other.end <= gap_end and other.payload.stops(rule.category):
                return False
            j += step
        return True
