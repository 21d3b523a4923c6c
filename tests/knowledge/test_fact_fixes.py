"""The knowledge fixes of issue 16 (item 7), each against its source in ho_facts.md / kb-factcheck.md,
so that a later edit cannot bring the old wording back."""

from __future__ import annotations

import re

import pytest

from hoguide.knowledge.conditions import CaseFeatures
from hoguide.knowledge.loader import KnowledgeBase, load_knowledge
from tests.render.test_public_outputs import REPORTS, assessment_of

KB = load_knowledge()
PATIENT = {f"statement {s.id}": s.patient for s in KB.statements.values()}
PATIENT |= {f"red flag {f.id}": f"{f.patient} {f.action}" for f in KB.red_flags.values()}
PATIENT |= {f"glossary {t.term}": t.patient for t in KB.glossary}
CLINICIAN = {f"statement {s.id}": s.clinician for s in KB.statements.values() if s.clinician}
CLINICIAN |= {f"red flag {f.id}": f.clinician for f in KB.red_flags.values() if f.clinician}
NOT_SURE = re.compile(r"not sure (?:if|whether|that) this is HO", re.IGNORECASE)


@pytest.mark.parametrize("report", REPORTS)
def test_confirmed_ho_is_never_called_uncertain(report: str) -> None:
    """kb-factcheck #3: "Your report is not sure if this is HO" only where the report is not sure."""
    assessment = assessment_of(report)
    if assessment.overall_status in ("present", "historical"):
        said = [t for a in assessment.answers.values() for t in (a.answer, a.explanation)]
        assert not [t for t in said if NOT_SURE.search(t)]


def test_ho_is_not_cancer_in_one_wording() -> None:
    """ho_facts §15: HO itself is not cancer ("most HO is not cancer" implies some is)."""
    assert not [w for w, t in PATIENT.items() if re.search(r"\bmost HO is not (a )?cancer", t, re.IGNORECASE)]
    assert not KB.statement("recovery.benign").when.compatible_with(KB.statement("recovery.benign_myositis").when)


def test_myositis_ossificans_is_never_flatly_not_cancer() -> None:
    """ho_facts §5, §15 (Savvidou 2021): benign, but a sarcoma can look the same early on, so it is
    checked with more scans until it matures; never a bare "it is not cancer"."""
    about_mo = {w: t for w, t in PATIENT.items() if "myositis ossificans" in t.lower() or "bruise" in t.lower()}
    reassuring = {w: t for w, t in about_mo.items() if re.search(r"\bbenign\b|not (a )?cancer", t, re.IGNORECASE)}
    assert len(reassuring) >= 3
    for where, text in reassuring.items():
        assert re.search(r"can look (just )?like", text) and re.search(r"\bscans?\b", text), where
        assert not re.search(r"\bis not (a )?cancer\b", text), where
    assert "recovery.benign_myositis" in KB.red_flags["tumour_suspected"].forbids


def test_fop_texts_say_to_avoid_falls_and_knocks_with_a_source() -> None:
    """ho_facts §10, §15 (GeneReviews: fall prevention; Di Rocco 2017: blunt muscle trauma sets off
    flare-ups; Zhang 2013): every text that warns of muscle shots warns of falls and knocks too."""
    warning = {w: t for w, t in PATIENT.items() if re.search(r"shots? into a muscle", t)}
    assert len(warning) >= 6
    for where, text in warning.items():
        assert re.search(r"\bfalls?\b", text) and re.search(r"\bknocks?\b", text), where
        kind, ident = where.split(" ", 1)[0], where.split(" ")[-1]
        shown = KB.red_flags[ident].patient_refs if kind == "red" else KB.statement(ident).patient_refs \
            if kind == "statement" else ("glossary",)
        assert set(shown) & {"DiRocco2017-Delphi", "Zhang2013-FOP", "Pignolo2016-flares", "glossary"}, where


def test_no_dose_for_patients_and_no_weight_based_steroid_dose_without_a_ceiling() -> None:
    """kb-factcheck #7: prednisone 2 mg/kg/day has no adult ceiling in the sources read."""
    assert not [w for w, t in PATIENT.items() if re.search(r"\d\s*mg\b", t)]
    for where, text in CLINICIAN.items():
        if re.search(r"mg/kg", text) and re.search(r"prednisone|corticosteroid|steroid", text, re.IGNORECASE):
            assert re.search(r"paediatric|child", text) and re.search(r"adult", text) \
                and re.search(r"ceiling|maximum", text), where


def test_regulatory_status_says_when_it_was_true() -> None:
    """ho_facts §13.4, §15: a drug's status is what was true on a date, never a bare, timeless status."""
    status = re.compile(r"approv|authoris|refused|BLA|NDA|licen", re.IGNORECASE)
    drug = re.compile(r"palovarotene|sohonos|garetosmab", re.IGNORECASE)
    texts = {**PATIENT, **CLINICIAN}
    checked = 0
    for where, text in texts.items():
        for sentence in re.split(r"(?<=[.;])\s+", text):
            if drug.search(sentence) and status.search(sentence):
                checked += 1
                assert re.search(r"\b20\d\d\b", sentence), f"{where}: {sentence}"
    assert checked
    assert not [w for w, t in PATIENT.items() if drug.search(t) and status.search(t)], "patients: ask the specialist"


def test_hip_recurrence_figures_are_for_hip_replacement_only() -> None:
    """kb-factcheck #8: the small series (8, 14, 26 patients) are after hip replacement or hip surgery;
    nothing of them holds after an acetabular fracture or a spinal cord or brain injury."""
    hip = KB.statement("recurrence.hip")
    assert hip.when.holds(CaseFeatures(causes=frozenset({"hip_arthroplasty"})))
    assert not hip.when.holds(CaseFeatures(causes=frozenset({"acetabular_fracture"})))
    assert not hip.when.holds(CaseFeatures(causes=frozenset({"hip_arthroplasty", "acetabular_fracture"})))
    assert not hip.when.holds(CaseFeatures(causes=frozenset({"hip_arthroplasty"}), neurologic=True))
    assert re.search(r"small", hip.patient) and re.search(r"8 to 26", hip.patient)
    assert KB.statement("recurrence.general").when.holds(CaseFeatures(causes=frozenset({"acetabular_fracture"})))


def test_nsaid_doses_come_with_the_labelled_warnings() -> None:
    """ho_facts §15, kb-factcheck #4: US NSAID labels carry a boxed warning for cardiovascular thrombotic
    events and gastrointestinal bleeding; a dose is never given without it."""
    dose = re.compile(r"(indomethacin|ibuprofen|celecoxib|aspirin)[^.;]{0,40}?\d[\d,]*\s*mg", re.IGNORECASE)
    dosed = {w: t for w, t in CLINICIAN.items() if dose.search(t)}
    assert "statement treatment.prevention_clinician" in dosed
    for where, text in dosed.items():
        assert re.search(r"boxed warning", text) and re.search(r"cardiovascular", text) \
            and re.search(r"gastrointestinal|\bGI\b", text), where


def test_patients_hear_of_kidney_and_heart_harm_where_nsaid_side_effects_are_listed(kb: KnowledgeBase) -> None:
    """kb-factcheck #5: a side-effect list names kidney harm and heart attack or stroke."""
    lists = {w: t for w, t in PATIENT.items() if re.search(r"NSAID", t) and re.search(r"side effects", t)}
    assert lists
    for where, text in lists.items():
        assert re.search(r"kidney", text) and re.search(r"heart attack", text), where


def test_the_fop_biopsy_figure_counts_patients_and_cites_zhang_2013() -> None:
    """ho_facts §15: 26 of 72 patients had a biopsy and all 26 formed HO there (Zhang et al., Bone 2013)."""
    for where, text in CLINICIAN.items():
        if re.search(r"\b26\b", text) and re.search(r"biops", text):
            assert "lesions" not in text and "patients" in text, where
    assert "Zhang2013-FOP" in KB.statement("cause.fop_suspected").refs
