"""Our fictional reports against a clinician's expectations (tests/data/fictional_cases), dev and sealed halves.

    .venv/bin/python benchmarks/fictional_cases.py            # both halves, one line per case and totals
    .venv/bin/python benchmarks/fictional_cases.py --half dev

Scores what a machine can check: the report-level HO status, the causes (recall and precision against the
expected triggers, and any "not_causes" trap taken), the red flags (expected raised, unwanted raised) and
how many questions for the doctor are about the case itself. The answers' clinical quality is graded by
reviewers who never saw the code (docs/reviews/2026-12-04-issue15/).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import yaml

from hoguide import api
from hoguide.knowledge.loader import load_knowledge

ROOT = Path(__file__).resolve().parents[1] / "tests" / "data" / "fictional_cases"
FLAG_IDS = {"dvt": "dvt_suspected", "infection": "infection_suspected", "tumour": "tumour_suspected",
            "fop_suspected": "fop_biopsy_hazard", "fop_known": "fop_known", "nerve_compression": "nerve_compression",
            "pressure_sore": "pressure_sore"}


def score(half: str) -> dict[str, Any]:
    folder = ROOT / half
    cases: list[dict[str, Any]] = yaml.safe_load((folder / "expectations.yaml").read_text(encoding="utf-8"))
    specific = {q.text for q in load_knowledge().questions if q.about_this_case}
    totals = {"cases": len(cases), "status": 0, "hits": 0, "found": 0, "wanted": 0, "traps": 0,
              "flags_expected": 0, "flags_shown": 0, "flags_false": 0, "two_questions": 0}
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
        print(f"{case['id']:45s} status {a.overall_status:10s} (want {case['ho_status']:10s}) "
              f"causes +{sorted(found - wanted)} -{sorted(wanted - found)} flags {sorted(raised)} "
              f"case questions {questions}")
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=("dev", "heldout", "round3", "round4", "round5", "round6", "round7", "round8",
                                           "round9", "both"),
                        default="dev",
                        help="round3 (16 reports), round4 to round9 (18 reports each): each graded once sealed, "
                             "development cases since; heldout (or both) only when asked: it is the sealed half")
    halves = ("dev", "heldout") if parser.parse_args().half == "both" else (parser.parse_args().half,)
    for half in halves:
        t = score(half)
        print(f"== {half}: status {t['status']}/{t['cases']}; causes recall {t['hits']}/{t['wanted']} "
              f"precision {t['hits']}/{t['found']} traps taken {t['traps']}; flags shown "
              f"{t['flags_shown']}/{t['flags_expected']} false {t['flags_false']}; two case questions "
              f"{t['two_questions']}/{t['cases']}\n")


if __name__ == "__main__":
    main()
