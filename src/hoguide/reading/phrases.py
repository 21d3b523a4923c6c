"""One regular expression for a list of phrases from the knowledge data: any of them, as whole words,
case-insensitive, any run of white space between their words. For the few tests that look at a
sentence's words after the automaton pass (guards, general statements, red-flag cues)."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from functools import lru_cache
from typing import Any


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
        alternatives.append(rf"(?<![\w-])(?:{_alternation(worded)})(?![\w-])")
    for phrase in signed:
        before = r"(?<![\w-])" if _WORD_EDGE.match(phrase) else ""
        after = r"(?![\w-])" if _WORD_EDGE.match(phrase[-1]) else ""
        alternatives.append(f"{before}(?:{_words(phrase)}){after}")
    return re.compile("(?:" + "|".join(alternatives) + ")", re.IGNORECASE)


_WORD_EDGE = re.compile(r"[\w-]")
_SPACE = r"\s+"


def _words(phrase: str) -> str:
    return _SPACE.join(map(re.escape, phrase.split()))


def _alternation(phrases: Sequence[str]) -> str:
    """``phrases`` (longest first) as one alternation that matches what ``a|b|c`` of them matches, as a
    tree of their shared beginnings: a flat list of 200 phrases is tried phrase by phrase at each word
    (a sixth of reading a report went to the general-statement cues), the tree letter by letter.

    The same match, not only the same language: at a node, the letters that follow can never both match
    the same place (a letter, compared without case, or a run of white space), so of the phrases that
    match at one place one is a beginning of the others, and the longest is taken first in both forms
    (longer branches before a phrase that ends at the node). Letters outside ASCII keep the flat list:
    their case-insensitive classes are not worth reasoning about."""
    if not all(p.isascii() for p in phrases):
        return "|".join(map(_words, phrases))
    root: dict[str, Any] = {}
    for phrase in phrases:
        node = root
        for i, word in enumerate(phrase.split()):
            for token in ([_SPACE] if i else []) + list(word):
                key = token.lower()
                if key not in node:
                    node[key] = (token, {})
                node = node[key][1]
        node[""] = None  # a phrase ends here

    def tree(node: dict[str, Any]) -> str:
        branches = [(token if token == _SPACE else re.escape(token)) + tree(child)
                    for key, (token, child) in ((k, v) for k, v in node.items() if k)]
        if "" in node:
            branches.append("")
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return tree(root)
