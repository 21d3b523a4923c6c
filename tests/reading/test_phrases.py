"""A list of phrases compiled as a tree of shared beginnings finds exactly what the flat list finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

import hoguide
from hoguide.examples import example_bytes, example_names
from hoguide.reading.phrases import any_phrase


def _flat(phrases: list[str]) -> re.Pattern[str]:
    """The plain form: every phrase in turn, longest first, whole words, case-insensitive."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    worded = [p for p in ordered if re.match(r"[\w-]", p) and re.match(r"[\w-]", p[-1])]
    alternatives = [r"(?<![\w-])(?:" + "|".join(r"\s+".join(map(re.escape, p.split())) for p in worded)
                    + r")(?![\w-])"] if worded else []
    for p in ordered:
        if p not in worded:
            before = r"(?<![\w-])" if re.match(r"[\w-]", p) else ""
            after = r"(?![\w-])" if re.match(r"[\w-]", p[-1]) else ""
            alternatives.append(before + "(?:" + r"\s+".join(map(re.escape, p.split())) + ")" + after)
    return re.compile("(?:" + "|".join(alternatives) + ")", re.IGNORECASE)


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in pattern.finditer(text)]


# A tiny alphabet makes phrases share beginnings, nest ("ab" in "ab ba") and differ only in case; the text
# adds white-space runs, hyphens, signs and letters outside ASCII that fold to one inside it.
_WORDS = st.text(alphabet="abkAB-%.", min_size=1, max_size=4)
_PHRASES = st.lists(st.lists(_WORDS, min_size=1, max_size=3).map(" ".join), min_size=1, max_size=12)
_TEXT = st.text(alphabet="abkAB -%.\n\t\u212a\u0130", max_size=120)  # the Kelvin sign folds to k


@settings(max_examples=500, deadline=None)
@given(phrases=_PHRASES, texts=st.lists(_TEXT, min_size=1, max_size=4))
def test_the_tree_finds_what_the_flat_list_finds(phrases: list[str], texts: list[str]) -> None:
    tree, flat = any_phrase(phrases), _flat(phrases)
    assert tree is not None
    for text in texts:
        assert _matches(tree, text) == _matches(flat, text)
        # matched from a given place too, as the general-statement predicates are
        for start in range(0, len(text), 7):
            found, expected = tree.match(text, start), flat.match(text, start)
            assert (found and found.span()) == (expected and expected.span())


def test_the_knowledge_phrase_lists_find_the_same_in_the_example_reports() -> None:
    kb = hoguide.load_knowledge()
    cues = kb.general_statements
    lists = [cues.generic, cues.specific, cues.population, cues.subject_predicates, cues.subject_blocked_by,
             cues.cohort_nouns, kb.not_the_site]
    reports = [example_bytes(n).decode("utf-8") for n in example_names()]
    for phrases in (p for p in lists if p):
        tree, flat = any_phrase(phrases), _flat(list(phrases))
        assert tree is not None and tree.pattern != flat.pattern  # the tree, not the list
        for report in reports:
            assert _matches(tree, report) == _matches(flat, report)
