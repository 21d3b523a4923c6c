"""A Case: one or more readings of a patient's reports, plus what the patient tells us."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from hoguide.models.reading import Reading
from hoguide.models.told_dates import read_told_date

CauseId = Literal[
    "hip_arthroplasty", "knee_arthroplasty", "shoulder_arthroplasty", "elbow_trauma_or_surgery",
    "acetabular_fracture", "other_fracture_or_trauma", "muscle_contusion", "spinal_cord_injury",
    "traumatic_brain_injury", "stroke", "burns", "amputation_or_blast", "prolonged_immobilisation_or_icu", "fop",
    "other_genetic", "hip_arthroscopy", "other_surgery",
]
# The reader's symptoms, plus warning signs only a patient can report.
PatientSymptom = Literal[
    "pain", "swelling", "warmth", "stiffness", "hard_lump", "fever", "redness",
    "calf_pain", "fast_growing_lump", "night_pain", "numbness", "shortness_of_breath", "skin_sore",
]
# The words the form and the said-back answers use for each symptom id.
PATIENT_SYMPTOM_LABELS: dict[str, str] = {
    "pain": "Pain", "swelling": "Swelling", "warmth": "Warmth", "stiffness": "Stiffness or less movement",
    "hard_lump": "A hard lump", "fever": "Fever", "redness": "Redness", "calf_pain": "Pain or swelling in the calf",
    "fast_growing_lump": "A lump that grows fast", "night_pain": "Pain at night", "numbness": "Numbness or tingling",
    "shortness_of_breath": "Shortness of breath or chest pain",  # the form asks both; the clot's warning signs
    "skin_sore": "A sore or broken skin",  # over HO it may not heal: the pressure-sore flag's sign
}
Prophylaxis = Literal["nsaid", "radiotherapy"]
# Health problems that make anti-inflammatory medicines a concern (the condition lexicon's ids).
ConditionId = Literal["kidney_disease", "bleeding_risk", "healing_fracture", "pregnancy", "heart_disease"]
MAX_WORDS_CHARS = 1000  # a few sentences of the patient's own words; a report goes in the report box
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")  # a whole date, checked as one by pydantic
PLANNED_AHEAD_DAYS = 730  # an event date up to two years ahead is an operation planned; later ones are a slip
RiskFactorId = Literal["prior_ho", "ankylosing_spondylitis", "dish", "hypertrophic_osteoarthritis", "male_sex",
                       "hip_resurfacing"]


class PatientAnswers(BaseModel):
    """What the patient adds to the report (``--answers`` JSON). Every field is optional.

    ``as_of`` is the date the answers are judged against (default: today); it is a field so
    that the same answers give the same output on any day when it is set.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    causes: tuple[CauseId, ...] = Field(default=(), description="the surgery or injury the HO followed")
    event: str | None = Field(default=None, max_length=MAX_WORDS_CHARS,
                              description="the surgery or injury in the patient's own words")
    event_date: date | None = Field(default=None, description="when that surgery or injury happened "
                                    "(YYYY-MM-DD, or YYYY-MM or YYYY when only the month or the year is known)")
    event_date_month_only: bool = Field(default=False, description="set when event_date was given as YYYY-MM")
    event_date_year_only: bool = Field(default=False, description="set when event_date was given as YYYY")
    birth_date: date | None = None
    symptoms: tuple[PatientSymptom, ...] = ()
    symptoms_text: str | None = Field(default=None, max_length=MAX_WORDS_CHARS,
                                      description="symptoms in own words; \"no fever\" is read as no fever")
    prior_excision: bool = Field(default=False, description="HO was removed by surgery before")
    excision_date: date | None = None
    known_fop: bool = False
    # The two questions that most often reveal FOP (ho_facts.md §10): big toes short or bent since
    # birth, and a lump that came after a minor knock, a shot or an illness and turned hard.
    big_toes_short_or_bent_from_birth: bool = False
    hard_lump_after_minor_knock: bool = False
    prophylaxis: tuple[Prophylaxis, ...] = Field(default=(), description="prevention already given")
    conditions: tuple[ConditionId, ...] = Field(
        default=(), description="health problems that make anti-inflammatory medicines a concern")
    surgery_planned: bool = False
    # an event_date still to come, as people give the date of the operation they are waiting for ("Having my left hip
    # replaced in January", 2027-01-19: round 34, 626 was refused): kept here, with surgery_planned set, and said back
    event_date_to_come: date | None = None
    as_of: date | None = None

    @model_validator(mode="before")
    @classmethod
    def _told_dates(cls, data: Any) -> Any:
        """A month alone ("2024-03", "March 2024", "last march": as people remember an operation) is the first of
        that month, a year alone ("2019": round 14, 273) the first of that year, marked (models/told_dates.py)."""
        if not isinstance(data, dict):
            return data
        today = _as_of(data.get("as_of"))
        for name in ("event_date", "excision_date"):
            value = data.get(name)
            if not isinstance(value, str) or ISO_DAY.fullmatch(value.strip()):
                continue
            read = read_told_date(value, today)
            if read is None:
                raise ValueError(f"{name} {value.strip()[:40]!r} is not a date we can read: write it as 2024-03-15, "
                                 "2024-03, 2024, or in words such as 'March 2024' or 'last March'")
            data = {**data, name: read[0]}
            if name == "event_date" and read[1] != "day":
                data["event_date_month_only" if read[1] == "month" else "event_date_year_only"] = True
        return _event_to_come(data, today)

    @model_validator(mode="after")
    def _dates_make_sense(self) -> PatientAnswers:
        today = self.as_of or date.today()
        for name in ("event_date", "birth_date", "excision_date"):
            value: date | None = getattr(self, name)
            if value is None:
                continue
            if value > today:
                raise ValueError(f"{name} {value.isoformat()} is in the future")
            if self.birth_date is not None and value < self.birth_date:
                raise ValueError(f"{name} {value.isoformat()} is before the birth date")
        if self.excision_date is not None and not self.prior_excision:
            raise ValueError("excision_date is given but prior_excision is not true")
        return self


def _event_to_come(data: dict[str, Any], today: date) -> dict[str, Any]:
    """An event date after ``today``, within ``PLANNED_AHEAD_DAYS``, is an operation still to come: it moves to
    ``event_date_to_come`` and ``surgery_planned`` is set (a date that cannot be read is left for its own check)."""
    value = data.get("event_date")
    try:
        told = date.fromisoformat(value.strip()) if isinstance(value, str) else value
    except ValueError:
        return data
    if not isinstance(told, date) or told <= today or (told - today).days > PLANNED_AHEAD_DAYS:
        return data
    return {**data, "event_date": None, "event_date_month_only": False, "event_date_year_only": False,
            "event_date_to_come": told, "surgery_planned": True}


def _as_of(value: Any) -> date:
    """The day told dates are judged against: the answers' ``as_of`` where it is a date, else today (a bad ``as_of``
    is reported by its own field's check)."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value) if isinstance(value, str) else date.today()
    except ValueError:
        return date.today()


@dataclass(frozen=True, slots=True)
class Case:
    """Everything known about one patient's HO question: readings first, then the patient's word."""

    readings: tuple[Reading, ...]
    answers: PatientAnswers = field(default_factory=PatientAnswers)


def build_case(readings: Reading | tuple[Reading, ...] | list[Reading],
               answers: PatientAnswers | None = None) -> Case:
    if isinstance(readings, Reading):
        readings = (readings,)
    return Case(tuple(readings), answers or PatientAnswers())
