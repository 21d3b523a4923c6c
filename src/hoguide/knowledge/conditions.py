"""Where a statement holds: the case's features, and conditions on them written in the knowledge YAML.

A statement says "after a hip replacement, most HO causes no symptoms"; it is true for that
population and misleading after a spinal cord injury. So every statement and every answer rule
may carry a ``when:`` condition over the features of the case (``CaseFeatures``), and the engine
says the statement only when the case meets it. The features are few and named here once; the
guidance derives them from the readings and the patient's answers (``guidance/features.py``).

A condition lists, per feature, the values it accepts; every feature it names must accept the
case. Set-valued features (causes, sites, prophylaxis) accept when they share a value with the
list (``causes``), or when they share none (``not_causes``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, PrivateAttr, model_validator

from hoguide.models.case import CauseId, ConditionId, PatientSymptom, Prophylaxis, RiskFactorId

Status = Literal["none", "hypothetical", "absent", "possible", "present", "historical"]
GradeBand = Literal["high", "low", "unknown"]
Maturity = Literal["immature", "maturing", "mature", "unknown"]
Change = Literal["new", "increased", "stable", "decreased", "unknown"]
FopState = Literal["none", "suspected", "known"]
SinceEvent = Literal["unknown", "under_3_months", "3_to_12_months", "over_12_months"]
AgeBand = Literal["unknown", "child", "adult"]
CauseCount = Literal["none", "one", "several"]
SiteId = Literal[
    "hip", "pelvis", "acetabulum", "buttock", "thigh", "knee", "leg", "ankle", "foot", "shoulder",
    "upper_arm", "elbow", "forearm", "wrist", "hand", "spine", "jaw", "chest_wall", "abdominal_wall",
    "abdomen", "residual_limb",
]
SITE_IDS: frozenset[str] = frozenset(get_args(SiteId))
NextStepId = Literal[
    "follow_up_imaging", "test_xray", "test_bone_scan", "test_ct", "test_mri", "test_ultrasound", "test_blood",
    "test_nerve",
    "treat_physiotherapy", "treat_prophylaxis", "refer_surgeon", "refer_sarcoma", "refer_no_local_biopsy",
    "refer_rehab", "refer_clinical_correlation",
    "ok_implant", "ok_fracture_healed", "ok_fracture_healing", "ok_no_fracture", "ok_no_dislocation", "ok_no_bridging",
    "ok_wound_healed", "ok_joint_clear", "ok_no_avn", "ok_nerve_clear", "ok_discharged", "ok_tendon_intact",
    "advise_no_surgery",
]
# ... and the steps the guidance names that the lexicon never finds: a treatment to stop HO still growing, told from
# prevention by its own words (guidance/next_steps.py, round 30, 551)
StepId = NextStepId | Literal["treat_slow_growth"]
# The red flags of content/red_flags.yaml (each raised flag is one of these; the content may not add others).
FlagId = Literal["dvt_suspected", "infection_suspected", "tumour_suspected", "fop_biopsy_hazard", "fop_known",
                 "nerve_compression", "pressure_sore", "fracture_suspected", "stomach_bleed_suspected",
                 "autonomic_dysreflexia"]
NEUROLOGIC_CAUSES: frozenset[str] = frozenset({"spinal_cord_injury", "traumatic_brain_injury", "stroke"})


@dataclass(frozen=True, slots=True)
class CaseFeatures:
    """What the statements' conditions can ask about one case."""

    status: Status = "none"
    causes: frozenset[CauseId] = frozenset()
    cause_count: CauseCount = "none"       # acquired causes (FOP apart)
    reported_cause: bool = False           # the report names a cause (not only the patient)
    told_cause: bool = False               # the patient names a cause the report does not
    cause_stated: bool = False             # ... and ties the HO to it ("HO after stroke", "post-traumatic")
    risk_factors: frozenset[RiskFactorId] = frozenset()
    neurologic: bool = False               # spinal cord or brain injury, or stroke
    cord_non_traumatic: bool = False       # ... the cord damaged by an illness, not an injury (transverse myelitis)
    brain_anoxia: bool = False             # ... the brain damaged by a lack of oxygen, not an injury (a cardiac arrest)
    sites: frozenset[SiteId] = frozenset()  # where the HO of now is
    located: bool = False                  # the report says where
    grade: GradeBand = "unknown"
    maturity: Maturity = "unknown"
    change: Change = "unknown"             # only against a stated earlier study
    severe: bool = False                   # high grade, bridging, ankylosis, lost motion, nerve or skin harm
    joint_limited: bool = False            # the report says the joint is bridged, fused or has lost motion
    bridged: bool = False                  # the report says bone bridges or fuses the joint
    motion_from_ho: bool = False           # the report names the HO as what limits the joint ("bony block")
    active: bool = False                   # rising alkaline phosphatase, a hot bone scan
    incidental: bool = False               # the report calls the HO a chance finding of no clinical importance
    not_the_cause: bool = False            # the report says the HO is not what causes the pain or the symptoms
    symptoms: bool = False                 # in the report or the patient's answers
    named_symptoms: frozenset[PatientSymptom] = frozenset()  # ... which ones
    reported_symptoms: bool = False        # in the report
    myositis: bool = False                 # myositis ossificans: HO in a muscle after a knock
    removed: bool = False                  # HO was taken out, before or in this report
    resolved: bool = False                 # the report says the HO seen before has gone by itself ("no longer seen")
    recurrent: bool = False                # HO is back after it was taken out
    came_back: bool = False                # the report says HO came back once, even if since removed again
    not_back: bool = False                 # the report says it has not come back ("no recurrence")
    residual_left: bool = False            # HO was removed, and the report names bone left behind ("residual fragment")
    simple_dislocation: bool = False       # the elbow came out of joint and no bone broke
    not_operated: bool = False             # the elbow injury was treated without an operation
    elbow_replaced: bool = False           # the elbow operation was a joint replacement, with no broken bone named
    moves_fully: bool = False              # the report records the HO's joint moving fully
    tumour_cleared: bool = False           # the report says what it found is not a tumour ("not a neoplasm")
    piece_left: bool = False               # a piece of the HO removed was left on purpose ("deliberately left in situ")
    cross_union_possible: bool = False     # the report weighs a bar joining the forearm bones, and finds none
    ho_treated: bool = False               # medicine or radiation against HO, or its removal
    bisphosphonate: bool = False           # a bisphosphonate (etidronate) given against HO, as the report says
    palovarotene: bool = False             # the report names palovarotene given or planned (FOP)
    manipulation: bool = False             # the report plans or weighs bending the joint under anaesthesia (an MUA)
    movement_held: bool = False            # the plan holds exercises or therapy for now ("HOLD physio until ...")
    prophylaxis: frozenset[Prophylaxis] = frozenset()
    prevention_not_given: frozenset[Prophylaxis] = frozenset()  # the report says it was not given or stopped early
    prophylaxis_missed: bool = False       # the report says prevention was not given, or was stopped early, before
    anticoagulated: bool = False
    nsaid_caution: bool = False            # kidney disease, a bleed, a healing bone, or NSAIDs withheld by the team
    caution_reasons: frozenset[ConditionId] = frozenset()  # ... the conditions the report names for it
    nsaid_advised_against: bool = False    # the report says NSAIDs are not advised, contraindicated or to be avoided
    radiation_ruled_out: bool = False      # the report's own plan or conclusion rules radiation out, and plans none
    fop: FopState = "none"
    flare_now: bool = False                # the report describes an FOP flare-up now ("early FOP flare-up")
    # the topics of the patient's own questions ("Can I still run?"): content/answer_rules.yaml's ``asked``, which
    # names what answers each; no statement's condition asks about them
    asks: frozenset[str] = frozenset()
    asks_in_plan: frozenset[str] = frozenset()  # ... of them, those a line of the report's own plan speaks to
    asks_in_timed_plan: frozenset[str] = frozenset()  # ... and gives its own time for ("return ~4-6 wks")
    surgery_planned: bool = False
    replacement_planned: bool = False      # the operation planned is a joint replacement, not removing the HO
    removal_planned: bool = False          # an operation is planned and it is not only a joint replacement
    minor_part: bool = False               # the report puts the lost movement mainly down to something else
    early_low_grade: bool = False          # a low grade of HO that is still forming: the bone of the first weeks
    plan_treats: bool = False              # the report's plan names a treatment (therapy, a referral, an operation)
    recommends: frozenset[str] = frozenset()  # the next steps the report recommends (lexicon/next_step.yaml)
    imaging_declined: bool = False         # the report says no more X-rays or scans are needed
    look_alike: bool = False               # no HO, and the report names what it found instead (a lipoma, a tophus)
    nsaid_planned: bool = False            # the report's plan starts an anti-inflammatory medicine now
    nsaid_stopped: bool = False            # every anti-inflammatory course the report names has stopped
    blinded_trial: bool = False            # the report is a trial's that gives some patients a dummy, told to no one
    amputation_for_illness: bool = False   # the limb was removed for an illness (diabetes, poor blood flow), not injury
    plan_in_own_words: bool = False        # the report's plan has lines shown only in its words (report_plan.py)
    since_event: SinceEvent = "unknown"
    event_date_told: bool = False          # the time since the event comes from the patient's date
    side_told_against: bool = False        # the patient places the bone on a side the report finds none on
    age: AgeBand = "unknown"
    flags: frozenset[FlagId] = frozenset()  # the red flags raised for this case
    flags_found: frozenset[FlagId] = frozenset()  # ... of them, those the report diagnoses now (red_flags.py)
    flags_reported: frozenset[FlagId] = frozenset()  # ... of them, those raised by the report's words, not only ours


SET_FEATURES = ("causes", "risk_factors", "sites", "prophylaxis", "recommends", "caution_reasons", "named_symptoms",
                "flags", "flags_found", "flags_reported", "prevention_not_given")
BOOL_FEATURES = ("reported_cause", "told_cause", "cause_stated", "neurologic", "cord_non_traumatic", "brain_anoxia",
                 "located",
                 "severe", "joint_limited", "motion_from_ho",
                 "bridged", "active", "incidental", "not_the_cause", "symptoms", "reported_symptoms", "myositis",
                 "removed", "resolved", "recurrent",
                 "came_back", "not_back", "residual_left", "simple_dislocation", "not_operated", "elbow_replaced",
                 "moves_fully", "tumour_cleared", "piece_left",
                 "cross_union_possible",
                 "ho_treated", "bisphosphonate", "palovarotene", "manipulation", "movement_held", "prophylaxis_missed",
                 "anticoagulated",
                 "nsaid_caution",
                 "nsaid_advised_against", "radiation_ruled_out", "surgery_planned", "replacement_planned",
                 "removal_planned", "minor_part",
                 "early_low_grade", "plan_treats",
                 "event_date_told",
                 "imaging_declined", "look_alike", "nsaid_planned", "nsaid_stopped", "blinded_trial",
                 "amputation_for_illness", "plan_in_own_words",
                 "flare_now", "side_told_against")
VALUE_FEATURES = ("status", "cause_count", "grade", "maturity", "change", "fop", "since_event", "age")
# What a condition asks, per feature it names: the values it accepts, the sets it wants one of, and
# those it excludes (When.holds).
_Checks = tuple[tuple[tuple[str, frozenset[Any]], ...], tuple[tuple[str, frozenset[str]], ...],
                tuple[tuple[str, frozenset[str]], ...]]


class When(BaseModel):
    """A condition on a case: every feature named must accept it (see the module's docstring)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    status: tuple[Status, ...] = ()
    cause_count: tuple[CauseCount, ...] = ()
    grade: tuple[GradeBand, ...] = ()
    maturity: tuple[Maturity, ...] = ()
    change: tuple[Change, ...] = ()
    fop: tuple[FopState, ...] = ()
    since_event: tuple[SinceEvent, ...] = ()
    age: tuple[AgeBand, ...] = ()
    causes: tuple[CauseId, ...] = ()
    not_causes: tuple[CauseId, ...] = ()
    risk_factors: tuple[RiskFactorId, ...] = ()
    not_risk_factors: tuple[RiskFactorId, ...] = ()
    sites: tuple[SiteId, ...] = ()
    not_sites: tuple[SiteId, ...] = ()
    prophylaxis: tuple[Prophylaxis, ...] = ()
    not_prophylaxis: tuple[Prophylaxis, ...] = ()
    prevention_not_given: tuple[Prophylaxis, ...] = ()
    not_prevention_not_given: tuple[Prophylaxis, ...] = ()
    caution_reasons: tuple[ConditionId, ...] = ()
    not_caution_reasons: tuple[ConditionId, ...] = ()
    recommends: tuple[StepId, ...] = ()
    not_recommends: tuple[StepId, ...] = ()
    named_symptoms: tuple[PatientSymptom, ...] = ()
    not_named_symptoms: tuple[PatientSymptom, ...] = ()
    flags: tuple[FlagId, ...] = ()
    not_flags: tuple[FlagId, ...] = ()
    flags_found: tuple[FlagId, ...] = ()
    not_flags_found: tuple[FlagId, ...] = ()
    flags_reported: tuple[FlagId, ...] = ()
    not_flags_reported: tuple[FlagId, ...] = ()
    reported_cause: bool | None = None
    told_cause: bool | None = None
    cause_stated: bool | None = None
    neurologic: bool | None = None
    cord_non_traumatic: bool | None = None
    brain_anoxia: bool | None = None
    located: bool | None = None
    severe: bool | None = None
    joint_limited: bool | None = None
    bridged: bool | None = None
    motion_from_ho: bool | None = None
    active: bool | None = None
    incidental: bool | None = None
    not_the_cause: bool | None = None
    symptoms: bool | None = None
    reported_symptoms: bool | None = None
    myositis: bool | None = None
    removed: bool | None = None
    resolved: bool | None = None
    recurrent: bool | None = None
    came_back: bool | None = None
    not_back: bool | None = None
    residual_left: bool | None = None
    simple_dislocation: bool | None = None
    not_operated: bool | None = None
    elbow_replaced: bool | None = None
    cross_union_possible: bool | None = None
    moves_fully: bool | None = None
    tumour_cleared: bool | None = None
    piece_left: bool | None = None
    ho_treated: bool | None = None
    bisphosphonate: bool | None = None
    palovarotene: bool | None = None
    manipulation: bool | None = None
    movement_held: bool | None = None
    prophylaxis_missed: bool | None = None
    anticoagulated: bool | None = None
    nsaid_caution: bool | None = None
    nsaid_advised_against: bool | None = None
    radiation_ruled_out: bool | None = None
    imaging_declined: bool | None = None
    look_alike: bool | None = None
    nsaid_planned: bool | None = None
    nsaid_stopped: bool | None = None
    blinded_trial: bool | None = None
    amputation_for_illness: bool | None = None
    plan_in_own_words: bool | None = None
    flare_now: bool | None = None
    surgery_planned: bool | None = None
    replacement_planned: bool | None = None
    removal_planned: bool | None = None
    minor_part: bool | None = None
    early_low_grade: bool | None = None
    plan_treats: bool | None = None
    event_date_told: bool | None = None
    side_told_against: bool | None = None

    @model_validator(mode="after")
    def _can_hold(self) -> When:
        problem = self.contradiction()
        if problem:
            raise ValueError(f"this condition can never hold: {problem}")
        return self

    # The features this condition names, with what it asks of each (``model_post_init``): a condition
    # names two or three of the 32, and an explanation asks ~170 conditions, so ``holds`` looks only
    # at those (a loop over every feature was a sixth of the explanation's time). Read through
    # ``__pydantic_private__``: pydantic's own look-up of a private attribute costs ~25 times more.
    _checks: _Compiled = PrivateAttr(default_factory=lambda: _Compiled(((), (), ())))

    def model_post_init(self, context: Any, /) -> None:
        accepts = (*((name, frozenset(getattr(self, name))) for name in VALUE_FEATURES if getattr(self, name)),
                   *((name, frozenset({getattr(self, name)})) for name in BOOL_FEATURES
                     if getattr(self, name) is not None))
        wants = tuple((name, frozenset(getattr(self, name))) for name in SET_FEATURES if getattr(self, name))
        excludes = tuple((name, frozenset(getattr(self, f"not_{name}"))) for name in SET_FEATURES
                         if getattr(self, f"not_{name}"))
        self._checks = _Compiled((accepts, wants, excludes))

    def holds(self, case: CaseFeatures) -> bool:
        return self.__pydantic_private__["_checks"].test(case)  # type: ignore[index,no-any-return]

    @property
    def test(self) -> Callable[[CaseFeatures], bool]:
        """``holds`` as a plain function, for a caller that asks many conditions in turn."""
        return self.__pydantic_private__["_checks"].test  # type: ignore[index,no-any-return]

    def compatible_with(self, other: When) -> bool:
        """Can one case meet both conditions? (A rule and the statement it names, for the load check.)"""
        for name in VALUE_FEATURES:
            mine, theirs = getattr(self, name), getattr(other, name)
            if mine and theirs and not set(mine) & set(theirs):
                return False
        for name in BOOL_FEATURES:
            mine, theirs = getattr(self, name), getattr(other, name)
            if mine is not None and theirs is not None and mine != theirs:
                return False
        for name in SET_FEATURES:
            excluded = {*getattr(self, f"not_{name}"), *getattr(other, f"not_{name}")}
            if any(getattr(side, name) and set(getattr(side, name)) <= excluded for side in (self, other)):
                return False
        return True

    def contradiction(self) -> str | None:
        """Why no case can meet this condition, or None."""
        for name in SET_FEATURES:
            wanted, excluded = set(getattr(self, name)), set(getattr(self, f"not_{name}"))
            if wanted and wanted <= excluded:
                return f"{name} {sorted(wanted)} are all excluded by not_{name}"
        if self.neurologic is False and set(self.causes) and set(self.causes) <= NEUROLOGIC_CAUSES:
            return "neurologic: false with only neurological causes"
        if self.fop and "none" not in self.fop and self.status and set(self.status) <= {"none", "absent"}:
            return "FOP with no HO"
        return None


class _Compiled:
    """A condition's checks (``When._checks``) and the same as one Python expression, compiled once when the
    knowledge is loaded: an explanation asks ~190 conditions, and a loop over each one's checks by name was a
    twentieth of it. Equal when the checks are (pydantic compares conditions by their private attributes too)."""

    __slots__ = ("checks", "test")

    def __init__(self, checks: _Checks) -> None:
        self.checks = checks
        values: dict[str, Any] = {}
        tests: list[str] = []
        accepts, wants, excludes = checks
        for prefix, named, form in (("a", accepts, "case.{name} in {value}"),
                                    ("w", wants, "not {value}.isdisjoint(case.{name})"),
                                    ("x", excludes, "{value}.isdisjoint(case.{name})")):
            for i, (name, value) in enumerate(named):
                assert name.isidentifier()  # a feature name of this module; the values are bound, not written
                values[f"{prefix}{i}"] = value
                tests.append(form.format(name=name, value=f"{prefix}{i}"))
        exec(f"def test(case):\n    return {' and '.join(tests) or 'True'}", values)
        self.test: Callable[[CaseFeatures], bool] = values["test"]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Compiled) and self.checks == other.checks

    def __hash__(self) -> int:
        return hash(self.checks)

    def __reduce__(self) -> tuple[type[_Compiled], tuple[_Checks]]:  # pickled (a scan's workers) without the code
        return _Compiled, (self.checks,)


ALWAYS = When()


def covers_every_case(conditions: list[When]) -> bool:
    """Does one of these conditions hold for every case? True when one has no condition, or two ask the
    same single yes/no feature the two ways ({imaging_declined: true} and {imaging_declined: false})."""
    if ALWAYS in conditions:
        return True
    single = [w.model_dump(exclude_defaults=True) for w in conditions]
    asked = {(name, value) for d in single if len(d) == 1 for name, value in d.items() if name in BOOL_FEATURES}
    return any((name, not value) in asked for name, value in asked)
