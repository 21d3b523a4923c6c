"""Write a deterministic corpus of fictional clinical notes for the speed benchmarks.

    .venv/bin/python benchmarks/make_corpus.py [benchmarks/out/corpus.jsonl] [--notes 3000] [--seed 20261130]

Every note is generated here from this script's own fictional templates (short radiology impressions, long
discharge summaries, upper-case reports, bullet lists) plus the bundled fictional example reports. Most notes do not
mention heterotopic ossification; about 5% do, as in a real stream of notes. Output: JSON lines {"id", "text"}.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from hoguide.examples import example_bytes, example_names

DEFAULT_OUT = Path(__file__).resolve().parent / "out" / "corpus.jsonl"
HO_SHARE = 0.05
EXAMPLE_SHARE = 0.01

SIDES = ["left", "right", "bilateral"]
JOINTS = ["hip", "knee", "elbow", "shoulder", "ankle", "wrist", "lumbar spine", "cervical spine", "chest", "abdomen"]
MODALITIES = ["XR", "CT", "MRI", "US"]
AGES = range(19, 91)
SEXES = ["male", "female"]
NORMAL_FINDINGS = [
    "No acute fracture or dislocation.",
    "Joint spaces are preserved.",
    "Mild degenerative change with marginal osteophytes.",
    "Soft tissues are unremarkable.",
    "No focal lytic or sclerotic lesion.",
    "Alignment is anatomic.",
    "No joint effusion.",
    "Bone density is within normal limits for age.",
    "Vascular calcification is noted incidentally.",
    "Postsurgical changes without evidence of hardware complication.",
    "Small enthesophyte at the tendon insertion.",
    "No pneumothorax or pleural effusion.",
    "Heart size is normal.",
    "Lungs are clear.",
    "Degenerative disc disease at L4-L5 with mild foraminal narrowing.",
]
HO_FINDINGS = [
    "Heterotopic ossification is seen lateral to the {side} {joint}, Brooker class {grade}.",
    "Maturing periarticular heterotopic bone about the {side} {joint}.",
    "No heterotopic ossification is identified about the {side} {joint}.",
    "Possible early heterotopic ossification in the soft tissues of the {side} thigh; follow-up advised.",
    "Interval increase in ectopic bone formation anterior to the {side} {joint}.",
    "Findings compatible with myositis ossificans in the {side} quadriceps.",
    "History of heterotopic ossification excision at the {side} {joint}, no recurrence.",
]
PROBLEMS = [
    "hypertension", "type 2 diabetes mellitus", "chronic kidney disease stage 3", "atrial fibrillation",
    "community-acquired pneumonia", "COPD exacerbation", "urinary tract infection", "congestive heart failure",
    "cellulitis of the lower leg", "acute kidney injury", "hyponatraemia", "falls", "delirium", "anaemia",
]
MEDICATIONS = [
    "amlodipine 5 mg daily", "metformin 500 mg twice daily", "apixaban 5 mg twice daily", "atorvastatin 40 mg nightly",
    "paracetamol 1 g four times daily as needed", "omeprazole 20 mg daily", "furosemide 40 mg daily",
    "amoxicillin 500 mg three times daily for 5 days", "ramipril 2.5 mg daily", "sertraline 50 mg daily",
]
CONTEXT_SENTENCES = [
    "Denies chest pain, shortness of breath or palpitations.",
    "No fever or chills.",
    "Mother had breast cancer; father had a myocardial infarction at 60.",
    "Patient reports intermittent knee pain for several years.",
    "Rule out deep vein thrombosis.",
    "If symptoms worsen, return to the emergency department.",
    "Possible early pneumonia in the right lower lobe.",
    "No evidence of pulmonary embolism.",
    "Swelling has resolved.",
    "Previous history of gout, currently quiescent.",
]


def _ho_finding(rng: random.Random) -> str:
    return rng.choice(HO_FINDINGS).format(side=rng.choice(SIDES[:2]), joint=rng.choice(JOINTS[:4]),
                                          grade=rng.choice(["I", "II", "III", "IV"]))


def _findings(rng: random.Random, count: int, ho: bool) -> list[str]:
    lines = rng.sample(NORMAL_FINDINGS, count)
    if ho:
        lines.insert(rng.randrange(len(lines) + 1), _ho_finding(rng))
    return lines


def radiology_impression(rng: random.Random, ho: bool) -> str:
    exam = f"{rng.choice(MODALITIES)} {rng.choice(SIDES)} {rng.choice(JOINTS)}".upper()
    findings = _findings(rng, rng.randint(2, 4), ho)
    impression = findings[0] if not ho else next(line for line in findings if "ossif" in line or "bone" in line)
    return (f"EXAMINATION: {exam}\nDATE: 2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}\n"
            f"CLINICAL HISTORY: {rng.choice(AGES)} year old {rng.choice(SEXES)}, {rng.choice(CONTEXT_SENTENCES)}\n\n"
            f"FINDINGS: {' '.join(findings)}\n\nIMPRESSION: {impression}\n")


def discharge_summary(rng: random.Random, ho: bool) -> str:
    problems = rng.sample(PROBLEMS, rng.randint(3, 6))
    paragraphs = [
        "DISCHARGE SUMMARY",
        f"Admission date: 2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}. Length of stay: {rng.randint(2, 30)} "
        f"days. Patient: {rng.choice(AGES)} year old {rng.choice(SEXES)}.",
        "Presenting complaint: " + " ".join(rng.sample(CONTEXT_SENTENCES, 4)),
        "Past medical history: " + ", ".join(problems) + ".",
    ]
    for problem in problems:
        course = " ".join(rng.sample(CONTEXT_SENTENCES, 3))
        paragraphs.append(f"{problem.capitalize()}: managed on the ward with daily review. {course} "
                          f"{rng.choice(NORMAL_FINDINGS)} Plan agreed with the patient and family.")
    if ho:
        paragraphs.append(f"Orthopaedics: reviewed for reduced range of motion. {_ho_finding(rng)} "
                          "Physiotherapy to continue range-of-motion exercises.")
    paragraphs.append("Imaging: " + " ".join(_findings(rng, 5, False)))
    paragraphs.append("Medications on discharge: " + "; ".join(rng.sample(MEDICATIONS, rng.randint(3, 7))) + ".")
    paragraphs.append("Follow-up: GP review in two weeks. " + rng.choice(CONTEXT_SENTENCES))
    return "\n\n".join(paragraphs) + "\n"


def upper_case_report(rng: random.Random, ho: bool) -> str:
    return radiology_impression(rng, ho).upper()


def bullet_list(rng: random.Random, ho: bool) -> str:
    items = _findings(rng, rng.randint(3, 6), ho) + rng.sample(CONTEXT_SENTENCES, 2)
    rng.shuffle(items)
    bullet = rng.choice(["-", "*", "•"])
    lines = [f"{bullet} {item.rstrip('.')}" for item in items]
    meds = [f"  {i}. {m}" for i, m in enumerate(rng.sample(MEDICATIONS, 3), start=1)]
    return "CLINIC NOTE\nProblems / findings:\n" + "\n".join(lines) + "\nMedications:\n" + "\n".join(meds) + "\n"


TEMPLATES: dict[str, tuple[Callable[[random.Random, bool], str], float]] = {
    "radiology_impression": (radiology_impression, 0.40),
    "discharge_summary": (discharge_summary, 0.20),
    "upper_case_report": (upper_case_report, 0.15),
    "bullet_list": (bullet_list, 0.25),
}


def generate(notes: int, seed: int) -> list[dict[str, str]]:
    rng = random.Random(seed)
    names = example_names()
    kinds = list(TEMPLATES)
    weights = [TEMPLATES[k][1] for k in kinds]
    corpus: list[dict[str, str]] = []
    for index in range(notes):
        if rng.random() < EXAMPLE_SHARE:
            name = rng.choice(names)
            corpus.append({"id": f"{index:06d}-example-{name}", "text": example_bytes(name).decode("utf-8")})
            continue
        kind = rng.choices(kinds, weights)[0]
        ho = rng.random() < HO_SHARE
        corpus.append({"id": f"{index:06d}-{kind}{'-ho' if ho else ''}", "text": TEMPLATES[kind][0](rng, ho)})
    return corpus


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", nargs="?", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--notes", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=20261130)
    args = parser.parse_args()
    corpus = generate(args.notes, args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as handle:
        for note in corpus:
            handle.write(json.dumps(note, ensure_ascii=False) + "\n")
    size = sum(len(n["text"].encode("utf-8")) for n in corpus)
    mix = Counter(n["id"].split("-")[1] for n in corpus)
    ho = sum(n["id"].endswith("-ho") for n in corpus)
    print(f"wrote {args.out}: {len(corpus)} notes, {size / 1e6:.2f} MB of text")
    print("mix: " + ", ".join(f"{k} {v}" for k, v in sorted(mix.items())) + f"; HO-mentioning template notes {ho}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
