"""The patient's own words ("fell off a ladder and broke my elbow", "can't lift my arm, no fever") read
with the report's vocabulary and ConText, merged into the coded answers, and said back plainly.

What is read is kept apart from the report: it becomes the patient's answers (causes, symptoms, a
removal, prevention given), so every answer that uses it says "you told us", and a red-flag word in it
("my calf is swollen") is screened like the coded warning signs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import get_args

from hoguide.guidance.case_causes import NEAREST_CHOICE
from hoguide.guidance.medicines import NSAID
from hoguide.guidance.view import (
    CONTUSION,
    CORD_ILLNESS,
    JOINT_REPLACEMENTS,
    KEYHOLE_HIP,
    NERVE_ILLNESS,
    OTHER_SURGERY,
    SPINAL_CORD,
    names_instead,
)
from hoguide.knowledge.loader import KnowledgeBase
from hoguide.knowledge.schema import AskedTopic
from hoguide.models.case import (
    PATIENT_SYMPTOM_LABELS,
    CauseId,
    ConditionId,
    PatientAnswers,
    PatientSymptom,
    Prophylaxis,
)
from hoguide.models.reading import Fact
from hoguide.reading.phrases import any_phrase
from hoguide.reading.reader import reader_for

AFFIRMED = ("present", "historical")
CAUSES: frozenset[str] = frozenset(get_args(CauseId))
SYMPTOMS: frozenset[str] = frozenset(get_args(PatientSymptom))
PROPHYLAXIS: frozenset[str] = frozenset(get_args(Prophylaxis))
# words that make a medicine the patient took a prevention: "took naproxen for 2 weeks after the op to stop this"
PREVENTION_WORDS = re.compile(r"\b(?:stop|stops|stopping|prevent|prevents|preventing|prevention|prophylaxis|"
                              r"after (?:the|my|his|her) (?:op|operation|surgery|replacement)|after surgery|"
                              r"to stop it|so it (?:would not|wouldn't|doesn't|does not))\b", re.IGNORECASE)
CONDITIONS: frozenset[str] = frozenset(get_args(ConditionId))
# Words a patient uses for the warning signs the coded form asks about (content/red_flags.yaml reads these).
SIGN_SYMPTOMS = {("red_flag", "dvt_sign"): "calf_pain", ("red_flag", "nerve_sign"): "numbness",
                 ("red_flag", "infection_sign"): "fever", ("course", "reduced_motion"): "stiffness",
                 ("course", "motion_from_ho"): "stiffness",
                 ("red_flag", "pe_sign"): "shortness_of_breath",
                 ("red_flag", "pressure_sore"): "skin_sore"}
GENERIC_TRAUMA = "other_fracture_or_trauma"
GENETIC = "other_genetic"  # a rare inherited bone-forming condition (GNAS), not any inherited illness
ANTICOAGULANT = "anticoagulant"  # lexicon/treatment.yaml
ENDED = re.compile(r"\b(?:finished|stopped|completed|came off|come off|no longer|not on|used to)\b", re.IGNORECASE)
ENDED_REACH = 40  # characters before a medicine searched for the words that say it has ended
BLEEDING_RISK = "bleeding_risk"  # lexicon/condition.yaml: the form's box for it
OPERATION_CAUSES = frozenset({*JOINT_REPLACEMENTS, KEYHOLE_HIP, OTHER_SURGERY})  # operations a patient may have to come
# named injuries a fall or a crash can be how they happened
CAUSED_BY_A_FALL = frozenset({"elbow_trauma_or_surgery", "acetabular_fracture", "muscle_contusion",
                              "spinal_cord_injury", "traumatic_brain_injury", "amputation_or_blast", "burns"})
ELBOW = "elbow_trauma_or_surgery"
DISLOCATION = re.compile(r"(?i:dislocated|dislocation)")
# A place right after a denied symptom ("not swollen below the knee"): denied there only
PLACE_AFTER = re.compile(r"\s+(?:below|above|under|beneath|beyond|around|in|at|on)\b", re.IGNORECASE)
ECHO_CHARS = 120  # the patient's event words said back
CLAUSE_BREAK = re.compile(r"[,;:]\s+|\s+-\s+")  # where a long question may be cut to keep its end
# the patient's words for an event with no blow ("came on by itself, I didn't fall or bang it": round 20, 369)
NO_BLOW = re.compile(r"\b(?:came on|came up|started|happened|appeared|bled)\s+(?:by itself|on its own|out of nowhere)\b"
                     r"|\b(?:didn't|did not|never)\s+(?:fall|bang|knock|hit|injure|hurt)\b"
                     r"|\bno (?:injury|fall|knock)\b", re.IGNORECASE)
# a question whether an operation will be needed (round 20, 375: "Does this mean my hip is wearing out and I'll need a
# hip replacement?" was read as a hip replacement planned)
NEED_ASKED = re.compile(r"\b(?:need|needs|have to|has to|end up)\b", re.IGNORECASE)
# a sentence of the patient's that asks, with a question mark or in so many words ("My mum wants to know if we should
# get it massaged out.": round 10, 187)
QUESTION = re.compile(r"[^.!?\n]*\?|[^.!?\n]*\b(?:want(?:s|ed)? to know|wonder(?:ing)?|would like to know|"
                      r"need to know|not sure) (?:if|whether|when|how|what|why)\b[^.!?\n]*[.!]?"
                      # ... or that starts as a question and ends without its mark ("Can I take naproxen for the pain,
                      # my kidneys were bad but they say they're better now.": round 21, 388 was told it had had
                      # prevention)
                      r"|(?:^|(?<=[.!?\n]))[ \t]*(?:can|could|should|may) (?:i|we|he|she)\b[^.!?\n]*[.!]?"
                      # ("Is it safe to operate before the bone is ready - I read online you have to wait over a
                      # year.": round 23, 421)
                      r"|(?:^|(?<=[.!?\n]))[ \t]*(?:is|are|will|would|does|do) (?:it|this|that|there|my)\b"
                      r"[^.!?\n]*[.!]?"
                      # ... or a worry told as one ("I was also worried the radiotherapy could give me cancer later
                      # on.": round 23, 422 and 424 heard nothing of it)
                      r"|(?:^|(?<=[.!?\n]))[ \t]*(?:i'?m|i am|i was|we are|we're|we were)(?: also| really| a bit)? "
                      r"(?:worried|scared|afraid|concerned|anxious|frightened)\b[^.!?\n]*[.!]?",
                      re.IGNORECASE)
SHORT_QUESTION_WORDS = 5  # "Should I still go?": too few words to say what it asks about
SENTENCE_ENDS = re.compile(r"(?<=[.!?])\s+")
# Words of someone filling the form in for the patient: "I'm her son", "filling this in for my dad", "on behalf of
# my wife", or the story told of another: "Mum fell at her care home", "He bumped his back at nursery" (round 12,
# 230 and 231), unless the patient is in it too ("My son pushed me over").
RELATIVE = (r"(?:mum|mom|mummy|mother|dad|daddy|father|son|daughter|husband|wife|partner|child|baby|boy|girl|"
            r"grandson|granddaughter|gran|nan|nana|grandma|grandmother|grandad|grandpa|grandfather|sister|brother)")
FOR_SOMEONE_ELSE = re.compile(
    rf"\bI(?:'m|’m| am) (?:his|her|their) (?:{RELATIVE}|carer|caregiver|care giver|nurse|key ?worker)\b"
    r"|\b(?:filling (?:this|it) (?:in|out)|answering|writing) (?:for|on behalf of) (?:my|our|him|her)\b"
    r"|\bon behalf of (?:my|our)\b", re.IGNORECASE)
STORY_OF_ANOTHER = re.compile(rf"\s*(?:(?:my|our) {RELATIVE}|(?-i:Mum|Mom|Mummy|Dad|Daddy|He|She))\b",
                              re.IGNORECASE)
FIRST_PERSON = re.compile(r"\b(?:I|me|I'm|I've|I’m|I’ve|myself)\b")
PROPHYLAXIS_WORDS = {"nsaid": "an anti-inflammatory medicine", "radiotherapy": "radiation"}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


@dataclass(frozen=True, slots=True)
class Understood:
    """The answers with the free text merged in, and what was read, said back to the patient."""

    answers: PatientAnswers
    said_back: tuple[str, ...]
    # the patient's own questions, in their words ("Will I be able to go back to work as a hairdresser?"): carried to
    # the questions for the doctor, never answered by us (round 9: 171, 173, 178, 182 asked about sport, work, driving)
    questions: tuple[str, ...] = ()
    # a son, a parent or a carer fills the form in for the patient ("I'm her son filling this in. Mum has dementia":
    # round 12, 230): the page says so before it says "you"
    for_someone_else: bool = False
    # operations still to come that their words name ("Could the bone get worse when they do my colostomy reversal
    # operation?": round 15, 289), told or asked about: a ticked "surgery planned" is one of them, not removing the HO
    operations_to_come: frozenset[str] = frozenset()
    # the topics of their questions that the knowledge answers (content/answer_rules.yaml ``asked``: "Can I still
    # run?" is ``activity``): each answer says what our sources know of them (guidance/rules.py)
    asked: frozenset[str] = frozenset()


# What a patient asks about states nothing they have had: "Can I take ibuprofen, or will it hurt the baby?" is no
# medicine taken (round 11, 211), "Could it be from my fall?" no cause. Their symptoms stand, asked about or not.
ASKED_NOT_TOLD = frozenset({"treatment", "cause", "condition", "illness"})
# a medicine the patient asks to take, with or without a question mark, is none they took ("so can I take ibuprofen
# instead, my neighbour swears by it": round 24, 442 was said back "Prevention given or planned: an anti-inflammatory")
ASK_TO_TAKE = re.compile(r"\b(?:can|could|should|may|shall|do|would)\s+(?:i|she|he|we|they)\s+(?:still\s+)?"
                         r"(?:take|have|use|try|start|get)\b[^.?!\n]{0,12}$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Read:
    """One text of the patient's, read once: their facts, and where their questions are."""

    facts: tuple[Fact, ...] = ()
    questions: tuple[tuple[int, int], ...] = ()
    text: str = ""

    def asked(self, fact: Fact) -> bool:
        return any(s <= fact.start < e for s, e in self.questions)

    def feared(self, fact: Fact) -> bool:
        """Asked whether it will be needed: "Does this mean I'll need a hip replacement?" is a worry, not a plan; so is
        the same operation named earlier in that question ("every site talks about hip replacements and bone fusing
        the hip - does this mean I'll need a hip replacement?": round 22, 407 was told one is planned)."""
        return any(s <= fact.start < e and (NEED_ASKED.search(self.text, s, fact.start) or any(
            other.concept == fact.concept and fact.start < other.start < e
            and NEED_ASKED.search(self.text, s, other.start) for other in self.facts)) for s, e in self.questions)


def _read(text: str | None, kb: KnowledgeBase, of_another: bool = False) -> _Read:
    """The words read as the patient's; with ``of_another`` (the story of the one the form is filled in for: "My wife
    had a stroke (bleed in the brain)", round 31, 579, was matched to no cause) a relative's facts are the patient's."""
    if not text or not text.strip():
        return _Read()
    return _Read(tuple(f for f in reader_for(kb).read(text).facts
                       if f.experiencer == "patient" or (of_another and f.experiencer == "other")),
                 tuple((m.start(), m.end()) for m in QUESTION.finditer(text)), text)


def _facts(read: _Read) -> list[Fact]:
    """The patient's facts; a symptom inside a warning sign's words ("pain" in "chest pain") is that sign."""
    facts = [f for f in read.facts if not (f.kind in ASKED_NOT_TOLD and read.asked(f))
             and not (f.kind == "treatment" and ASK_TO_TAKE.search(read.text, max(0, f.start - 40), f.start))]
    signs = [(f.start, f.end) for f in facts if f.kind == "red_flag"]
    return [f for f in facts if not (f.kind == "symptom" and any(s <= f.start and f.end <= e for s, e in signs))]


def _labels(kb: KnowledgeBase, kind: str, ids: list[str]) -> str:
    names = {c.id: c.label for c in kb.concepts(kind)}
    return ", ".join(names.get(i, i.replace("_", " ")) for i in ids)


def _symptoms(ids: Iterable[str]) -> str:
    return ", ".join(PATIENT_SYMPTOM_LABELS[i].lower() for i in ids)


def _clipped(words: str) -> str:
    """The patient's words, one line, cut at a word before ECHO_CHARS."""
    line = " ".join(words.split())
    return line if len(line) <= ECHO_CHARS else line[:line.rfind(" ", 0, ECHO_CHARS)] + " ..."


# a heading of the patient's own over questions pasted below a report: "My questions for Mr X (appt 14th Dec):",
# "Questions for my surgeon", "Things I want to ask:"
PASTED_QUESTIONS = re.compile(r"(?im)^[ \t]*(?:(?:my|our)\s+(?:own\s+)?questions|questions\s+(?:for|to ask)\s+"
                              r"(?:my|the|dr|mr|mrs|ms|miss|prof)\b|things\s+(?:i|we)\s+(?:want|would like|need)\s+"
                              r"to\s+ask)[^\n]*$")
PASTED_REACH = 1500  # characters of questions read after such a heading
PARAGRAPH_AFTER_TEXT = re.compile(r"\S[^\n]*\n[ \t]*\n")  # a blank line after a line of text ends the questions


def _question(words: str) -> str:
    """A patient's question, one line; a long one keeps its end, where the question is ("The scan person said it
    might be bone, which I read is harmless, so do I really need to see a cancer team?": round 11, 216 lost the
    question when its start was kept)."""
    line = " ".join(words.split())
    if len(line) <= ECHO_CHARS:
        return line
    cut = next((m.end() for m in CLAUSE_BREAK.finditer(line) if len(line) - m.end() <= ECHO_CHARS), None)
    return "... " + line[cut:] if cut is not None else _clipped(line)


def _operations_to_come(reads: Iterable[_Read], causes: Iterable[str]) -> frozenset[str]:
    """The operations the patient's words name as still to come, in a question or not (a cause named only in a
    question is no cause told, but an operation asked about is one planned). The operation that caused the HO, asked
    about ("Will my hip replacement fail?"), is no second one; told as still to come, it is ("My surgeon wants to do
    my left hip next year" after a right hip replacement: round 15, 287 was told its HO is to be removed)."""
    had = set(causes)
    return frozenset(f.concept for read in reads for f in read.facts
                     if f.kind == "cause" and f.concept in OPERATION_CAUSES and not read.feared(f)
                     and (f.status == "hypothetical" or (read.asked(f) and f.concept not in had)))


def _blood_thinner_now(fact: Fact, text: str) -> bool:
    """A blood thinner the patient's words say they take, not one they have finished."""
    return fact.kind == "treatment" and fact.concept == ANTICOAGULANT and fact.status == "present" \
        and not ENDED.search(text, max(0, fact.start - ENDED_REACH), fact.start)


def _with_its_subject(text: str, question: re.Match[str]) -> str:
    """A short question with the sentence before it, which says what it asks about: "I've got a wisdom tooth booked to
    come out ... they said they'd do the usual numbing injection. Should I still go?" (round 23, 429)."""
    words = question.group(0).strip()
    if len(words.split()) > SHORT_QUESTION_WORDS:
        return words
    before = SENTENCE_ENDS.split(text[:question.start()].rstrip())
    return f"{before[-1]} {words}" if before and before[-1].strip() else words


def topics_named(texts: Iterable[str], kb: KnowledgeBase) -> frozenset[str]:
    """Every topic of ``kb.asked`` that a text has a phrase of each group of: a plan line may speak to several
    ("Please contact us before any dental treatment ... her FOP plan" is about FOP and about dental work: round 20,
    381), where a question is of its first."""
    texts = list(texts)
    return frozenset(topic.topic for topic in kb.asked if any(_speaks_to(topic, text) for text in texts))


# a plan line that gives its own time ("earliest match return ~4-6 wks (mid 01/2027)"), not only a direction ("Continue
# progressive return to sport")
TIMED = re.compile(r"\b\d{1,2}\s*(?:-|to)?\s*\d{0,2}\s*(?:wks?|weeks?|months?|mths?|days?|/52|/12)\b"
                   r"|\b\d{1,2}/(?:19|20)?\d{2}\b", re.IGNORECASE)


def topics_timed(texts: Iterable[str], kb: KnowledgeBase) -> frozenset[str]:
    """``topics_named`` of the texts that give a time of their own."""
    return topics_named((text for text in texts if TIMED.search(text)), kb)


def asked_topics(questions: Iterable[tuple[str, ...]], kb: KnowledgeBase) -> frozenset[str]:
    """The topics of ``kb.asked`` the questions ask about: a question is of the first topic in the table that it has a
    phrase of each group of ("Should I take the etidronate tablets?" is about etidronate, not anti-inflammatories).
    Each question comes as its readings, own words first: the sentence before it is read only where its own words
    name no topic ("Will it stop me running?" after a question on ibuprofen asks about running: round 28, 517)."""
    found = (next((topic.topic for reading in readings for topic in kb.asked if _speaks_to(topic, reading)), None)
             for readings in questions)
    return frozenset(topic for topic in found if topic is not None)


def _speaks_to(topic: AskedTopic, text: str) -> bool:
    """The text has a phrase of each of the topic's groups of words, and none of its ``unless``."""
    if topic.unless and (unless := any_phrase(topic.unless)) is not None and unless.search(text):
        return False
    return all(pattern.search(text) for group in topic.words if (pattern := any_phrase(group)))


def _for_prevention(text: str, fact: Fact) -> bool:
    """The sentence that names the medicine says it was to stop the bone or given after the operation."""
    start = max((text.rfind(mark, 0, fact.start) for mark in ".?!\n"), default=-1) + 1
    ends = [i for mark in ".?!\n" if (i := text.find(mark, fact.end)) >= 0]
    return PREVENTION_WORDS.search(text, start, min(ends, default=len(text))) is not None


def _when(answers: PatientAnswers) -> str:
    day = answers.event_date
    if day is None:
        return ""
    if answers.event_date_year_only:
        return str(day.year)
    if answers.event_date_month_only:
        return f"{MONTHS[day.month - 1]} {day.year}"
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def questions_pasted_in(reports: Iterable[str]) -> list[str]:
    """The patient's own questions pasted under a report: the lines after a heading of theirs ("My questions for Mr
    Anand-Price (appt 14th Dec):", round 29, 530 had three, all missed), up to a blank line after a line of text or
    ``PASTED_REACH`` characters; read only for their questions, which are the patient's as the form's are."""
    blocks = []
    for text in reports:
        for heading in PASTED_QUESTIONS.finditer(text):
            end = PARAGRAPH_AFTER_TEXT.search(text, heading.end(), heading.end() + PASTED_REACH)
            blocks.append(text[heading.end():end.start() if end else heading.end() + PASTED_REACH])
    return blocks


def understand(answers: PatientAnswers, kb: KnowledgeBase, pasted: Sequence[str] = ()) -> Understood:
    """The answers read with the patient's own words; ``pasted`` are more of their words (``questions_pasted_in``),
    read for their questions only."""
    story_of_another = bool(answers.event and STORY_OF_ANOTHER.match(answers.event)
                            and not FIRST_PERSON.search(answers.event))
    reads = (_read(answers.event, kb, story_of_another), _read(answers.symptoms_text, kb))
    event_facts, symptom_facts = _facts(reads[0]), _facts(reads[1])
    facts = event_facts + symptom_facts
    causes = [f.concept for f in facts if f.kind == "cause" and f.status in AFFIRMED and f.concept in CAUSES]
    if GENERIC_TRAUMA in causes and CAUSED_BY_A_FALL & set(causes):
        causes.remove(GENERIC_TRAUMA)  # "fell off a ladder and broke my elbow": the fall is how the elbow broke
        # ... and a dislocation beside the elbow injury is the elbow's ("Fell ... and dislocated and broke my right
        # elbow": round 32, 585 was told its answers name another injury)
        if ELBOW in causes:
            dislocations = sum(1 for f in facts if f.kind == "cause" and f.concept == GENERIC_TRAUMA
                               and f.status in AFFIRMED and DISLOCATION.fullmatch(f.text))
            for _ in range(min(dislocations, causes.count(GENERIC_TRAUMA))):
                causes.remove(GENERIC_TRAUMA)
    symptoms = [f.concept for f in facts if f.kind == "symptom" and f.status == "present" and f.concept in SYMPTOMS]
    symptoms += [SIGN_SYMPTOMS[(f.kind, f.concept)] for f in facts
                 if (f.kind, f.concept) in SIGN_SYMPTOMS and f.status == "present"]
    # "leg not swollen below the knee" denies swelling in one place only: beside "a big hard lump" it is no
    # "you do not have swelling"
    denied = [f.concept for f in symptom_facts if f.kind == "symptom" and f.status == "absent"
              and f.concept in SYMPTOMS and not PLACE_AFTER.match(answers.symptoms_text or "", f.end)]
    denied += [f.concept for f in event_facts if f.kind == "symptom" and f.status == "absent" and f.concept in SYMPTOMS]
    denied += [SIGN_SYMPTOMS[(f.kind, f.concept)] for f in facts
               if (f.kind, f.concept) in SIGN_SYMPTOMS and f.status == "absent"]
    treated = {f.concept for f in facts if f.kind == "treatment" and f.status in AFFIRMED}
    # an anti-inflammatory taken for pain is no prevention had: "is ibuprofen ok for the ache, I've been taking a couple
    # now and then" (round 29, 536 was told of prevention given); one taken to stop the bone, or after the operation, is
    if NSAID in treated and not any(
            _for_prevention(text, f) for text, told in ((answers.event, event_facts), (answers.symptoms_text,
                                                                                       symptom_facts))
            if text for f in told if f.kind == "treatment" and f.concept == NSAID and f.status in AFFIRMED):
        treated.discard(NSAID)
    # "I'm 19 weeks pregnant", "I have kidney disease": reasons for care with anti-inflammatory medicines
    conditions = [f.concept for f in facts
                  if f.kind == "condition" and f.status in AFFIRMED and f.concept in CONDITIONS]
    # a blood thinner they take is a bleeding risk with an anti-inflammatory ("has injections in her tummy for clots":
    # round 28, 511 was offered NSAIDs with no word of bleeding)
    # (taken now: "I finished my blood-thinning injections a few weeks ago" is none, round 20, 371)
    if any(_blood_thinner_now(f, answers.event or "") for f in event_facts) \
            or any(_blood_thinner_now(f, answers.symptoms_text or "") for f in symptom_facts):
        conditions.append(BLEEDING_RISK)
    # ... and one their words deny is a box ticked for something the form lacks, whatever else names it ("I ticked
    # pregnancy because there was no breastfeeding box - I am NOT pregnant": round 28, 517 was warned of medicines in
    # pregnancy)
    denied_conditions = {f.concept for f in facts if f.kind == "condition" and f.status == "absent"}
    ticked = list(answers.causes)
    # their own words say what a ticked box meant: "keyhole hip surgery (arthroscopy)" a ticked "hip replacement"
    # (case_causes.NEAREST_CHOICE)
    # (or their words for the event as a whole: "broke my left hip, they put a rod and a screw in it", round 22, 401)
    for box, named, words in NEAREST_CHOICE:
        if box in ticked and box not in causes and any(
                f.kind == "cause" and f.concept == named and f.status in AFFIRMED and (
                    names_instead(f.text, words) or (words is not None and words.search(answers.event or "")))
                for f in facts):
            ticked.remove(box)
    # "Guillain-Barre, was on a ventilator for 7 weeks" in their words, with no cord damage, is what a ticked "spinal
    # cord injury" meant: an illness of the nerves is no cord injury (round 13, 244)
    illnesses = {f.concept for f in facts if f.kind == "illness" and f.status in AFFIRMED}
    nerve_not_cord = SPINAL_CORD in ticked and NERVE_ILLNESS in illnesses and CORD_ILLNESS not in illnesses \
        and SPINAL_CORD not in causes
    if nerve_not_cord:
        ticked = [c for c in ticked if c != SPINAL_CORD]
    # a rare inherited bone-forming condition (GNAS) is a cause where it is named, not on a tick alone: a patient with
    # haemophilia ticks "other inherited condition" for the inherited illness they have (round 16, 299 was told "Your
    # report mentions a rare inherited condition" and that bone often starts in the skin in early childhood); the
    # report's own naming of it still counts (guidance/view.py)
    if GENETIC not in causes:
        ticked = [c for c in ticked if c != GENETIC]
    # "came on by itself, I didn't fall or bang it" beside a ticked "muscle bruise": their words deny the blow the box
    # names (round 20, 369: a bleed into the thigh on warfarin)
    denied_causes = {f.concept for f in facts if f.kind == "cause" and f.status == "absent"} - set(causes)
    if GENERIC_TRAUMA in denied_causes or NO_BLOW.search(answers.event or ""):
        denied_causes |= {GENERIC_TRAUMA, CONTUSION} - set(causes)
    ticked = [c for c in ticked if c not in denied_causes]
    # "I need a left knee replacement" beside a ticked knee replacement: the operation is still to come (round 12, 237)
    # (an operation only: an injury they read about is none to come, round 20, 373: "I read online that extra bone can
    # grow after elbow fractures" beside a ticked elbow injury)
    to_come = {f.concept for f in facts if f.kind == "cause" and f.status == "hypothetical"
               and f.concept in OPERATION_CAUSES} - set(causes)
    ticked = [c for c in ticked if c not in to_come]
    merged = answers.model_copy(update={
        "causes": tuple(dict.fromkeys((*ticked, *causes))),
        "symptoms": tuple(dict.fromkeys((*answers.symptoms, *symptoms))),
        "prior_excision": answers.prior_excision or "excision" in treated,
        "prophylaxis": tuple(dict.fromkeys((*answers.prophylaxis, *sorted(treated & PROPHYLAXIS)))),
        "conditions": tuple(c for c in dict.fromkeys((*answers.conditions, *conditions)) if c not in denied_conditions),
        "known_fop": answers.known_fop or any(f.kind == "cause" and f.concept == "fop" and f.status == "present"
                                              for f in facts),
    })
    said_back = []
    # FOP is no event: it is said as "You have been told you have FOP" below
    event = _labels(kb, "cause", [c for c in dict.fromkeys(merged.causes) if c != "fop"])
    # what we made of their words is what their words say, not the boxes they ticked beside them (round 24, 454: "broke
    # my left thigh bone, had a rod put in" was said back as "we read: brain injury", a box ticked for a concussion)
    # (the event's words: "my hip replacement is fine" in the symptoms is no reading of "Kidney stone attack, went to
    # A&E in the night", round 24, 437)
    in_event = {f.concept for f in event_facts if f.kind == "cause"}
    in_words = _labels(kb, "cause", [c for c in dict.fromkeys(causes) if c != "fop" and c in in_event])
    when = _when(answers)
    if answers.event:  # the patient's own words first, then what we made of them
        # "came up on its own, I didn't bang it" beside FOP: no injury is what was said, not a word we missed
        ticked_labels = _labels(kb, "cause", [c for c in dict.fromkeys(answers.causes) if c != "fop"])
        read = (f"we read: {in_words}" if in_words
                else f"we could not match your words to a known cause of HO; you ticked: {ticked_labels}"
                if ticked_labels
                # (a cause found only in their other words is no box ticked: round 26, 485's old wrist sprain)
                else f"we could not match your words to a known cause of HO; in your other words we read: {event}"
                if event
                else "we found no injury or operation in them" if merged.known_fop or "fop" in merged.causes
                else "we could not match your words to a known cause of HO")
        said_back.append(f'What happened: "{_clipped(answers.event)}" ({read})' + (f", {when}." if when else "."))
    elif event or when:
        said_back.append("What happened: " + ", ".join(x for x in (event, when) if x) + ".")
    if merged.symptoms:
        said_back.append("Symptoms: " + _symptoms(merged.symptoms) + ".")
    denied = [d for d in dict.fromkeys(denied) if d not in merged.symptoms]
    if denied:
        said_back.append("You said you do not have: " + _symptoms(denied) + ".")
    if merged.conditions:
        said_back.append("Health problems that need care with some medicines: "
                         + _labels(kb, "condition", list(merged.conditions)) + ".")
    said_back += [line for flag, line in (
        (merged.prior_excision, "HO was removed by surgery before."),
        (bool(merged.prophylaxis),
         "Prevention given or planned: " + ", ".join(PROPHYLAXIS_WORDS[p] for p in merged.prophylaxis) + "."),
        (merged.surgery_planned, "An operation is planned."),
        # (said, not only done: "Is this from the GBS damaging his nerves like a spinal injury?", round 32, 594)
        (nerve_not_cord, "You ticked \"spinal cord injury\", but your words tell of an illness of the nerves, such as "
                         "Guillain-Barre syndrome. It is not an injury to the spinal cord, so we do not count it as "
                         "one, and figures for spinal cord injury may not fit."),
        (merged.known_fop, "You have been told you have FOP."),
        (merged.big_toes_short_or_bent_from_birth, "Your big toes have been short or bent since birth."),
        (merged.hard_lump_after_minor_knock, "A lump came after a small knock, a shot or an illness and turned hard."),
    ) if flag]
    # a question has words: "bone??" is no question of its own (round 14, 257: 'Your question: "?"')
    found = [(text, m) for text in (answers.event, answers.symptoms_text, *pasted) if text
             for m in QUESTION.finditer(text) if re.search(r"\w", m.group(0))]
    asked = [m.group(0).strip() for _, m in found]
    questions = tuple(dict.fromkeys(_question(q) for q in asked))
    if questions:
        said_back.append("Your own questions are first in the list of questions for your doctor.")
    for_someone_else = story_of_another or any(FOR_SOMEONE_ELSE.search(text)
                                               for text in (answers.event, answers.symptoms_text) if text)
    return Understood(merged, tuple(said_back), questions, for_someone_else, _operations_to_come(reads, causes),
                      asked_topics([(m.group(0).strip(), _with_its_subject(text, m)) for text, m in found], kb))
