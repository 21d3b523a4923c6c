"""Strict models of every knowledge file: unknown keys, bad ids and empty lists are errors."""

from __future__ import annotations

import re
from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from hoguide.knowledge.conditions import ALWAYS, SITE_IDS, FlagId, NextStepId, When
from hoguide.models.assessment import QUESTIONS, QuestionId
from hoguide.models.case import CauseId, ConditionId, PatientSymptom, RiskFactorId

SnakeId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
Phrase = Annotated[str, StringConstraints(min_length=1, max_length=120)]

LexiconKind = Literal[
    "finding", "mimic", "site", "cause", "risk_factor", "symptom", "treatment",
    "maturity", "change", "laterality", "time_cue", "red_flag", "course", "next_step", "condition",
    "illness",
]
LEXICON_KINDS: tuple[str, ...] = get_args(LexiconKind)
ContextCategory = Literal[
    "negated", "possible", "historical", "hypothetical", "other_experiencer", "pseudo", "terminate"
]
MODIFYING_CATEGORIES: tuple[str, ...] = (
    "negated", "possible", "historical", "hypothetical", "other_experiencer",
)

# Ids that the JSON contract fixes; a lexicon of these kinds must define exactly these.
FIXED_IDS: dict[str, frozenset[str]] = {
    "finding": frozenset({"heterotopic_ossification"}),
    "cause": frozenset(get_args(CauseId)),
    "site": SITE_IDS,
    "risk_factor": frozenset(get_args(RiskFactorId)),
    "symptom": frozenset({"pain", "swelling", "warmth", "stiffness", "hard_lump", "fever", "redness", "night_pain",
                          "fast_growing_lump"}),
    "maturity": frozenset({"mature", "immature", "maturing", "denied", "not_maturity"}),
    "course": frozenset({"recurrence", "ankylosis", "synostosis", "reduced_motion", "motion_from_ho", "activity",
                         "activity_settled", "incidental", "not_limiting", "minor_part", "not_the_cause", "resolved",
                         "flare_up", "maturity_undetermined", "not_operated", "moves_fully", "not_recurred"}),
    "next_step": frozenset({*get_args(NextStepId), "cue", "done", "not_done", "stopped", "guided", "provider",
                            "directive", "closing", "letter_heading", "report_heading", "ongoing",
                            "purpose_not_ho", "other_prevention", "reading", "study_images"}),
    "condition": frozenset(get_args(ConditionId)),
    "illness": frozenset({"nerve_illness", "nerve_injury", "cord_illness", "brain_anoxia", "brain_infection"}),
    "change": frozenset({"new", "increased", "stable", "decreased", "not_change"}),
    "laterality": frozenset({"left", "right", "bilateral", "compared", "not_a_side"}),
    "red_flag": frozenset({"dvt", "dvt_sign", "dvt_workup", "dvt_reassurance", "infection", "infection_sign",
                           "infection_workup",
                           "infection_reassurance", "tumour", "tumour_sign", "tumour_workup", "zonal_pattern", "fop",
                           "fop_reassurance",
                           "nerve_compression", "nerve_sign", "nerve_reassurance", "pressure_sore", "skin_intact",
                           "fracture", "fracture_workup", "fracture_mention", "pe_sign", "stomach_bleed",
                           "infection_elsewhere", "autonomic_dysreflexia", "not_a_flag"}),
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TermGuard(_Strict):
    """When a guarded term counts: at least one ``accept`` test holds and no ``reject`` word is
    in its sentence. For words that mean the concept only in some company ("MO", "bony bridging"). A cause's guard
    has reject words only: the term counts unless one is there, for words that mean the cause save in some company
    ("quadriplegic" beside "cerebral palsy"; knowledge/loader.py checks which kind takes which)."""

    defined_in_text: bool = False       # the text spells it out first: "myositis ossificans (MO)"
    sentence_has_site: tuple[SnakeId, ...] = ()  # its sentence names one of these body sites
    site_in_sentence_before: bool = False  # ... or the sentence just before it does
    sentence_has_any: tuple[Phrase, ...] = ()    # ... or one of these words
    reject_if_sentence_has: tuple[Phrase, ...] = ()
    reject_after_number: bool = False   # "3 MO follow-up" is three months
    # a description that says HO is there when affirmed but nothing when negated: "no bony bridging"
    # means the joint is not bridged, not that there is no HO
    affirmed_only: bool = False

    @property
    def accepts_anything(self) -> bool:
        """Has the guard a test that can accept the term? Without one, only the reject words decide."""
        return self.defined_in_text or bool(self.sentence_has_site) or bool(self.sentence_has_any)

    @model_validator(mode="after")
    def _can_accept(self) -> TermGuard:
        if not (self.accepts_anything or self.reject_if_sentence_has):
            raise ValueError("a guard needs a test that can accept the term, or words that reject it")
        return self


def _require_lower_case(terms: tuple[str, ...]) -> tuple[str, ...]:
    upper = [t for t in terms if t != t.lower()]
    if upper:
        raise ValueError(f"terms are matched case-insensitively and must be lower-case: {upper}")
    return terms


class GuardedTerms(_Strict):
    terms: tuple[Phrase, ...] = ()
    exact_case_terms: tuple[Phrase, ...] = ()
    guard: TermGuard
    note: str | None = None

    _lower_case = field_validator("terms")(_require_lower_case)


class LexiconConcept(_Strict):
    id: SnakeId
    label: str = Field(min_length=1)
    terms: tuple[Phrase, ...] = ()
    exact_case_terms: tuple[Phrase, ...] = ()
    guarded: tuple[GuardedTerms, ...] = ()   # terms that count only when their guard accepts them
    # A disease whose name is itself a kind of HO (FOP): like an HO mention, a sentence about it in
    # general ("FOP is a rare genetic disorder") is not this patient's.
    names_ho: bool = False
    note: str | None = None

    _lower_case = field_validator("terms")(_require_lower_case)


class LexiconFile(_Strict):
    kind: LexiconKind
    concepts: tuple[LexiconConcept, ...] = Field(min_length=1)


class ContextRule(_Strict):
    phrase: Phrase
    category: ContextCategory
    direction: Literal["forward", "backward", "bidirectional"] | None = None
    max_words: int | None = Field(default=None, ge=0, le=50)
    # a bidirectional trigger's reach to the left, where it differs from ``max_words`` (": no" negates a long
    # list after a header, "FINDINGS: No fracture, dislocation or HO", and only a few words before: "DVT: no")
    max_words_backward: int | None = Field(default=None, ge=0, le=50)
    terminates: tuple[ContextCategory, ...] | None = None
    # its scope, open at the end of a list's lead-in, reaches the items below ("Call us if:\n- a fever")
    reaches_list: bool = False
    # advice against a treatment or a step ("not advised", "not recommended"): it negates what is advised against,
    # never that the HO is there ("Excision of the HO is not recommended" leaves the HO present)
    treatments_only: bool = False
    # its scope runs past terminators to its word limit: a dated account of how a problem began ("Presented week 6
    # (mid Oct) with warm swollen R thigh/hip, low-grade fever") is past through its "with"
    past_terminators: bool = False
    note: str | None = None


class GeneralStatementCues(_Strict):
    """Words that make a sentence about HO a general statement (a textbook's "HO is a benign
    process that usually follows trauma") rather than a finding in this patient, and words that
    tie a sentence to one patient or one study (a side, a date, "the patient", "shows")."""

    generic: tuple[Phrase, ...] = ()
    specific: tuple[Phrase, ...] = ()
    # Cues no finding sentence uses, which hold even beside a specific word: "is seen following hip
    # arthroplasty in 8 to 70% of cases", "risk factors: previous HO, male sex".
    population: tuple[Phrase, ...] = ()
    # What a study counts: "in 10 of the 33 residual limbs", "in two patients" (general.py).
    cohort_nouns: tuple[Phrase, ...] = ()
    # Who assesses the images of a study, counted: "graded by two observers", "two surgeons assessed HO".
    assessor_nouns: tuple[Phrase, ...] = ()
    # Classes of people: fronted as a sentence's setting they make it a population's ("In adults, ...");
    # a report's "In both hips, ..." fronts a place.
    people_nouns: tuple[Phrase, ...] = ()
    # What a sentence says of HO as its subject when it states HO as a topic: "HO is the abnormal ...",
    # "HO can be seen on radiographs as early as 4 weeks", "HO (HO), characterized by ...". They hold
    # beside a specific word, but, like a generic cue, not beside a hedge (general.py).
    subject_predicates: tuple[Phrase, ...] = ()
    # ... except in a sentence that points at one patient, side or grade ("HO is the cause of his stiffness",
    # "HO is a Brooker III on the left"): those are a report's or a letter's findings.
    subject_blocked_by: tuple[Phrase, ...] = ()
    # A glossary line defines its term after a colon ("Heterotopic ossification: lamellar bone forming in soft
    # tissues"); a report's checklist answers it ("HO: none", "HO: mild, stable"). The first words of an answer.
    colon_answers: tuple[Phrase, ...] = ()
    # A head noun that may stand between the HO subject and its predicate ("HO formation is rare").
    subject_heads: tuple[Phrase, ...] = ()
    # Statements about HO as a kind (reading/kinds.py): HO as the object of a property that only a kind has
    # ("the prognosis of HO is good", "the most common sites of HO are"), in a sentence in the present tense
    # that points at no case ...
    property_nouns: tuple[Phrase, ...] = ()
    generic_tense: tuple[Phrase, ...] = ()
    narrative_tense: tuple[Phrase, ...] = ()
    case_anchors: tuple[Phrase, ...] = ()
    # ... and what a source of knowledge says or lacks ("the literature has not revealed HO in the TMJ",
    # "no one knows the exact cause of HO"): the topic, not this patient, whatever its negation.
    knowledge_sources: tuple[Phrase, ...] = ()
    knowledge_verbs: tuple[Phrase, ...] = ()
    # What a report says its one lesion does in the simple present ("HO extends to the ilium", "measures 4 cm",
    # "remains stable"): any other verb in the simple present after HO as a bare subject states what HO does as
    # a kind ("HO matures over 12 to 18 months", "MO heals without treatment").
    report_verbs: tuple[Phrase, ...] = ()
    # What exists only between kinds or in what is known, after "there is": "there is an association between
    # COVID-19 and HO", "there is a dearth of studies on HO" (a report's "there is HO" names a finding).
    abstract_existentials: tuple[Phrase, ...] = ()


class RemovalFrameCues(_Strict):
    """A removal told as done, however many words stand between its parts (reading/frames.py): "excision of
    the ossified mass and reconstruction with a tendon flap was performed" (``nouns`` ... ``done``), "underwent
    an early arthroscopic excision of the HO" (``done_before`` ... ``nouns``), "the HO was completely excised"
    (``participles``)."""

    nouns: tuple[Phrase, ...] = ()
    done: tuple[Phrase, ...] = ()
    # "underwent an early open excision of the HO": a past event that governs a removal noun before it
    done_before: tuple[Phrase, ...] = ()
    # "the heterotopic bone was completely excised": the mention as the subject of a passive removal
    participles: tuple[Phrase, ...] = ()
    # "underwent surgical excision to remove the HO": a removal's purpose told after a past event
    infinitives: tuple[Phrase, ...] = ()
    # "the excisional biopsy confirmed myositis ossificans": what the removed tissue showed
    shown_by: tuple[Phrase, ...] = ()
    # "HO limited his elbow for 4 years before surgical excision was performed": a removal that ended it
    ended_by: tuple[Phrase, ...] = ()


class DiagnosisFrameCues(_Strict):
    """A diagnosis told as made in this patient (reading/frames.py): the mention as the subject of a passive
    verb of diagnosis ("MO was histologically confirmed": ``verbs``), after words that tell it of the patient
    ("was found to have": ``told_by``), or named by a noun ("the diagnosis of": ``nouns``) that such a verb
    governs ("pathology confirmed mature bone and the diagnosis of HO")."""

    verbs: tuple[Phrase, ...] = ()
    told_by: tuple[Phrase, ...] = ()
    nouns: tuple[Phrase, ...] = ()


class ContextRulesFile(_Strict):
    rules: tuple[ContextRule, ...] = Field(min_length=1)
    general_statements: GeneralStatementCues = GeneralStatementCues()
    removal_frames: RemovalFrameCues = RemovalFrameCues()
    diagnosis_frames: DiagnosisFrameCues = DiagnosisFrameCues()
    # Words just before a site that say the HO is NOT there: "separate from the pelvis".
    not_the_site: tuple[Phrase, ...] = ()
    # Words after a mention that start what the finding explains: "HO compressing the sciatic nerve, consistent
    # with the new sciatic symptoms and foot weakness": the places and changes after them are not the HO's.
    other_topic_after: tuple[Phrase, ...] = ()


class SectionImplies(_Strict):
    historical: bool = False
    hypothetical: bool = False  # a consent or risk list: what could happen, not what has
    possible: bool = False  # a differential diagnosis: each item is a question, not a finding
    experiencer: Literal["other"] | None = None


class SectionRule(_Strict):
    id: SnakeId
    headers: tuple[Phrase, ...] = Field(min_length=1)
    # Which section has the last word on the report's HO status: an addendum (4) corrects the
    # impression (3), which sums up the findings (2); a history or plan (1) only sets the scene.
    # Text before any header counts as findings (BODY_AUTHORITY).
    authority: int = Field(default=2, ge=0, le=4)
    implies: SectionImplies = SectionImplies()
    # A pathology section about the specimen (specimen, gross, microscopic, diagnosis): where the
    # specimen was excised, the HO it describes has been removed (reading/specimen.py).
    describes_specimen: bool = False
    # Only a pathology report has this section (specimen, gross, microscopic). Without one, a "Diagnosis:"
    # of a clinic letter is no specimen: a removal counts only in the HO mention's own sentence there.
    pathology_only: bool = False
    # A list under its heading (a safety net): the section ends with the list, at the first blank line, and the
    # text after it is under no header until the next one.
    ends_at_blank_line: bool = False
    # a list of what was before or is taken (a past history, the medicines) ends at a heading of the text's own in
    # capitals ("HO SUMMARY", "PLAN / RECOMMENDATIONS FOR GP & COMMUNITY TEAM": round 25, 466)
    ends_at_own_heading: bool = False
    # values that make the heading a field of its own line: "HO prophylaxis: not given" says the prevention was not
    # given, the label is no heading over the lines below (round 27, 506 was told prevention was planned)
    field_when_value_is: tuple[Phrase, ...] = ()
    note: str | None = None


BODY_AUTHORITY = 2


class SectionRulesFile(_Strict):
    sections: tuple[SectionRule, ...] = Field(min_length=1)
    # Words in a specimen section that say the tissue was taken out ("excision", "resected"), not
    # sampled ("core biopsy"): the HO of that report is removed HO.
    specimen_removed_by: tuple[Phrase, ...] = ()
    # Words that say a diagnosis was made on tissue ("histology", "yielding the diagnosis of"): said after a
    # removal in the same or the sentence before, the HO diagnosed was taken out; unless it grew back.
    diagnosed_by: tuple[Phrase, ...] = ()
    regrown_by: tuple[Phrase, ...] = ()


class GradeSystem(_Strict):
    """A classification: the names that introduce it and each grade's canonical value and spellings."""

    id: SnakeId
    label: str
    names: tuple[Phrase, ...] = ()
    # A grade written right next to an HO mention with no system named ("grade IV heterotopic
    # ossification", "HO, class 3"): read as this system, which claims no classification.
    next_to_mention: bool = False
    values: dict[str, tuple[Phrase, ...]] = Field(min_length=1)
    applies_to: tuple[SnakeId, ...] = ()
    note: str | None = None

    @model_validator(mode="after")
    def _named_or_next_to_mention(self) -> GradeSystem:
        if bool(self.names) == self.next_to_mention:
            raise ValueError("a grade system has names, or is read next to a mention (next_to_mention), not both")
        return self


class GradeSystemsFile(_Strict):
    systems: tuple[GradeSystem, ...] = Field(min_length=1)


# --- content: what hoguide says to people --------------------------------------------------

QuestionKey = QuestionId
QUESTION_KEYS: tuple[QuestionKey, ...] = QUESTIONS
StatementId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*(\.[A-Za-z0-9_]+)+$")]
RefKey = Annotated[str, StringConstraints(min_length=1, max_length=80)]
PatientText = Annotated[str, StringConstraints(min_length=1, max_length=1200)]


# The one or two sources a patient is shown for a text (``patient_refs``): a few the reader can follow,
# not the whole supporting list, which stays in ``refs`` for the clinician text and the JSON.
MAX_PATIENT_REFS = 2


def _patient_refs_in_refs(patient_refs: tuple[str, ...], refs: tuple[str, ...],
                          alternatives: tuple[str, ...] = ()) -> None:
    missing = [key for key in (*patient_refs, *alternatives) if key not in refs]
    if missing:
        raise ValueError(f"patient_refs {missing} are not in refs: a patient source is one of the supporting sources")
    if len(set(patient_refs)) != len(patient_refs) or len(set(alternatives)) != len(alternatives):
        raise ValueError("patient_refs names a source twice")
    if set(patient_refs) & set(alternatives):
        raise ValueError("patient_refs_alt repeats a source of patient_refs")
    if alternatives and not patient_refs:
        raise ValueError("patient_refs_alt without patient_refs: a text that makes no claim needs no source")


class Statement(_Strict):
    """One cited piece of content: patient wording (grade 8 or below) and clinician wording.

    ``patient_refs`` are the one or two sources shown to the patient after the text, together (where
    there are two, each may back a different sentence); an empty list says the text only restates the
    report or the patient's answers and makes no claim of its own. ``patient_refs_alt`` are sources of
    which each supports the whole text alone: a page that cites one of them anyway may show it instead,
    so the page and the answer list fewer sources (guidance/page_sources.py)."""

    id: StatementId
    patient: PatientText
    clinician: str | None = None
    title: str | None = None
    refs: tuple[RefKey, ...] = Field(min_length=1)
    patient_refs: tuple[RefKey, ...] = Field(max_length=MAX_PATIENT_REFS)
    patient_refs_alt: tuple[RefKey, ...] = ()
    # the populations the patient text names itself ("In studies of hip replacement, ..."), or whose tool it
    # explains (the Brooker grades were made for hip replacements): a source that studied one of them fits the
    # text for any case (guidance/page_sources.py); every other source fits only its own population's cases
    names_population: tuple[CauseId, ...] = ()
    # the cases it is true for (knowledge/conditions.py); the engine never says it to another case
    when: When = ALWAYS
    note: str | None = None

    @model_validator(mode="after")
    def _patient_refs_support(self) -> Statement:
        _patient_refs_in_refs(self.patient_refs, self.refs, self.patient_refs_alt)
        return self


class StatementsFile(_Strict):
    statements: tuple[Statement, ...] = Field(min_length=1)


# The report's words an answer points at (guidance/rules.py says where each comes from).
EvidenceSource = Literal[
    "current", "status", "symptoms", "causes", "fop", "risk_factors", "excisions", "ho_treatments",
    "anticoagulant", "severity", "activity",
]


class AnswerRule(_Strict):
    """One row of a question's decision table: the first row whose ``when`` holds answers. It says
    the statements of ``say`` that hold for the case, in order; the first of them is the answer."""

    name: str = Field(min_length=3)          # the trace a clinician reads: "growth: still forming"
    when: When = ALWAYS
    say: tuple[StatementId, ...] = Field(min_length=1)
    clinician_only: tuple[StatementId, ...] = ()
    certainty: Literal["high", "moderate", "low"]
    reason: PatientText                      # why this certainty, in the patient's words
    evidence: tuple[EvidenceSource, ...] = ()
    note: str | None = None


class AskedTopic(_Strict):
    """A topic of the patient's own questions ("Can I still run?"): a question whose words match each of the
    ``words`` groups (one phrase of every group, whole words, any case) gets, in the answer named, the first
    statement of ``say`` that holds for the case, said right after that answer's first line (or the first of
    ``covered_by`` the answer says anyway, moved there, with the first of ``covered_adds`` that holds)."""

    topic: SnakeId
    answer: QuestionKey
    words: tuple[tuple[str, ...], ...] = Field(min_length=1)
    # phrases that make a question of these words another's ("Why do we have to wait 2-3 weeks for a CT?" asks about
    # a scan's timing, not an operation's)
    unless: tuple[str, ...] = ()
    say: tuple[StatementId, ...] = Field(min_length=1)
    # statements of the same answer that speak to the topic already ("Your report says you are taking etidronate"):
    # where one is said, it moves up to where the topic's own would be, and the topic says nothing more
    covered_by: tuple[StatementId, ...] = ()
    # what the topic's own answer says that a covering statement does not ("No tablet takes away formed bone" after
    # "Your report says you should not take NSAIDs"): the first that holds is said right after the covering one
    covered_adds: tuple[StatementId, ...] = ()
    # statements of the same answer that say again, less fittingly, what the topic's own answer says ("HO is not
    # cancer" after "You asked if this is cancer. ... HO is not cancer."): left out where the topic's answer is said
    replaces: tuple[StatementId, ...] = ()
    # said after the topic's answer where a line of the report's own plan has the topic's words ("Graduated return to
    # running from now" beside "Can I run again?": round 19, 349 was told only that our sources do not say)
    in_report: StatementId | None = None
    # the topic's statements that the report's own plan outranks where its line gives a time of its own: a
    # population's time line beside the report's ("most athletes went back ... at 2 to 3 months" beside "earliest match
    # return ~4-6 wks": round 25, 470)
    in_report_outranks: tuple[StatementId, ...] = ()
    note: str | None = None

    @model_validator(mode="after")
    def _groups_have_words(self) -> AskedTopic:
        if any(not group or any(not w.strip() for w in group) for group in self.words):
            raise ValueError("every group of words needs at least one phrase, none of them blank")
        return self


class AnswerRulesFile(_Strict):
    answer_rules: dict[QuestionKey, tuple[AnswerRule, ...]]
    asked: tuple[AskedTopic, ...] = ()
    # the medicine cautions, in order: the first two whose condition holds are said in the warning box, beside the
    # red flags
    cautions: tuple[StatementId, ...] = ()
    # statements of background an answer may leave out when its page shows more sources than issue 16 allows (a dozen
    # on the page, four on one answer): what usually holds, said where the case's own statements already answer
    background: tuple[StatementId, ...] = ()
    # the words that make a line of the report's plan one an answer quotes (guidance/report_on_answer.py): a line is
    # quoted in the first question, in this order, that it has a phrase of (whole words, any case)
    plan_words: dict[QuestionKey, tuple[str, ...]] = {}

    @model_validator(mode="after")
    def _plan_words_not_blank(self) -> AnswerRulesFile:
        if any(not word.strip() for words in self.plan_words.values() for word in words):
            raise ValueError("plan_words: a blank phrase")
        return self


# not_excluded: looked for, not seen, but the report says its test cannot rule it out ("though X-ray is insensitive")
# tested_clear: raised, and a test the report cites found none ("NO EVIDENCE OF MALIGNANCY in the material
# examined" on a core biopsy still going to the sarcoma team: round 12, 227), said beside the raised flag
FlagState = Literal["suspected", "known", "ruled_out", "not_excluded", "not_found", "tested_clear"]
FLAG_STATES: tuple[str, ...] = get_args(FlagState)


class RedFlagContent(_Strict):
    """A red flag: what it says when raised, the signal it reads, when it is raised, what is said
    plainly in its other states, and what it forbids and requires in the five answers."""

    id: FlagId  # the questions' and statements' conditions name flags by these ids
    urgency: Literal["emergency", "same_day", "soon"]
    patient: PatientText
    action: PatientText
    clinician: str | None = None
    refs: tuple[RefKey, ...] = Field(min_length=1)
    # the one or two sources shown after the warning (a warning always makes a claim)
    patient_refs: tuple[RefKey, ...] = Field(min_length=1, max_length=MAX_PATIENT_REFS)
    patient_refs_alt: tuple[RefKey, ...] = ()  # each supports the whole warning alone (as for Statement)
    names_population: tuple[CauseId, ...] = ()  # the populations the warning names itself (as for Statement)
    signal: SnakeId                               # the red_flag lexicon concept it reads
    # concepts whose presence reassures and whose absence is the warning ("lacks a zonal pattern",
    # "skin not intact"): present is not_found, absent is suspected
    reassurance: tuple[SnakeId, ...] = ()
    # softer signs ("calf swelling", "fever"): a question still open until a test answers the flag
    signs: tuple[SnakeId, ...] = ()
    # words in a softer sign's sentence that explain it as something else ("periosteal reaction from surgery -
    # stable"): then it asks nothing
    explained_cues: tuple[Phrase, ...] = ()
    # a test asked for ("repeat duplex", "refer to the sarcoma service"): open like "rule out DVT"
    workups: tuple[SnakeId, ...] = ()
    # a word that names the signal without saying it is there now ("fracture" in "T6 burst fracture", "fracture
    # united"): only its denial ("no fracture": ruled out) or its doubt ("possible fracture": a question) is read
    mentions: tuple[SnakeId, ...] = ()
    # words that make a known flag new again: "known DVT, now with new swelling of the other leg"
    renewed_cues: tuple[Phrase, ...] = ()
    # words that make a denial speak of the signal named before it as over ("no evidence of recurrent infection"):
    # the mentions before it in the report are that past one, not a question now
    past_denial_cues: tuple[Phrase, ...] = ()
    # a diagnosis for life (FOP): once the report knows it, every other mention is of the same one
    known_outranks_suspected: bool = False
    # a harm the removal of the HO deals with (a sore over it, a nerve it traps): named in the clinical details
    # of a pathology report on the removed bone, it is the reason for the operation, not a new warning
    treated_by_removal: bool = False
    # read in the findings and conclusion only: the clinical history's fractures are what caused the HO, the
    # findings say whether a break is there now
    results_only: bool = False
    # when the report itself asks for speed ("urgent referral to the sarcoma service"), the flag
    # says so and is raised at same-day urgency with these words instead
    urgent_cues: tuple[Phrase, ...] = ()
    urgent_patient: PatientText | None = None
    urgent_action: PatientText | None = None
    # when the report's findings state the signal itself as there now ("consistent with osteomyelitis and a small
    # abscess"), it is no look-alike to check for: it is found, and these words say so
    found_patient: PatientText | None = None
    found_action: PatientText | None = None
    # the action where the patient tells of the flag's signs now, beside what the report finds (round 25, 467: "Had hot
    # sweats last night" beside an infected pressure sore was told only to get in touch "if you feel worse")
    found_told_action: PatientText | None = None
    # when no report describes HO the patient has or had (none named, only as a risk, or "no HO"), a warning that
    # speaks of "your HO" would blame bone that is not there (round 13, 241: tingling hands beside a neck CT of
    # spinal ligament ossification): these words name the sign plainly, and show no HO source
    no_ho_patient: PatientText | None = None
    no_ho_action: PatientText | None = None
    no_ho_urgent_patient: PatientText | None = None  # ... where the report asks for speed
    no_ho_urgent_action: PatientText | None = None
    # where the report itself sends the patient to the emergency department for the flag's signs ("If the weakness
    # worsens, foot drop, any change in bladder or bowel control ... - attend ED immediately": round 31, 565 and 570
    # were told to contact their care team today), the action says so: a sentence with an emergency cue and a sign
    emergency_cues: tuple[Phrase, ...] = ()
    emergency_signs: tuple[Phrase, ...] = ()
    emergency_action: PatientText | None = None
    # ... and a flag already known and under care is raised too, in these words, where the report gives such a rule
    # for it ("if leg swelling, chest pain or breathlessness while off apixaban, seek urgent assessment (ED)": round
    # 32, 596, off his blood thinner before an operation, found the clot only lower down, in milder words)
    known_emergency_patient: PatientText | None = None
    # when only the patient's own signs raise it (the report says nothing of them), the warning speaks of what they told
    # us, not of HO looking the same (round 20, 371: "Is this the extra bone? ... I just need to rest?" beside a hot,
    # swollen calf and a hip's HO)
    told_patient: PatientText | None = None
    told_action: PatientText | None = None
    # when the patient tells us of breathlessness or chest pain beside it (a clot's spread to the lung), these words
    # say so and the flag is an emergency (round 23, 432: "out of breath going up the stairs ... sharp pain on the
    # right side of my chest" beside a clot the report finds was told to call the team today)
    lung_patient: PatientText | None = None
    lung_action: PatientText | None = None
    # a not_found state is told to the patient only where the report's or the patient's words name one of these, or
    # the patient ticked one of these symptoms; elsewhere it is the clinician's alone: "no periosteal reaction" where
    # nobody speaks of a lump is no reason to write "tumour" on a patient's page (round 23, 430 and 435)
    not_found_told_with: tuple[Phrase, ...] = ()
    not_found_told_with_symptoms: tuple[PatientSymptom, ...] = ()

    @field_validator("requires", mode="before")
    @classmethod
    def _one_lead_is_a_list_of_one(cls, value: object) -> object:
        if isinstance(value, dict):
            return {k: (v,) if isinstance(v, str) else v for k, v in value.items()}
        return value

    @model_validator(mode="after")
    def _urgent_words_come_together(self) -> RedFlagContent:
        if bool(self.urgent_cues) != (self.urgent_patient is not None and self.urgent_action is not None):
            raise ValueError("urgent_cues, urgent_patient and urgent_action come together")
        if (self.found_patient is None) != (self.found_action is None):
            raise ValueError("found_patient and found_action come together")
        if (self.no_ho_patient is None) != (self.no_ho_action is None):
            raise ValueError("no_ho_patient and no_ho_action come together")
        if (self.no_ho_urgent_patient is None) != (self.no_ho_urgent_action is None):
            raise ValueError("no_ho_urgent_patient and no_ho_urgent_action come together")
        if bool(self.emergency_cues) != bool(self.emergency_signs) \
                or bool(self.emergency_cues) != (self.emergency_action is not None):
            raise ValueError("emergency_cues, emergency_signs and emergency_action come together")
        if self.known_emergency_patient is not None and self.emergency_action is None:
            raise ValueError("known_emergency_patient needs emergency_cues, emergency_signs and emergency_action")
        if (self.told_patient is None) != (self.told_action is None):
            raise ValueError("told_patient and told_action come together")
        _patient_refs_in_refs(self.patient_refs, self.refs, self.patient_refs_alt)
        return self
    raise_when: tuple[FlagState, ...] = ("suspected",)
    known_cues: tuple[Phrase, ...] = ()           # in the signal's sentence: known and being treated
    test_cues: tuple[Phrase, ...] = ()            # in a negated signal's sentence: ruled out by a test
    states: dict[FlagState, PatientText] = {}     # said plainly in "what your report says"
    forbids: tuple[StatementId, ...] = ()         # never said in an answer while the flag is raised
    # not raised while one of these is: suspected FOP outranks a tumour work-up, whose next step is a biopsy that
    # FOP forbids (round 10, 201: the tumour flag came first and pointed a parent towards a sample)
    yields_to: tuple[FlagId, ...] = ()
    # the answer's first sentence while it is raised: the first of its list whose own condition holds for the
    # case (one per question, or a list ending in one with no condition)
    requires: dict[QuestionKey, tuple[StatementId, ...]] = {}
    note: str | None = None


class RedFlagsFile(_Strict):
    red_flags: tuple[RedFlagContent, ...] = Field(min_length=1)


class Question(_Strict):
    id: StatementId
    text: PatientText
    when: tuple[When, ...] = Field(min_length=1)  # asked when any of these holds for the case
    note: str | None = None

    @property
    def about_this_case(self) -> bool:
        """Does it ask about something of this case beyond whether it has HO at all?"""
        return any(set(w.model_dump(exclude_defaults=True)) - {"status"} for w in self.when)


class QuestionsFile(_Strict):
    questions: tuple[Question, ...] = Field(min_length=1)


class GlossaryTerm(_Strict):
    term: str = Field(min_length=1)
    patient: PatientText
    refs: tuple[RefKey, ...] = Field(min_length=1)
    # the words that mark it in a report (render/annotate.py); by default the term itself, its
    # parenthesis and its slash-separated forms: "DVT (deep vein thrombosis)", "cortex/corticated"
    match: tuple[Annotated[str, StringConstraints(min_length=2)], ...] = ()
    note: str | None = None

    @property
    def phrases(self) -> tuple[str, ...]:
        if self.match:
            return self.match
        inside = re.findall(r"\(([^)]*)\)", self.term)
        outside = re.sub(r"\([^)]*\)", " ", self.term)
        forms = [f.strip() for part in (outside, *inside) for f in part.split("/")]
        return tuple(dict.fromkeys(f for f in forms if len(f) >= 2))


class GlossaryFile(_Strict):
    terms: tuple[GlossaryTerm, ...] = Field(min_length=1)


# Words of the maintainers' working notes ("authors UNVERIFIED; likely ...", "from memory", "via
# ecosystem.md"). They belong in a reference's curator_note: a citation is shown to patients as it is.
CURATOR_WORDS: tuple[str, ...] = (
    "unverified", "not verified", "from memory", "not shown", "not displayed", "not confirmed", "not read",
    "page read", "pages read", "sources read", "via ecosystem", "low-quality", "low quality", "low-authority",
    "low authority", "corrected citation", "likely", "inferred", "excerpt at", "record at", "mirrored",
)
_CURATOR_WORD = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in CURATOR_WORDS) + r")\b", re.IGNORECASE)
# Identifiers live in their own fields, so the page can link them and the citation stays readable.
_IDENTIFIER_IN_TEXT = re.compile(r"https?://|\bdoi:|\bPMID\b|\bPMC\d", re.IGNORECASE)


class Reference(_Strict):
    """One source. ``citation`` is the public citation (authors only when known, title, journal or
    publisher, year); ``curator_note`` keeps the maintainers' notes and is never rendered.
    ``patient_safe: false`` marks a source read only on a secondary site, which patients never see."""

    key: RefKey
    citation: str = Field(min_length=10)
    doi: Annotated[str, StringConstraints(pattern=r"^10\.\d{4,9}/\S+$")] | None = None
    pmid: Annotated[str, StringConstraints(pattern=r"^\d{1,9}$")] | None = None
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None
    patient_safe: bool = True
    curator_note: str | None = None
    # the case populations the source studied, as cause ids (lexicon/cause.yaml): a patient whose causes are
    # none of them is better shown another source (guidance/page_sources.py). Absent: a general source, across
    # causes (a broad review, a textbook page, a drug label).
    population: tuple[CauseId, ...] = ()

    @field_validator("population")
    @classmethod
    def _each_once(cls, population: tuple[str, ...]) -> tuple[str, ...]:
        if len(set(population)) != len(population):
            raise ValueError("population names a cause twice")
        return population

    @field_validator("citation")
    @classmethod
    def _public_text_only(cls, citation: str) -> str:
        notes = _CURATOR_WORD.findall(citation)
        if notes:
            raise ValueError(f"a curator note in the citation ({', '.join(notes)}): move it to curator_note")
        if _IDENTIFIER_IN_TEXT.search(citation):
            raise ValueError("a DOI, PMID, PMC id or web address in the citation: put it in doi, pmid or url")
        return citation

    @field_validator("url")
    @classmethod
    def _whole_address(cls, url: str | None) -> str | None:
        if url and ("…" in url or "..." in url):
            raise ValueError("a cut-off address is a dead link: give the whole address or none")
        return url

    @model_validator(mode="after")
    def _held_back_says_why(self) -> Reference:
        if not self.patient_safe and not self.curator_note:
            raise ValueError("patient_safe: false needs a curator_note saying where the source was read")
        return self


class ReferencesFile(_Strict):
    references: tuple[Reference, ...] = Field(min_length=1)
