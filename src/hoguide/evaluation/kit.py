"""The ConText/NegEx test kit (Chapman et al.): one target phrase per sentence, three labels.

Columns: row, note, target, sentence, negation (Affirmed|Negated), temporality
(Recent|Historical|Not particular), experiencer (Patient|Family member|Other).
"Not particular" is ConText's hypothetical.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from hoguide.errors import MalformedInputError
from hoguide.evaluation.metrics import Confusion
from hoguide.reading.context import ContextEngine
from hoguide.reading.sentences import split_sentences


@dataclass(frozen=True, slots=True)
class KitRow:
    row: str
    target: str
    sentence: str
    negation: str
    temporality: str
    experiencer: str


@dataclass
class KitReport:
    negation: Confusion = field(default_factory=lambda: Confusion(("Negated", "Affirmed")))
    temporality: Confusion = field(default_factory=lambda: Confusion(("Recent", "Historical", "Not particular")))
    experiencer: Confusion = field(default_factory=lambda: Confusion(("Patient", "Other")))
    unlocated: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


NEGATIONS = {"Affirmed", "Negated"}
TEMPORALITIES = {"Recent", "Historical", "Not particular"}


def load_kit(path: Path) -> list[KitRow]:
    rows: list[KitRow] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for number, record in enumerate(csv.reader(handle, delimiter="\t"), start=1):
            if not record:
                continue
            if len(record) < 7 or record[4] not in NEGATIONS or record[5] not in TEMPORALITIES:
                raise MalformedInputError(
                    f"{path}: line {number} is not a kit row (7 tab-separated columns: row, note, target, "
                    "sentence, Affirmed|Negated, Recent|Historical|Not particular, experiencer)"
                )
            rows.append(KitRow(record[0], record[2], record[3], record[4], record[5], record[6]))
    return rows


def _target_pattern(target: str) -> re.Pattern[str] | None:
    words = target.split()
    return re.compile(r"\s+".join(re.escape(w) for w in words), re.IGNORECASE) if words else None


def locate_target(target: str, sentence: str) -> tuple[int, int] | None:
    """The target's span: case-insensitive, any run of white space between its words."""
    pattern = _target_pattern(target)
    match = pattern.search(sentence) if pattern else None
    return (match.start(), match.end()) if match else None


def locate_kit_target(target: str, sentence: str) -> tuple[int, int] | None:
    """The annotated mention of a kit target. The kit marks its target by upper-casing it in the
    sentence, so where the phrase occurs more than once the first upper-case occurrence is the one
    meant ("Gout: treated for GOUT years ago." is about the second); otherwise the first.
    """
    pattern = _target_pattern(target)
    matches = list(pattern.finditer(sentence)) if pattern else []
    marked = next((m for m in matches if m.group().isupper()), matches[0] if matches else None)
    return marked.span() if marked else None


def reader_sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence, as the reader splits ``text``, that holds ``text[start:end]``.

    A kit row is one line of a report, and some lines hold several sentences or list items
    ("1) fracture s/p fixation  2) heterotopic bone"). The reader never lets a trigger reach
    across its sentence boundaries, so neither does the kit evaluation (the spaCy baselines
    likewise split the line into sentences first).
    """
    sentences = split_sentences(text)
    return sentences.span(start)[0], sentences.span(end - 1)[1]


def evaluate_kit(rows: list[KitRow], engine: ContextEngine) -> KitReport:
    report = KitReport()
    for row in rows:
        span = locate_kit_target(row.target, row.sentence)
        if span is None:
            report.unlocated.append(row.row)
            continue
        first, last = reader_sentence(row.sentence, *span)
        result = engine.assess(row.sentence[first:last], span[0] - first, span[1] - first)
        negation = "Negated" if result.negated else "Affirmed"
        temporality = "Not particular" if result.hypothetical else "Historical" if result.historical else "Recent"
        experiencer = "Patient" if result.experiencer == "patient" else "Other"
        gold_experiencer = "Patient" if row.experiencer == "Patient" else "Other"
        report.negation.add(row.negation, negation)
        report.temporality.add(row.temporality, temporality)
        report.experiencer.add(gold_experiencer, experiencer)
        wrong = [name for name, ok in (("negation", negation == row.negation),
                                       ("temporality", temporality == row.temporality),
                                       ("experiencer", experiencer == gold_experiencer)) if not ok]
        if wrong:
            triggers = ", ".join(f"{t.phrase}:{t.category}" for t in result.triggers) or "-"
            report.errors.append(
                f"{row.row} [{'/'.join(wrong)}] gold={row.negation}/{row.temporality}/{row.experiencer} "
                f"triggers={triggers} | {row.target} | {' '.join(row.sentence.split())}"
            )
    return report
