"""The features of one case that statements' conditions ask about, derived once from the view."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from datetime import date

from hoguide.guidance.case_causes import NEUROGENIC
from hoguide.guidance.medicines import (
    HEALING_FRACTURE,
    PREVENTIONS,
    RADIOTHERAPY,
    advised_against,
    before_surgery,
    bracketed_reason,
    caution_facts,
    course_now,
    course_run_out,
    emphatic_no,
    fracture_healed_at,
    named_as_stopped,
    not_on_now,
    nsaid_prescribed,
    other_nsaid_offered,
    plan_nsaids,
    plan_order,
    prevention_not_given,
    prophylaxis_missed,
    radiation_ruled_out,
    reason_given,
)
from hoguide.guidance.outcomes import HISTORY_SECTION
from hoguide.guidance.report_dates import dated_facts, header_dates
from hoguide.guidance.site_focus import SiteFocus, site_focus
from hoguide.guidance.view import (
    BLAST,
    BRAIN_ANOXIA,
    BRAIN_INJURY,
    CONCLUDING_SECTIONS,
    CORD_ILLNESS,
    FRACTURE_WORD,
    JOINT_REPLACEMENTS,
    PLAN_SECTION,
    SPINAL_CORD,
    CaseView,
    Located,
)
from hoguide.knowledge.conditions import (
    NEUROLOGIC_CAUSES,
    AgeBand,
    CaseFeatures,
    CauseCount,
    FopState,
    GradeBand,
    SinceEvent,
)
from hoguide.models.assessment import Evidence
from hoguide.models.reading import Fact

# "6 weeks after", "4 months post", "pod 3" (the time reference's value as the reader gives it)
INTERVAL = re.compile(r"(?:pod\s*(?P<pod>\d+))|(?P<n>\d+(?:\.\d+)?)\s*(?P<unit>day|week|wk|month|mo|year|yr)s?\.?\s+"
                      r"(?:after|post|following|since)", re.IGNORECASE)
MONTHS_PER_UNIT = {"d": 1 / 30.4, "w": 7 / 30.4, "m": 1.0, "y": 12.0}
ADULT_AGE = 18
MANIPULATION = "manipulation"  # lexicon/treatment.yaml
NO_BRIDGING = "ok_no_bridging"  # lexicon/next_step.yaml: "No bridging", "no ankylosis"
NOT_LIMITING = "not_limiting"  # lexicon/course.yaml: "not limiting sitting or transfers"
MOVES_FULLY = "moves_fully"  # lexicon/course.yaml: "ROM full and pain free"
NOT_OPERATED = "not_operated"  # lexicon/course.yaml: "treated nonop", "managed conservatively"
OPERATED = re.compile(r"\b(?:operat\w*|surgery|surgical|ORIF|fixation|fixed with|replacement|arthroplasty|plated?|"
                      r"screws?|wires?)\b", re.IGNORECASE)
MINOR_PART = "minor_part"  # lexicon/course.yaml: "only part of the picture"
REDUCED_MOTION = "reduced_motion"  # lexicon/course.yaml: "knee bends only to 75 degrees"
MOTION_FROM_HO = "motion_from_ho"  # lexicon/course.yaml: "bony block", "the likely cause of his loss of movement"
HO_TREATMENTS = frozenset({"nsaid", "radiotherapy", "bisphosphonate", "palovarotene", "garetosmab"})
# What makes HO severe beyond its grade (ho_facts.md §7, §11): a bridged or fused joint, lost movement,
# and the harms that make removal urgent, a trapped nerve or a pressure sore over the bone (§5, §9).
SEVERE_COURSE = frozenset({"ankylosis", "synostosis", "reduced_motion", MOTION_FROM_HO})
SEVERE_FLAGS = frozenset({"nerve_compression", "pressure_sore"})
# a flare-up the letter tells as over ("He has had two flare-ups this year ... each treated with prednisolone", "The L
# shoulder flare has left further restriction": round 19, 358 was told of a flare-up now)
PAST_FLARE = re.compile(r"\b(?:has|have|had) had\b|\bprevious\b|\bprior\b|\bearlier\b|\bresolved\b|\bsettled\b|"
                        r"\bhas left\b|\btreated with\b"
                        # "Flare-ups: last flare 2019 L jaw ... No flares this pregnancy" (round 21, 396)
                        r"|\blast flare|\bno (?:new |further )?flares?\b"
                        # "At age 14 she had an inferior alveolar nerve block ...; this was followed by a flare-up"
                        # (round 31, 567 was told of a flare-up now)
                        r"|\bwas followed by\b|\bat (?:the )?age (?:of )?\d",
                        re.IGNORECASE)
# the flare-ups a plan or a definition is for, not one now: "prednisolone to start within 24 hours for flare-ups
# affecting the jaw"; "muscle ... turn into bone, often after injury (a "flare-up")" (round 31, 567)
FLARES_IN_GENERAL = re.compile(r"(?:\b(?:for|in case of|any|with any)\s+(?:an?\s+)?|[\"\u201c(]\s*(?:an?\s+)?)$",
                               re.IGNORECASE)
FLARE_LOOKBACK = 16
# ... or names only in its plan for one ("the higher flare-up dose regimen if he has a flare", 358)
FLARE_PLAN = re.compile(r"\s+(?:dose|doses|dosing|regimen|plan|protocol|pack|kit|letter)\b", re.IGNORECASE)
DISLOCATION = re.compile(r"disloc", re.IGNORECASE)
# The look-alikes that are a lump or a deposit a report finds where HO was asked about (lexicon/mimic.yaml): what they
# do next is theirs, not HO's. Not normal anatomy (growth centres, sesamoids), wear and tear (spurs), vessels, a break.
LOOK_ALIKE_LESIONS = frozenset({"calcific_tendinitis", "calcific_bursitis", "dystrophic_calcification",
                                "calcific_myonecrosis", "tumoral_calcinosis", "calcinosis", "loose_body",
                                "synovial_chondromatosis", "osteoma_cutis", "ossifying_lipoma", "gouty_tophus",
                                "osteochondroma"})
BROKEN = re.compile(r"fractur|broke|\bbreak|\b#", re.IGNORECASE)
ELBOW = "elbow_trauma_or_surgery"
# bone the report says was left at the removal ("Small residual fragment (11 mm) unchanged from immediate post-op CT",
# round 19, 352): not HO that came back
RESIDUAL_LEFT = re.compile(r"\bresidual\s+(?:\w+\s+){0,2}(?:fragment|bone|ossification|heterotopic|HO|island|focus|"
                           r"ossific)", re.IGNORECASE)
# next steps that treat: a therapy, a referral for one, or prevention around an operation (lexicon/next_step.yaml)
TREATMENT_STEPS = frozenset({"treat_physiotherapy", "treat_prophylaxis", "refer_surgeon", "refer_rehab"})
NOT_THE_CAUSE = "not_the_cause"  # lexicon/course.yaml
FOUND_BY_CHANCE = ("incidental", "incidentally")  # lexicon/course.yaml: a chance finding, not "of no consequence"
FOP_SUSPECTED = "fop_biopsy_hazard"  # the red flag raised when FOP is suspected, from its words or its signs
FOP_KNOWN = "fop_known"  # the red flag raised when the report or the patient says FOP is known


def _grade(view: CaseView) -> GradeBand:
    if view.high_grade:
        return "high"
    return "low" if view.low_grade else "unknown"


def _cause_count(causes: set[str]) -> CauseCount:
    acquired = causes - {"fop"}
    return "none" if not acquired else "one" if len(acquired) == 1 else "several"


def _fop(view: CaseView, known_in_report: bool, signs_raised: bool) -> FopState:
    """Known, suspected (named as a question, or its signs raise the FOP caution: round 22, 410's letter names
    neither HO nor FOP) or none."""
    if known_in_report or view.case.answers.known_fop:
        return "known"
    return "suspected" if view.fop_suspected or signs_raised else "none"


def months_between(start: date, end: date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)


def _months_in_report(view: CaseView) -> float | None:
    """The shortest "N weeks after" / "N months post-op" / "POD N" said in the same sentence as a cause
    ("6 weeks after right THR"): the time since the latest event. An interval about something else
    ("aspiration 3 weeks after the fall", a drug course) stays out unless a cause is named beside it."""
    causes = {view.sentence_of(c) for c in view.affirmed("cause")}
    found = []
    for fact in view.facts:
        if fact.item.kind != "time" or fact.item.concept not in ("interval", "postoperative_day"):
            continue
        if view.sentence_of(fact) not in causes:
            continue
        match = INTERVAL.search(fact.item.value or fact.item.text)
        if match is None:
            continue
        number, unit = float(match.group("n") or match.group("pod")), (match.group("unit") or "day").lower()
        found.append(number * MONTHS_PER_UNIT[unit[0]])
    return min(found) if found else None


def _months_by_report_dates(view: CaseView, as_of: date | None) -> int | None:
    """Months from the date beside a cause in its sentence ("acetabular fracture fixed 2026-05-07", "right THR in
    March 2023"; the latest such event) to the patient's "as of" date, else to the report's own date in its first
    lines (so the answer is the report's, not the day it is read; a date after it is a plan). The nearest, not any
    date of the sentence: "stroke 2026-03-28 ... duplex 2026-07-02" dates the stroke in March. Round 8 re-read,
    case 164: a fracture fixed five months before the CT was read as 'very early'."""
    dated = dated_facts(view)
    headers = header_dates(view, dated)
    now = as_of or max(headers, default=None)
    if now is None:
        return None
    by_sentence: dict[tuple[int, int, int], list[tuple[int, date]]] = {}  # each sentence's dates, looked up once
    for d, f in dated:
        if d <= now and not (d == now and d in headers):
            by_sentence.setdefault(view.sentence_of(f), []).append((f.item.start, d))
    events = []
    for cause in view.affirmed("cause"):
        # the first date after the cause in its sentence ("THR 2025-08-14", "injury in October 2024"), else the
        # nearest before it, never the report's own date (round 8, 154: a heading that runs into "Background:
        # severe TBI in October 2024" gave the discharge date)
        beside = by_sentence.get(view.sentence_of(cause), [])  # in report order
        if beside:
            i = bisect_left(beside, (cause.item.start,), key=lambda pair: (pair[0],))
            events.append(beside[i][1] if i < len(beside) else beside[i - 1][1])
    return months_between(max(events), now) if events else None


def _age(view: CaseView) -> AgeBand:
    """A child (under ADULT_AGE) or an adult, by the patient's birth date, else by the first age the report gives
    (the patient's own, as reports open: "9-year-old boy", "23 y/o footballer")."""
    answers = view.case.answers
    if answers.birth_date is not None:
        years: float | None = ((answers.as_of or date.today()) - answers.birth_date).days / 365.25
    else:
        years = next(iter(view.ages_in_years()), None)
    if years is None:
        return "unknown"
    return "child" if years < ADULT_AGE else "adult"


def _since_event(view: CaseView, date_told: bool) -> SinceEvent:
    """From the patient's date of the event (``date_told``), else from the report's own "6 weeks after", else from
    the date the report gives beside a cause. HO back after its removal started with that operation: the removal's
    date, where the patient gives it, is the event."""
    answers = view.case.answers
    from_removal = view.recurrent and answers.excision_date is not None
    event = answers.excision_date if from_removal else answers.event_date if date_told else None
    if event is not None:
        today = answers.as_of or date.today()
        longest = months_between(event, today)
        # a year alone ("2019") is any day of it: a band only where the whole year falls in it
        shortest = months_between(min(date(event.year, 12, 31), today), today) \
            if answers.event_date_year_only and not from_removal else longest
        months: float | None = longest if _band(longest) == _band(shortest) else None
    else:
        months = _months_in_report(view)
        if months is None:
            months = _months_by_report_dates(view, answers.as_of)
    return "unknown" if months is None else _band(months)


def _band(months: float) -> SinceEvent:
    return "under_3_months" if months < 3 else "3_to_12_months" if months < 12 else "over_12_months"


def bridged(view: CaseView) -> bool:
    """The report says bone bridges or fuses a joint (ankylosis); a bridge in a sentence that names a synostosis
    joins two bones, not a joint ("a continuous bony bridge between the tibia and fibula = tibiofibular synostosis")."""
    facts = severity_facts(view)
    bars = {view.sentence_of(f) for f in facts if f.item.concept == "synostosis"}
    # where the report says there is no bridge now ("Brooker III. No bridging."), a bridge in a sentence about the past
    # ("the pre-excision appearance (09/2025 was Brooker IV with apparent bony bridge)") is the past (round 11, 215)
    unbridged = [f for f in view.facts if f.item.concept == NO_BRIDGING and f.item.status == "present"]
    if unbridged:
        bars |= {view.sentence_of(f) for f in view.facts if f.item.status == "historical"}
    bridges = [f for f in facts if f.item.concept == "ankylosis" and view.sentence_of(f) not in bars]
    # the conclusion's "Not fused" outranks the findings' "bony bar ... almost bridging the level but with a thin lucent
    # cleft" (round 24, 438 was told the bone locks the joint), unless the conclusion names a bridge itself
    if any(f.item.section in CONCLUDING_SECTIONS for f in unbridged) \
            and not any(f.item.section in CONCLUDING_SECTIONS for f in bridges):
        return False
    # Brooker IV on a film can overstate a bridge (Schuh 2005), but not beside a joint the examination finds fixed ("R
    # hip HO Brooker IV ...; hip fixed at approx 15 deg flexion", "R hip: solid, fixed in slight flexion": round 32,
    # 596 was told HO "can be one reason" for the movement it lost)
    if not bridges and not unbridged and ("brooker", "IV") in view.grades:
        return any(FIXED_JOINT.search(reading.text) for reading in view.case.readings)
    return bool(bridges)


FIXED_JOINT = re.compile(r"\b(?:hip|knee|elbow|shoulder|joint)\b[^.;\n]{0,20}?\bfixed (?:at|in)\b", re.IGNORECASE)


def cause_stated(view: CaseView, causes: dict[str, list[Evidence]]) -> bool:
    """The report ties the HO to a cause it names: in one sentence ("bilateral elbow HO after stroke",
    "developed HO after a long stay in intensive care"), or by a word for the kind of cause beside the HO
    ("heterotopic ossification (neurogenic)" after a brain injury, "post-traumatic cross-union" after a
    fracture). Naming a trigger somewhere in the report is not saying it caused the HO."""
    named = [e for c, evidence in causes.items() if c != "fop" for e in evidence]
    if not named:
        return False
    kinds = {kind for kind, ids in CAUSE_KINDS.items() if ids & set(causes)}
    # where causes are named, per report, sorted once (a report of thousands of mentions stays linear)
    named_at: dict[int, list[int]] = {}
    for e in named:
        named_at.setdefault(e.reading, []).append(e.start)
    for starts in named_at.values():
        starts.sort()
    for finding in view.current:
        start, end = finding.item.sentence_start, finding.item.sentence_end
        text = view.case.readings[finding.reading].text
        if any(KIND_WORDS[kind].search(text, start, end) for kind in kinds):
            return True
        starts = named_at.get(finding.reading, [])
        i = bisect_left(starts, start)
        if i < len(starts) and starts[i] < end and CAUSE_LINK.search(text, start, end):
            return True
    return False


def severity_facts(view: CaseView) -> list[Located[Fact]]:
    """The present signs of severe HO; a bridge the same or the next sentence says is incomplete is none ("forming an
    incomplete bony bridge", "bridging bone which still allows some (reduced) movement ... Not fused": round 14, 258
    was told "the bone bridges or fuses the joint")."""
    unbridged = [view.sentence_of(f) for f in view.facts
                 if f.item.kind == "next_step" and f.item.concept == NO_BRIDGING and f.item.status == "present"]
    # the stiffness the referrer gives as the reason for the study is the question the conclusion answers: where it
    # says the HO only "may contribute to reduced elevation", the HO is not said to limit the joint (round 22, 418)
    weighed = {f.item.concept for f in view.facts if f.item.kind == "course" and f.item.status == "possible"
               and f.item.section in CONCLUDING_SECTIONS}
    # ... and where it puts the lost movement down mainly to something else, the HO "only part of the picture", the lost
    # movement is not the HO's (round 30, 559)
    minor = _said_a_minor_part(view)
    return [f for f in view.facts if f.item.status == "present"
            and ((f.item.kind == "course" and f.item.concept in SEVERE_COURSE
                  and not (f.item.concept == "ankylosis" and _said_unbridged(view, f, unbridged))
                  and not (f.item.concept in weighed and f.item.section == HISTORY_SECTION)
                  and not (minor and f.item.concept == REDUCED_MOTION))
                 or (f.item.kind == "red_flag" and f.item.concept in SEVERE_FLAGS))]


def _said_unbridged(view: CaseView, bridge: Located[Fact], unbridged: list[tuple[int, int, int]]) -> bool:
    reading, start, end = view.sentence_of(bridge)
    following = (reading, *view.sentences(reading).span(min(end + 1, len(view.case.readings[reading].text) - 1)))
    return (reading, start, end) in unbridged or following in unbridged


# Words that tie a finding to a cause in its sentence ("HO after stroke", "secondary to the burns")
CAUSE_LINK = re.compile(r"\b(?:after|afterwards|following|due to|secondary to|caused by|because of|related to|"
                        r"consequence of|as a result of)\b", re.IGNORECASE)
# A word for the kind of cause, beside the HO, and the causes of that kind
CAUSE_KINDS = {"neurologic": NEUROLOGIC_CAUSES,
               "trauma": frozenset({"other_fracture_or_trauma", "elbow_trauma_or_surgery", "acetabular_fracture",
                                    "muscle_contusion", "amputation_or_blast"}),
               "operation": frozenset({"hip_arthroplasty", "knee_arthroplasty", "shoulder_arthroplasty",
                                       "elbow_trauma_or_surgery", "hip_arthroscopy", "other_surgery"})}
KIND_WORDS = {"neurologic": NEUROGENIC,
              "trauma": re.compile(r"\bpost-?traumatic\b", re.IGNORECASE),
              # "post-operative HO", not "the post-operative film"
              "operation": re.compile(r"\bpost-?(?:surgical|arthroplasty)\b|\bpost-?operative (?:heterotopic|HO\b)",
                                      re.IGNORECASE)}
PLANNED_PREVENTION = "treat_prophylaxis"  # the next step of prevention around a planned operation
NO_SURGERY = "advise_no_surgery"  # lexicon/next_step.yaml
# a trial that gives some patients a dummy and tells no one which
BLINDED_TRIAL = re.compile(r"\bplacebo\b|\bdummy (?:capsule|tablet|pill)s?\b|\b(?:double|single)[- ]blind",
                           re.IGNORECASE)
JOINT_REPLACEMENT_IDS = frozenset(JOINT_REPLACEMENTS)


# why a limb was taken off, when it was an illness: "transtibial amputation 12/11/2025 for diabetic foot sepsis ... with
# peripheral arterial disease" (round 21, 392 was told "the injury that cost you your limb, such as a blast" and the
# soldiers' figures)
ILLNESS_REASON = re.compile(r"\b(?:diabet\w*|vascular|arterial|PAD|PVD|ischa?emi\w*|gangren\w*|dysvascular|"
                            r"(?:foot|limb) sepsis|osteomyelitis|tumou?r|sarcoma|cancer)\b", re.IGNORECASE)
INJURY_REASON = re.compile(r"\b(?:blast|IED|explos\w*|injur\w*|trauma\w*|crush\w*|gunshot|GSW|accident|"
                           r"collision|RTA|RTC)\b", re.IGNORECASE)


# therapy the plan holds for now: "HOLD passive ROM / physio L leg until DVT excluded" (round 27, 491 was told
# gentle movement helps keep the joint moving)
HELD = re.compile(r"\b(?:hold|held|on hold|withhold|withheld|suspend|suspended|pause|paused|stop|stopped)\b"
                  r"[^.;\n]{0,25}$", re.IGNORECASE)
PHYSIO = "physical_therapy"  # lexicon/treatment.yaml


def _movement_held(view: CaseView) -> bool:
    """The plan holds the patient's exercises or therapy for now."""
    for fact in view.facts:
        if fact.item.kind == "treatment" and fact.item.concept == PHYSIO and fact.item.section == PLAN_SECTION \
                and fact.item.experiencer == "patient" and fact.item.status in ("present", "absent"):
            _, start, _ = view.sentence_of(fact)
            if HELD.search(view.case.readings[fact.reading].text[start:fact.item.start]):
                return True
    return False


def _said_a_minor_part(view: CaseView) -> bool:
    """The report puts the lost movement mainly down to something else, the HO "only part of the picture"."""
    return any(f.item.kind == "course" and f.item.concept == MINOR_PART and f.item.status == "present"
               for f in view.facts)


def _said_not_limiting(view: CaseView, focus: SiteFocus) -> bool:
    return any(f.item.kind == "course" and f.item.concept == NOT_LIMITING and f.item.status == "present"
               and f.item.experiencer == "patient" and not focus.about_minor_site(view, f) for f in view.facts)


def _amputated_for_illness(view: CaseView) -> bool:
    """Every sentence that names the amputation says it was done for an illness, and none names an injury."""
    amputations = view.affirmed("cause", BLAST)
    if not amputations:
        return False
    sentences = [view.case.readings[r].text[a:b] for r, a, b in (view.sentence_of(f) for f in amputations)]
    return any(ILLNESS_REASON.search(s) for s in sentences) and not any(INJURY_REASON.search(s) for s in sentences)


def activity_facts(view: CaseView) -> list[Located[Fact]]:
    """Signs that the bone is still forming now: not those the report later says have settled ("bone scan in
    August: intense uptake ... ALP falling, now within the normal range": round 8, case 154)."""
    active = [f for f in view.affirmed("course", "activity") if f.item.status == "present"]
    settled = [(f.reading, f.item.start) for f in view.affirmed("course", "activity_settled")
               if f.item.status == "present"]
    return [f for f in active if not any(place > (f.reading, f.item.start) for place in settled)]


def _not_operated(view: CaseView, causes: dict[str, list[Evidence]]) -> bool:
    """The elbow injury was treated without an operation, in the report's words ("UNDISPLACED RADIAL HEAD FX MASON 1
    TREATED NONOP": round 31, 577 was given the figures for surgery on a broken elbow), and neither the report nor the
    patient names an operation on it."""
    if ELBOW not in causes or not any(f.item.status in ("present", "historical")
                                      for f in view.affirmed("course", NOT_OPERATED)):
        return False
    told = view.case.answers.event or ""
    return not OPERATED.search(told) and not any(OPERATED.search(e.text) for e in causes[ELBOW])


# an elbow replacement (round 33, 612: a rheumatoid elbow replaced was given the figures for surgery on a broken elbow)
ELBOW_REPLACED = re.compile(r"\b(?:elbow\s+(?:replacement|arthroplasty)|TER|TEA)\b", re.IGNORECASE)


def _elbow_replaced(view: CaseView, causes: dict[str, list[Evidence]]) -> bool:
    """The elbow operation the report names is a joint replacement, and no words of the cause name a broken bone
    (a replacement for a fracture of the elbow keeps the fracture's figures)."""
    named = causes.get(ELBOW, [])
    return any(ELBOW_REPLACED.search(e.text) for e in named) \
        and not any(FRACTURE_WORD.search(e.text) for e in named)


def _moves_fully(view: CaseView) -> bool:
    """The report records the joint of the HO moving fully ("Hip ROM full and pain free": round 31, 574 was told HO can
    make the hip hard to bend): in a sentence that names the HO's place, so another joint's full range is not it."""
    places = [re.compile(rf"\b{re.escape(site.replace('_', ' '))}", re.IGNORECASE) for site in view.sites]
    for fact in view.affirmed("course", MOVES_FULLY):
        if fact.item.status != "present" or fact.item.experiencer != "patient":
            continue
        reading, start, end = view.sentence_of(fact)
        if any(place.search(view.case.readings[reading].text, start, end) for place in places):
            return True
    return False


def _simple_dislocation(view: CaseView, causes: dict[str, list[Evidence]]) -> bool:
    """The elbow came out of joint and the report says no bone broke ("posterolateral dislocation ... no fracture on
    post-reduction films": round 19, 362 was given the figures for surgery on a broken elbow)."""
    if ELBOW not in causes:
        return False
    told = view.case.answers.event or ""
    said = [e.text for e in causes[ELBOW]]
    if BROKEN.search(told) or any(BROKEN.search(t) for t in said):
        return False
    # the report's dislocation is one it states, not one it denies ("No fracture or dislocation": round 22, 416, a
    # stroke patient's elbow, was told "HO can form after an elbow comes out of joint")
    dislocated = DISLOCATION.search(told) or any(
        f.item.kind == "cause" and f.item.status in ("present", "historical") and DISLOCATION.search(f.item.text)
        for f in view.facts)
    unbroken = any(f.item.kind == "red_flag" and f.item.concept in ("fracture_mention", "fracture")
                   and f.item.status == "absent" for f in view.facts)
    return bool(dislocated) and unbroken


def flares_now(view: CaseView) -> list[Located[Fact]]:
    """The report's words for an FOP flare-up there now: not one from before ("last flare 2019") nor a plan's name
    ("flare-up dose")."""
    return [f for f in view.affirmed("course", "flare_up")
            if f.item.status == "present"
            and not PAST_FLARE.search(view.case.readings[f.reading].text, *view.sentence_of(f)[1:])
            and not FLARE_PLAN.match(view.case.readings[f.reading].text, f.item.end)
            and not FLARES_IN_GENERAL.search(view.case.readings[f.reading].text[
                max(0, f.item.start - FLARE_LOOKBACK):f.item.start])]


# a doctor's plain words for the HO to the patient ("Good news - the bone around your hip is stable, no need to do
# anything now": round 25, 469 was told surgery is the main option)
PLAIN_BONE = re.compile(r"\b(?:the )?(?:extra|new) bone\b|\bthe bone (?:around|near|by|next to|in front of|behind)\b",
                        re.IGNORECASE)


def _of_the_bone_in_plain_words(view: CaseView, fact: Located[Fact]) -> bool:
    reading, start, end = view.sentence_of(fact)
    text = view.case.readings[reading].text
    return view.overall_status == "present" and PLAIN_BONE.search(text, start, end) is not None


# a conclusion that speaks of the findings by their numbers: "Items 2, 4 and 6 are stable / incidental and need no
# specific action" (round 28, 526: item 2 is the HO)
ITEMS_NAMED = re.compile(r"\bitems?\s+(\d{1,2}(?:\s*(?:,|and|&|\+)\s*\d{1,2})*)", re.IGNORECASE)
ITEM_NUMBER = re.compile(r"\d{1,2}")
ITEM_LEAD = re.compile(r"[ \t]*(\d{1,2})[.)]")  # a numbered list item's number at its line's start


def _of_a_numbered_ho_item(view: CaseView, fact: Located[Fact]) -> bool:
    """The fact's sentence names by number an item of the report's list that holds an HO mention now."""
    reading, start, end = view.sentence_of(fact)
    text = view.case.readings[reading].text
    named = {int(n) for m in ITEMS_NAMED.finditer(text, start, end) for n in ITEM_NUMBER.findall(m.group(1))}
    if not named:
        return False
    for finding in view.current:
        if finding.reading != reading:
            continue
        line_start = text.rfind("\n", 0, finding.item.start) + 1
        number = ITEM_LEAD.match(text, line_start, finding.item.start)
        if number is not None and int(number.group(1)) in named:
            return True
    return False


def case_features(view: CaseView, recommends: Iterable[str] = (), flags: Iterable[str] = (),
                  plan_in_own_words: bool = False, flags_found: Iterable[str] = (),
                  flags_reported: Iterable[str] = (), side_told_against: bool = False,
                  asks: frozenset[str] = frozenset(), asks_in_plan: frozenset[str] = frozenset(),
                  asks_in_timed_plan: frozenset[str] = frozenset(),
                  operations_to_come: frozenset[str] = frozenset(), tumour_cleared: bool = False) -> CaseFeatures:
    """``asks``: the topics of the patient's own questions (guidance/patient_words.py); ``asks_in_plan``: the topics
    a line of the report's own plan has the words of (``asks_in_timed_plan``: a line that gives its own time);
    ``operations_to_come``: the operations their words name as
    still to come.
    ``flags``: the red flags raised (``fop_known`` among them when the report itself says FOP is known:
    "diagnosed age 5, ACVR1").
    ``plan_in_own_words``: part of the report's plan is quoted with no plain words of ours beside it.
    ``side_told_against``: the patient places the bone on a side the report finds none on (answer_checks.py).
    ``tumour_cleared``: the report's words say what it found is not a tumour (red_flags.py's state of the signal)."""
    causes = view.causes()
    symptoms = view.symptoms()
    raised = frozenset(flags)
    answers = view.case.answers
    # the date of an event on the side the patient wrongly places the bone is that side's operation, not the HO's
    # (round 24, 453: "right one October last year, left one in April", dated April, with HO at the right knee only)
    date_told = answers.event_date is not None and not side_told_against
    # bending the joint under anaesthesia, planned or weighed ("MUA under consideration"), not done, nor judged wrong
    # inside a question's condition ("if flex remains <95 (MUA not considered appropriate >12 wks?)": round 23, 427)
    manipulation = any(f.item.kind == "treatment" and f.item.concept == MANIPULATION
                       and f.item.status in ("present", "possible", "hypothetical")
                       and not any(t.category == "negated" for t in f.item.triggers) for f in view.facts)
    recommended = frozenset(recommends)
    # a letter that plans the operation and the prevention around it speaks of that prevention in the present tense
    # ("Single fraction 7 Gy ... we have planned post-op": round 13, 243): only what it says was had counts as given
    # the ticked "surgery planned" is the operation the patient's words name, where the report plans none (round 15,
    # 289: a colostomy reversal was read as the HO's removal, with prevention "around the time of surgery"); one on
    # no joint is no operation these answers speak of
    other_operation = bool(operations_to_come) and not view.operation_planned
    replacement_planned = view.replacement_planned or (other_operation and operations_to_come <= JOINT_REPLACEMENT_IDS)
    # (not where the report advises against the operation the patient was told of: a second opinion that "suggest[s] the
    # listing for excision is cancelled", round 26, 490)
    advised_against_surgery = NO_SURGERY in recommended and not view.replacement_planned
    surgery_planned = (view.operation_planned and not advised_against_surgery) or (
        answers.surgery_planned and not manipulation and not advised_against_surgery
        and not (other_operation and not operations_to_come & JOINT_REPLACEMENT_IDS))
    plan_ahead = PLANNED_PREVENTION in recommended and view.operation_planned
    # prevention timed around the operation still to come, and not told as given, is that plan ("Prophylaxis: single-
    # fraction pre-op radiotherapy 7 Gy to R hip, within 4 hours before surgery" under "Plan R hip HO excision Jan
    # 2027": round 17, 325 was told it had had treatment to lower the chance of HO coming back)
    ahead = view.operation_planned and not view.removed_before
    timed = {t.item.concept for t in view.treatments_given() if t.item.concept in PREVENTIONS
             and t.item.status == "present" and ahead and view.outcomes.outcome(t) != "given"
             and before_surgery(view, t)}
    given = {t.item.concept for t in view.treatments_given()
             if not (plan_ahead and t.item.concept in PREVENTIONS and t.item.status == "present")} - timed
    prescribed = nsaid_prescribed(view)  # asked once: the cautions ask it for every fact
    cautions = caution_facts(view, prescribed)
    # the report's "stopped after 3 days" or "never given" outweighs a ticked box: no protection to count on
    # prevention given with the removal of HO from the other side is that removal's, not this HO's (round 10, 200:
    # "left HO excised 2018 with postoperative radiation" beside right-hip HO was told "you have already had treatment")
    from_report = set() if view.removed_elsewhere() else {p for p in ("nsaid", "radiotherapy") if p in given}
    # an anti-inflammatory after a knock, with no operation, eases the bruise: no prevention of HO (round 25, 470:
    # "Club: RICE, deep massage from day 3, naproxen 500 mg bd days 1-10" was told of a medicine had to prevent HO)
    if set(causes) == {"muscle_contusion"} and not view.operation_planned and not view.removed_before:
        from_report.discard("nsaid")
    # a ticked prevention the report plans and names as given nowhere is the plan ("I'm having the bone cut out on the
    # 14th and radiation afterwards" beside "Plan: single fraction 7 Gy post-op": round 13, 243 and 242)
    ticked = frozenset() if PLANNED_PREVENTION in recommended and not from_report \
        else frozenset(answers.prophylaxis) - timed
    # a trial that gives half its patients a dummy capsule and tells no one which (round 26, 479: "Half ... received
    # celecoxib ... and half received a placebo. Neither you, your surgeon nor the trial team knows which one you had")
    # gave no anti-inflammatory anyone can count on, whatever the patient believes
    blinded = any(BLINDED_TRIAL.search(r.text) for r in view.case.readings)
    unknown_arm = {"nsaid"} if blinded else set()
    ticked, from_report = ticked - unknown_arm, from_report - unknown_arm
    prophylaxis = (ticked - view.treatments_not_given()) | frozenset(from_report)
    ruled_out = radiation_ruled_out(view)
    focus = site_focus(view)
    # a break the patient ticks as still healing that the report calls healed ("The fracture ... has united") has healed
    # (round 34, 631 was warned that NSAIDs can slow a bone that is still healing)
    healed = bool(fracture_healed_at(view))
    told_conditions = {c for c in answers.conditions if not (c == HEALING_FRACTURE and healed)}
    return CaseFeatures(
        status=view.overall_status,  # type: ignore[arg-type]  # STATUS_ORDER and "none"
        causes=frozenset(causes),  # type: ignore[arg-type]  # the cause lexicon's ids are CauseId
        cause_count=_cause_count(set(causes)),
        reported_cause=any(causes[c] for c in causes if c != "fop"),
        told_cause=any(not causes[c] for c in causes if c != "fop"),  # no report words: the patient's alone
        cause_stated=cause_stated(view, causes),
        risk_factors=frozenset(view.risk_factors()),  # type: ignore[arg-type]
        neurologic=bool(NEUROLOGIC_CAUSES & set(causes)),
        # "transverse myelitis ... incomplete paraplegia": cord damage from an illness has its own, lower figure (round
        # 13, 256 was told the injury's "about 1 in 5")
        cord_non_traumatic=SPINAL_CORD in causes and bool(view.affirmed("illness", CORD_ILLNESS)),
        brain_anoxia=BRAIN_INJURY in causes and bool(view.affirmed("illness", BRAIN_ANOXIA)),
        sites=frozenset(focus.sites),  # type: ignore[arg-type]
        located=bool(focus.sites),
        grade=_grade(view),
        maturity=view.maturity or "unknown",  # type: ignore[arg-type]
        change=view.change or "unknown",  # type: ignore[arg-type]
        # (a high grade the report says does not limit the patient is not severe: "Brooker III ... not limiting sitting
        # or transfers", round 27, 500)
        severe=(view.high_grade and not _said_not_limiting(view, focus)) or bool(severity_facts(view)),
        joint_limited=any(f.item.kind == "course" for f in severity_facts(view)),
        motion_from_ho=any(f.item.concept == MOTION_FROM_HO for f in severity_facts(view)),
        bridged=bridged(view),
        # a bar the report weighs, and does not find, between the two forearm bones ("possible early bony bridge
        # (proximal radioulnar synostosis) vs near-bridging", CT to confirm: round 32, 587 was told therapy can help)
        cross_union_possible=bool(bars := {f.item.status for f in view.facts if f.item.kind == "course"
                                           and f.item.concept == "synostosis"}) and bars <= {"possible"},
        # an old hot bone scan in the story of HO the report now calls mature ("falling ALP now normal, in keeping
        # with maturity": round 8, case 161) is no activity now
        active=bool(activity_facts(view)) and view.maturity != "mature",
        # "small incidental HO, of no clinical consequence": the report's own word that it does not matter; a bare
        # "incidental" says only that the scan found it by chance, which symptoms outweigh (round 9, 178: a
        # shoulder the patient cannot lift was told the HO "does not matter for your care")
        incidental=any(f.item.status == "present" and (view.in_ho_sentence(f) or view.after_ho_on_its_line(f)
                                                       or _of_the_bone_in_plain_words(view, f)
                                                       or _of_a_numbered_ho_item(view, f))
                       and not (symptoms and f.item.text.lower().startswith(FOUND_BY_CHANCE))
                       and not focus.about_minor_site(view, f) for f in view.affirmed("course", "incidental")),
        # "Incidental, not the source of his pain" (round 29, 544)
        not_the_cause=any(f.item.status == "present" and (view.in_ho_sentence(f) or view.after_ho_on_its_line(f))
                          and not focus.about_minor_site(view, f) for f in view.affirmed("course", NOT_THE_CAUSE)),
        symptoms=bool(symptoms),
        named_symptoms=frozenset(symptoms),  # type: ignore[arg-type]  # the symptom lexicon's ids are PatientSymptom
        reported_symptoms=any(symptoms.values()),
        myositis="muscle_contusion" in causes or any("myositis" in f.item.text.lower() for f in view.current),
        removed=view.removed,
        # gone by itself: the report's word in a sentence about the HO, of HO that is only the past now
        resolved=view.overall_status == "historical" and not view.removed and any(
            f.item.status == "present" and view.in_ho_sentence(f) for f in view.affirmed("course", "resolved")),
        recurrent=view.recurrent,
        came_back=bool(view.recurrence("present")),
        not_back=view.removed and bool(view.recurrence("absent")) and not view.recurrence("present"),
        # (or a piece left on purpose: "deliberately left in situ", round 34, 633)
        residual_left=view.removed and (any(RESIDUAL_LEFT.search(r.text) for r in view.case.readings)
                                        or view.piece_left_on_purpose),
        piece_left=view.removed and view.piece_left_on_purpose,
        simple_dislocation=_simple_dislocation(view, causes),
        not_operated=_not_operated(view, causes),
        elbow_replaced=_elbow_replaced(view, causes),
        moves_fully=_moves_fully(view),
        ho_treated=bool((given - unknown_arm) & HO_TREATMENTS) or view.removed,
        bisphosphonate="bisphosphonate" in given,
        # given or about to start ("we have agreed to start PALOVAROTENE": round 19, 358 was never told what it is)
        palovarotene=any(f.item.status in ("present", "possible", "hypothetical")
                         for f in view.facts if f.item.kind == "treatment" and f.item.concept == "palovarotene"),
        prophylaxis=prophylaxis,
        # (radiation the report rules out counts as none to be had: "In our unit we do not routinely use radiotherapy at
        # the jaw joint", round 33, 607 was offered one dose of radiation)
        prevention_not_given=(prevention_not_given(view) | ({RADIOTHERAPY} if ruled_out else set()))  # type: ignore[arg-type]
        - prophylaxis,
        # one prevention given is prevention had: an NSAID withheld beside radiation given is no prevention missed
        prophylaxis_missed=not prophylaxis and prophylaxis_missed(view),
        # (not a course of a set length the history tells as over: round 26, 475)
        # (nor one that has run its set length since the date it began: round 28, 509)
        anticoagulated="anticoagulant" in given and any(not view.outcomes.course_over(t) and not course_run_out(view, t)
                                                        and not named_as_stopped(view, t)
                                                        for t in view.treatments_given("anticoagulant"))
        and not not_on_now(view, "anticoagulant"),
        nsaid_caution=bool(cautions) or bool(told_conditions),
        # the patient's own ("I have stage 3 kidney disease") name the reason too (round 11, 205: told "your report")
        caution_reasons=frozenset(told_conditions).union(  # the lexicon's condition ids are ConditionId
            f.item.concept for f in cautions if f.item.kind == "condition"),  # type: ignore[misc]
        # (and an NSAID the plan withholds for a reason it gives: "Plan: 2. No anti-inflammatory tablets (NSAIDs)
        # because of her warfarin and kidneys", round 9, 177; in the history, "not given (h/o peptic ulcer)" is a
        # reason for care, not advice for now)
        # (not where the plan offers another anti-inflammatory: "we will not use it [indomethacin] again given her
        # dyspepsia" beside "celecoxib 200 mg daily for 4 weeks if tolerated", round 26, 483)
        radiation_ruled_out=ruled_out,
        nsaid_advised_against=not prescribed and not other_nsaid_offered(view) and any(
            f.item.kind == "treatment" and f.item.concept == "nsaid" and f.item.experiencer == "patient"
            and (advised_against(f.item) or (f.item.status == "absent" and f.item.section == PLAN_SECTION
                                              and (reason_given(view, f) or emphatic_no(f.item)
                                                   or plan_order(view, f)))
                 or (f.item.status == "absent" and f.item.section != HISTORY_SECTION and bracketed_reason(view, f)))
            for f in view.facts),
        fop=_fop(view, FOP_KNOWN in raised, FOP_SUSPECTED in raised),
        flare_now=bool(flares_now(view)),
        asks=asks,
        asks_in_plan=asks_in_plan & asks,
        asks_in_timed_plan=asks_in_timed_plan & asks,
        flags=raised,  # type: ignore[arg-type]  # red_flags.yaml's ids are FlagId
        flags_found=frozenset(flags_found) & raised,  # type: ignore[arg-type]
        tumour_cleared=tumour_cleared,
        flags_reported=frozenset(flags_reported) & raised,  # type: ignore[arg-type]
        # an MUA the patient calls "an operation" is no removal of HO (round 11, 205)
        surgery_planned=surgery_planned,
        manipulation=manipulation,
        movement_held=_movement_held(view),
        replacement_planned=replacement_planned,
        minor_part=_said_a_minor_part(view),
        early_low_grade=_grade(view) == "low" and view.maturity in ("immature", "maturing"),
        # (round 13, 239: the other hip's replacement is no operation on this HO: "your report plans ... an operation
        # for it")
        removal_planned=surgery_planned and not replacement_planned and not other_operation,
        plan_treats=bool(recommended & TREATMENT_STEPS) or any(  # "If it recurs, we will discuss excision"
            f.item.kind == "treatment" and (view.proposed(f) or (f.item.status == "hypothetical"
                                                                  and f.item.section == PLAN_SECTION))
            for f in view.facts),
        since_event=_since_event(view, date_told),
        age=_age(view),
        event_date_told=date_told,
        side_told_against=side_told_against,
        recommends=recommended,
        plan_in_own_words=plan_in_own_words,
        # an anti-inflammatory the plan starts now ("Plan: 1. Naproxen 250 mg twice daily ... for 6 weeks": round 21,
        # 397 was told "ask your team soon if treatment is right for you", and of etidronate the letter ruled out)
        # (not one weighed against etidronate, the choice still to make: "etidronate ... vs NSAID ... Decision with Dr X
        # on Monday", round 22, 414 was told "Your report plans an anti-inflammatory medicine")
        nsaid_planned=any(not advised_against(f.item) and course_now(view, f)
                          for f in plan_nsaids(view)) and not any(
            f.item.kind == "treatment" and f.item.concept == "bisphosphonate" and f.item.section == PLAN_SECTION
            and f.item.status in ("present", "possible") for f in view.facts),
        nsaid_stopped=bool(nsaids := [f for f in view.treatments_given("nsaid") if f.item.experiencer == "patient"])
        and all(view.outcomes.course_over(f) for f in nsaids),
        blinded_trial=blinded,
        amputation_for_illness=_amputated_for_illness(view),
        # no HO, and a look-alike named as what the report found: "nothing to grow" and "very early HO can be missed"
        # speak past the lipoma, the tophus or the calcium in the skin it found (round 21, 393, 394, 400)
        look_alike=view.overall_status == "absent" and any(
            m.status in ("present", "possible") and m.concept in LOOK_ALIKE_LESIONS
            for r in view.case.readings for m in r.mimics),
        imaging_declined=any(x.item.kind == "next_step" and (
            (x.item.concept == "follow_up_imaging" and x.item.status == "absent")
            or (x.item.concept == "ok_discharged" and x.item.status == "present")) for x in view.facts),
    )
