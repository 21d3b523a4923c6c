"""The matcher's layers and groups: what the reader asks the automaton for, and the payload of a hit.

Shared by the reader and its helper passes (``nearby.py``, ``post_passes.py``), so they agree on which
group holds the sites and the anchors without importing the reader.
"""

from __future__ import annotations

from hoguide.models.reading import FactKind

TARGET = "target"  # findings and mimics compete in one layer: the longer phrase wins
GRADE = "grade_system"
CONTEXT = "context"
# Terminators resolve their overlaps apart from the triggers: "see me in 4 weeks if the pain is not settling"
# holds both the terminator "weeks if" and the trigger "if" (a condition), and neither may hide the other.
CONTEXT_STOP = "context_stop"
SECTION = "section"
TIME_CUE = "time_cue"
FACT_KINDS: tuple[FactKind, ...] = (
    "cause", "risk_factor", "symptom", "treatment", "red_flag", "course", "next_step", "condition",
    "illness",
)
ATTRIBUTE_KINDS = ("site", "laterality", "maturity", "change")
ANCHOR_LAYERS = frozenset({"target", "grade_system", *FACT_KINDS})
HO_LAYERS = frozenset({"target", "grade_system"})  # an HO term or a look-alike, or a grade system
# The layers the reader asks the matcher for on their own, by the index of their group.
GROUPS = (frozenset({SECTION}), frozenset({TIME_CUE}), ANCHOR_LAYERS, frozenset({CONTEXT, CONTEXT_STOP}),
          frozenset(ATTRIBUTE_KINDS))
HEADERS, TIME_CUES, ANCHORS, TRIGGERS, ATTRIBUTES = range(len(GROUPS))
Payload = tuple[str, str]  # (kind, concept id)
