"""A report made by voice dictation with the spoken commands left in: "No evidence of loosening full stop new
paragraph", "class 3 scratch that class 2" (round 27, 493).

Only a text that says "full stop" or "period" as a command three times or more is taken for one, so "comma" and
"colon" in an ordinary report stay words. The commands become the marks they stand for, padded with spaces, so the
text keeps its length and every offset still points into what was pasted; "scratch that" takes back the word said
just before it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_STOP = re.compile(r"\b(?:full stop|period)\b", re.IGNORECASE)
MIN_COMMANDS = 3
_MARKS = (
    (re.compile(r"\s*\b(?:new paragraph|next paragraph)\b", re.IGNORECASE), "\n\n"),
    (re.compile(r"\s*\bnew line\b", re.IGNORECASE), "\n"),
    (re.compile(r"\s*\b(?:full stop|period)\b", re.IGNORECASE), "."),
    (re.compile(r"\s*\bcomma\b", re.IGNORECASE), ","),
    (re.compile(r"\s*\bcolon\b", re.IGNORECASE), ":"),
    (re.compile(r"\s*\bsemicolon\b", re.IGNORECASE), ";"),
    (re.compile(r"\s*\b(?:open bracket|open paren)\b", re.IGNORECASE), " ("),
    (re.compile(r"\s*\b(?:close bracket|close paren)\b", re.IGNORECASE), ")"),
    # the word said before "scratch that" is taken back with it
    (re.compile(r"\S+\s+scratch that\b", re.IGNORECASE), ""),
)


def spoken_commands(text: str) -> str:
    """``text`` with a dictation's spoken commands turned into the marks they stand for, the same length."""
    if len(_STOP.findall(text)) < MIN_COMMANDS:
        return text
    for pattern, mark in _MARKS:
        text = pattern.sub(_padded(mark), text)
    return text


def _padded(mark: str) -> Callable[[re.Match[str]], str]:
    """The mark in place of the spoken words, padded with spaces to their length."""
    return lambda spoken: mark + " " * (len(spoken.group(0)) - len(mark))
