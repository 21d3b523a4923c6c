"""General statements: a sentence about HO as a topic is not a finding in this patient.

Textbooks, case reports and teaching files say "myositis ossificans is a benign process that
usually follows trauma"; a radiology report says "heterotopic ossification about the right hip".
A sentence whose HO mention ConText left affirmed is read as general (status ``hypothetical``)
when it holds a generic cue (a modal, a generic noun: "usually", "can", "condition", "cases")
and no specific one (a side, a date, a measurement, the patient, a finding verb: "shows", "seen",
"there is"), or a population cue, which no finding sentence uses ("% of cases", "risk factors", a
count of a cohort: "10 of the 33 limbs", "in two patients", "5 had class I"), whatever else it
holds. The word lists are data (``context_rules.yaml``, ``general_statements``); the shape of a
count is here. A population cue is strong enough to make even a hedged mention general ("should be
contemplated in the differential diagnosis"); a generic cue is not ("may represent HO" is a report's hedge).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from hoguide.knowledge.schema import GeneralStatementCues
from hoguide.models.reading import Trigger
from hoguide.reading.kinds import KindStatements, anywhere
from hoguide.reading.phrases import any_phrase

CATEGORY = "hypothetical"
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_COUNT = (r"(?:\d+|" + _TENS + r"-(?:one|two|three|four|five|six|seven|eight|nine)|one|two|three|four|five|six|"
          r"seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
          + _TENS + r"|hundred)")
# Statistics of a study, whatever the nouns: a count with its share ("328 [60.9%]", "five patients
# (33.3%)"), a p-value ("p = 0.0478"), a sample size ("(n = 45)"), a share that did something ("3.3%
# underwent reoperation") or a fraction of a group that did ("19/20 elbow dislocations developed HO", "all 6
# fractures developed"). A
# report gives a share of a joint or a narrowing ("50% of the joint space"), never these.
_COHORT_VERBS = r"(?:developed|underwent|required|received|experienced|had)"
_STUDY_FIGURES = re.compile(
    rf"(?<![\w.]){_COUNT}\s+(?:[\w-]+\s+)?[(\[]\s*\d+(?:\.\d+)?\s*%|(?<![\w.])p\s*[=<>≤]\s*0?\.\d"
    r"|[(\[,;]\s*n\s*=\s*\d"
    rf"|\d\s*%\s+(?:of\s+(?:the\s+)?[\w-]+\s+)?{_COHORT_VERBS}\b"
    # a rate of an event: "symptomatic HO occurred in 3.3%", "HO developed in 12 %"
    r"|\b(?:occurred|developed|formed|recurred|was\s+found|was\s+present|was\s+seen|were\s+seen)\s+in\s+\d+(?:\.\d+)?\s*%"
    rf"|(?<![\w./])\d+\s*/\s*\d+\s+(?:[\w-]+\s+){{0,3}}{_COHORT_VERBS}\b"
    # "all 3 screws had lucency" is a report's; "all 6 fractures developed HO" a study's
    rf"|(?<![\w./])all\s+{_COUNT}\s+(?:[\w-]+\s+){{0,3}}(?:developed|underwent|required|received|experienced)\b",
    re.IGNORECASE)

# Quick searches for what the slow patterns cannot match without, so that a sentence with none of it is not
# searched by them (most sentences a cue is looked for in; each slow search is a few hundred microseconds): a
# count for the cohort counts and the counted assessors, with a cohort noun, "had" or "developed" for the cohort
# and an assessor noun for the assessors; a sign or "all N" for the study figures; a digit for a date. Each is
# implied by every alternative of its pattern, with the same flags, so these rule a pattern out, never a cue in
# (tests/reading/test_general_cues.py holds the cue to the one every pattern gives). Change them with the patterns.
# A count is a whole word (``_COUNT`` has white space after it, and a word edge or white space before), or a
# group's share ("half of the", "two thirds of", "the majority of").
_MAY_COUNT = re.compile(r"\d|\b(?:" + _COUNT[3:-1] + r"|half|thirds?|quarter|most|majority)\b", re.IGNORECASE)
_COHORT_GRADED = re.compile(r"had|developed", re.IGNORECASE)  # "5 had class I", without a cohort noun
_MAY_BE_STUDY_FIGURES = re.compile(r"[%=<>≤/]|(?<![\w./])all\s", re.IGNORECASE)
_DIGIT = re.compile(r"\d")

# Up to two words before a cohort noun ("consecutive elderly patients"), none a possessive ("his joints")
_MODIFIERS = r"(?:(?!(?:his|her|their|its)\b)[\w-]+\s+){0,2}"


def _people_fronted(nouns: tuple[str, ...]) -> re.Pattern[str] | None:
    """A class of people fronted as the sentence's setting ("In adults, ...", "In young athletes, MO follows ...")
    or as its subject with what they have ("Athletes with MO return to play within months", "Adults who
    develop HO ..."): a report's subject is one patient, its setting a place."""
    people = any_phrase(nouns)
    if people is None:
        return None
    return re.compile(rf"(?:^|[.;:]\s*)\W*(?:in\s+{_MODIFIERS}(?:{people.pattern})\s*,"
                      rf"|{_MODIFIERS}(?:{people.pattern})\s+(?:with|who\s+have|who\s+develop|who\s+sustain)\b)"
                      # a comparison across classes of people: "HO was more severe in men"
                      rf"|\bin\s+(?:{people.pattern})(?:\s+than\b|\s*[.;,]|\s*$)",
                      re.IGNORECASE)


def _assessors(nouns: tuple[str, ...]) -> re.Pattern[str] | None:
    """Who assessed a study's images, counted: "graded by two independent observers", "two surgeons assessed"."""
    assessors = any_phrase(nouns)
    if assessors is None:
        return None
    return re.compile(rf"(?<![\w.-]){_COUNT}\s+{_MODIFIERS}(?:{assessors.pattern})", re.IGNORECASE)


def _cohort_counts(nouns: tuple[str, ...]) -> re.Pattern[str] | None:
    """A study's counts: "10 of the 33 residual limbs", "15 of the radiographs", "in two patients", "among
    twelve consecutive elderly patients", "Of the 40 elbows, ...", "in half of the limbs", "5 had class I";
    a possessive is one patient's ("in all his joints"). A report counts screws and views, not patients, so
    these hold beside a side or a finding verb."""
    cohort = any_phrase(nouns)
    if cohort is None:
        return None
    noun = cohort.pattern
    return re.compile(
        rf"\b{_COUNT}\s+(?:of|out\s+of)\s+(?:the\s+|these\s+|our\s+|all\s+)?(?:\d+\s+)?{_MODIFIERS}{noun}"
        rf"|\b(?:in|among|amongst)\s+{_COUNT}\s+{_MODIFIERS}{noun}"
        # a count fronted as the setting ("Of the 40 elbows, 9 showed HO") and a share of the group ("in half
        # of the limbs", "the majority of the patients")
        rf"|(?:^|[.;:]\s*)\W*of\s+(?:the\s+|these\s+|our\s+|all\s+)?{_COUNT}\s+{_MODIFIERS}{noun}\s*,"
        rf"|\b(?:half|a\s+third|a\s+quarter|two\s+thirds|most|the\s+majority)\s+of\s+(?:the\s+|these\s+|our\s+)"
        rf"{_MODIFIERS}{noun}"
        rf"|(?<![\w.-]){_COUNT}\s+(?:{noun}\s+)?(?:had|developed)\s+(?:[\w-]+\s+)?(?:class|grade|brooker)\b"
        # a counted group as the sentence's subject, with what it went through ("Three males underwent excision
        # of heterotopic bone", "Only three ankles required HO resection"); a report counts screws and views
        rf"|(?:^|[.;:]\s*)\W*(?:only\s+)?{_COUNT}\s+{_MODIFIERS}{noun}\s+(?:{_COHORT_VERBS}|needed)\b",
        re.IGNORECASE)


# A question that asks what, how or why ("What is heterotopic ossification?", "How is MO treated?") heads a
# topic; a report asks yes or no ("HO?", "Is there HO?").
# a name given to what the sentence before described ("The X-ray also shows some extra bone in the muscles ... This is
# called heterotopic ossification": round 20, 367), not a definition of the kind ("Bone in muscle is called HO")
_NAMING = re.compile(r"(?:is|are) (?:called|known as)", re.IGNORECASE)
_NAMED_THING = re.compile(r"\b(?:this|these|it|which)\s+$", re.IGNORECASE)


def names_what_came_before(text: str, start: int, match: re.Match[str]) -> bool:
    """A population cue ``match`` ("is called") that names what the sentence before described ("This is called
    heterotopic ossification"): no general statement."""
    return _NAMING.fullmatch(match.group(0)) is not None \
        and _NAMED_THING.search(text, max(start, match.start() - 8), match.start()) is not None


_TOPIC_QUESTION = re.compile(r"^\W*(?:what|how|why|when|which|who|where)\b[^?]*\?\W*$", re.IGNORECASE)
# A date is specific: "larger than on 12 May" dates one film ("May" is no modal there).
_MONTHS = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|"
           r"Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)")
_DATE = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS}\b"
                   rf"|\b{_MONTHS}\s+(?:\d{{1,2}}(?:st|nd|rd|th)?|(?:19|20)\d\d)\b"
                   # a date in figures ("excised 11/2025", "on 14/09/2026"): one patient's (round 26, 488)
                   r"|\b(?:\d{1,2}/)?\d{1,2}/(?:19|20)\d\d\b|\b(?:19|20)\d\d-\d\d(?:-\d\d)?\b")


@dataclass(frozen=True, slots=True)
class GeneralCue:
    """The words that make a sentence general; ``population`` when they hold even beside a hedge."""

    trigger: Trigger
    population: bool


# Where a clause starts, so that the HO mention after it is the clause's subject: the sentence's start
# (after a sentence adverb or a label: "Additionally, HO ...", "Background: HO ..."), or a conjunction
# ("... the understanding that HO is ...", "Once HO can be seen ..."). "The HO is ..." names one lesion.
# The subject may carry up to two adjectives of its kind, never a determiner or possessive: "Traumatic HO
# describes ...", not "The HO is ..." or "His HO is ...".
_ADJECTIVES = r"(?:(?!(?:the|this|that|these|those|his|her|their|its|our|my|your|a|an)\b)[\w-]+\s+){0,2}"
_INNER_CLAUSE = (r"\b(?:that|although|though|while|whereas|because|since|as|once|when|if|unless|until|but)\s+"
                 r"|[;:]\s*")
_CLAUSE_START = re.compile(r"(?:^\W*(?:[\w-]+\s*[,:]\s*)?|" + _INNER_CLAUSE + ")" + _ADJECTIVES + "$", re.IGNORECASE)
_INNER_CLAUSE_START = re.compile("(?:" + _INNER_CLAUSE + ")" + _ADJECTIVES + "$", re.IGNORECASE)
CLAUSE_REACH = 80  # characters before a mention far into its sentence in which its clause must start


def _clause_start(text: str, sentence_start: int, start: int) -> bool:
    """Does the mention at ``start`` start its sentence or clause? Only the text just before a mention far into
    its sentence is read, so that a sentence of many mentions costs no more per mention than a short one."""
    if start - sentence_start <= CLAUSE_REACH:
        return _CLAUSE_START.search(text[sentence_start:start]) is not None
    return _INNER_CLAUSE_START.search(text, start - CLAUSE_REACH, start) is not None
_COLON = re.compile(r"[ \t]*:[ \t]*")
DEFINITION_WORDS = 3  # "Myositis ossificans: bone in muscle" defines; "HO: see above" does not
# What may stand between the subject and its predicate: its short form and a comma ("HO (HO), characterized by").
_SUBJECT_TAIL = r"\s*(?:\([^()]{1,30}\)\s*)?,?\s*"


@dataclass(frozen=True, slots=True)
class GeneralStatements:
    generic: re.Pattern[str] | None
    specific: re.Pattern[str] | None
    population: re.Pattern[str] | None
    cohort: re.Pattern[str] | None
    predicate: re.Pattern[str] | None = None
    blocked: re.Pattern[str] | None = None
    answer: re.Pattern[str] | None = None
    people: re.Pattern[str] | None = None
    kinds: KindStatements | None = None
    assessors: re.Pattern[str] | None = None
    cohort_nouns: re.Pattern[str] | None = None  # the nouns alone, for the quick searches above
    assessor_nouns: re.Pattern[str] | None = None

    @classmethod
    def of(cls, cues: GeneralStatementCues) -> GeneralStatements:
        predicates = any_phrase(cues.subject_predicates)
        answers = any_phrase(cues.colon_answers)
        heads = any_phrase(cues.subject_heads)
        # the subject's head noun may follow the mention: "HO formation is rare", "MO lesions are"
        head = rf"(?:\s+{heads.pattern})?" if heads is not None else ""
        return cls(any_phrase(cues.generic), any_phrase(cues.specific), any_phrase(cues.population),
                   _cohort_counts(cues.cohort_nouns),
                   re.compile(head + _SUBJECT_TAIL + predicates.pattern, re.IGNORECASE)
                   if predicates is not None else None,
                   any_phrase(cues.subject_blocked_by),
                   re.compile(r"\s*(?:" + answers.pattern + ")", re.IGNORECASE) if answers is not None else None,
                   _people_fronted(cues.people_nouns), KindStatements.of(cues), _assessors(cues.assessor_nouns),
                   any_phrase(cues.cohort_nouns), any_phrase(cues.assessor_nouns))

    def kind(self, text: str, sentence_start: int, start: int, end: int, sentence_end: int) -> GeneralCue | None:
        """A statement about HO as a kind (kinds.py): it holds beside a hedge or a negation, as a population
        cue does ("the prognosis of HO is good, as it is considered benign")."""
        found = self.kinds.of_kind(text, sentence_start, start, end, sentence_end) if self.kinds is not None else None
        return GeneralCue(found, True) if found is not None else None

    def topic(self, text: str, sentence_start: int, start: int, end: int, sentence_end: int, *,
              placed: bool = False) -> GeneralCue | None:
        """What makes the HO mention ``text[start:end]`` the topic of its sentence: a generic predicate of
        it as the subject, or a glossary line's definition of it (``subject``, ``defined``). A sentence that
        places its HO (``placed``: a site, another HO term) is a report's line, not a glossary's."""
        return (self.subject(text, sentence_start, start, end, sentence_end)
                or (None if placed else self.defined(text, sentence_start, start, end, sentence_end))
                or self.does(text, sentence_start, start, end, sentence_end))

    def does(self, text: str, sentence_start: int, start: int, end: int, sentence_end: int) -> GeneralCue | None:
        """What HO does as a kind, said in the simple present of HO as a bare subject (kinds.py)."""
        if self.kinds is None or anywhere(self.blocked, text, sentence_start, sentence_end):
            return None
        found = self.kinds.does(text, sentence_start, start, end, sentence_end)
        return GeneralCue(found, False) if found is not None else None

    def defined(self, text: str, sentence_start: int, start: int, end: int, sentence_end: int) -> GeneralCue | None:
        """The colon of a glossary line whose term is the HO mention ``text[start:end]``, first in its
        sentence: "Neurogenic heterotopic ossification: follows burns or neurologic injury." A definition
        is a clause of its own (``DEFINITION_WORDS`` or more) that names no side, place, grade or patient
        and does not start as a checklist answer does ("HO: none", "HO: mild, right hip")."""
        colon = _COLON.match(text, end, sentence_end)
        if colon is None or text[sentence_start:start].strip(" \t\r\n-•*"):
            return None
        rest = text[colon.end() : sentence_end]
        if len(rest.split()) < DEFINITION_WORDS or (self.answer is not None and self.answer.match(rest)):
            return None
        for tied in (self.specific, self.blocked):
            if tied is not None and tied.search(rest):
                return None
        at = text.index(":", colon.start(), colon.end())  # (after any space before it: "HO : ...")
        return GeneralCue(Trigger(":", CATEGORY, at, at + 1), False)

    def subject(self, text: str, sentence_start: int, start: int, end: int, sentence_end: int) -> GeneralCue | None:
        """The generic predicate of the HO mention ``text[start:end]`` when the mention is its clause's
        subject ("Heterotopic ossifications are due to bone metaplasia"), else None. A report describes
        its finding with a place or a verb of seeing ("HO is seen about the hip"), never these."""
        if self.predicate is None:
            return None
        match = self.predicate.match(text, end, sentence_end)
        if match is None or not _clause_start(text, sentence_start, start) \
                or anywhere(self.blocked, text, sentence_start, sentence_end):
            return None
        words = match.group(0)
        first = match.start() + len(words) - len(words.lstrip(" ,"))  # the offsets of the words alone
        last = max(first, match.end() - (len(words) - len(words.rstrip(" ,"))))
        return GeneralCue(Trigger(text[first:last], CATEGORY, first, last), False)

    def _may_match(self, population: re.Pattern[str], text: str, start: int, end: int) -> bool:
        """False where the quick searches above rule ``population`` out of ``text[start:end]``."""
        if population is self.cohort:
            return _MAY_COUNT.search(text, start, end) is not None and (
                _COHORT_GRADED.search(text, start, end) is not None or _found(self.cohort_nouns, text, start, end))
        if population is self.assessors:
            return _found(self.assessor_nouns, text, start, end) and _MAY_COUNT.search(text, start, end) is not None
        if population is _STUDY_FIGURES:
            return _MAY_BE_STUDY_FIGURES.search(text, start, end) is not None
        return True

    def named_population(self, text: str, start: int, end: int) -> GeneralCue | None:
        """A population named in words in ``text[start:end]`` (one sentence: "in people with", "risk factors"), not a
        count's shape ("in two operations" is a patient's own story): an illness named beside it is the population's
        (reader.py: causes)."""
        match = self.population.search(text, start, end) if self.population is not None else None
        if match is None or names_what_came_before(text, start, match):
            return None
        return GeneralCue(Trigger(match.group(0), CATEGORY, match.start(), match.end()), True)

    def cue(self, text: str, start: int, end: int) -> GeneralCue | None:
        """The cue that makes ``text[start:end]`` (one sentence) a general statement, else None."""
        question = _TOPIC_QUESTION.match(text[start:end])
        if question is not None:
            return GeneralCue(Trigger("?", CATEGORY, end - 1, end), True)
        for population in (self.population, self.cohort, self.people, self.assessors, _STUDY_FIGURES):
            match = population.search(text, start, end) \
                if population is not None and self._may_match(population, text, start, end) else None
            if match and names_what_came_before(text, start, match):
                continue
            if match:
                return GeneralCue(Trigger(match.group(0), CATEGORY, match.start(), match.end()), True)
        if self.generic is None:
            return None
        if (self.specific is not None and self.specific.search(text, start, end)) \
                or (_DIGIT.search(text, start, end) and _DATE.search(text, start, end)):
            return None
        generic = self.generic.search(text, start, end)
        if generic is None:
            return None
        return GeneralCue(Trigger(generic.group(0), CATEGORY, generic.start(), generic.end()), False)


def _found(pattern: re.Pattern[str] | None, text: str, start: int, end: int) -> bool:
    return pattern is not None and pattern.search(text, start, end) is not None


def population_only(general_cue: Callable[[], GeneralCue | None]) -> GeneralCue | None:
    """The cue of ``general_cue`` when it is a population cue (it holds beside a diagnosis told as made)."""
    cue = general_cue()
    return cue if cue is not None and cue.population else None
