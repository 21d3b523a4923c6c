"""Builders for the realistic benchmark corpus: one function per note kind, drawing on ``corpus_templates``.

``generate(notes, seed)`` yields ``{"id", "text"}`` dicts one at a time (never the whole corpus in memory). Ids are
``{index:06d}-{kind}`` with ``-ho`` appended when the note mentions heterotopic ossification, or
``{index:06d}-example-{name}`` for a bundled example report. The same seed gives the same corpus.
"""

from __future__ import annotations

import datetime
import itertools
import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

import corpus_templates as t
from hoguide.examples import example_bytes, example_names

EXAMPLE_SHARE = 0.01  # bundled example reports (fictional, about HO), as in the dense profile
UPPER_CASE_SHARE = 0.25  # radiology reports from systems that print in capitals

FIRST_DAY = datetime.date(2019, 1, 1).toordinal()
DAYS = 8 * 365  # notes are dated 2019-2026

T = TypeVar("T")


class Note:
    """One note being written: the random source and what stays fixed within it (patient, side, joint)."""

    __slots__ = ("ctx", "day", "rng")

    def __init__(self, rng: random.Random, ctx: dict[str, str], day: int) -> None:
        self.rng = rng
        self.ctx = ctx
        self.day = day  # the note's date (proleptic ordinal); other dates in the note fall near it

    def fill(self, template: str) -> str:
        """Fill a template's placeholders: note context first, then a fresh draw from ``FILLERS``."""
        return template.format_map(_Slots(self)) if "{" in template else template

    def pick(self, bank: Sequence[str]) -> str:
        return self.fill(self.rng.choice(bank))

    def some(self, bank: Sequence[str], low: int, high: int) -> list[str]:
        """Between ``low`` and ``high`` items of ``bank``, filled, in the bank's order."""
        return [self.fill(item) for item in ordered_sample(self.rng, bank, low, high)]

    def date(self, offset: int = 0) -> str:
        return datetime.date.fromordinal(self.day + offset).isoformat()

    def chance(self, probability: float) -> bool:
        return self.rng.random() < probability

    def num(self, low: float, high: float, decimals: int = 0) -> str:
        value = self.rng.uniform(low, high)
        return f"{value:.{decimals}f}" if decimals else str(round(value))


class _Slots(dict[str, str]):
    """The mapping ``str.format_map`` reads: a placeholder is drawn once per sentence."""

    __slots__ = ("note",)

    def __init__(self, note: Note) -> None:
        super().__init__()
        self.note = note

    def __missing__(self, key: str) -> str:
        value = self.note.ctx.get(key)
        if value is None:
            value = FILLERS[key](self.note)
        self[key] = value
        return value


def ordered_sample(rng: random.Random, items: Sequence[T], low: int, high: int) -> list[T]:
    """Between ``low`` and ``high`` of ``items``, in their order."""
    count = min(len(items), rng.randint(low, high))
    return [items[i] for i in sorted(rng.sample(range(len(items)), count))]


def _ordinal(number: int) -> str:
    return f"{number}{'th' if 10 <= number % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th')}"


def _date(note: Note) -> str:
    return note.date(note.rng.randint(-2, 21))


def _time(note: Note) -> str:
    return f"{note.rng.randint(0, 23):02d}:{note.rng.randint(0, 59):02d}"


def _doctor(note: Note) -> str:
    return f"{note.rng.choice(t.INITIALS)}. {note.rng.choice(t.SURNAMES)}"


def _blood_pressure(note: Note, low: int, high: int) -> str:
    systolic = note.rng.randint(low, high)
    return f"{systolic}/{round(systolic * note.rng.uniform(0.45, 0.68))}"


def _medication(note: Note) -> str:
    name, doses, route, frequencies = note.rng.choice(t.MEDICATIONS)
    return f"{name} {note.rng.choice(doses)} {route} {note.rng.choice(frequencies)}"


def _problem(note: Note) -> str:
    return note.fill(note.rng.choice(t.PROBLEM_ITEMS)[0])


def _uniform(low: float, high: float, decimals: int = 0) -> Callable[[Note], str]:
    return lambda note: note.num(low, high, decimals)


def _one_of(bank: Sequence[str]) -> Callable[[Note], str]:
    return lambda note: note.pick(bank)


FILLERS: dict[str, Callable[[Note], str]] = {
    # sizes, counts, levels, doses
    "mm": _uniform(3, 28), "mm2": _uniform(2, 9), "cm": _uniform(1.0, 9.5, 1), "n": _uniform(2, 9),
    "n2": _uniform(0, 9), "days": _uniform(2, 10), "weeks": _one_of(["2", "3", "4", "6", "6", "8", "10", "12"]),
    "pct": lambda note: str(5 * note.rng.randint(2, 12)), "deg": lambda note: str(5 * note.rng.randint(18, 26)),
    "rib": lambda note: _ordinal(note.rng.randint(3, 11)), "vert_t": _uniform(4, 12), "vert_l": _uniform(1, 5),
    "vert_c": _uniform(3, 7), "liver_seg": _one_of(["2", "3", "4A", "4B", "5", "6", "7", "8"]),
    "contrast": _one_of(["75", "80", "90", "100"]), "dlp": _uniform(180, 1150), "gad": _uniform(6, 15),
    "ratio": _uniform(0.8, 1.6, 1), "shell": lambda note: str(2 * note.rng.randint(23, 31)),
    "head": _one_of(["28", "32", "36"]), "bmi": _uniform(19, 41, 1), "ais": _one_of("ABCD"),
    "grade": _one_of(t.HO_GRADES), "muscle": _one_of(t.HO_MUSCLES), "muscle_group": _one_of(t.MAS_GROUPS),
    "nihss": _uniform(2, 24),
    # times, places and people
    "date": _date, "prior": lambda note: note.date(-note.rng.randint(20, 900)), "time": _time,
    "year": _uniform(1998, 2025), "weekday": _one_of(t.WEEKDAYS),
    "clinic_time": lambda note: f"{note.rng.randint(8, 16)}:{note.rng.choice(('00', '15', '30', '45'))}",
    "doctor": _doctor, "role": _one_of(t.CLINICIAN_ROLES), "relative": _one_of(t.RELATIVES_SHORT),
    "specialty": _one_of(t.SPECIALTIES), "Specialty": lambda note: note.pick(t.SPECIALTIES).capitalize(),
    "building": _one_of(t.BUILDINGS), "campus": _one_of(t.CAMPUSES), "location": _one_of(t.LOCATIONS),
    "priority": _one_of(t.PRIORITIES), "position": _one_of(t.POSITIONS),
    "occupation": _one_of(t.OCCUPATIONS), "living": _one_of(t.LIVING), "aid": _one_of(t.MOBILITY_AIDS),
    "allergy": _one_of(t.ALLERGIES), "approach": _one_of(t.APPROACHES), "condition": _problem,
    "problem": _problem, "med": _medication, "dispo": lambda note: note.pick(t.DISPOSITIONS).lower(),
    "anesthesia": _one_of(t.ANESTHESIA), "drains": _one_of(t.DRAINS), "specimens": _one_of(t.SPECIMENS),
    "phone_reason": _one_of(t.PHONE_REASONS), "phone_advice": _one_of(t.PHONE_ADVICE),
    "addendum": _one_of(t.ADDENDA), "pharmacy": _one_of(t.PHARMACY), "social": _one_of(t.SOCIAL),
    "complaint": _one_of(t.COMPLAINTS),
    # vital signs and lab values
    "temp": _uniform(36.2, 39.4, 1), "hr": _uniform(56, 128), "hr10": lambda note: str(10 * note.rng.randint(6, 11)),
    "sbp": lambda note: str(10 * note.rng.randint(10, 16)), "dbp": lambda note: str(10 * note.rng.randint(5, 9)),
    "bp": lambda note: _blood_pressure(note, 92, 178), "rr": _uniform(12, 28), "spo2": _uniform(88, 100),
    "pain": _uniform(0, 8), "wbc": _uniform(3.8, 21.0, 1), "lactate": _uniform(0.8, 4.6, 1),
    "creat": _uniform(0.6, 3.1, 1), "hgb": _uniform(6.8, 14.2, 1), "bun": _uniform(12, 68),
    "inr": _uniform(0.9, 3.4, 1), "ck": _uniform(180, 4800), "bnp": _uniform(800, 14000),
    "trop": _uniform(0.01, 0.06, 2), "ef": _uniform(20, 40), "ldl": _uniform(70, 190), "a1c": _uniform(5.8, 12.5, 1),
    "glucose": _uniform(280, 690), "gap": _uniform(18, 32), "bicarb": _uniform(6, 15), "tsh": _uniform(0.5, 6.0, 2),
}


# ----------------------------------------------------------------------------------------------------------------
# The patient
# ----------------------------------------------------------------------------------------------------------------


def new_note(rng: random.Random, ho: bool) -> Note:
    """A note with its fixed context: age, sex and pronouns, surname, one side and one joint."""
    female = rng.random() < 0.5
    side = rng.choice(("left", "right"))
    joint = rng.choice(t.HO_JOINTS) if ho else rng.choice(("hip", "knee", "shoulder", "elbow", "ankle", "wrist"))
    ctx = {
        "age": str(rng.randint(19, 94)), "sex": "woman" if female else "man", "sex_short": "F" if female else "M",
        "he": "she" if female else "he", "He": "She" if female else "He", "his": "her" if female else "his",
        "His": "Her" if female else "His", "him": "her" if female else "him", "title": "Ms." if female else "Mr.",
        "surname": rng.choice(t.SURNAMES), "side": side, "Side": side.capitalize(), "SIDE": side.upper(),
        "joint": joint, "JOINT": joint.upper(),
    }
    return Note(rng, ctx, FIRST_DAY + rng.randrange(DAYS))


def vitals(note: Note, stable: bool = False) -> str:
    """One vital-signs line; ``stable`` keeps every value in the normal range (discharge, rehabilitation)."""
    if stable:
        return (f"T {note.num(36.3, 37.4, 1)} HR {note.num(60, 96)} BP {_blood_pressure(note, 104, 148)} "
                f"RR {note.num(14, 18)} SpO2 {note.num(93, 99)}% RA")
    return note.fill("T {temp} HR {hr} BP {bp} RR {rr} SpO2 {spo2}% " + note.rng.choice(("RA", "RA", "2L NC", "4L")))


def lab_lines(note: Note, panels: Sequence[str], when: str) -> list[str]:
    """Lab results in the 'WBC-7.2 RBC-4.11 ...' layout, one line per panel."""
    lines = []
    for panel in panels:
        values = []
        for name, low, high, decimals in t.LAB_PANELS[panel]:
            if low is None or high is None:
                values.append(f"{name}-{note.rng.choice(t.UA_WORDS[name])}")
                continue
            flag = "*" if note.chance(0.15) else ""
            values.append(f"{name}-{note.num(low, high, decimals)}{flag}")
        lines.append(f"{when} {t.LAB_SPECIMENS.get(panel, 'BLOOD')} " + " ".join(values))
    return lines


def medication_list(note: Note, count: int, changes: bool = False) -> list[str]:
    """A numbered list of distinct drugs with dose, route and frequency; ``changes`` marks new and changed ones."""
    drugs = note.rng.sample(t.MEDICATIONS, count)
    lines = []
    for i, (name, doses, route, frequencies) in enumerate(drugs, start=1):
        change = note.rng.choice(t.MED_CHANGES) if changes else ""
        lines.append(f"{i}. {name.capitalize()} {note.rng.choice(doses)} {route} {note.rng.choice(frequencies)}"
                     f"{change}")
    return lines


# ----------------------------------------------------------------------------------------------------------------
# Radiology
# ----------------------------------------------------------------------------------------------------------------


@dataclass
class Findings:
    """A report's findings paragraphs, and the abnormal sentences among them (the impression restates them)."""

    paragraphs: list[str]
    abnormal: list[str]


def _section(note: Note, section: t.Section, findings: Findings, headed: bool) -> None:
    if section.optional and note.chance(0.6):
        return
    if note.chance(section.abnormal_rate):
        sentences = note.some(section.abnormal, 1, 2 if note.chance(0.2) else 1)
        findings.abnormal.extend(sentences)
    else:
        sentences = note.some(section.normal, 1, 2 if note.chance(0.5) else 1)
        sentences += note.some(t.SECTION_DETAILS.get(section.header, ()), 0, 3)
    body = " ".join(sentences)
    findings.paragraphs.append(f"{section.header}: {body}" if headed else body)


def _findings(note: Note, sections: Sequence[t.Section], headed: bool) -> Findings:
    findings = Findings([], [])
    for section in sections:
        _section(note, section, findings, headed)
    return findings


def _impression(note: Note, findings: Findings, normal: Sequence[str], ho_line: str | None) -> str:
    items = findings.abnormal[:3] if findings.abnormal else [note.pick(normal)]
    if ho_line is not None:
        items.insert(note.rng.randint(0, min(1, len(items))), ho_line)
    if note.chance(0.35):
        items.append(note.pick(t.RECOMMENDATIONS))
    if len(items) == 1 and note.chance(0.5):
        return items[0]
    return "\n".join(f"{i}. {item}" for i, item in enumerate(items, start=1))


def _msk_sections(note: Note) -> list[t.Section]:
    normal, abnormal = t.MSK_JOINTS[note.ctx["joint"]]
    return [t.MSK_ALIGNMENT, t.Section("BONES AND JOINTS", normal, abnormal, 0.55), t.MSK_COMMON]


def _exam_parts(note: Note, ho: bool) -> tuple[str, str, str, list[t.Section], Sequence[str], float]:
    """Title, technique, reason, sections, normal impressions and comparison rate of one study."""
    incidental = ho and note.chance(0.2)  # HO seen on a CT or bone scan done for something else
    if incidental:
        note.ctx.update(joint="hip", JOINT="HIP")
    if (ho and not incidental) or (not ho and note.chance(t.MSK_WEIGHT)):
        if not ho:
            joint = note.rng.choices(list(t.MSK_WEIGHTS), list(t.MSK_WEIGHTS.values()))[0]
            note.ctx.update(joint=joint, JOINT=joint.upper())
        note.ctx["views"] = note.rng.choice(("2", "3", "4", "AP and lateral"))
        note.ctx["VIEWS"] = note.ctx["views"].upper()
        title, sections = note.pick(t.MSK_TITLES), _msk_sections(note)
        if title.startswith("MRI"):
            sections += t.MSK_CROSS_SECTIONS
            technique = note.pick(t.MSK_TECHNIQUES_MRI)
        elif title.startswith("CT"):
            sections += t.MSK_CROSS_SECTIONS[:1]
            technique = note.pick(t.MSK_TECHNIQUES_CT)
        else:
            technique = note.pick(t.MSK_TECHNIQUES)
        return title, technique, note.pick(t.MSK_REASONS), sections, t.MSK_NORMAL_IMPRESSIONS, 0.6
    if incidental:
        exam = note.rng.choice((t.CT_ABDOMEN, t.BONE_SCAN))
    else:
        exam = note.rng.choices(t.NON_MSK_EXAMS, [e.weight for e in t.NON_MSK_EXAMS])[0]
    if exam is t.SPINE:
        note.ctx["REGION"] = note.rng.choice(("LUMBAR", "CERVICAL"))
    sections = list(exam.sections)
    return (note.pick(exam.titles), note.pick(exam.techniques), note.pick(exam.reasons), sections,
            exam.normal_impressions, exam.comparison_rate)


def _spine_levels(note: Note) -> list[str]:
    levels = t.SPINE_LEVELS["cervical" if note.ctx.get("REGION") == "CERVICAL" else "lumbar"]
    return [f"{level}: {note.pick(t.SPINE_LEVEL_FINDINGS if note.chance(0.6) else t.SPINE_LEVEL_FINDINGS[:2])}"
            for level in levels]


def radiology_report(note: Note, ho: bool) -> str:
    title, technique, reason, sections, normals, comparison_rate = _exam_parts(note, ho)
    note.ctx.update(reason=reason, Reason=reason[:1].upper() + reason[1:])
    headed = note.chance(0.7)
    findings = _findings(note, sections, headed)
    if "REGION" in note.ctx:
        findings.paragraphs.extend(_spine_levels(note))
    ho_line = None
    if ho:
        finding, ho_line = note.rng.choice(t.HO_RADIOLOGY)
        findings.paragraphs.insert(note.rng.randint(0, len(findings.paragraphs)), note.fill(finding))
        ho_line = note.fill(ho_line)
    history_header = note.rng.choice(("CLINICAL HISTORY", "INDICATION", "HISTORY", "REASON FOR EXAMINATION"))
    parts = [f"EXAMINATION: {title}", f"DATE: {note.fill('{date} {time}')}"]
    if note.chance(0.4):
        parts.append(f"ACCESSION: {note.rng.randint(10_000_000, 99_999_999)}")
    parts += note.some(t.RADIOLOGY_EXTRA_HEADERS, 0, 3)
    parts += ["", f"{history_header}: {note.pick(t.INDICATION_FORMS)}", "", f"TECHNIQUE: {technique}"]
    if note.chance(comparison_rate):
        parts.append(f"COMPARISON: {note.pick(t.COMPARISONS)}")
    if note.chance(0.15):
        parts.append(f"LIMITATIONS: {note.pick(t.LIMITATIONS)}")
    parts += ["", "FINDINGS:", "", "\n\n".join(findings.paragraphs) if headed else _wrap(note, findings.paragraphs)]
    parts += ["", "IMPRESSION:", "", _impression(note, findings, normals, ho_line), "", note.pick(t.SIGNOFFS)]
    text = "\n".join(parts) + "\n"
    return text.upper() if note.chance(UPPER_CASE_SHARE) else text


def _wrap(note: Note, sentences: list[str]) -> str:
    """Unheaded findings: sentences run together into two or three paragraphs."""
    cut = sorted(note.rng.sample(range(1, len(sentences)), min(2, len(sentences) - 1))) if len(sentences) > 1 else []
    bounds = [0, *cut, len(sentences)]
    return "\n\n".join(" ".join(sentences[a:b]) for a, b in itertools.pairwise(bounds))


def imaging_summary(note: Note, key: str) -> str:
    """A short imaging result for a discharge summary: study, date, findings in brief and impression."""
    saved = dict(note.ctx)
    if key.startswith("msk_"):
        note.ctx.update(joint=key[4:], JOINT=key[4:].upper(), VIEWS="2")
        sections, title, normals = _msk_sections(note), note.pick(t.MSK_TITLES), t.MSK_NORMAL_IMPRESSIONS
    else:
        exam = RADIOLOGY_BY_NAME[key]
        note.ctx["REGION"] = "LUMBAR"
        title, sections, normals = note.pick(exam.titles), list(exam.sections), exam.normal_impressions
    findings = _findings(note, sections, False)
    impression = " ".join(findings.abnormal[:2]) if findings.abnormal else note.pick(normals)
    note.ctx.clear()
    note.ctx.update(saved)
    return f"{title} ({note.fill('{date}')}): {' '.join(findings.paragraphs[:3])} IMPRESSION: {impression}"


RADIOLOGY_BY_NAME = {"chest_xr": t.CHEST_XR, "ct_chest": t.CT_CHEST, "ct_abdomen": t.CT_ABDOMEN,
                     "ct_head": t.CT_HEAD, "us_abdomen": t.US_ABDOMEN, "venous_duplex": t.VENOUS_DUPLEX,
                     "spine": t.SPINE}


# ----------------------------------------------------------------------------------------------------------------
# Discharge summaries
# ----------------------------------------------------------------------------------------------------------------


def _heading(name: str, body: str | Sequence[str]) -> str:
    text = body if isinstance(body, str) else "\n".join(body)
    return f"{name}:\n{text}"


def _problems(note: Note, low: int, high: int) -> list[tuple[str, list[str], list[str]]]:
    return note.rng.sample(t.PROBLEM_ITEMS, note.rng.randint(low, high))


def _hpi(note: Note, scenario: t.Scenario, problems: Sequence[tuple[str, list[str], list[str]]],
         complexity: float) -> str:
    pmh = ", ".join(note.fill(p[0]).split(",")[0].lower() for p in problems[:4]) or "no significant history"
    opening = note.fill(f"{{age}}-year-old {{sex}} with a history of {pmh} who presents with "
                        f"{note.rng.choice(scenario.complaints).lower()}.")
    story = [note.fill(scenario.story[0]), *note.some(scenario.story[1:], 1, len(scenario.story))]
    story += note.some(t.GENERAL_HPI, 1, 1 + round(5 * complexity))
    ed_course = note.some(scenario.ed_course, 1, len(scenario.ed_course))
    negatives = ", ".join(note.rng.sample(t.ROS_NEGATIVES, note.rng.randint(4, 14)))
    ros = f"ROS: otherwise negative for {negatives}." if note.chance(0.7) else "Full ROS otherwise negative."
    return f"{opening} {' '.join(story)}\n\n{' '.join(ed_course)}\n\n{ros}"


def _exam(note: Note, count: int) -> list[str]:
    systems = note.rng.sample(t.EXAM_SYSTEMS, count) if count < len(t.EXAM_SYSTEMS) else t.EXAM_SYSTEMS
    return [f"{name}: {note.pick(options)}" for name, options in systems]


def _stamp(note: Note, day: int) -> str:
    return f"{note.date(day)} {note.rng.randint(0, 23):02d}:{note.rng.randint(0, 59):02d}"


def _results(note: Note, scenario: t.Scenario, stay: int, complexity: float) -> list[str]:
    lines = ["ADMISSION LABS:"]
    lines += lab_lines(note, ["CBC", "DIFF", "CHEM", "LFT", "MIN", "COAG"][: note.rng.randint(3, 6)], _stamp(note, 0))
    lines += lab_lines(note, note.rng.sample(["CARD", "OTHER", "UA"], note.rng.randint(1, 3)), _stamp(note, 0))
    wanted = round(8 * complexity) + note.rng.randint(0, 2)
    days = sorted(note.rng.sample(range(1, stay), min(stay - 1, wanted))) if stay > 1 else []
    for day in days:
        lines += ["", "INTERVAL LABS:", *lab_lines(note, ["CBC", "CHEM"][: note.rng.randint(1, 2)], _stamp(note, day))]
    lines += ["", "DISCHARGE LABS:", *lab_lines(note, ["CBC", "CHEM", "MIN"], _stamp(note, stay))]
    lines += ["", "MICROBIOLOGY:", note.rng.choice(("Blood cultures x2: no growth to date.", "Urine culture: "
                                                     ">100,000 CFU/mL Escherichia coli.", "MRSA screen: negative.",
                                                     "None sent."))]
    keys = note.rng.sample(scenario.exams, note.rng.randint(1, len(scenario.exams)))
    studies = [note.pick(t.ECG_LINES)] + ([note.pick(t.ECHO_LINES)] if note.chance(complexity) else [])
    return [*lines, "", "IMAGING AND STUDIES:", *studies, *[imaging_summary(note, key) for key in keys]]


def _course(note: Note, scenario: t.Scenario, problems: Sequence[tuple[str, list[str], list[str]]],
            ho: bool, complexity: float) -> list[str]:
    summary = note.fill(f"{{age}}-year-old {{sex}} admitted with {scenario.diagnosis[:1].lower()}"
                        f"{scenario.diagnosis[1:]}.")
    paragraphs = [summary, f"# {note.fill(scenario.diagnosis)}: "
                  + " ".join(note.some(scenario.course, 3, len(scenario.course)))]
    if ho:
        paragraphs.append(note.fill("# {Side} {joint} stiffness: ") + note.pick(t.HO_COURSE))
    for header, sentences in note.rng.sample(t.COMPLICATIONS, round(7 * complexity) + note.rng.randint(0, 2)):
        paragraphs.append(f"# {header}: " + " ".join(note.some(sentences, 2, len(sentences))))
    paragraphs.append("# Other: " + " ".join(note.some(t.GENERAL_COURSE, 1, 1 + round(8 * complexity))))
    paragraphs += ["CHRONIC ISSUES:"]
    for name, sentences, _meds in problems:
        paragraphs.append(f"# {note.fill(name).split(',')[0]}: {' '.join(note.fill(s) for s in sentences)}")
    consults = ", ".join(note.rng.sample(t.CONSULTS, note.rng.randint(1, 4)))
    paragraphs.append(f"Consultants: {consults}.")
    paragraphs.append("TRANSITIONAL ISSUES:\n" + "\n".join(f"- {item}" for item in note.some(t.TRANSITIONAL, 2, 6)))
    return paragraphs


def _instructions(note: Note, scenario: t.Scenario, dispo: str) -> str:
    note.ctx.update(reason=scenario.diagnosis[:1].lower() + note.fill(scenario.diagnosis[1:]),
                    treatment=note.rng.choice(("antibiotics", "IV diuretics", "fluids and antibiotics", "surgery",
                                               "a blood transfusion", "steroids and nebulizers")),
                    dispo_lower=dispo.lower(), exam_lower=note.rng.choice(("your chest", "your abdomen", "your hip",
                                                                           "your head", "your legs")),
                    service_lower=note.ctx.get("service", "medicine").lower())
    warning = "\n".join(f"- {sign}" for sign in note.rng.sample(t.WARNING_SIGNS, note.rng.randint(3, 7)))
    done = "\n".join(f"- {s}" for s in note.some(t.INSTRUCTION_DONE, 2, 5))
    todo = "\n".join(f"- {s}" for s in note.some(t.INSTRUCTION_TODO, 2, 6))
    return "\n\n".join([note.pick(t.INSTRUCTION_OPENERS), note.pick(t.INSTRUCTION_WHY),
                        f"WHAT HAPPENED IN THE HOSPITAL?\n{done}", f"WHAT SHOULD YOU DO WHEN YOU GO HOME?\n{todo}",
                        f"Please call your doctor or return to the emergency department if you have:\n{warning}",
                        note.pick(t.INSTRUCTION_CLOSERS)])


def discharge_summary(note: Note, ho: bool) -> str:
    scenario = note.rng.choice(t.SCENARIOS)
    note.ctx["service"] = scenario.service if note.chance(0.8) else note.rng.choice(t.SERVICES)
    # One draw sets how complex the admission is: longer stays, more problems, more drugs, more lab days.
    complexity = note.rng.random()
    stay = min(30, 1 + int(note.rng.expovariate(1 / (2 + 6 * complexity))))  # days; median about 4, long tail
    problems = _problems(note, 1 + round(6 * complexity), 3 + round(8 * complexity))
    dispo = note.rng.choice(t.DISPOSITIONS)
    pmh = [f"- {note.fill(name)}" for name, _s, _m in problems]
    if ho:
        pmh.insert(note.rng.randint(0, len(pmh)), f"- {note.pick(t.HO_DISCHARGE)}")
    header = [f"Name: [redacted]   Unit No: {note.rng.randint(1_000_000, 9_999_999)}",
              f"Admission Date: {note.date()}   Discharge Date: {note.date(stay)}",
              f"Date of Birth: [redacted]   Sex: {note.ctx['sex_short']}", f"Service: {note.ctx['service']}",
              f"Allergies: {note.pick(t.ALLERGIES)}", note.fill("Attending: {doctor}")]
    exam = ["ADMISSION EXAM:", f"Vitals: {vitals(note)}", *_exam(note, 9), "",
            "DISCHARGE EXAM:", f"Vitals: {vitals(note, stable=True)}", *_exam(note, note.rng.randint(3, 6))]
    diagnoses = ["PRIMARY DIAGNOSIS:", note.fill(scenario.diagnosis), "", "SECONDARY DIAGNOSES:",
                 *[note.fill(name).split(",")[0] for name, _s, _m in problems]]
    sections = [
        "\n".join(header),
        _heading("Chief Complaint", note.rng.choice(scenario.complaints)),
        _heading("Major Surgical or Invasive Procedure", [note.fill(p) for p in scenario.procedures]),
        _heading("History of Present Illness", _hpi(note, scenario, problems, complexity)),
        _heading("Past Medical History", pmh),
        _heading("Past Surgical History", [f"- {s}" for s in note.some(t.SURGICAL_HISTORY, 1, 4)]),
        _heading("Social History", " ".join([note.pick(t.TOBACCO), note.pick(t.ALCOHOL), note.pick(t.DRUGS),
                                             note.fill("Works as a {occupation}. Lives {living}.")])),
        _heading("Family History", [f"{r}: {note.pick(t.FAMILY_CONDITIONS)}" for r in
                                    note.rng.sample(t.RELATIVES, note.rng.randint(1, 4))]),
        _heading("Physical Exam", exam),
        _heading("Pertinent Results", _results(note, scenario, stay, complexity)),
        _heading("Brief Hospital Course", "\n\n".join(_course(note, scenario, problems, ho, complexity))),
        _heading("Medications on Admission",
                 medication_list(note, 2 + round(12 * complexity) + note.rng.randint(0, 3))),
        _heading("Discharge Medications",
                 medication_list(note, 3 + round(14 * complexity) + note.rng.randint(0, 3), changes=True)),
        _heading("Discharge Disposition", dispo),
        _heading("Discharge Diagnosis", diagnoses),
        _heading("Discharge Condition", note.pick(t.CONDITION_LINES)),
        _heading("Discharge Instructions", _instructions(note, scenario, dispo)),
        _heading("Followup Instructions", note.some(t.FOLLOW_UPS, 1, 4)),
    ]
    return "\n\n".join(sections) + "\n"


# ----------------------------------------------------------------------------------------------------------------
# Ward notes
# ----------------------------------------------------------------------------------------------------------------


def progress_note(note: Note, ho: bool) -> str:
    scenario = note.rng.choice(t.SCENARIOS)
    problems = _problems(note, 1, 6)
    plan = [f"# {note.fill(scenario.diagnosis)}: " + " ".join(note.some(scenario.course, 1, 3))
            + " " + " ".join(note.some(t.PROGRESS_PLANS, 1, 3))]
    if ho:
        plan.append(f"# {note.ctx['Side']} {note.ctx['joint']}: {note.pick(t.HO_PROGRESS)}")
    plan += [f"# {note.fill(name).split(',')[0]}: {note.pick(sentences)}" for name, sentences, _m in problems]
    lines = [
        note.pick(t.PROGRESS_TITLES), note.fill("{date} {time}"), "",
        "S: " + " ".join([note.pick(t.OVERNIGHT), *note.some(t.SUBJECTIVE, 1, 4)]), "",
        "O:", f"Vitals: {vitals(note)}",
        f"I/O: {note.rng.randint(6, 30)}00 in / {note.rng.randint(4, 35)}00 out" if note.chance(0.7) else "I/O: not "
        "recorded",
        *_exam(note, note.rng.randint(3, 6)),
        *(lab_lines(note, note.rng.sample(["CBC", "CHEM", "MIN", "COAG", "LFT"], note.rng.randint(0, 4)), "Labs:")),
        "",
        "A/P: " + note.fill(f"{{age}} y/o {{sex_short}} admitted with {scenario.diagnosis[:1].lower()}"
                            f"{scenario.diagnosis[1:]}, hospital day {{n}}."),
        *plan,
        note.pick(t.FEN_PPX) if note.chance(0.6) else "",
        "", note.fill("{doctor}, {role}"),
    ]
    return "\n".join(lines) + "\n"


def nursing_note(note: Note, ho: bool) -> str:
    lines = [note.pick(t.NURSING_TITLES), note.fill("{date}")]
    for name, options in ordered_sample(note.rng, t.NURSING_SYSTEMS, 3, len(t.NURSING_SYSTEMS)):
        lines.append(f"{name}: {' '.join(note.some(options, 1, 2))}")
    if ho:
        lines.append(f"Ortho: {note.pick(t.HO_PROGRESS)}")
    if note.chance(0.6):
        lines.append(f"I&O: {note.rng.randint(4, 28)}00 mL in / {note.rng.randint(3, 30)}00 mL out, "
                     f"{note.rng.choice(('voiding', 'foley', 'incontinent'))}.")
    lines += [note.pick(t.NURSING_PLANS), note.fill("{doctor}, RN")]
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------------------------------------------------------
# Orthopaedics and rehabilitation
# ----------------------------------------------------------------------------------------------------------------


def range_of_motion(note: Note, joint: str) -> str:
    """'Hip ROM: flexion 95, abduction 30, ...' in degrees, in one of a few layouts."""
    movements = t.ROM_BY_JOINT.get(joint, t.ROM_BY_JOINT["knee"])
    values = [(name, 5 * round(note.rng.uniform(low, high) / 5)) for name, low, high in movements]
    layout = note.rng.randrange(3)
    if layout == 0:
        return f"{joint.capitalize()} ROM: " + ", ".join(f"{name} {value}" for name, value in values) + " degrees."
    if layout == 1:
        return f"{note.ctx['Side']} {joint} range of motion: " + "; ".join(f"{name} {value}°" for name, value in values)
    return f"{note.ctx['Side']} {joint} ROM (other side in brackets):\n" + "\n".join(
        f"  {name.capitalize()}: {value} deg ({value + 5 * note.rng.randint(0, 6)})" for name, value in values)


def ortho_clinic(note: Note, ho: bool) -> str:
    visits = [v for v in t.CLINIC_VISITS if v.joint == note.ctx["joint"]] if ho else t.CLINIC_VISITS
    visit = note.rng.choice(visits or t.CLINIC_VISITS)
    note.ctx.update(joint=visit.joint, JOINT=visit.joint.upper())
    history = [note.fill(visit.history[0]), *note.some(visit.history[1:], 1, len(visit.history))]
    history += note.some(t.CLINIC_GENERAL, 1, 4)
    imaging = note.some(visit.imaging, 1, len(visit.imaging))
    plan = note.some(visit.plan, 2, len(visit.plan))
    if ho:
        statements = note.some(t.HO_CLINIC, 1, 3)
        imaging += statements[:1]
        plan = statements[1:] + plan
    meds = [f"- {name} {note.rng.choice(doses)} {route} {note.rng.choice(frequencies)}"
            for name, doses, route, frequencies in note.rng.sample(t.MEDICATIONS, note.rng.randint(1, 8))]
    lines = [
        note.pick(t.CLINIC_OPENERS), note.fill("Date of visit: {date}   Clinician: {doctor}, {role}"), "",
        note.fill(f"REASON FOR VISIT: {visit.title}"), "",
        "HISTORY OF PRESENT ILLNESS:", note.fill("{age}-year-old {sex}. ") + " ".join(history), "",
        "PAST MEDICAL HISTORY:", *[f"- {_problem(note).split(',')[0]}" for _ in range(note.rng.randint(1, 5))], "",
        "PAST SURGICAL HISTORY:", *[f"- {item}" for item in note.some(t.SURGICAL_HISTORY, 1, 3)], "",
        "MEDICATIONS:", *meds, "", f"ALLERGIES: {note.pick(t.ALLERGIES)}", "",
        f"SOCIAL HISTORY: {note.pick(t.CLINIC_SOCIAL)}", "",
        "REVIEW OF SYSTEMS: " + " ".join(note.some(t.CLINIC_ROS, 2, 5)), "",
        "EXAMINATION:", note.fill("BP {bp}, HR {hr}, BMI {bmi}.") if note.chance(0.5) else "Well-appearing.",
        *note.some(visit.exam, 2, len(visit.exam)), range_of_motion(note, visit.joint),
        note.pick(["Neurovascularly intact distally.", "Distal pulses palpable; sensation intact to light touch.",
                   "Motor 5/5 in all myotomes distally.", "Capillary refill under 2 seconds."]), "",
        "IMAGING:", *imaging, "",
    ]
    if note.chance(0.6):
        lines += ["REHABILITATION:", " ".join(note.some(t.PHYSIO_LINES, 1, 3)), ""]
    lines += ["ASSESSMENT:", note.fill(f"{{age}}-year-old {{sex}}, {visit.title}."), "",
              "PLAN:", *[f"{i}. {item}" for i, item in enumerate(plan, start=1)], "",
              note.fill("Electronically signed by {doctor}, {role}, {date}")]
    return "\n".join(lines) + "\n"


def rehab_note(note: Note, ho: bool) -> str:
    condition, group = note.rng.choice(t.REHAB_CONDITIONS)
    functions = [f"- {note.fill(item)}: {note.rng.choice(t.ASSIST_LEVELS)}"
                 for item in ordered_sample(note.rng, t.FUNCTION_ITEMS, 3, 7)]
    spasticity = ", ".join(f"{muscle} {note.rng.choice(t.MAS_GRADES)}"
                           for muscle in note.rng.sample(t.MAS_GROUPS, note.rng.randint(2, 4)))
    lines = [
        "INPATIENT REHABILITATION - PHYSICIAN PROGRESS NOTE", note.fill("{date}"), "",
        note.fill(f"{{age}}-year-old {{sex}} with {condition}, admitted for inpatient {group} rehabilitation."),
        "", "Subjective: " + " ".join(note.some(t.SUBJECTIVE, 1, 3)), "",
        f"Vitals: {vitals(note, stable=True)}", "", "Functional status:", *functions, "",
        f"Spasticity (Modified Ashworth): {spasticity}.",
        range_of_motion(note, note.rng.choice(("hip", "knee", "elbow", "shoulder", "ankle"))), "",
    ]
    for name, options in ordered_sample(note.rng, list(t.REHAB_SECTIONS.items()), 2, len(t.REHAB_SECTIONS)):
        lines.append(f"{name}: {note.pick(options)}")
    plan = note.some(t.REHAB_PLANS, 2, 5)
    if ho:
        plan = note.some(t.HO_CLINIC, 1, 2) + plan
    lines += ["", "Medications:", *medication_list(note, note.rng.randint(3, 9))]
    lines += ["", "Labs:", *lab_lines(note, ["CBC", "CHEM"], note.date())] if note.chance(0.5) else []
    lines += ["", "Goals:", *[f"- {goal}" for goal in note.some(t.REHAB_GOALS, 1, 3)]]
    lines += ["", "Plan:", *[f"- {item}" for item in plan], "", note.fill("{doctor}, MD (PM&R)")]
    return "\n".join(lines) + "\n"


def operative_note(note: Note, ho: bool) -> str:
    operations = [o for o in t.OPERATIONS if o.joint == note.ctx["joint"]] if ho else t.OPERATIONS
    operation = t.HO_EXCISION if ho and note.chance(0.4) else note.rng.choice(operations or t.OPERATIONS[:1])
    if operation.joint:
        note.ctx.update(joint=operation.joint, JOINT=operation.joint.upper())
    note.ctx.update(shell=FILLERS["shell"](note), head=FILLERS["head"](note))  # one implant size per note
    steps = note.some(t.OPERATIVE_OPENINGS, 3, 5) + note.some(operation.steps, len(operation.steps) - 1,
                                                               len(operation.steps))
    steps += note.some(t.OPERATIVE_CLOSINGS, 3, len(t.OPERATIVE_CLOSINGS))
    plan = note.some(t.OPERATIVE_PLANS, 2, 4)
    if ho and operation is not t.HO_EXCISION:
        if note.chance(0.5):
            plan.insert(0, note.pick(t.HO_OPERATIVE_PLAN))
        else:
            steps.insert(note.rng.randint(3, len(steps) - 2), note.pick(t.HO_OPERATIVE_STEPS))
    fields = [f"{name}: {note.fill(value)}" for name, value in ordered_sample(note.rng, t.OPERATIVE_FIELDS, 5, 9)]
    fields += [f"{name}: {note.fill(value)}"
               for name, value in ordered_sample(note.rng, t.OPERATIVE_EXTRA_FIELDS, 1, 4)]
    lines = [
        "OPERATIVE REPORT", note.fill("DATE OF OPERATION: {date}"), "",
        f"PRE-OPERATIVE DIAGNOSIS: {note.fill(operation.diagnosis)}",
        "POST-OPERATIVE DIAGNOSIS: Same", f"PROCEDURE: {note.fill(operation.name)}", *fields, "",
        "INDICATIONS:", note.fill(operation.indication) + " " + note.fill(
            "Risks, benefits and alternatives were discussed with the patient, who wished to proceed."), "",
        note.pick(t.OPERATIVE_FINDINGS), "",
        "DESCRIPTION OF PROCEDURE:", *_paragraphs(note, steps), "",
        "IMPLANTS:", *[f"- {note.fill(item)}" for item in operation.implants], "",
        "PLAN:", *[f"- {item}" for item in plan], "",
        note.fill("Dictated by {doctor}, MD, {date} {time}"),
    ]
    return "\n".join(lines) + "\n"


def _paragraphs(note: Note, sentences: list[str]) -> list[str]:
    """Sentences grouped into paragraphs of random length, separated by blank lines."""
    paragraphs: list[str] = []
    current: list[str] = []
    for sentence in sentences:
        current.append(sentence)
        if note.chance(0.3):
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return [line for paragraph in paragraphs for line in (paragraph, "")][:-1]


def short_note(note: Note, ho: bool) -> str:
    if not ho and note.chance(0.6):
        text = note.pick(t.SHORT_FORMS)
        return (text.upper() if note.chance(0.1) else text) + "\n"
    bullet = note.rng.choice(("-", "*", "•", "o"))
    items = note.some(t.BULLET_ITEMS, 3, 8)
    if ho:
        items.insert(note.rng.randint(0, len(items)), note.pick(t.HO_SHORT))
    return note.fill("{date} ") + note.rng.choice(t.BULLET_HEADERS) + "\n" + "\n".join(
        f"{bullet} {item}" for item in items) + "\n"


# ----------------------------------------------------------------------------------------------------------------
# The mix
# ----------------------------------------------------------------------------------------------------------------

Builder = Callable[[Note, bool], str]
# kind: (builder, share of notes, share of that kind's notes that mention HO)
KINDS: dict[str, tuple[Builder, float, float]] = {
    "radiology_report": (radiology_report, 0.35, 0.04),
    "discharge_summary": (discharge_summary, 0.15, 0.015),
    "progress_note": (progress_note, 0.18, 0.005),
    "nursing_note": (nursing_note, 0.12, 0.003),
    "ortho_clinic": (ortho_clinic, 0.08, 0.16),
    "operative_note": (operative_note, 0.04, 0.08),
    "rehab_note": (rehab_note, 0.03, 0.22),
    "short_note": (short_note, 0.05, 0.01),
}


def generate(notes: int, seed: int) -> Iterator[dict[str, str]]:
    """Yield ``notes`` notes, one at a time."""
    rng = random.Random(seed)
    names = example_names()
    kinds = list(KINDS)
    weights = [KINDS[kind][1] for kind in kinds]
    for index in range(notes):
        if rng.random() < EXAMPLE_SHARE:
            name = rng.choice(names)
            yield {"id": f"{index:06d}-example-{name}", "text": example_bytes(name).decode("utf-8")}
            continue
        kind = rng.choices(kinds, weights)[0]
        builder, _share, ho_share = KINDS[kind]
        ho = rng.random() < ho_share
        yield {"id": f"{index:06d}-{kind}{'-ho' if ho else ''}", "text": builder(new_note(rng, ho), ho)}
