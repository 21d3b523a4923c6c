"""What the report says of the medicines that prevent HO and of the reasons to take care with them: prevention given,
missed or stopped, a course planned now, anti-inflammatories advised against and why (features.py asks these)."""

from __future__ import annotations

import re

from hoguide.guidance.outcomes import NOT_HAD
from hoguide.guidance.report_dates import dated_facts, reference_date
from hoguide.guidance.view import EARLIER_SECTIONS, PLAN_SECTION, CaseView, Located
from hoguide.models.reading import Fact

# before an operation: prevention timed so cannot have been had for the one still to come (a "post-op" course may be
# the last operation's)
BEFORE_SURGERY = re.compile(r"\bpre-?op(?:erative(?:ly)?)?\b|\bbefore (?:the )?(?:surgery|operation)\b",
                            re.IGNORECASE)


def before_surgery(view: CaseView, fact: Located[Fact]) -> bool:
    reading, start, end = view.sentence_of(fact)
    return BEFORE_SURGERY.search(view.case.readings[reading].text, start, end) is not None


def prophylaxis_missed(view: CaseView) -> bool:
    """The report says prevention was not given, or was stopped early, around an earlier operation: "no HO
    prophylaxis given at that time", "she did not receive indomethacin or radiotherapy", "indomethacin stopped on
    day 3", "radiotherapy was planned but never given". Advice against it for the future is not this."""
    if any(fact.item.concept == RADIOTHERAPY or _around_an_operation(view, fact) for fact in view.affirmed("treatment")
           if fact.item.concept in PREVENTIONS and view.outcomes.outcome(fact) in NOT_HAD):
        return True
    for fact in view.facts:
        item = fact.item
        if item.status != "absent" or item.experiencer != "patient" or not (
                (item.kind == "treatment" and item.concept in PREVENTIONS)
                or (item.kind == "next_step" and item.concept == "treat_prophylaxis")):
            continue
        if advised_against(item):
            continue
        reading, start, end = view.sentence_of(fact)
        if NOT_GIVEN.search(view.case.readings[reading].text, start, end):
            return True
    return False



def _around_an_operation(view: CaseView, fact: Located[Fact]) -> bool:
    """An anti-inflammatory stopped or not given is a prevention missed where its sentence speaks of HO, prevention or
    an operation and its days; a painkiller stopped for the kidneys ("Naproxen stopped in 2024 because of her kidney
    function - please do not restart": round 33, 612 was told prevention was missed) is not."""
    reading, start, end = view.sentence_of(fact)
    return PREVENTION_CONTEXT.search(view.case.readings[reading].text, start, end) is not None


NSAID = "nsaid"  # lexicon/treatment.yaml
PREGNANCY = "pregnancy"  # lexicon/condition.yaml
RADIOTHERAPY = "radiotherapy"
HEALING_FRACTURE, FRACTURE_HEALED = "healing_fracture", "ok_fracture_healed"  # lexicon condition and next_step ids
# (or the time it lasts: "No NSAIDs until pubic ramus osteotomy united", round 29, 536 was told only to ask first)
NOT_GIVEN_REASON = re.compile(r"\b(?:because|due to|owing to|in view of|given (?:her|his|the)|as (?:she|he) "
                              r"(?:has|had|takes|is)|until)\b|\((?:h/o|hx|history of|known|previous|prior)\b",
                              re.IGNORECASE)
BRACKETED_REASON = re.compile(r"[^.;\n(]{0,20}\((?=[^)]{0,80}\b(?:already|still|healing|risk|bleed\w*|ulcer\w*|"
                              r"kidneys?|renal|ckd|allerg\w*|asthma|anticoag\w*)\b)", re.IGNORECASE)
PREVENTIONS = frozenset({"nsaid", "radiotherapy"})
PREVENTION_CONTEXT = re.compile(r"\b(?:HO|heterotopic|ossification|prophyla\w*|prevent\w*|post-?op\w*|peri-?op\w*|"
                                r"surgery|operation|arthroplasty|replacement|fixation|ORIF|THR|THA|TKR|TKA|day \d+|"
                                r"\d+ days?|(?:one|two|three|four|five|six|seven) days?|after \d+|discharge\w*)\b",
                                re.IGNORECASE)
# a negation about a treatment, not about the condition it reaches ("was not given", not "never had")
TREATMENT_NOT_GIVEN = re.compile(r"\b(?:given|administered|started|withheld|prescribed)\b", re.IGNORECASE)
# a past event; not "given" as "because of" ("No NSAIDs for now given recent AKI": round 29, 539 was told prevention was
# not given)
NOT_GIVEN = re.compile(r"\b(?:given(?!\s+(?:her|his|their|the|recent|previous|prior|known|ongoing|current|reduced|"
                       r"poor|impaired|an?)\b)|received|receive|administered|used|had)\b", re.IGNORECASE)
# ... and a plan's record of it ("NSAIDs were not given", "No NSAID started"), unlike its order ("1. No NSAIDs.")
WAS_NOT_GIVEN = re.compile(r"\b(?:was|were|been|wasn't|weren't)\s+(?:not\s+|never\s+)?(?:given|used|received|"
                           r"started|prescribed|stopped)\b|\bnot\s+(?:given|received|used|started)\b|\bstopped\b",
                           re.IGNORECASE)
NOT_STARTED = re.compile(r"\b(?:started|prescribed|taken)\b", re.IGNORECASE)
ORDER_NO = re.compile(r"\s*(?:[-*•]\s*|\d{1,2}[.)]\s*)?no\s+(?:more\s+|further\s+|oral\s+)?$", re.IGNORECASE)
# ConText triggers by which a report advises against a medicine (not "was not given" at the time)
ADVISED_AGAINST = ("contraindicated", "not advised", "avoid", "avoided", "not started", "not to be", "withheld",
                   "should not", "not recommended", "will not be used", "must not", "do not")  # "Do NOT restart NSAIDs"


def fracture_healed_at(view: CaseView) -> list[tuple[int, int]]:
    """Where the report calls a break healed ("The fracture ... has united"): (reading, offset) of each."""
    return [(f.reading, f.item.start) for f in view.facts if f.item.kind == "next_step"
            and f.item.concept == FRACTURE_HEALED and f.item.status == "present"]


def caution_facts(view: CaseView, prescribed: bool) -> list[Located[Fact]]:
    """Reasons for care with NSAIDs: a condition the report names, or NSAIDs it says were withheld or
    are contraindicated ("NSAIDs are contraindicated because of a bleeding ulcer"). An NSAID simply not
    given at the time ("she did not receive indomethacin") is no reason, nor is advice against one from before an NSAID
    the plan now ``prescribed`` (``nsaid_prescribed``)."""
    denied = {f.item.concept for f in view.facts if f.item.kind == "condition" and f.item.status == "absent"
              and f.item.experiencer == "patient"}
    # a break still healing that a later line of the same report calls healed ("XR 6/52: early callus" above "XR 6/12:
    # Fracture and olecranon osteotomy united": round 29, 534 was warned of a bone still healing)
    healed_at = fracture_healed_at(view)
    return [f for f in view.facts if f.item.experiencer == "patient" and (
        # (a pregnancy in the past is over, as is one's own birth: "born at 27 weeks' gestation", round 34, 619)
        (f.item.kind == "condition" and (f.item.status == "present" or _reason_denied(f.item)
                                         or (f.item.status == "historical" and f.item.concept != PREGNANCY))
         and not _topic_label(view, f) and not (f.item.concept in denied and _named_as_a_topic(f.item))
         and not (f.item.concept == HEALING_FRACTURE
                  and any(r == f.reading and at > f.item.end for r, at in healed_at)))
        or (f.item.kind == "treatment" and f.item.concept == NSAID and not prescribed and (
            advised_against(f.item) or (f.item.status == "absent" and reason_given(view, f)))))]


# a pregnancy named as a topic of advice, not as the patient's state ("the HO will not harm a pregnancy", "may make late
# pregnancy ... more awkward"): beside the report's "she is not currently pregnant", no reason for care (round 21, 398)
CONDITION_NOUN = re.compile(r"pregnanc(?:y|ies)", re.IGNORECASE)


def _named_as_a_topic(fact: Fact) -> bool:
    return CONDITION_NOUN.fullmatch(fact.text) is not None


def _topic_label(view: CaseView, fact: Located[Fact]) -> bool:
    """A condition's word as the label of a letter's item ("3. Pregnancy: I have reassured her that ...": round 19, 349)
    heads what the letter says about it; it does not say the patient has it."""
    return view.case.readings[fact.reading].text[fact.item.end:fact.item.end + 1] == ":"


def prevention_not_given(view: CaseView) -> frozenset[str]:
    """The preventions the report says were not given or were stopped early: "Single-dose radiation therapy was
    planned ... but was NOT given", "NSAID prophylaxis was not given (h/o peptic ulcer disease)"."""
    return frozenset(f.item.concept for f in view.facts if f.item.kind == "treatment" and f.item.concept in PREVENTIONS
                     and f.item.experiencer == "patient" and f.item.status == "absent"
                     and not _a_plans_order(view, f)) | (view.treatments_not_given() & PREVENTIONS)


def radiation_ruled_out(view: CaseView) -> bool:
    """The report, beyond its history, rules radiation out for the patient, and names none given or planned ("we
    would not use radiotherapy at her age": round 32, 597's parent asked whether it is safe for a teenager). A
    history's "declined radiotherapy" for an earlier operation, beside radiation recommended for the next, rules
    nothing out (round 26, 487)."""
    said = [f for f in view.facts if f.item.kind == "treatment" and f.item.concept == RADIOTHERAPY
            and f.item.experiencer == "patient"]
    # (radiation the history says was given is none ruled out: "No heterotopic ossification ... following single-dose
    # prophylactic radiation", round 19, 359)
    # (a unit's practice against it in a letter's talk of risks, read as hypothetical there, rules it out too: "In our
    # unit we do not routinely use radiotherapy at the jaw joint", round 33, 607 was offered one dose of radiation)
    ruled_out = [f for f in said if f.item.section not in EARLIER_SECTIONS and _denies(f)]
    return bool(ruled_out) and all(f.item.status == "absent" or f in ruled_out for f in said)


def _a_plans_order(view: CaseView, fact: Located[Fact]) -> bool:
    """A plan's "No NSAIDs for now given recent AKI" is advice for what comes, not prevention the patient went without
    (round 29, 539 was told prevention was not given or was stopped early); "NSAIDs were not given" in a plan is."""
    if fact.item.section != PLAN_SECTION or fact.item.concept != NSAID:
        return False
    reading, start, end = view.sentence_of(fact)
    return not WAS_NOT_GIVEN.search(view.case.readings[reading].text, start, end)


def _reason_denied(fact: Fact) -> bool:
    """A condition that a treatment's "not given" reaches is the reason it was not given, not denied: "NSAID
    prophylaxis was not given (h/o peptic ulcer disease)"."""
    negations = [t for t in fact.triggers if t.category == "negated"]
    return fact.status == "absent" and bool(negations) and all(TREATMENT_NOT_GIVEN.search(t.phrase) for t in negations)


# a medicine allowed when needed, not a course ("short course ibuprofen ok if needed": round 26, 488), in its clause
# ("Short courses of naproxen with omeprazole are acceptable for flare-ups": round 27, 504 was told to take a course)
AS_NEEDED = re.compile(r"[^.;\n]{0,40}?\b(?:prn|as needed|as required|if needed|if required|when needed|ok if|"
                       r"(?:are |is )?acceptable for (?:flare-?ups|flares|pain)|for flare-?ups|for flares)\b",
                       re.IGNORECASE)
# ... or prevention that would go with an operation that may come ("he would need prevention (a single dose of
# radiotherapy or a course of indomethacin) around the time of surgery": round 26, 473 was told to take it)
WITH_A_LATER_OPERATION = re.compile(r"\b(?:would|could|might|if)\b[^.;]*\b(?:around|at|with|after|before) (?:the time "
                                    r"of )?(?:the |any |an? |his |her |such )?(?:surgery|operation|excision|removal)\b",
                                    re.IGNORECASE)


def course_now(view: CaseView, fact: Located[Fact]) -> bool:
    """The plan's anti-inflammatory is a course to take now, not one allowed when needed nor one for a later
    operation."""
    text = view.case.readings[fact.reading].text
    _, start, end = view.sentence_of(fact)
    return AS_NEEDED.match(text, fact.item.end) is None and WITH_A_LATER_OPERATION.search(text, start, end) is None


def other_nsaid_offered(view: CaseView) -> bool:
    """The plan offers an anti-inflammatory by a name other than the one it rules out, in a sentence of its own."""
    nsaids = _plan_nsaid_facts(view)
    against = {f.item.text.lower() for f in nsaids if _denies(f)}
    denied = {view.sentence_of(f) for f in nsaids if _denies(f)}
    return bool(against) and any(
        f.item.status in ("possible", "hypothetical", "present") and not advised_against(f.item)
        and f.item.text.lower() not in against and NAMED_NSAID.fullmatch(f.item.text)
        and view.sentence_of(f) not in denied for f in nsaids)


# an anti-inflammatory named by its drug, not the class ("NSAIDs", "anti-inflammatories")
NAMED_NSAID = re.compile(r"(?i:celecoxib|naproxen|ibuprofen|indomethacin|indometacin|diclofenac|meloxicam|etoricoxib|"
                         r"ketorolac|aspirin)")


def nsaid_prescribed(view: CaseView) -> bool:
    """The plan gives an NSAID now ("Post-op instructions: 1. HO prevention: indomethacin 25 mg TDS PO for 6 weeks"):
    advice against one at an earlier time ("indomethacin prophylaxis avoided at the time because of the long-bone
    fracture") is history (round 23, 425 was told not to take the course it had just been prescribed)."""
    return bool(plan_nsaids(view))


def plan_nsaids(view: CaseView) -> list[Located[Fact]]:
    """The plan's anti-inflammatories named as given now: not one named in the sentence that rules them out ("NO
    NSAIDs (for prophylaxis or pain) - NSAID-sensitive asthma (bronchospasm with ibuprofen 2018)": round 27, 492 was
    told to take the course its operation note forbids)."""
    nsaids = _plan_nsaid_facts(view)
    denied = {view.sentence_of(f) for f in nsaids if _denies(f)}
    return [f for f in nsaids if f.item.status == "present" and view.sentence_of(f) not in denied
            and not view.for_else(f)]




def _plan_nsaid_facts(view: CaseView) -> list[Located[Fact]]:
    return [f for f in view.facts if f.item.kind == "treatment" and f.item.concept == "nsaid"
            and f.item.section == PLAN_SECTION and f.item.experiencer == "patient"]


def _denies(fact: Located[Fact]) -> bool:
    return fact.item.status == "absent" or advised_against(fact.item)


def advised_against(fact: Fact) -> bool:
    """The report keeps the treatment from the patient ("contraindicated", "not advised", "will NOT be used"),
    not only "was not given" at the time."""
    # (not on a condition: "better avoided if there is any chance she could become pregnant", round 21, 398)
    # (its words as one line: "we do\nnot routinely use radiotherapy" wraps)
    phrases = [" ".join(t.phrase.lower().split()) for t in fact.triggers]
    return any(word in phrase for phrase in phrases for word in ADVISED_AGAINST if not phrase.endswith(" if"))


def plan_order(view: CaseView, fact: Located[Fact]) -> bool:
    """A plan's item that is only the order ("Plan: 1. No NSAIDs. Regular paracetamol for pain": round 29, 535, a
    kidney transplant, was told only to ask before taking one), not a record of what was not given."""
    reading, start, end = view.sentence_of(fact)
    text = view.case.readings[reading].text
    return ORDER_NO.match(text, start, fact.item.start) is not None and not NOT_GIVEN.search(text, start, end) \
        and not NOT_STARTED.search(text, start, end)


def emphatic_no(fact: Fact) -> bool:
    """A plan's capital "NO" before the medicine is an order ("Analgesia: NO NSAIDs for the rest of the pregnancy (incl.
    celecoxib)": round 21, 396 was told only that NSAIDs are not used late in pregnancy)."""
    return any(t.category == "negated" and t.phrase.lstrip(": ") == "NO" for t in fact.triggers)


def bracketed_reason(view: CaseView, fact: Located[Fact]) -> bool:
    """A surgeon's "No NSAID prophylaxis (HO already visible; coronoid fixation still healing)": advice with its
    reason in brackets (round 23, 435 was told NSAIDs are sometimes used when HO is just starting)."""
    return BRACKETED_REASON.match(view.case.readings[fact.reading].text, fact.item.end) is not None


def reason_given(view: CaseView, fact: Located[Fact]) -> bool:
    """The sentence says why the medicine was not given ("not given (h/o peptic ulcer disease)", "withheld
    because of her kidneys"): a reason for care, unlike "she did not receive indomethacin"."""
    reading, _, end = view.sentence_of(fact)
    return bool(NOT_GIVEN_REASON.search(view.case.readings[reading].text, fact.item.end, end))


NOT_ON = re.compile(r"\b(?:not|no longer|nor)\s+(?:currently\s+)?(?:on|taking|using)\s+(?:any\s+|an?\s+)?$",
                    re.IGNORECASE)


def not_on_now(view: CaseView, treatment: str) -> bool:
    """The report says the patient is not on the treatment now, after every mention of it as given: "completed 6/12
    anticoagulation, no recurrence. Not on anticoagulants." (round 27, 500 was told it takes a blood thinner)."""
    given = [f for f in view.treatments_given(treatment) if f.item.experiencer == "patient"]
    if not given:
        return False
    # (said as the patient's state, not a reason in brackets: "NO NSAIDs peri-op (apixaban / bleeding)", round 27, 497)
    denials = [f for f in view.facts if f.item.kind == "treatment" and f.item.concept == treatment
               and f.item.status == "absent" and f.item.experiencer == "patient" and f.item.section != PLAN_SECTION
               and NOT_ON.search(view.case.readings[f.reading].text, max(0, f.item.start - 30), f.item.start)]
    last_given = max((g.reading, g.item.start) for g in given)
    return any((d.reading, d.item.start) > last_given for d in denials)


# the medicine named as stopped before its name ("17 days after stopping enoxaparin": round 34, 625 was told it takes a
# blood thinner)
STOPPED_BEFORE = re.compile(r"\b(?:after|since|on) (?:stopping|discontinuing|coming off)\s+(?:his |her |the |their )?$",
                            re.IGNORECASE)
STOPPED_BEFORE_REACH = 40  # characters before the medicine's name


def named_as_stopped(view: CaseView, fact: Located[Fact]) -> bool:
    text = view.case.readings[fact.reading].text
    return STOPPED_BEFORE.search(text, max(0, fact.item.start - STOPPED_BEFORE_REACH), fact.item.start) is not None


# a course of a set length: "Enoxaparin 40 mg SC od to complete 28 days", "for 6 weeks", "x 4/52"
SET_COURSE = re.compile(r"[^.;\n]{0,40}?\b(?:for|to complete|complete|x|×)\s*(\d{1,3})\s*"
                        r"(days?|d|weeks?|wks?|/7|/52)\b", re.IGNORECASE)
DAYS_PER = {"day": 1, "days": 1, "d": 1, "/7": 1, "week": 7, "weeks": 7, "wk": 7, "wks": 7, "/52": 7}


def course_run_out(view: CaseView, fact: Located[Fact]) -> bool:
    """A course of a set length begun at the latest date the report gives before it has run out by the report's
    "now": "Discharged: 29/07/2026 ... Enoxaparin 40 mg SC od to complete 28 days" in a December letter (round 28,
    509 was told it takes a blood thinner)."""
    text = view.case.readings[fact.reading].text
    course = SET_COURSE.match(text, fact.item.end)
    if course is None:
        return False
    dated = dated_facts(view)
    now = reference_date(view, dated)
    begun = max((d for d, f in dated if f.reading == fact.reading and f.item.start < fact.item.start), default=None)
    if now is None or begun is None:
        return False
    return (now - begun).days > int(course.group(1)) * DAYS_PER[course.group(2).lower()]
