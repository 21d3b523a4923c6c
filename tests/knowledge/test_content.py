"""Every patient-facing text is cited, resolves to a reference and reads at or below grade 8."""

from __future__ import annotations

import re

import pytest

from hoguide.knowledge.loader import KnowledgeBase, load_knowledge
from hoguide.knowledge.readability import count_syllables, grade_level
from hoguide.knowledge.schema import FIXED_IDS

GRADE_CEILING = 8.0
KB = load_knowledge()

PATIENT_TEXTS = (
    [(f"statement {s.id}", s.patient) for s in KB.statements.values()]
    + [(f"red flag {f.id}", f.patient) for f in KB.red_flags.values()]
    + [(f"red flag {f.id} action", f.action) for f in KB.red_flags.values()]
    + [(f"red flag {f.id} state {state}", text) for f in KB.red_flags.values() for state, text in f.states.items()]
    + [(f"red flag {f.id} urgent", text) for f in KB.red_flags.values()
       for text in (f.urgent_patient, f.urgent_action) if text]
    + [(f"question {q.id}", q.text) for q in KB.questions]
    + [(f"glossary {t.term}", t.patient) for t in KB.glossary]
)


@pytest.mark.parametrize(("where", "text"), PATIENT_TEXTS, ids=[w for w, _ in PATIENT_TEXTS])
def test_patient_text_is_at_or_below_grade_8(where: str, text: str) -> None:
    assert grade_level(text) <= GRADE_CEILING, f"{where}: grade {grade_level(text)}: {text}"


def test_every_citation_resolves(kb: KnowledgeBase) -> None:
    cited = [r for s in kb.statements.values() for r in s.refs] + [r for f in kb.red_flags.values() for r in f.refs]
    cited += [r for t in kb.glossary for r in t.refs]
    assert cited and all(key in kb.references for key in cited)


# A content id such as treatment.excision_timing_clinician means nothing to a reader: say it in words.
CONTENT_ID = re.compile(r"\b[a-z_]+\.[a-z_]+\b")


def test_no_text_names_a_content_id(kb: KnowledgeBase) -> None:
    ids = set(kb.statements) | {q.id for q in kb.questions}
    texts = [(s.id, t) for s in kb.statements.values() for t in (s.patient, s.clinician or "", s.title or "")]
    texts += [(f.id, t) for f in kb.red_flags.values() for t in (f.patient, f.action, f.clinician or "")]
    named = {(where, found) for where, text in texts for found in CONTENT_ID.findall(text) if found in ids}
    assert not named, f"content ids in shown text: {sorted(named)}"


# Every id the guidance modules can ask for. Missing one would fail an assessment at run time.
REQUIRED = (
    [f"cause.{c}" for c in FIXED_IDS["cause"]]
    + ["cause.lead_known", "cause.lead_several", "cause.none_found", "cause.mechanism", "cause.no_ho",
       "cause.absent", "cause.uncertain", "cause.fop_suspected"]
    + [f"growth.{x}" for x in ("immature", "maturing", "mature", "maturity_unknown", "new", "increased", "stable",
                               "decreased", "symptoms_present", "often_no_symptoms", "high_grade", "low_grade",
                               "time_course_hip", "time_course_neurologic", "time_course_elbow",
                               "time_course_muscle", "no_ho", "absent", "uncertain", "historical")]
    + [f"treatment.{x}" for x in ("lead_monitor", "lead_symptoms", "watchful_waiting", "follow_up_imaging",
                                  "medicines", "physical_therapy", "surgery", "radiation", "already_treated", "fop",
                                  "no_ho", "absent", "hypothetical", "prevention_clinician",
                                  "excision_timing_clinician")]
    + [f"recovery.{x}" for x in ("hip", "knee", "elbow", "shoulder", "thigh_muscle", "neurologic", "residual_limb",
                                 "general", "low_grade", "high_grade", "no_ho", "absent", "uncertain", "benign")]
    + [f"recurrence.{x}" for x in ("not_removed", "lead_removed", "general", "hip", "elbow", "neurologic", "burns",
                                   "prophylaxis", "fop", "no_ho", "absent", "uncertain", "recurrent_now")]
    + [f"report.{x}" for x in ("present", "absent", "possible", "historical", "hypothetical", "none",
                               "other_person", "other_person_acquired", "replaces_preliminary", "mimic")]
    + [f"grade.brooker.{g}" for g in ("I", "II", "III", "IV")]
    + [f"grade.hastings_graham.{g}" for g in ("I", "IIA", "IIB", "IIC", "II", "III")]
    + [f"grade.della_valle.{g}" for g in ("A", "B", "C")]
    + ["topic.not_medical_advice"]
)


@pytest.mark.parametrize("statement_id", REQUIRED)
def test_required_statement_exists(kb: KnowledgeBase, statement_id: str) -> None:
    assert statement_id in kb.statements


@pytest.mark.parametrize("flag", ["dvt_suspected", "infection_suspected", "tumour_suspected", "fop_biopsy_hazard"])
def test_required_red_flag_exists(kb: KnowledgeBase, flag: str) -> None:
    assert flag in kb.red_flags


def test_leaflet_topics_are_covered(kb: KnowledgeBase) -> None:
    topics = {"what_is_ho", "bone_made_of", "causes", "mechanism", "symptoms", "symptom_timing", "found_by_chance",
              "diagnosis_xray", "diagnosis_biopsy", "treatment_watchful_waiting", "treatment_medicines",
              "treatment_physical_therapy", "treatment_surgery", "treatment_radiation", "prevention",
              "early_detection", "is_it_cancer", "fop"}
    assert {f"topic.{t}" for t in topics} <= set(kb.statements)


def test_glossary_has_the_words_patients_meet(kb: KnowledgeBase) -> None:
    terms = {t.term.lower() for t in kb.glossary}
    assert {"osteoid", "osteoblast", "ankylosis", "nsaid"} <= terms


@pytest.mark.parametrize(("word", "syllables"), [("bone", 1), ("muscle", 2), ("ossification", 5),
                                                 ("radiation", 4), ("likely", 2), ("HO", 2), ("surgery", 3)])
def test_syllable_rules(word: str, syllables: int) -> None:
    assert count_syllables(word) == syllables


def test_grade_level_orders_texts_sensibly() -> None:
    plain = "HO is bone in the wrong place. It is not cancer."
    dense = ("Heterotopic ossification constitutes extraskeletal lamellar bone formation "
             "predominantly consequent upon neurological or musculoskeletal traumatisation.")
    assert grade_level(plain) < 5 < 12 < grade_level(dense)


def test_every_bracketed_word_in_clinician_text_is_a_source(kb: KnowledgeBase) -> None:
    """The page turns "[Key]" in clinician text into a source number and drops a held-back key's mark,
    so brackets there are for sources only."""
    texts = [s.clinician or "" for s in kb.statements.values()] + [f.clinician or "" for f in kb.red_flags.values()]
    bracketed = {m for text in texts for m in re.findall(r"\[([A-Za-z][\w.&-]*)\]", text)}
    assert bracketed and bracketed <= set(kb.references)
