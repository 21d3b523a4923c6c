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
from dataclasses import dataclass

from hoguide.knowledge.schema import GeneralStatementCues
from hoguide.models.reading import Trigger
from hoguide.reading.phrases import any_phrase

CATEGORY = "hypothetical"
_COUNT = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
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
    rf"|(?<![\w./])\d+\s*/\s*\d+\s+(?:[\w-]+\s+){{0,3}}{_COHORT_VERBS}\b"
    # "all 3 screws had lucency" is a report's; "all 6 fractures developed HO" a study's
    rf"|(?<![\w./])all\s+{_COUNT}\s+(?:[\w-]+\s+){{0,3}}(?:developed|underwent|required|received|experienced)\b",
    re.IGNORECASE)


# Quick tests that rule the study figures and the cohort counts out of a sentence before their slow patterns
# are searched (most sentences hold neither), exact because each alternative of the patterns needs them:
# every study figure has a sign ("%", "=", "<", ">", "≤", "/") or "all"; every cohort count a cohort noun, or
# "had" or "developed". The words are compared in lower case (none of their letters has a case-insensitive
# match outside ASCII); change these with the patterns above and below.
_FIGURE_SIGNS = "%=<>≤/"
_COHORT_VERBS_LOWER = ("had", "developed")


def _may_give_figures(words: str) -> bool:
    """Could ``_STUDY_FIGURES`` match in ``words`` (the sentence in lower case)?"""
    return any(sign in words for sign in _FIGURE_SIGNS) or "all" in words


def _cohort_counts(nouns: tuple[str, ...]) -> re.Pattern[str] | None:
    """A study's counts: "10 of the 33 residual limbs", "15 of the radiographs", "in two patients",
    "5 had class I". A report counts screws and views, not patients, so these hold beside a side or
    a finding verb."""
    cohort = any_phrase(nouns)
    if cohort is None:
        return None
    noun = cohort.pattern
    return re.compile(
        rf"\b{_COUNT}\s+(?:of|out\s+of)\s+(?:the\s+|these\s+|our\s+|all\s+)?(?:\d+\s+)?(?:[\w-]+\s+)?{noun}"
        rf"|\bin\s+{_COUNT}\s+(?:[\w-]+\s+)?{noun}"
        rf"|(?<![\w.-])\d+\s+(?:had|developed)\s+(?:class|grade|brooker)\b",
        re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class GeneralCue:
    """The words that make a sentence general; ``population`` when they hold even beside a hedge."""

    trigger: Trigger
    population: bool


# Where a clause starts, so that the HO mention after it is the clause's subject: the sentence's start
# (after a sentence adverb or a label: "Additionally, HO ...", "Background: HO ..."), or a conjunction
# ("... the understanding that HO is ...", "Once HO can be seen ..."). "The HO is ..." names one lesion.
_CLAUSE_START = re.compile(
    r"(?:^\W*(?:[\w-]+\s*[,:]\s*)?|\b(?:that|although|though|while|whereas|because|since|as|once|when|if|"
    r"unless|until|but)\s+|[;:]\s*)$",
    re.IGNORECASE)
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
    cohort_nouns: re.Pattern[str] | None = None  # the nouns alone (a count of a cohort names one, or says "had")

    @classmethod
    def of(cls, cues: GeneralStatementCues) -> GeneralStatements:
        predicates = any_phrase(cues.subject_predicates)
        return cls(any_phrase(cues.generic), any_phrase(cues.specific), any_phrase(cues.population),
                   _cohort_counts(cues.cohort_nouns),
                   re.compile(_SUBJECT_TAIL + predicates.pattern, re.IGNORECASE) if predicates is not None else None,
                   any_phrase(cues.subject_blocked_by), any_phrase(cues.cohort_nouns))

    def _may_count(self, text: str, start: int, end: int, words: str) -> bool:
        """Could the cohort counts match in ``text[start:end]`` (``words``: in lower case)?"""
        return any(verb in words for verb in _COHORT_VERBS_LOWER) or (
            self.cohort_nouns is not None and self.cohort_nouns.search(text, start, end) is not None)

    def subject(self, text: str, sentence_start: int, start: int, end: int, sentence_end: int) -> GeneralCue | None:
        """The generic predicate of the HO mention ``text[start:end]`` when the mention is its clause's
        subject ("Heterotopic ossifications are due to bone metaplasia"), else None. A report describes
        its finding with a place or a verb of seeing ("HO is seen about the hip"), never these."""
        if self.predicate is None or not _CLAUSE_START.search(text[sentence_start:start]):
            return None
        match = self.predicate.match(text, end, sentence_end)
        if match is None or (self.blocked is not None and self.blocked.search(text, sentence_start, sentence_end)):
            return None
        return GeneralCue(Trigger(match.group(0).strip(" ,"), CATEGORY, end, match.end()), False)

    def cue(self, text: str, start: int, end: int) -> GeneralCue | None:
        """The cue that makes ``text[start:end]`` (one sentence) a general statement, else None."""
        words = text[start:end].lower()  # only for the quick tests, which rule a pattern out, never in
        for population in (self.population,
                           self.cohort if self._may_count(text, start, end, words) else None,
                           _STUDY_FIGURES if _may_give_figures(words) else None):
            match = population.search(text, start, end) if population is not None else None
            if match:
                return GeneralCue(Trigger(match.group(0), CATEGORY, match.start(), match.end()), True)
        if self.generic is None:
            return None
        if self.specific is not None and self.specific.search(text, start, end):
            return None
        generic = self.generic.search(text, start, end)
        if generic is None:
            return None
        return GeneralCue(Trigger(generic.group(0), CATEGORY, generic.start(), generic.end()), False)
