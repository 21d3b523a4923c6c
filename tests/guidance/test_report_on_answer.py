"""Each answer quotes the lines of the report's own plan on its question, so a patient reading "Is there a risk it could
come back?" finds what their surgeon plans against it there, not only in the plan's list lower down."""

from __future__ import annotations

from hoguide import api
from hoguide.guidance.features import FOP_SUSPECTED
from hoguide.models.assessment import Assessment
from hoguide.render.assessment_text import WORDS_LEAD, render_text
from tests.fictional import explain_case


def quoted(assessment: Assessment) -> dict[str, list[str]]:
    """Question -> the plan lines its answer quotes."""
    return {q: [line.text for line in a.report_words] for q, a in assessment.answers.items() if a.report_words}


def test_a_surgeons_plan_is_quoted_in_the_answers_it_speaks_to() -> None:
    # round 29, 528: excision of a forearm's bony bar, its timing, prevention after it and the aim, all under the plan
    said = quoted(explain_case("round29", "528"))
    assert any(line.startswith("Prevention after excision: short course indomethacin") for line in said["recurrence"])
    assert any(line.startswith("Excision reasonable from now") for line in said["treatment"])
    assert "Aim = improved, not normal, rotation." in said["recovery"]
    lines = [line for answer in said.values() for line in answer]
    assert len(lines) == len(set(lines)), "a line is quoted in one answer only"
    assert all(len(answer) <= 3 for answer in said.values())


def test_a_plan_line_is_quoted_whole_on_one_line_in_the_page() -> None:
    report = ("IMPRESSION: Maturing heterotopic ossification, right hip (Brooker II).\n"
              "Plan:\n- Repeat X-ray in 3 months to check the bone\n  has matured before any surgery.\n")
    page = render_text(api.explain(report), markdown=True)
    growth = page.split("## Is it likely to grow or cause symptoms?")[1].split("\n## ")[0]
    assert f'{WORDS_LEAD} "Repeat X-ray in 3 months to check the bone has matured before any surgery."' in growth


def test_a_safety_net_and_a_plan_for_something_else_are_not_told_as_the_answer() -> None:
    report = ("IMPRESSION: Early heterotopic ossification anterior to the right hip.\n"
              "Plan: Repeat X-ray in 6 weeks to assess maturation. Call the ward if the wound enlarges or drains.\n")
    said = quoted(api.explain(report))
    assert said == {"growth": ["Repeat X-ray in 6 weeks to assess maturation."]}  # (its heading said once, by us)
    # the plan of a CT done for a kidney stone is the stone's (round 10, 185)
    report = ("CT KUB\nIMPRESSION:\n1. 6 mm obstructing calculus at the left vesicoureteric junction with mild "
              "hydronephrosis. Recommend urology review re: obstructing calculus.\n"
              "2. Incidental heterotopic ossification lateral to the right hip replacement.\n")
    assert "treatment" not in quoted(api.explain(report))


def test_no_plan_is_quoted_where_the_report_finds_no_ho() -> None:
    report = ("IMPRESSION: No heterotopic ossification. Mild osteoarthritis.\n"
              "Plan: physiotherapy and review in 3 months.\n")
    assert quoted(api.explain(report)) == {}


def test_where_fop_is_suspected_a_biopsy_is_left_to_the_plan_with_its_caution() -> None:
    report = ("Clinical: 3 year old with a hard swelling of the neck after a fall; both big toes short and bent since "
              "birth.\nIMPRESSION: Soft tissue swelling with early ossification in the neck. FOP should be "
              "considered.\nPlan: Ultrasound-guided core biopsy of the neck lump on 15/12/2026. Review in clinic in "
              "2 weeks.\n")
    assessment = api.explain(report)
    assert any(f.id == FOP_SUSPECTED for f in assessment.red_flags)
    lines = [line for answer in quoted(assessment).values() for line in answer]
    assert lines == ["Review in clinic in 2 weeks."]


def test_the_cause_answer_quotes_the_reports_own_words_on_the_cause() -> None:
    # round 30, 547: the report says what the HO followed; round 29, 531: the report says what did not cause it
    report = ("Clinical history: L ACL reconstruction 2021. MCL sprain L knee Sept 2024.\nIMPRESSION:\n"
              "1. Intact ACL graft.\n2. Ossification at the femoral origin of the MCL (Pellegrini-Stieda lesion), a "
              "sequela of the 2024 MCL injury.\n")
    assert quoted(api.explain(report))["cause"] == [
        "Ossification at the femoral origin of the MCL (Pellegrini-Stieda lesion), a sequela of the 2024 MCL injury."]
    report = ("Findings: Heterotopic ossification lateral to the left hip, Brooker II. Well corticated, mature.\n"
              "Impression: Brooker II heterotopic ossification - this is common after hip replacement. It is not "
              "caused\nby the infection and is not a sign of infection.\n")
    assert quoted(api.explain(report))["cause"] == ["It is not caused by the infection and is not a sign of infection."]
    # words of a cause's shape about something else are none: "signal following fat", "a neuropathy due to the HO"
    for report in ("IMPRESSION: Mature myositis ossificans of the thigh with central signal following fat.\n",
                   "Impression: HO blocking flexion, with a probable ulnar neuropathy due to the HO encasing the "
                   "nerve.\n"):
        assert "cause" not in quoted(api.explain(report)), report


def test_the_growth_answer_quotes_what_the_report_puts_the_symptoms_down_to() -> None:
    # (round 30, 554: the report's "bursa settling down, not the extra bone" was replaced by general words on HO's
    # symptoms; 560: "Catching more likely soft tissue (iliopsoas) or the healing labrum")
    report = ("Impression: Early heterotopic ossification, Brooker I, lateral to the right hip replacement.\n"
              "The soreness on the outside of the hip when you lie on it is very common at 6 weeks. That is usually "
              "the tendons and the bursa settling down, not the extra bone.\n")
    assert quoted(api.explain(report))["growth"][0] == (
        "The soreness on the outside of the hip when you lie on it is very common at 6 weeks. That is usually the "
        "tendons and the bursa settling down, not the extra bone.")
    report = ("A: Small Brooker I HO at capsular site after hip arthroscopy. Catching more likely soft tissue "
              "(iliopsoas) or the healing labrum.\n")
    assert quoted(api.explain(report))["growth"][0].startswith("Catching more likely soft tissue")
    # a story's account is none ("History: pain more likely from the back")
    report = "History: hip pain, more likely from the back.\nImpression: Brooker II heterotopic ossification.\n"
    assert "growth" not in quoted(api.explain(report))


def test_the_growth_and_recovery_answers_quote_the_reports_own_outlook() -> None:
    # (round 32, 581: "Mature HO has usually stopped growing" and a general word on the hip were graded partly where the
    # expert's opinion said "I do not expect it to enlarge further" and "likely to be permanent")
    report = ("History: nailed right femoral fracture 2024.\nOPINION:\nThe heterotopic ossification is mature and I do "
              "not expect it to enlarge further. Without surgery, his present restriction and symptoms are likely to "
              "be permanent.\n")
    said = quoted(api.explain(report))
    assert said["growth"] == ["The heterotopic ossification is mature and I do not expect it to enlarge further."], said
    assert said["recovery"] == ["Without surgery, his present restriction and symptoms are likely to be permanent."]
    # a treatment's outlook is not the HO's course; a gene's "likely pathogenic ... loss of function" is no recovery;
    # a story's word is none
    for report in ("Impression: Brooker II heterotopic ossification. Anti-inflammatory tablets are unlikely to shrink "
                   "HO that is already there.\n",
                   "Impression: Heterotopic ossification of the thigh. Likely pathogenic GNAS variant (predicted loss "
                   "of function).\n",
                   "History: HO was expected to enlarge in 2019.\nImpression: Brooker II heterotopic ossification.\n"):
        assert not {"growth", "recovery"} & set(quoted(api.explain(report))), report
