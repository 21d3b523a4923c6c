"""Write a deterministic corpus of fictional clinical notes for the speed benchmarks.

    .venv/bin/python benchmarks/make_corpus.py [OUT.jsonl] [--notes 3000] [--seed 20261130]
                                               [--profile realistic|dense|kit] [--density]

Output: JSON lines {"id", "text"} (default benchmarks/out/corpus.jsonl), written as the notes are made, so 200,000+
notes for the cohort-scan benchmark never sit in memory. Ids are "{index:06d}-{kind}", with "-ho" appended when the
note mentions heterotopic ossification, or "{index:06d}-example-{name}" for a bundled example report (other scripts
read the kind and the suffix). The same --notes, --seed and --profile give the same file.

Profiles
--------
realistic (default; corpus_notes.py builds the notes from the phrase banks in corpus_templates.py)
    Notes shaped like a hospital's stream, written from our own fictional templates (no text from MIMIC or any other
    source). The mix and lengths follow what is known of real notes: discharge summaries average about 2,267 tokens,
    roughly 9-10 KB (MIMIC-IV-Ext-BHC, PhysioNet 2024, https://doi.org/10.13026/vr29-4d92); radiology reports are
    typically 1-3 KB, chest and joint radiographs shorter; ward notes are short. Shares, and the sizes measured on
    200,000 notes (5th-95th percentile, mean):

        radiology reports        35%   0.6-1.8 KB, mean 1.0  (CT/MRI 1-2.5 KB; a quarter in capitals; 18% joints)
        discharge summaries      15%   6.8-11.6 KB, mean 9.1 (range 5.4-14 KB: HPI, histories, exam, lab panels,
                                                              imaging, course by problem, medication lists,
                                                              instructions; one draw per note sets how complex)
        progress notes           18%   1.0-1.7 KB, mean 1.3  (SOAP with vitals, I/O, labs, plan by problem)
        nursing notes            12%   0.3-0.7 KB, mean 0.5  (systems, I&O)
        orthopaedic clinic        8%   1.5-2.2 KB, mean 1.8  (range of motion in degrees, imaging, physiotherapy)
        operative notes           4%   1.7-2.7 KB, mean 2.1  (fields, steps, implants)
        rehabilitation notes      3%   1.3-1.9 KB, mean 1.6  (function, spasticity, bladder/bowel/skin, goals)
        short notes / lists       5%   0.05-0.2 KB           (telephone, refill, triage, bullet lists)
        bundled example reports   1%

    About 5% of notes mention HO (4% from the templates, nine in ten of them radiology, orthopaedic, operative and
    rehabilitation notes, plus the 1% of example reports): graded and ungraded HO, "no heterotopic ossification",
    possible early HO, myositis ossificans, excision history, prophylaxis with indomethacin or radiotherapy.
    The text was written as notes are written, not to suit the reader: negated review-of-systems lists, family and
    social history, lab lines, medication lists and long narrative appear at their natural rates. Lexicon density
    (--density) comes out at 21 hits/KB (ward notes and discharge summaries 17-18, radiology 26, orthopaedic clinic
    35), against 27.5 for the ConText test kit's sentences (each chosen because it names a condition, so an upper
    bound for whole notes) and 38 for the dense profile. Vocabulary: about 27,000 distinct sentences in 3,000 notes;
    the corpus compresses 3.6x with zlib, as ordinary prose does (the dense profile, 12x).
    Generation: about 17 MB/s (200,000 notes, 460 MB, in about 28 s on one core; memory stays near 50 MB).

dense
    The original generator (corpus_dense.py), unchanged: 3,000 notes of about 690 bytes, 38 hits/KB. Kept so that
    earlier benchmark numbers can be reproduced.

kit
    Real clinical text: the distinct sentences of the ConText/NegEx test kit's development split (--kit, default
    ../shared/data/context-kit/dev.tsv), in file order, eight to a note, one per line. A check that the speed
    measured on our own templates holds on text nobody wrote for hoguide. The kit is third-party data: this corpus is
    built where the kit is and written under benchmarks/out/, never into the repository; --notes and --seed do not
    apply. Each kit sentence names a condition and its target is upper-cased, so the text is denser than whole notes.

Prints notes, MB, mean/median/p95 bytes per kind, the share mentioning HO, the generation time, and with --density
the lexicon hits per KB (this imports the reader and reads every note's lexicon hits, so it is optional).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

DEFAULT_OUT = Path(__file__).resolve().parent / "out" / "corpus.jsonl"
DEFAULT_KIT = Path(__file__).resolve().parents[2] / "shared" / "data" / "context-kit" / "dev.tsv"
KIT_SENTENCES_PER_NOTE = 8


def kit_notes(kit: Path) -> Iterator[dict[str, str]]:
    from hoguide.evaluation import load_kit

    sentences = list(dict.fromkeys(row.sentence for row in load_kit(kit)))
    for index, first in enumerate(range(0, len(sentences), KIT_SENTENCES_PER_NOTE)):
        yield {"id": f"{index:06d}-kit", "text": "\n".join(sentences[first : first + KIT_SENTENCES_PER_NOTE])}


def notes_of(profile: str, notes: int, seed: int, kit: Path = DEFAULT_KIT) -> Iterator[dict[str, str]]:
    if profile == "kit":
        return kit_notes(kit)
    if profile == "dense":
        import corpus_dense

        return iter(corpus_dense.generate(notes, seed))
    import corpus_notes

    return corpus_notes.generate(notes, seed)


def hit_counter() -> Callable[[str], int]:
    from hoguide.knowledge.loader import load_knowledge
    from hoguide.reading.reader import reader_for

    lexicon = reader_for(load_knowledge()).lexicon
    return lambda text: len(lexicon.find(text))


def kind_of(note_id: str) -> str:
    return note_id.split("-")[1]


def p95(values: list[int]) -> int:
    return sorted(values)[min(len(values) - 1, int(0.95 * len(values)))]


def write(args: argparse.Namespace) -> tuple[dict[str, list[int]], dict[str, int], int, float, float]:
    """Write the corpus; return sizes per kind, hits per kind, HO count, generation and counting seconds."""
    sizes: dict[str, list[int]] = defaultdict(list)
    hits: dict[str, int] = defaultdict(int)
    ho = 0
    count_hits = hit_counter() if args.density else None
    counting = 0.0
    started = time.perf_counter()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8", buffering=1 << 20) as handle:
        for note in notes_of(args.profile, args.notes, args.seed, args.kit):
            handle.write(json.dumps(note, ensure_ascii=False) + "\n")
            kind = kind_of(note["id"])
            sizes[kind].append(len(note["text"].encode("utf-8")))
            ho += note["id"].endswith("-ho")
            if count_hits is not None:
                before = time.perf_counter()
                hits[kind] += count_hits(note["text"])
                counting += time.perf_counter() - before
    return sizes, hits, ho, time.perf_counter() - started - counting, counting


def report(args: argparse.Namespace, sizes: dict[str, list[int]], hits: dict[str, int], ho: int, seconds: float,
           counting: float) -> None:
    notes = sum(len(v) for v in sizes.values())
    total = sum(sum(v) for v in sizes.values())
    examples = len(sizes.get("example", []))
    print(f"wrote {args.out}: {notes} notes, {total / 1e6:.2f} MB of text, profile {args.profile}, seed {args.seed}")
    print(f"generated and written in {seconds:.1f} s ({total / 1e6 / max(seconds, 1e-9):.1f} MB/s)")
    header = f"{'kind':<22}{'notes':>8}{'share':>8}{'mean B':>9}{'median B':>10}{'p95 B':>9}"
    print(header + (f"{'hits/KB':>9}" if args.density else ""))
    for kind in sorted(sizes, key=lambda k: -len(sizes[k])):
        values = sizes[kind]
        row = (f"{kind:<22}{len(values):>8}{len(values) / notes:>8.1%}{statistics.fmean(values):>9.0f}"
               f"{statistics.median(values):>10.0f}{p95(values):>9}")
        print(row + (f"{1000 * hits[kind] / sum(values):>9.1f}" if args.density else ""))
    print(f"mentioning HO: {(ho + examples) / notes:.1%} "
          f"({ho} template notes with -ho ids, {examples} example reports)")
    if args.density:
        print(f"lexicon density: {1000 * sum(hits.values()) / total:.1f} hits/KB "
              f"({sum(hits.values())} hits; counted in {counting:.1f} s)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", nargs="?", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--notes", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=20261130)
    parser.add_argument("--profile", choices=["realistic", "dense", "kit"], default="realistic")
    parser.add_argument("--kit", type=Path, default=DEFAULT_KIT, help="the kit TSV for --profile kit")
    parser.add_argument("--density", action="store_true", help="also count lexicon hits per KB (imports the reader)")
    args = parser.parse_args()
    report(args, *write(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
