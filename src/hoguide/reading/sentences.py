"""Split report text into sentences: the scope of every ConText trigger.

Clinical text breaks sentences in more ways than prose (ecosystem.md §3.7, the most common
complaint about clinical NLP tools): besides ". Next", a blank line, a list item ("- ", "1.",
"•"), a section header and a semicolon each start a new sentence: radiologists join separate
findings with ";" ("HO about the right hip; no HO on the left"). Line wraps inside a sentence do not.

The rules are written here as regular expressions. The C extension ``_sentences`` applies the same
rules in one pass per block, with no match objects; it is used where it was built, unless
``HOGUIDE_PURE_PYTHON`` is set. tests/reading/test_native_sentences.py checks that both give the
same sentences, and that its copy of the abbreviation list matches ``_ABBREVIATIONS``.
"""

from __future__ import annotations

import re
import string
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from itertools import pairwise
from typing import NamedTuple

from hoguide.config import native_module

# "Dr. Smith", "e.g. the" and initials are not sentence ends: the abbreviations become fixed-width
# look-behinds, so the check runs inside the regular expression engine.
_ABBREVIATIONS = (
    "dr", "mr", "mrs", "ms", "vs", "no", "nos", "fig", "approx", "appt", "st", "pt", "pts", "hx", "dx", "tx",
    "sx", "etc", "incl", "cf", "al", "e.g", "i.e", "a.m", "p.m", "b.i.d", "t.i.d", "q.i.d", "q.d", "p.o",
    "u.s", "inc", "jr", "sr",
)


def _not_after_abbreviation() -> str:
    """One look-behind per abbreviation length, its spellings as alternatives: a look-behind must
    have a fixed width, and each is tried at every stop found, so fewer of them is faster."""
    by_length: dict[int, list[str]] = {}
    for abbreviation in _ABBREVIATIONS:
        by_length.setdefault(len(abbreviation), []).append(re.escape(abbreviation))
    return "".join(
        rf"(?<!\b(?i:{'|'.join(spellings)})\.)" for _, spellings in sorted(by_length.items())
    ) + r"(?<!\b[A-Za-z]\.)"


# The look-behinds come after the first stop, so the engine only tries them at a stop it found,
# and only where the character after it could continue a sentence end.
_AFTER_STOP = r"(?=[.!?\"')\] \t\r\n])" + _not_after_abbreviation()
_END_TAIL = r"[.!?]*[\"')\]]*(?:[ \t]+|[ \t]*\r?\n[ \t]*)(?=[A-Z0-9\"'(\[•*?-])"  # "? DVT" may start one
# A "?" after a space, or first in its line, is a hedge, not a question's end: "? haematoma ? DVT" and
# "? HO right hip" are one sentence each.
_END = re.compile(rf"(?:[.!]|(?<=[^ \t\r\n])\?){_AFTER_STOP}{_END_TAIL}")
# The same for text without "!" or "?" (most blocks): a pattern that starts with one literal
# character is scanned for at C speed, one that starts with a set is tested at every character.
_END_AT_DOT = re.compile(rf"\.{_AFTER_STOP}{_END_TAIL}")
# Line ends may be "\r\n" (Windows files, and every textarea a browser submits). A blank line
# ends every sentence, so it also cuts the text into blocks that are split independently.
_BLANK_LINE = re.compile(r"\n[ \t\r]*\n\s*")
# ... and where a paragraph ends, for the passes that look across lines (sections, lead-ins, places named before)
PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n")
# A list item and a semicolon start a new sentence too. Two patterns that each start with one
# literal character are scanned for at C speed; as one alternation they were tested at every character.
_LIST_ITEM = re.compile(r"\n(?=[ \t]*(?:[-*•]|\d{1,2}[.)])[ \t])")
# ... not one that goes on with "or": the alternatives of one condition ("contact us sooner if: ... or fever; OR any
# tingling or numbness in the ring/little fingers": round 25, 458 read the tingling as there now)
_SEMICOLON = re.compile(r";\s*+(?![Oo][Rr]\b)")
# An inline enumeration ("1) esophagitis s/p biopsy 2) hiatal hernia") starts a new item too. Found
# from each ")" with str.find: an alternative in _BREAK would be tried at every character. The item
# number follows a word, "," or "." and one or more spaces: text whose line breaks were flattened
# into spaces ("s/p fixation   2) heterotopic bone") keeps several.
_ENUMERATION = re.compile(r"\d{1,2}\)[ \t]+[A-Za-z]")
_BEFORE_ITEM = frozenset(string.ascii_letters + ",.")
MAX_SENTENCE_CHARS = 1000


class NativeSplitter(NamedTuple):
    """The C splitter's two functions: the same signatures as _blocks and _split_block below."""

    blocks: Callable[[str], list[int]]
    split_block: Callable[[str, int, int, Sequence[int]], list[int]]


def implementation() -> str:
    """Which sentence splitter new indexes use, for ``hoguide --version`` and the benchmarks."""
    return "C" if native_splitter() is not None else "regular expressions"


@cache
def native_splitter() -> NativeSplitter | None:
    """The C sentence splitter, or None where it is not built or ``HOGUIDE_PURE_PYTHON`` is set.
    Looked up on first use, not at import."""
    module = native_module("_sentences")
    return NativeSplitter(module.block_starts, module.split_block) if module is not None else None


def _is_list_number(text: str, dot: int) -> bool:
    """The "1." of a numbered list item ends no sentence."""
    line_start = text.rfind("\n", max(0, dot - 5), dot) + 1 if dot > 5 else 0
    return 0 < dot - line_start <= 4 and text[line_start:dot].strip().isdigit()


class SentenceIndex:
    """Sentence boundaries of one text; ``span(offset)`` gives the sentence holding an offset.

    The text is cut at blank lines into blocks, and a block is split into sentences only when an
    offset in it is first asked for: the reader asks only about sentences that hold an HO term or
    a fact, and most paragraphs of a long note hold neither.
    """

    def __init__(self, text: str, extra_breaks: Iterable[int] = ()) -> None:
        self.length = len(text)
        self._text = text
        native = native_splitter()
        self._split_one = native.split_block if native is not None else _split_block
        self._blocks = native.blocks(text) if native is not None else _blocks(text)
        self._extra = sorted(extra_breaks)
        self._bounds: dict[int, list[int]] = {}  # block index -> its sentence starts, then its end

    def span(self, offset: int) -> tuple[int, int]:
        block = bisect_right(self._blocks, offset) - 1
        bounds = self._bounds.get(block) or self._split_block(block)
        i = bisect_right(bounds, offset, 0, len(bounds) - 1) - 1  # among the starts only
        return bounds[i], bounds[i + 1]

    def spans(self) -> list[tuple[int, int]]:
        found: list[tuple[int, int]] = []
        for block in range(len(self._blocks)):
            found += pairwise(self._bounds.get(block) or self._split_block(block))
        return found

    def _split_block(self, block: int) -> list[int]:
        start = self._blocks[block]
        end = self._blocks[block + 1] if block + 1 < len(self._blocks) else self.length
        extra = self._extra[bisect_left(self._extra, start) : bisect_left(self._extra, end)]
        bounds = self._split_one(self._text, start, end, extra)
        bounds.append(end)
        self._bounds[block] = bounds
        return bounds


# A numbered list dictated without its "." or ")": "impression\n1 stable left total knee arthroplasty no evidence of
# loosening or fracture\n2 small hetero topic ossification ..." (round 20, 370: the first item's "no" reached the
# second). A line that starts with a bare number is an item only where the number before or after it starts a line too
# (a list), so a wrapped "measuring approximately\n9 millimeters" is none.
_BARE_ITEM = re.compile(r"\n[ \t]*(\d{1,2})[ \t]+(?=[A-Za-z])")


def bare_list_items(text: str) -> list[int]:
    """Where the items of a numbered list written without "." or ")" start (the number's offset)."""
    found = [(m.end(0) - len(m.group(0).lstrip("\n \t")), int(m.group(1))) for m in _BARE_ITEM.finditer(text)]
    numbers = {n for _, n in found}
    return [start for start, n in found if n - 1 in numbers or n + 1 in numbers]


# A result pasted from an HL7 v2 message ("OBX|9|TX|XRELB3L^XR ELBOW LEFT^L|9|IMPRESSION:~1. Healing ...~2. Small
# early (immature) heterotopic ossification ...||||||A|||F"): its fields are apart, and so are the lines an "~" or a
# "\.br\" joins (round 21, 384 quoted a plan line run into the next segment's header and the signature).
_FIELD_SEPARATORS = re.compile(r"\|+[ \t]*|\\\.br\\|~(?=\d{1,2}[.)]\s)")
_SEGMENT = re.compile(r"(?m)^[A-Z][A-Z0-9]{2}\|[^\n]*")  # a message line: "OBX|9|TX|...", "NTE|1|L|..."


_RULE_LINE = re.compile(r"^[ \t]*(?:-{5,}|={5,})[ \t]*$", re.MULTILINE)


def rule_lines(text: str, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
    """The rule lines (a row of five or more dashes or equals signs) of ``text[start:end]``: a break between the
    entries of a message thread or a notes page (sentences here, sections in ``sections.py``)."""
    stop = len(text) if end is None else end
    # (looked for in the range only: sections.py asks once per section, and a look over the whole text each time was
    # quadratic on a report of many short sections)
    if text.find("-----", start, stop) == -1 and text.find("=====", start, stop) == -1:
        return []
    return list(_RULE_LINE.finditer(text, start, stop))


# A line flush left after a short list item ends the list: "- Amlodipine 5 mg OD (usual)\nDo NOT take other
# anti-inflammatory painkillers ..." is a rule of its own (round 31, 578 quoted it run into the medicine above it).
# A wrapped item's next line is indented, starts in lower case, or follows a line near the wrap width.
_AFTER_SHORT_ITEM = re.compile(r"^[ \t]*[-*\u2022][ \t]+[^\n]{1,48}\n(?=[A-Z][A-Za-z])", re.MULTILINE)


def after_list_items(text: str) -> list[int]:
    """Where a line that is no list item starts flush left after a short bulleted item."""
    if "\n" not in text:
        return []
    return [m.end() for m in _AFTER_SHORT_ITEM.finditer(text)]


def layout_breaks(text: str) -> list[int]:
    """Where a sentence starts because of how the text was laid out rather than written: the items of a numbered list
    dictated without stops, and the fields of a pasted HL7 message (only on its segment lines: a letterhead's
    "Hospital | address | phone" is one line of its own)."""
    found = bare_list_items(text) + after_list_items(text)
    # a rule line (a row of dashes) starts and ends a block of its own: a message thread's "-----\nFrom: Mr X Sent:
    # ...\n-----\nDear ..." is no part of the letter's first sentence (round 22, 409)
    for rule in rule_lines(text):
        found.append(rule.start())
        if rule.end() + 1 < len(text):
            found.append(rule.end() + 1)
    if "|" in text:
        found += [m.end() for line in _SEGMENT.finditer(text)
                  for m in _FIELD_SEPARATORS.finditer(text, line.start(), line.end()) if m.end() < len(text)]
    return found


def split_sentences(text: str, extra_breaks: Iterable[int] = ()) -> SentenceIndex:
    """Sentence boundaries for ``text``; ``extra_breaks`` are offsets that must start a sentence
    (section headers and bodies)."""
    return SentenceIndex(text, extra_breaks)


def _blocks(text: str) -> list[int]:
    """Where the blocks of ``text`` start: 0, and after every blank line inside it."""
    return [0, *(end for m in _BLANK_LINE.finditer(text) if 0 < (end := m.end()) < len(text))]


def _split_block(text: str, start: int, end: int, extra: Sequence[int]) -> list[int]:
    """The sorted sentence starts of the block ``text[start:end]``; ``extra``: the extra breaks in it."""
    starts = {start}
    starts.update(_sentence_ends(text, start, end))
    starts.update(_breaks(text, start, end))
    starts.update(_inline_enumerations(text, start, end))
    starts.update(extra)
    ordered = sorted(starts)
    while ordered[-1] >= end and len(ordered) > 1:  # a break that ends the block starts the next
        ordered.pop()
    return _cap_length(text, ordered, end)


def _sentence_ends(text: str, start: int, end: int) -> list[int]:
    """Where a sentence after a stop ("." "!" "?") starts, in ``text[start:end]``."""
    plain = text.find("!", start, end) == -1 and text.find("?", start, end) == -1
    found = []
    for match in (_END_AT_DOT if plain else _END).finditer(text, start, end):
        dot = match.start()
        if dot and text[dot - 1].isdigit() and text[dot] == "." and _is_list_number(text, dot):
            continue
        found.append(match.end())
    return found


def _breaks(text: str, start: int, end: int) -> list[int]:
    """Where a list item or the clause after a semicolon starts, in ``text[start:end]``."""
    items = [match.end() for match in _LIST_ITEM.finditer(text, start, end)]
    if text.find(";", start, end) == -1:
        return items
    clauses = [match.span() for match in _SEMICOLON.finditer(text, start, end)
               if not _in_parentheses(text, match.start(), start, end)]
    # A semicolon takes the white space after it, line ends included: a list item whose line end
    # is in there starts where that clause does (";\n  - item" is one break, not two).
    return [clause for _, clause in clauses] + [item for item in items if not _within(item - 1, clauses)]


# A semicolon inside a short parenthesis joins the parenthesis's own parts, not two findings: "Watch for (ward staff
# aware; please also note after discharge): new swelling of either leg (repeat Doppler), ..." (round 21, 397: the
# split left the list out of the watch-for's reach and raised the clot warning). Looked for within PAREN_REACH
# characters either side, so each semicolon costs a bounded search.
PAREN_REACH = 80


def _in_parentheses(text: str, at: int, start: int, end: int) -> bool:
    """Is the semicolon at ``at`` between a "(" and a ")" of one short parenthesis (none of either between)?"""
    lower, upper = max(start, at - PAREN_REACH), min(end, at + PAREN_REACH)
    opened, closed_before = text.rfind("(", lower, at), text.rfind(")", lower, at)
    if opened == -1 or closed_before > opened:
        return False
    closes, opened_after = text.find(")", at, upper), text.find("(", at, upper)
    return closes != -1 and (opened_after == -1 or opened_after > closes)


def _within(offset: int, spans: list[tuple[int, int]]) -> bool:
    """Is ``offset`` inside one of ``spans`` (sorted, disjoint), past its first character?"""
    i = bisect_left(spans, (offset,)) - 1
    return i >= 0 and offset < spans[i][1]


def _inline_enumerations(text: str, start: int, end: int) -> list[int]:
    """Where items "2) ", "3) " … of a list run together on one line start; an item counts only
    after its predecessor ("1)" before "2)"), so "(see figure 2) below" splits nothing."""
    found = []
    close = text.find(")", start, end)
    while close != -1:
        digits = close - 2 if close >= 2 and text[close - 2].isdigit() else close - 1
        if (digits >= start and text[digits].isdigit() and _ENUMERATION.match(text, digits, end)
                and _after_words(text, digits)):
            number = int(text[digits:close])
            if number > 1 and text.rfind(f"{number - 1})", start, digits) != -1:
                found.append(digits)
        close = text.find(")", close + 1, end)
    return found


def _after_words(text: str, digits: int) -> bool:
    """Do spaces come right before ``text[digits]``, and a letter, "," or "." before them? (Each walk
    back stops at the first non-space, so the walks of one text stay linear in its length.)"""
    i = digits
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    return 0 < i < digits and text[i - 1] in _BEFORE_ITEM


def _cap_length(text: str, starts: list[int], end: int) -> list[int]:
    """Break run-on "sentences" (tables, pasted lists, junk) at white space every few hundred
    characters: a trigger's scope never needs more, and it keeps ConText linear in the text."""
    if end - starts[0] <= MAX_SENTENCE_CHARS:  # most blocks: no sentence in them can be longer
        return starts
    if all(b - a <= MAX_SENTENCE_CHARS for a, b in pairwise([*starts, end])):
        return starts
    capped: list[int] = []
    for start, stop in pairwise([*starts, end]):
        capped.append(start)
        while stop - start > MAX_SENTENCE_CHARS:
            cut = text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
            start = cut + 1 if cut != -1 else start + MAX_SENTENCE_CHARS
            capped.append(start)
    return capped
