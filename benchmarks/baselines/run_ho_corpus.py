"""Label the mentions of an annotated HO-mention corpus with medspaCy: "a general clinical NLP pipeline with an HO
word list", to compare with hoguide's reader on the same sentences.

Runs INSIDE benchmarks/out/baseline-venv (see setup_baselines.sh):

    benchmarks/out/baseline-venv/bin/python benchmarks/baselines/run_ho_corpus.py CORPUS.jsonl [CORPUS.jsonl ...]

Each corpus line is a mention row {"id", "text", "target", "occurrence"?, "label", ...} or a report row
{"id", "text", "report_status"}; report rows are skipped. The pipeline is medspaCy's default one, medspacy.load():
spacy.blank("en") with medspaCy's tokenizer, PyRuSH sentence splitting, the target matcher with the HO word list below
(run_baselines.HO_TERMS plus the synonyms a general user would add; the abbreviations HO and NHO match case-sensitively
through token patterns, the rest lower-cased) and ConText with its default rules. The target is located in the text
whitespace-flexibly, as written or else case-insensitively (the ``occurrence``-th match, default 1); the entity
overlapping it most gives the label, first of: "other" (is_family), "hypothetical", "absent" (is_negated), "possible"
(is_uncertain), "historical", else "present"; "not_ho" if no entity overlaps the target. Prints {"id", "predicted"} a
line on stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path
from typing import Any

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import medspacy
from loguru import logger
from medspacy.target_matcher import TargetRule
from run_baselines import HO_TERMS, read_jsonl  # the script's folder is on sys.path when it is run as a script
from spacy.language import Language
from spacy.tokens import Span

logger.disable("PyRuSH")  # PyRuSH logs every sentence decision at DEBUG level

SYNONYMS = ["heterotopic ossifications", "myositis ossificans circumscripta", "myositis ossificans traumatica",
            "neurogenic heterotopic ossification", "ectopic bone formation", "heterotopic bone formation",
            "soft tissue ossification", "extraskeletal ossification"]
ABBREVIATIONS = ["HO", "NHO"]


def pipeline() -> Language:
    nlp = medspacy.load(medspacy_enable=["medspacy_tokenizer", "medspacy_pyrush", "medspacy_target_matcher",
                                         "medspacy_context"])
    rules = [TargetRule(term, "HO") for term in HO_TERMS + SYNONYMS]
    rules += [TargetRule(abbr, "HO", pattern=[{"TEXT": abbr}]) for abbr in ABBREVIATIONS]
    nlp.get_pipe("medspacy_target_matcher").add(rules)
    return nlp


def locate(text: str, target: str, occurrence: int = 1) -> tuple[int, int] | None:
    """Character span of the ``occurrence``-th whitespace-flexible match of ``target``: case-sensitive if the target
    occurs that often as written, else case-insensitive. The corpora count ``occurrence`` as written (``text.count``),
    and a case-insensitive search alone finds "HO" inside "Although" or "should" before the annotated mention."""
    pattern = r"\s+".join(re.escape(word) for word in target.split())
    for flags in (0, re.IGNORECASE):
        matches = list(re.finditer(pattern, text, flags))
        if len(matches) >= occurrence:
            return matches[occurrence - 1].span()
    return None


def label(ent: Span | None) -> str:
    if ent is None:
        return "not_ho"
    for attribute, name in [("is_family", "other"), ("is_hypothetical", "hypothetical"), ("is_negated", "absent"),
                            ("is_uncertain", "possible"), ("is_historical", "historical")]:
        if getattr(ent._, attribute):
            return name
    return "present"


def predict(nlp: Language, row: dict[str, Any]) -> str:
    span = locate(row["text"], row["target"], row.get("occurrence", 1))
    if span is None:
        print(f"{row['id']}: target {row['target']!r} not found", file=sys.stderr)
        return "not_found"
    start, end = span
    overlaps = [(min(end, ent.end_char) - max(start, ent.start_char), ent) for ent in nlp(row["text"]).ents]
    overlaps = [(size, ent) for size, ent in overlaps if size > 0]
    return label(max(overlaps, key=lambda pair: pair[0])[1] if overlaps else None)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path, nargs="+")
    args = parser.parse_args()
    nlp = pipeline()
    for path in args.corpus:
        for row in read_jsonl(path):
            if "report_status" in row:
                continue
            print(json.dumps({"id": row["id"], "predicted": predict(nlp, row)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
