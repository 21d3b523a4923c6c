"""Our fictional reports (tests/data/fictional_cases/dev, written with a clinician's expectations by a
writer who never saw the code): the report-level status, the causes and the case's own questions for the
doctor, scored as a whole against the issue's goals. The sealed half (heldout/) is scored only at the end
of a piece of work, by `benchmarks/fictional_cases.py`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from hoguide import api
from hoguide.knowledge.loader import KnowledgeBase
from hoguide.models.assessment import Assessment

DEV = Path(__file__).parents[1] / "data" / "fictional_cases" / "dev"
CASES: list[dict[str, Any]] = yaml.safe_load((DEV / "expectations.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def explained() -> list[tuple[dict[str, Any], Assessment]]:
    out = []
    for case in CASES:
        answers = json.loads((DEV / case["answers"]).read_text(encoding="utf-8")) if case.get("answers") else None
        out.append((case, api.explain((DEV / case["report"]).read_text(encoding="utf-8"), answers)))
    return out


def test_the_report_level_status_is_right_on_nineteen_in_twenty(explained: list[tuple[dict[str, Any], Assessment]]
                                                                ) -> None:
    wrong = [(c["id"], a.overall_status, c["ho_status"]) for c, a in explained if a.overall_status != c["ho_status"]]
    assert len(wrong) <= len(explained) // 20 + 1, wrong


def test_causes_are_found_and_no_extra_ones_are_invented(explained: list[tuple[dict[str, Any], Assessment]]) -> None:
    found = {c["id"]: {x.id for x in a.causes} for c, a in explained}
    wanted = {c["id"]: set(c.get("causes") or []) for c, _ in explained}
    hits = sum(len(found[i] & wanted[i]) for i in found)
    assert hits / sum(len(w) for w in wanted.values()) >= 0.9
    assert hits / sum(len(f) for f in found.values()) >= 0.9
    for case, _ in explained:  # the traps: a negated cause, a complication, the accident behind an injury
        assert not set(case.get("not_causes") or []) & found[case["id"]], case["id"]


def test_nine_in_ten_get_two_questions_about_their_own_case(explained: list[tuple[dict[str, Any], Assessment]],
                                                            kb: KnowledgeBase) -> None:
    specific = {q.text for q in kb.questions if q.about_this_case}
    counts = [sum(q in specific for q in a.questions_for_doctor) for _, a in explained]
    assert sum(n >= 2 for n in counts) >= 0.9 * len(counts)


# The clinicians' flag names in expectations.yaml and the ids of content/red_flags.yaml.
FLAG_IDS = {"dvt": "dvt_suspected", "infection": "infection_suspected", "tumour": "tumour_suspected",
            "fop_suspected": "fop_biopsy_hazard", "fop_known": "fop_known", "nerve_compression": "nerve_compression",
            "pressure_sore": "pressure_sore"}


def test_every_expected_flag_is_raised_and_no_unwanted_one(explained: list[tuple[dict[str, Any], Assessment]]
                                                           ) -> None:
    for case, assessment in explained:
        raised = {f.id for f in assessment.red_flags}
        expected = {FLAG_IDS[f] for f in case.get("flags_expected") or [] if f in FLAG_IDS}
        unwanted = {FLAG_IDS[f] for f in case.get("flags_not_wanted") or [] if f in FLAG_IDS}
        assert expected <= raised and not unwanted & raised, (case["id"], sorted(raised))


def test_one_anti_inflammatory_ruled_out_beside_another_offered_is_no_ban_on_them_all() -> None:
    """Round 26, 483: "we will not use it [indomethacin] again given her dyspepsia" beside a plan that offers celecoxib
    after a later excision was told at the top of the page not to take any anti-inflammatory."""
    folder = DEV.parent / "round26"
    report = (folder / "483_elbow_ho_after_arthroscopic_release.txt").read_text(encoding="utf-8")
    assessment = api.explain(report.replace("Discussion / Plan:", "Plan:"))
    assert "treatment.medicines_advised_against" not in assessment.answers["treatment"].statements
    assert not any("should not take" in c.text for c in assessment.cautions)
