"""One regular expression for a list of phrases from the knowledge data: any of them, as whole words,
case-insensitive, any run of white space between their words. For the few tests that look at a
sentence's words after the automaton pass (guards, general statements, red-flag cues)."""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache


def any_phrase(phrases: Collection[str]) -> re.Pattern[str] | None:
    """None for no phrases; the longest phrase is tried first, and a hyphen joins words ("follow-up")."""
    return _compiled(tuple(sorted(set(phrases), key=len, reverse=True))) if phrases else None


@lru_cache(maxsize=256)
def _compiled(phrases: tuple[str, ...]) -> re.Pattern[str]:
    # Whole words: a word character at either end may not touch another. The phrases with a word at both
    # ends share one pair of lookarounds (one test a position, which keeps the search fast); a phrase that
    # starts or ends with a sign ("% of cases") has its own, so that it may follow a number ("15% of cases").
    worded = [p for p in phrases if _WORD_EDGE.match(p) and _WORD_EDGE.match(p[-1])]
    signed = [p for p in phrases if p not in set(worded)] if len(worded) < len(phrases) else []
    alternatives: list[str] = []
    if worded:
        alternatives.append(rf"(?<![\w-])(?:{'|'.join(map(_words, worded))})(?![\w-])")
    for phrase in signed:
        before = r"(?<![\w-])" if _WORD_EDGE.match(phrase) else ""
        after = r"(?![\w-])" if _WORD_EDGE.match(phrase[-1]) else ""
        alternatives.append(f"{before}(?:{_words(phrase)}){after}")
    return re.compile("(?:" + "|".join(alternatives) + ")", re.IGNORECASE)


_WORD_EDGE = re.compile(r"[\w-]")


def _words(phrase: str) -> str:
    return r"\s+".join(map(re.escape, phrase.split()))
