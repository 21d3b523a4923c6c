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

_FOLD_PAIRS = tuple((chr(code), replacement) for code, replacement in _FOLD.items())

# The same for ASCII text as a 256-byte table: bytes.translate is many times faster than a
# str.translate that looks each character up in a dict, and most reports are ASCII.
_ASCII_FOLD = bytes(
    ord(_FOLD.get(byte, chr(byte)).lower()) if byte < 128 else byte for byte in range(256)
)


def fold(text: str) -> str:
    """Lower-case and fold white space and dashes without changing the length of the text."""
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_FOLD).decode("ascii")
    lowered = text.lower()
    if len(lowered) != len(text):
        # A few characters (e.g. 'İ') lower-case to two; keep one per input character.
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    # One C-speed replace per character that occurs beats str.translate's lookup of every character.
    for char, replacement in _FOLD_PAIRS:
        if char in lowered:
            lowered = lowered.replace(char, replacement)
    return lowered


def normalise_phrase(phrase: str) -> str:
    return " ".join(fold(phrase).split())
