"""The movement a report measures ("L elbow ROM 25-125 deg (arc 100)", "mouth opening 31 -> 24 mm"): said back in
the report's own words, since how far a joint moves matters more to the patient than how the bone looks (round 7:
the numbers were quoted nowhere a patient reads)."""

from __future__ import annotations

import re

from hoguide.guidance.view import CaseView

# a movement word and a measure in the same sentence
MOVEMENT = re.compile(r"\b(?:rom|range\s+of\s+(?:motion|movement)|flexion|extension|arc|abduction|adduction|rotation|"
                      r"pronation|supination|mouth\s+opening|interincisal|inter-incisal)\b", re.IGNORECASE)
# a threshold in a plan is no measurement: "refer if hip flexion falls below 60 degrees"
THRESHOLD = re.compile(r"\b(?:if|unless|should|below|above|falls|drops)\b", re.IGNORECASE)
MEASURE = re.compile(r"\b\d{1,3}\s*(?:°|deg\b|degs\b|degrees?\b|mm\b)", re.IGNORECASE)
MAX_CHARS = 200  # a measured sentence quoted back, at most this long (ending at a word)
MAX_QUOTED = 3


def measured_movement(view: CaseView) -> list[str]:
    """The report's sentences that measure how far a joint (or the jaw) moves, in report order, as quoted."""
    found: list[str] = []
    for i, reading in enumerate(view.case.readings):
        text = reading.text
        for start, end in view.sentences(i).spans():
            if len(found) == MAX_QUOTED:
                return found
            if MEASURE.search(text, start, end) and MOVEMENT.search(text, start, end) \
                    and not THRESHOLD.search(text, start, end):
                body = text[start:end].strip().rstrip("| \t")  # an HL7 field's separators (round 21, 384)
                if len(body) > MAX_CHARS:
                    body = body[: body.rfind(" ", 0, MAX_CHARS)]
                found.append(" ".join(body.split()))
    return found
