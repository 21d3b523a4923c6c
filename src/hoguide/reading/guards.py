"""Guarded terms: words that name a concept only in some company.

"MO" is myositis ossificans where the text has spelled it out or the sentence names a body site,
and three months in "3 MO follow-up"; "bony bridging" is HO across a hip and fracture healing
across a fracture. The lexicon says which company a term needs (``TermGuard``); this module only
tests it, on the one sentence that holds the term.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass

from hoguide.knowledge.schema import TermGuard
from hoguide.reading.phrases import any_phrase

GUARDED = "guarded"  # the payload kind of a guarded term's hits
_NUMBER_BEFORE = re.compile(r"\d\s*$")
_NUMBER_REACH = 4  # characters before the term searched for a number: "3 MO", "12MO"


@dataclass(frozen=True, slots=True)
class GuardedTerm:
    kind: str
    concept: str
    defined_in_text: bool
    sites: frozenset[str]
    site_in_sentence_before: bool
    accept_words: re.Pattern[str] | None
    reject_words: re.Pattern[str] | None
    reject_after_number: bool
    affirmed_only: bool

    @classmethod
    def of(cls, kind: str, concept: str, guard: TermGuard) -> GuardedTerm:
        return cls(kind, concept, guard.defined_in_text, frozenset(guard.sentence_has_site),
                   guard.site_in_sentence_before,
                   any_phrase(guard.sentence_has_any), any_phrase(guard.reject_if_sentence_has),
                   guard.reject_after_number, guard.affirmed_only)

    def accepts(self, text: str, sentence: tuple[int, int], start: int, end: int,
                sentence_sites: Callable[[bool], Collection[str]],
                defined_ends: Callable[[], Collection[int]]) -> bool:
        """Does the term at ``text[start:end]`` count, in the sentence ``text[sentence[0]:sentence[1]]``?

        ``sentence_sites`` gives the site ids named in the sentence (and, when asked, in the one
        before it); ``defined_ends`` the ends of the
        unguarded mentions of the concept in the whole text (for "myositis ossificans (MO)")."""
        words = text[sentence[0] : sentence[1]]
        if self.reject_words is not None and self.reject_words.search(words):
            return False
        if self.reject_after_number and _NUMBER_BEFORE.search(text[max(0, start - _NUMBER_REACH) : start]):
            return False
        if self.defined_in_text and self._defined(text, text[start:end], defined_ends):
            return True
        if self.sites and self.sites & set(sentence_sites(self.site_in_sentence_before)):
            return True
        return self.accept_words is not None and self.accept_words.search(words) is not None

    @staticmethod
    def _defined(text: str, term: str, defined_ends: Callable[[], Collection[int]]) -> bool:
        """Is ``term`` written in brackets just after a full mention ("myositis ossificans (MO)")?"""
        ends = defined_ends()
        if not ends:
            return False
        for match in re.finditer(rf"\(\s*{re.escape(term)}\s*\)", text):
            before = match.start()
            if any(0 <= before - end <= 2 for end in ends):
                return True
        return False


def is_definition(text: str, start: int, end: int, mention_ends: Collection[int]) -> bool:
    """Is ``text[start:end]`` the bracketed short form right after a full name ("myositis
    ossificans (MO)"), which names no new lesion?"""
    opening = text.rfind("(", max(0, start - 2), start)
    if opening == -1 or text.find(")", end, end + 2) == -1:
        return False
    return any(0 <= opening - e <= 2 for e in mention_ends)
