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
    return re.compile("(?:" + "|".join(map(_whole_words, phrases)) + ")", re.IGNORECASE)


def _whole_words(phrase: str) -> str:
    """The phrase as whole words: a word character at either end may not touch another; a phrase that
    starts or ends with a sign ("% of cases") may follow a number ("15% of cases")."""
    words = r"\s+".join(map(re.escape, phrase.split()))
    before = r"(?<![\w-])" if re.match(r"[\w-]", phrase) else ""
    after = r"(?![\w-])" if re.search(r"[\w-]$", phrase) else ""
    return f"{before}(?:{words}){after}"
