"""US grade level of patient text (Flesch–Kincaid), computed offline and deterministically.

Flesch–Kincaid grade = 0.39 × words/sentences + 11.8 × syllables/words − 15.59
(Kincaid et al. 1975, Naval Technical Training Command report 8-75). Syllables are counted by
rule (vowel groups with the usual English corrections) rather than from a dictionary, so the
check needs no download and gives the same number everywhere. Rule counts are within a
syllable of dictionary counts for almost all words, which is enough for a grade-8 ceiling.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)")
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*|\d+(?:[.,]\d+)*")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
# Endings that add or drop a syllable against the plain vowel-group count.
_SILENT_E = re.compile(r"[^aeiouy]e$")
_LE_ENDING = re.compile(r"[^aeiouy]le$")
_ED_ENDING = re.compile(r"[^dt]ed$")
_EXTRA = re.compile(r"(?:ia|io|iu|eo|ua|uo|iet|ier|ea$|ien)")  # vowel pairs said as two syllables
_ONE_SYLLABLE_ENDINGS = re.compile(r"(?:tion|sion|cian|tial|cial|tious|cious|gious|ious)")  # "-tion" is one
_SILENT_E_BEFORE_SUFFIX = re.compile(r"[^aeiouy]e(?:ly|ful|ment|ness|less|s)$")


@lru_cache(maxsize=65536)
def count_syllables(word: str) -> int:
    """Syllables in one English word by rule; numbers and abbreviations count as spoken."""
    if word.isdigit():
        return max(1, len(word))  # "12" is "twelve", "2026" is four or more: err high
    if word.isupper() and len(word) <= 5:
        return len(word)  # abbreviations are read out letter by letter: "HO" = "aitch-oh"
    w = word.lower().strip("'’")
    if len(w) <= 3:
        return 1
    count = len(_VOWEL_GROUPS.findall(w))
    if _SILENT_E.search(w) and not _LE_ENDING.search(w):
        count -= 1
    if _ED_ENDING.search(w):
        count -= 1
    if _SILENT_E_BEFORE_SUFFIX.search(w):
        count -= 1
    count += len(_EXTRA.findall(_ONE_SYLLABLE_ENDINGS.sub("x", w)))
    return max(1, count)


@dataclass(frozen=True, slots=True)
class Readability:
    words: int
    sentences: int
    syllables: int

    @property
    def grade(self) -> float:
        """Flesch–Kincaid grade level (0.0 for empty text)."""
        if not self.words:
            return 0.0
        return round(0.39 * self.words / self.sentences + 11.8 * self.syllables / self.words - 15.59, 1)


@lru_cache(maxsize=8192)  # the same curated statements are measured for every assessment
def readability(text: str) -> Readability:
    words = _WORD.findall(text)
    sentences = max(1, len(_SENTENCE_END.findall(text)))
    return Readability(len(words), sentences, sum(count_syllables(w) for w in words))


def grade_level(text: str) -> float:
    return readability(text).grade


def combined_grade(texts: Iterable[str]) -> float:
    """The grade of several texts read as one (each measured once and cached)."""
    parts = [readability(t) for t in texts]
    return Readability(sum(p.words for p in parts), sum(p.sentences for p in parts),
                       sum(p.syllables for p in parts)).grade
