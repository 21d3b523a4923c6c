"""What guidance needs to know about a case, derived once from the readings and the answers.

Every derived fact keeps the evidence it came from, so each answer can point at the words of
the report it rests on.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Generic, TypeVar

from hoguide.guidance.outcomes import NOT_HAD, PLAN_CUE, Outcomes
from hoguide.models.assessment import Evidence
from hoguide.models.case import Case
from hoguide.models.reading import Fact, Finding, Reading
from hoguide.reading.corrections import ADDENDUM
from hoguide.reading.messages import message_of, message_starts
from hoguide.reading.report_status import nothing_new
from hoguide.reading.sentences import SentenceIndex, layout_breaks, split_sentences
from hoguide.reading.specimen import TALKED_OF

# Overall status of HO in the case, most informative first.
STATUS_ORDER = ("present", "possible", "absent", "historical", "hypothetical")
MATURITY_ORDER = ("immature", "maturing", "mature")  # the least mature finding decides growth
HIGH_GRADES = {("brooker", "III"), ("brooker", "IV"), ("della_valle", "C"), ("hastings_graham", "II"),
               ("hastings_graham", "IIA"), ("hastings_graham", "IIB"), ("hastings_graham", "IIC"),
               ("hastings_graham", "III")}
LOW_GRADES = {("brooker", "I"), ("brooker", "II"), ("della_valle", "A"), ("della_valle", "B"),
              ("hastings_graham", "I")}
GENERIC_TRAUMA = "other_fracture_or_trauma"
BLAST = "amputation_or_blast"
SPINAL_CORD = "spinal_cord_injury"
# lexicon/illness.yaml: an illness of the nerves (Guillain-Barre syndrome), and cord damage from an illness
NERVE_ILLNESS, CORD_ILLNESS, BRAIN_ANOXIA = "nerve_illness", "cord_illness", "brain_anoxia"
NERVE_INJURY = "nerve_injury"  # a nerve hurt by the injury itself: it explains numbness the HO does not
BRAIN_INFECTION = "brain_infection"
GENETIC_CAUSES = frozenset({"fop", "other_genetic"})
FOP_REASSURANCE = "fop_reassurance"  # lexicon/red_flag.yaml: "big toes are normal"
BRAIN_INJURY = "traumatic_brain_injury"
STROKE = "stroke"
IMMOBILITY = "prolonged_immobilisation_or_icu"
CONTUSION = "muscle_contusion"
BURNS = "burns"
LINE_REACH = 200  # characters after an HO sentence where a fragment on its line still speaks of it
NOT_HO_REGION = re.compile(r"\b(?:iliac fossa|abdom\w*|bowel|colon\w*|diverticul\w*|bladder|urinary|chest|breath\w*|"
                           r"cough\w*|lung\w*|head(?:ache)?s?|throat|stomach|epigastr\w*|flank|loin|"
                           # a doctor's note in plain words ("to explain the belly pain": round 21, 385)
                           r"belly|tummy)\b", re.IGNORECASE)
ROLE_LINE = re.compile(r"(?:(?:Consultant|Senior|Specialist|Speciality|Specialty|Attending|Resident|Registrar|Fellow)"
                       r"\b[^\n.!?]{0,80}|(?:[A-Z][\w-]*[ \t]+){0,3}(?:Radiologist|Pathologist|Surgeon|Physician|"
                       # "Radiation Oncologist" under "Dr Annika Sorensen FRANZCR" (round 13, 243 quoted it as a step)
                       r"Oncologist|Rheumatologist|Neurologist|Physiatrist|Anaesthetist|Anesthetist|Physiotherapist|"
                       r"Therapist|Sonographer|Radiographer|Prosthetist|Nurse|Practitioner)s?\b[^\n.!?]{0,60}"
                       # a department under the name, a copy list ("Orthopaedic Surgery, Hand & Upper Extremity" then
                       # "cc: patient": round 16, 306 quoted its signature as a step)
                       r"|(?:[A-Z][\w'-]*[ \t,&/]+){0,8}(?:Surgery|Medicine|Radiology|Orthopaedics|Orthopedics|"
                       r"Rehabilitation|Service|Department|Unit|Clinic|Extremity)\b[^\n.!?]{0,60}|cc\b[^\n]{0,80}"
                       # who the letter is signed for ("for Mr D. Ashdown-Pryce, Consultant Orthopaedic Surgeon": round
                       # 28, 523 quoted its signature as a step)
                       r"|for[ \t]+(?:Dr|Mr|Mrs|Ms|Miss|Prof|Professor)\b[^\n!?]{0,100})$")
SIDES = frozenset({"left", "right"})
OEDEMA = re.compile(r"o?edema(?:tous)?", re.IGNORECASE)
# signs that come and go, whose latest word in the report is what holds now (lexicon/symptom.yaml)
PASSING_SIGNS = frozenset({"fever", "warmth", "redness", "swelling", "calf_pain"})
# the removal of a named bone or tissue, not of HO: "near the radial head resection site" in an HO sentence (round 16,
# 299 was told "Your HO was taken out before")
OTHER_PART_REMOVED = re.compile(r"\b(?:radial\s+head|ulnar\s+head|(?:distal\s+)?clavicle|femoral\s+head|humeral\s+head|"
                                r"patella|"
                                r"synovium|synovial|bursa|wound|scar|skin|nail|cyst|ganglion)\s+$",
                                re.IGNORECASE)
RESIDUAL = re.compile(r"\bresidual\b(?! limb| stump)", re.IGNORECASE)  # bone left behind, not a residual limb
# a piece of HO the surgeon left on purpose ("A flat plate of HO ... adherent to the sciatic nerve sheath ... was
# deliberately left in situ": round 34, 633's operation note was told of Brooker III HO there now)
LEFT_ON_PURPOSE = re.compile(r"\b(?:deliberately|intentionally|purposely|knowingly)\s+left\b|\bleft in situ\b",
                             re.IGNORECASE)
SPECIMEN_WORDS = re.compile(r"\bhistolog\w*|\bspecimens?\b|\bto (?:histology|microbiology)\b", re.IGNORECASE)
PRIOR_HO = "prior_ho"  # lexicon/risk_factor.yaml
NOT_RECURRED = "not_recurred"  # lexicon/course.yaml
REMOVAL_WORD = re.compile(r"excis|resect|remov|debulk", re.IGNORECASE)
# the report says no HO was taken out before ("no bone was removed. This will be the member's first heterotopic
# ossification excision": round 34, 624's ticked removal and the request's "prior excision" were told as HO grown back)
NONE_REMOVED_BEFORE = re.compile(
    r"\bno (?:heterotopic )?(?:bone|HO|ossification) was (?:removed|excised|resected)\b"
    r"|\b(?:will|would) be (?:\S+ ){0,2}first (?:heterotopic ossification |heterotopic bone |HO )?"
    r"(?:excision|resection|removal)\b|\bnever (?:had|been) (?:HO |the bone )?(?:removed|excised|resected)\b",
    re.IGNORECASE)
# the causes a report can name as a plan
OPERATIONS = ("hip_arthroplasty", "knee_arthroplasty", "shoulder_arthroplasty", "elbow_trauma_or_surgery")
KEYHOLE_HIP, REPLACED_HIP = "hip_arthroscopy", "hip_arthroplasty"  # a form's ticked "hip replacement" may be the first
OTHER_SURGERY = "other_surgery"
AMPUTATION_WORD = re.compile(r"amputat|\bamputee|\b(?:BKA|AKA|TTA|TFA)\b|transtibial|transfemoral|residual limb|stump",
                             re.IGNORECASE)

JOINT_REPLACEMENTS = ("hip_arthroplasty", "knee_arthroplasty", "shoulder_arthroplasty")
PLAN_SECTION = "plan"  # section_rules.yaml: "Plan:", "Recommendations:"
OPERATION_SECTION = "operation"  # section_rules.yaml: an operation note's account ("Operation:", "Procedure:")
CONCLUDING_SECTIONS = ("impression", "diagnosis", "assessment", "addendum")  # section_rules.yaml: authority 3 and 4
# sections that tell what came before this study (section_rules.yaml)
EARLIER_SECTIONS = frozenset({"history", "history_of_present_illness", "past_medical_history", "past_surgical_history",
                              "comparison"})
CLOSING = "closing"  # the next_step concept of a letter's closing: "Yours sincerely, Dr A, Rehabilitation Medicine"
# A signature line on its own: a title, a name, a comma and a role, with no sentence end ("Dr C. Ferreira,
# Radiology"; "Ms D. Adeyemi, Consultant Orthopaedic Trauma Surgeon"); "Dr Smith, please arrange an MRI." is none.
# Also "Reported by Dr S. Adeyemi-Clarke, Consultant Radiologist" and "Dr A. Mensah, Specialty Registrar, for Dr R.
# Kilbride, Consultant in Rehabilitation Medicine" (an initial's full stop is no sentence end); "C. Lafleur MD
# FRCPC".
SIGNATURE = re.compile(r"(?:(?:Reported|Dictated|Signed|Verified|Interpreted|Read|Authori[sz]ed|Electronically signed|"
                       r"Sonographer|Radiographer|Addendum signed)"
                       r"(?: by)?:?[ \t]+)?"
                       r"(?:(?:Dr|Mr|Mrs|Ms|Miss|Prof|Professor)\.?[ \t]+(?:[A-Z][\w.'-]*[ \t]+){0,3}[A-Z][\w'-]*"
                       # the name alone on its line is one too ("Dr. V. Raghunathan" closing a discharge summary)
                       r"(?:,(?:[^\n.!?]|(?<=\b[A-Z])\.){1,120})?"
                       # no title, initials first, and a role ("A. Byrne, Advanced Nurse Practitioner, Pre-op
                       # Assessment": round 12, 237)
                       r"|(?:[A-Z]\.[ \t]*){1,3}[A-Z][\w'-]+,(?:[^\n.!?]|(?<=\b[A-Z])\.){1,120}"
                       # initials, a surname and degrees ("C. Lafleur MD FRCPC": round 14, 265)
                       r"|(?:[A-Z]\.[ \t]*){1,3}[A-Z][\w'-]+(?:,?[ \t]+(?:MD|DO|MBBS|MBChB|BM|FRCPC|FRCSC|FRCS|FRACS|"
                       r"FRCR|FRCP|FACS|PhD|RN|NP|PA-C|MSc|BSc)\b)+"
                       # a full name and degrees, then a specialty or a time ("Kevin Oduya, MD"; "Paul A. Ferreira, MD,
                       # Nuclear Medicine 12/01/2026 09:14": round 16, 306 and 296)
                       r"|(?:[A-Z][\w'-]*\.?[ \t]+){1,3}[A-Z][\w'-]+,?[ \t]+(?:MD|DO|MBBS|MBChB|FRCPC|FRCSC|FRCS|FRACS|"
                       r"FRCR|FRCP|FACS|PhD)\b[^\n]{0,120}"
                       # initials, a surname, perhaps a role, then when it was signed ("R. Faulkner-Adeyemi
                       # 26/11/2026 16:40" under an operation note, "Signed K. Osei-Bonsu RN 07/12/26 07:30": round
                       # 27, 492 and 491)
                       r"|(?:[A-Z]\.[ \t]*){1,3}[A-Z][\w'-]+(?:[ \t]+[A-Z]{2,5})?[ \t]+\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}"
                       r"(?:[ \t]+\d{1,2}[:.]?\d{2}h?)?)$")
# A note under a signature on how the text was made, alone on its line: "Dictated 03/12/2026 - transcribed by VR, pls
# excuse errors", "Electronically signed 12/02/2026 15:31", "(dictated, not proofread)", "Verified: Dr T. Ilunga,
# Consultant Radiologist 01/12/2026", or a name line that ends in one ("Dr H. Marr (dictated, not read - typed by AB)");
# rounds 13-22 quoted each as a step of the plan
SIGN_OFF = re.compile(r"\(?(?:this (?:report|letter) (?:is|was|has been) )?(?:dictated|transcribed|typed|"
                      r"voice[- ]recogni(?:tion|[sz]ed)|sent from my)\b[^\n]{0,160}"
                      r"|(?:verified|electronically signed|e-signed|signed|reported|authori[sz]ed|form completed)"
                      r"(?: by| on| at)?:?[ \t]*"
                      r"(?:\d{1,2}[/.-]\d|(?:Dr|Mr|Mrs|Ms|Prof)\b)[^\n]{0,120}"
                      r"|[^\n()]{0,80}\((?:dictated|typed|transcribed|voice recognition|not (?:proof)?read|not signed|"
                      r"unsigned)[^\n()]{0,80}\)\.?"
                      # the record's own fields under the name ("Verified: Yes     Critical result: No": round 25, 461)
                      r"|(?:verified|signed|critical (?:result|finding)|(?:result|report) status|urgent)\s*:\s*"
                      r"(?:yes|no|final|preliminary|amended|n/?a)\b[^\n]{0,80}", re.IGNORECASE)
# A report's time stamp or a note that it was passed on ("Verified 03/12/2026 1120h"; "Findings communicated to G. Liu
# NP by phone 12/03/2026 15:20": round 16, 297 and 301 quoted them as steps)
# (an item's list number before any of them: "10. Pt anxious - questions re ...")
ADMIN_LINE = re.compile(r"(?:\d{1,2}[.)][ \t]+)?"
                        r"(?:(?:Verified|Signed|Reported|Dictated|Typed|Transcribed|Authori[sz]ed)(?: by| on| at)?:?\s*"
                        r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}[^\n]{0,20}"
                        r"|(?:Findings|Results?|These findings|This|The report)\s+(?:were |was |have been |has been )?"
                        r"(?:communicated|discussed|phoned|conveyed|relayed|"
                        r"telephoned)\s+(?:to|with)\b[^\n]{0,120}"
                        # a contact line, a visit summary sent, understanding noted (round 18, 329 and 335 were quoted
                        # "Dr S. Okafor FY2 bleep 4417" and "AVS sent via portal." as steps of their plans)
                        r"|[^\n]{0,80}\b(?:bleep|pager|extension|ext\.?)\s*#?\d{3,6}\.?"
                        r"|(?:AVS|after[- ]visit summary)\b[^\n]{0,60}|time:?\s*\d+\s*min[^\n]{0,60}"
                        r"|results? (?:were |was )?released to (?:the )?(?:patient )?portal\b[^\n]{0,80}"
                        r"|(?:[-*•]\s*)?(?:pt|patient)\s+(?:verbali[sz]ed understanding|understands)\b[^\n]{0,80}"
                        # a clinical code ("Code: History of heterotopic ossification of elbow.": round 26, 488)
                        r"|(?:read |snomed |icd-?10 )?codes?:[^\n]{0,120}"
                        # who was told, a courtesy, a call noted, with nothing of the case in them, as a closing's
                        # facts are not read (round 22, 416: "Pt and wife updated." and "Questions answered re \"extra
                        # bone\"." quoted as steps; "NOK (daughter) updated by phone 01:20"; "Thank you for the urgent
                        # referral."; "Discussed with Dr Bashir by telephone 01/12/26 at 15:10.")
                        r"|(?:[-*•]\s*)?(?:pt|patient|nok|next of kin|family|wife|husband|partner|daughter|son|mother|"
                        r"father|parents?|carers?)\b[^\n.;]{0,30}?\b(?:updated|informed|made aware)"
                        r"(?:,? (?:of|about) (?:the )?(?:plan|findings|results?))?(?:,? (?:by |on the |over the )?"
                        r"(?:tele)?phone|,? in person|,? at (?:the )?bedside|,? today)?"
                        r"(?:,? (?:on |at )?[\d/.:]{3,10}){0,3}\.?"
                        r"|(?:[-*•]\s*)?(?:all )?questions? (?:were |was )?answered(?: re\b[^\n.;]{0,40})?\.?"
                        # a visit, a worry noted, a talk promised (round 27, 491: "Wife visiting 14:00.", "Pt anxious -
                        # questions re \"bone growing in my leg\".", "Explained reg will discuss on ward round.")
                        r"|(?:[-*•]\s*)?(?:wife|husband|partner|family|daughter|son|mother|father|parents?|relatives?|"
                        r"visitors?|nok)\b[^\n.;]{0,20}?\bvisiting\b[^\n.;]{0,30}\.?"
                        r"|(?:[-*•]\s*)?(?:pt|patient)\s+(?:anxious|worried|concerned|upset)\b[^\n]{0,80}"
                        r"|(?:[-*•]\s*)?explained (?:that )?(?:the )?(?:reg|registrar|consultant|doctor|team|surgeon)\b"
                        r"[^\n.;]{0,20}\bwill (?:discuss|explain|review|see)\b[^\n.;]{0,40}\.?"
                        # a team told by the reporter ("Fracture clinic informed by telephone 13/11/2026": round 25,
                        # 462 was told its report suggests a surgeon's opinion)
                        r"|(?:[\w&/ -]{1,40} )?(?:clinic|team|ward|service|registrar|surgeon|consultant|gp)\b"
                        r"[^\n.;]{0,20}?\b(?:informed|notified|contacted|made aware)"
                        r"(?:,? (?:by |over the )?(?:tele)?phone)?"
                        r"(?:,? (?:on |at )?[\d/.:]{3,10}){0,3}\.?"
                        r"|thank you for (?:the|your) (?:\w+ ){0,2}(?:referral|letter|request)\.?"
                        # a portal's notice ("Do not use messaging for emergencies - call 911.": round 25, 469)
                        r"|(?:please )?do not use (?:this |the )?(?:messag\w*|portal|e-?mail)[^.]{0,80}\.?"
                        r"|(?:[-*•]\s*)?(?:findings |results? |case |images )?discussed with "
                        r"(?:Dr|Mr|Mrs|Ms|Miss|Prof)\.?"
                        r"[ \t]+[\w.' -]{1,40}?(?:,? (?:by |on the |over the )?(?:tele)?phone)?"
                        r"(?:,? (?:on |at )?[\d/.:]{3,10}){0,3}\.?"
                        # a writer's registration number, and a plan heading with only its first list number
                        # (round 19, 350: "S. Petrakis PT (AHPRA PHY0001234567)" and "P: 1." quoted as steps)
                        r"|[^\n]{0,60}\((?:AHPRA|GMC|NMC|HCPC|MCNZ|IMC|NPI|reg(?:istration)?\.?(?: no\.?)?)"
                        r"[ \t]*:?[ \t]*[A-Z0-9-]{4,20}\)\.?"
                        r"|(?:P|Plan)[ \t]*:[ \t]*\d{1,2}[.)]?"
                        # a printed page's header or footer pasted with the text (round 21, 383: "Printed 12/01/2026
                        # 14:07 by PORTAL_USER Page 2 of 2" and "CONFIDENTIAL - This document contains protected
                        # health information." quoted as steps)
                        r"|[\s\S]{0,160}?\b(?:page \d{1,3} of \d{1,3}|confidential\b|protected health information|"
                        r"printed (?:on )?\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4})[\s\S]{0,160})$", re.IGNORECASE)
FRACTURE_WORD = re.compile(r"fractur|broken|break", re.IGNORECASE)
OPERATED_FOR = re.compile(r"\b(?:for|because of|after)\b", re.IGNORECASE)  # "replacement ... for a ... fracture"
OPERATED_FOR_REACH = 60  # characters from the operation's words to the injury's
SENTENCE_BREAK = re.compile(r"[.;]\s")
AGE_WORDS = re.compile(r"\b(\d{1,2})[- ]?(years?|yrs?|months?)[- ]old\b|\b(\d{1,2}) ?(yo|y/o)\b", re.IGNORECASE)
# a medicine's purpose named right after it, and not HO: "ibuprofen 400 mg tds for OA hands", "naproxen for his gout"
TAKEN_FOR_ELSE = re.compile(r"[^.;\n]{0,30}?\bfor (?:his |her |my |their |the )?(?:OA|osteo-?arthritis|arthritis|gout|"
                           r"rheumatoid|RA|back|neck|hands?|headaches?|migraines?|periods?|joint pain|joints|"
                           r"tendinitis|tendonitis|toothache|(?:renal |ureteric |biliary )?colic|kidney stones?|"
                           # a painkiller's course ("short course ibuprofen OK for a flare after work": round 25, 459
                           # was told "Your report plans a course of them for you" of tablets that remove no bone)
                           r"renal stones?|(?:a |the )?flares?|(?:the )?pain|(?:the )?aches?)\b"
                           # a dose given in the emergency department for the pain it came with ("Diclofenac 75mg PR
                           # given in ED with good effect" for renal colic: round 24, 437 was told of a medicine it had
                           # had to slow or prevent HO)
                           r"|[^.;\n]{0,30}?\b(?:given in (?:the )?(?:ED|A&E|AED|emergency)|with good effect)"
                           # ... or taken only as needed ("Ibuprofen 400 mg q6h prn with food and/or acetaminophen ...
                           # for pain": round 30, 557's emergency note)
                           r"|[^.;\n]{0,25}?\b(?:prn|as needed|as required|when needed|when required)\b"
                           # ... or the medicine the patient reacts to ("asthma with NSAID sensitivity": round 30, 560)
                           r"|[\s-]*(?:sensitivity|sensitive|allergy|allergic|intolerance|intolerant|induced|"
                           r"hypersensitivity)\b",
                           re.IGNORECASE)
TAKEN_FOR_REACH = 60  # characters after a medicine searched for what it is taken for
# a medicine named as what harmed the patient, not care they had (round 20, 367: "your asthma is made worse by
# anti-inflammatory (NSAID) painkillers - you will remember the attack after ibuprofen in 2019")
HARMED_BY = re.compile(r"\b(?:made worse by|worse with|attack after|reaction to|allergic to|allergy to|"
                       r"bronchospasm (?:with|after|on)|wheeze (?:with|after|on)|while taking|bleed (?:on|with)|"
                       r"intolerant (?:of|to)|intolerance (?:of|to)|sensitive to|sensitivity to)[\s(]+"
                       r"(?:[\w'-]+[\s(]+){0,3}$", re.IGNORECASE)
HARMED_BY_REACH = 60  # characters before a medicine searched for the harm it did
# a step kept for a case that may never come: "Surgical opinion re excision only if HO later causes fixed loss of hip
# function" (round 18, 337 was told an operation is planned)
# ("excision only if HO later causes fixed loss"; "Surgical removal is reserved for persistent disabling symptoms":
# round 20, 375 was told an operation is planned)
# ("Surgical excision would only be considered for persistent pain despite this": round 24, 448)
# (a bracket between counts as one word: "Surgical excision of the ossified segment (with tendon repair/augmentation)
# only if symptoms persist": round 31, 566 was told an operation is planned)
ONLY_IF_AFTER = re.compile(r"(?:[^.;\n(]|\([^)\n]{0,60}\)){0,40}?"
                           r"\b(?:only (?=(?:if|when|once|should)\b)|reserved (?=for\b)"
                           r"|only (?:be )?considered (?=(?:for|if|when)\b))"
                           r"(?P<condition>\w+)", re.IGNORECASE)
IF_FIRST = re.compile(r"\s*(?:\d{1,2}[.)]\s*)?(?:if|should|in case|in the event that|unless)\b", re.IGNORECASE)
VALEDICTION = re.compile(r"\b(?:regards|sincerely|faithfully|best wishes|yours truly|collegial greetings)\b",
                         re.IGNORECASE)
SIGNATURE_WORDS = 5  # a name and title on the line above a closing "cc:" (a sentence with more is no signature)
# Words that refer to an earlier study, so that a change word can mean change since then.
PRIOR_STUDY = re.compile(r"\b(?:compar(?:ed|ison|ing)|prior|previous(?:ly)?|since|interval|earlier|last (?:scan|study|"
                         r"film|x-ray|radiograph)|follow-up (?:film|radiograph|study|scan))\b", re.IGNORECASE)


# "Comparison: none", "no prior imaging", "no previous elbow imaging", "no previous films available": nothing to
# compare with.
NO_PRIOR = re.compile(r"\b(?:comparisons?:?\s*(?:none|nil|n/a)\b|no comparison\b|no (?:prior|previous|earlier) "
                      r"(?:[a-z]+ ){0,2}(?:imaging|studies|study|films?|radiographs?|x-rays?|examinations?|scans?)\b|"
                      r"(?:prior|previous|comparison) (?:imaging|studies|films?|radiographs?) (?:is |are )?"
                      r"(?:not |un)available|none available)", re.IGNORECASE)

# A size against the other side ("left (hemiplegic side) larger than right", "much smaller than on the left")
SIDE_COMPARISON = re.compile(r"\b(?:larger|smaller|bigger|more extensive|less extensive|more prominent)\s+than\s+"
                             r"(?:(?:on\s+)?the\s+)?(?:right|left|other side|opposite side|contralateral)\b",
                             re.IGNORECASE)

# The two patterns without the case-insensitive flag, for a report in ASCII read in lower case: there a letter
# matches only its own two cases, so the answer is the same, found in half the time (the two searches of every
# report were a twentieth of an explanation). Their letters must stay lower case (a test checks).
_PRIOR_STUDY_LOWER = re.compile(PRIOR_STUDY.pattern)
_NO_PRIOR_LOWER = re.compile(NO_PRIOR.pattern)


def refers_to_prior_study(text: str) -> bool:
    """Does a report refer to an earlier study (and not say there is none)?"""
    if text.isascii():
        lower = text.lower()
        return _PRIOR_STUDY_LOWER.search(lower) is not None and _NO_PRIOR_LOWER.search(lower) is None
    return PRIOR_STUDY.search(text) is not None and NO_PRIOR.search(text) is None


def names_instead(named_text: str, words: re.Pattern[str] | None) -> bool:
    """The named cause's words are those that make a ticked cause the form's nearest choice."""
    return words is None or bool(words.search(named_text))


T = TypeVar("T", Finding, Fact)


@dataclass(frozen=True, slots=True)
class Located(Generic[T]):
    """A fact or finding with the index of the reading it came from."""

    reading: int
    item: T
    # made on first need and kept: the answers, red flags and plan ask for the same words again and again
    _evidence: Evidence | None = field(default=None, compare=False, repr=False)

    @property
    def evidence(self) -> Evidence:
        evidence = self._evidence
        if evidence is None:
            evidence = Evidence(self.item.start, self.item.end, self.item.text, self.reading)
            object.__setattr__(self, "_evidence", evidence)  # frozen, but only this cache changes
        return evidence


@dataclass(slots=True)
class CaseView:
    case: Case
    findings: list[Located[Finding]] = field(default_factory=list)  # about the patient only
    facts: list[Located[Fact]] = field(default_factory=list)
    _sentences: dict[int, SentenceIndex] = field(default_factory=dict)  # per reading, split on first need
    _proposing: set[tuple[int, int, int]] | None = None  # sentences holding a plan cue, found on first need
    _closings: dict[int, list[tuple[int, int]]] = field(default_factory=dict)  # per reading, found on first need
    _messages: dict[int, list[int]] = field(default_factory=dict)  # per reading, where each older email starts
    # per reading, the superseded conclusions' (starts, ends), found on first need: the plan and the steps ask for
    # every line and fact, and a look over every section each time made a text of many sections quadratic
    _superseded: dict[int, tuple[list[int], list[int]]] = field(default_factory=dict)
    _prior: bool | None = None  # does a report refer to an earlier study, found on first need
    _planned: set[str] | None = None  # the operations a plan names, found on first need
    _causes: dict[str, list[Evidence]] | None = None  # causes(), found on first need
    _symptoms: dict[str, list[Evidence]] | None = None  # symptoms(), found on first need
    # for denied_later, found on first need: per (reading, passing sign) the start of the report's last denial of it,
    # and per (reading, start) the passing sign a symptom fact there names
    _denials: tuple[dict[tuple[int, str], int], dict[tuple[int, int], str]] | None = None
    _excisions: list[tuple[Located[Fact], str | None]] | None = None  # HO excisions and their states, ditto
    _removed_elsewhere: bool | None = None  # removed_elsewhere(), found on first need (removed_before asks it often)
    _overall: str | None = None  # overall_status, found on first need (asked some fifteen times an explanation)
    # per reading, the HO mentions' sentences as sorted (start, end), found on first need: in_ho_sentence is asked
    # for every cause and symptom, and a scan over every mention each time was quadratic on long reports
    _ho_sentences: dict[int, list[tuple[int, int]]] | None = None
    # what became of each treatment and which steps an addendum answered, read on first need (outcomes.py)
    outcomes: Outcomes = field(init=False)
    # report_plan.plan_lines per set of recommended words: the plan is asked for before the sources are chosen and
    # again after, with the same words (the view lives for one explanation)
    plan_lines_found: dict[tuple[Evidence, ...], Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.outcomes = Outcomes(self)

    @classmethod
    def of(cls, case: Case) -> CaseView:
        view = cls(case)
        for i, reading in enumerate(case.readings):
            view.findings += [Located(i, f) for f in reading.findings if f.experiencer == "patient"]
            view.facts += [Located(i, f) for f in reading.facts if f.experiencer == "patient"
                           and (f.concept == CLOSING or not view.in_closing(i, f.start))]
        return view

    def closings(self, reading: int) -> list[tuple[int, int]]:
        """The sentences of a reading that close a letter: those a closing starts ("Yours sincerely, ...")
        and signature lines ("Dr C. Ferreira, Radiology"). A signature names who wrote the letter
        ("Consultant in Rehabilitation Medicine"), not care the patient had or needs."""
        if reading in self._closings:
            return self._closings[reading]
        text = self.case.readings[reading].text
        spans = []
        for fact in self.case.readings[reading].facts:
            if fact.kind == "next_step" and fact.concept == CLOSING:
                start, end = self.sentences(reading).span(fact.start)
                before = text[start:fact.start]
                # ... or starts a line under a signature's name ("Ewan Threlfall\ncc: Mr D. Papadakis": round 20, 372)
                if not before.strip() or (before.rstrip(" \t").endswith("\n")
                                          and len(before.split()) <= SIGNATURE_WORDS):
                    spans.append((start, end))
        found = set(spans)
        spans += [(start, end) for start, end in self.sentences(reading).spans()
                  if (start, end) not in found
                  and (_signed(text[start:end]) or ADMIN_LINE.match(text[start:end].strip()))]
        # the rest of a copy list on the closing's line ("cc: Mr C. Fairweather; Dr L. Chu (GP)": round 13, 243)
        found, ends = set(spans), {end for _, end in spans}
        spans += [(start, end) for start, end in self.sentences(reading).spans()
                  if (start, end) not in found and any(start - k in ends and "\n" not in text[start - k:start]
                                                       for k in range(3))
                  and "\n" not in text[start:end].strip() and len(text[start:end].split()) <= SIGNATURE_WORDS]
        # the name and title under a valediction, a line or two below it ("Kind regards" over "Gareth Lyle" and
        # "Registered Prosthetist (HCPC)": round 31, 563 quoted them as a step)
        ends = {end for start, end in spans if VALEDICTION.search(text, start, end)}
        sentences = self.sentences(reading).spans()
        spans += [(start, end) for start, end in sentences
                  if start in ends and len(text[start:end].split()) <= SIGNATURE_WORDS + 2
                  and text[start:end].strip().count("\n") <= 1]
        spans = sorted(set(spans))
        self._closings[reading] = spans
        return spans

    def in_closing(self, reading: int, offset: int) -> bool:
        """Does ``offset`` fall in one of the reading's closing sentences (``closings``, sorted, not overlapping)?"""
        spans = self.closings(reading)
        i = bisect_right(spans, (offset, float("inf"))) - 1
        return i >= 0 and spans[i][0] <= offset < spans[i][1]

    def superseded(self, reading: int, offset: int) -> bool:
        """An offset in a conclusion that a later conclusion of the same kind follows in the same text: two reports
        pasted one after the other ("Impression: 1. Early heterotopic ossification" of 2024 above "Impression: 1.
        Mature heterotopic ossification" of 2026), where the later speaks for now (round 20, 366)."""
        spans = self._superseded.get(reading)
        if spans is None:
            spans = self._superseded[reading] = _superseded_spans(self.case.readings[reading])
        starts, ends = spans
        i = bisect_right(starts, offset) - 1
        return i >= 0 and offset < ends[i]

    def sentences(self, reading: int) -> SentenceIndex:
        """The sentence bounds of a reading, each report split once."""
        index = self._sentences.get(reading)
        if index is None:
            text = self.case.readings[reading].text
            index = self._sentences[reading] = split_sentences(text, layout_breaks(text))
        return index

    # --- HO itself --------------------------------------------------------------------------
    def with_status(self, *statuses: str) -> list[Located[Finding]]:
        return [f for f in self.findings if f.item.status in statuses]

    @property
    def overall_status(self) -> str:
        """Each report's own status (an impression or addendum corrects its findings), then the
        first of STATUS_ORDER across the reports; ``none`` when no report mentions HO about the patient."""
        if self._overall is None:  # a pass over every fact of every report: done once (the case is frozen)
            statuses = {self._status_of(r) for r in self.case.readings}
            self._overall = next((s for s in STATUS_ORDER if s in statuses), "none")
            # an operation note that removes the HO and finds "no residual HO" is of HO that was there and is out,
            # like a pathology report of the excised bone (round 13, 242): not "there is no HO"
            # ... and so is the HO a discharge summary's diagnosis names, where its operation took it out and the check
            # film finds none left ("DIAGNOSIS: Symptomatic heterotopic ossification (Brooker III)", "Check XR:
            # satisfactory excision of heterotopic ossification, no significant residual HO": round 31, 578)
            if (self._overall == "absent" and "historical" in {f.item.status for f in self.findings}
                    and self._ho_excisions("present")) \
                    or (self._overall == "present" and self.removed_and_none_left()):
                self._overall = "historical"
        return self._overall

    def removed_and_none_left(self) -> bool:
        """An excision of the HO done, then "no residual HO" (or a piece "deliberately left in situ", the removal's
        own remainder), with no HO of now said after it, save the specimen's histology, or on another side."""
        def said(f: Located[Finding], words: re.Pattern[str]) -> bool:
            text = self.case.readings[f.reading].text
            return words.search(text, f.item.sentence_start, f.item.sentence_end) is not None

        markers = [f for f in self.with_status("absent") if said(f, RESIDUAL)] + self._left_on_purpose()
        if not markers or not self._ho_excisions("present"):
            return False
        removed_sides = {None, *(f.item.laterality for f in self.with_status("historical"))}
        last: dict[int, int] = {}  # per reading, where its last marker is (one pass: linear)
        sentences: set[tuple[int, int]] = set()
        for n in markers:
            last[n.reading] = max(last.get(n.reading, -1), n.item.start)
            sentences.add((n.reading, n.item.sentence_start))
        return all((f.reading, f.item.sentence_start) in sentences or (
            (f.item.start < last.get(f.reading, -1) or said(f, SPECIMEN_WORDS)) and f.item.laterality in removed_sides)
            for f in self.with_status("present"))

    @staticmethod
    def _status_of(reading: Reading) -> str:
        """The report's status; FOP the report names as the patient's, with only "no new HO" said of the
        bone, is HO there now: FOP is a disease of HO, and "no new HO" leaves the HO it has already made."""
        fop = {f.status for f in reading.facts
               if f.kind == "cause" and f.concept == "fop" and f.experiencer == "patient"}
        # a report that suspects FOP in a swelling it does not call HO ("strongly suspicious for a flare-up of
        # FIBRODYSPLASIA OSSIFICANS PROGRESSIVA": round 10, 201) is about bone that may be forming
        if reading.ho_status == "not_mentioned" and fop & {"present", "possible"}:
            return "present" if "present" in fop else "possible"
        if reading.ho_status != "absent" or "present" not in fop:
            return reading.ho_status
        absent = [f for f in reading.findings if f.experiencer == "patient" and f.status == "absent"]
        return "present" if all(nothing_new(f, reading.text) for f in absent) else reading.ho_status

    @property
    def current(self) -> list[Located[Finding]]:
        """The findings that describe HO now: present, else possible."""
        return self.with_status("present") or self.with_status("possible")

    def _findings(self) -> list[Finding]:
        return [f.item for f in self.current]

    @property
    def sites(self) -> list[str]:
        """Where the HO of now is; where there is none now, where the HO removed or had before was (a
        pathology report of a residual limb's excised bone is about the residual limb)."""
        findings = self._findings() or [f.item for f in self.with_status("historical")]
        return list(dict.fromkeys(site for f in findings for site in f.sites))

    @property
    def grades(self) -> list[tuple[str, str]]:
        """The grades the report gives, an addendum's in place of the earlier ones of its system ("reclassified as
        BROOKER CLASS II (not class III as stated in the original report)": round 17, 322 was told high grade)."""
        graded = [(f.grade, f.section) for f in self._findings() if f.grade]
        # this study's grade over the history's account of an earlier one ("Brooker IV HO -> open excision" in the
        # clinical details beside "Recurrent HO ..., Brooker II equivalent": round 31, 571 was told its hip is fused)
        described = {grade.system for grade, section in graded if section not in EARLIER_SECTIONS}
        graded = [(grade, section) for grade, section in graded
                  if section not in EARLIER_SECTIONS or grade.system not in described]
        corrected = {grade.system for grade, section in graded if section == ADDENDUM}
        return list(dict.fromkeys((grade.system, grade.value) for grade, section in graded
                                  if grade.system not in corrected or section == ADDENDUM))

    @property
    def high_grade(self) -> bool:
        return any(g in HIGH_GRADES for g in self.grades)

    @property
    def low_grade(self) -> bool:
        return bool(self.grades) and all(g in LOW_GRADES for g in self.grades)

    @property
    def maturity(self) -> str | None:
        # "the maturity of any ossification cannot be determined from this study" outweighs an "early" elsewhere
        if self.affirmed("course", "maturity_undetermined"):
            return None
        # the reporter's conclusion, where it says how mature, over the description ("ill-defined ossification ...
        # with a peripheral cortical rim forming" under "Impression: ... maturing": round 13, 248)
        # (of two reports pasted one after the other, the later conclusion's: superseded)
        concluded = {f.item.maturity for f in _latest_entry(
            [f for f in self.current if f.item.maturity and f.item.section in CONCLUDING_SECTIONS
             and not self.superseded(f.reading, f.item.start)], self.case.readings)}
        # ... and the description of this study over the history's account of an earlier film ("At the twelve-week
        # review ... radiographs showed early heterotopic ossification" beside "a mature, well-corticated heterotopic
        # bone mass" on today's CT: round 26, 475 was told its HO is still forming)
        described = {f.item.maturity for f in _latest_entry(
            [f for f in self.current if f.item.maturity and f.item.section not in EARLIER_SECTIONS],
            self.case.readings)}
        found = concluded or described or {f.maturity for f in self._findings() if f.maturity}
        return next((m for m in MATURITY_ORDER if m in found), None)

    @property
    def compared_with_prior(self) -> bool:
        """Does a report refer to an earlier study? Without one, "increased" is uptake or signal on this
        study ("increased uptake in all three phases"), not growth since a last scan."""
        if self._prior is None:  # two searches of every report: worth doing once
            self._prior = any(refers_to_prior_study(r.text) for r in self.case.readings)
        return self._prior

    @property
    def change(self) -> str | None:
        """Change versus a stated prior study; None when no report refers to one."""
        if not self.compared_with_prior:
            return None
        # (a plan's check speaks of what may come: "X-ray ... to check the HO has not grown after stopping", round 25,
        # 460)
        changes = [f for f in self.current if f.item.change and f.item.section != PLAN_SECTION and not (
            f.item.change in ("increased", "decreased") and self._sides_compared(f))]
        # the conclusion's word over the findings' story ("progressing to current appearance by 2025" before
        # "Impression: ... mature and stable compared with 10/2025": round 16, 308 was told it has grown)
        # ... and this study's over a list of earlier films ("Previous XRs: ... slightly larger" before today's
        # "Unchanged vs 03/11/2026": round 27, 506)
        found = {f.item.change for f in changes if f.item.section in CONCLUDING_SECTIONS} \
            or {f.item.change for f in changes if f.item.section not in EARLIER_SECTIONS} \
            or {f.item.change for f in changes}
        return next((c for c in ("increased", "new", "stable", "decreased") if c in found), None)

    def _sides_compared(self, finding: Located[Finding]) -> bool:
        """"Left larger than right": a size against the other side, not growth since an earlier study."""
        text = self.case.readings[finding.reading].text
        return bool(SIDE_COMPARISON.search(text, finding.item.sentence_start, finding.item.sentence_end))

    def in_ho_sentence(self, fact: Located[Fact]) -> bool:
        if self._ho_sentences is None:
            spans: dict[int, set[tuple[int, int]]] = {}
            for f in self.findings:
                spans.setdefault(f.reading, set()).add((f.item.sentence_start, f.item.sentence_end))
            self._ho_sentences = {reading: sorted(found) for reading, found in spans.items()}
        spans_here = self._ho_sentences.get(fact.reading, [])
        i = bisect_right(spans_here, (fact.item.start, float("inf"))) - 1  # the last sentence starting at or before
        return i >= 0 and spans_here[i][0] <= fact.item.start < spans_here[i][1]

    def after_ho_on_its_line(self, fact: Located[Fact]) -> bool:
        """The fact follows an HO sentence on the same line ("1. Small focus of HO, new since 08/2026. Low grade, of
        doubtful clinical significance."): a fragment that goes on about that HO."""
        text = self.case.readings[fact.reading].text
        return any(f.reading == fact.reading and 0 <= fact.item.start - f.item.sentence_end <= LINE_REACH
                   and "\n" not in text[f.item.sentence_end:fact.item.start] for f in self.findings)

    def _ho_excisions(self, *statuses: str) -> list[Located[Fact]]:
        """Excisions of HO itself: the excision shares a sentence with an HO mention, so the
        excision of burn wounds or of a tumour elsewhere in the report does not count. Their states are
        worked out once (removed, recurrent, the features and the answers ask again and again)."""
        if self._excisions is None:
            excisions = [e for e in self.facts if e.item.kind == "treatment" and e.item.concept == "excision"
                         and self.in_ho_sentence(e) and not self._of_another_part(e)]
            # an operation only if ever ("No surgery at present; any excision to be discussed in our MDT first": round
            # 11, 212) is neither planned nor done
            # ... nor one the patient turned down ("We discussed excision of the right-sided HO in 2024 and he
            # declined": round 30, 555), which the discussion's hypothetical outranks in its status
            # ... and one only talked of is planned at most ("HO mature, excision discussed, Rhys undecided": round 32,
            # 583 was told its HO had been taken out)
            status = {id(e): None if self._only_if(e) or _turned_down(e.item)
                      else "hypothetical" if self.proposed(e) or (e.item.status == "present" and TALKED_OF.match(
                          self.case.readings[e.reading].text, e.item.end))
                      else None if _if_ever(e.item, self.case.readings[e.reading].text) else e.item.status
                      for e in excisions}
            # "We discussed open excision ... with release and arthrolysis": one planned operation, not a done one
            planned = {(e.reading, self._sentence_start(e)) for e in excisions if status[id(e)] == "hypothetical"}
            # an operation note's consented excision that its procedure then describes as done ("Consented: excision
            # HO ..." then "Posteromedial HO excised en bloc": round 13, 242) was carried out, not still planned
            done = [(e.reading, e.item.start, self._sentence_start(e)) for e in excisions if status[id(e)] == "present"]
            for e in excisions:
                if status[id(e)] == "hypothetical" and any(
                        reading == e.reading and start > e.item.start and sentence != self._sentence_start(e)
                        for reading, start, sentence in done):
                    status[id(e)] = None
            self._excisions = [(e, None if status[id(e)] == "present" and (e.reading, self._sentence_start(e))
                                in planned else status[id(e)]) for e in excisions]
        return [e for e, status in self._excisions if status in statuses]

    def _only_if(self, fact: Located[Fact]) -> bool:
        """A step kept for a case that may never come ("excision only if HO later causes fixed loss"), or named in what
        a sentence's opening condition would bring ("If the skin keeps breaking down despite socket modification, he
        will need surgical opinion for excision of the HO": round 21, 392 was told an operation is planned)."""
        text = self.case.readings[fact.reading].text
        if ONLY_IF_AFTER.match(text, fact.item.end) is not None:
            return True
        _, start, _ = self.sentence_of(fact)
        return IF_FIRST.match(text, start) is not None and "," in text[start:fact.item.start]

    def _of_another_part(self, fact: Located[Fact]) -> bool:
        text = self.case.readings[fact.reading].text
        return OTHER_PART_REMOVED.search(text, max(0, fact.item.start - 24), fact.item.start) is not None

    def proposed(self, fact: Located[Fact]) -> bool:
        """A treatment the report names as a plan: affirmed, in a sentence that proposes something
        ("excision of the HO is planned once the ulcer has healed", "referred for radiotherapy"), and not
        said to have been given, cancelled or stopped since. What was done ("status post excision",
        historical) stays done."""
        if fact.item.status != "present":
            return False
        if fact.item.section == PLAN_SECTION:  # "Plan: 3. excision of the HO with 7 Gy before surgery"
            return self.outcomes.outcome(fact) is None
        if self._proposing is None:
            self._proposing = {self.sentence_of(f) for f in self.facts if f.item.kind == "next_step"
                               and f.item.concept == PLAN_CUE and f.item.status == "present"}
        return self.sentence_of(fact) in self._proposing and self.outcomes.outcome(fact) is None

    @property
    def excision_planned(self) -> bool:
        """The report plans or discusses removing the HO ("listed for excision of the heterotopic bone")."""
        return bool(self._ho_excisions("hypothetical"))

    @property
    def operation_planned(self) -> bool:
        """The report plans or discusses an operation: removing the HO, or an excision or joint replacement
        it names as a plan where the sentence names no HO ("referral to the surgeon to plan excision with
        ulnar nerve release"; "listed for a hip replacement")."""
        return self.excision_planned or bool(self.planned_operations())

    @property
    def replacement_planned(self) -> bool:
        """The operation planned is a joint replacement, not the removal of HO ("listed for right total hip
        replacement"): HO had before raises the chance of new HO after it; nothing is taken out."""
        planned = self.planned_operations()
        return not self.excision_planned and bool(planned) and planned <= set(JOINT_REPLACEMENTS)

    def planned_operations(self) -> set[str]:
        """The operations a plan names: "excision" or a cause id of OPERATIONS (asked by both properties
        above, found once)."""
        if self._planned is not None:
            return self._planned
        proposing = {self.sentence_of(f) for f in self.facts if f.item.kind == "next_step"
                     and f.item.concept == PLAN_CUE and f.item.status != "absent"}
        # an excision a record lists and later says was done ("FU4 ... listed for excision" above "EXC 09/09/2025 ...
        # Operation : open excision of HO": round 33, 614's registry was told an operation is planned)
        done_at = {f.reading: f.item.start for f in self.facts if f.item.kind == "treatment"
                   and f.item.concept == "excision" and f.item.section == OPERATION_SECTION
                   and f.item.status in ("present", "historical")}
        self._planned = {f.item.concept for f in self.facts
                         if ((f.item.kind == "treatment" and f.item.concept == "excision"
                              and done_at.get(f.reading, -1) <= f.item.start)
                             or (f.item.kind == "cause" and f.item.concept in OPERATIONS))
                         and f.item.status in ("present", "hypothetical")
                         and not _if_ever(f.item, self.case.readings[f.reading].text)
                         and (f.item.section == PLAN_SECTION or self.sentence_of(f) in proposing)
                         and not self._only_if(f)}
        return self._planned

    def _sentence_start(self, fact: Located[Fact]) -> int:
        return next((f.item.sentence_start for f in self.findings if f.reading == fact.reading
                     and f.item.sentence_start <= fact.item.start < f.item.sentence_end), -1)

    @property
    def removed_before(self) -> bool:
        """HO was taken out before, from where the HO is now (HO removed from the other hip is a risk of more HO,
        which the risk factors say, not this HO's removal)."""
        if self.none_removed_before:
            return False
        return self.case.answers.prior_excision or (bool(self._ho_excisions("historical"))
                                                    and not self.removed_elsewhere())

    @property
    def piece_left_on_purpose(self) -> bool:
        """The report says a piece of the HO was left at the operation on purpose."""
        return bool(self._left_on_purpose())

    def _left_on_purpose(self) -> list[Located[Finding]]:
        """The HO of now said to be left on purpose, in its own sentence (a plate "left in situ" is metal)."""
        return [f for f in self.with_status("present") if LEFT_ON_PURPOSE.search(
            self.case.readings[f.reading].text, f.item.sentence_start, f.item.sentence_end)]

    @property
    def none_removed_before(self) -> bool:
        """The report says no HO was taken out before, whatever the patient ticked or an earlier record said."""
        return any(NONE_REMOVED_BEFORE.search(reading.text) for reading in self.case.readings)

    @property
    def removed(self) -> bool:
        """Removed before, or removed now (a pathology report of the excised bone)."""
        return self.removed_before or bool(self._ho_excisions("present"))

    def recurrence(self, *statuses: str) -> list[Located[Fact]]:
        """The report's words on HO coming back: in a sentence about HO ("recurrent heterotopic
        ossification"), or anywhere once HO was removed ("No recurrence."), never "recurrent dislocation"
        in a report of HO that was never removed."""
        removed = self.removed
        # a plan's words on recurrence, where no HO was taken out before, weigh the operation to come ("Recurrence risk
        # d/w pt: some regrowth on XR in approx 1 in 5 after TBI HO excision": round 24, 444 was told its HO was back)
        before = self.removed_before
        return [f for f in self.facts if f.item.kind == "course" and (
                    (f.item.concept == "recurrence" and f.item.status in statuses)
                    # "has not recurred": recurrence denied (lexicon/course.yaml)
                    or (f.item.concept == NOT_RECURRED and f.item.status == "present" and "absent" in statuses))
                and (removed or self.in_ho_sentence(f)) and (before or f.item.section != PLAN_SECTION)]

    @property
    def recurrent(self) -> bool:
        """HO is here now, and the report says it came back, or it was removed before and the report
        does not say it has not come back."""
        # a pathology report of the re-excised bone says it came back and is now out: not back now
        if self.overall_status != "present" or not self.with_status("present"):
            return False
        if self.recurrence("present"):
            return True
        # the report is itself the removal ("HO excised en bloc") and names none before it: a ticked "removed before"
        # is this operation ("Had the extra bone taken out today": round 13, 242), not bone that grew back
        if self._ho_excisions("present") and not self._ho_excisions("historical"):
            return False
        return self.removed_before and not self.recurrence("absent")

    def removed_elsewhere(self) -> bool:
        """The report's HO removed was on one side and its HO now is on the other ("Left HO excised 2018" beside
        Brooker IV at the right hip, round 10, 200), counting bone left at the removal site ("small residual HO at
        the previous excision site") as what was left, not as bone that came back."""
        if self._removed_elsewhere is None:
            self._removed_elsewhere = self._find_removed_elsewhere()
        return self._removed_elsewhere

    def _find_removed_elsewhere(self) -> bool:
        removed = {f.item.laterality for f in self.with_status("historical")} & SIDES
        if not removed or self.case.answers.prior_excision:
            return False
        now = {f.item.laterality for f in self.with_status("present")
               if not RESIDUAL.search(self.case.readings[f.reading].text, f.item.sentence_start, f.item.sentence_end)}
        return bool(now) and now <= SIDES and not now & removed

    def excision_evidence(self) -> list[Evidence]:
        return [e.evidence for e in self._ho_excisions("present", "historical")]

    def sent_at(self, item: Located[Fact]) -> int:
        """When the words were written, as an order: 0 for a report, and in a forwarded email chain, which puts its
        newest message first, one less for each older message above the words ("-----Original Message-----"; round
        26, 481: the physio's "could this be infection?" below the consultant's "No concern about infection")."""
        if item.reading not in self._messages:
            self._messages[item.reading] = message_starts(self.case.readings[item.reading].text)
        return -message_of(self._messages[item.reading], item.item.start)

    def sentence_of(self, item: Located[Fact]) -> tuple[int, int, int]:
        """The reading and the sentence bounds of a fact."""
        return (item.reading, *self.sentences(item.reading).span(item.item.start))

    # --- facts ------------------------------------------------------------------------------
    def affirmed(self, kind: str, concept: str | None = None) -> list[Located[Fact]]:
        return [f for f in self.facts if f.item.kind == kind and f.item.status in ("present", "historical")
                and (concept is None or f.item.concept == concept)]

    def causes(self) -> dict[str, list[Evidence]]:
        """Cause id -> evidence, report first, then the patient's answers (empty evidence); worked out once
        (the red flags, features and answers ask again and again), a fresh copy each time."""
        if self._causes is None:
            # imported here: the cause rules are written in the view's words, so their module imports this one
            from hoguide.guidance.case_causes import find_causes
            self._causes = find_causes(self)
        return {cause: list(evidence) for cause, evidence in self._causes.items()}

    def ages_in_years(self) -> list[float]:
        """Every age the reports give ("a 6-year-old", "23 y/o", "18-month-old"), in report order."""
        ages = []
        for reading in self.case.readings:
            for match in AGE_WORDS.finditer(reading.text):
                number, unit = match.group(1) or match.group(3), match.group(2) or "years"
                ages.append(int(number) / (12 if unit.lower().startswith("month") else 1))
        return ages

    def amputated_for(self, fact: Located[Fact]) -> bool:
        """The fact is what a limb was taken off for, named just after the amputation in its sentence ("transtibial
        amputation 12/11/2025 for diabetic foot sepsis (calcaneal osteomyelitis)": round 21, 392 was told its report
        finds an infection): it left with the limb."""
        text = self.case.readings[fact.reading].text
        return any(o.reading == fact.reading and AMPUTATION_WORD.search(o.item.text) is not None
                   and done_for(text, o.item.end, fact.item.start) for o in self.affirmed("cause", BLAST))

    def _elsewhere(self, fact: Located[Fact]) -> bool:
        """A symptom of the belly or the chest ("three days of left iliac fossa pain", round 9, 167: a CT for
        diverticulitis) is not one of the HO's: its sentence names such a region and no HO."""
        reading, start, end = self.sentence_of(fact)
        text = self.case.readings[reading].text
        return bool(NOT_HO_REGION.search(text, start, end)) and not self.in_ho_sentence(fact)

    @property
    def fop_suspected(self) -> bool:
        """FOP named as there or as a question, unless the report's last word on the question is that it is not
        ("HO in a child can raise the question of FOP ... FOP is not suspected")."""
        if self.case.answers.known_fop:
            return True
        named = [f for f in self.facts if f.item.kind == "cause" and f.item.concept == "fop"]
        if any(f.item.status in ("present", "historical") for f in named):
            return True
        asked = [f for f in named if f.item.status in ("possible", "absent")]
        # signs against it the report gives after the question answer it ("whether this could be fibrodysplasia
        # ossificans progressiva (FOP). I do not think it is. Ollie's big toes are normal": round 34, 619)
        answered = [f for f in self.facts if f.item.kind == "red_flag" and f.item.concept == FOP_REASSURANCE
                    and f.item.status == "present" and f.item.experiencer == "patient"]
        last = max((*asked, *answered), key=lambda f: (f.reading, f.item.start), default=None)
        return last is not None and last.item.kind == "cause" and last.item.status == "possible"

    def symptoms(self) -> dict[str, list[Evidence]]:
        """Symptom id -> evidence, report first, then the patient's answers; worked out once (every red flag
        asks), a fresh copy each time."""
        if self._symptoms is None:
            self._symptoms = self._find_symptoms()
        return {symptom: list(evidence) for symptom, evidence in self._symptoms.items()}

    def _find_symptoms(self) -> dict[str, list[Evidence]]:
        found: dict[str, list[Evidence]] = {}
        for fact in self.facts:
            if fact.item.kind == "symptom" and fact.item.status == "present" and not self._elsewhere(fact) \
                    and not self.denied_later(fact):
                found.setdefault(fact.item.concept, []).append(fact.evidence)
        for symptom in self.case.answers.symptoms:
            found.setdefault(symptom, [])
        return found

    def denied_later(self, fact: Located[Fact]) -> bool:
        """A passing sign (a fever, a hot or swollen limb; its symptom or its red-flag sign) that a later sentence of
        the report says is not there now: the diagnosis's "swelling and warmth of both thighs, low-grade fever" in June,
        then "no fevers since" and "No warmth or swelling of the thighs" on examination today (round 25, 460 was told
        to get checked for an infection today)."""
        if self._denials is None:
            signs = [f for f in self.facts if f.item.kind == "symptom" and f.item.concept in PASSING_SIGNS]
            # (not "no marrow oedema": an image's word, no word on the limb's swelling: round 20, 380)
            self._denials = ({(f.reading, f.item.concept): f.item.start for f in signs
                              if f.item.status == "absent" and f.item.experiencer == "patient"
                              and not OEDEMA.fullmatch(f.item.text)},
                             {(f.reading, f.item.start): f.item.concept for f in signs})
        last_denial, sign_at = self._denials
        # a red flag's sign ("low-grade fever") is read as the symptom its words also are
        concept = sign_at.get((fact.reading, fact.item.start)) if fact.item.kind == "red_flag" else fact.item.concept
        last = last_denial.get((fact.reading, concept)) if concept is not None else None
        return last is not None and last >= self.sentence_of(fact)[2]

    def treatments_given(self, concept: str | None = None) -> list[Located[Fact]]:
        return [f for f in self.affirmed("treatment", concept)
                if not self.proposed(f) and self.outcomes.outcome(f) not in NOT_HAD and not self.for_else(f)]

    def for_else(self, fact: Located[Fact]) -> bool:
        """A medicine taken for something else ("On regular ibuprofen for OA hands/L hip": round 18, 338 was told of a
        medicine it had had to slow or prevent HO), or named as what harmed the patient ("the attack after
        ibuprofen")."""
        text = self.case.readings[fact.reading].text
        return TAKEN_FOR_ELSE.match(text, fact.item.end, fact.item.end + TAKEN_FOR_REACH) is not None \
            or HARMED_BY.search(text, max(0, fact.item.start - HARMED_BY_REACH), fact.item.start) is not None \
            or EFFECT_TOLD.match(text, fact.item.end) is not None

    def treatments_not_given(self) -> set[str]:
        """Treatments the report says were never given or were stopped early ("indomethacin stopped after 3
        days because of a bleed"): no protection to count on, whatever the patient ticked."""
        return {f.item.concept for f in self.affirmed("treatment") if self.outcomes.outcome(f) in NOT_HAD}

    def risk_factors(self) -> dict[str, list[Evidence]]:
        found: dict[str, list[Evidence]] = {}
        for fact in self.affirmed("risk_factor"):
            # an earlier record's removal the report corrects is no HO had before ("The original request stated 'prior
            # excision of heterotopic ossification' ... no bone was removed": round 34, 624)
            if fact.item.concept == PRIOR_HO and self.none_removed_before and REMOVAL_WORD.search(
                    self.case.readings[fact.reading].text, *self.sentence_of(fact)[1:]):
                continue
            found.setdefault(fact.item.concept, []).append(fact.evidence)
        return found


# what a medicine does, told of its class, is no course given ("note NSAIDs can impair fracture healing (as per
# ortho)": round 32, 584's MDT minutes, which put off any NSAID, were read as planning one and then as one started)
EFFECT_TOLD = re.compile(r"\s+(?:can|may|might|could|will|do|does)\s+(?:\w+\s+)?(?:impair|slow|delay|cause|affect|"
                         r"increase|harm|reduce|interfere|inhibit|upset|worsen|damage|raise)\w*\b", re.IGNORECASE)


# a line that opens with a date: an entry of a dated record ("16.11.2026. Knee flexion 105 degrees ... RTG: ossified
# myositis 8 x 3 cm, mature (ripe)" under "14.09.2026. MR ...: ossified myositis in phase of maturation")
ENTRY_DATE = re.compile(r"(?m)^[ \t]*(?:(\d{1,2})[./-](\d{1,2})[./-](\d{4})|(\d{4})-(\d{2})-(\d{2}))\b")


def _latest_entry(found: list[Located[Finding]], readings: tuple[Reading, ...]) -> list[Located[Finding]]:
    """``in_latest_entry`` of findings in one report; findings in several reports are kept whole."""
    if len({f.reading for f in found}) != 1:
        return found
    return in_latest_entry(readings[found[0].reading].text, found, lambda f: f.item.start)


Item = TypeVar("Item")


def in_latest_entry(text: str, found: list[Item], start_of: Callable[[Item], int]) -> list[Item]:
    """The items (at ``start_of``) of the latest dated entry that has any, where they lie in two entries or more of
    one record (round 30, 562: a summary's control examinations, the newest last, were told "maturing" from an
    earlier one's "in phase of maturation"); else all of them."""
    if len(found) < 2:
        return found
    starts, dates = _entries(text)
    dated = []
    for item in found:
        i = bisect_right(starts, start_of(item)) - 1
        if i < 0:
            return found
        dated.append((dates[i], item))
    latest = max(d for d, _ in dated)
    return found if all(d == latest for d, _ in dated) else [item for d, item in dated if d == latest]


@lru_cache(maxsize=8)
def _entries(text: str) -> tuple[list[int], list[tuple[int, int, int]]]:
    """Where each dated entry starts, and its date (year, month, day), in one pass."""
    starts, dates = [], []
    for entry in ENTRY_DATE.finditer(text):
        day, month, year, iso_year, iso_month, iso_day = entry.groups()
        starts.append(entry.start())
        dates.append((int(year), int(month), int(day)) if year else (int(iso_year), int(iso_month), int(iso_day)))
    return starts, dates


def _turned_down(fact: Fact) -> bool:
    """A denial among the words that modify the operation ("... and he declined")."""
    return any(t.category == "negated" for t in fact.triggers)


def _superseded_spans(reading: Reading) -> tuple[list[int], list[int]]:
    """The starts and ends of the reading's conclusions that a later conclusion of the same kind follows."""
    last = {s.id: s.start for s in reading.sections if s.id in CONCLUDING_SECTIONS}
    spans = sorted((s.start, s.end) for s in reading.sections if s.id in CONCLUDING_SECTIONS and s.start < last[s.id])
    return [a for a, _ in spans], [b for _, b in spans]


def done_for(text: str, operation_end: int, start: int) -> bool:
    """What starts at ``start`` is what the operation ending at ``operation_end`` was done for: named just after it in
    its sentence, "for" (or "because of", "after") between them."""
    return (0 <= start - operation_end <= OPERATED_FOR_REACH
            and OPERATED_FOR.search(text, operation_end, start) is not None
            and not SENTENCE_BREAK.search(text, operation_end, start))


def _if_ever(fact: Fact, text: str) -> bool:
    """A treatment the context rules call hypothetical by "any" ("any excision", "any surgery"), or that is itself the
    condition an "if" opens ("low dose CT if excision is being considered": round 15, 281 was told an operation is
    planned), or that opens "if you ever" (``text``: the fact's report): a step only if ever."""
    return fact.status == "hypothetical" and any(
        t.phrase.lower().startswith("any ") or t.phrase.lower() in _ONE_DAY_PERHAPS
        or (t.phrase.lower() == "if" and (0 <= fact.start - t.end <= _IF_REACH
                                          or _IF_EVER.match(text, t.end) is not None))
        for t in fact.triggers)


# an option the team may talk over one day ("surgical removal could be discussed with the orthopaedic team" after
# "Surgery is not being considered": round 21, 397 was told an operation is planned): context_rules.yaml
# ... or that the report weighs as rarely needed, or by what it risks ("Excision is only rarely needed for persistent
# symptoms ...; early excision risks recurrence" under "Surgery not indicated": round 25, 470)
_ONE_DAY_PERHAPS = frozenset({"could be discussed", "can be discussed", "could be considered", "can be considered",
                              "is only rarely needed", "is rarely needed", "only rarely needed", "rarely needed",
                              "is rarely required", "rarely required", "risks recurrence", "risks regrowth"})


# characters from "if" to the step it makes a condition: "if surgical excision", not "if it persists, excision"
_IF_REACH = 12
# "If you ever need your left hip replaced, tell the surgeon ..." (round 30, 554 was told a joint replacement is
# planned)
_IF_EVER = re.compile(r"\s+(?:you|he|she|they|we)\s+(?:ever|later|one day|in future|in the future)\b", re.IGNORECASE)


def _signed(sentence: str) -> bool:
    """Every line of the sentence is a signature: a reporter and the consultant they sign for, on two lines
    with no full stop between, are one sentence to the splitter."""
    lines = [line.strip() for line in sentence.splitlines() if line.strip()]
    # a role on its own line under the name ("Dr. R. Deshpande, MD (Radiodiagnosis)" / "Consultant Radiologist"), and
    # how the text was made ("Dictated 04/12/2026, typed 05/12/2026")
    return bool(lines) and bool(SIGNATURE.match(lines[0]) or SIGN_OFF.fullmatch(lines[0])) and all(
        SIGNATURE.match(line) or ROLE_LINE.match(line) or SIGN_OFF.fullmatch(line) for line in lines[1:])
