"""Which causes a case names, each with its evidence: the report's affirmed causes weighed against each other, and
the patient's ticks against the report (``CaseView.causes`` asks once and keeps the answer).

A cause is the event that set the HO off. Much of what a report names is not one: a planned operation, a unit's
name, the fall an X-ray was taken for, the fracture an operation mended, a box the form offered as the nearest
choice. The rules below say why each is dropped, with the round and case that showed it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from hoguide.guidance.outcomes import HISTORY_SECTION
from hoguide.guidance.view import (
    AMPUTATION_WORD,
    BLAST,
    BRAIN_INFECTION,
    BRAIN_INJURY,
    BURNS,
    CONTUSION,
    CORD_ILLNESS,
    EARLIER_SECTIONS,
    FRACTURE_WORD,
    GENERIC_TRAUMA,
    GENETIC_CAUSES,
    IMMOBILITY,
    JOINT_REPLACEMENTS,
    KEYHOLE_HIP,
    NERVE_ILLNESS,
    OPERATIONS,
    OTHER_SURGERY,
    PLAN_SECTION,
    REPLACED_HIP,
    SPINAL_CORD,
    STROKE,
    CaseView,
    Located,
    done_for,
    names_instead,
)
from hoguide.knowledge.conditions import NEUROLOGIC_CAUSES
from hoguide.models.assessment import Evidence
from hoguide.models.reading import Fact

BLAST_WORD = re.compile(r"blast|\bIEDs?\b|explos|bomb|\bmine\b", re.IGNORECASE)  # not a crush or a machine's injury
NEUROGENIC = re.compile(r"\bneurogenic\b|\bNHO\b", re.IGNORECASE)
NEUROGENIC_PAIR = re.compile(r"\b(?:TBI|ABI)\s*/\s*SCI\b|\bSCI\s*/\s*(?:TBI|ABI)\b")  # "in TBI/SCI hip HO excision"
# weakness of all four limbs or one side: a brain can cause it, where paraplegia needs the cord
PARALYSIS_WORD = re.compile(r"(?:quadri|tetra|hemi)(?:pare(?:sis|tic)|pleg(?:ia|ic))", re.IGNORECASE)
# "superficial burns", "superficial flash burns" (one word between, round 9, 182), "minor stroke"
MINOR = re.compile(r"\b(?:superficial|minor|small|first[- ]degree|1st[- ]degree|sun)(?:[ -]\w+)?[ -]?$", re.IGNORECASE)
MINOR_REACH = 24
RECOVERED = re.compile(r"\b(?:full(?:y)? recover(?:y|ed)|recovered fully|complete recovery|"
                       r"no residual (?:deficit|weakness)|without residual)", re.IGNORECASE)
RECOVERED_REACH = 60  # characters after the cause's words
HEDGED_LINK = re.compile(r"\b(?:likely|probably|possibly|presumably|may be|might be)\s+(?:related|due|secondary|"
                         r"attributable|attributed)\s+to\s+(?:the\s+|a\s+|his\s+|her\s+)?(?:\w+\s+){0,2}$",
                         re.IGNORECASE)
HEDGED_LINK_REACH = 70  # characters before the cause's words
# the report says what the HO followed, in the sentence that names it ("post-traumatic ossification ... following the
# previous MCL injury", "a sequela of the 2024 MCL injury", "common after reverse shoulder replacement")
ATTRIBUTED = re.compile(r"\b(?:following|sequelae? of|secondary to|due to|related to|result of|caused by|after)\s+"
                        r"(?:(?:the|a|an|his|her|their|previous|prior|recent|old|earlier|\d{4})\s+)*$", re.IGNORECASE)
# ... or says it did not: "Its mature appearance indicates it predates the recent fall"
NOT_ITS_CAUSE = re.compile(r"\b(?:predates?|pre-dates?|unrelated to|not related to|not due to|not caused by)\s+"
                           r"(?:(?:the|a|an|his|her|their|recent|previous)\s+)*$", re.IGNORECASE)
REACH_BEFORE = 40  # characters before the cause's words
# an operation or a knock the report names only away from the HO, beside the cause it says the HO followed, is other
# history: round 30, 547's "L ACL reconstruction 2021" beside a Pellegrini-Stieda lesion "following the previous MCL
# injury"; 553's fall, beside HO "common after reverse shoulder replacement" that "predates the recent fall"
ASIDE_WHEN_ATTRIBUTED = frozenset({OTHER_SURGERY, GENERIC_TRAUMA, CONTUSION})
HAEMATOMA = re.compile(r"ha?ematoma", re.IGNORECASE)
# An operation on the spine among "other operations" (content/lexicon cause.yaml): "L4-5 TLIF", "spinal fusion",
# "cervical disc replacement". Beside a cord injury it is the injury's care, not a second cause.
SPINE_OPERATION = re.compile(r"\b(?:[TPAX]LIF|ACDF|TDR|CDA)\b|spin(?:e|al)|lumbar|cervical|thoracic|disc|interbody|"
                             r"laminectomy", re.IGNORECASE)
# bone cuts to a hip, not a new joint ("L hip reconstruction - varus derotation femoral osteotomy + Dega pelvic
# osteotomy" beside a parent's ticked "hip replacement": round 16, 305)
HIP_OSTEOTOMY = re.compile(r"osteotom|\bVDRO\b|\bPAO\b|hip reconstruction", re.IGNORECASE)
# a broken hip told in the patient's words beside a ticked "hip replacement" ("I fell at home and broke my hip, they put
# a nail in": round 17, 318); words that name a replacement keep the tick
BROKEN_HIP = re.compile(r"broke my (?:(?:left|right) )?hip|broken (?:my )?(?:(?:left|right) )?hip|hip fracture|"
                        r"fractured (?:my )?(?:(?:left|right) )?hip", re.IGNORECASE)
GUNSHOT = re.compile(r"\bGSW\b|gunshot|bullet|ballistic|\b(?:got|was|been) shot\b", re.IGNORECASE)
AVULSION = re.compile(r"avuls", re.IGNORECASE)
BROKEN_BONE = re.compile(r"fractur|\bbroke|\bbroken\b|(?<!\w)#", re.IGNORECASE)
FIXATION = re.compile(r"\bpins?\b|\bpinned\b|k-?wires?|\bORIF\b|fixation|\bfixed\b|\bplated?\b|\bscrews?\b|"
                      r"\bnail(?:ed)?\b|\brod\b", re.IGNORECASE)
EXPLOSION_ONLY = re.compile(r"(?:gas |boiler |cylinder |workplace )?explosions?", re.IGNORECASE)
LIGAMENT_REPAIR = re.compile(r"ligaments?|\b[ACPM]CL\b|reconstruct|rebuilt|menisc|arthroscop|keyhole", re.IGNORECASE)
CUFF_REPAIR = re.compile(r"\bcuff\b|supraspinatus|infraspinatus|subscapularis|teres minor", re.IGNORECASE)
HEAD_KNOCK = re.compile(r"concuss|head (?:knock|injury|trauma)|(?:bumped|banged|knocked) (?:my|his|her) head",
                        re.IGNORECASE)
# The form's nearest choice: a cause ticked on the form that the patient's own words or the report name as something
# else the form has no box for. (ticked, named, the named cause's words that say so); a cause named only by the form
# is dropped where its words are found and the ticked cause is named nowhere else:
# "keyhole hip surgery (arthroscopy)" ticked as a hip replacement (round 11, 213); "Spinal fusion at L4-5 (TLIF)" as
# a spinal cord injury (round 12, 236); "got shot in the left thigh" as an amputation or blast injury (round 13, 245).
ELBOW_INJURY, ELBOW = "elbow_trauma_or_surgery", "elbow"
ELBOW_WORD = re.compile(r"\belbows?\b", re.IGNORECASE)
NORMAL_HEAD_SCAN = re.compile(r"\bno (?:acute )?intracranial (?:abnormality|injury|haemorrhage|hemorrhage|bleed|"
                              r"pathology)\b"
                              r"|\b(?:CT|MRI?)\W{1,3}(?:head|brain)\W{1,3}(?:\d{1,2}/\d{1,2}/\d{2,4}\W{1,3})?"
                              r"(?:normal|negative|unremarkable|clear)\b", re.IGNORECASE)
EARLIER_ONE = re.compile(r"\b(?:previous|prior|earlier|old|past|remote|hx of|history of|h/o)\b[^.;\n]{0,12}$",
                         re.IGNORECASE)
EARLIER_REACH = 40  # characters before an operation's words in which "previous" tells it as an earlier one
NEAREST_CHOICE: tuple[tuple[str, str, re.Pattern[str] | None], ...] = (
    (REPLACED_HIP, KEYHOLE_HIP, None),
    (REPLACED_HIP, OTHER_SURGERY, HIP_OSTEOTOMY),
    (REPLACED_HIP, GENERIC_TRAUMA, BROKEN_HIP),
    (SPINAL_CORD, OTHER_SURGERY, SPINE_OPERATION),
    (BLAST, GENERIC_TRAUMA, GUNSHOT),
    # a head knock the report calls mild ("Also mild concussion (GCS 15 throughout, CT head negative)") is no brain
    # injury of the kind that sets off HO, whatever box the patient ticked (round 18, 334: "banged my head a bit")
    (BRAIN_INJURY, GENERIC_TRAUMA, HEAD_KNOCK),
    # a brain bleed from a fall ticked as a stroke is the brain injury the report names (round 24, 444: "was the bleed
    # on my brain a stroke?" beside "Severe TBI ... acute SDH evac'd")
    (STROKE, BRAIN_INJURY, None),
    # a tendon torn off its bone is no bruise, whatever box the parents ticked (round 18, 332: a sprinter's ischial
    # avulsion)
    (CONTUSION, GENERIC_TRAUMA, AVULSION),
    # ... nor is a broken bone the report names, ticked as a bruise too (round 26, 478: "broke my right thigh bone, had
    # a rod put in" beside a femoral shaft fracture was told its HO followed a bad bruise and may shrink)
    (CONTUSION, GENERIC_TRAUMA, BROKEN_BONE),
    # "other broken bone or injury" is the form's nearest box for an operation it has no box for (round 14, 257: an
    # operation on the belly)
    (GENERIC_TRAUMA, OTHER_SURGERY, None),
    # "another operation" ticked beside an amputation the report names is that amputation (round 21, 392: a leg taken
    # off below the knee for diabetic foot disease)
    (OTHER_SURGERY, BLAST, AMPUTATION_WORD),
    # ... and beside an injury the report names that was operated on: a broken elbow given a new radial head, a broken
    # hip socket plated, a broken back fixed with rods (round 23, 435, 425 and 420)
    (OTHER_SURGERY, ELBOW_INJURY, None),
    (OTHER_SURGERY, "acetabular_fracture", None),
    (OTHER_SURGERY, SPINAL_CORD, SPINE_OPERATION),
    # ... and beside a broken bone the report names, where the words tell of its fixing (round 25, 459: "broke it in 2
    # places and had pins put in" beside "# P2 base ... -> K-wires")
    (OTHER_SURGERY, GENERIC_TRAUMA, FIXATION),
    # a tendon repaired by keyhole surgery ticked as a shoulder replacement (round 23, 434: "Keyhole rotator cuff
    # repair")
    ("shoulder_arthroplasty", OTHER_SURGERY, CUFF_REPAIR),
    # ... and knee ligaments rebuilt ticked as a knee replacement (round 32, 592: "tore 3 ligaments, had them rebuilt")
    ("knee_arthroplasty", OTHER_SURGERY, LIGAMENT_REPAIR),
    # a broken bone fixed with a plate or a nail, ticked as a joint replacement (round 26, 481: "broke the top of my
    # right arm bone, had a plate and screws put in" ticked as a shoulder replacement beside the report's ORIF)
    ("shoulder_arthroplasty", GENERIC_TRAUMA, FIXATION),
    ("knee_arthroplasty", GENERIC_TRAUMA, FIXATION),
    # the grafting of a burnt arm ticked as an elbow injury or operation (round 23, 421: "lots of skin graft ops on my
    # right arm" beside the report's burns)
    (ELBOW_INJURY, BURNS, None),
)


def nearest_choice_for(view: CaseView, ticked: str, found: Mapping[str, Sequence[Evidence]],
                       own_words: bool = False) -> str | None:
    """The cause among ``found`` that a box the patient ticked stood in for (NEAREST_CHOICE), where the report names it
    or the patient's own words for the event tell of it (with ``own_words``, only where their words do); else None."""
    told = view.case.answers.event or ""
    for box, named, words in NEAREST_CHOICE:
        if box != ticked or named not in found:
            continue
        # (a cut to release a compartment is done for an injury, no operation the injury box stood in for: round 21,
        # 388, a thigh crushed and then opened)
        if named == OTHER_SURGERY and found.get(named) and all(FOR_AN_INJURY.search(e.text) for e in found[named]):
            continue
        in_words = words is not None and words.search(told) is not None
        if in_words or (not own_words and any(names_instead(e.text, words) for e in found[named])):
            return named
    return None


# events a report about the HO would name if the patient had them (a tick alone is weighed against the report's own)
# the places HO after a joint's replacement forms (lexicon/site.yaml ids)
REPLACED_JOINT_SITES = {"hip_arthroplasty": frozenset({"hip", "pelvis", "acetabulum", "thigh", "buttock"}),
                        "knee_arthroplasty": frozenset({"knee", "thigh", "leg"}),
                        "shoulder_arthroplasty": frozenset({"shoulder", "upper_arm", "chest_wall"})}
MAJOR_EVENTS = frozenset({BURNS, BLAST, "spinal_cord_injury", "traumatic_brain_injury", "stroke", "acetabular_fracture",
                          *JOINT_REPLACEMENTS})
LOCAL_INJURIES = ("muscle_contusion", ELBOW_INJURY)  # a knock or an injury to one place
SPECIFIC_TRAUMA = (ELBOW_INJURY, "acetabular_fracture")  # a fracture that is the named cause itself
# A fracture of the spine, named by its level or a spine word just before the fracture word: "T5/6
# fracture-dislocation", "C6 burst fracture", "vertebral fracture", "fractured lumbar spine".
SPINAL = re.compile(r"\b(?:[CTL]\d{1,2}(?:\s*[/-]\s*[CTL]?\d{1,2})?|(?i:vertebra[el]?|spin(?:e|al)|thoracic|lumbar|"
                    r"cervical|thoracolumbar|burst|odontoid|sacral|sacrum|dens))\b")
SPINAL_REACH = 25  # characters before the fracture word
# ... or the level named after it: "old wedge compression fracture of L1" (round 28, 526)
SPINAL_AFTER = re.compile(r"\s+of\s+(?:the\s+)?(?:[CTL]\d{1,2}\b|(?i:vertebra|spine|thoracic|lumbar|cervical|sacrum))")
# the words of a service's or a place's name
SERVICE_WORD = re.compile(r"\b(?:department|dept|service|services|centre|center|team|unit|hospital|clinic|ward|"
                          r"institute|orthopaedics|orthopedics|network|trust)\b", re.IGNORECASE)
SERVICE_LINE = 200  # characters: the longest line a department's or a unit's name is looked for on
# The small words a letterhead or a unit's name may hold between its capitalised words
TITLE_CONNECTORS = frozenset({"of", "and", "for", "the", "&", "-", "–", "/"})
# A broken rib, the chest's: no break near a joint HO forms at ("Multiple healed right rib fractures noted" on the bone
# scan of a brain-injured man's elbow: round 16, 296 was offered it as a cause)
ARM_BONE = re.compile(r"\b(?:radius|radial|ulna|ulnar|wrist|colles|scaphoid|humerus|humeral|clavicle|metacarpal|"
                      r"finger|hand)\b", re.IGNORECASE)
LEG_BONE = re.compile(r"\b(?:femur|femoral|tibia|tibial|fibula|hip|knee|acetabul\w*|pelvi\w*|patella|ankle|thigh|"
                      r"leg)\b", re.IGNORECASE)
LEG_SITES = frozenset({"hip", "pelvis", "thigh", "knee", "buttock"})
FOR_AN_INJURY = re.compile(r"fasciotom|compartment", re.IGNORECASE)  # an operation an injury needed
RIB = re.compile(r"\b(?:ribs?|costal|sternal|sternum)\b", re.IGNORECASE)


def _told_event_within(view: CaseView, days: int) -> bool:
    """The patient's event date (their answers) is at most ``days`` before the answers' day."""
    answers = view.case.answers
    today = answers.as_of or date.today()
    return answers.event_date is not None and today - answers.event_date <= timedelta(days)


def _injury_denied(view: CaseView) -> bool:
    """The report says there was no injury ("no history of trauma or fall"), not only no break ("no fracture")."""
    return any(f.item.kind == "cause" and f.item.status == "absent" and f.item.experiencer == "patient"
               and f.item.concept in (GENERIC_TRAUMA, CONTUSION) and not FRACTURE_WORD.search(f.item.text)
               for f in view.facts)


HISTORY_DENIED = re.compile(r"\b(?:hx|history)\b", re.IGNORECASE)  # "NO hx of THR or HO", "no history of"


def _taken_back(view: CaseView) -> dict[tuple[int, str], int]:
    """Per report and cause word, where the report last denies the patient had it: a past history's "Previous HO R hip
    after THR 2019" that a registrar's "pt has NO hx of THR or HO" corrects below it (round 33, 610's student note) is
    none. The same word only: "No history of ankle fracture" takes back no "Achilles tendon rupture"."""
    denied: dict[tuple[int, str], int] = {}
    for f in view.facts:
        # (a denial of the history, not today's film's "No fracture")
        if f.item.kind == "cause" and f.item.status == "absent" and f.item.experiencer == "patient" \
                and any(HISTORY_DENIED.search(trigger.phrase) for trigger in f.item.triggers):
            key = (f.reading, f.item.text.lower())
            denied[key] = max(f.item.start, denied.get(key, -1))
    return denied


def find_causes(view: CaseView) -> dict[str, list[Evidence]]:
    """Cause id -> evidence, report first, then the patient's answers (empty evidence): ``CaseView.causes``.

    "Other fracture or trauma" is often only how a named injury happened: the fracture of an elbow
    or a hip socket is that cause itself ("radial head fracture ... after a fall"), and the accident
    that injured the brain or spinal cord ("road traffic collision") is how that injury happened. So
    beside those it stays only where the report names a fracture next to a neurological injury. A long
    stay in intensive care or in bed is a cause only when nothing else is named. A joint replacement
    the report names as a plan is not a cause."""
    found: dict[str, list[Evidence]] = {}
    tied: set[str] = set()  # causes the report names in a sentence about the HO ("HO ... related to the ICU stay")
    outside_plan: set[str] = set()  # causes named anywhere but a plan
    affirmed = view.affirmed("cause")
    # paralysis words are taken as a cord injury, but beside a brain injury or a stroke they are its effect
    # ("severe TBI ...; spastic quadriparesis", round 10, 191)
    brain = any(f.item.concept in (BRAIN_INJURY, STROKE) for f in affirmed)
    # ... and one side's weakness beside a brain injury is its effect, no stroke ("Severe TBI ... Mild residual R
    # hemiparesis", round 24, 444); nor is "TBI/SCI" beside it a cord injury: that pair names a population
    injured_brain = any(f.item.concept == BRAIN_INJURY for f in affirmed)
    taken_back = _taken_back(view)
    for fact in affirmed:
        if fact.item.section in EARLIER_SECTIONS and taken_back.get((fact.reading, fact.item.text.lower()), -1) > \
                fact.item.start:
            continue
        # "total hip replacement with excision of the HO is planned": a future operation caused nothing
        if fact.item.concept in OPERATIONS and view.proposed(fact):
            continue
        if brain and fact.item.concept == SPINAL_CORD and PARALYSIS_WORD.search(fact.item.text):
            continue
        if injured_brain and fact.item.concept == STROKE and PARALYSIS_WORD.search(fact.item.text):
            continue
        if injured_brain and fact.item.concept == SPINAL_CORD and NEUROGENIC_PAIR.search(
                view.case.readings[fact.reading].text, max(0, fact.item.start - 6), fact.item.end + 6):
            continue
        if _names_a_service(view, fact):
            continue
        found.setdefault(fact.item.concept, []).append(fact.evidence)
        if view.in_ho_sentence(fact):
            tied.add(fact.item.concept)
        if fact.item.section != PLAN_SECTION:
            outside_plan.add(fact.item.concept)
    in_ho = [f for f in affirmed if view.in_ho_sentence(f)]
    # (said of HO of its kind, too: "Small HO of this type is common after reverse shoulder replacement")
    attributed = {f.item.concept for f in view.facts
                  if f.item.kind == "cause" and f.item.status != "absent" and f.item.experiencer == "patient"
                  and view.in_ho_sentence(f) and _right_after(view, f, ATTRIBUTED)}
    beside_ho = {f.item.concept for f in in_ho if not _right_after(view, f, NOT_ITS_CAUSE)} | attributed
    # a plan's reasons and evidence name populations, not this patient's history ("In brain and spinal cord
    # injury, adding radiotherapy did not lower recurrence": round 10, 191): a cause named only there, beside
    # causes the history names, is none
    # (a condition such as FOP is the patient's whatever section names it: "Plan: genetic testing for FOP")
    if outside_plan:
        for cause in set(found) - outside_plan - tied - GENETIC_CAUSES:
            del found[cause]
    # "HO at the right shoulder, likely related to the prolonged ICU stay": the hedge is about the link, not
    # about the stay, which happened (round 9, 178)
    for fact in view.facts:
        if fact.item.kind == "cause" and fact.item.status == "possible" and fact.item.experiencer == "patient" \
                and view.in_ho_sentence(fact) and _linked_to_ho(view, fact):
            found.setdefault(fact.item.concept, []).append(fact.evidence)
            tied.add(fact.item.concept)
    # a cause only the patient names that the report says did not happen ("There was no head injury") is the
    # report's word against a slip in the answers: not a cause
    denied = denied_causes(view)
    for cause in view.case.answers.causes:
        if cause in found or cause not in denied:
            found.setdefault(cause, [])
    # (ticked or not: "Was it the ACL operation?")
    named_in_report = {f.item.concept for f in affirmed}
    for cause in [c for c in found if attributed - {c} and c in ASIDE_WHEN_ATTRIBUTED and c not in beside_ho
                  and (found[c] or c in named_in_report)]:
        del found[cause]
    # a major event only the answers name, that the report never names while it ties the HO to other causes, is
    # a box ticked for something else (round 18, 337: "burns" for necrotising fasciitis, the report's "HO ...
    # after NF + prolonged ICU stay")
    in_report = {f.item.concept for f in view.facts if f.item.kind == "cause"}
    if tied - {"fop"}:
        for cause in [c for c, evidence in found.items()
                      if not evidence and c in MAJOR_EVENTS and c not in in_report]:
            del found[cause]
    # a cause only the answers name, beside what the report names it as (NEAREST_CHOICE), is the form's nearest
    # choice: keyhole surgery on the hip is no hip replacement, a gunshot no blast
    # (or the patient's own words for the event say so: "broke my hip they put a rod in it" beside a report's
    # "intertrochanteric fracture", round 19, 355)
    for ticked in [c for c, evidence in found.items() if not evidence]:
        if nearest_choice_for(view, ticked, found) is not None:
            del found[ticked]
    # a brain injury only the answers name, where the report's scan of the head found none ("CT|HEAD|No acute
    # intracranial abnormality. ... Small left parietal scalp haematoma"), is a knock on the head (round 29, 534: "I
    # also banged my head in the fall - could the head injury have caused the bone?")
    if found.get(BRAIN_INJURY) == [] and BRAIN_INJURY not in in_report and any(
            NORMAL_HEAD_SCAN.search(reading.text) for reading in view.case.readings):
        del found[BRAIN_INJURY]
    # a cord injury only the answers name, beside an illness of the nerves the report names and no cord damage, is
    # the form's nearest box for that illness (round 13, 244: Guillain-Barre syndrome after a long ICU stay)
    if found.get(SPINAL_CORD) == [] and view.affirmed("illness", NERVE_ILLNESS) \
            and not view.affirmed("illness", CORD_ILLNESS):
        del found[SPINAL_CORD]
    # ... and a brain injury only the answers name, beside a brain infection the report names, that infection (round
    # 16, 302: herpes encephalitis and seven weeks in intensive care)
    if found.get(BRAIN_INJURY) == [] and view.affirmed("illness", BRAIN_INFECTION):
        del found[BRAIN_INJURY]
    # a knock or an elbow injury only ticked, with no words of theirs telling it, beside the cord or brain injury or
    # stroke the report names, is a guess at what set it off (round 22, 414: "Maybe I banged my leg during a
    # transfer?"; 416: "someone used to stretch my arm really hard - did that cause it?")
    if any(found.get(c) for c in NEUROLOGIC_CAUSES):
        for cause in [c for c in LOCAL_INJURIES if found.get(c) == []]:
            del found[cause]
    # ... and a knock only ticked beside the joint replacement or the long stay in intensive care the report names
    # (round 23, 427: "Bumped L knee on car door 9/26 - no swelling after" in a physiotherapist's note on a knee
    # replacement's HO; round 24, 439: "it bruised the muscles" of being turned onto his front in ICU), or the
    # broken elbow or hip socket it names (443: a supracondylar fracture's myositis ossificans), or the operation whose
    # scar holds the bone (round 28, 524: "heavy lifting at work" beside HO in a laparotomy scar, "not related to his
    # lifting")
    if found.get(CONTUSION) == [] and any(found.get(c) for c in (*JOINT_REPLACEMENTS, IMMOBILITY, OTHER_SURGERY,
                                                                   ELBOW_INJURY,
                                                                   "acetabular_fracture")):
        del found[CONTUSION]
    # ... and so is another operation only ticked beside the joint replacement or the stay in intensive care the report
    # names: an operation elsewhere or a line put in (round 29, 535: a kidney transplant beside the hip replacement the
    # HO formed around; 543: "the line they put in my groin" beside four weeks on a ventilator), or beside the spinal
    # cord or brain injury it names: the spine's fixation or the brain's operation is that injury's care (round 30, 551:
    # "Was it the metal rods in my back that caused it?"); or beside the keyhole operation it names (560)
    if found.get(OTHER_SURGERY) == [] and any(found.get(c) for c in (*JOINT_REPLACEMENTS, IMMOBILITY, SPINAL_CORD,
                                                                      BRAIN_INJURY, "hip_arthroscopy")):
        del found[OTHER_SURGERY]
    # ... and so is an injury only ticked beside the joint replacement the report names: what wore the joint out before
    # it was replaced, or the break it was done for (round 25, 457: "My shoulder first went after I fell in the garden
    # in 2023" beside a reverse shoulder replacement's HO; 468: a hip fracture's half hip replacement)
    if found.get(GENERIC_TRAUMA) == [] and any(found.get(c) for c in JOINT_REPLACEMENTS):
        del found[GENERIC_TRAUMA]
    # ... and an old break of the spine or ribs beside the joint replacement the report names is far from the HO
    # (round 28, 526: "old wedge compression fracture of L1" in an X-ray report of HO by a right hip replacement)
    # ... or of an arm beside HO at a replaced hip or knee (round 29, 532: "Low-trauma L distal radius fracture" as a
    # bone density scan's reason, beside HO round an old hip replacement)
    trauma = found.get(GENERIC_TRAUMA)
    if trauma and any(found.get(c) for c in JOINT_REPLACEMENTS) and (
            all(_spinal(view, e) or _of_ribs(view, e) for e in trauma) or _of_an_arm_beside_a_leg(view, trauma)):
        del found[GENERIC_TRAUMA]
    # an operation only ticked that the report names only as a plan is still to come (round 23, 436: "Right knee
    # replacement coming up" ticked beside HO after the left hip's replacement)
    affirmed_causes = {f.item.concept for f in affirmed}
    for cause in [c for c, evidence in found.items() if not evidence and c in view.planned_operations()
                  and c not in affirmed_causes]:
        del found[cause]
    # the explosion that burnt someone is how the burns came, no blast injury of a war's kind (round 23, 421: "35%
    # TBSA flame burns (gas explosion at work)")
    blast_words = found.get(BLAST)
    if blast_words and found.get(BURNS) and all(EXPLOSION_ONLY.fullmatch(e.text) for e in blast_words):
        del found[BLAST]
    spine_operation = found.get(OTHER_SURGERY)
    if spine_operation and found.get(SPINAL_CORD) and all(SPINE_OPERATION.search(e.text) for e in spine_operation):
        del found[OTHER_SURGERY]
    # an elbow injury only ticked, where the HO is not at the elbow and the patient's words for what happened name no
    # elbow, is a box ticked for something else: round 29, 539's forearm crush injury ("The cut went right up past my
    # elbow so I ticked elbow too")
    if found.get(ELBOW_INJURY) == [] and view.sites and ELBOW not in view.sites \
            and not ELBOW_WORD.search(view.case.answers.event or ""):
        del found[ELBOW_INJURY]
    trauma = found.get(GENERIC_TRAUMA)
    if trauma is not None:
        # a broken spine is how the cord was injured ("T5/6 fracture-dislocation"), a broken femur a cause too
        named_fracture = any(FRACTURE_WORD.search(e.text) and not _spinal(view, e) and not _of_ribs(view, e)
                             for e in trauma)
        # ... unless the report calls the HO neurogenic: then a broken wrist is other history (round 10, 190)
        neurologic = any(c in found for c in NEUROLOGIC_CAUSES)
        # "the history of trauma" beside a bruised muscle is that blow (round 10, 194: "Corked L thigh"); the
        # fractures of a blast are that blast's ("IED blast injury ... R tibial plafond # - ORIF": round 17, 313)
        blast = any(BLAST_WORD.search(e.text) for e in found.get(BLAST, ()))
        if any(c in found for c in SPECIFIC_TRAUMA) or blast or (CONTUSION in found and not named_fracture) or (
                neurologic and (not named_fracture or _called_neurogenic(view))):
            del found[GENERIC_TRAUMA]
    # ... and a bruise the report names beside neurogenic HO is no second cause (round 34, 634: "some bruising on the
    # inner side of the knee" over a new fracture, 14 years after neurogenic HO was taken out of the hip)
    if CONTUSION in found and any(c in found for c in NEUROLOGIC_CAUSES) and _called_neurogenic(view):
        del found[CONTUSION]
    # the break an operation was done for ("reverse shoulder replacement 5 months ago for a 4-part proximal humerus
    # fracture") is part of that one event, not a second cause to weigh (round 8 re-read, case 152)
    if trauma and GENERIC_TRAUMA in found and any(_operated_for(view, e, found) for e in trauma):
        del found[GENERIC_TRAUMA]
    # the fall an X-ray was taken for ("Clinical indication: Mechanical fall at home") did not make bone the report
    # calls mature or unchanged since an earlier film, beside a cause that came before it (round 21, 391: a fall
    # onto the left side was given as a cause of old, stable HO by the right hip replacement)
    if GENERIC_TRAUMA in found and len(found) > 1 and (view.change == "stable" or (
            view.maturity == "mature" and _told_event_within(view, days=90))):
        falls = [f for f in affirmed if f.item.concept == GENERIC_TRAUMA]
        if falls and all(f.item.section == HISTORY_SECTION and not FRACTURE_WORD.search(f.item.text)
                         for f in falls):
            del found[GENERIC_TRAUMA]
    # ... nor did the bruise of that fall, beside the operation the HO is around (round 24, 442: "Soft tissue
    # contusion R lateral hip ... Old HO around R THR - incidental, unchanged" four days after a trip)
    if CONTUSION in found and any(c in found for c in OPERATIONS) and (view.change == "stable" or (
            view.maturity == "mature" and _told_event_within(view, days=90))):
        del found[CONTUSION]
    # a bleed into a muscle after an operation is part of that operation ("small resolving post-operative
    # haematoma in the gastrocnemius" after a knee replacement), not a blow that set off myositis ossificans
    bleed = found.get(CONTUSION)
    if bleed and any(c in found for c in OPERATIONS) and all(HAEMATOMA.search(e.text) for e in bleed):
        del found[CONTUSION]
    # ... and a bleed the report says came with no injury at all ("Spontaneous L thigh haematoma ..., NO history of
    # trauma or fall", on warfarin) is no blow (round 20, 369); a blow the patient tells of is theirs to tell (round
    # 6, 117: "took a knee hard ... dead leg" beside "No history of trauma is recorded on the request")
    bleeds = found.get(CONTUSION)
    if bleeds and all(HAEMATOMA.search(e.text) for e in bleeds) and _injury_denied(view, ):
        del found[CONTUSION]
    # superficial or minor burns ("superficial burns to the right forearm, healed") carry no known HO risk: the
    # risk grows with the burnt area and depth (Levi 2015), so they are no cause beside anything else
    burns = found.get(BURNS)
    if burns and len(found) > 1 and all(_minor(view, e) for e in burns):
        del found[BURNS]
    # a stroke the patient recovered from long before ("a minor stroke in 2019 with full recovery") is history,
    # not a cause, beside another (round 9, 177)
    stroke = found.get(STROKE)
    if stroke and len(found) > 1 and STROKE not in tied and all(_minor(view, e) or _recovered(view, e)
                                                                for e in stroke):
        del found[STROKE]
    # an injury the report does not tie to the HO ("healed rib fractures (CPR)") beside a cause it does ("HO ...
    # likely related to the prolonged ICU stay") is other history (round 9, 178)
    if GENERIC_TRAUMA in found and GENERIC_TRAUMA not in tied and tied - {GENERIC_TRAUMA, "fop"}:
        del found[GENERIC_TRAUMA]
    # a stay in intensive care is part of the care for a major cause (burns, a brain injury); alone it is one,
    # and so it is where the report ties the HO to it; an operation only ticked is no such cause beside a stay the
    # report names (round 29, 529: "Or the trachy op?" beside five weeks on a ventilator with COVID-19 lost the stay)
    stay = found.get(IMMOBILITY)
    if stay is not None and IMMOBILITY not in tied and any(
            c not in (IMMOBILITY, "fop") and (found[c] or c in MAJOR_EVENTS or not stay) for c in found):
        del found[IMMOBILITY]
    # a keyhole operation the report tells as an earlier one, beside the hip replacement done since, is that hip's
    # history: HO forms in the months after an operation (round 29, 527: "1 yr post R hip resurfacing (BHR,
    # 24/11/2025). Previous R hip arthroscopy 2021")
    keyhole = found.get(KEYHOLE_HIP)
    if keyhole and found.get(REPLACED_HIP) and all(_told_as_earlier(view, e) for e in keyhole):
        del found[KEYHOLE_HIP]
    # a joint replaced long ago, beside another cause, set off no HO at another joint (round 25, 466: "R total knee
    # replacement 2016 ... no HO" beside the stroke and the left elbow's HO was given as a cause too)
    sites = set(view.sites)
    for operation, near in REPLACED_JOINT_SITES.items():
        if operation in found and sites and not sites & near and any(c not in REPLACED_JOINT_SITES for c in found):
            del found[operation]
    return found


def _operated_for(view: CaseView, injury: Evidence, found: dict[str, list[Evidence]]) -> bool:
    """An operation named just before the injury, in its sentence, was done "for" it."""
    text = view.case.readings[injury.reading].text
    return any(o.reading == injury.reading and done_for(text, o.end, injury.start)
               for c in OPERATIONS if c != ELBOW_INJURY for o in found.get(c, ()))


def _told_as_earlier(view: CaseView, evidence: Evidence) -> bool:
    """The words just before name it an earlier one: "Previous R hip arthroscopy 2021", "prior hip scope"."""
    text = view.case.readings[evidence.reading].text
    return bool(EARLIER_ONE.search(text, max(0, evidence.start - EARLIER_REACH), evidence.start))


def denied_causes(view: CaseView) -> set[str]:
    """The causes the report says did not happen ("There was no head injury"); never the generic injury: "no fracture"
    denies a break, not the fall the patient tells of."""
    return {f.item.concept for f in view.facts if f.item.kind == "cause" and f.item.status == "absent"
            and f.item.experiencer == "patient"} - {GENERIC_TRAUMA}


def _right_after(view: CaseView, fact: Located[Fact], words: re.Pattern[str]) -> bool:
    """The cause's words come right after ``words`` ("a sequela of the 2024 MCL injury": ``ATTRIBUTED``)."""
    text = view.case.readings[fact.reading].text
    return bool(words.search(text, max(0, fact.item.start - REACH_BEFORE), fact.item.start))


def _linked_to_ho(view: CaseView, fact: Located[Fact]) -> bool:
    """The cause's hedge weighs only its link to the HO: "likely related to", "probably secondary to" before it."""
    text = view.case.readings[fact.reading].text
    return bool(HEDGED_LINK.search(text, max(0, fact.item.start - HEDGED_LINK_REACH), fact.item.start))


def _called_neurogenic(view: CaseView) -> bool:
    """The report calls the HO it finds neurogenic ("Early neurogenic heterotopic ossification R) hip"), or, with none
    now, the HO it had ("Neurogenic heterotopic ossification of the right hip ..., excised 05/2012")."""
    return any(NEUROGENIC.search(view.case.readings[f.reading].text, f.item.sentence_start, f.item.sentence_end)
               for f in view.current or view.with_status("historical"))


def _recovered(view: CaseView, evidence: Evidence) -> bool:
    """The sentence says the patient recovered from it ("with full recovery", "no residual deficit")."""
    text = view.case.readings[evidence.reading].text
    return bool(RECOVERED.search(text, evidence.end, evidence.end + RECOVERED_REACH))


def _minor(view: CaseView, evidence: Evidence) -> bool:
    text = view.case.readings[evidence.reading].text
    return bool(MINOR.search(text, max(0, evidence.start - MINOR_REACH), evidence.start))


def _spinal(view: CaseView, evidence: Evidence) -> bool:
    """The fracture named is of the spine: a level or a spine word just before it or in its words, or a level after."""
    text = view.case.readings[evidence.reading].text
    return bool(SPINAL.search(text, max(0, evidence.start - SPINAL_REACH), evidence.end)
                or SPINAL_AFTER.match(text, evidence.end))


def _names_a_service(view: CaseView, fact: Located[Fact]) -> bool:
    """"Department of Trauma & Orthopaedics", "Complex Trauma Team 2", "MAJOR TRAUMA CENTRE": a team's or a
    place's name, no injury (round 17, 313 and 316; round 16, 294); so is any cause in a title-case line that
    names a unit ("WATTLEBROOK REHABILITATION CENTRE - Brain Injury & Neurological Rehab Unit": round 18, 346)."""
    text = view.case.readings[fact.reading].text
    # a name's line is short: looked for only that far each way (a long line is a paragraph, and a window keeps
    # a text of many such words on one line linear)
    floor = max(0, fact.item.start - SERVICE_LINE)
    start = text.rfind("\n", floor, fact.item.start) + 1
    end = text.find("\n", fact.item.end, fact.item.end + SERVICE_LINE)
    if (start == 0 and floor > 0) or (end < 0 and fact.item.end + SERVICE_LINE < len(text)):
        return False
    line = text[start:end if end >= 0 else len(text)]
    if SERVICE_WORD.search(line) is None:
        return False
    return fact.item.text.lower() in ("trauma", "major trauma") or all(
        word[0].isupper() or word in TITLE_CONNECTORS for word in line.split())


def _of_an_arm_beside_a_leg(view: CaseView, injury: list[Evidence]) -> bool:
    """The HO is at the hip or the knee, and of the injury's words, those that name a bone just around them name an
    arm's, none a leg's ("Low-trauma L distal radius fracture (fall from standing)", "a previous fragility
    fracture")."""
    if not view.sites or not set(view.sites) <= LEG_SITES:
        return False
    def near(pattern: re.Pattern[str], evidence: Evidence) -> bool:
        text = view.case.readings[evidence.reading].text
        return pattern.search(text, max(0, evidence.start - SPINAL_REACH), evidence.end + SPINAL_REACH) is not None
    return any(near(ARM_BONE, e) for e in injury) and not any(near(LEG_BONE, e) for e in injury)


def _of_ribs(view: CaseView, evidence: Evidence) -> bool:
    text = view.case.readings[evidence.reading].text
    return bool(RIB.search(text, max(0, evidence.start - SPINAL_REACH), evidence.end))

