"""When and on what condition the report asks for a step, said back in its own words ("When: urgently, within 2
weeks."; 'Only if: "the lesion enlarges".'): the details under a line of "What your report suggests next"."""

from __future__ import annotations

import re

from hoguide.guidance.view import ONLY_IF_AFTER, CaseView, Located
from hoguide.models.assessment import ReportStatement
from hoguide.models.reading import Fact

KIND = "next_step"
NEEDS_CUE = ("test_", "treat_")  # id prefixes (the lexicon's header says what each prefix means)
# When the report wants it: "F/U XR 3 weeks", "repeat X-ray in three months", "in 6-8 weeks".
WHEN = re.compile(r"\b(?:(in|at|after|within)\s+)?((?:\d+|one|two|three|four|five|six|eight|ten|twelve)"
                  r"(?:\s*(?:-|to)\s*\d+)?\s*(?:hours?|hrs?|h|days?|weeks?|wks?|months?))\b", re.IGNORECASE)
DURATION = re.compile(r"\b(?:for|x|over)\s+$", re.IGNORECASE)  # "for 3 weeks", "x 6 weeks": how long, not when
# What the time is relative to, said with it: "within 4 hours before surgery", "4 hours before or 72 hours after".
# ... and a second time said with the first: "at 6 weeks and 6 months after surgery" (round 8 second re-read, 163)
WHEN_TAIL = re.compile(r"(?:\s+and\s+\d+\s*(?:days?|weeks?|months?))?\s+(?:before|after)"
                       r"(?:\s+or\s+(?:\d+\s*(?:hours?|hrs?|days?)\s+)?(?:before|after))?"
                       r"(?:\s+(?:the\s+)?(?:surgery|operation))?", re.IGNORECASE)
# How urgent the report makes it: before the step ("URGENT venous duplex", "Urgent referral") or just after
# it ("MRI, as soon as possible"), with no other step or condition between; a patient must not read an urgent
# step as routine. "Emergency" is left out: "go to the emergency department if ..." is a safety net, not a time.
URGENT = re.compile(r"\b(?:urgent(?:ly)?|as soon as possible|asap|immediately|same[- ]day)\b", re.IGNORECASE)
URGENT_AFTER_CHARS = 40
OTHER_CLAUSE = re.compile(r"\b(?:if|or|and|unless)\b|;", re.IGNORECASE)
CONDITION_CHARS = 100  # a condition quoted back is a clause, not a paragraph
ONLY_IF = "Only if"  # how a step's condition is said back, and known again (``conditional``)
PHYSIOTHERAPY = "treat_physiotherapy"


def when_said(view: CaseView, fact: Located[Fact]) -> tuple[str, ...]:
    """The time the report gives for this step, said back in its own words: "When: urgently, within 2
    weeks."; "When: urgently." (its day stays in the quote: "booked for tomorrow"); "When: in 3 weeks." (a
    bare "3 weeks" is "in")."""
    reading, start, end = view.sentence_of(fact)
    text = view.case.readings[reading].text
    parts = ["urgently"] if _urgent(view, fact, text, start, end) else []
    # (a course's length is no time to wait: "indomethacin 25 mg three times daily for 3 weeks", round 26, 474 was
    # told "When: in 3 weeks")
    # (nor, bare, a programme's: "progressive calf loading programme ..., 12 weeks, with home exercises daily", round
    # 31, 566 was told "When: in 12 weeks")
    programme = fact.item.concept == PHYSIOTHERAPY
    if match := next((m for m in WHEN.finditer(text, fact.item.end, end)
                      if not DURATION.search(text, max(0, m.start() - 8), m.start())
                      and not (programme and m.group(1) is None)), None):
        tail = WHEN_TAIL.match(text, match.end(), end)  # "within 4 hours before or 72 hours after surgery"
        said = " ".join(f"{match.group(2)}{tail.group(0) if tail else ''}".split())
        # a bare time is "in 3 weeks"; one said "after surgery" keeps its own words ("6 weeks after surgery")
        lead = (match.group(1) or ("" if tail else "in")).lower()
        parts.append(f"{lead} {said.lower() if said.isupper() else said}".strip())
    return (f"When: {', '.join(parts)}.",) if parts else ()


def _urgent(view: CaseView, fact: Located[Fact], text: str, start: int, end: int) -> bool:
    """An urgency word before the step with no other step between ("urgent duplex; X-ray in 4 weeks": the
    X-ray is not urgent), or an urgency adverb just after it in the same clause."""
    for match in URGENT.finditer(text, start, end):
        if match.end() <= fact.item.start:
            if not any(f.kind == KIND and f.concept.startswith((*NEEDS_CUE, "follow_up", "refer"))
                       for f in view.outcomes.steps_between(fact.reading, match.end(), fact.item.start)):
                return True
        elif match.start() >= fact.item.end and match.start() - fact.item.end <= URGENT_AFTER_CHARS \
                and match.group().lower() != "urgent" and not OTHER_CLAUSE.search(text, fact.item.end, match.start()):
            return True  # "MRI of the thigh, as soon as possible"; not "X-ray in 6 weeks, or urgent review if"
    return False


def only_if_said(view: CaseView, fact: Located[Fact]) -> tuple[str, ...]:
    """The report's condition for a step, in its own words: "If the lesion enlarges, MRI ..." is not an
    MRI asked for now."""
    text = view.case.readings[fact.reading].text
    trigger = next((t.start for t in fact.item.triggers if t.phrase.lower() == "if"), None)
    # ... or after it: "Surgical opinion re excision only if HO later causes fixed loss" (round 18, 337)
    after = ONLY_IF_AFTER.match(text, fact.item.end)
    begin = trigger if trigger is not None else after.start("condition") if after else None
    if begin is None:
        return ()
    stop = min((i for i in (text.find(",", begin), text.find(".", begin), text.find(";", begin)) if i != -1),
               default=-1)
    if stop == -1 or stop - begin > CONDITION_CHARS:
        return (f"{ONLY_IF} the report's condition is met.",)
    return (f'{ONLY_IF}: "{" ".join(text[begin:stop].split())}".',)


def conditional(step: ReportStatement) -> bool:
    """A step the report asks for only if something happens ("Referral to the sarcoma team only if it grows")."""
    return any(detail.startswith(ONLY_IF) for detail in step.details)
