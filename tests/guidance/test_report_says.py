"""What the report says, restated: an addendum that changed it is said before what it now says."""

from __future__ import annotations

from hoguide import api


def test_an_addendum_that_changed_the_report_is_said_first() -> None:
    """Round 7, case 135: the first reading's possible HO was withdrawn; the patient reads that it was changed."""
    changed = api.explain("IMPRESSION: Possible early heterotopic ossification posterior to the right elbow.\n"
                          "ADDENDUM 02/11/2026: On review with the ultrasound this is an olecranon bursa, not "
                          "heterotopic ossification.").report_says
    assert changed[0].status == "corrected" and "addendum" in changed[0].text
    assert "no HO" in changed[1].text
    same = api.explain("IMPRESSION: Heterotopic ossification of the right hip.\n"
                       "ADDENDUM: Brooker grade III heterotopic ossification is confirmed.").report_says
    assert all(s.status != "corrected" for s in same)


def test_the_movement_the_report_measures_is_said_back_in_its_words() -> None:
    """Round 7 (148, 139): an elbow's arc after removal and a shrinking mouth opening were quoted nowhere."""
    says = api.explain("History: left elbow HO excised 02/2026. Exam: L elbow ROM 25-125 deg (arc 100), pronation "
                       "full.\nX-ray: no recurrence of heterotopic ossification.\nPlan: refer if flexion falls below "
                       "90 degrees.").report_says
    measured = next(s for s in says if s.status == "measured")
    # the exam's measure, not the plan's threshold
    assert measured.details == ('"Exam: L elbow ROM 25-125 deg (arc 100), pronation full."',)
    no_ho = api.explain("Right hip: flexion 100 degrees. No heterotopic ossification.").report_says
    assert all(s.status != "measured" for s in no_ho)


def test_the_size_the_report_gives_is_said_back() -> None:
    """The case's own numbers in plain sight (rounds 7 and 8: a 6 mm spot and a 7.4 cm mass were left out)."""
    sized = api.explain("Findings: A 3.2 x 2.1 cm mature heterotopic ossification anterior to the right hip.")
    assert any("Size: 3.2 x 2.1 cm." in line.details[0] for line in sized.report_says if line.details)
    plain = api.explain("Findings: Mature heterotopic ossification anterior to the right hip.")
    assert not any("Size:" in d for line in plain.report_says for d in line.details)


def test_the_size_in_a_list_under_a_heading_is_said_back() -> None:
    """Round 15, 292: "Heterotopic ossification:" heads a list whose first item gives the size (none was shown)."""
    says = api.explain("Findings:\nHeterotopic ossification:\n- Posteromedial: a 3.1 x 1.4 cm corticated bar of "
                       "heterotopic bone along the medial collateral ligament.\n- Anterior: a thin plate of HO in the "
                       "brachialis.\nImpression: Heterotopic ossification R elbow, Hastings-Graham class IIA.")
    assert any("Size: 3.1 x 1.4 cm." in line for said in says.report_says for line in said.details)


def test_an_abdominal_ct_s_hip_lines_are_said_where_they_are_and_its_bowel_is_no_nerve() -> None:
    """Round 9 (167): "no recurrence of HO" at the right hip beside HO at the left one says where; "small bowel
    normal calibre" is no word about a nerve; a colonoscopy or a CT for diverticulitis is no HO follow-up."""
    report = ("CT ABDOMEN AND PELVIS\nFINDINGS: Small bowel normal calibre. Sigmoid diverticulitis.\n"
              "Right hip: post-surgical change from the previous excision; no recurrence of heterotopic ossification.\n"
              "Left hip: small islands of heterotopic ossification lateral to the acetabulum (Brooker class I).\n"
              "RECOMMENDATION: Repeat CT only if not improving within 72 hours. Colonoscopy in about 6 weeks.")
    assessment = api.explain(report)
    not_back = next(line for line in assessment.report_says if line.status == "nothing_new")
    assert not_back.details == ("Where: hip (right).",)
    assert all(state.id != "nerve_compression" for state in assessment.flag_states)
    follow_up = api.load_knowledge().statement("next.follow_up_imaging").patient
    assert not any(follow_up in step.text for step in assessment.next_steps)


def test_a_look_alike_the_addendum_withdraws_is_not_listed() -> None:
    """Round 8 second re-read (156): "Impression: calcific tendinopathy ... ADDENDUM: ... Not tendon calcification"."""
    report = ("Impression: Calcific tendinopathy of the distal triceps. No heterotopic ossification.\n"
              "ADDENDUM: On review the density is trabecular bone: maturing heterotopic ossification posterior to the "
              "left elbow. Not tendon calcification.")
    assert not [line for line in api.explain(report).report_says if line.status == "mimic"]
    kept = api.explain("Impression: Calcific tendinopathy of the distal triceps. No heterotopic ossification.")
    assert [line for line in kept.report_says if line.status == "mimic"]


def test_a_conclusion_that_leads_with_something_else_is_quoted_first() -> None:
    """Round 10 (185, 186, 188, 189): the kidney stone of a CT for flank pain, a loose stem, a cyclops lesion were
    what the patient went for, and the page never named them; the HO read as the reason for the scan."""
    says = api.explain("CT KUB.\nIMPRESSION:\n1. Obstructing 4 mm left VUJ calculus with mild hydronephrosis.\n"
                       "2. Incidental: stable Brooker II heterotopic ossification about the right THR.\n"
                       "3. Sigmoid diverticulosis.\n\nRecommend urology review.\n").report_says
    assert says[0].status == "other_findings"
    assert says[0].details == ('"Obstructing 4 mm left VUJ calculus with mild hydronephrosis."',)
    # an HO first is the report's main finding: nothing to say
    first = api.explain("IMPRESSION:\n1. Brooker III heterotopic ossification, left hip.\n2. Mild osteoarthritis of "
                        "the right hip.\n").report_says
    assert all(s.status != "other_findings" for s in first)
    # a report with no HO word at all is about something else entirely: no HO page to set apart
    none = api.explain("IMPRESSION: Obstructing left VUJ calculus.").report_says
    assert all(s.status != "other_findings" for s in none)


def test_a_conclusion_in_sentences_is_quoted_up_to_the_ho() -> None:
    says = api.explain("Conclusion: Cyclops lesion anterior to the ACL graft. Grade 1 chondral wear of the patella. "
                       "No heterotopic ossification.").report_says
    assert says[0].details == ('"Cyclops lesion anterior to the ACL graft."', '"Grade 1 chondral wear of the patella."')


def test_a_conclusion_that_only_reassures_before_the_ho_is_no_other_finding() -> None:
    """Round 10, 199: "Satisfactory appearance of the left THA. No complication." is said among the reassurances."""
    # (round 10, 195: a DVT scan's "1. No DVT right leg." was quoted as a finding other than HO to ask about)
    for first in ("Satisfactory appearance of the left THA. No complication.", "Stable reverse TSA, no loosening.",
                  "No DVT right leg."):
        says = api.explain(f"IMPRESSION:\n1. {first}\n2. Small Brooker I heterotopic ossification.\n").report_says
        assert all(s.status != "other_findings" for s in says), first


def test_a_specimen_label_a_sign_off_and_the_named_cause_are_no_other_finding() -> None:
    """Round 25: a pathology conclusion's "A & B." (455), "Reported: Dr F. Gallagher-Rao" under a reassuring conclusion
    (462) and a letter's first diagnosis, the cord injury that caused the HO (460), were quoted as findings other
    than HO to ask about."""
    for report in ("CONCLUSION\nA & B. LEFT ELBOW, EXCISION:\n       MATURE LAMELLAR BONE, CONSISTENT WITH HETEROTOPIC "
                   "OSSIFICATION.\n",
                   "FINDINGS: Early heterotopic ossification medial to the lesser trochanter.\nCONCLUSION:\n"
                   "Satisfactory position of DHS. No complication.\n\nReported: Dr F. Gallagher-Rao, ST4 Radiology"
                   "       10/11/2026 13:15\n",
                   "Diagnoses:\n1. T6 AIS A (complete) paraplegia, traumatic - fall from scaffolding 05/05/2026.\n"
                   "2. Neurogenic heterotopic ossification (HO), both hips.\n",
                   # round 26, 483: the operation the patient had, an item that opens with it
                   "Diagnosis:\n1. Arthroscopic arthrolysis (anterior + posterior capsular release) R elbow 27/08/2026"
                   "\n2. Heterotopic ossification R elbow, 3/12 post op, despite indomethacin prophylaxis\n"):
        says = api.explain(report).report_says
        assert all(s.status != "other_findings" for s in says), report
    # ... but a diagnosis that names an operation later is a finding of its own (round 16, 299)
    says = api.explain("Diagnosis:\n1. R haemophilic elbow arthropathy; s/p open synovectomy, radial head excision "
                       "30.04.2026.\n2. Heterotopic ossification R elbow post-op.\n").report_says
    assert says[0].status == "other_findings"


def test_a_hedged_mention_beside_the_ho_in_its_sentence_names_its_kind_not_a_doubt() -> None:
    """Round 11, 218: "Mature heterotopic ossification anteromedial to the L hip, Brooker II equivalent, no ankylosis -
    likely neurogenic HO following stroke" gave a second line, "The radiologist is not sure if this is HO"."""
    says = api.explain("IMPRESSION:\n2. Mature heterotopic ossification anteromedial to the L (hemiplegic) hip, "
                       "Brooker II equivalent, no ankylosis - likely neurogenic HO following stroke.").report_says
    assert [s.status for s in says if s.status in ("present", "possible")] == ["present"]
    # a doubt about the other side stays a doubt
    other = api.explain("IMPRESSION: Mature heterotopic ossification at the left hip; possible early HO at the right "
                        "hip.").report_says
    assert [s.status for s in other if s.status in ("present", "possible")] == ["present", "possible"]


def test_a_doubt_in_a_letter_is_the_reports_not_a_radiologists() -> None:
    """Round 13, 244: a physio's letter with no scan yet was told "The radiologist is not sure ... on a scan"."""
    says = api.explain("Dear Dr Lee\nHis left knee is warm and stiff since his stroke. This may be early heterotopic "
                       "ossification; please arrange an X-ray.\nYours sincerely\nK. Amos, Physiotherapist").report_says
    doubt = next(s for s in says if s.status == "possible")
    assert doubt.text.startswith("Your report is not sure") and "radiologist" not in doubt.text
    assert "scan" not in doubt.text


def test_each_side_keeps_its_own_grade_beside_a_bilateral_summary() -> None:
    """Round 11, 208: "Bilateral hip HO, R > L (R Brooker III, L Brooker II equivalent), maturing" gave the left hip
    the right's Brooker III."""
    says = api.explain("FINDINGS:\nRight: extensive heterotopic ossification anterior to the hip, Brooker III.\n"
                       "Left: smaller islands of HO anterior to the femoral neck (Brooker II equivalent).\n"
                       "IMPRESSION:\n1. Bilateral hip HO, R > L (R Brooker III, L Brooker II equivalent), maturing.\n"
                       ).report_says
    lines = [line for s in says if s.status == "present" for line in s.details]
    assert [line.split(". How")[0].split(" Your HO")[0] for line in lines if line.startswith("Where: hip")] == [
        "Where: hip (right). Grade: Brooker III.", "Where: hip (left). Grade: Brooker II."]


def test_the_conclusion_says_how_mature_over_the_description() -> None:
    """Round 13, 248: "ill-defined ossification ... with a peripheral cortical rim forming" under an impression of
    "maturing" HO was said back as immature."""
    report = ("Findings: ill-defined ossification posterior to the distal humerus, c. 3 cm, with a peripheral cortical "
              "rim forming.\nImpression: heterotopic ossification R elbow, maturing, limiting extension.")
    details = [d for line in api.explain(report).report_says for d in line.details]
    assert any("How mature: maturing." in d for d in details) and not any("immature" in d for d in details)
    described = api.explain("Findings: ill-defined immature heterotopic ossification posterior to the right elbow.")
    assert any("How mature: immature." in d for line in described.report_says for d in line.details)


def test_a_side_the_addendum_clears_is_no_lesion_of_the_first_impression() -> None:
    """Round 19, 347: a dictated "right" the addendum corrects ("the RIGHT hip ... has no heterotopic ossification")
    left HO at both hips in "What your report says"."""
    report = ("Findings:\nNew heterotopic ossification lateral to the right greater trochanter, mature.\n"
              "Impression:\n1. Heterotopic ossification about the right hip, Brooker grade II.\n\n"
              "*** ADDENDUM 23/11/2026 09:15 ***\nLATERALITY CORRECTION. The HO is at the LEFT hip. The RIGHT hip is "
              "the native hip with osteoarthritis and has no heterotopic ossification.\nCorrected impression:\n"
              "1. Heterotopic ossification about the LEFT hip, Brooker grade II.\n")
    said = {line.status: [d for d in line.details if d.startswith("Where")] for line in api.explain(report).report_says}
    assert len(said["present"]) == 1 and said["present"][0].startswith("Where: hip (left)"), said
    assert said["absent"] == ["Where: hip (right)."]


def test_no_ho_is_said_with_its_place_only_and_the_look_alike_by_name() -> None:
    """Round 19, 357: calcified muscle after a compartment syndrome was "no HO ... How mature: mature", and the
    look-alike was named only as "dystrophic calcification"; 353: a bony Bankart fragment was not named at all."""
    leg = api.explain("CT LEFT LEG. Impression: Calcific myonecrosis of the anterior compartment, mature, "
                      "not heterotopic ossification.\n").report_says
    said = {line.status: line.details for line in leg}
    assert "How mature" not in " ".join(said["absent"])
    assert "calcific myonecrosis" in " ".join(said["mimic"])
    shoulder = api.explain("XR R SHOULDER. Impression: small bony Bankart fragment. No heterotopic ossification.\n")
    assert "bony Bankart" in " ".join(d for line in shoulder.report_says for d in line.details)


def test_a_fused_hip_on_ct_is_not_said_to_look_worse_on_a_plain_x_ray() -> None:
    """Round 19, 363 (and round 17, 325): "A plain X-ray alone can make it look worse than it is" beside a CT that
    confirms the fusion; a plain film keeps the caution."""
    ct = "CT BOTH HIPS\nImpression: right hip fused by heterotopic ossification, Brooker IV.\n"
    xray = "XR PELVIS AP\nImpression: right hip heterotopic ossification, Brooker IV.\n"
    said = {name: " ".join(d for line in api.explain(text).report_says for d in line.details)
            for name, text in (("ct", ct), ("xray", xray))}
    assert "look worse" not in said["ct"] and "shows this more clearly" in said["ct"]
    assert "look worse" in said["xray"]


def test_a_look_alike_is_said_in_plain_words_beside_its_name() -> None:
    """Round 19, 354 and 360: "ossification centre" and "sesamoid bone" were named to worried parents and a GP's
    patient and never explained."""
    child = api.explain("XR LEFT ELBOW. Impression: normal ossification centres for age. No fracture. No heterotopic "
                        "ossification.\n").report_says
    knee = api.explain("XR R KNEE. Impression: fabella, a normal variant. No heterotopic ossification.\n").report_says
    assert "a normal growing part of a child's bone" in " ".join(d for line in child for d in line.details)
    assert "a small normal bone inside a tendon" in " ".join(d for line in knee for d in line.details)


def test_bone_in_the_skin_is_named_in_plain_words_and_a_look_alike_ruled_out_is_not_listed() -> None:
    """Round 20 (378): "OSTEOMA CUTIS ... arising within an acne scar" was read as no HO named, while "?calcinosis
    cutis", queried in the details and ruled out by the microscopy ("not calcinosis cutis"), was listed."""
    report = ("Clinical details: hard papule in an old acne scar, left cheek. ?calcinosis cutis ?osteoma cutis.\n"
              "Microscopy: lamellar bone in the dermis, no amorphous calcium deposits (i.e. not calcinosis cutis).\n"
              "DIAGNOSIS: OSTEOMA CUTIS, secondary type, arising within an acne scar. Benign. Completely excised.")
    lines = [d for s in api.explain(report).report_says if s.status == "mimic" for d in s.details]
    assert any("osteoma cutis (small pieces of bone that form in the skin itself" in d for d in lines)
    assert not any("calcinosis" in d for d in lines)


def test_of_two_reports_pasted_one_after_the_other_the_later_conclusion_says_how_mature() -> None:
    """Round 20 (366): a 2024 X-ray's "Early heterotopic ossification" above a 2026 CT's "Mature heterotopic
    ossification ... excision planned" was said as still forming, just before the operation."""
    report = ("=== REPORT 1 ===\nXR ELBOW LEFT 04/03/2024\nFindings: new faint mineralization by the radial neck."
              "\nImpression:\n1. Early heterotopic ossification anterior to the proximal radius.\n\n"
              "=== REPORT 2 ===\nCT ELBOW LEFT 11/18/2026\nFindings: well-corticated heterotopic bone, 3.4 x 1.6 cm.\n"
              "Impression:\n1. Mature heterotopic ossification of the proximal radioulnar region.\n")
    assessment = api.explain(report)
    present = next(s for s in assessment.report_says if s.status == "present")
    assert any("How mature: mature." in d for d in present.details)
    assert "growth.mature" in assessment.answers["growth"].statements
    one = api.explain("Impression:\n1. Early heterotopic ossification anterior to the proximal radius.\n"
                      "2. Mature heterotopic ossification posterior to the elbow.\n")
    assert "growth.mature" not in one.answers["growth"].statements  # one conclusion: the least mature decides


def test_a_flare_up_now_is_said_among_what_the_report_says() -> None:
    """Round 23, 429: known FOP after a fall, "New soft tissue swelling in L lower back muscles - appearance of an
    early FOP flare-up" was the news of the report, and the page listed only the old HO."""
    flare = api.explain("Clinical information: KNOWN FOP (ACVR1 R206H). Fall today.\nFindings: Established "
                        "heterotopic ossification of the neck, unchanged.\nCONCLUSION: New soft tissue swelling in the "
                        "L lower back muscles, in keeping with an early FOP flare-up after the fall.").report_says
    said = next(s for s in flare if s.status == "flare_now")
    assert "flare-up now" in said.text and said.evidence
    past = api.explain("Clinical information: KNOWN FOP (ACVR1 R206H). Last flare 2019, left jaw.\nFindings: "
                       "Established heterotopic ossification of the neck, unchanged.").report_says
    assert all(s.status != "flare_now" for s in past)


def test_a_both_sides_mention_beside_one_sides_own_grade_gives_the_other_side_its_grade() -> None:
    """Round 24, 439: "Left hip: ... (Brooker grade I)" and "Bilateral hip HO (R Brooker III, L Brooker I)" were shown
    as Brooker III at both hips."""
    letter = ("- Left hip: there are a few small separate islands of heterotopic ossification (Brooker grade I).\n"
              "Summary for GP: Bilateral hip HO (R Brooker III, L Brooker I) after prolonged ICU stay.")
    details = [d for s in api.explain(letter).report_says for d in s.details]
    assert any(d.startswith("Where: hip (right). Grade: Brooker III") for d in details), details
    assert any(d.startswith("Where: hip (left). Grade: Brooker I.") for d in details), details
    assert not any("both sides" in d for d in details)
