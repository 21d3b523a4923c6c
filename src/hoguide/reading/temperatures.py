"""A raised body temperature written as a number ("Temp 37.9 yesterday", "T max 38.4", "a temp of 101 last
night"): a fever the words "fever" or "pyrexia" would have named (round 10, 195: "Temp 37.9" beside a warm,
swollen thigh was read as no sign of infection).

Tried only where the automaton found a temperature cue word (lexicon/time_cue.yaml, concept ``temperature``),
with one anchored, bounded pattern: linear in the text, and free for text without such words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

TEMPERATURE_CUE = "temperature"
# 37.8 °C (100.0 °F) and above is read as raised: a low-grade fever, which early HO and an infection can both give
RAISED_CELSIUS = 37.8
RAISED_FAHRENHEIT = 100.0
CELSIUS_RANGE = (34.0, 43.0)  # a number outside both ranges is no body temperature ("temp bay 12")
FAHRENHEIT_RANGE = (93.0, 110.0)
_READING = re.compile(
    r"[ \t]{0,3}(?:[.:=-][ \t]{0,3})?(?:(?:of|was|is|at|reached|to|up to|spiked|spiking|spiked to|peaked at|"
    r"recorded|measured|yesterday|overnight|last night)[ \t]{1,3}){0,3}"
    r"(?P<value>\d{2,3}(?:\.\d{1,2})?)(?![\d.]\d)[ \t]{0,2}(?:°|º|deg(?:rees?)?\.?)?[ \t]{0,2}(?P<unit>[CF])?\b",
    re.IGNORECASE,
)


def _raised(value: float, unit: str | None) -> bool:
    """A body temperature at or above the raised mark of its scale: the unit's, else the scale its range fits."""
    fahrenheit = unit.upper() == "F" if unit else FAHRENHEIT_RANGE[0] <= value <= FAHRENHEIT_RANGE[1]
    (low, high), raised = (FAHRENHEIT_RANGE, RAISED_FAHRENHEIT) if fahrenheit else (CELSIUS_RANGE, RAISED_CELSIUS)
    return low <= value <= high and value >= raised


def raised_temperatures(text: str, cues: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The (start, end) of each raised temperature reading, from the cue word to the number and its unit."""
    found = []
    for start, end in cues:
        reading = _READING.match(text, end)
        if reading is not None and _raised(float(reading.group("value")), reading.group("unit")):
            found.append((start, reading.end()))
    return found
