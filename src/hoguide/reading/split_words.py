"""Words split across a line end by a hyphen, as text copied from a PDF or an OCR scan has them.

"Heterotopic ossifi-" / "cation right hip" is one word the lexicon knows; read in two halves it is no HO at all
(round 26, 473). The mended text has the same length as the input, so every offset into it is an offset into what
the patient pasted: the second half moves up beside the first, and the line break stays where it was, after it.
"""

from __future__ import annotations

import re
from collections.abc import Set

# letters, a hyphen (spaces an OCR left after it), the line break, then the next line's first word in lower case: a
# word the typesetter split, not a dash ("surfaces -" / "Brooker III" has a space before it)
_SPLIT = re.compile(r"(?<![\w-])([A-Za-z]+(?:-[A-Za-z]+)*)-([ \t]*\r?\n[ \t]*)([a-z]+)(?![\w-])")


def mend_split_words(text: str, vocabulary: Set[str]) -> str:
    """``text`` with each word split at a line end joined again, the same length.

    A join keeps its hyphen where the hyphenated word is the one ``vocabulary`` (lower-case words) knows ("anti-" /
    "inflammatory"), or where the first half is a word of its own the joined word is not ("well-" / "defined");
    otherwise the halves are one word ("ossifi-" / "cation", "osteo-" / "arthritis")."""
    if "-\n" not in text and "-\r\n" not in text and not re.search(r"-[ \t]+\r?\n", text):
        return text

    def mend(match: re.Match[str]) -> str:
        first, gap, second = match.groups()
        head = first.rsplit("-", 1)[-1].lower()
        joined = first.lower().rsplit("-", 1)[-1] + second
        keep_hyphen = (f"{head}-{second}" in vocabulary
                       or (joined not in vocabulary and head in vocabulary))
        word = f"{first}-{second}" if keep_hyphen else f"{first}{second}"
        line_break = "\r\n" if "\r\n" in gap else "\n"
        padding = len(match.group(0)) - len(word) - len(line_break)
        return word + " " * padding + line_break

    return _SPLIT.sub(mend, text)
