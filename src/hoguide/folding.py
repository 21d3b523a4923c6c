"""Case and punctuation folding shared by the knowledge checks and the matcher."""

from __future__ import annotations

# Same-length substitutions only, so offsets into the prepared text stay offsets into the input.
_FOLD = str.maketrans(
    {
        "\t": " ", "\n": " ", "\r": " ", "\f": " ", "\v": " ", "\xa0": " ",
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
    }
)


def fold(text: str) -> str:
    """Lower-case and fold white space and dashes without changing the length of the text."""
    lowered = text.lower()
    if len(lowered) != len(text):
        # A few characters (e.g. 'İ') lower-case to two; keep one per input character.
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return lowered.translate(_FOLD)


def normalise_phrase(phrase: str) -> str:
    return " ".join(fold(phrase).split())
