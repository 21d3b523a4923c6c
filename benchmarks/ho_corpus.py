"""The reader against the HO corpus, dev and held-out halves side by side, with medspaCy on the same rows.

    .venv/bin/python benchmarks/ho_corpus.py                    # every corpus file there is
    .venv/bin/python benchmarks/ho_corpus.py --make-manifest    # after collecting real sentences

Two kinds of corpus file (docs/annotation-guide.md):
* ``tests/data/ho_corpus/*.jsonl`` — sentences and reports we wrote; in the repository, run by the tests.
* real sentences from published case reports and teaching pages, which are other people's words and so
  are not in the repository: they live in ``benchmarks/out/ho_corpus/*.jsonl`` (or ``--real DIR``) on the
  machine that collected them. ``tests/data/ho_corpus/real_manifest.jsonl`` records each row without its
  text — id, source address, licence, target, label, phenomenon, split and the SHA-256 of the text — so
  anyone can rebuild and check the same rows from the sources. A local row that does not match the
  manifest is reported and not scored; its split always comes from the manifest.

medspaCy (target matcher with an HO word list + its default ConText) runs in the baselines' own venv
(benchmarks/baselines/setup_baselines.sh) through benchmarks/baselines/run_ho_corpus.py; without that
venv its columns are left out.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from hoguide.evaluation.corpus import LABELS, SPLITS, CorpusReport, evaluate_corpus
from hoguide.knowledge import load_knowledge
from hoguide.reading.reader import reader_for

ROOT = Path(__file__).resolve().parents[1]
WRITTEN = ROOT / "tests" / "data" / "ho_corpus"
MANIFEST = WRITTEN / "real_manifest.jsonl"
REAL = ROOT / "benchmarks" / "out" / "ho_corpus"
BASELINE_PYTHON = ROOT / "benchmarks" / "out" / "baseline-venv" / "bin" / "python"
BASELINE_SCRIPT = ROOT / "benchmarks" / "baselines" / "run_ho_corpus.py"
MANIFEST_FIELDS = ("id", "source", "licence", "target", "occurrence", "label", "phenomenon", "split")


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def split_of(row: dict[str, Any]) -> str:
    """The guideline's rule: by the source address (the id for our own sentences), so one page's
    sentences never sit in both halves."""
    key = row["source"] if row.get("source") not in (None, "", "written") else row["id"]
    return SPLITS[hashlib.sha256(key.encode("utf-8")).digest()[0] % 2]


def load_rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def make_manifest(real_dir: Path) -> int:
    """The manifest's rows for each file in ``real_dir``; rows of files not there are kept as they are, since
    the real-text files of earlier sessions live on the machines that collected them."""
    paths = sorted(real_dir.glob("*.jsonl"))
    names = {path.name for path in paths}
    kept = [e for e in load_rows(MANIFEST) if e.get("file") not in names] if MANIFEST.exists() else []
    entries = []
    for path in paths:
        for row in load_rows(path):
            entry = {k: row[k] for k in MANIFEST_FIELDS if k in row and k != "split"}
            entry.update(file=path.name, split=split_of(row), sha256=text_digest(row["text"]))
            entries.append(entry)
    MANIFEST.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in kept + entries), encoding="utf-8")
    print(f"{MANIFEST.relative_to(ROOT)}: {len(entries)} rows from {real_dir}, {len(kept)} kept from other files")
    return 0


def checked_real_rows(path: Path, manifest: dict[str, dict[str, Any]]) -> tuple[list[dict[str, Any]], list[str]]:
    """The rows of a local real-text file that match the manifest, each with the manifest's split."""
    rows, problems = [], []
    for row in load_rows(path):
        entry = manifest.get(row.get("id", ""))
        if entry is None or entry["sha256"] != text_digest(row["text"]) or entry["label"] != row.get("label"):
            problems.append(f"{path.name}: {row.get('id')} does not match the manifest")
            continue
        rows.append({**row, "split": entry["split"]})
    return rows, problems


def medspacy_labels(rows: list[dict[str, Any]]) -> dict[str, str] | None:
    if not BASELINE_PYTHON.exists():
        return None
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as handle:
        handle.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    done = subprocess.run([str(BASELINE_PYTHON), str(BASELINE_SCRIPT), handle.name], capture_output=True, text=True,
                          check=True)
    Path(handle.name).unlink()
    return {(out := json.loads(line))["id"]: out["predicted"] for line in done.stdout.splitlines() if line.strip()}


def score_other(rows: list[dict[str, Any]], predicted: dict[str, str], split: str) -> CorpusReport:
    report = CorpusReport()
    for row in rows:
        if row.get("split") == split and "label" in row and row["id"] in predicted:
            report.add_mention(row, predicted[row["id"]])
    return report


def line(name: str, split: str, system: str, report: CorpusReport) -> str:
    per_class = report.class_accuracy()
    cells = [f"{per_class[label][0]:.2f}" if label in per_class else "  - " for label in LABELS]
    wrong, lookalikes = report.lookalikes_called_ho()
    share = f"{wrong}/{lookalikes}" if lookalikes else "-"
    return (f"| {name} | {split} | {system} | {report.mentions.total} | {report.mentions.accuracy:.3f} | "
            + " | ".join(cells) + f" | {share} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real", type=Path, default=REAL, help="folder of the real-text corpus files")
    parser.add_argument("--make-manifest", action="store_true", help="write the manifest from --real")
    parser.add_argument("--errors", action="store_true", help="list the dev half's errors (never the held-out's)")
    args = parser.parse_args()
    if args.make_manifest:
        return make_manifest(args.real)
    reader = reader_for(load_knowledge())
    manifest = {e["id"]: e for e in load_rows(MANIFEST)} if MANIFEST.exists() else {}
    corpora: list[tuple[str, list[dict[str, Any]]]] = [(p.stem, load_rows(p)) for p in sorted(WRITTEN.glob("*.jsonl"))
                                                       if p != MANIFEST]
    problems: list[str] = []
    for path in sorted(args.real.glob("*.jsonl")) if args.real.is_dir() else []:
        rows, bad = checked_real_rows(path, manifest)
        corpora.append((path.stem, rows))
        problems += bad
    print("| corpus | half | system | n | accuracy | " + " | ".join(LABELS) + " | look-alikes called HO |")
    print("|" + "---|" * (6 + len(LABELS)))
    for name, rows in corpora:
        baseline = medspacy_labels(rows) if any("label" in r for r in rows) else None
        for split in SPLITS:
            lines = [json.dumps(r) for r in rows]
            report = evaluate_corpus(lines, reader, split=split)
            if report.mentions.total:
                print(line(name, split, "hoguide", report))
                if baseline is not None:
                    print(line(name, split, "medspaCy", score_other(rows, baseline, split)))
            if report.reports.total:
                print(f"| {name} | {split} | hoguide, report status | {report.reports.total} | "
                      f"{report.reports.accuracy:.3f} |" + " |" * len(LABELS) + " |")
            if args.errors and split == "dev":
                print("\n".join(report.errors), file=sys.stderr)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
