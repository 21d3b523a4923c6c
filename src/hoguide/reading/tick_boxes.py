"""A structured report's tick boxes: "[x] heterotopic ossification", "[ ] features of infection", "Bridging:
[ ] yes  [x] no" (round 28, 519 was sent for an infection check by a box left empty).

Only a text with ``MIN_BOXES`` boxes or more, one of them empty, is taken for a form, so a lone "[x]" in a letter
stays as written. An empty box and its item (to the next box on the line, or the line's end) are blanked: the
radiologist did not choose it, so the report does not say it. A ticked box is blanked and its item kept; a short
ticked answer followed by free text on its line ("[x] no   - narrowest gap 3 mm") ends there with a full stop, so
the answer reads with its label ("Bridging / ankylosis: no.") and not with the text after it. The text keeps its
length, so every offset still points into what was pasted.
"""

from __future__ import annotations

import re

_BOX = re.compile(r"\[[ \t]?\]|\[[xX\u2713\u2714*]\]|[\u2610\u2611\u2612]")
_EMPTY = re.compile(r"\[[ \t]?\]|\u2610")
MIN_BOXES = 3
# a ticked item of a few words, then two spaces or more and free text on its line
_SHORT_ANSWER = re.compile(r"[ \t]*(?:\S+[ \t]){0,3}?\S+(?=[ \t]{2,}[^\s\[\u2610\u2611\u2612])")


def ticked_only(text: str) -> str:
    """``text`` with its empty tick boxes and their items blanked and its ticked boxes cleared, the same length."""
    boxes = list(_BOX.finditer(text))
    if len(boxes) < MIN_BOXES or not any(_EMPTY.fullmatch(box.group(0)) for box in boxes):
        return text
    chars = list(text)
    for i, box in enumerate(boxes):
        line_end = text.find("\n", box.end())
        item_end = len(text) if line_end == -1 else line_end
        if i + 1 < len(boxes) and boxes[i + 1].start() < item_end:
            item_end = boxes[i + 1].start()
        if _EMPTY.fullmatch(box.group(0)):
            chars[box.start():item_end] = _blank(text[box.start():item_end])
            continue
        chars[box.start():box.end()] = " " * (box.end() - box.start())
        if (answer := _SHORT_ANSWER.match(text, box.end(), item_end)) is not None:
            chars[answer.end()] = "."
    return "".join(chars)


def _blank(item: str) -> list[str]:
    """Spaces for an item's characters, its line breaks kept (a "\\r" before one too)."""
    return [c if c in "\r\n" else " " for c in item]
