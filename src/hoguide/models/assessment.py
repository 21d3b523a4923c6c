"""The Assessment: what the report says, five answers, red flags and questions, all cited."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from hoguide.models.reading import Reading
from hoguide.models.serial import Serial, json_fields

QuestionId = Literal["cause", "growth", "treatment", "recovery", "recurrence"]
QUESTIONS: tuple[QuestionId, ...] = ("cause", "growth", "treatment", "recovery", "recurrence")
Certainty = Literal["high", "moderate", "low"]


@dataclass(frozen=True, slots=True)
class Evidence(Serial):
    """Words in a report that an answer rests on (``reading`` indexes ``Assessment.readings``)."""

    start: int
    end: int
    text: str
    reading: int = 0


@dataclass(frozen=True, slots=True)
class CitedText(Serial):
    """A text and the sources shown right after it: for patient text the one or two that support it
    (content ``patient_refs``, or one of its ``patient_refs_alt``: guidance/page_sources.py), for
    clinician text every source it rests on. Keys of ``references``."""

    text: str
    citations: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Answer(Serial):
    question: QuestionId
    answer: str
    explanation: str
    clinician_note: str
    certainty: Certainty
    certainty_reason: str
    evidence: tuple[Evidence, ...]
    citations: tuple[str, ...]
    statements: tuple[str, ...]  # content ids, in order: the trace of what was said and why
    rule: str  # the name of the decision-table row that chose them (content/answer_rules.yaml)
    # ``answer`` then ``explanation``, statement by statement, each with the sources shown after it
    parts: tuple[CitedText, ...] = ()
    # ``clinician_note``, statement by statement, each with every source it rests on
    clinician_parts: tuple[CitedText, ...] = ()
    short: str = ""  # the answer in one sentence, shown first (guidance/compose.short_answer)
    short_citations: tuple[str, ...] = ()  # its one or two sources, shown after it
    # the lines of the report's own plan on this question, quoted (guidance/report_on_answer.py; ``text`` may be cut)
    report_words: tuple[Evidence, ...] = ()

    def json_object(self) -> dict[str, Any]:
        """The parts give their length, not their text again: ``answer`` is the first part, and
        ``explanation`` (``clinician_note``) is the other parts (the clinician parts) joined by one
        space, so a client cuts them back out. Repeated, the texts made two thirds of an answer's JSON."""
        data = json_fields(self, skip=("question",))
        data["parts"] = [_piece(part) for part in self.parts]
        data["clinician_parts"] = [_piece(part) for part in self.clinician_parts]
        return data


def _piece(part: CitedText) -> dict[str, Any]:
    return {"length": len(part.text), "citations": part.citations}


@dataclass(frozen=True, slots=True)
class RedFlag(Serial):
    id: str
    message: str
    action: str
    urgency: str
    citations: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    reason: str
    clinician_note: str = ""
    state: str = "suspected"  # suspected, found (the report diagnoses it now), or known (FOP); guidance.red_flags
    patient_citations: tuple[str, ...] = ()  # the one or two sources shown after message and action


@dataclass(frozen=True, slots=True)
class FlagStatus(Serial):
    """A red flag's state said plainly ("your report looked for a blood clot and found none")."""

    id: str  # the signal: dvt, infection, tumour, fop, nerve_compression, pressure_sore, fracture
    label: str
    state: str  # suspected, known, ruled_out, not_excluded, not_found, tested_clear
    text: str
    evidence: tuple[Evidence, ...]
    citations: tuple[str, ...]
    for_patient: bool = True  # False: the clinician's view only (a denial nobody asked the patient to hear)


@dataclass(frozen=True, slots=True)
class CauseFinding(Serial):
    id: str
    label: str
    source: Literal["report", "patient", "report and patient"]
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class ReportStatement(Serial):
    """One finding restated in plain words, with the report's words it rests on."""

    status: str
    text: str
    details: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    citations: tuple[str, ...]
    # shown after ``text`` and after each detail line (empty where a line only restates the report)
    patient_citations: tuple[str, ...] = ()
    detail_citations: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True, slots=True)
class Assessment(Serial):
    readings: tuple[Reading, ...]
    overall_status: str
    report_says: tuple[ReportStatement, ...]
    causes: tuple[CauseFinding, ...]
    answers: dict[str, Answer]
    red_flags: tuple[RedFlag, ...]
    questions_for_doctor: tuple[str, ...]
    notice: str
    references: dict[str, str]
    reading_grade: float
    knowledge_version: str
    trace: tuple[str, ...] = field(default=())
    reference_links: dict[str, str] = field(default_factory=dict)  # key -> DOI, PubMed or web address
    flag_states: tuple[FlagStatus, ...] = ()  # every red flag the report speaks of, raised or not
    next_steps: tuple[ReportStatement, ...] = ()  # what the report recommends, and reassuring facts it states
    you_told_us: tuple[str, ...] = ()  # the patient's answers as understood, said back ("What happened: ...")
    # a medicine to be careful with, said in the warning box beside the red flags (content: answer_rules cautions)
    cautions: tuple[CitedText, ...] = ()

    def patient_texts(self) -> list[str]:
        """Every sentence a patient is shown, for the readability ceiling."""
        texts = [self.notice]
        texts += [f.message for f in self.red_flags] + [f.action for f in self.red_flags]
        texts += [c.text for c in self.cautions]
        texts += [s.text for s in self.report_says] + [s.text for s in self.flag_states]
        texts += [s.text for s in self.next_steps]
        for answer in self.answers.values():
            texts += [answer.short, answer.answer, answer.explanation]
        texts += list(self.questions_for_doctor) + list(self.you_told_us)
        return [t for t in texts if t]

    def json_object(self) -> dict[str, Any]:
        """The JSON contract of ``hoguide explain --format json``: the reading's keys plus guidance."""
        data = self.readings[0].json_object() if self.readings else {}
        if len(self.readings) > 1:
            data["readings"] = self.readings
        data.update(json_fields(self, skip=("readings",)))
        return data
