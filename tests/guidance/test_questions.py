"""Questions for the doctor come from the case's own open points, fit its population and never ask the
same thing twice."""

from __future__ import annotations

from hoguide import api
from hoguide.knowledge.loader import load_knowledge


def question(qid: str) -> str:
    return next(q.text for q in load_knowledge().questions if q.id == qid)


def test_known_fop_before_a_procedure_asks_about_flare_ups_not_removal_or_prevention() -> None:
    report = ("Diagnosis: fibrodysplasia ossificans progressiva, genetically confirmed. Established heterotopic "
              "ossification of both shoulders (ankylosed) and the right hip. Extraction of a molar is planned.")
    asked = api.explain(report, {"known_fop": True, "surgery_planned": True}).questions_for_doctor
    assert question("q.fop_procedure") in asked
    for unfit in ("q.joint_limited", "q.removed_lower_chance", "q.recurrent_options", "q.at_risk",
                  "q.prevention_side_effects"):
        assert question(unfit) not in asked, unfit


def test_each_step_the_report_asks_for_gets_its_question() -> None:
    report = ("IMPRESSION: Ossified mass of the right upper arm; a tumour cannot be excluded. Recommend urgent "
              "referral to the sarcoma service; please do not biopsy locally. Nerve conduction studies are "
              "recommended.")
    asked = api.explain(report).questions_for_doctor
    for wanted in ("q.next_sarcoma", "q.next_no_biopsy", "q.next_nerve"):
        assert question(wanted) in asked, wanted


def test_one_question_per_worry() -> None:
    report = ("Right total knee replacement; the knee remains stiff. She takes warfarin. Heterotopic ossification "
              "at the front of the knee. NSAIDs were withheld because of the warfarin.")
    asked = api.explain(report).questions_for_doctor
    assert question("q.anticoagulant") in asked and question("q.nsaid_caution") not in asked
    assert question("q.knee_replacement") in asked and question("q.knee") not in asked


def test_a_plan_quoted_only_in_the_reports_words_gets_a_question_to_go_through_it() -> None:
    quoted = api.explain("FINDINGS: Heterotopic ossification of the left hip.\nPlan:\n"
                         "1. No manipulation under anaesthetic at this stage.\n").questions_for_doctor
    assert question("q.plan_walkthrough") in quoted
    explained = api.explain("FINDINGS: Heterotopic ossification of the left hip.\nPlan: repeat X-ray in 3 months.\n")
    assert question("q.plan_walkthrough") not in explained.questions_for_doctor
