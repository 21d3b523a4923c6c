"""Measure the baselines (medspaCy ConText, negspacy, NegEx) on the ConText kit and on the notes corpus.

Runs INSIDE benchmarks/out/baseline-venv (see setup_baselines.sh); benchmarks/bench.py starts it as a subprocess:

    benchmarks/out/baseline-venv/bin/python benchmarks/baselines/run_baselines.py KIT_SPANS.jsonl CORPUS.jsonl

KIT_SPANS.jsonl holds one kit row a line, {"sentence", "start", "end", "negation", "temporality", "experiencer"}, with
the target already located by bench.py (the same spans hoguide gets). Every system gets the target as a ready-made
entity, so only the negation/context step is compared; NegEx, which takes a phrase rather than a span, gets the
target's text. NegEx is Chapman's reference Python implementation (negTagger) with its English trigger list
("chapman-en"), as packaged by pynegex 0.0.3.dev0; the triggers are sorted once, as the reference code intends,
not on every call as pynegex.run does. Prints one JSON object on stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import medspacy
import negspacy.negation  # noqa: F401  (registers the "negex" factory)
import spacy
from loguru import logger
from medspacy.target_matcher import TargetRule
from negspacy.termsets import termset
from pynegex.model import negex as negex_reference
from spacy.language import Language
from spacy.tokens import Doc, Span

# PyRuSH 1.0.13 logs every sentence decision at DEBUG level through loguru; that would time the logging, not the
# segmenter, so the baselines run with loguru's output for PyRuSH switched off.
logger.disable("PyRuSH")

HO_TERMS = ["heterotopic ossification", "heterotopic bone", "ectopic bone", "ectopic ossification",
            "myositis ossificans", "periarticular ossification"]

Labels = dict[str, Any]
T = TypeVar("T")


def medspacy_default() -> Language:
    """medspaCy's default pipeline (clinical tokenizer, PyRuSH, ConText); the target matcher is left out because the
    kit's target is given as the entity."""
    return medspacy.load(medspacy_enable=["medspacy_tokenizer", "medspacy_pyrush", "medspacy_context"])


def medspacy_sentencizer() -> Language:
    nlp = medspacy.load(medspacy_enable=["medspacy_tokenizer", "medspacy_context"])
    nlp.add_pipe("sentencizer", first=True)
    return nlp


def negspacy_clinical() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("negex", config={"neg_termset": termset("en_clinical").get_patterns()})
    return nlp


def medspacy_labels(span: Span) -> Labels:
    temporality = ("Not particular" if span._.is_hypothetical else "Historical" if span._.is_historical
                   else "Recent")
    return {"negated": bool(span._.is_negated), "temporality": temporality,
            "experiencer": "Other" if span._.is_family else "Patient"}


def negspacy_labels(span: Span) -> Labels:
    return {"negated": bool(span._.negex)}


def run_with_entity(nlp: Language, text: str, start: int, end: int) -> Doc:
    doc = nlp.make_doc(text)
    span = doc.char_span(start, end, label="TARGET", alignment_mode="expand")
    if span is not None:
        doc.ents = [span]
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc


def timed(repeats: int, work: Callable[[], T]) -> tuple[T, float]:
    """The result of the last of ``repeats`` runs of ``work`` and the best time."""
    best, result = float("inf"), None
    for _ in range(repeats):
        started = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - started)
    assert result is not None
    return result, best


def negation_scores(rows: list[dict[str, Any]], negated: list[bool], seconds: float) -> dict[str, Any]:
    """Negation precision, recall and F1 against the kit's labels, and the speed."""
    gold = [row["negation"] == "Negated" for row in rows]
    tp = sum(p and g for p, g in zip(negated, gold, strict=True))
    fp = sum(p and not g for p, g in zip(negated, gold, strict=True))
    fn = sum(g and not p for p, g in zip(negated, gold, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return {"rows": len(rows), "tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall,
            "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
            "sentences_per_s": len(rows) / seconds}


def score_kit(nlp: Language, labels: Callable[[Span], Labels], rows: list[dict[str, Any]],
              repeats: int) -> dict[str, Any]:
    def predict() -> list[Labels]:
        docs = (run_with_entity(nlp, row["sentence"], row["start"], row["end"]) for row in rows)
        return [labels(doc.ents[0]) if doc.ents else {"negated": False} for doc in docs]

    predictions, seconds = timed(repeats, predict)
    result = negation_scores(rows, [bool(p["negated"]) for p in predictions], seconds)
    if any("temporality" in p for p in predictions):
        result["temporality_acc"] = sum(p.get("temporality") == row["temporality"]
                                        for p, row in zip(predictions, rows, strict=True)) / len(rows)
        result["experiencer_acc"] = sum(
            p.get("experiencer") == ("Patient" if row["experiencer"] == "Patient" else "Other")
            for p, row in zip(predictions, rows, strict=True)) / len(rows)
    return result


def negex_triggers() -> list[Any]:
    path = Path(negex_reference.__file__).with_name("triggersets") / "chapman-en.txt"
    return negex_reference.sortRules(path.read_text(encoding="utf-8").splitlines(keepends=True))


def score_negex(rows: list[dict[str, Any]], repeats: int) -> dict[str, Any]:
    """NegEx decides per phrase: "negated", "possible" or "affirmed"; only "negated" counts as negated."""
    rules = negex_triggers()

    def predict() -> list[str]:
        return [negex_reference.negTagger(sentence=row["sentence"], phrases=[row["sentence"][row["start"]:row["end"]]],
                                          rules=rules, negP=True).getNegationFlag() for row in rows]

    flags, seconds = timed(repeats, predict)
    return negation_scores(rows, [flag == "negated" for flag in flags], seconds)


def corpus_pipeline() -> Language:
    """medspaCy target matcher (a few HO terms) + ConText, with spaCy's sentencizer."""
    nlp = medspacy.load(medspacy_enable=["medspacy_tokenizer", "medspacy_target_matcher", "medspacy_context"])
    nlp.add_pipe("sentencizer", first=True)
    nlp.get_pipe("medspacy_target_matcher").add([TargetRule(term, "HO") for term in HO_TERMS])
    return nlp


def corpus_speed(nlp: Language, texts: list[str], repeats: int) -> dict[str, Any]:
    size = sum(len(t.encode("utf-8")) for t in texts)
    best = float("inf")
    found = 0
    for _ in range(repeats):
        started = time.perf_counter()
        found = sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=64))
        best = min(best, time.perf_counter() - started)
    return {"notes": len(texts), "mb": size / 1e6, "seconds": best, "mb_per_s": size / 1e6 / best,
            "targets_found": found}


def read_jsonl(path: Path) -> Iterable[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("kit_spans", type=Path)
    parser.add_argument("corpus", type=Path, nargs="?")
    parser.add_argument("--kit-repeats", type=int, default=3, help="best of N timed passes over the kit")
    parser.add_argument("--corpus-repeats", type=int, default=1, help="best of N timed passes over the corpus")
    args = parser.parse_args()
    rows = list(read_jsonl(args.kit_spans))
    systems = {
        "medspaCy 1.3.1 ConText, default pipeline (PyRuSH)": (medspacy_default, medspacy_labels),
        "medspaCy 1.3.1 ConText, spaCy sentencizer": (medspacy_sentencizer, medspacy_labels),
        "negspacy 1.0.4 (en_clinical termset)": (negspacy_clinical, negspacy_labels),
    }
    out: dict[str, Any] = {
        "versions": {"spacy": spacy.__version__, "medspacy": medspacy.__version__,
                     "python": sys.version.split()[0]},
        "kit": {},
    }
    for name, (build, labels) in systems.items():
        out["kit"][name] = score_kit(build(), labels, rows, args.kit_repeats)
        print(f"baseline done: {name}", file=sys.stderr)
    out["kit"]["NegEx reference (pynegex 0.0.3.dev0, chapman-en triggers)"] = score_negex(rows, args.kit_repeats)
    if args.corpus:
        texts = [note["text"] for note in read_jsonl(args.corpus)]
        out["corpus"] = {"medspaCy 1.3.1 target matcher + ConText + sentencizer":
                         corpus_speed(corpus_pipeline(), texts, args.corpus_repeats)}
    json.dump(out, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
