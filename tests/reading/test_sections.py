"""Section headers of radiology and pathology reports and clinical notes."""

from __future__ import annotations

from hoguide.reading.reader import Reader

REPORT = """XR RIGHT HIP 2 VIEWS
CLINICAL HISTORY: Right total hip arthroplasty 6 months ago, pain.
COMPARISON: 2026-01-10.
FINDINGS:
Heterotopic ossification lateral to the greater trochanter.

IMPRESSION: Brooker class II heterotopic ossification.
"""

PATHOLOGY = """Gross Description:
Received a 3 cm fragment of bone.
Microscopic description: Mature lamellar bone.
Final Diagnosis: Heterotopic ossification.
"""


def test_radiology_sections(reader: Reader) -> None:
    sections = reader.sectionizer.split(REPORT).sections
    assert [s.id for s in sections] == ["history", "comparison", "findings", "impression"]
    assert REPORT[sections[2].start : sections[2].end].strip().startswith("Heterotopic ossification")


def test_pathology_sections(reader: Reader) -> None:
    sections = reader.sectionizer.split(PATHOLOGY).sections
    assert [s.id for s in sections] == ["gross_description", "microscopic_description", "diagnosis"]


def test_run_on_upper_case_headers(reader: Reader) -> None:
    text = "FINDINGS: Stable HO about the hip. IMPRESSION: Stable heterotopic ossification."
    assert [s.id for s in reader.sectionizer.split(text).sections] == ["findings", "impression"]


def test_words_with_colons_in_prose_are_not_headers(reader: Reader) -> None:
    text = "Patient notes the following: pain. The impression is: stable."
    assert reader.sectionizer.split(text).sections == ()


def test_findings_know_their_section(reader: Reader) -> None:
    reading = reader.read(REPORT)
    assert [f.section for f in reading.findings] == ["findings", "impression"]


def test_family_history_section_sets_experiencer(reader: Reader) -> None:
    reading = reader.read("FAMILY HISTORY: Fibrodysplasia ossificans progressiva in a cousin.\n"
                          "FINDINGS: No heterotopic ossification.")
    fop = [f for f in reading.facts if f.concept == "fop"]
    assert fop and fop[0].experiencer == "other"


def test_a_header_may_be_indented_by_up_to_eight_white_space_characters(reader: Reader) -> None:
    for indent, is_header in (("\t", True), (" " * 8, True), (" " * 9, False)):
        for text in (f"{indent}FINDINGS: No HO.", f"Note.\n{indent}FINDINGS: No HO."):
            assert bool(reader.sectionizer.split(text).sections) is is_header, (indent, text)


def test_a_header_ends_with_a_colon_its_line_or_the_text(reader: Reader) -> None:
    text = "FINDINGS \t: No HO.\r\nImpression\r\nStable.\nComparison"
    index = reader.sectionizer.split(text)
    assert [s.id for s in index.sections] == ["findings", "impression", "comparison"]
    assert [body for _, body in index.header_spans] == [text.index(":") + 1, text.index("\r\nStable"), len(text)]
    assert index.at(0) is index.sections[0]
    assert index.at(len(text)) is index.sections[-1]


def test_a_run_on_header_needs_upper_case_a_sentence_end_and_a_colon(reader: Reader) -> None:
    for text in ("Stable. Impression: HO.", "Stable IMPRESSION: HO.", "Stable. IMPRESSION HO."):
        assert [s.id for s in reader.sectionizer.split(text).sections] == [], text
    assert [s.id for s in reader.sectionizer.split("Stable!  IMPRESSION: HO.").sections] == ["impression"]


def test_an_addendum_headed_by_a_dash_a_date_and_its_author_is_one(reader: Reader) -> None:
    # round 10, 201: the addendum that withdrew a biopsy and raised FOP was read as part of the impression
    text = ("Impression:\nAggressive-appearing lesion. Core biopsy could be considered.\n\n"
            "ADDENDUM - 24/11/2026 16:40 - Dr E. Castellano\n\nBiopsy is NOT recommended.\n")
    assert [s.id for s in reader.sectionizer.split(text).sections] == ["impression", "addendum"]
    # a dash with no date after it is prose
    assert [s.id for s in reader.sectionizer.split("Addendum - see below for details\nText.\n").sections] == []


def test_an_addendum_set_off_by_stars_is_one(reader: Reader) -> None:
    # round 19, 347: "*** ADDENDUM 23/11/2026 09:15 ***" and its laterality correction were read as the impression
    text = ("Impression:\n1. HO about the right hip, Brooker II.\n\n*** ADDENDUM 23/11/2026 09:15 ***\n"
            "The HO is at the LEFT hip. The RIGHT hip has no heterotopic ossification.\n")
    assert [s.id for s in reader.sectionizer.split(text).sections] == ["impression", "addendum"]
    # stars inside a sentence set off nothing
    assert [s.id for s in reader.sectionizer.split("Stable. ** addendum to follow.\n").sections] == []


def test_a_safety_net_ends_with_its_list(reader: Reader) -> None:
    """A safety net's heading governs its list, not the letter after it (round 13, 253)."""
    text = ("When to get help:\n- a fever\n- a swollen calf\n\nExamination today: a hot, swollen left thigh.\n"
            "Findings: no HO.\n")
    index = reader.sectionizer.split(text)
    assert [s.id for s in index.sections] == ["safety_net", "findings"]
    assert index.id_at(text.index("swollen calf")) == "safety_net"
    assert index.id_at(text.index("hot, swollen")) is None
    assert index.id_at(text.index("no HO")) == "findings"


def test_a_soap_note_has_its_four_sections_and_a_letter_in_prose_none(reader: Reader) -> None:
    """Round 14, 265: "P: - Sent to ED today for ... IV antibiotics" was no plan, so the page left it out."""
    note = ("S: L trochanteric pressure injury x 4 months.\nO: Temp 38.2. Purulent ooze.\n"
            "A:\n1. Infected pressure injury over the HO.\nP:\n- Sent to ED today for IV antibiotics.\n")
    assert [s.id for s in reader.sectionizer.split(note).sections] == [
        "history_of_present_illness", "physical_examination", "assessment", "plan"]
    assert reader.sectionizer.split("Grade A: mild. Type P: posterior.").sections == ()


def test_a_rule_line_ends_a_section(reader: Reader) -> None:
    """A notes thread's next entry is no part of the plan above its rule line (round 22, 416)."""
    notes = ("P: Gentle range of movement within pain-free range only.\n"
             "----------------------------------------\n"
             "03/12/2026 16:40  MEDICAL  (Dr X, ST2 Rehab)\n"
             "----------------------------------------\n"
             "Reviewed re R elbow. Afebrile, obs stable.\n")
    plan = reader.sectionizer.split(notes).sections[0]
    assert plan.id == "plan" and "Afebrile" not in notes[plan.start : plan.end]


def test_a_rule_line_in_a_text_with_no_header_is_no_section(reader: Reader) -> None:
    assert reader.sectionizer.split("----------\nFrom: a nurse\n----------\nPlease rest.\n").sections == ()


def test_a_bullets_own_heading_heads_that_bullet_and_the_section_around_it_goes_on(reader: Reader) -> None:
    """Round 32 (584): an MDT's "- Impression:" and "- Plan:" bullets under one speaker are not the whole minutes'
    conclusion and plan; round 27 (501): "Plan:" goes on after its "- HO prophylaxis:" bullet."""
    minutes = ("Medical (JL):\n- Impression: early HO L hip most likely.\n- Bone scan booked 10/12.\n"
               "Physio (AL):\n- Plan: gentle range of movement.\nOT (RS): seating adjusted.\n")
    sections = reader.read(minutes).sections
    impression = next(s for s in sections if s.id == "impression")
    assert minutes[impression.start:impression.end].strip() == "early HO L hip most likely."
    plan = ("Plan:\n- Listed for excision.\n- HO prophylaxis: single fraction radiotherapy.\n"
            "- Post-op: CPM and physiotherapy from day 1.\n")
    ids = [(s.id, plan[s.start:s.end].strip()) for s in reader.read(plan).sections]
    assert ids[-1] == ("plan", "- Post-op: CPM and physiotherapy from day 1.")


def test_a_numbered_heading_alone_on_its_line_heads_what_follows(reader: Reader) -> None:
    # (round 33, 610: a registrar's "4. Assessment corrected:" over his corrections of a student's note), but a
    # numbered item that goes on after its colon is no heading ("2. PMHx: pt has NO hx of THR or HO.")
    text = "Countersigned.\n2. PMHx: pt has NO hx of THR or HO.\n4. Assessment corrected:\n   HO not confirmed.\n"
    assert [s.id for s in reader.read(text).sections] == ["addendum"]
