"""How soon a raised flag asks the patient to act: the report's own urgency for its own flag, not another's, and not
one kept for a condition."""

from __future__ import annotations

from typing import Any

from hoguide.guidance.engine import assess_case
from hoguide.knowledge.loader import KnowledgeBase
from hoguide.models.assessment import Assessment
from hoguide.models.case import PatientAnswers, build_case
from hoguide.reading.reader import Reader


def explain(reader: Reader, kb: KnowledgeBase, text: str, **answers: Any) -> Assessment:
    return assess_case(build_case(reader.read(text), PatientAnswers(**answers)), kb)


def test_a_break_found_and_sent_for_same_day_review_is_acted_on_today(reader: Reader, kb: KnowledgeBase) -> None:
    # round 22, 408: a fracture through an ossified Achilles tendon was told "A break needs care from your team soon"
    assessment = explain(reader, kb, "Conclusion: 1. ACUTE FRACTURE THROUGH THE OSSIFIED (heterotopic ossification) "
                                     "SEGMENT OF THE LEFT ACHILLES TENDON.\nRecommendation: URGENT: same-day referral "
                                     "to the on-call orthopaedic team.")
    flag = next(f for f in assessment.red_flags if f.id == "fracture_suspected")
    assert flag.urgency == "same_day" and flag.state == "found"
    assert "soon" not in flag.message and "today" in flag.action


def test_an_urgent_referral_kept_for_a_condition_is_no_same_day_check(reader: Reader, kb: KnowledgeBase) -> None:
    # round 22, 403: a CT timed in 2-3 weeks, and an urgent sarcoma referral only "If the CT appearances are atypical"
    report = ("Impression: appearances favour early myositis ossificans of the left thigh, but a surface osteosarcoma "
              "cannot be excluded.\nRecommendation:\n- CT of the left thigh in 2-3 weeks.\n- If the CT appearances "
              "are atypical (central or disorganised mineralisation,\n  or further growth), urgent referral to the "
              "regional sarcoma service is advised.")
    timed = next(f for f in explain(reader, kb, report).red_flags if f.id == "tumour_suspected")
    urgent = next(f for f in explain(reader, kb, report.replace("If the CT appearances are atypical", "Meanwhile"))
                  .red_flags if f.id == "tumour_suspected")
    assert timed.urgency == "soon" and urgent.urgency == "same_day"


def test_a_report_that_asks_for_urgency_raises_the_flag_today(reader: Reader, kb: KnowledgeBase) -> None:
    soon = explain(reader, kb, "Mass in the thigh lacking a zonal pattern. Refer to the sarcoma service.")
    urgent = explain(reader, kb, "Mass in the thigh lacking a zonal pattern. Urgent referral to the sarcoma service.")
    assert [(f.id, f.urgency) for f in soon.red_flags] == [("tumour_suspected", "soon")]
    assert [(f.id, f.urgency) for f in urgent.red_flags] == [("tumour_suspected", "same_day")]
    assert "urgent" in urgent.red_flags[0].message


def test_a_trapped_nerve_the_report_wants_seen_the_same_day_is_raised_today(reader: Reader, kb: KnowledgeBase) -> None:
    text = ("Heterotopic bone surrounding and compressing the sciatic nerve, consistent with the new foot weakness. "
            "Seek same-day review if the weakness worsens.")
    flag = explain(reader, kb, text).red_flags[0]
    assert (flag.id, flag.urgency) == ("nerve_compression", "same_day")
    assert "elbow" not in flag.message  # a hip's nerve is not told the elbow's story


def test_only_the_reports_own_flag_takes_the_reports_urgency(reader: Reader, kb: KnowledgeBase) -> None:
    """The patient's tingling raises the nerve flag; "urgent" in the report is about something else."""
    text = "Heterotopic ossification of the right elbow. Urgent referral to the hand therapist."
    flags = explain(reader, kb, text, symptoms=["numbness"]).red_flags
    assert [(f.id, f.urgency) for f in flags] == [("nerve_compression", "soon")]


def test_a_sore_the_report_sends_for_urgent_care_is_acted_on_today(reader: Reader, kb: KnowledgeBase) -> None:
    # round 25, 467: an infected category 4 sore sent urgently to the plastic surgeons was told "within a few days"
    report = ("2. Category 4 pressure ulcer over the R greater trochanter - present since 07/2026, not healing.\n"
              "Extensive mature heterotopic ossification about the right hip.\n"
              "Plan: 1. Urgent referral to Plastic Surgery - sent today - for debridement.")
    flag = next(f for f in explain(reader, kb, report).red_flags if f.id == "pressure_sore")
    assert flag.urgency == "same_day" and "today" in flag.action and "few days" not in flag.action
    # an urgent scan for something else does not hurry the sore
    other = report.replace("Urgent referral to Plastic Surgery - sent today - for debridement",
                           "Refer to Plastic Surgery. Urgent duplex of the left leg")
    flag = next(f for f in explain(reader, kb, other).red_flags if f.id == "pressure_sore")
    assert flag.urgency == "soon"
