"""The knowledge files validate, and the validator catches every kind of mistake with file:line."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import pytest

from hoguide.knowledge.loader import KnowledgeBase, validate_knowledge
from hoguide.knowledge.schema import FIXED_IDS

DATA = Path(str(resources.files("hoguide.knowledge").joinpath("data")))


def test_bundled_knowledge_is_valid() -> None:
    assert validate_knowledge() == []


def test_fixed_id_sets_are_complete(kb: KnowledgeBase) -> None:
    for kind, ids in FIXED_IDS.items():
        assert {c.id for c in kb.concepts(kind)} == ids, kind


def test_every_modifying_category_has_rules(kb: KnowledgeBase) -> None:
    categories = {rule.category for rule in kb.context_rules}
    assert categories >= {"negated", "possible", "historical", "hypothetical", "other_experiencer",
                          "pseudo", "terminate"}


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_unknown_key_is_reported_with_its_line(data_copy: Path) -> None:
    _edit(data_copy / "grade_systems.yaml", "  - id: brooker\n", "  - id: brooker\n    colour: red\n")
    problems = validate_knowledge(data_copy)
    assert len(problems) == 1
    assert problems[0].startswith("grade_systems.yaml:")
    assert "colour" in problems[0] and "Extra inputs are not permitted" in problems[0]
    line = int(problems[0].split(":")[1])
    assert "colour: red" in (data_copy / "grade_systems.yaml").read_text().splitlines()[line - 1]


def test_duplicate_terms_and_bad_ids_are_all_reported(data_copy: Path) -> None:
    _edit(data_copy / "lexicon" / "change.yaml", "terms: [decreased,", "terms: [stable, decreased,")
    _edit(data_copy / "lexicon" / "maturity.yaml", "id: maturing", "id: Maturing")
    problems = validate_knowledge(data_copy)
    assert any("change.yaml" in p and "'stable' already belongs to change:stable" in p for p in problems)
    assert any("maturity.yaml" in p and "concepts.2.id" in p for p in problems)


def test_missing_and_empty_files_are_errors(data_copy: Path) -> None:
    (data_copy / "section_rules.yaml").unlink()
    (data_copy / "context_rules.yaml").write_text("rules: []\n", encoding="utf-8")
    problems = validate_knowledge(data_copy)
    assert any(p.startswith("section_rules.yaml") and "missing" in p for p in problems)
    assert any(p.startswith("context_rules.yaml") and "at least 1 item" in p for p in problems)


def test_broken_yaml_is_reported(data_copy: Path) -> None:
    (data_copy / "lexicon" / "laterality.yaml").write_text("kind: laterality\nconcepts: [\n", encoding="utf-8")
    problems = validate_knowledge(data_copy)
    assert any("laterality.yaml" in p and "not valid YAML" in p for p in problems)


def test_a_curator_note_back_in_a_citation_is_reported_with_its_line(data_copy: Path) -> None:
    refs = data_copy / "references.yaml"
    _edit(refs, "citation: Amstutz HC,", "citation: (authors UNVERIFIED; likely) Amstutz HC,")
    problems = validate_knowledge(data_copy)
    assert len(problems) == 1
    assert problems[0].startswith("references.yaml:") and "curator_note" in problems[0]
    line = int(problems[0].split(":")[1])
    assert "(authors UNVERIFIED; likely) Amstutz HC" in refs.read_text(encoding="utf-8").splitlines()[line - 1]


# --- the decision tables (content/answer_rules.yaml) and statements' conditions ---------------------
RULES = "content/answer_rules.yaml"


def test_a_rule_naming_a_missing_statement_is_reported(data_copy: Path) -> None:
    _edit(data_copy / RULES, "say: [cause.no_ho]", "say: [cause.no_such_thing]")
    problems = validate_knowledge(data_copy)
    assert any(p.startswith(RULES) and "'cause.no_such_thing', which does not exist" in p for p in problems)


def test_a_statement_its_rule_can_never_say_is_reported(data_copy: Path) -> None:
    # the rule answers only when the report says there is no HO; the statement holds only for a hip replacement
    _edit(data_copy / RULES, "say: [cause.absent, cause.risk_dish]",
          "say: [cause.absent, cause.risk_dish, cause.hip_arthroplasty]")
    _edit(data_copy / RULES, "when: {status: [absent]}\n      say: [cause.absent",
          "when: {status: [absent], not_causes: [hip_arthroplasty]}\n      say: [cause.absent")
    problems = validate_knowledge(data_copy)
    assert any("can never say 'cause.hip_arthroplasty'" in p for p in problems)


def test_a_condition_that_can_never_hold_is_reported_with_its_line(data_copy: Path) -> None:
    _edit(data_copy / RULES, "when: {status: [absent]}", "when: {causes: [stroke], not_causes: [stroke]}")
    problems = validate_knowledge(data_copy)
    assert any(p.startswith(RULES) and "can never hold" in p for p in problems)


def test_a_rule_behind_an_unconditional_one_and_an_unanswered_case_are_reported(data_copy: Path) -> None:
    _edit(data_copy / RULES, "      when: {status: [none]}\n      say: [cause.no_ho]",
          "      say: [cause.no_ho]")
    problems = validate_knowledge(data_copy)
    assert any("\"cause: the report says there is no HO\"".replace('"', "'") in p and "can never be used" in p
               for p in problems)


def test_a_statement_no_rule_reaches_is_reported(data_copy: Path) -> None:
    text = (data_copy / RULES).read_text(encoding="utf-8")
    (data_copy / RULES).write_text(text.replace(" growth.often_no_symptoms]", "]"), encoding="utf-8")
    problems = validate_knowledge(data_copy)
    assert any("'growth.often_no_symptoms' is said by no rule" in p for p in problems)


def test_an_asked_topic_naming_a_missing_statement_or_another_answers_is_reported(data_copy: Path) -> None:
    _edit(data_copy / RULES, "say: [treatment.asked_radiation_not_planned, "
          "treatment.asked_radiation_safety_slow_growth,\n"
          "          treatment.asked_radiation_safety,\n          treatment.asked_radiation_safety_fracture]",
          "say: [treatment.asked_no_such_thing]")
    _edit(data_copy / RULES, "say: [recurrence.asked_next_operation]", "say: [growth.asked_spread]")
    problems = validate_knowledge(data_copy)
    assert any(p.startswith(RULES) and "'treatment.asked_no_such_thing', which does not exist" in p for p in problems)
    assert any("says 'growth.asked_spread' in the 'recurrence' answer" in p for p in problems)


def test_an_asked_topic_with_a_blank_group_of_words_is_reported(data_copy: Path) -> None:
    _edit(data_copy / RULES, "words: [[etidronate, bisphosphonate, bisphosphonates, didronel]]", "words: [[]]")
    problems = validate_knowledge(data_copy)
    assert any(p.startswith(RULES) and "every group of words needs at least one phrase" in p for p in problems)


def test_an_unknown_feature_value_in_a_statement_condition_is_reported(data_copy: Path) -> None:
    _edit(data_copy / "content" / "answers_cause_growth.yaml",
          "when: {causes: [hip_arthroplasty], not_risk_factors: [hip_resurfacing]}",
          "when: {causes: [hip_replacement], not_risk_factors: [hip_resurfacing]}")
    problems = validate_knowledge(data_copy)
    assert any(p.startswith("content/answers_cause_growth.yaml:28: statements.0.when.causes.0: Input should be")
               for p in problems)


def test_patient_sources_are_one_or_two_of_the_statement_s_own_and_patient_safe(data_copy: Path) -> None:
    """The one or two sources a patient sees after a statement (patient_refs) are among its refs, and
    never a source held back from patients (docs/data-formats.md, "Answers")."""
    content = data_copy / "content"
    _edit(content / "answers_care.yaml", "    patient_refs: [Balboni2006]\n    when: {severe: false, active: false}",
          "    patient_refs: [Nagi2002, Melcer2011, Balboni2006]\n    when: {severe: false, active: false}")
    _edit(content / "answers_care.yaml", "    patient_refs: [HIPAID2006]\n", "    patient_refs: [Pakos2004]\n")
    _edit(content / "answers_cause_growth.yaml", "    patient_refs: [eOrthopod-HO]\n",
          "    patient_refs: [Orthovellum-THA-HO]\n")
    problems = validate_knowledge(data_copy)
    assert any("answers_care.yaml:" in p and "patient_refs" in p and "at most 2" in p for p in problems), problems
    assert any("answers_care.yaml:" in p and "['Pakos2004'] are not in refs" in p for p in problems), problems
    assert any("answers_cause_growth.yaml:" in p and "'Orthovellum-THA-HO', which is held back" in p
               for p in problems), problems


def test_alternative_patient_sources_are_the_statement_s_own_patient_safe_and_new(data_copy: Path) -> None:
    """A source that may stand in for a statement's patient_refs (patient_refs_alt) is one of its refs,
    patient-safe, and not one of the patient_refs already (docs/data-formats.md, "Answers")."""
    content = data_copy / "content"
    _edit(content / "answers_care.yaml", "    patient_refs_alt: [Balboni2006, eOrthopod-HO]\n",
          "    patient_refs_alt: [Pakos2004]\n")
    _edit(content / "answers_care.yaml",
          "    patient_refs_alt: [Ghent2002-earlyexcision, APRM2016-TBI-SR, Genet2011-570]\n",
          "    patient_refs_alt: [Genet2015-SC]\n")
    _edit(content / "answers_cause_growth.yaml", "    patient_refs: [eOrthopod-HO]\n",
          "    patient_refs: [eOrthopod-HO]\n    patient_refs_alt: [Orthovellum-THA-HO]\n")
    problems = validate_knowledge(data_copy)
    assert any("answers_care.yaml:" in p and "['Pakos2004'] are not in refs" in p for p in problems), problems
    assert any("answers_care.yaml:" in p and "patient_refs_alt repeats" in p for p in problems), problems
    assert any("answers_cause_growth.yaml:" in p and "'Orthovellum-THA-HO', which is held back" in p
               for p in problems), problems


def test_a_red_flag_shows_at_least_one_source(data_copy: Path) -> None:
    _edit(data_copy / "content" / "red_flags.yaml", "    patient_refs: [AAPMR-HO]\n", "    patient_refs: []\n")
    problems = validate_knowledge(data_copy)
    assert len(problems) == 1 and "red_flags.yaml:" in problems[0] and "patient_refs" in problems[0]
