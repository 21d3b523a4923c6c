"""What the reader found in one report: plain offsets and ids, no third-party objects.

Offsets are character offsets into the text exactly as it was given to ``hoguide.read``,
so ``text[f.start:f.end] == f.text`` for every finding, fact and mimic.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from hoguide.models.fast_init import fast_init
from hoguide.models.serial import Serial, json_fields

SCHEMA_VERSION = "1"

Status = Literal["present", "absent", "possible", "historical", "hypothetical"]
Experiencer = Literal["patient", "other"]
FactKind = Literal[
    "cause", "risk_factor", "symptom", "treatment", "time", "red_flag", "course", "next_step", "condition",
    "illness",
]


@fast_init
@dataclass(frozen=True, slots=True)
class Trigger(Serial):
    """A ConText trigger that set a flag: the phrase as written, its category and offsets."""

    phrase: str
    category: str
    start: int
    end: int


@fast_init
@dataclass(frozen=True, slots=True)
class ContextResult(Serial):
    """The ConText verdict for one target span."""

    negated: bool = False
    uncertain: bool = False
    historical: bool = False
    hypothetical: bool = False
    experiencer: Experiencer = "patient"
    triggers: tuple[Trigger, ...] = ()

    @property
    def status(self) -> Status:
        """One status, in order of precedence: a hypothetical frame outranks a negation (in "no
        prophylaxis against HO was given" the HO is a risk, not a finding ruled out), a negation
        a hedge, a hedge a history."""
        if self.hypothetical:
            return "hypothetical"
        if self.negated:
            return "absent"
        if self.uncertain:
            return "possible"
        if self.historical:
            return "historical"
        return "present"


@fast_init
@dataclass(frozen=True, slots=True)
class Grade(Serial):
    """A grade with its classification system named (``brooker``, ``hastings_graham`` …)."""

    system: str
    value: str
    text: str


@fast_init
@dataclass(frozen=True, slots=True)
class Section(Serial):
    """A report section: ``id`` from the section rules, the header as written, body offsets."""

    id: str
    header: str
    start: int
    end: int


@fast_init
@dataclass(frozen=True, slots=True)
class Finding(Serial):
    """One mention of heterotopic ossification with its context and attributes."""

    concept: str
    text: str
    start: int
    end: int
    status: Status
    experiencer: Experiencer
    sites: tuple[str, ...] = ()
    laterality: str | None = None
    grade: Grade | None = None
    maturity: str | None = None
    change: str | None = None
    size: str | None = None
    section: str | None = None
    sentence_start: int = 0
    sentence_end: int = 0
    triggers: tuple[Trigger, ...] = ()

    def json_object(self) -> dict[str, Any]:
        data = json_fields(self, skip=("sentence_start", "sentence_end"))
        data["sentence"] = {"start": self.sentence_start, "end": self.sentence_end}
        return data


@fast_init
@dataclass(frozen=True, slots=True)
class Fact(Serial):
    """A fact guidance needs: a cause, risk factor, symptom, treatment or time reference."""

    kind: FactKind
    concept: str
    text: str
    start: int
    end: int
    status: Status
    experiencer: Experiencer = "patient"
    section: str | None = None
    triggers: tuple[Trigger, ...] = ()
    value: str | None = None  # for time references: an ISO date or the interval as written


@fast_init
@dataclass(frozen=True, slots=True)
class Mimic(Serial):
    """A term that looks like HO but is not (OPLL, phleboliths …): kept so it can be explained."""

    concept: str
    text: str
    start: int
    end: int
    status: Status = "present"


@fast_init
@dataclass(frozen=True, slots=True)
class Reading(Serial):
    """Everything the reader found in one report."""

    text: str
    sections: tuple[Section, ...] = ()
    findings: tuple[Finding, ...] = ()
    facts: tuple[Fact, ...] = ()
    mimics: tuple[Mimic, ...] = ()
    warnings: tuple[str, ...] = field(default=())
    # The report-level status (hoguide.reading.report_status): present, possible, absent,
    # historical, hypothetical or not_mentioned.
    ho_status: str = "not_mentioned"

    @property
    def mentions_ho(self) -> bool:
        return bool(self.findings)

    def json_object(self) -> dict[str, Any]:
        """The JSON contract of ``hoguide read --json`` (schema version 1)."""
        return {"schema_version": SCHEMA_VERSION, **json_fields(self, skip=("text",))}
