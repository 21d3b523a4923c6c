"""Train the sentence-type cue (src/hoguide/reading/sentence_type.py) from the dev rows of labelled corpora.

    .venv/bin/python benchmarks/train_sentence_type.py tests/data/ho_corpus/written.jsonl \\
        /work/corpus_work/split/real_cases.jsonl ... [--write]

Every HO mention of a ``dev`` row that the reader finds is one example: its features (the word classes of
data/sentence_type.yaml, the shapes and the words around the mention) and whether its gold label is ``general``
or ``other`` (not this patient's). Rows of the ``heldout`` split are never read. The model is an L2-regularised
logistic regression fitted by Newton's method (deterministic, NumPy only).

The thresholds are chosen by cross-validation grouped by source page (a page's sentences never sit in both the
training and the scored part): each fold's model reads its held-out pages with the reader, and for each reader
status (present, possible, absent, historical) the threshold is the one whose out-of-fold flips fix the most
rows, a broken row counting ``--break-cost`` times. A status whose flips never pay gets no threshold (the cue
leaves it alone). ``--write`` stores the weights, bias and thresholds in
src/hoguide/reading/data/sentence_type_weights.json: feature names and numbers, no text.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from hoguide.evaluation.corpus import _scored_label, _target_span, predicted_label
from hoguide.knowledge.loader import load_knowledge
from hoguide.reading.reader import Reader, site_terms
from hoguide.reading.sentence_type import SentenceTypeModel, load_classes

WEIGHTS = Path(__file__).resolve().parents[1] / "src/hoguide/reading/data/sentence_type_weights.json"
# The cue acts on affirmed mentions only: a negation, a hedge or a past told of the mention is a report's or a
# story's judgement, and the dev rows give no threshold for them that pays beyond one duplicated sentence.
STATUSES = ("present",)
NOT_THE_PATIENTS = ("general", "other")
FOLDS = 5
L2 = 1.0
WRITTEN_WEIGHT = 1.0
CANDIDATES = [round(0.5 + 0.01 * i, 2) for i in range(50)]


@dataclass
class Example:
    id: str
    group: str
    gold: str
    off: str  # the reader's label without the cue
    eligible: bool  # the cue may make this mention general (its status and place allow it)
    x: list[float]

    @property
    def written(self) -> bool:
        return self.group == self.id

    @property
    def y(self) -> int:
        return int(self.gold in NOT_THE_PATIENTS)


def examples(paths: list[str], reader: Reader, classes: dict[str, list[str]]) -> list[Example]:
    off = SentenceTypeModel.of(classes, None)
    every = SentenceTypeModel.of(classes, {"weights": {}, "bias": 30.0, "thresholds": dict.fromkeys(STATUSES, 0.0)})
    found = []
    for path in paths:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            if row.get("split") != "dev" or row.get("label") in (None, "not_ho"):
                continue
            span = _target_span(row)
            if span is None:
                continue
            reader.sentence_type = off
            reading = reader.read(row["text"])
            label, finding = predicted_label(reading, span, reader.ho_diseases)
            if finding is None:
                continue
            reader.sentence_type = every
            flipped, _ = predicted_label(reader.read(row["text"]), span, reader.ho_diseases)
            x = off.features(row["text"], finding.sentence_start, finding.sentence_end, finding.start, finding.end)
            source = row.get("source", "")
            found.append(Example(row["id"], row["id"] if source == "written" else source, row["label"],
                                 label, flipped != label and finding.status in STATUSES, x))
    reader.sentence_type = off
    return found


def fit(x: np.ndarray, y: np.ndarray, l2: float = L2, weight: np.ndarray | None = None) -> tuple[np.ndarray, float]:
    """Logistic regression by Newton's method (each example counted ``weight`` times), the bias unpenalised."""
    weight = np.ones(len(x)) if weight is None else weight
    a = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(a.shape[1])
    penalty = np.full(a.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-np.clip(a @ w, -30, 30)))
        gradient = a.T @ (weight * (p - y)) + penalty * w
        hessian = (a * (weight * p * (1 - p))[:, None]).T @ a + np.diag(penalty) + 1e-9 * np.eye(a.shape[1])
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return w[:-1], float(w[-1])


def fold_of(group: str) -> int:
    return hashlib.sha256(group.encode("utf-8")).digest()[0] % FOLDS


def weights_of(data: list[Example]) -> np.ndarray:
    """Our report-style sentences count ``WRITTEN_WEIGHT`` times: they are few beside the real pages' textbook
    sentences, and a report's finding made general is the costlier mistake."""
    return np.array([WRITTEN_WEIGHT if e.written else 1.0 for e in data])


def out_of_fold(data: list[Example]) -> np.ndarray:
    weight = weights_of(data)
    x = np.array([e.x for e in data])
    y = np.array([e.y for e in data], dtype=float)
    folds = np.array([fold_of(e.group) for e in data])
    scores = np.zeros(len(data))
    for k in range(FOLDS):
        w, b = fit(x[folds != k], y[folds != k], weight=weight[folds != k])
        scores[folds == k] = 1.0 / (1.0 + np.exp(-(x[folds == k] @ w + b)))
    return scores


def right(gold: str, label: str) -> bool:
    return _scored_label(gold, label) == gold


def flips(data: list[Example], scores: np.ndarray, status: str, threshold: float) -> tuple[int, int]:
    """(fixed, broken): the out-of-fold rows read as ``status`` that the cue would make right and wrong."""
    fixed = broken = 0
    for e, s in zip(data, scores, strict=True):
        if e.eligible and e.off == status and s >= threshold:
            before, after = right(e.gold, e.off), right(e.gold, "hypothetical")
            fixed += int(after and not before)
            broken += int(before and not after)
    return fixed, broken


def choose(data: list[Example], scores: np.ndarray, break_cost: float) -> dict[str, tuple[float, int, int]]:
    """Per status: (threshold, fixed, broken) of the best threshold, only where it fixes more than it costs."""
    chosen = {}
    for status in STATUSES:
        best: tuple[float, float, int, int] | None = None
        for threshold in CANDIDATES:
            fixed, broken = flips(data, scores, status, threshold)
            gain = fixed - break_cost * broken
            if gain > 0 and (best is None or gain > best[0]):
                best = (gain, threshold, fixed, broken)
        if best is not None:
            chosen[status] = (best[1], best[2], best[3])
    return chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpora", nargs="+", help="labelled corpus files (their dev rows only are read)")
    parser.add_argument("--break-cost", type=float, default=1.0, help="a broken row costs this many fixed ones")
    parser.add_argument("--threshold", action="append", default=[], metavar="STATUS=VALUE",
                        help="set a status's threshold instead of the cross-validated one (repeatable)")
    parser.add_argument("--write", action="store_true", help="store the weights and thresholds")
    args = parser.parse_args(argv)
    kb = load_knowledge()
    classes = load_classes(site_terms(kb))
    reader = Reader(kb)
    data = examples(args.corpora, reader, classes)
    names = SentenceTypeModel.of(classes, None).names
    scores = out_of_fold(data)
    # an anchored sentence is never made general by the cue, whatever its score
    model = SentenceTypeModel.of(classes, None)
    reachable = np.where([model.anchored(e.x) for e in data], 0.0, scores)
    y = np.array([e.y for e in data])
    accuracy = float(np.mean((scores >= 0.5) == (y == 1)))
    print(f"examples {len(data)} (not the patient's {int(y.sum())}), pages {len({e.group for e in data})}; "
          f"out-of-fold accuracy of the sentence type {accuracy:.3f}")
    chosen = choose(data, reachable, args.break_cost)
    for setting in args.threshold:
        status, _, value = setting.partition("=")
        if status not in STATUSES:
            parser.error(f"--threshold: the status must be one of {', '.join(STATUSES)}")
        chosen[status] = (float(value), *flips(data, reachable, status, float(value)))
    for status in STATUSES:
        eligible = sum(1 for e in data if e.eligible and e.off == status)
        if status in chosen:
            t, fixed, broken = chosen[status]
            print(f"{status:<11} eligible {eligible:>4}: threshold {t:.2f}, out-of-fold fixed {fixed}, broken {broken}")
        else:
            print(f"{status:<11} eligible {eligible:>4}: no threshold pays")
    w, b = fit(np.array([e.x for e in data]), y.astype(float), weight=weights_of(data))
    for name, weight in sorted(zip(names, w, strict=True), key=lambda p: -abs(p[1])):
        print(f"  {name:<20} {weight:+.3f}")
    if args.write:
        WEIGHTS.write_text(json.dumps({
            "about": "benchmarks/train_sentence_type.py: logistic weights of the sentence-type cue's features",
            "examples": len(data), "bias": round(b, 4),
            "weights": {n: round(float(v), 4) for n, v in zip(names, w, strict=True)},
            "thresholds": {s: t for s, (t, _, _) in chosen.items()},
        }, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {WEIGHTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
