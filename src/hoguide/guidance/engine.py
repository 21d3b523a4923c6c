"""Case to Assessment: runs the question modules, the safety rules and the question picker, and
records which rule fired for each part (the trace a clinician can read)."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from hoguide.guidance.answer_checks import (
    causes_set_aside,
    causes_the_report_denies,
    event_to_come_told,
    ho_side_told_against,
    other_side_told,
    prevention_the_report_says_was_not_had,
    removal_the_report_denies,
)
from hoguide.guidance.features import FOP_SUSPECTED, case_features
from hoguide.guidance.next_steps import next_steps
from hoguide.guidance.page_sources import choose_sources
from hoguide.guidance.patient_words import questions_pasted_in, topics_named, topics_timed, understand
from hoguide.guidance.precedence import apply_precedence
from hoguide.guidance.questions import questions_for_doctor
from hoguide.guidance.red_flags import DENIED, find_red_flags
from hoguide.guidance.report_on_answer import cause_lines, outlook_lines, plan_on_answers, symptom_lines
from hoguide.guidance.report_on_question import report_words_on
from hoguide.guidance.report_plan import FOP_CAUTION_ID, SAFETY_NET_HEADING_ID, plan_statements, with_fop_cautions
from hoguide.guidance.report_says import restate_report
from hoguide.guidance.rules import answer, holding
from hoguide.guidance.step_times import conditional
from hoguide.guidance.view import FRACTURE_WORD, CaseView
from hoguide.knowledge.loader import KnowledgeBase
from hoguide.knowledge.readability import combined_grade
from hoguide.models.assessment import QUESTIONS, Answer, Assessment, CauseFinding, CitedText, ReportStatement
from hoguide.models.case import Case

NOTICE_ID = "topic.not_medical_advice"
SOMEONE_ELSE_ID = "topic.for_someone_else"  # said after the notice when the answers are a relative's or a carer's
ASKED = "You asked"  # how an answer to the patient's own question starts (content/answers_asked.yaml)
ASKED_LINE = f'Where our sources speak to your questions, the answers below say "{ASKED}".'
ON_IT = "Words in your report on this"  # the report's sentence beside a question asked (report_on_question.py)
KNOCKS = frozenset({"other_fracture_or_trauma", "muscle_contusion"})  # a fall or a knock: a flare-up's trigger in FOP


def reference_link(kb: KnowledgeBase, key: str) -> str | None:
    """A stable address for a reference: its DOI, else PubMed, else the web page it was read on."""
    ref = kb.references[key]
    if ref.doi:
        return f"https://doi.org/{ref.doi}"
    if ref.pmid:
        return f"https://pubmed.ncbi.nlm.nih.gov/{ref.pmid}/"
    return ref.url


@lru_cache(maxsize=4)
def _reference_texts(kb: KnowledgeBase) -> tuple[dict[str, str], dict[str, str | None]]:
    """Each reference's citation and address (``reference_link``), kept per knowledge base (knowledge only)."""
    return ({key: ref.citation for key, ref in kb.references.items()},
            {key: reference_link(kb, key) for key in kb.references})


def _answers_a_question(answers: dict[str, Answer]) -> bool:
    """An answer says what our sources know of a question the patient asked (content/answers_asked.yaml): said back
    only then (round 14, 261 was promised "You asked" where a statement said anyway answered the question)."""
    return any(part.text.startswith(ASKED) for answer in answers.values() for part in answer.parts)


MAX_QUESTIONS_LISTED = 8  # the patient's own and ours (round 33: ten or eleven made a phone screen of questions)
MIN_OURS = 3  # ... of them ours, the case's open points first, however many the patient asked


def _questions(own: tuple[str, ...], ours: list[str]) -> tuple[str, ...]:
    """The questions for the doctor: the patient's own first, then ours, at most ``MAX_QUESTIONS_LISTED`` in all
    unless the patient asked more (theirs are never left out), and never fewer than ``MIN_OURS`` of ours."""
    ours = [q for q in ours if q not in own]
    return (*dict.fromkeys(own), *ours[:max(MIN_OURS, MAX_QUESTIONS_LISTED - len(own))])


def _your_question(question: str, report_words: dict[str, str]) -> str:
    """The patient's question for the doctor, with the report's own words on it where it has some."""
    said = f'Your question: "{question}"'
    return f'{said} {ON_IT}: "{report_words[question]}"' if question in report_words else said


MAX_CAUTIONS = 2  # medicine cautions in the warning box: kidney disease and heart failure both (round 18, 345)


def assess_case(case: Case, kb: KnowledgeBase) -> Assessment:
    # the patient's own words become their answers (and questions they pasted under the report are theirs too)
    understood = understand(case.answers, kb, questions_pasted_in(r.text for r in case.readings))
    case = replace(case, answers=understood.answers)
    view = CaseView.of(case)
    steps = next_steps(view, kb)
    red_flags, flag_states = find_red_flags(view, kb)
    fop_suspected = any(f.id == FOP_SUSPECTED for f in red_flags)

    def plan_of(chosen: dict[str, ReportStatement]) -> list[ReportStatement]:
        """The report's plan in its own words, with FOP's caution beside its biopsies and shots where FOP is
        suspected."""
        lines = plan_statements(view, chosen, kb.statement(SAFETY_NET_HEADING_ID).patient)
        if not fop_suspected:
            return lines
        caution = kb.statement(FOP_CAUTION_ID)
        return with_fop_cautions(lines, caution.patient, caution.patient_refs, kb.patient_refs(caution.refs))

    plan = plan_of(steps)
    side_note = ho_side_told_against(view)  # said back to the patient, and a feature of the case
    # a step only if something happens is no plan yet: no "When will I see the surgeon?" for "surgical opinion only if
    # HO later causes fixed loss" (round 18 re-read, 332, 337, 341, 346)
    features = case_features(view, recommends=[c for c, s in steps.items()
                                               if s.status == "recommendation" and not conditional(s)],
                             flags=[f.id for f in red_flags],
                             flags_found=[f.id for f in red_flags if f.state == "found"],
                             flags_reported=[f.id for f in red_flags if f.evidence],
                             side_told_against=side_note is not None,
                             tumour_cleared=any(f.id == "tumour" and f.state in DENIED for f in flag_states),
                             plan_in_own_words=any(s.status == "recommendation" and not s.text for s in plan),
                             asks=understood.asked, operations_to_come=understood.operations_to_come,
                             asks_in_plan=topics_named(plan_words := [e.text for s in plan
                                                                      if s.status == "recommendation"
                                                                      for e in s.evidence], kb),
                             asks_in_timed_plan=topics_timed(plan_words, kb))
    words_on = plan_on_answers(view, steps, kb, fop_suspected=fop_suspected, look_alike=features.look_alike)
    if cause := cause_lines(view):  # the report's own words on the cause, then any plan line on it
        words_on["cause"] = (*cause, *words_on.get("cause", ()))
    if symptoms := symptom_lines(view):  # ... and on what the symptoms come from, where it is not the HO
        words_on["growth"] = (*symptoms, *words_on.get("growth", ()))
    for question, outlook in outlook_lines(view).items():  # ... and first, its word on how things will go
        words_on[question] = (*outlook, *(e for e in words_on.get(question, ()) if e not in outlook))
    answers: dict[str, Answer] = {
        question: replace(apply_precedence(answer(question, view, features, kb), red_flags, kb, features),
                          report_words=words_on.get(question, ()))
        for question in QUESTIONS}
    report_says = restate_report(view, kb, fop=features.fop != "none")
    cautions = tuple(CitedText(kb.statement(i).patient, kb.statement(i).patient_refs)
                     for i in holding(kb.cautions, features, kb)[:MAX_CAUTIONS])
    notice = kb.statement(NOTICE_ID)
    found = view.causes()
    reported = {c for c in found if found[c]}
    causes = tuple(
        CauseFinding(
            cause, kb.label("cause", cause),
            "report and patient" if cause in reported and cause in case.answers.causes
            else "report" if cause in reported else "patient",
            tuple(evidence),
        )
        for cause, evidence in found.items()
        # with FOP known, a fall or a knock set off a flare-up of FOP's own bone: no cause of its own; with FOP
        # suspected, so does a fall or a knock that broke nothing ("a few days after she fell over at nursery")
        if cause == "fop" or features.fop == "none" or (
            features.fop == "suspected" and not (cause in KNOCKS and not any(FRACTURE_WORD.search(e.text)
                                                                              for e in evidence)))
    ) if view.overall_status in ("present", "historical", "possible") else ()
    on_it = report_words_on(understood.questions, view)
    keys = [*notice.refs]
    keys += [k for s in report_says for k in s.citations]
    keys += [k for a in answers.values() for k in a.citations]
    keys += [k for f in red_flags for k in f.citations]
    keys += [k for c in cautions for k in c.citations]
    keys += [k for f in flag_states if f.for_patient for k in f.citations]
    keys += [k for s in steps.values() for k in s.citations]
    citation, address = _reference_texts(kb)
    references = {k: citation[k] for k in kb.patient_refs(keys)}
    links = {k: link for k in references if (link := address[k])}
    assessment = Assessment(
        readings=case.readings,
        overall_status=view.overall_status,
        report_says=tuple(report_says),
        causes=causes,
        answers=answers,
        red_flags=tuple(red_flags),
        cautions=cautions,
        flag_states=tuple(flag_states),
        questions_for_doctor=_questions(tuple(_your_question(q, on_it) for q in understood.questions),
                                        questions_for_doctor(features, kb)),
        notice=notice.patient + ("\n\n" + kb.statement(SOMEONE_ELSE_ID).patient if understood.for_someone_else else ""),
        references=references,
        reading_grade=0.0,
        knowledge_version=kb.version,
        reference_links=links,
        next_steps=tuple(plan),
        you_told_us=(*understood.said_back, *((ASKED_LINE,) if _answers_a_question(answers) else ()),
                     *((mismatch,) if (mismatch := other_side_told(view) or side_note) else ()),
                     *((to_come,) if (to_come := event_to_come_told(view)) else ()),
                     *((denied,) if (denied := removal_the_report_denies(view)) else ()),
                     *causes_the_report_denies(view, kb), *causes_set_aside(view, kb),
                     *prevention_the_report_says_was_not_had(view)),
        trace=tuple([a.rule for a in answers.values()] + [f"red flag {f.id}: {f.reason}" for f in red_flags]),
    )
    assessment = choose_sources(assessment, kb, steps, plan_of)
    grade = combined_grade(t if t.rstrip().endswith((".", "?", "!")) else t + "."
                           for t in assessment.patient_texts())
    return replace(assessment, reading_grade=grade)
