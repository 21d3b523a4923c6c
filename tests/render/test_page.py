"""The patient page (issue 16): a summary card first, each question answered in one sentence of this
case with the rest folded, the report annotated from the Reading's offsets, sources last; and the
clinician view's one summary line."""

from __future__ import annotations

import re
from functools import cache
from html import unescape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hoguide import Assessment, explain, load_knowledge
from hoguide.examples import example_bytes, example_names
from hoguide.guidance.compose import first_sentence
from hoguide.models.assessment import QUESTIONS
from hoguide.render.annotate import MAX_MARKS, _matchers, annotate, matches_in_steps
from hoguide.render.html import render_html
from tests.fictional import explain_case

KB = load_knowledge()
TAG = re.compile(r"<[^>]+>")


@cache
def _assessment(name: str) -> Assessment:
    return explain(example_bytes(name).decode("utf-8"))


def _text(html: str) -> str:
    return " ".join(unescape(TAG.sub(" ", html)).split())


@pytest.mark.parametrize(("name", "cause_words"), [
    ("spinal_cord_injury_bilateral_hips", "spinal cord injury"),
    ("hip_arthroplasty_brooker_3", "hip replacement"),
    ("burns_elbow", "burns"),
    ("suspected_fop_child", "FOP"),
])
def test_the_short_cause_names_this_cases_cause(name: str, cause_words: str) -> None:
    assert cause_words in _assessment(name).answers["cause"].short


@pytest.mark.parametrize("name", example_names())
def test_each_short_answer_is_one_sentence_from_this_cases_answer(name: str) -> None:
    assessment = _assessment(name)
    for question in QUESTIONS:
        answer = assessment.answers[question]
        assert answer.short and first_sentence(answer.short) == answer.short, answer.short
        said = [s for s in answer.statements if not s.endswith("_clinician")]
        shortened = [KB.statements[f"short.{s}"].patient for s in said if f"short.{s}" in KB.statements]
        firsts = [first_sentence(KB.statement(s).patient) for s in said]
        assert answer.short in shortened + firsts, f"{question}: not from the statements said for this case"


def test_a_one_sentence_lead_is_followed_to_what_it_introduces() -> None:
    """Only the leads that merely introduce the next statement ("Your report points to a likely cause
    of your HO.") have no short form of their own; every other one-sentence lead has one."""
    leads = {s for rules in KB.answer_rules.values() for rule in rules for s in rule.say}
    leads |= {s for flag in KB.red_flags.values() for ids in flag.requires.values() for s in ids}
    pointers = {s for s in leads if f"short.{s}" not in KB.statements
                and first_sentence(KB.statement(s).patient) == KB.statement(s).patient.strip()}
    # the rest: never first (recovery.benign_myositis holds wherever the first of them does, and
    # growth.maturity_unknown wherever the others do, and comes before them)
    assert pointers == {"cause.lead_known", "cause.lead_told", "cause.uncertain_named", "cause.uncertain_named_told",
                        "recovery.benign_myositis_settled", "growth.maturity_bone_scan",
                        "growth.scans_pregnancy"}
    assert all(key.removeprefix("short.") in KB.statements for key in KB.statements if key.startswith("short."))


def test_the_page_reads_summary_answers_questions_report_then_sources() -> None:
    assessment = _assessment("spinal_cord_injury_bilateral_hips")
    html = render_html(assessment)
    order = [html.index(s) for s in ('class="summary"', 'class="flags"', 'id="q-cause"', 'id="q-recurrence"',
                                     "Questions to ask your doctor", 'class="annotated"', 'id="sources-title"')]
    assert order == sorted(order)
    card = html[html.index('class="summary"'):html.index('id="answers-title"')]
    assert assessment.red_flags[0].action in unescape(card) and "Your next step:" in card
    for question in QUESTIONS:  # the one sentence shown; the rest folded in a closed <details>
        section = html[html.index(f'id="q-{question}"'):]
        section = section[:section.index("</section>")]
        short, folded = section.split("<details>", 1)
        assert unescape(assessment.answers[question].short) in unescape(short)
        assert "open" not in section[section.index("<details"):section.index(">", section.index("<details"))]
        assert "<summary>More" in folded
    # the report annotated is the patient's own report again: folded under its heading, which stays in view
    report = html[html.index('class="annotated"'):html.index('id="sources-title"')]
    assert '<details>\n<summary><h2 id="report-title-1">Your report, with its words explained</h2></summary>' in report


def test_a_medicine_caution_is_in_the_summary_card_with_its_source() -> None:
    """A patient with kidney disease reads the caution where warnings are, not only in the treatment answer."""
    assessment = explain("History: Right THR 2024. CKD stage 4.\nFindings: Brooker II heterotopic ossification.\n")
    card = unescape(render_html(assessment))
    card = card[card.index('class="flags"'):card.index('id="answers-title"')]
    caution = assessment.cautions[0]
    assert f'<span class="urgency">Medicines:</span> {caution.text}' in card and caution.citations


def test_the_annotated_report_marks_glossary_words_and_links_ho_to_its_answers() -> None:
    assessment = _assessment("hip_arthroplasty_brooker_3")
    segments = annotate(assessment, 0, KB.glossary)
    text = assessment.readings[0].text
    assert "".join(s.text for s in segments) == text  # nothing lost, nothing added
    mentions = [s for s in segments if s.kind == "ho"]
    assert mentions and all(s.definition for s in mentions)
    assert any("growth" in s.answers for s in mentions)
    words = {s.term for s in segments if s.kind == "term"}
    assert {"Brooker class", "AP view", "greater trochanter", "acetabulum", "bony bridging"} <= words
    html = render_html(assessment)
    assert re.search(r'<a class="term ho" href="#q-\w+" aria-describedby="d-1-\d+">', html)
    assert re.search(r'<button type="button" class="term" aria-describedby="(d-1-\d+)">', html)
    described = set(re.findall(r'aria-describedby="(d-[\d-]+)"', html))
    tips = set(re.findall(r'<span class="tip" role="tooltip" id="(d-[\d-]+)">', html))
    assert described and described == tips


def test_report_text_stays_escaped_in_the_annotated_report() -> None:
    report = '<script>alert(1)</script> Heterotopic ossification <img src=x onerror=alert(2)> about the hip.'
    html = render_html(explain(report))
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_huge_report_gets_a_bounded_number_of_marks() -> None:
    assessment = explain("HO at the hip, " * 5_000)
    segments = annotate(assessment, 0, KB.glossary)
    assert sum(s.kind != "plain" for s in segments) <= MAX_MARKS
    assert "".join(s.text for s in segments) == assessment.readings[0].text


# Report-like text: glossary phrases, near misses ("HOME", "ossifications"), hyphens, dashes, line breaks.
_PIECES = st.sampled_from([*(p for t in load_knowledge().glossary for p in t.phrases[:2]), "HOME", "xHO", "CTs",
                           "range-of-motion", "heterotopic\nossification", "of", "the", "–", "-"])
_LONGEST = max(len(p) for t in load_knowledge().glossary for p in t.phrases)
_TEXTS = st.lists(st.tuples(_PIECES, st.sampled_from([" ", "  ", "\n", ", ", "-", ""])), max_size=60).map(
    lambda parts: "".join(piece + gap for piece, gap in parts))


@settings(max_examples=300, deadline=None)
@given(_TEXTS, st.integers(min_value=1, max_value=40))
def test_glossary_words_are_found_in_steps_as_in_one_search(text: str, step: int) -> None:
    """The glossary search goes a few thousand characters at a time (so a long report never holds the
    web server's event loop for long) and finds what one search over the whole text finds."""
    for pattern, _ in _matchers(KB.glossary):
        expected = [m.span() for m in pattern.finditer(text)]
        # the overlap only needs to be longer than a match: here 2 x the longest phrase, so windows cut often
        assert [m.span() for m in matches_in_steps(pattern, text, step=step, overlap=_LONGEST * 2)] == expected


def test_the_glossary_knows_the_words_of_these_reports() -> None:
    terms = {t.term.lower() for t in KB.glossary}
    assert len(KB.glossary) >= 120
    assert {"brooker", "ankylosis", "periarticular", "cortical", "lamellar bone", "zonal pattern", "heterotopic",
            "osteoid", "callus", "effusion"} <= terms
    phrases = [p.lower() for t in KB.glossary for p in t.phrases]
    assert len(phrases) == len(set(phrases)), "a report word would have two meanings"


@pytest.mark.parametrize("name", ["spinal_cord_injury_bilateral_hips", "hip_arthroplasty_brooker_3", "burns_elbow"])
def test_the_clinician_view_opens_with_one_summary_line(name: str) -> None:
    assessment = _assessment(name)
    html = render_html(assessment, clinician=True)
    body = html[html.index("<body>"):]
    assert body.index('class="summary-line"') < body.index("<h2")
    line = _text(html[html.index('class="summary-line"'):html.index("</p>", html.index('class="summary-line"'))])
    for cause in assessment.causes:
        assert cause.label in line
    assert "Flags:" in line
    text = _text(body)
    assert assessment.notice not in text  # the patient notice is for patients
    # nor the patient's title: a browser tab and a screen reader's page list name the view (issue 16, item 6)
    assert re.search(r"<title>Clinician view[^<]*</title>", html) and "Your report, explained" not in html
    ids = {f.id for f in KB.red_flags.values()} | {c.id for kind in ("cause", "risk_factor", "symptom", "treatment",
                                                                     "site", "mimic") for c in KB.concepts(kind)}
    shown = set(re.findall(r"\b[a-z]+_[a-z_]+\b", text)) & ids
    assert not shown, f"raw ids in the clinician view: {shown}"
    facts = html[html.index("What else the report states"):]
    facts = _text(facts[:facts.index("</ul>")])
    for cause in assessment.causes:  # each cause once in the summary line and once among the facts
        assert line.count(cause.label) == 1 and facts.count(cause.label + " (") == 1, cause.label


def test_a_long_plans_quoted_only_lines_fold_and_every_explained_step_stays_in_view() -> None:
    # (round 33: a corrected ward note quoted thirty lines of its plan before the answers' "More")
    assessment = explain_case("round33", "610")
    page = render_html(assessment)
    plan = page[page.index("What your report suggests next"):page.index("What you told us")]
    shown, _, folded = plan.partition('<details class="plan-more">')
    quoted_only = [s for s in assessment.next_steps if s.status == "recommendation" and not s.text]
    assert len(quoted_only) > 4 and folded
    assert shown.count("<li>") == len(assessment.next_steps) - len(quoted_only) + 4
    for step in assessment.next_steps:
        if step.text:
            assert step.text.split(". ")[0] in unescape(TAG.sub("", shown)), step.text
