"""What became of a treatment or a plan, and which steps an addendum answered.

A report says more than that a treatment was planned: "radiotherapy 7 Gy planned for day 1 (given
21/10/2026)", "radiotherapy was planned but never given", "indomethacin started post-op but stopped on day 3".
The outcome words are next-step concepts of the lexicon (`done`, `not_done`, `stopped`); what they say of a
treatment is read within its own sentence, over the facts indexed once per reading, so a long report stays
linear (benchmarks/linearity.py --explain). A test asked for before an addendum that names it again ("Suggest
ultrasound." ... "ADDENDUM (after ultrasound): ...") is answered by the addendum.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from hoguide.models.reading import Fact
from hoguide.reading.corrections import ADDENDUM  # "ADDENDUM 09/10/2026 (after ultrasound):", "Revised impression:"

if TYPE_CHECKING:
    from hoguide.guidance.view import CaseView, Located

PLAN_CUE = "cue"  # the next_step concept of a proposal: "is planned", "recommend", "referred for"
# the next_step concepts that say what became of a treatment: given, never given, stopped early
OUTCOMES = {"done": "given", "not_done": "not_given", "stopped": "stopped"}
NOT_HAD = ("not_given", "stopped")  # no protection to count on
STOPPED = "stopped"  # lexicon/next_step.yaml: a course that ended
HISTORY_SECTION = "history"  # section_rules.yaml: "Clinical indication:", "History:"
# (a wrapped line breaks it anywhere: "treated with anticoagulant tablets for\nthree months": round 33, 606)
PAST_COURSE = re.compile(r"[^.;]{0,30}?\bfor\s+(?:\d+|one|two|three|four|five|six|eight|ten|twelve)\s+(?:days?|weeks?|"
                         r"months?)\b", re.IGNORECASE)
COMPLETED_AFTER = re.compile(r"[^.;]{0,30}?(?<!to be )(?<!will be )(?<!once )\b(?:completed|finished|"
                             r"course (?:complete|completed|finished))\b",
                             re.IGNORECASE)
PAST_TENSE_REACH = 80  # characters before the treatment searched for its past tense (a run-on text stays linear)
PAST_TENSE = re.compile(r"\b(?:was|were|treated with|received|took|given|had)\b", re.IGNORECASE)
ONGOING = "ongoing"  # lexicon/next_step.yaml: "started on", "continue" just before the treatment: it is under way
ONGOING_REACH = 12  # characters from the cue's end to the treatment: "started on etidronate", "continue oral ..."
# a treatment the sentence opens by starting it ("Started disodium etidronate 20 mg/kg/day ... on 03/12 for a planned 3
# months": round 30, 549 was asked if now is the time to start treatment): given, whatever it plans for its length
STARTED_BEFORE = re.compile(r"\b(?:started|commenced|began|initiated)\s+(?:on\s+)?(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
STARTED_REACH = 40  # characters before the treatment
# "will be started", "to be started": to come
TO_BE = re.compile(r"\b(?:will|to|should|can|could|would|may|might|be)\s+(?:be\s+)?$", re.IGNORECASE)
# "stopped after 6 weeks", "stopped at 4 weeks as planned": a course completed, not one cut short
FULL_COURSE = re.compile(r"\s+(?:after|at)\s+(?:\d+|two|three|four|five|six|eight|ten|twelve)\s+(?:weeks?|months?)",
                         re.IGNORECASE)
# "(given 21/10/2026)": given with its date, a word the lexicon cannot tell from "given the risk"
GIVEN_ON_DATE = re.compile(r"\bgiven\s+(?:on\s+)?\d")


@dataclass(slots=True)
class Outcomes:
    """Read on first need for one case view (it lives for one explanation)."""

    view: CaseView
    # per reading, the next-step and treatment facts by start, for bisection
    _steps: dict[int, tuple[list[int], list[Fact]]] = field(default_factory=dict)
    _outcomes: dict[tuple[int, int, str], str | None] = field(default_factory=dict)  # outcome() per treatment fact
    # per reading, its addenda (header line starts, body starts) and the last start of each next-step concept
    _addenda: dict[int, tuple[list[int], list[int], dict[str, int]]] = field(default_factory=dict)

    def outcome(self, fact: Located[Fact]) -> str | None:
        """What the sentence says became of a treatment: "given", "not_given" or "stopped", else None.
        The first outcome word after the treatment, or after its plan cue, before another treatment is
        named: "radiotherapy 7 Gy planned for day 1 (given 21/10/2026)" is given; "radiotherapy was planned
        but never given" is not; "indomethacin started post-op but stopped on day 3" stopped; in
        "indomethacin is planned; radiotherapy was given" the indomethacin stays planned."""
        key = (fact.reading, fact.item.start, fact.item.concept)
        if key not in self._outcomes:
            self._outcomes[key] = self._outcome(fact)
        return self._outcomes[key]

    def _outcome(self, fact: Located[Fact]) -> str | None:
        reading, start, end = self.view.sentence_of(fact)
        cue: Fact | None = None
        ongoing_end: int | None = None  # where the last "started on" / "continue" before it ends
        stop = end  # where another treatment is named after it
        for item in self.steps_between(reading, start, end):
            at = item.start
            if at <= fact.item.start:
                if item == fact.item:
                    continue
                if item.kind == "next_step" and item.concept == PLAN_CUE and item.status == "present":
                    cue = item  # the last plan cue before it: "planned: excision and radiotherapy (given ...)"
                if item.kind == "next_step" and item.concept == ONGOING and item.status == "present":
                    ongoing_end = item.end
                elif item.kind == "treatment":  # "started on X, then Y": the cue is X's
                    ongoing_end = None
                continue
            if item.kind == "treatment" and item.concept != fact.item.concept:
                stop = item.start
                break
            if item.kind == "next_step" and item.concept in OUTCOMES:
                return self._course(reading, item)
            if item.kind == "next_step" and item.concept == PLAN_CUE and item.status == "present":
                cue = item
                break
        if ongoing_end is not None and 0 <= fact.item.start - ongoing_end <= ONGOING_REACH:
            return "given"
        text = self.view.case.readings[reading].text
        # given on a date ("Radiotherapy: single fraction 7 Gy to R hip, given 02/12/2026": round 31, 578)
        if cue is None and GIVEN_ON_DATE.search(text, fact.item.end, stop):
            return "given"
        # ... or a course its own words call completed ("Prophylaxis: celecoxib 200 mg bd x 6 weeks (completed)": round
        # 33, 614 was told of prevention planned around an operation done a year before)
        if cue is None and COMPLETED_AFTER.match(text, fact.item.end, stop):
            return "given"
        if (started := STARTED_BEFORE.search(text, max(start, fact.item.start - STARTED_REACH), fact.item.start)) \
                and not TO_BE.search(text, max(start, started.start() - STARTED_REACH), started.start()):
            return "given"
        if cue is None:
            return None
        return self.plan_outcome(reading, cue)

    def course_over(self, fact: Located[Fact]) -> bool:
        """The medicine is taken no more: its sentence says it stopped, after a full course or early ("Naproxen ...
        21/08/2026 - 02/11/2026 (stopped after 10 weeks)": round 26, 480 was told to take it as the team advises)."""
        reading, start, end = self.view.sentence_of(fact)
        for item in self.steps_between(reading, fact.item.end, end):
            if item.kind == "treatment" and item.concept != fact.item.concept:
                break
            if item.kind == "next_step" and item.concept == STOPPED:
                return True
        # ... or a course of a set length told in the past in the history ("He then developed a left calf deep vein
        # thrombosis, diagnosed on 2 July 2025 and treated with rivaroxaban for three months": round 26, 475 was told
        # it takes a blood thinner)
        text = self.view.case.readings[reading].text
        # ... or one its own words call completed ("L popliteal DVT post THR. Rivaroxaban 3/12, completed Jul-2019" in a
        # problem list: round 29, 541 was told it takes a blood thinner)
        if COMPLETED_AFTER.match(text, fact.item.end, end) is not None:
            return True
        return fact.item.section == HISTORY_SECTION and PAST_COURSE.match(text, fact.item.end, end) is not None \
            and PAST_TENSE.search(text, max(start, fact.item.start - PAST_TENSE_REACH), fact.item.start) is not None

    def plan_outcome(self, reading: int, cue: Fact) -> str | None:
        """What became of a plan, said after its cue before another treatment is named: "planned for day 1
        (given 21/10/2026 - confirmed by radiotherapy department)"; "planned but never given"."""
        start, end = self.view.sentences(reading).span(cue.start)
        facts = self.steps_between(reading, cue.end, end)
        # the plan's own treatment named again is no other ("Radiotherapy: single fraction 7 Gy to R hip, given
        # 02/12/2026": round 31, 578 was told of radiation still to come)
        own = {f.concept for f in self.steps_between(reading, start, cue.end) if f.kind == "treatment"}
        stop = next((f.start for f in facts if f.kind == "treatment" and f.concept not in own), end)
        said = next((self._course(reading, f) for f in facts
                     if f.kind == "next_step" and f.concept in OUTCOMES and f.start < stop), None)
        if said is None and GIVEN_ON_DATE.search(self.view.case.readings[reading].text, cue.end, stop):
            return "given"
        return said

    def steps_between(self, reading: int, start: int, end: int) -> list[Fact]:
        """The next-step and treatment facts of a reading that start in [start, end), in order."""
        if reading not in self._steps:
            items = sorted((f.item for f in self.view.facts if f.reading == reading
                            and f.item.kind in ("next_step", "treatment")), key=lambda item: item.start)
            self._steps[reading] = ([item.start for item in items], items)
        starts, items = self._steps[reading]
        return items[bisect_left(starts, start):bisect_left(starts, end)]

    def _course(self, reading: int, said: Fact) -> str:
        """The outcome an outcome word names; "stopped after 6 weeks" or "then stopped" is a course
        completed (given), "stopped on day 3" one cut short."""
        text = self.view.case.readings[reading].text
        if said.concept == "stopped" and (FULL_COURSE.match(text, said.end)
                                          or text[max(0, said.start - 5):said.start].lower().strip() == "then"):
            return "given"
        return OUTCOMES[said.concept]

    def answered_by_addendum(self, fact: Located[Fact]) -> bool:
        """A test asked for before an addendum that names the same test: the addendum reports its result
        ("Suggest ultrasound." ... "ADDENDUM (after ultrasound and limited CT): ... not heterotopic bone"), or
        asks for it again in its own words, which are then the ones said."""
        if fact.item.kind != "next_step" or not fact.item.concept.startswith("test_"):
            return False
        if fact.reading not in self._addenda:  # once per reading: a report of thousands of steps stays linear
            reading = self.view.case.readings[fact.reading]
            addenda = [s for s in reading.sections if s.id == ADDENDUM]
            headers = [reading.text.rfind("\n", 0, s.start) + 1 for s in addenda]  # where its header line starts
            bodies = [s.start for s in addenda]
            last: dict[str, int] = {}
            for f in self.view.facts:
                if f.reading == fact.reading and f.item.kind == "next_step":
                    last[f.item.concept] = max(last.get(f.item.concept, -1), f.item.start)
            self._addenda[fact.reading] = (headers, bodies, last)
        headers, bodies, last = self._addenda[fact.reading]
        i = bisect_right(bodies, fact.item.end)  # the first addendum after the step
        return i < len(headers) and last.get(fact.item.concept, -1) >= headers[i]
