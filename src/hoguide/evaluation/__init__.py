"""Score the reader against annotated data: the ConText/NegEx kit (TSV) or your own JSONL gold file."""

from hoguide.evaluation.gold import GoldReport, evaluate_gold
from hoguide.evaluation.kit import KitReport, evaluate_kit, load_kit, locate_kit_target, locate_target
from hoguide.evaluation.metrics import Confusion

__all__ = [
    "Confusion", "GoldReport", "KitReport", "evaluate_gold", "evaluate_kit", "load_kit", "locate_kit_target",
    "locate_target",
]
