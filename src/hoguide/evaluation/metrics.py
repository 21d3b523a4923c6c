"""Confusion matrices with per-label precision, recall and F1."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Confusion:
    """Counts of (gold, predicted) pairs over a fixed label order."""

    labels: tuple[str, ...]
    counts: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add(self, gold: str, predicted: str) -> None:
        self.counts[(gold, predicted)] += 1

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def accuracy(self) -> float:
        right = sum(n for (g, p), n in self.counts.items() if g == p)
        return right / self.total if self.total else 0.0

    def gold_total(self, label: str) -> int:
        """How many rows have ``label`` as their gold label."""
        return sum(n for (g, _), n in self.counts.items() if g == label)

    def precision_recall_f1(self, label: str) -> tuple[float, float, float]:
        tp = self.counts[(label, label)]
        predicted = sum(n for (_, p), n in self.counts.items() if p == label)
        gold = self.gold_total(label)
        precision = tp / predicted if predicted else 0.0
        recall = tp / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1

    def table(self) -> str:
        """Per-label P/R/F1 and the matrix (rows gold, columns predicted), as plain text."""
        width = max(10, *(len(label) for label in self.labels)) + 1
        lines = [f"{'label':<{width}} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}"]
        for label in self.labels:
            p, r, f = self.precision_recall_f1(label)
            gold = self.gold_total(label)
            lines.append(f"{label:<{width}} {p:6.3f} {r:6.3f} {f:6.3f} {gold:6d}")
        lines += ["", "confusion (rows: gold, columns: predicted)",
                  " " * width + "".join(f"{label[:9]:>10}" for label in self.labels)]
        for gold_label in self.labels:
            row = "".join(f"{self.counts[(gold_label, p)]:>10}" for p in self.labels)
            lines.append(f"{gold_label:<{width}}{row}")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, object]:
        return {
            "accuracy": round(self.accuracy, 4),
            "labels": {label: dict(zip(("precision", "recall", "f1"),
                                       (round(x, 4) for x in self.precision_recall_f1(label)), strict=True))
                       for label in self.labels},
            "matrix": {g: {p: self.counts[(g, p)] for p in self.labels} for g in self.labels},
        }
