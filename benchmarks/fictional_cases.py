"""Our fictional reports against a clinician's expectations (tests/data/fictional_cases), dev and sealed halves.

    .venv/bin/python benchmarks/fictional_cases.py            # both halves, one line per case and totals
    .venv/bin/python benchmarks/fictional_cases.py --half dev

Scores what a machine can check: the report-level HO status, the causes (recall and precision against the
expected triggers, and any "not_causes" trap taken), the red flags (expected raised, unwanted raised) and
how many questions for the doctor are about the case itself, and the status block's site, side, grade and
maturity (benchmarks/status_details.py says how a block of several lesions is scored). The answers' clinical
quality is graded by reviewers who never saw the code (docs/reviews/2026-12-04-issue15/).

    .venv/bin/python benchmarks/fictional_cases.py --half open     # dev and round3 ... round10, never heldout
    .venv/bin/python benchmarks/fictional_cases.py --half open --details   # with each unright detail's block
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import yaml

from hoguide import api
from hoguide.knowledge.loader import load_knowledge
from status_details import FIELDS, block_lines, score_details

ROOT = Path(__file__).resolve().parents[1] / "tests" / "data" / "fictional_cases"
FLAG_IDS = {"dvt": "dvt_suspected", "infection": "infection_suspected", "tumour": "tumour_suspected",
            "fop_suspected": "fop_biopsy_hazard", "fop_known": "fop_known", "nerve_compression": "nerve_compression",
            "nerve": "nerve_compression",
            "pressure_sore": "pressure_sore", "fracture": "fracture_suspected"}


OPEN = ("dev", "round3", "round4", "round5", "round6", "round7", "round8", "round9", "round10", "round11",
        "round12", "round13", "round14", "round15", "round16", "round17", "round18", "round19", "round20", "round21",
        "round22", "round23", "round24", "round25", "round26", "round27", "round28", "round29",
        "round30", "round31", "round32", "round33", "round34")


def score(half: str, details: bool = False) -> dict[str, Any]:
    folder = ROOT / half
    cases: list[dict[str, Any]] = yaml.safe_load((folder / "expectations.yaml").read_text(encoding="utf-8"))
    specific = {q.text for q in load_knowledge().questions if q.about_this_case}
    totals = {"cases": len(cases), "status": 0, "hits": 0, "found": 0, "wanted": 0, "traps": 0,
              "flags_expected": 0, "flags_shown": 0, "flags_false": 0, "two_questions": 0,
              **{f"{field}_{grade}": 0 for field in FIELDS for grade in ("right", "missing", "wrong")}}
    for case in cases:
        answers = json.loads((folder / case["answers"]).read_text(encoding="utf-8")) if case.get("answers") else None
        a = api.explain((folder / case["report"]).read_text(encoding="utf-8"), answers)
        found, wanted = {c.id for c in a.causes}, set(case.get("causes") or [])
        raised = {f.id for f in a.red_flags}
        expected = {FLAG_IDS[f] for f in case.get("flags_expected") or [] if f in FLAG_IDS}
        unwanted = {FLAG_IDS[f] for f in case.get("flags_not_wanted") or [] if f in FLAG_IDS}
        questions = sum(q in specific for q in a.questions_for_doctor)
        totals["status"] += a.overall_status == case["ho_status"]
        totals["hits"] += len(found & wanted)
        totals["found"] += len(found)
        totals["wanted"] += len(wanted)
        totals["traps"] += len(found & set(case.get("not_causes") or []))
        totals["flags_expected"] += len(expected)
        totals["flags_shown"] += len(expected & raised)
        totals["flags_false"] += len(unwanted & raised)
        totals["two_questions"] += questions >= 2
        fields = score_details(case, a)
        for field, grade in fields.items():
            totals[f"{field}_{grade}"] += 1
        unright = " ".join(f"{field}:{grade}" for field, grade in fields.items() if grade != "right")
        print(f"{case['id']:45s} status {a.overall_status:10s} (want {case['ho_status']:10s}) "
              f"causes +{sorted(found - wanted)} -{sorted(wanted - found)} flags {sorted(raised)} "
              f"case questions {questions} details {unright or 'right'}")
        if details and unright:
            for line in block_lines(a, str(case["ho_status"]).split()[0]) or ["(no detail line)"]:
                print(f"    {line}")
            print("    want " + "; ".join(f"{f}: {case.get(f)}" for f in fields if fields[f] != "right"))
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=("dev", "heldout", *OPEN[1:], "both", "open"),
                        default="dev",
                        help="round3 (16 reports), round4 to round11 (18 reports each): each graded once sealed, "
                             "development cases since; heldout (or both) only when asked: it is the sealed half")
    parser.add_argument("--details", action="store_true",
                        help="print the block of each case whose details are not right")
    args = parser.parse_args()
    halves = ("dev", "heldout") if args.half == "both" else OPEN if args.half == "open" else (args.half,)
    together: dict[str, int] = {}
    for half in halves:
        t = score(half, args.details)
        for key, value in t.items():
            together[key] = together.get(key, 0) + value
        print(f"== {half}: status {t['status']}/{t['cases']}; causes recall {t['hits']}/{t['wanted']} "
              f"precision {t['hits']}/{t['found']} traps taken {t['traps']}; flags shown "
              f"{t['flags_shown']}/{t['flags_expected']} false {t['flags_false']}; two case questions "
              f"{t['two_questions']}/{t['cases']}; {_details_line(t)}\n")
    if len(halves) > 1:
        print(f"== together ({len(halves)} halves, {together['cases']} cases): {_details_line(together)}")


def _details_line(t: dict[str, int]) -> str:
    """Right / missing / wrong for each of the status block's details."""
    return "; ".join(f"{f} {t[f + '_right']}/{t[f + '_missing']}/{t[f + '_wrong']}" for f in FIELDS) \
        + " (right/missing/wrong)"


if __name__ == "__main__":
    main()
