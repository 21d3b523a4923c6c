"""Round 32's fictional reports (tests/data/fictional_cases/round32): what a clinician reviewer found wrong in the
first, sealed read, each checked on the page a patient gets."""

from __future__ import annotations

from hoguide.models.assessment import Assessment
from hoguide.render.assessment_text import render_text
from tests.fictional import explain_case, plan_words


def _round32(case: str) -> Assessment:
    return explain_case("round32", case)


def _details(assessment: Assessment) -> list[str]:
    return [d for s in assessment.report_says for d in s.details]


def test_an_addendum_that_corrects_the_side_and_grade_is_the_page_s_word() -> None:
    # (586: "on the RIGHT, not the left ... Brooker grade II, not grade III" was shown beside the left hip's grade III)
    assessment = _round32("586")
    details = _details(assessment)
    assert any("hip (right). Grade: Brooker II." in d for d in details), details
    assert not any("Brooker III" in d for d in details), details
    absent = next(s for s in assessment.report_says if s.status == "absent")
    assert [assessment.readings[0].text[e.start:e.end] for e in absent.evidence] == ["not the left"]


def test_an_ache_at_night_after_a_busy_day_raises_no_tumour_alarm_and_an_infection_to_exclude_is_one() -> None:
    # (589: a GP's "Aches at night after a busy day" beside a hard lump was told a tumour is not ruled out; its "Low
    # grade PJI less likely ... but needs excluding" was told the report finds no infection)
    flags = {f.id for f in _round32("589").red_flags}
    assert "tumour_suspected" not in flags and "infection_suspected" in flags


def test_mdt_minutes_unsure_of_early_ho_and_putting_off_nsaids_are_said_as_unsure_and_put_off() -> None:
    # (584: "early active neurogenic HO L hip most likely" beside "Probable early HO L hip, not yet confirmed" was told
    # there is HO; "note NSAIDs can impair fracture healing" was read as a plan to take one; "Family meeting with mother
    # re HO" was told of HO in someone else)
    assessment = _round32("584")
    assert assessment.overall_status == "possible"
    assert not {"treatment.early_neurologic_planned", "treatment.early_neurologic_started"} \
        & set(assessment.answers["treatment"].statements)
    assert not any(s.status.startswith("other_person") for s in assessment.report_says)


def test_a_relatives_ho_after_an_operation_is_not_said_to_run_in_families() -> None:
    # (588: "brother developed heterotopic ossification after his hip replacement" beside "Is it in the family?")
    statuses = [s.status for s in _round32("588").report_says]
    assert "other_person_acquired" in statuses and "other_person" not in statuses


def test_a_removal_talked_of_or_chosen_one_day_is_none_done_nor_its_prevention_given() -> None:
    # (583: "HO mature, excision discussed, Rhys undecided" under a "Diagnosis:" heading was told its HO was taken out;
    # "This has caused an early (category 1) pressure ulcer" made the mature HO still forming. 581: "elect to have the
    # bone excised ... Excision would be combined with prophylaxis (a single dose of radiotherapy ...)" was told of
    # prevention had)
    seating = _round32("583")
    assert seating.overall_status == "present"
    assert not any("immature" in d for d in _details(seating)), _details(seating)
    assert "recurrence.lead_removed" not in seating.answers["recurrence"].statements
    expert = render_text(_round32("581"), markdown=True)
    assert "you have had to slow or prevent HO" not in expert
    assert "You have already had treatment to lower" not in expert


def test_a_nerve_moved_and_tingling_already_better_is_no_new_numbness() -> None:
    # (585: "moved the nerve, the tingling in my little finger is already better" raised the nerve warning; "Fell ...
    # and dislocated and broke my right elbow" was read as another injury too)
    assessment = _round32("585")
    assert "nerve_compression" not in {f.id for f in assessment.red_flags}
    page = render_text(assessment, markdown=True)
    assert "(we read: elbow injury or elbow surgery)" in page


def test_a_bridge_weighed_against_near_bridging_is_not_said_absent_nor_is_the_ho_a_nerve_is_not_from() -> None:
    # (587: "possible early bony bridge (proximal radioulnar synostosis) vs near-bridging" was told the bone does not
    # bridge the joint; "related to surgical approach, not to the HO" that there is no HO)
    assessment = _round32("587")
    assert "does not bridge" not in render_text(assessment, markdown=True)
    assert "absent" not in {s.status for s in assessment.report_says}


def test_a_whole_body_scans_range_is_no_place_of_the_ho() -> None:
    # (582: "18F-FDG PET/CT, skull vertex to mid-thigh" gave HO at a hip replacement the thigh too)
    places = [d.split(". ")[0] for d in _details(_round32("582")) if d.startswith("Where:")]
    assert places == ["Where: hip (left)"], places


def test_a_sarcoma_teams_benign_verdict_on_a_look_alike_raises_no_tumour_nerve_or_sore() -> None:
    # (591: an MDT form's "calcific myonecrosis ... Benign. Not heterotopic ossification", with "Sarcoma CNS" as its
    # nurse's title, "would be considered only for skin breakdown ... infection" and "The foot drop is long-standing
    # ... not caused by the mass", raised a tumour, a nerve, a sore and an infection; its header block was quoted)
    assessment = _round32("591")
    assert assessment.overall_status == "absent"
    assert not assessment.red_flags
    plan = plan_words(assessment)
    assert not any("Hosp no" in line for line in plan), plan
    assert any("No biopsy." in line for line in plan), plan


def test_a_clot_new_since_an_earlier_scan_is_found_and_fracture_healing_locks_no_joint() -> None:
    # (598: "thrombus ... NEW since 26/08/2026, in keeping with deep vein thrombosis" was read as the story of a clot in
    # August; "fractures are healing, with bridging bone across the posterior column" as a hip locked by HO)
    assessment = _round32("598")
    assert "dvt_suspected" in {f.id for f in assessment.red_flags}
    assert "bridges or locks the joint" not in render_text(assessment, markdown=True)


def test_a_pre_operative_note_before_the_first_removal_is_not_of_ho_grown_back_nor_of_a_clot_today() -> None:
    # (596: "recurrent R ischial/sacral skin breakdown", "Proposed procedure: Excision of heterotopic ossification" and
    # "HO excision can bleed heavily" were read as HO grown back after its removal; a consent list's "VTE" as a clot)
    assessment = _round32("596")
    assert "recurrence.lead_removed" not in assessment.answers["recurrence"].statements
    assert all(f.state == "known" for f in assessment.red_flags if f.id == "dvt_suspected")  # no clot found today
    assert "grown back" not in render_text(assessment, markdown=True)


def test_a_caesarean_scars_ho_is_the_operations_in_the_abdominal_wall_and_mature() -> None:
    # (595: "the wound bled inside afterwards and was black and blue" was read as a muscle bruise, bringing the thigh's
    # myositis ossificans; the scar's place and its "dense, established mineralisation" were not read)
    assessment = _round32("595")
    assert "muscle_contusion" not in {c.id for c in assessment.causes}
    assert [d.split(". ")[:2] for d in _details(assessment) if d.startswith("Where:")] == [
        ["Where: abdominal wall (left)", "How mature: mature."]]


def test_an_earlier_films_early_ho_and_a_gap_are_not_todays_maturity_and_size() -> None:
    # (594: "Radiographs in July showed early heterotopic ossification" beside today's "well-corticated heterotopic
    # bone" was told its HO is still forming; 593: "narrows the acromiohumeral interval to 5 mm" was given as its size;
    # 592: "(proximal, mature-appearing) and in the posteromedial capsule (less mature)" was told it had stopped
    # growing)
    assert "growth.mature" in _round32("594").answers["growth"].statements
    assert not any("5 mm" in d for d in _details(_round32("593")))
    assert "growth.maturing" in _round32("592").answers["growth"].statements


def test_radiation_the_report_rules_out_for_a_child_is_not_reassured_about() -> None:
    # (597: "Is radiotherapy safe for a teenager?" beside "we would not use radiotherapy at her age" was given the
    # adults' count of no cancers)
    treatment = _round32("597").answers["treatment"].statements
    assert "treatment.asked_radiation_not_planned" in treatment
    assert "treatment.asked_radiation_safety" not in treatment


def test_a_bruised_muscles_maturing_bone_is_not_told_surgery_is_the_main_option() -> None:
    # (590: six weeks after a hockey ball, maturing myositis ossificans with a stiff knee was told "surgery to take it
    # out is the main choice" and offered radiation)
    treatment = _round32("590").answers["treatment"].statements
    assert treatment[0] == "treatment.surgery_myositis"
    assert "treatment.lead_severe" not in treatment and "treatment.radiation" not in treatment


def test_a_replacement_ticked_for_a_repair_the_patient_describes_is_said_not_to_fit() -> None:
    # (593: "Had my rotator cuff fixed by keyhole surgery" ticked as a shoulder replacement, and 592's ligaments
    # "rebuilt" ticked as a knee replacement, were asked whether the replacement "played a part too")
    for case, box in (("593", "shoulder replacement"), ("592", "knee replacement")):
        page = render_text(_round32(case), markdown=True)
        assert f'You ticked "{box}", but your report and your own words point to "another operation"' in page
        assert f'Your answers name "{box}"' not in page


def test_the_operation_that_fixed_a_named_injury_is_counted_with_it() -> None:
    # (598: "broke my pelvis and hip socket ..., had 2 operations" ticked as another operation; 597: "Zsofi dislocated
    # her left elbow" read as another injury)
    page = render_text(_round32("598"), markdown=True)
    assert 'You ticked "another operation". Your report names hip socket (acetabular) fracture' in page
    assert "(we read: elbow injury or elbow surgery)" in render_text(_round32("597"), markdown=True)


def test_an_anaesthetists_plan_is_quoted_and_a_treated_clot_keeps_its_warning_signs() -> None:
    # (596: "ANAESTHETIC ISSUES / PLAN" over the blood thinner's stop and restart was read as the examination,
    # its form's "Pt: ... Proposed procedure:" lines were quoted as a step, the clot under treatment was told only
    # "keep to the plan", and the question on stopping apixaban was shown the anaesthetist's signature)
    assessment = _round32("596")
    plan = plan_words(assessment)
    assert any(line.startswith("Stop apixaban 72 h pre-op") for line in plan), plan
    assert not any("MRN" in line for line in plan), plan
    page = render_text(assessment, markdown=True)
    assert "Get help at once for chest pain or trouble breathing" in page
    assert "GMC 7080122" not in page
    # ... and the report's own emergency rule for the clot raises it among the warnings, without putting the HO's
    # planned operation behind "check for a clot first" (the fourth read)
    clot = next(f for f in assessment.red_flags if f.id == "dvt_suspected")
    assert clot.state == "known" and "emergency department" in clot.action
    assert assessment.answers["treatment"].statements[0] == "treatment.lead_report_plan"


def test_a_shoulder_whose_report_blames_the_bone_is_not_told_shoulder_ho_seldom_limits() -> None:
    # (593: "consistent with mechanical impingement by the ossification" was told "HO at the shoulder does not always
    # limit how the arm moves", from other groups of patients)
    assert _round32("593").answers["recovery"].statements[0] == "recovery.shoulder_from_ho"


def test_minutes_quote_the_teams_steps_not_other_disciplines_updates_or_their_own_signatures() -> None:
    # (584: "SLT: progressing to soft diet, no change." was quoted as a step and as the growth answer's words;
    # "Minutes taken by: A. Obi (FY2)." and "Approved: S. Mbeki-Rowe." as steps)
    plan = plan_words(_round32("584"))
    assert not any(line.startswith(("SLT:", "Pharmacist", "Minutes taken by", "Approved:")) for line in plan), plan
    assert any(line.startswith("No forced passive stretching") for line in plan), plan


def test_an_addendum_that_corrects_the_side_says_so() -> None:
    # (586: "Which one is true?" beside the first text's left hip and the addendum's right)
    says = _round32("586").report_says
    assert says[0].status == "corrected"


def test_tablets_asked_of_before_a_planned_replacement_with_no_ho_now_are_its_prevention() -> None:
    # (588: "Should I have the radiation or tablets this time?" before her second hip replacement, with a heart stent,
    # was told tablets for HO do not apply to her, and nothing of the heart)
    treatment = _round32("588").answers["treatment"].statements
    assert "treatment.asked_tablets_no_ho_operation" in treatment
    assert "treatment.asked_tablets_no_ho" not in treatment


def test_lost_movement_the_report_puts_down_to_the_bone_is_not_told_it_may_be_other_things() -> None:
    # (581: "The restricted hip flexion and rotation ... are attributable to the heterotopic ossification"; 596: Brooker
    # IV beside "hip fixed at approx 15 deg flexion" and "R hip: solid, fixed in slight flexion": both were told "HO can
    # be one reason, and so can other things")
    assert "growth.motion_from_ho" in _round32("581").answers["growth"].statements
    growth = _round32("596").answers["growth"].statements
    assert "growth.ankylosis" in growth and "growth.motion_lost" not in growth


def test_a_new_clot_beside_a_trapped_nerve_does_not_put_the_nerve_off() -> None:
    # (598: "Questions about HO can wait until your team has started it" beside HO against the sciatic nerve, the foot
    # getting weaker, and the report's urgent nerve tests)
    assert _round32("598").answers["treatment"].statements[0] == "flag.dvt_found_first_nerve"


def test_a_final_report_that_supersedes_the_preliminary_one_is_said_to() -> None:
    # (590: "This final report supersedes the preliminary report above" was told to ask "which report to go by")
    assert _round32("590").report_says[0].status == "replaces_preliminary"


def test_a_revised_impression_with_steps_of_its_own_replaces_the_first_ones_steps() -> None:
    # (586: the first impression's "Orthopaedic review advised." was quoted beside the revised impression's "Please
    # correlate clinically; follow-up radiograph at the planned 1-year review"; four reviewers read it as superseded)
    page = render_text(_round32("586"), markdown=True)
    assert "Orthopaedic review" not in page
    assert "follow-up radiograph at the planned 1-year review" in page


def test_a_belly_that_stretches_is_no_question_about_stretching_and_a_nerve_illness_is_no_cord_injury() -> None:
    # (595: "Will it get bigger as my belly stretches?" was told forcing a stiff joint may make HO worse; 594: a ticked
    # "spinal cord injury" beside Guillain-Barre syndrome was set aside without a word)
    assert "You asked about stretching" not in render_text(_round32("595"), markdown=True)
    assert 'You ticked "spinal cord injury", but your words tell of an illness of the nerves' in render_text(
        _round32("594"), markdown=True)


def test_ho_in_a_scar_in_the_wall_of_the_belly_is_not_told_of_a_joint() -> None:
    # (595, the fifth read: "it may be part of what holds your recovery back ... make a joint stiff or sore" and "tell
    # your team if the joint gets stiffer" for a caesarean scar's HO in a pregnant woman)
    assessment = _round32("595")
    assert assessment.answers["recovery"].statements[0] == "recovery.abdominal_wall"
    assert "joint gets stiffer" not in render_text(assessment, markdown=True)


def test_a_forearm_bar_weighed_on_ct_is_not_told_therapy_can_help_it_move() -> None:
    # (587, every read: "therapy and sometimes surgery can help the elbow move better" beside "possible early bony
    # bridge (proximal radioulnar synostosis)" and the report's "rotation will not return with therapy alone")
    recovery = _round32("587").answers["recovery"].statements
    assert recovery[0] == "recovery.cross_union" and "recovery.elbow_other" not in recovery


def test_bone_not_there_on_an_earlier_scan_and_much_larger_now_is_said_to_have_grown() -> None:
    # (598, every read: "This was not present on 26/08/2026 and is much larger than the faint early mineralisation seen
    # on the radiographs of 03/11/2026", two fragments after the HO's sentence, was told only that its growth will slow)
    assert "has grown since your last scan" in _round32("598").answers["growth"].answer


def test_no_bone_death_is_not_a_healthy_joint_and_more_mature_than_before_is_maturing() -> None:
    # (592: "No osteonecrosis" beside arthrofibrosis and chondral softening was told "the joint itself looks healthy";
    # 597: "The bone looks more mature than on the September films" was told its HO is mature)
    page = render_text(_round32("592"), markdown=True)
    assert "joint itself looks healthy" not in page
    assert "has lost its blood supply" in page
    assert "growth.mature" not in _round32("597").answers["growth"].statements
