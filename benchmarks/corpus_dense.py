"""The original dense corpus (``make_corpus.py --profile dense``), kept unchanged so earlier numbers reproduce.

Short notes built from a few dozen sentences chosen to exercise the reader (context cues, symptoms, sites): about
690 bytes a note and 38 lexicon hits per KB, far denser than real notes. The realistic profile (corpus_notes.py) is
the default now; this one gives the same output as before for the same seed.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from hoguide.examples import example_bytes, example_names

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
