"""Score the reader on an annotated HO corpus (docs/annotation-guide.md), one JSON object per line.

Two kinds of row:
* a **mention**: ``{"text", "target", "occurrence"?, "label", ...}``, where ``label`` is one of
  LABELS. The reader's finding at the target is turned into a label the same way: ``not_ho`` when
  no HO mention overlaps the target, ``other`` for someone else's HO, else its status. The
  inherited bone-forming diseases (FOP, progressive osseous heteroplasia) are read as causes, not
  HO findings: where no finding overlaps, their cause fact's status is the reader's label. Gold
  ``general`` (HO as a topic or a population) is read right when the reader made the mention
  ``hypothetical`` or someone else's, as the guideline asks; gold ``other`` likewise.
* a **report**: ``{"text", "report_status"}``, scored against ``Reading.ho_status`` ("none" is
  a report that says nothing about the patient's HO: not_mentioned, or general statements only).

Optional attributes (``site``, ``laterality``, ``grade``, ``maturity``, ``change``) are scored on
the mentions that the reader found. ``split`` ("dev" or "heldout") lets a run score one half.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from hoguide.errors import HoguideError, MalformedInputError
from hoguide.evaluation.gold import AttributeScore, grade_key, parse_text_row
from hoguide.evaluation.kit import locate_target
from hoguide.evaluation.metrics import Confusion
from hoguide.models.reading import Finding, Reading
from hoguide.reading.reader import Reader

LABELS = ("present", "absent", "possible", "historical", "hypothetical", "general", "other", "not_ho")
MISSED = "missed"  # an HO mention the reader did not find
PREDICTED = (*LABELS, MISSED)
NOT_THE_PATIENTS = frozenset({"hypothetical", "other"})
REPORT_STATUSES = ("present", "possible", "absent", "historical", "hypothetical", "none")
ATTRIBUTES = ("site", "laterality", "grade", "maturity", "change")
SPLITS = ("dev", "heldout")


@dataclass
class CorpusReport:
    mentions: Confusion = field(default_factory=lambda: Confusion(PREDICTED))
    reports: Confusion = field(default_factory=lambda: Confusion(REPORT_STATUSES))
    attributes: dict[str, AttributeScore] = field(default_factory=lambda: {k: AttributeScore() for k in ATTRIBUTES})
    errors: list[str] = field(default_factory=list)
    bad_lines: list[str] = field(default_factory=list)

    def add_mention(self, row: dict[str, Any], predicted: str, finding: Finding | None = None) -> None:
        """Score one mention row against a predicted label (the reader's, or another system's)."""
        scored = _scored_label(row["label"], predicted)
        self.mentions.add(row["label"], scored)
        if scored != row["label"]:
            self.errors.append(f"{row.get('id', '?')}: gold {row['label']}, read {scored} | {row['target']} | "
                               f"{row['text']}")
        for key, score in self.attributes.items():
            if row.get(key) is not None and finding is not None:
                score.total += 1
                score.right += _attribute_right(key, finding, row[key])

    def class_accuracy(self) -> dict[str, tuple[float, int]]:
        """Per gold label: the share read right, and how many rows had that label."""
        totals = {label: self.mentions.gold_total(label) for label in LABELS}
        return {label: (self.mentions.precision_recall_f1(label)[1], n) for label, n in totals.items() if n}

    def lookalikes_called_ho(self) -> tuple[int, int]:
        """(look-alikes read as HO, look-alikes)."""
        total = self.mentions.gold_total("not_ho")
        return total - self.mentions.counts[("not_ho", "not_ho")], total

    def to_dict(self) -> dict[str, Any]:
        wrong, lookalikes = self.lookalikes_called_ho()
        return {
            "mentions": self.mentions.to_dict(),
            "class_accuracy": {k: {"accuracy": round(a, 4), "n": n} for k, (a, n) in self.class_accuracy().items()},
            "lookalikes_called_ho": {"n": wrong, "of": lookalikes},
            "reports": self.reports.to_dict(),
            "attributes": {k: {"accuracy": round(v.accuracy, 4), "n": v.total} for k, v in self.attributes.items()},
        }


def is_corpus_row(row: dict[str, Any]) -> bool:
    return "label" in row or "report_status" in row


def _parse(line: str) -> dict[str, Any]:
    row = parse_text_row(line)
    if "label" in row:
        if row["label"] not in LABELS:
            raise MalformedInputError(f'"label" must be one of {", ".join(LABELS)}')
        if not isinstance(row.get("target"), str) or not row["target"].strip():
            raise MalformedInputError('a mention row needs a "target" string')
    elif row.get("report_status") not in REPORT_STATUSES:
        raise MalformedInputError(f'"report_status" must be one of {", ".join(REPORT_STATUSES)}')
    return row


def _target_span(row: dict[str, Any]) -> tuple[int, int] | None:
    """The ``occurrence``-th (from 1) appearance of ``target`` in ``text``, counted as written, as
    annotators count it ("HO" inside "SHOULDER" counts); else, if it is not there as written, the
    first case-insensitive match."""
    occurrence = row.get("occurrence", 1)
    if not isinstance(occurrence, int) or isinstance(occurrence, bool) or occurrence < 1:
        raise MalformedInputError('"occurrence" must be a whole number from 1')
    text, target = row["text"], row["target"]
    start = -1
    for _ in range(occurrence):
        start = text.find(target, start + 1)
        if start == -1:
            break
    if start != -1:
        return start, start + len(target)
    return locate_target(target, text) if occurrence == 1 else None


def predicted_label(reading: Reading, span: tuple[int, int], names_ho: Collection[tuple[str, str]] = frozenset()
                    ) -> tuple[str, Finding | None]:
    """The reader's label for the mention at ``span``: its finding's status, ``other`` or ``not_ho``;
    ``names_ho`` are the (kind, concept) facts whose name is a kind of HO (the lexicon's ``names_ho``)."""
    finding = next((f for f in reading.findings if f.start < span[1] and span[0] < f.end), None)
    if finding is not None:
        return ("other" if finding.experiencer == "other" else finding.status), finding
    disease = next((f for f in reading.facts if (f.kind, f.concept) in names_ho
                    and f.start < span[1] and span[0] < f.end), None)
    if disease is not None:
        return ("other" if disease.experiencer == "other" else disease.status), None
    return "not_ho", None


def _scored_label(gold: str, predicted: str) -> str:
    """What the reader's label counts as: "not the patient's" is right for general and other."""
    if gold in ("general", "other") and predicted in NOT_THE_PATIENTS:
        return gold
    if gold != "not_ho" and predicted == "not_ho":
        return MISSED
    return predicted


def _attribute_right(key: str, finding: Finding, gold: Any) -> bool:
    if key == "site":
        wanted = gold if isinstance(gold, list) else [gold]
        return set(wanted) <= set(finding.sites)
    if key == "grade":
        return grade_key(finding.grade.to_dict() if finding.grade else None) == grade_key(gold)
    return bool(getattr(finding, key) == gold)


def evaluate_corpus(lines: Iterable[str], reader: Reader, *, split: str | None = None) -> CorpusReport:
    """Score every row (of ``split`` only, when given); bad rows are listed, never fatal."""
    report = CorpusReport()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = _parse(line)
            if split is not None and row.get("split") != split:
                continue
            span = _target_span(row) if "label" in row else None
            if "label" in row and span is None:
                raise MalformedInputError(f"the target {row['target']!r} is not in the text")
            reading = reader.read(row["text"])
        except HoguideError as error:
            report.bad_lines.append(f"line {number}: {error.message}")
            continue
        row.setdefault("id", f"line {number}")
        if span is None:
            # only general statements about HO also say nothing about the patient's HO
            status = "none" if reading.ho_status in ("not_mentioned", "hypothetical") else reading.ho_status
            report.reports.add(row["report_status"], status)
            if status != row["report_status"]:
                report.errors.append(f"{row['id']}: report gold {row['report_status']}, read {status}")
            continue
        predicted, finding = predicted_label(reading, span, reader.ho_diseases)
        report.add_mention(row, predicted, finding)
    return report
