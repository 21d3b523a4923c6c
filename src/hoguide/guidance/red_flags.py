"""Red flags read, not matched: each flag's state from the report's own words and the patient's answers.

Every flag (content/red_flags.yaml) reads one signal of lexicon/red_flag.yaml, which the reader has
already given a ConText status. A signal's state (ho_facts.md §5: HO, DVT, infection and tumours look
alike; §10: FOP):
* present or possible: ``suspected`` ("rule out DVT", "worrisome for sarcoma"), or ``known`` when its
  sentence says it is known and being treated ("DVT, on apixaban") — one of the flag's ``known_cues``;
* past (historical): ``known``;
* absent: ``ruled_out`` when its sentence names a test (``test_cues``: "duplex negative for DVT"),
  else ``not_found`` ("no signs of infection");
* hypothetical or someone else's ("DVT prophylaxis", "mother has FOP"), or a template line: nothing.
A ``reassurance`` signal works the other way round: a lesion that lacks the zonal pattern of myositis
ossificans is a suspected tumour, one that shows it is reassuring; "skin intact" is no pressure sore.
Softer signs (leg swelling and warmth after surgery, fever, a fast-growing lump, numbness) that the
report or the patient gives suspect a flag too, unless a test has ruled it out.
Of several states a signal named as present now wins; between a work-up still open and a test that
answered it, the later wins (a question in the clinical details that the findings or the conclusion later
answer "no" is answered: "?osteomyelitis" ... "No osteomyelitis"); then known, then not found. The conclusion's
account outranks the clinical history's ("admitted with a pelvic abscess" under the indication, "Resolved pelvic
abscess" in the impression), and a softer sign the report goes on to judge is answered by it ("erythema from socket
contact ... No evidence of infection"). A flag is raised only in the states its content names (``raise_when``); the
others are said plainly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from hoguide.guidance.report_dates import StoryDates
from hoguide.guidance.view import CORD_ILLNESS, NERVE_ILLNESS, NERVE_INJURY, CaseView, Located
from hoguide.knowledge.loader import KnowledgeBase
from hoguide.knowledge.schema import BODY_AUTHORITY, RedFlagContent
from hoguide.models.assessment import Evidence, FlagStatus, RedFlag
from hoguide.models.reading import Fact
from hoguide.reading.phrases import any_phrase
from hoguide.reading.report_status import SectionAuthority, section_authority
from hoguide.reading.sentences import SentenceIndex

# HO in a young child with no major cause is how FOP most often shows itself: mean age at diagnosis
# 5.7-6.9 years [FocusOnFOP-HCP]; pseudomalignant HO in children must be told apart from FOP
# [Kaplan1998-pseudomalignant] (ho_facts.md §5, §10). A bruise or a fall is the minor injury that sets
# FOP off, so muscle contusion and "other trauma" (the lexicon's home for "a fall") are not on this list.
FOP_SUSPICION_AGE = 10
MAJOR_CAUSES = {"hip_arthroplasty", "knee_arthroplasty", "shoulder_arthroplasty", "elbow_trauma_or_surgery",
                "acetabular_fracture", "spinal_cord_injury", "traumatic_brain_injury", "stroke", "burns",
                "amputation_or_blast", "prolonged_immobilisation_or_icu", "hip_arthroscopy", "other_surgery"}
CALF_REACH = 25  # characters either side of "swollen" or "warm" where "calf" or "leg" must be
# Numbness the patient dates to the injury that caused the HO is no new sign of a nerve being pressed ("My right hand
# has been numb since the stroke": round 22, 416)
# ("numb patch on the outside of my thigh since the op": round 27, 506)
_NUMB_SINCE_EVENT = re.compile(r"\bnumb\w*\b[^.?!\n]{0,40}\bsince (?:the|my|his|her|their) (?:stroke|bleed|injury|"
                               r"accident|crash|fall|operation|op|surgery|burns?)\b", re.IGNORECASE)
_CALF = re.compile(r"\b(?:calf|calves|lower legs?|legs?)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])\.(?:\s|$)|\n")
SENTENCE_REACH = 300  # characters searched each way for the end of a signal's sentence
CONTINGENT_REACH = 60  # characters after a work-up searched for the condition it waits on
_CLAUSE_END = re.compile(r"[.;:\n]")
_OPENING_CONDITION = re.compile(r"\W*(?:if|should|in case of|in the event of|whenever|any (?:new|further|recurrent))\b",
                                re.IGNORECASE)
_FOLLOWING_CONDITION = re.compile(r"\b(?:if|in case of|in the event of|whenever)\b"
                                  r"(?! (?:possible|available|feasible|tolerated|"
                                  r"not already (?:done|performed|arranged))\b)",
                                  re.IGNORECASE)  # ("to exclude DVT, if not already done": round 29, 543)
# a guess the story tells as past ("it was first thought to be an abscess"), not a question open now
# ("initially treated as a possible DVT (venous doppler negative, 02/04/2026)": round 16, 293 was told to get checked
# for a clot today)
_PAST_IMPRESSION = re.compile(r"\b(?:was|were)\s+(?:\w+\s+)?(?:thought|felt|believed|presumed|treated\s+as)\b|"
                              r"\b(?:initially|originally|at first|first)\s+(?:thought|felt|believed|presumed|treated|"
                              r"managed|investigated)\s+(?:as|to be|for)\b", re.IGNORECASE)
# a negative that the report itself says its test cannot be sure of
_LIMITED_TEST = re.compile(r"\b(?:insensitive|not sensitive|limited sensitivity|cannot (?:be )?exclude|"
                           r"does not exclude|do not exclude|cannot rule out|does not rule out|not excluded)\b",
                           re.IGNORECASE)
RANKED_LOW_SIGNALS = frozenset({"tumour"})  # not infection or a clot: "less likely" of those still asks for the check
_RANKED_LOW = re.compile(r"\b(?:less likely|unlikely|much less likely|least likely)\b", re.IGNORECASE)
_SEEN_NONE_BUT = re.compile(r"\b(?:no|without)\b[^.\n]{0,40}\b(?:features?|signs?|evidence)\b[^.\n]{0,60}"
                            r"\b(?:however|but)\b", re.IGNORECASE)
# a test's limit said of itself: "A bone scan alone cannot exclude low-grade infection" after "Infection is considered
# unlikely" (round 33, 608 was told to get checked for an infection today)
_TEST_ALONE = re.compile(r"\b(?:scan|test|x-?rays?|radiographs?|imaging|study|mri|ct|ultrasound|spect-ct)\s+alone\s+"
                         r"(?:cannot|can ?not|does not|will not) (?:exclude|rule out)\b", re.IGNORECASE)
# a report's warning that its own test can miss what it looked for, in a sentence of its own: "Non-displaced fractures
# of the hip can be radiographically occult; if clinical concern persists ..., MRI or CT is more sensitive" (round 21,
# 391 was told only that there is no new break, and a second read called that unsafe)
_OCCULT = re.compile(r"\b(?:can|may|might|could) be (?:radiographically |radiologically )?(?:occult|missed)\b|"
                     r"\bnot (?:always )?(?:visible|seen) on (?:plain )?(?:x-?rays?|radiographs?|films?)\b",
                     re.IGNORECASE)
_TEST_THAT_SEES_MORE = re.compile(r"\b(?:mri|ct|bone scan|cross-sectional)\b", re.IGNORECASE)
HO_DESCRIBED = frozenset({"present", "possible", "historical"})  # a report status that has HO to speak of
URGENCY_ORDER = {"emergency": 0, "same_day": 1, "soon": 2}
LUNG_SIGN = "shortness_of_breath"  # the form asks breathlessness and chest pain together: a clot's spread to the lung
NERVE_SIGNAL = "nerve_compression"
NEW_CLOT_SIGNS = frozenset({"calf_pain", LUNG_SIGN})  # told by the patient: a clot now, not before
CALF = "leg"  # lexicon/site.yaml: the lower leg, calf and shin
# a cancer's spread, said outside the HO's sentences of a report that finds HO, is that cancer's staging, not a lump the
# HO may be: the page quotes such a conclusion for the care team to explain (round 28, 512: a breast cancer's nodal and
# spine metastases beside hip HO "NOT suspicious for metastasis" raised the tumour flag)
CANCER_SPREAD = re.compile(r"metasta", re.IGNORECASE)
FOUND_ONLY_WITHOUT_HO = frozenset({"tumour"})  # found only where the report says there is no HO (round 19, 356)
SIGNS_JUDGED_BY_CONCLUSION = frozenset({"tumour"})  # the patient's signs do not outweigh the conclusion's "none"
BROKEN_DOWN = re.compile(r"\b(?:graft|wound|skin)\s+(?:breakdown|breaking down|broken down)\b", re.IGNORECASE)
DRESSED = re.compile(r"\bdressings?\b|\bdressed\b", re.IGNORECASE)
# the softer signs _signs reads, per signal, in the order they are said ("fever and redness")
SOFT_SIGNS = {"infection": ("fever", "redness", "warmth"), "dvt": ("calf_pain", "swelling", "warmth"),
              "tumour": ("fast_growing_lump", "night_pain")}
INFECTION_ELSEWHERE = "infection_elsewhere"  # lexicon/red_flag.yaml
LOWER_LIMB_SITES = {"hip", "thigh", "knee", "leg", "ankle", "foot", "pelvis", "buttock", "acetabulum"}
LOWER_LIMB_CAUSES = {"hip_arthroplasty", "knee_arthroplasty", "acetabular_fracture", "spinal_cord_injury",
                     "prolonged_immobilisation_or_icu"}


@dataclass(frozen=True, slots=True)
class SignalState:
    state: str
    evidence: tuple[Evidence, ...]
    reason: str
    found: bool = False  # suspected because the report's findings state the signal itself as there now
    tested_clear: tuple[Evidence, ...] = ()  # suspected, and a test the report cites found none so far
    tested_now: bool = False  # ruled out by this report's conclusion (a duplex report's "Impression: No DVT")
    concluded_none: bool = False  # ruled out or not found by the conclusion ("no feature to suggest a sarcoma")
    signs_judged: bool = False  # not found: the report went on to judge the signs it gave ("fever ... Blood cx neg")


def _sentence_bounds(text: str, start: int) -> tuple[int, int]:
    """The sentence around offset ``start``: to the nearest full stop or line end, with semicolons
    kept inside ("DVT, on apixaban; leg swelling improving" is one statement about the clot) and
    a full stop after a lone capital not taken as an end ("E. coli")."""
    window_start = max(0, start - SENTENCE_REACH)
    before = [m.end() for m in _SENTENCE_END.finditer(text, window_start, start)]
    after = _SENTENCE_END.search(text, start, start + SENTENCE_REACH)
    return before[-1] if before else window_start, after.start() if after else start + SENTENCE_REACH


def _sentence_of(text: str, start: int) -> str:
    begin, end = _sentence_bounds(text, start)
    return text[begin:end]


def _contingent(text: str, fact: Fact, sentence_start: int) -> bool:
    """A step or a question for later, only if something happens: "repeat duplex if new leg swelling",
    "Any new calf swelling: Doppler the same day to exclude DVT", "Should fever recur, take cultures".
    The condition opens the sentence, or follows the step in its clause ("if possible" is no condition)."""
    if _OPENING_CONDITION.match(text, sentence_start, fact.start):
        return True
    clause = _CLAUSE_END.split(text[fact.end:fact.end + CONTINGENT_REACH], maxsplit=1)[0]
    return _FOLLOWING_CONDITION.search(clause) is not None


def _has_cue(sentence: str, cues: Iterable[str]) -> bool:
    pattern = any_phrase(tuple(cues))
    return pattern is not None and pattern.search(sentence) is not None


# "not healing", "non-healing", "failed to improve": the care a known cue names is not working
_CUE_DENIED = re.compile(r"\b(?:not|non|no|never|failed to|failing to|yet to)[\s-]+$", re.IGNORECASE)


def _has_known_cue(sentence: str, cues: Iterable[str]) -> bool:
    """A cue that the team knows and cares for the problem, not denied just before it (round 25, 467: "Category 4
    pressure ulcer ... not healing" was a sore "that has healed or is being cared for")."""
    pattern = any_phrase(tuple(cues))
    return pattern is not None and any(not _CUE_DENIED.search(sentence, max(0, m.start() - 12), m.start())
                                       for m in pattern.finditer(sentence))


def _urgent_cue(text: str, sentences: SentenceIndex, cues: Iterable[str]) -> bool:
    """The report asks for something urgently, not only on a condition: "If the CT appearances are atypical (...),
    urgent referral to the regional bone and soft tissue sarcoma service is advised" keeps the CT in 2-3 weeks as the
    step (round 22, 403 was told "Contact your care team today")."""
    pattern = any_phrase(tuple(cues))
    if pattern is None:
        return False
    for match in pattern.finditer(text):
        if not _URGENCY_WORD.fullmatch(match.group(0)):
            return True  # a sign the report warns of ("if there is any difficulty swallowing") is a warning anyway
        first, _ = sentences.span(match.start())
        if not (_OPENING_CONDITION.match(text, first, match.start())
                or _FOLLOWING_CONDITION.search(text, first, match.start())):
            return True
    return False


_URGENCY_WORD = re.compile(r"urgent(?:ly)?|same[- ]day|immediately|emergency|as a matter of urgency", re.IGNORECASE)


def _listed_after_a_denial(fact: Fact, text: str) -> bool:
    """"No fever, wound healed": a good sign listed after a denial of a bad one, past a comma, is said, not
    denied (the denial's scope runs over a list of bad things). "Wound not healed" is a denial of it."""
    # (or after a colon that explains the denial: "no features of FOP: his great toes are normal"; or in brackets
    # after the flag denied: "No signs of infection (wound healed, afebrile, CRP 5)": round 27, 508 was sent to be
    # checked for one today)
    # (or a clause of its own after "and": "she has no other swellings and her big toes are normal": round 29, 533)
    return all(t.end <= fact.start and (any(c in text[t.end:fact.start] for c in ",:")
                                        or _DENIED_THEN_WHY.search(text, t.end, fact.start) is not None
                                        or _NEW_CLAUSE.search(text, t.end, fact.start) is not None)
               for t in fact.triggers if t.category == "negated")


_NEW_CLAUSE = re.compile(r"\band\s+(?:her|his|their|its|the\s+patient's)\s", re.IGNORECASE)
_DENIED_THEN_WHY = re.compile(r"\b(?:infection|sepsis|osteomyelitis|dvt|clot|thrombosis|fracture|tumou?r|malignancy|"
                              r"sarcoma|fop)\s*\([^()]*$", re.IGNORECASE)


# a signal told as what led to the HO: "HO of both hips following prolonged critical illness (... immobility after
# meningitis with septic shock)" (round 27, 498 was told its report finds an infection)
CAUSE_BEFORE = re.compile(r"\b(?:after|following|secondary\s+to|due\s+to|caused\s+by|as\s+a\s+result\s+of)\b"
                          r"[^.;:\n]{0,30}$", re.IGNORECASE)
# a signal named only to deny it caused something: "It is not caused by the infection and is not a sign of infection"
# (round 29, 531, after a two-stage revision: "Your report finds an infection")
NOT_CAUSED_BY = re.compile(r"\bnot\s+(?:caused\s+by|due\s+to|secondary\s+to|related\s+to|a\s+result\s+of)\s+"
                           r"(?:the\s+|an?\s+|any\s+)?[^.;:\n]{0,20}$", re.IGNORECASE)
# a work-up's name before a colon heads the results that follow it, unless they are still to come
HEADS_ITS_RESULTS = re.compile(r"[ \t]*:(?![ \t]*(?:pending|requested|awaited|to follow|planned|ordered|sent|"
                               r"booked)\b)",
                               re.IGNORECASE)
# kinds of a signal that a test can deny while the signal itself stays open (an MRI sees no abscess, not no infection),
# with the words that name the signal itself
NARROWER_DENIALS = {"infection": (re.compile(r"\b(?:abscess(?:es)?|collections?|osteomyelitis)\b", re.IGNORECASE),
                                  re.compile(r"\binfect", re.IGNORECASE))}
NOT_CAUSED_REACH = 60  # characters before the signal in which "not caused by" stands, across a line break
HO_NAMED = re.compile(r"\b(?:HO|heterotopic|ossification|ossified|myositis ossificans)\b", re.IGNORECASE)


def _told_as_a_cause(text: str, fact: Fact) -> bool:
    start, end = _sentence_bounds(text, fact.start)
    if NOT_CAUSED_BY.search(text, max(0, fact.start - NOT_CAUSED_REACH), fact.start) is not None:
        return True
    return CAUSE_BEFORE.search(text, start, fact.start) is not None and HO_NAMED.search(text, start, end) is not None


def _fact_state(fact: Located[Fact], text: str, content: RedFlagContent, report_tested: bool,
                whole_sentence: tuple[int, int]) -> str | None:
    """One signal fact's state; ``queried`` is a work-up still open ("rule out DVT"). ``report_tested``:
    the report is itself the test (a duplex report that says "no DVT" in its findings). ``whole_sentence``: the
    reader's sentence, which a line break in a wrapped report does not end (the cue sentence here does)."""
    status = fact.item.status
    start, end = _sentence_bounds(text, fact.item.start)
    sentence = text[start:end]
    if (fact.item.concept in content.workups or status == "possible") and _contingent(text, fact.item, start):
        return None  # a plan for what to do if it happens asks nothing now (a sign said present still counts)
    if status == "possible" and _PAST_IMPRESSION.search(text, whole_sentence[0], fact.item.start):
        return None  # "the lump was first thought to be an abscess": a past guess the story has moved past
    if fact.item.concept in content.reassurance:  # "skin intact", "zonal pattern": absence is the warning
        # A reassuring result ("cultures negative so far", "skin intact") is not found, never a rule-out
        # that silences a fever. "Lacks a zonal pattern", "skin not intact" open the question; next to
        # a test result the negation belongs to the result ("NCS/EMG normal - compression excluded").
        if status == "present" or (status == "absent" and _listed_after_a_denial(fact.item, text)):
            return "not_found"
        if status == "absent":
            return "ruled_out" if _has_cue(sentence, content.test_cues) else "queried"
        return None
    if (fact.item.concept in content.mentions or fact.item.concept == content.signal) \
            and status in ("possible", "hypothetical", "absent") and _OCCULT.search(sentence):
        return "caveat"  # "Non-displaced fractures of the hip can be radiographically occult"
    if fact.item.concept in content.mentions and status not in ("possible", "absent"):
        return None  # "T6 burst fracture", "fracture united": named, not said to be there now
    if fact.item.concept in content.mentions and status == "possible" and any(
            t.category == "historical" for t in fact.item.triggers):
        return None  # "probably from your old pelvic fracture": the hedge is the link, the break is old (round 21, 385)
    known = _has_known_cue(sentence, content.known_cues) and not _has_cue(sentence, content.renewed_cues)
    if fact.item.concept in content.workups:  # "repeat duplex", "refer to the sarcoma service"
        if HEADS_ITS_RESULTS.match(text, fact.item.end):
            return None  # "Infection work-up: CRP 3, ESR 12 ... No evidence of infection": a heading (round 29, 544)
        if status in ("present", "possible"):
            return "known" if known else "queried"  # "under sarcoma team follow-up" after a resection
        return None
    if fact.item.concept in content.signs and _has_cue(sentence, content.explained_cues):
        return None  # "periosteal reaction from surgery - stable": the report explains the sign
    if fact.item.concept in content.signs:  # "calf swelling": a question a test can answer
        if status in ("present", "possible"):
            return "known" if known else "sign"  # "leg swelling improving" on anticoagulation
        return "not_found" if status == "absent" else None
    if status == "present":
        return "known" if known else "suspected"
    if status == "possible":
        # "No radiographic features of infection; however correlation with ESR / CRP is advised to rule out low
        # grade infection" (round 10, 186): this test saw none and names the one that can be sure
        # (from the last full stop, list item or paragraph: a wrapped line goes on the same sentence)
        since = max(text.rfind(mark, 0, fact.item.start) for mark in (".", "\n-", "\n\n")) + 1
        if _SEEN_NONE_BUT.search(text, min(since, whole_sentence[0]), fact.item.start) \
                or _TEST_ALONE.search(text, *whole_sentence):
            return "not_excluded"
        # a tumour a differential ranks low ("4. Soft tissue neoplasm - considered less likely ..., but cannot be
        # completely excluded on a single study", early HO favoured: round 29, 543 was told no one can say how "this
        # lump" will behave); a check the report asks for still raises the flag
        if content.signal in RANKED_LOW_SIGNALS and _RANKED_LOW.search(text, *whole_sentence):
            return "not_excluded"
        return "queried"
    if status == "historical":
        return "known"
    if status == "absent":
        # "no cortical destruction to suggest osteomyelitis on\nplain film, though XR is insensitive"
        if _LIMITED_TEST.search(text, *whole_sentence):
            return "not_excluded"
        return "ruled_out" if report_tested or _has_cue(sentence, content.test_cues) else "not_found"
    return None  # hypothetical: a risk, a plan, an order-set line


def signs_explained(view: CaseView, content: RedFlagContent) -> bool:
    """A sentence of the report gives the flag's sign with its explanation: the report has explained its signs."""
    return any(f.item.kind == "red_flag" and f.item.concept in content.signs and f.item.experiencer == "patient"
               and _has_cue(view.case.readings[f.reading].text[slice(*view.sentence_of(f)[1:])],
                            content.explained_cues) for f in view.facts) if content.explained_cues else False


def read_signal(view: CaseView, content: RedFlagContent, authority: SectionAuthority,
                specimen_sections: frozenset[str] = frozenset()) -> SignalState | None:
    """The state of one signal from the report, before the softer signs and the patient's answers.

    A signal named as present now wins. Between a work-up still open ("rule out DVT") and a test that
    answered it ("duplex negative for DVT"), the later statement wins. Then known, then not found."""
    found: dict[str, list[tuple[tuple[int, int, int], Evidence]]] = {}
    asked: set[tuple[int, int, int]] = set()  # the places of queries that are questions, not work-ups
    judged = False  # the report judged the softer signs it gave
    diagnosed = False  # the findings or conclusion state the signal itself, not a question or a sign of it
    tested: dict[int, bool] = {}  # per report: does it name one of the flag's tests anywhere?
    queried_below: dict[int, int] = {}  # per report, the lowest authority of a section that asked the question
    said_in: dict[str, set[int]] = {}  # per state, the authorities of the sections that put the signal there
    # "No zonal pattern" warns only about a lesion there is: where the report says there is no HO (a
    # resolving haematoma), there is none to lack it
    lesion = view.overall_status != "absent"
    removal_reports = _removal_reports(view, specimen_sections) if content.treated_by_removal else frozenset()
    concepts = {content.signal, *content.reassurance, *content.signs, *content.workups, *content.mentions}
    story: StoryDates | None = None  # the report's dates, read once and only where a signal needs them
    explained: bool | None = None  # signs_explained(), asked once and only where a sign needs it
    concluded_queries: list[tuple[int, int, int]] = []  # the places of questions the conclusion leaves open
    for fact in view.facts:
        item = fact.item
        if item.kind != "red_flag" or item.concept not in concepts:
            continue
        text = view.case.readings[fact.reading].text
        in_results = authority.of(item.section) >= BODY_AUTHORITY
        if content.results_only and not in_results:
            continue
        if in_results and fact.reading not in tested:
            tested[fact.reading] = _has_cue(text, content.test_cues)
        state = _fact_state(fact, text, content, in_results and tested[fact.reading], view.sentence_of(fact)[1:])
        if state == "suspected" and fact.reading in removal_reports and not in_results:
            continue  # "recurrent spur causing skin breakdown against the socket. Re-excision 10/11": why it was done
        if content.signal == "tumour" and CANCER_SPREAD.search(item.text) and lesion and not (
                view.in_ho_sentence(fact) or view.after_ho_on_its_line(fact)):
            continue  # "nodal metastases", "suspicious for bone metastasis" at T10: a cancer staged elsewhere (512)
        if state == "suspected" and view.amputated_for(fact):
            continue  # "amputation 12/11/2025 for diabetic foot sepsis": what the limb was taken off for
        if state == "suspected" and item.status == "present" and (
                (story := story or StoryDates(view)).long_before(fact) or _told_as_a_cause(text, item)):
            continue  # "Pneumococcal meningitis with septic shock (11/07/2026)" in December: the illness's story
        if state == "queried" and item.concept in content.reassurance and not lesion:
            continue
        if state == "sign" and view.denied_later(fact):
            continue  # "low-grade fever" at the diagnosis in June, "no fevers since" (round 25, 460)
        if state == "sign" and (explained := signs_explained(view, content) if explained is None else explained):
            continue  # "occasional tingling over the top of the right foot", later "raises the possibility of an
            # additional L5 nerve root element from the lumbar spine" (round 34, 627)
        if state == "not_found" and in_results and queried_below.get(fact.reading, BODY_AUTHORITY + 99) \
                < authority.of(item.section):
            state = "ruled_out"  # "?osteomyelitis" in the clinical details, "No osteomyelitis" in the conclusion
        if state == "queried":  # facts come in report order: the least authoritative question asked so far
            queried_below[fact.reading] = min(queried_below.get(fact.reading, BODY_AUTHORITY + 99),
                                              authority.of(item.section))
        place = (fact.reading, view.sent_at(fact), item.start)  # in the order written (an email chain's newest first)
        if state == "queried" and authority.of(item.section) > BODY_AUTHORITY:
            concluded_queries.append(place)
        if state in ("ruled_out", "not_found") and content.past_denial_cues and _has_cue(
                _sentence_of(text, item.start), content.past_denial_cues):
            # "No clinical or radiological evidence of recurrent infection": the infection named before it is the
            # one that is over (round 18, 337: "3 months after NF + prolonged ICU stay (immobility, sepsis ...)")
            kept = [m for m in found.get("suspected", []) if m[0] > place]
            if kept:
                found["suspected"] = kept
            else:
                found.pop("suspected", None)
        if state is not None:
            found.setdefault(state, []).append((place, _with_denial(view, fact) if state in DENIED else fact.evidence))
            if state == "queried" and item.status == "possible" and item.concept not in content.workups:
                asked.add(place)
            said_in.setdefault(state, set()).add(authority.of(item.section))
        diagnosed |= state == "suspected" and in_results and item.concept == content.signal and item.status == "present"
    # the conclusion's account outranks the clinical history's: "admitted 07/2026 with ... pelvic abscess and septic
    # shock" under the indication, "1. Resolved pelvic abscess" in the impression (round 15, 289: "Your report finds an
    # infection")
    # a caveat that the test can miss it keeps the question open, unless a test that sees more answers it after the
    # caveat ("no fracture on MRI")
    caveat = found.pop("caveat", [])
    caveats = [place for place, _ in caveat]
    if caveats and not any(place > min(caveats) and _TEST_THAT_SEES_MORE.search(
            _sentence_of(view.case.readings[place[0]].text, place[2])) for place, _ in found.get("ruled_out", [])):
        found["not_excluded"] = sorted(found.get("not_excluded", []) + caveat + [
            (place, e) for place, e in found.get("ruled_out", []) + found.pop("not_found", [])], key=lambda m: m[0])
        found.pop("ruled_out", None)
        said_in["not_excluded"] = said_in.get("not_excluded", set()) | said_in.pop("ruled_out", set())
    # a question asked ("could this be infection?") that a clinician answers after it in time, with no test ("No concern
    # about infection"), is answered (round 26, 481: an email chain's newest message answers its oldest)
    if "queried" in found and "not_found" in found and all(place in asked for place, _ in found["queried"]) \
            and max(found["not_found"])[0] > max(found["queried"])[0]:
        del found["queried"]
    concluded = [s for s in ("known", "ruled_out", "not_found") if max(said_in.get(s, {0})) > BODY_AUTHORITY]
    if "suspected" in found and concluded and max(said_in["suspected"]) < BODY_AUTHORITY:
        del found["suspected"]
    if content.known_outranks_suspected and "known" in found:
        state = "known"
    elif "suspected" in found:
        state = "suspected"
    elif "queried" in found or "ruled_out" in found or "not_excluded" in found:
        # a denial of a narrower kind answers no question the conclusion leaves open: "Infective myositis / early
        # pyomyositis - to be excluded ... No abscess at present" (round 29, 543 was told no infection was found)
        narrower, the_signal = NARROWER_DENIALS.get(content.signal, (None, None))
        answering = [(place, name) for name in ("queried", "ruled_out", "not_excluded")
                     for place, e in found.get(name, [])
                     if not (name == "ruled_out" and concluded_queries and narrower is not None
                             and the_signal is not None and narrower.search(e.text)
                             and not the_signal.search(e.text))]
        state = max(answering)[1] if answering else "queried"
    elif "sign" in found and "not_found" in found and max(found["not_found"])[0] > max(found["sign"])[0]:
        # a softer sign the report goes on to judge ("blanching erythema from socket contact ... No evidence of skin
        # breakdown or infection": round 15, 285 was told "get checked for an infection today")
        state = "not_found"
        # ... by a test ("fever wk 6 ... Blood cx neg"): its own symptoms are not raised again (an image's "no
        # collection to suggest an abscess" beside a low-grade fever still asks for the check)
        (reading, _, start), _ = max(found["not_found"])
        judged = _has_cue(_sentence_of(view.case.readings[reading].text, start), content.test_cues)
    else:  # a softer sign is a question only while no test has answered the flag
        state = next((s for s in ("sign", "known", "not_found") if s in found), "")
    if not state:
        return None
    evidence = tuple(e for _, e in found[state])
    shown = "suspected" if state in ("queried", "sign") else state
    # a test that found none while the question stays open ("no evidence of malignancy in the material examined",
    # then "discussion at the sarcoma MDT"): the flag stands, and what the test found is said beside it
    # (only a denial whose own sentence names the test: "no periosteal reaction" on an MRI of a report that
    # recommends a biopsy later is no test that found none: round 15, 279)
    cleared = tuple(e for (reading, _, start), e in found.get("ruled_out", ())
                    if _has_cue(_sentence_of(view.case.readings[reading].text, start), content.test_cues)) \
        if shown == "suspected" else ()
    return SignalState(shown, evidence, f"the report's words put it at {shown.replace('_', ' ')}",
                       found=state == "suspected" and diagnosed, tested_clear=cleared,
                       tested_now=state == "ruled_out" and max(said_in["ruled_out"]) > BODY_AUTHORITY,
                       concluded_none=state in ("ruled_out", "not_found") and max(said_in[state]) > BODY_AUTHORITY,
                       signs_judged=judged)


def _removal_reports(view: CaseView, specimen_sections: frozenset[str]) -> frozenset[int]:
    """The readings that are pathology reports on HO removed by the operation they describe: a section only a
    pathology report has about the specimen (``specimen_sections``), and the HO said to be taken out."""
    if not view.removed:
        return frozenset()
    return frozenset(f.reading for f in view.facts if f.item.section in specimen_sections)


@lru_cache(maxsize=4)
def _specimen_sections(kb: KnowledgeBase) -> frozenset[str]:
    return frozenset(r.id for r in kb.section_rules if r.describes_specimen and r.pathology_only)


def _signs(view: CaseView, signal: str) -> tuple[str, list[Evidence]] | None:
    """Softer signs of a flag from the report and the patient: (why, evidence)."""
    symptoms = view.symptoms()
    answers = view.case.answers
    if signal == "dvt":
        # The report's own leg signs are read as dvt_sign ("calf swelling"), not from a bare "swelling"
        # that may be the HO itself; the patient's answers say where.
        # A swollen knee or hip alone is the usual course after surgery there; calf pain, or swelling with
        # warmth, is what a clot looks like.
        told = set(answers.symptoms)
        if "shortness_of_breath" in told:  # a clot may have reached the lung: the flag's emergency line
            return "you told us you are short of breath or have chest pain, which can be a clot in the lung", []
        context = "calf_pain" in told or (set(view.sites) & LOWER_LIMB_SITES and set(view.causes()) & LOWER_LIMB_CAUSES)
        leg = [s for s in SOFT_SIGNS["dvt"] if s in told]
        if ("calf_pain" in leg or len(leg) >= 2) and context:
            return f"you told us about {' and '.join(leg)} in the leg, which can also be a blood clot", []
        calf = [f.evidence for f in view.facts if f.item.kind == "symptom" and f.item.status == "present"
                and f.item.concept in ("swelling", "warmth")
                and _CALF.search(view.case.readings[f.reading].text, max(0, f.item.start - CALF_REACH),
                                 f.item.end + CALF_REACH)]
        if calf:
            return "swelling or warmth of the calf or leg, which can also be a blood clot", calf
    if signal == "infection" and ("fever" in symptoms or {"redness", "warmth"} <= set(symptoms)):
        signs = [s for s in SOFT_SIGNS["infection"] if s in symptoms]
        if signs == ["fever"] and _infection_elsewhere(view):
            return None  # the report's own diagnosis explains the fever
        return f"{' and '.join(signs)}, which can also be an infection", [e for s in signs for e in symptoms[s]]
    if signal == "tumour":
        # night pain is a tumour's sign in a lump ("big hard lump, aches at night"), not in a stiff shoulder
        lump = [s for s in SOFT_SIGNS["tumour"] if s in symptoms
                and (s != "night_pain" or "hard_lump" in symptoms)]
        if lump:
            return "a fast-growing or painful lump", [e for s in lump for e in symptoms[s]]
    # A hard lump after a knock is also how myositis ossificans starts: on its own it is FOP's sign in a young child,
    # or where nothing else explains the HO; not in an adult kneed in the thigh (round 11, 216: a sarcoma work-up
    # was hidden behind "ask for no biopsy")
    if signal == "fop" and (answers.big_toes_short_or_bent_from_birth
                            or (answers.hard_lump_after_minor_knock and _knock_unexplained(view))):
        return "your answers describe signs of FOP (big toes since birth, or a lump after a minor knock)", []
    if signal == "pressure_sore" and "skin_sore" in answers.symptoms and view.overall_status != "absent" \
            and not _wound_dressed(view):
        # "a sore opened up there, it's red and leaking" (round 10, 197): only the patient may know of it
        # (not over bone the report says is not there: round 21, 400's sore on calcium in the skin, whose report gives
        # its own safety net, was told "HO under the skin ... can stop a sore from healing")
        # (nor the breakdown the report describes and has dressed: round 25, 458's graft "clean, granulating", dressed
        # twice a week, was warned of as new from the parent's tick)
        return "you told us about a sore or broken skin", []
    # (the report's own are nerve signs; an illness of the nerves or the cord, or a nerve the injury hurt, that the
    # report names explains numbness already: round 24, 452's Guillain-Barre syndrome with "neuropathic pain"; round 25,
    # 471's peroneal neurapraxia from a knee dislocation)
    if signal == "nerve_compression" and "numbness" in answers.symptoms \
            and not _NUMB_SINCE_EVENT.search(answers.symptoms_text or "") \
            and not any(view.affirmed("illness", i) for i in (NERVE_ILLNESS, NERVE_INJURY, CORD_ILLNESS)):
        return "you told us about numbness or tingling", []
    return None


def _wound_dressed(view: CaseView) -> bool:
    """The report describes a breakdown of skin or a graft and its dressings: the sore the patient ticks is known."""
    return any(BROKEN_DOWN.search(r.text) and DRESSED.search(r.text) for r in view.case.readings)


def _knock_unexplained(view: CaseView) -> bool:
    """Nothing explains the lump the patient says came after a minor knock: no cause at all, or a young child with no
    major cause the report names (a child's lump at the fracture the report names is that fracture's: round 24, 443, a
    supracondylar fracture's myositis ossificans, whose parent ticked "a hard lump after a minor knock")."""
    causes = view.causes()
    return not causes or (_young_child(view) and not {c for c, evidence in causes.items() if evidence} & MAJOR_CAUSES)


def _fop_in_a_young_child(view: CaseView) -> tuple[str, list[Evidence]] | None:
    """HO in a young child that nothing else explains: FOP's sign, where the report says nothing of FOP (a report
    that checked and wrote "FOP is not suspected" has the last word: round 8, 165)."""
    if view.overall_status in ("present", "possible") \
            and not set(view.causes()) & MAJOR_CAUSES and _young_child(view):  # age last: it reads every report
        return ("HO in a young child with no major injury, operation or illness to explain it",
                [f.evidence for f in view.current])
    return None


def _infection_elsewhere(view: CaseView) -> bool:
    """The report states an infection away from the bones, joints and wounds as there ("sigmoid diverticulitis")."""
    return any(f.item.kind == "red_flag" and f.item.concept == INFECTION_ELSEWHERE and f.item.status == "present"
               for f in view.facts)


def _told_signs(view: CaseView, signal: str) -> bool:
    """The patient ticks a softer sign of the signal (their answers, not the report)."""
    return bool(set(view.case.answers.symptoms) & set(SOFT_SIGNS.get(signal, ())))


def _young_child(view: CaseView) -> bool:
    """Aged FOP_SUSPICION_AGE or under, by the patient's birth date or the report's "6-year-old"."""
    answers = view.case.answers
    if answers.birth_date is not None:
        today = answers.as_of or date.today()
        return (today - answers.birth_date).days < (FOP_SUSPICION_AGE + 1) * 365.25
    return any(years <= FOP_SUSPICION_AGE for years in view.ages_in_years())


DENIED = frozenset({"ruled_out", "not_found"})
DENIAL_SPAN = 80  # characters a denial and the words it denies may span to be quoted together


def _with_denial(view: CaseView, fact: Located[Fact]) -> Evidence:
    """The words a signal is denied by, quoted with it: "NOT suspicious for metastasis", not "metastasis" alone beside
    "Your report checked whether what it found could be a tumour" (round 28, 510, 512 and 516 read alarm words)."""
    denials = [t for t in fact.item.triggers if t.category == "negated"]
    if not denials:
        return fact.evidence
    start = min(fact.item.start, *(t.start for t in denials))
    end = max(fact.item.end, *(t.end for t in denials))
    if end - start > DENIAL_SPAN:
        return fact.evidence
    text = view.case.readings[fact.reading].text
    while start < fact.item.start and not text[start].isalnum():  # a checklist's ": no DVT" is quoted from its words
        start += 1
    return Evidence(start, end, text[start:end], fact.reading)


def signal_states(view: CaseView, kb: KnowledgeBase) -> dict[str, SignalState]:
    """Each signal's state, combining the report's words, the softer signs and the patient's answers."""
    states: dict[str, SignalState] = {}
    authority = section_authority(kb)
    for content in kb.red_flags.values():
        if content.signal in states:
            continue
        state = read_signal(view, content, authority, _specimen_sections(kb))
        signs = _signs(view, content.signal)
        # the patient's numbness is the sign the report explains itself (a nerve root at the spine: round 34, 627)
        if signs is not None and content.signal == NERVE_SIGNAL and signs_explained(view, content):
            signs = None
        if signs is None and content.signal == "fop" and state is None:
            signs = _fop_in_a_young_child(view)
        # a clot's own signs the patient tells us of now ("my calf has been hot, swollen and sore since Sunday") ask
        # again whatever an earlier scan found: a clot can form after it (round 9, 168 and 180)
        # (not the signs this report's own scan was done for: "No DVT L leg from CFV to calf" on the ultrasound of the
        # swollen thigh the patient ticks, round 16, 309)
        # (nor the lump's own: a calf lump the patient ticks, which the report finds in the calf after its scan found no
        # clot, explains the calf's ache and swelling: round 34, 632's GP referral of a growing lump)
        renewed = (content.signal == "dvt" and state is not None and state.state == "ruled_out"
                   and not state.tested_now and bool(NEW_CLOT_SIGNS & set(view.case.answers.symptoms))
                   and not ("hard_lump" in view.case.answers.symptoms and CALF in view.sites))
        # a lump's growth or night pain the patient ticks is what the report was asked to judge: its conclusion that
        # there is no tumour stands (round 19, 364: "mature myositis ossificans ... no feature to suggest an
        # osteosarcoma", and a rugby player who ticked "fast-growing lump" for its first weeks was told a tumour was
        # not ruled out)
        judged = content.signal in SIGNS_JUDGED_BY_CONCLUSION and state is not None and state.concluded_none
        # the report's own signs it went on to judge are not raised again from its symptoms (round 19, 351: "fever wk
        # 6 ... Blood cx neg" in a discharge summary); the patient's ticked signs are theirs to tell
        judged = judged or (state is not None and state.signs_judged and not _told_signs(view, content.signal))
        if signs is not None and (state is None or (state.state == "not_found" and not judged) or renewed):
            # Signs on an unremarked flag are suspected; a test that ruled it out, or a known and treated
            # flag, explains them (new signs of a known flag are read with its renewed cues).
            state = SignalState("suspected", tuple(signs[1]), signs[0])
        elif signs is not None and state is not None and state.state == "suspected":
            state = SignalState("suspected", state.evidence + tuple(signs[1]), f"{state.reason}; and {signs[0]}",
                                found=state.found, tested_clear=state.tested_clear)
        if content.signal == "fop" and view.case.answers.known_fop:
            state = SignalState("known", state.evidence if state else (), "you told us you have FOP")
        if state is not None:
            states[content.signal] = state
    return states


def _spoken_of(view: CaseView, content: RedFlagContent) -> bool:
    """Whether the report or the patient speaks of what the flag is about, so that "no signs of it" answers
    something (``not_found_told_with``); a flag that names no such words always does."""
    if not content.not_found_told_with and not content.not_found_told_with_symptoms:
        return True
    answers = view.case.answers
    if set(content.not_found_told_with_symptoms) & set(answers.symptoms):
        return True
    texts = [r.text for r in view.case.readings] + [answers.symptoms_text or ""]
    return any(_has_cue(text, content.not_found_told_with) for text in texts)


def _sends_to_emergency(view: CaseView, content: RedFlagContent) -> bool:
    """A sentence of a report sends the patient to the emergency department for the flag's signs."""
    cue, sign = any_phrase(tuple(content.emergency_cues)), any_phrase(tuple(content.emergency_signs))
    if cue is None or sign is None:
        return False
    for i, reading in enumerate(view.case.readings):
        for match in cue.finditer(reading.text):
            if sign.search(reading.text, *view.sentences(i).span(match.start())):
                return True
    return False


def find_red_flags(view: CaseView, kb: KnowledgeBase) -> tuple[list[RedFlag], list[FlagStatus]]:
    """The raised flags, most urgent first, and every flag's state (for "what your report says")."""
    states = signal_states(view, kb)
    raised: list[RedFlag] = []
    statuses: list[FlagStatus] = []
    # no report describes HO the patient has or had: the status says so, and no mention of the past says otherwise
    no_ho = view.overall_status not in HO_DESCRIBED and not any(
        f.item.status in HO_DESCRIBED and f.item.experiencer == "patient" for f in view.findings)
    for content in kb.red_flags.values():
        state = states.get(content.signal)
        if state is None:
            continue
        known_emergency = (state.state == "known" and content.known_emergency_patient is not None
                           and _sends_to_emergency(view, content))
        if state.state in content.raise_when or known_emergency:
            # only a flag the report itself raises takes the report's urgency: the patient's own signs do not
            urgent = bool(content.urgent_cues and state.evidence
                          and any(_urgent_cue(r.text, view.sentences(i), content.urgent_cues)
                                  for i, r in enumerate(view.case.readings)))
            message, action, urgency = ((content.urgent_patient or "", content.urgent_action or "", "same_day")
                                        if urgent else (content.patient, content.action, content.urgency))
            shown: str = state.state
            # a diagnosis, no look-alike; a tumour only where the report also says the lump is not HO (a sarcoma
            # named in "MO versus a sarcoma (such as extraskeletal osteosarcoma)" or "sarcoma MDM" is still open)
            diagnosis = state.found and (content.signal not in FOUND_ONLY_WITHOUT_HO or view.overall_status == "absent")
            if diagnosis and content.found_patient and content.found_action:
                # a diagnosis the report asks to act on the same day keeps that day's action (round 22, 408: a
                # fracture through an ossified Achilles tendon, "URGENT: same-day referral", was told "soon")
                message, shown = content.found_patient, "found"
                action = content.urgent_action if urgent and content.urgent_action and content.urgency != "same_day" \
                    else content.found_told_action if content.found_told_action and _told_signs(view, content.signal) \
                    else content.found_action
            elif not state.evidence and content.told_patient and content.told_action:
                message, action = content.told_patient, content.told_action  # raised by the patient's signs alone
            if content.lung_patient and content.lung_action and LUNG_SIGN in view.case.answers.symptoms:
                message, action, urgency = content.lung_patient, content.lung_action, "emergency"
            patient_refs = content.patient_refs
            if no_ho and content.no_ho_patient and content.no_ho_action:  # no "your HO" where there is none
                message, action, patient_refs = content.no_ho_patient, content.no_ho_action, ()
                if urgent and content.no_ho_urgent_patient and content.no_ho_urgent_action:
                    message, action = content.no_ho_urgent_patient, content.no_ho_urgent_action
            if content.emergency_action and _sends_to_emergency(view, content):
                action = content.emergency_action
            if known_emergency and content.known_emergency_patient:
                message, patient_refs = content.known_emergency_patient, ()
            raised.append(RedFlag(content.id, message, action, urgency, kb.patient_refs(content.refs),
                                  tuple(dict.fromkeys(state.evidence)), state.reason, content.clinician or "",
                                  shown, patient_refs))
        said = content.states.get(state.state)  # type: ignore[call-overload]  # keys are FlagState values
        if said is not None:
            statuses.append(FlagStatus(content.signal, kb.label("red_flag", content.signal), state.state, said,
                                       tuple(dict.fromkeys(state.evidence)), kb.patient_refs(content.refs),
                                       for_patient=state.state != "not_found" or _spoken_of(view, content)))
        cleared = content.states.get("tested_clear")
        if state.tested_clear and cleared is not None:
            statuses.append(FlagStatus(content.signal, kb.label("red_flag", content.signal), "tested_clear", cleared,
                                       tuple(dict.fromkeys(state.tested_clear)), kb.patient_refs(content.refs)))
    # a flag yields only to one the report raises: the patient's answers alone do not call off a tumour work-up
    raised_ids = {f.id for f in raised if f.evidence}
    yielded = {c.id for c in kb.red_flags.values() if raised_ids.intersection(c.yields_to)}
    raised = [f for f in raised if f.id not in yielded]
    # at the same urgency, what the report finds comes before what it asks to check (round 17, 320: a broken femur
    # found, a clot to check for)
    raised.sort(key=lambda f: (URGENCY_ORDER.get(f.urgency, 3), f.state != "found"))
    return raised, statuses
