"""Whether a step of prevention is one the report suggests, or only a line of it quoted alone: prevention already
given, advised against, a rule about it with no operation planned, or medicines weighed to slow HO still forming."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from hoguide.guidance.view import CaseView, Located
from hoguide.models.reading import Fact, Section

EARLY_HO_MEDICINE = re.compile(r"\b(?:etidronate|bisphosphonates?|didronel)\b", re.IGNORECASE)  # given to slow early HO
HEADING_SLACK = 8  # characters between a section's heading and its body (a colon, spaces, a line break)
PREVENTION_TREATMENTS = frozenset({"radiotherapy", "nsaid"})  # lexicon/treatment.yaml: the preventions of HO
# context_rules.yaml's triggers that make a treatment's sentence a rule about it, not a step ("prophylaxis only works
# around the time of surgery": round 24, 450, with no operation planned)
RULE_OF_A_TREATMENT = frozenset({"only works", "only work", "was only needed", "is only needed", "only needed"})


def no_prevention_suggested(view: CaseView, fact: Located[Fact], given_at: Sequence[tuple[int, int]],
                             section_starts: Sequence[Sequence[int]]) -> bool:
    """The line of a prevention step is quoted alone, with no "your report suggests treatment to help prevent HO":
    - prevention already given (``_preventions_given``);
    - prevention the plan will not use ("So no pharmacological/RT prophylaxis": round 24, 444; the plan-wide refusal
      is the caller's), or whose every kind it names is advised against (``_preventions_advised_against``);
    - with no operation planned, the prevention of an earlier removal the report says was given;
    - a rule about it where no operation is planned ("prophylaxis only works around the time of surgery": 450; one
      kept for an operation that may come has words of its own, 454);
    - medicines weighed to slow HO still forming, with no operation anywhere ("Options discussed: NSAID (celecoxib),
      etidronate, or single fraction radiotherapy to the R hip" after a spinal cord injury: round 10, 190)."""
    if _preventions_advised_against(view, fact) or _preventions_given(view, fact, given_at,
                                                                      section_starts[fact.reading]):
        return True
    if view.operation_planned:
        return False
    # with no operation to come, prevention beside HO removed before, where the report says prevention was given, is
    # that operation's ("EXC 09/09/2025 ... prophylaxis: celecoxib 6/52" in a registry's table, then "Prophylaxis:
    # celecoxib ... (completed)": round 33, 614 was told of prevention planned around an operation)
    if view.removed_before and given_at and fact.item.status == "present":
        return True
    if any(t.phrase.lower() in RULE_OF_A_TREATMENT for t in fact.item.triggers):
        return True
    return not view.removed_before and EARLY_HO_MEDICINE.search(
        view.case.readings[fact.reading].text, *view.sentence_of(fact)[1:]) is not None


def preventions_given_at(view: CaseView) -> list[tuple[int, int]]:
    """Where the preventions the report says were given are named, in order (one pass over the facts)."""
    return sorted((f.reading, f.item.start) for f in view.facts if f.item.kind == "treatment"
                  and f.item.concept in PREVENTION_TREATMENTS and view.outcomes.outcome(f) == "given")


def _preventions_given(view: CaseView, fact: Located[Fact], given_at: Sequence[tuple[int, int]],
                       section_starts: Sequence[int]) -> bool:
    """A prevention the step's sentence names was given ("Radiotherapy: single fraction 7 Gy to R hip, given 02/12/2026
    (afternoon before surgery)": round 31, 578 was told of treatment around a planned operation, its operation done);
    for a step that is a section's heading ("HO PROPHYLAXIS"), one its section names (``given_at``: where each was
    named, sorted; ``section_starts``: its reading's sections' body starts)."""
    reading, start, end = view.sentence_of(fact)
    headed = _headed_section(view, fact, section_starts)
    if headed is not None:
        start, end = headed.start, headed.end
    i = bisect_left(given_at, (reading, start))
    return i < len(given_at) and given_at[i] < (reading, end)


def _headed_section(view: CaseView, fact: Located[Fact], section_starts: Sequence[int]) -> Section | None:
    """The section whose heading the step's words are: the first section whose body starts after them."""
    reading = view.case.readings[fact.reading]
    i = bisect_left(section_starts, fact.item.end)
    if i == len(reading.sections):
        return None
    section = reading.sections[i]
    head = reading.text.rfind(section.header, max(0, section.start - len(section.header) - HEADING_SLACK),
                              section.start)
    return section if 0 <= head <= fact.item.start and fact.item.end <= head + len(section.header) else None


def _preventions_advised_against(view: CaseView, fact: Located[Fact]) -> bool:
    """Every prevention the step's sentence names is advised against: "HO recurrence prophylaxis d/w Dr S:
    radiotherapy NOT advised (wound/flap healing and infection risk)" (round 28, 513 was told the report suggests
    prevention)."""
    sentence = view.sentence_of(fact)
    named = [f for f in view.facts if f.item.kind == "treatment" and f.item.concept in PREVENTION_TREATMENTS
             and view.sentence_of(f) == sentence]
    # (a denial beside the prevention's hypothetical "prophylaxis" leaves the status hypothetical: its trigger says it)
    return bool(named) and all(f.item.status == "absent" or any(t.category == "negated" for t in f.item.triggers)
                               for f in named)
