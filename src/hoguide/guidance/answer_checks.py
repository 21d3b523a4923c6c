"""The patient's answers against the report: where they disagree, the patient is told so and asked to check.

Does the side the patient names match the report's? "Had my right shoulder replaced" beside a report of the LEFT
shoulder is a wrong report, a wrong side in the report, or a slip of the patient's: either way they should ask
before they act on the explanation (round 8: three of eighteen patients' answers named the other side). Does the
report say an injury the patient names did not happen ("There was no head injury")? It is then no cause, and the
patient is told why (round 8 re-read, case 165). Does the report say the prevention the patient ticks was stopped
early or never given ("indomethacin stopped after 3 days for a stomach bleed")? They are told so (round 8 second
re-read, case 159)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from hoguide.guidance.case_causes import SPECIFIC_TRAUMA, denied_causes, nearest_choice_for
from hoguide.guidance.patient_words import PROPHYLAXIS_WORDS
from hoguide.guidance.red_flags import HO_DESCRIBED
from hoguide.guidance.view import OTHER_SURGERY, CaseView
from hoguide.knowledge.loader import KnowledgeBase

SIDE = re.compile(r"\b(left|right)\b", re.IGNORECASE)
OTHER = {"left": "right", "right": "left"}
NAMED_SIDE = {"left": re.compile(r"\b(?i:left)\b|\bL\b(?! ?\d)"), "right": re.compile(r"\b(?i:right)\b|\bR\b(?! ?\d)")}


def other_side_told(view: CaseView) -> str | None:
    """The patient's words name one side only and every side the report gives its HO is the other: a line to say
    back ("You named your right side; your report is about the left."), else None."""
    answers = view.case.answers
    told = {m.group(1).lower() for text in (answers.event, answers.symptoms_text) if text for m in SIDE.finditer(text)}
    if len(told) != 1:
        return None
    sides = {f.item.laterality for f in view.findings if f.item.laterality and f.item.experiencer == "patient"
             and f.item.status in HO_DESCRIBED}
    (side,) = told
    if sides != {OTHER[side]}:
        return None
    # the report names the patient's side too, for something it finds there ("New painful swelling L lower back" beside
    # old HO of the right shoulder: round 23, 429 was asked to check that the report is his own)
    if any(NAMED_SIDE[side].search(reading.text) for reading in view.case.readings):
        return None
    return (f"You named your {side} side, but your report is about the {OTHER[side]}. Ask your team to check that "
            "this is your report and the correct side before you act on it.")


BONE_WORDS = re.compile(r"\b(?:bone|bony|HO|heterotopic|ossification|calcification|calcium)\b", re.IGNORECASE)
SENTENCE = re.compile(r"[^.!?\n]+")


def ho_side_told_against(view: CaseView) -> str | None:
    """The patient writes that the bone is on one side where the report finds none there and HO on the other ("The
    xray found bone growing in the left knee" beside HO at the right knee only and "no HO at the left": round 24, 453
    was answered as if the left knee had it): a line to say back, else None."""
    text = view.case.answers.symptoms_text or ""
    told = {m.group(1).lower() for s in SENTENCE.finditer(text) if BONE_WORDS.search(s.group(0))
            for m in SIDE.finditer(s.group(0))}
    if len(told) != 1:
        return None
    (side,) = told
    findings = [f.item for f in view.findings if f.item.experiencer == "patient"]
    denied = {f.laterality for f in findings if f.status == "absent"}
    there = {f.laterality for f in findings if f.status == "present"}  # (the history's "?HO L" asked, it found none)
    if side not in denied or there != {OTHER[side]}:
        return None
    return (f"You wrote that the bone is on your {side} side. Your report finds HO only on the {OTHER[side]} side, and "
            f"none on the {side}. Ask your team about this before you act on it.")


def causes_the_report_denies(view: CaseView, kb: KnowledgeBase) -> Iterator[str]:
    """A line for each cause the patient names that the report says did not happen ("no head injury"); a denied
    fracture leaves the fall the patient tells of (the generic injury is never denied this way)."""
    denied = denied_causes(view)
    reported = {f.item.concept for f in view.affirmed("cause")}
    for cause in view.case.answers.causes:
        if cause in denied and cause not in reported:
            yield (f"You named \"{kb.label('cause', cause)}\", but your report says this did not happen. Ask your "
                   "team to check this.")


def causes_set_aside(view: CaseView, kb: KnowledgeBase) -> Iterator[str]:
    """A line for each cause the patient names that is not counted beside the one the report points to, where the
    report does not deny it (round 30's second read: "Was it the metal rods in my back?", the ACL operation, the fall
    were set aside without a word)."""
    found = view.causes()
    reported = [c for c, evidence in found.items() if evidence]
    if not reported or view.overall_status not in HO_DESCRIBED:
        return
    denied = denied_causes(view)
    named = " and ".join(kb.label("cause", c) for c in reported)
    for cause in view.case.answers.causes:
        if cause not in found and cause not in denied:
            # a box that stood in for what the report names, their own words saying so ("Had my rotator cuff fixed by
            # keyhole surgery" ticked as a shoulder replacement: round 32, 593 was asked to check whether the
            # replacement played a part), is read as that: its figures are not theirs
            if (instead := nearest_choice_for(view, cause, found, own_words=True)) is not None:
                yield (f"You ticked \"{kb.label('cause', cause)}\", but your report and your own words point to "
                       f"\"{kb.label('cause', instead)}\", so we read it as that. Facts about "
                       f"{kb.label('cause', cause)} may not fit you.")
                continue
            # the operation that fixed the injury the report names is counted with it ("broke my pelvis and hip socket
            # ..., had 2 operations" ticked as another operation: round 32, 598 was asked if it played a part too)
            if cause == OTHER_SURGERY and (instead := nearest_choice_for(view, cause, found)) in SPECIFIC_TRAUMA:
                yield (f"You ticked \"{kb.label('cause', cause)}\". Your report names "
                       f"{kb.label('cause', instead)}, and counts the operation to fix it with it.")
                continue
            # ("Your answers name": ticked or read in the patient's words, round 31, 573's "Mum broke her hip" was
            # told "You named 'other broken bone or injury'", a box she never ticked)
            yield (f"Your answers name \"{kb.label('cause', cause)}\", but the cause your report points to is {named}. "
                   "Ask your team if it played a part too.")


def prevention_the_report_says_was_not_had(view: CaseView) -> Iterator[str]:
    """A line for each prevention the patient says they had that the report says was stopped early or not given."""
    not_had = view.treatments_not_given()
    for prevention in view.case.answers.prophylaxis:
        if prevention in not_had:
            yield (f"You told us you had {PROPHYLAXIS_WORDS[prevention]} to prevent HO, but your report says it was "
                   "stopped early or not given. Ask your team what this means for you.")


def event_to_come_told(view: CaseView) -> str | None:
    """The date the patient gave for their operation or injury is still to come: said back, so they know it was
    taken as an operation planned, not one had (models/case.py moves it out of ``event_date``)."""
    to_come = view.case.answers.event_date_to_come
    if to_come is None:
        return None
    return (f"You gave {to_come.day} {to_come:%B %Y} as the date, which is still to come. We took it as an operation "
            "that is planned, not one you have had.")


def removal_the_report_denies(view: CaseView) -> str | None:
    """The patient ticks that HO was removed before, and the report says none was: said back, as the report's word is
    the one the answers follow."""
    if not (view.case.answers.prior_excision and view.none_removed_before):
        return None
    return ("You told us HO was removed before, but your report says no HO was taken out before. The answers below "
            "follow your report. Ask your team to check this.")
