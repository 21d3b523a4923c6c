""""What your report suggests next": each recommendation and reassuring fact the report states, in
plain words with the report's words (lexicon/next_step.yaml; content/next_steps.yaml).

A test or a treatment counts only in a sentence that recommends it ("CT is recommended") or in a plan
section, so the name of this study ("CT PELVIS") is not a recommendation; "no follow-up is needed" is
negated and not said.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from hoguide.guidance.features import bridged
from hoguide.guidance.other_findings import items_elsewhere
from hoguide.guidance.outcomes import PLAN_CUE
from hoguide.guidance.prevention_steps import no_prevention_suggested, preventions_given_at
from hoguide.guidance.report_plan import REPORT_HEADING, rewritten_impressions
from hoguide.guidance.step_times import KIND, NEEDS_CUE, only_if_said, when_said
from hoguide.guidance.view import PLAN_SECTION, CaseView, Located
from hoguide.knowledge.loader import KnowledgeBase
from hoguide.models.assessment import Evidence, ReportStatement
from hoguide.models.reading import Fact
from hoguide.reading.report_status import section_authority

# sections of what was before or is taken anyway (section_rules.yaml): their tests and reassurances are no step of this
# plan ("MEDICATIONS ON DISCHARGE Apixaban ... after repeat CT head showed stable transformation" and "R total knee
# replacement 2016 ... XR R knee 2021: well-fixed" beside an elbow's HO: round 25, 466)
PAST_SECTIONS = frozenset({"past_medical_history", "past_surgical_history", "family_history", "social_history",
                           "medications", "allergies"})

# context_rules.yaml: the words that make a meeting or a visit one held ("Discussed at ... MDT", "You came to the
# Fracture Clinic on 26 November")
MEETING_HELD = ("discussed at", "you came to", "you attended", "you were seen in")
TITLE_LINE = re.compile(r"\s*([^\n]*)")  # the first line with words
TITLE_REACH = 400  # characters from the text's start within which a step may stand on its title line
LOWER_CASE = re.compile(r"[a-z]")
# a first line that names where the report comes from ("NORTHGATE MAJOR TRAUMA CENTRE - Trauma & Orthopaedics": round
# 28, 509)
LETTERHEAD = re.compile(r"\b(?:hospitals?|centre|center|clinic|department|dept|unit|trust|infirmary|institute)\b",
                        re.IGNORECASE)
STORY_SECTIONS = frozenset({"history", "history_of_present_illness"})
ARRANGED_THEN = re.compile(r"\b(?:was|were|had been)\s+(?:booked|arranged|planned|requested|ordered|scheduled|"
                           r"listed)\b", re.IGNORECASE)
THIS_STUDY = re.compile(r"\b(?:this|these|today's|the present|the current)\s+$", re.IGNORECASE)  # "This CT is ..."
THIS_REACH = 16
# what a test is for, named in its sentence, that is not HO: the bone's blood supply, a break, a tendon or a joint's
# parts, a cancer's staging, the spine
OTHER_PURPOSE = re.compile(r"\b(?:AVN|avascular|osteonecrosis|fracture|tendons?|tendinopathy|tendinosis|bursa|"
                           r"bursitis|ligaments?|labr(?:um|al)|cartilage|menisc\w*|staging|metasta\w*|prostate|"
                           r"discs?|spinal canal|stenosis|trochanteric pain|gluteal tendon\w*|angiogra\w*)"
                           r"|(?:occult|exclude|\?)\s*#", re.IGNORECASE)  # "#": a break, in a note's shorthand
PURPOSE_NOT_HO = "purpose_not_ho"  # lexicon/next_step.yaml: another organ's or illness's words ("cholecystectomy")
NUMBERED_ITEM = re.compile(r"[ \t]*\d{1,2}[.)][ \t]")  # a numbered list's item at its sentence's start
BLOOD_TEST = "test_blood"
OTHER_BLOOD_PURPOSE = re.compile(r"\bpaget", re.IGNORECASE)
# "contact ... if", "call ... if", "return ... if": a place to turn to should something happen
SAFETY_NET = re.compile(r"\b(?:contact|call|phone|ring|return to|attend|seek)\b[^.;\n]{0,60}\bif\b", re.IGNORECASE)
PROPHYLAXIS = "treat_prophylaxis"
# a treatment to stop HO still growing, with no operation: a step of its own, no prevention around an operation
# (round 30, 551: "Single-fraction radiotherapy to R hip to try to halt progression")
SLOW_GROWTH, SLOWS_GROWTH = "treat_slow_growth", "progression"
ELSEWHERE_STEPS = ("refer_", "test_", "follow_up")  # steps a finding elsewhere asks for itself
IF_SUFFIX = "_if"  # next.<step>_if: a step's words where the report asks for it only if something happens
OK_IMPLANT = "ok_implant"
IMPLANT_WORD = re.compile(r"arthroplast|replacement|prosthe|implant|component|\b(?:THA|THR|TKA|TKR|TSA|RSA|TEP|DHS|"
                          r"ORIF|IMN|K-?wires?)\b|\bplates?\b|\bplated\b|screws?|\bnail|fixation|fixed with|"
                          r"\bwires?\b|\bstem\b|\bcup\b|\bliner\b|hardware|metalwork", re.IGNORECASE)
OK_NO_FRACTURE = "ok_no_fracture"
OK_HEALED, OK_HEALING = "ok_fracture_healed", "ok_fracture_healing"
# an implant that has loosened or moved; denied by a "no"/"without" shortly before it on its line
LOOSENING = re.compile(r"\b(?:lucenc(?:y|ies)|loosening|loosened|migration|subsidence|osteolysis|scalloping)\b",
                       re.IGNORECASE)
LOOSENING_DENIED = re.compile(r"\b(?:no|not|without|nor|free of|negative for)\b", re.IGNORECASE)
LOOSENING_REACH = 60  # characters before a loosening word searched for its denial
# ... or a template's value after it: "Loosening: none", "Loosening | Absent | Absent" (a table's row, whose last
# cell is this study's; round 25, 461 was never told its well-fixed implant looked secure)
LOOSENING_VALUE_DENIED = re.compile(r"^(?:no|n/a)\b|\b(?:absent|none|nil|negative|not seen|not significant)\b",
                                    re.IGNORECASE)
LOOSENING_VALUE = re.compile(r"^\s*[:|\-–]")  # a loosening word followed by its value, not a sentence
# ... of a part of an implant named near it (a lucency inside the HO is the bone's)
IMPLANT_PART = re.compile(r"\b(?:cup|stem|component|prosthe\w*|implant|screws?|plate|cement|baseplate|glenosphere|"
                          r"tray|liner|hardware|metalwork)\b", re.IGNORECASE)
IMPLANT_REACH = 80  # characters either side of a loosening word searched for the implant part
PURPOSES = frozenset({"infection", "dvt", "tumour", "nerve_compression"})  # red-flag signals a test can be for
SAID = ("present", "hypothetical", "possible", "historical")
DISCHARGED = "ok_discharged"
DISCHARGED_FROM = re.compile(r"\bdischarged\s+(?:back\s+)?from\s+(?:the\s+)?(?:[\w&/-]+\s+){0,3}$", re.IGNORECASE)
DISCHARGED_REACH = 50  # characters before a referral's clinic searched for "discharged from"
HO_WORD = re.compile(r"\bHO\b")  # our words on a step that speak of the HO
IMAGING, NO_IMAGING = "follow_up_imaging", "ok_no_imaging"  # the second: a step the lexicon never finds
# "No bridging" of one elbow said plainly ("the joint is not locked") misleads where another joint is fused
UNSAID_BESIDE_ANKYLOSIS = frozenset({"ok_no_bridging"})
# ... and said of no bone where the report finds no HO ("last dose 48 h pre-op. No bridging": a blood thinner's
# bridging, round 34, 626's pre-operative review was told the bone does not bridge the joint)
UNSAID_WITHOUT_HO = frozenset({"ok_no_bridging"})
NO_HO_FOUND = frozenset({"absent", "none", "hypothetical"})
_SENTENCE = re.compile(r"[^.!?]+[.!?]")  # our own statements' sentences (no abbreviations in them)

SARCOMA_TEAM = "refer_sarcoma"  # lexicon/next_step.yaml
MEETING_OUTCOME = re.compile(r"\b(?:mdt|meeting|tumou?r board)\b[^\n]{0,40}\boutcome\b|\boutcome\b[^\n]{0,40}\b(?:mdt|"
                             r"meeting|tumou?r board)\b", re.IGNORECASE)


def next_steps(view: CaseView, kb: KnowledgeBase) -> dict[str, ReportStatement]:
    """Concept id -> what is said of it, recommendations first."""
    steps = [f for f in view.facts if f.item.kind == KIND]
    cued = {view.sentence_of(f) for f in steps if f.item.concept == PLAN_CUE}
    cued_ends = {(reading, end) for reading, _, end in cued}
    # "No further imaging needed now; any further imaging should be guided by the FOP team": none asked for now
    declines = [f for f in steps if f.item.concept == IMAGING and f.item.status == "absent"]
    declined = [(f.reading, f.item.end) for f in declines]
    authority = section_authority(kb)
    # (a plan's "No further imaging is required" outranks the history's reason for this study, though both rank 1)
    declined_by = [(f.reading, authority.of(f.item.section) + (f.item.section == PLAN_SECTION)) for f in declines]
    purposes = _purposes(view)
    rewritten: dict[int, list[tuple[int, int]]] = {}  # per report, the impressions a revised one replaced
    # who asked for the report and from which clinic ("Requested by: Mr A., Consultant Orthopaedic Surgeon") is no step
    headed = {view.sentence_of(f) for f in steps if f.item.concept == REPORT_HEADING}
    if headed:
        steps = [f for f in steps if view.sentence_of(f) not in headed]
    # a step in a conclusion's item about something else, which the page quotes for the care team to explain, is that
    # thing's (guidance/other_findings.items_elsewhere)
    # (on the other side, only the tests and referrals it asks for: "listed for right THR" is still a plan the HO's
    # risks speak to, round 18, 331)
    if others := items_elsewhere(view):
        steps = [f for f in steps if not any(
            e.reading == f.reading and e.start <= f.item.start < e.end
            and (cancer or f.item.concept.startswith(ELSEWHERE_STEPS)) for e, cancer in others)]
    said: dict[str, ReportStatement] = {}
    more: dict[str, list[Evidence]] = {}  # the words of a step said again
    fused = bridged(view)
    # (or does not mention it: round 31, 570's referral for a cord pressed by an ossified spinal ligament was told "The
    # surgeon can say if the HO needs treatment")
    no_ho = view.overall_status in ("absent", "none")
    # a referral already made, where the report says the patient is discharged, is over ("MDT outcome (sarcoma MDT):
    # Benign course confirmed. Discharged from the sarcoma clinic": round 14, 263 was told it was still to come)
    discharged = any(f.item.concept == DISCHARGED and f.item.status == "present" for f in steps)
    # "No fracture of the tibia, fibula or talus" beside the "ACUTE FRACTURE THROUGH THE OSSIFIED SEGMENT" the report
    # finds is no "no new break" (round 22, 408)
    broken = any(f.item.kind == "red_flag" and f.item.concept == "fracture" and f.item.status == "present"
                 and f.item.experiencer == "patient" for f in view.facts)
    given_at = preventions_given_at(view)
    # the sentences that name another organ's operation or illness: a referral there is for that
    for_another = {view.sentence_of(f) for f in view.facts
                   if f.item.kind == KIND and f.item.concept == PURPOSE_NOT_HO}
    section_starts = [[section.start for section in reading.sections] for reading in view.case.readings]
    prevention_refused = any(f.item.concept == PROPHYLAXIS and f.item.status == "absent"
                             and f.item.section == PLAN_SECTION for f in steps)
    # a bone "in satisfactory position" with no implant named anywhere: no metal to call secure (round 25, 472: a
    # radial head fracture treated in a sling was told "the implant ... looks secure and well placed"); looked for
    # once, on first need
    implant_named = cache(lambda: any(IMPLANT_WORD.search(r.text) for r in view.case.readings))
    # "Healed fractures of the right 8th-10th ribs with mature bridging callus": the callus is how it healed, not a
    # break still healing (round 26, 482 was told both)
    healed_in = {view.sentence_of(f) for f in steps if f.item.concept == OK_HEALED and f.item.status in SAID}
    for fact in steps:
        concept = fact.item.concept
        if fact.item.section in PAST_SECTIONS:
            continue
        # the report's title or letterhead names its clinic, no referral ("ST BRANNOCK'S HOSPITAL - ORTHOGERIATRIC
        # FRACTURE CLINIC": round 28, 523 was told of a surgeon's opinion on the HO)
        if not concept.startswith("ok_") and in_title(view.case.readings[fact.reading].text,
                                                       view.sentence_of(fact)[1]):
            continue
        # a history's account of what was arranged then ("an MRI and needle biopsy under GA were booked", then
        # cancelled when FOP was suspected: round 28, 518 was asked what the MRI would tell them) is its story
        if fact.item.section in STORY_SECTIONS and ARRANGED_THEN.search(
                view.case.readings[fact.reading].text, *view.sentence_of(fact)[1:]):
            continue
        if discharged and concept.startswith("refer_") and fact.item.status == "historical":
            continue
        # a meeting or a visit that has been held is no referral to wait for ("Discussed at Bone and Soft Tissue Sarcoma
        # MDT 26/11/2026": round 29, 542 was told to ask when the sarcoma team would see him; "You came to the Fracture
        # Clinic on 26 November 2026": 537 was told its report suggests a surgeon's opinion)
        if concept.startswith("refer_") and fact.item.status == "historical" and any(
                t.phrase.lower().endswith(MEETING_HELD) for t in fact.item.triggers):
            continue
        # the clinic the patient is discharged from is no referral to come ("Discharged from fracture clinic": round
        # 28, 523 was told of a surgeon's opinion on the HO)
        if concept.startswith("refer_") and DISCHARGED_FROM.search(
                view.case.readings[fact.reading].text, max(0, fact.item.start - DISCHARGED_REACH), fact.item.start):
            continue
        if concept == IMAGING and fact.item.status == "absent":  # "no further imaging needed": said, as good news
            # (quoted with its denial: "No further imaging", not "further imaging", which reads as the opposite: round
            # 30, 550 and 552)
            start = min([t.start for t in fact.item.triggers if t.category == "negated"
                         and view.sentence_of(fact)[1] <= t.start < fact.item.start] or [fact.item.start])
            text = view.case.readings[fact.reading].text
            concept, fact = NO_IMAGING, replace(fact, item=replace(fact.item, concept=NO_IMAGING, status="present",
                                                                   start=start, text=text[start:fact.item.end]))
        if concept == PLAN_CUE or fact.item.status not in SAID or (fused and concept in UNSAID_BESIDE_ANKYLOSIS) \
                or (concept in UNSAID_WITHOUT_HO and view.overall_status in NO_HO_FOUND):
            continue
        # no more checks, said in another numbered finding ("4. Simple left renal cyst (Bosniak I) - benign, no follow
        # up required" under the HO's own item: round 31, 564 was told it no longer needs checks of its HO)
        if concept in (NO_IMAGING, DISCHARGED) and not view.in_ho_sentence(fact) and NUMBERED_ITEM.match(
                view.case.readings[fact.reading].text, view.sentence_of(fact)[1]):
            continue
        # a reassuring fact still to come is none yet ("socket review once the wound has healed": round 9, 182), nor one
        # weighed against a worse one ("possible early bony bridge (proximal radioulnar synostosis) vs near-bridging":
        # round 32, 587 was told the bone does not bridge the joint)
        if concept.startswith("ok_") and fact.item.status in ("hypothetical", "possible"):
            continue
        if (concept == OK_NO_FRACTURE and broken) or (concept == OK_HEALING and view.sentence_of(fact) in healed_in):
            continue
        if concept == OK_IMPLANT and _loosening(view):  # "stem well fixed" beside a cup that has moved: not secure
            continue
        if concept == OK_IMPLANT and not implant_named():
            continue
        if concept == IMAGING and fact.item.status == "hypothetical" and _declined_before(view, fact, declined):
            continue
        # the referrer's question the report answers: "? any further imaging needed" in the history, "No further
        # imaging is required" in the impression (round 19, 364 was told the report suggests a follow-up scan); or the
        # reason for this study ("Ossification in tendon noted on MRI 17/09/2025 - interval follow-up": round 23, 434)
        if concept == IMAGING and fact.item.status in ("hypothetical", "present") \
                and fact.item.section != PLAN_SECTION and any(reading == fact.reading and rank > authority.of(
                    fact.item.section) for reading, rank in declined_by):
            continue
        if concept.startswith(NEEDS_CUE) and not _cued(view, fact, cued, cued_ends) \
                and fact.item.section != PLAN_SECTION:
            continue
        if view.outcomes.answered_by_addendum(fact) or _this_study(view, fact):
            continue
        # a meeting asked to look at it whose outcome the report goes on to give: held ("Correlation with the imaging at
        # the sarcoma MDT ... is recommended" above "MDT OUTCOME (sarcoma MDT 04/11/2026) - appended by MDT
        # coordinator": round 33, 609 was asked when the sarcoma team would see him)
        # (... nor is the outcome's own heading a referral)
        if concept == SARCOMA_TEAM and MEETING_OUTCOME.search(
                text := view.case.readings[fact.reading].text, text.rfind("\n", 0, fact.item.start) + 1):
            continue
        if concept == PROPHYLAXIS and (prevention_refused or no_prevention_suggested(view, fact, given_at,
                                                                                       section_starts)):
            continue
        # the earlier of two reports pasted one after the other: its conclusion's plan is the later one's to keep
        # (round 24, 440: 2025's "Suggest follow-up radiograph in 12 months" above 2026's "No further imaging
        # required for the HO unless symptoms change")
        if view.superseded(fact.reading, fact.item.start):
            continue
        # ... and an impression a revised impression wrote again with steps of its own (round 32, 586)
        if fact.reading not in rewritten:
            rewritten[fact.reading] = rewritten_impressions(view, fact.reading)
        if any(a <= fact.item.start < b for a, b in rewritten[fact.reading]):
            continue
        purpose = purposes.get(view.sentence_of(fact)) if concept.startswith("test_") or concept == PROPHYLAXIS \
            else None
        # a blood test's own purpose, not the X-ray's beside it ("Suggest plain X-ray ... also to exclude fracture and
        # bloods - ALP, CK, CRP"): Paget's disease's activity (round 31, 580)
        if concept == BLOOD_TEST:
            purpose = "other" if OTHER_BLOOD_PURPOSE.search(
                view.case.readings[fact.reading].text, *view.sentence_of(fact)[1:]) else None
        statement = kb.statements.get(f"next.{concept}_{purpose}") if purpose else None
        kind = "reassurance" if concept.startswith("ok_") else "recommendation"
        only_if = only_if_said(view, fact) if kind == "recommendation" else ()
        # a step kept for a condition has words of its own where "ask when you will be seen" would mislead (round 20,
        # 382: "If the lesion enlarges ..., refer to the sarcoma service")
        statement = statement or (kb.statements.get(f"next.{concept}{IF_SUFFIX}") if only_if else None)
        # a place to call if something goes wrong is no referral for the HO ("Stop and contact the ward / fracture
        # clinic if black stools, vomiting blood or severe indigestion": round 23, 425 was told of a surgeon's
        # opinion on the HO): the line is quoted without our words
        if statement is None and concept.startswith("refer_") and SAFETY_NET.search(
                view.case.readings[fact.reading].text, *view.sentence_of(fact)[1:]):
            continue
        statement = statement or kb.statements.get(f"next.{concept}")
        if statement is None:
            continue
        if concept == PROPHYLAXIS and purpose == SLOWS_GROWTH:
            concept = SLOW_GROWTH
        if concept in said:  # said again: more words, the time and condition of the line that first named it
            more.setdefault(concept, []).append(fact.evidence)  # joined once at the end: a growing tuple is quadratic
            continue
        # where the report finds no HO, our words on a step that speak of HO ("The surgeon can say if the HO needs
        # treatment"): the report's own line is quoted without them (round 10, 189: a cyclops lesion; 202)
        # ... and where it finds a new break, a referral is for the break (round 22, 408: "keep non-weight-bearing until
        # orthopaedic review" was glossed "The surgeon can say if the HO needs treatment")
        # ... and a referral for an operation on another organ is for that (round 31, 564: "Surgical referral for
        # consideration of cholecystectomy" beside an incidental HO in the scar)
        if kind == "recommendation" and (no_ho or (concept.startswith("refer_") and (
                broken or view.sentence_of(fact) in for_another))) and HO_WORD.search(statement.patient):
            continue
        when = () if kind == "reassurance" else (*only_if, *when_said(view, fact))
        patient = statement.patient
        if no_ho and kind == "reassurance" and HO_WORD.search(patient):
            # "... healing well. This matters because some treatments for HO can slow bone healing": no HO, no why
            # (round 22, 401: the "HO" an addendum withdrew)
            patient = " ".join(s.strip() for s in _SENTENCE.findall(patient) if not HO_WORD.search(s))
            if not patient:
                continue
        whole = patient == statement.patient  # a text cut down to its sentences without HO cites none of its sources
        said[concept] = ReportStatement(kind, patient, when, (fact.evidence,),
                                        kb.patient_refs(statement.refs) if whole else (),
                                        statement.patient_refs if whole else ())
    for concept, evidence in more.items():
        said[concept] = replace(said[concept], evidence=(*said[concept].evidence, *evidence))
    if any(c == IMAGING or c.startswith("test_") for c in said):  # "no imaging for the shoulder HO; CT of the elbow"
        said.pop(NO_IMAGING, None)
    # a break "progressing to union" on an earlier film that a later one calls united has healed (round 30, 561: three
    # dated reports in one export were told both)
    if OK_HEALING in said and OK_HEALED in said and max(_at(e) for e in said[OK_HEALING].evidence) < min(
            _at(e) for e in said[OK_HEALED].evidence):
        del said[OK_HEALING]
    return dict(sorted(said.items(), key=lambda item: item[1].status != "recommendation"))


def _at(evidence: Evidence) -> tuple[int, int]:
    return evidence.reading, evidence.start


def in_title(text: str, start: int) -> bool:
    """``start`` (a step's sentence's) is on the report's first line, written in capitals or naming the place it comes
    from: its sentence runs on from the title ("NORTHGATE MAJOR TRAUMA CENTRE - Trauma & Orthopaedics" / "DISCHARGE
    SUMMARY (4-month fracture clinic addendum attached for GP)": round 28, 509)."""
    if start > TITLE_REACH:  # (a title is short: no scan of a long text's first line for every step)
        return False
    head = text[:TITLE_REACH]
    title = TITLE_LINE.match(head)
    # (a line that runs past the reach is no title: a report all in capitals on one line)
    return title is not None and title.end(1) < len(head) and title.start(1) <= start < title.end(1) \
        and (not LOWER_CASE.search(title.group(1)) or LETTERHEAD.search(title.group(1)) is not None)


def _loosening(view: CaseView) -> bool:
    """A part of the implant the report says has loosened or moved ("New acetabular component lucency with possible
    early cup migration": round 18, 342 was told the implant looks secure, from the stem's "well fixed"), in a
    sentence that does not deny it."""
    for reading in view.case.readings:
        for match in LOOSENING.finditer(reading.text):
            text = reading.text
            line_start = text.rfind("\n", 0, match.start()) + 1
            if not LOOSENING_DENIED.search(text, max(line_start, match.start() - LOOSENING_REACH), match.start()) \
                    and not _value_denied(text, match.end()) \
                    and IMPLANT_PART.search(text, max(0, match.start() - IMPLANT_REACH), match.end() + IMPLANT_REACH):
                return True
    return False


def _value_denied(text: str, end: int) -> bool:
    """A loosening word given a value that denies it after a colon, a dash or a table's bar: the line's last value
    (a table's rows give earlier studies first)."""
    line_end = text.find("\n", end)
    rest = text[end:line_end if line_end >= 0 else len(text)].rstrip(" |")
    if not LOOSENING_VALUE.match(rest):
        return False
    last = rest.rsplit("|", 1)[-1] if "|" in rest else rest.lstrip(" :-–")
    return LOOSENING_VALUE_DENIED.search(last.strip()) is not None


HALTS_GROWTH = re.compile(r"\b(?:halt|slow|stop|arrest|limit)\w*\b[^.;\n]{0,30}\b(?:progression|growth|growing|"
                          r"progressing|further ossification)\b", re.IGNORECASE)


def _purposes(view: CaseView) -> dict[tuple[int, int, int], str]:
    """Per sentence, the first warning sign it names that a test can be for ("MRI ... to exclude osteomyelitis":
    infection): a test there has its own words where the content has them (``next.test_mri_infection``); or
    ``other`` where the test's sentence names a purpose that is not HO ("MRI R hip at 3 months for AVN
    surveillance", "US of the gluteal tendons": round 18, 334 and 345 were told it tells HO from other lumps)."""
    found: dict[tuple[int, int, int], str] = {}
    for f in view.facts:
        if f.item.kind == "red_flag" and f.item.concept in PURPOSES and f.item.status != "absent":
            found.setdefault(view.sentence_of(f), f.item.concept)
    for f in view.facts:
        if f.item.kind == "next_step" and f.item.concept.startswith("test_"):
            sentence = view.sentence_of(f)
            reading, start, end = sentence
            text = view.case.readings[reading].text
            if text[start:start + 1].islower() and start > 0:  # "(gluteal tendinopathy); consider ... ultrasound"
                start = view.sentences(reading).span(start - 1)[0]
            if sentence not in found and OTHER_PURPOSE.search(text, start, end):
                found[sentence] = "other"
        # a treatment to halt the HO growing, with no operation ("radiotherapy to R hip to try to halt progression":
        # round 30, 551), has words of its own
        if f.item.kind == "next_step" and f.item.concept == PROPHYLAXIS:
            reading, start, end = sentence = view.sentence_of(f)
            if HALTS_GROWTH.search(view.case.readings[reading].text, start, end):
                found.setdefault(sentence, SLOWS_GROWTH)
    return found


def _declined_before(view: CaseView, fact: Located[Fact], declined: list[tuple[int, int]]) -> bool:
    """Imaging said not needed earlier on the same line: what the line then says of imaging is for later."""
    text = view.case.readings[fact.reading].text
    return any(reading == fact.reading and end <= fact.item.start and "\n" not in text[end:fact.item.start]
               for reading, end in declined)


def _cued(view: CaseView, fact: Located[Fact], cued: set[tuple[int, int, int]],
          cued_ends: set[tuple[int, int]]) -> bool:
    """The step's sentence proposes it, or goes on, in lower case, from one that does: a semicolon inside brackets
    ends a sentence for the splitter ("Suggest plain X-ray L femur/hip (... not be visible yet; also to exclude
    fracture) and bloods - ALP, CK, CRP": round 16, 309 explained neither step)."""
    sentence = view.sentence_of(fact)
    if sentence in cued:
        return True
    reading, start, _ = sentence
    text = view.case.readings[reading].text
    return text[start:start + 1].islower() and (reading, start) in cued_ends


def _this_study(view: CaseView, fact: Located[Fact]) -> bool:
    """"This CT is suitable for planning excision": the study the report is about, not one it asks for."""
    if not fact.item.concept.startswith("test_"):
        return False
    text = view.case.readings[fact.reading].text
    return bool(THIS_STUDY.search(text, max(0, fact.item.start - THIS_REACH), fact.item.start))
