"""Sources a patient can follow (issue 16, item 2): each statement shows the one or two sources that
support it as numbered markers, the page lists only the sources it cites, numbered in the order it
first cites them, and the JSON keeps every statement's full list."""

from __future__ import annotations

import json
import re
import statistics
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from hoguide import Assessment, explain
from hoguide.guidance.compose import short_source
from hoguide.guidance.page_sources import Claim, _page, claim, smallest_covers
from hoguide.knowledge.schema import RedFlagContent, Statement
from hoguide.render.assessment_text import render_text
from hoguide.render.citations import SourceNumbers, link_label
from hoguide.render.html import render_html
from hoguide.render.pdf import handout_html
from tests.render.test_public_outputs import KB, REPORTS, assessment_of

# Every half of the fictional reports but the sealed one (never read here); the goals' bounds below hold on all.
CASES = Path(__file__).parents[1] / "data" / "fictional_cases"
HALVES = sorted(p.name for p in CASES.iterdir() if (p / "expectations.yaml").exists() and p.name != "heldout")
MARKER = re.compile(r"\[(\d+(?:, \d+)*)\]")
HTML_MARK = re.compile(r'<a href="#source-(\d+)" aria-label="source \d+">')
LISTED = re.compile(r'<li id="source-(\d+)">')


def _numbers_in_order(text: str) -> list[int]:
    return [int(n) for group in MARKER.findall(text) for n in group.split(", ")]


def _first_citations(numbers: list[int]) -> list[int]:
    return list(dict.fromkeys(numbers))


def _ways(content: Statement | RedFlagContent) -> list[tuple[str, ...]]:
    """What a text may show: all its own patient sources, or one that supports it alone (patient_refs_alt)."""
    return [tuple(content.patient_refs), *((key,) for key in content.patient_refs_alt)]


def _said_in(text: str, prefix: str) -> list[Statement]:
    return [s for i, s in KB.statements.items() if i.startswith(prefix) and s.patient in text]


@pytest.mark.parametrize("report", REPORTS)
def test_every_statement_shows_all_its_own_sources_or_one_that_supports_it_alone(report: str) -> None:
    """A statement whose two sources back different sentences shows both; a source of its
    patient_refs_alt may stand in for them (issue 16: sources that are the sentences' sources)."""
    assessment = assessment_of(report)
    for answer in assessment.answers.values():
        assert " ".join(p.text for p in answer.parts) == " ".join(t for t in (answer.answer, answer.explanation) if t)
        said = answer.statements[:len(answer.parts)]
        for part, statement_id in zip(answer.parts, said, strict=True):
            assert part.citations in _ways(KB.statement(statement_id)), statement_id
            assert set(part.citations) <= set(answer.citations), "a patient source is one of the statement's"
        assert answer.short_citations in _ways(short_source(KB, said))
    for flag in assessment.red_flags:
        assert flag.patient_citations in _ways(KB.red_flags[flag.id]) and flag.patient_citations
    for line in assessment.report_says:
        assert line.patient_citations in _ways(KB.statement(f"report.{line.status}"))
        for detail, keys in zip(line.details, line.detail_citations, strict=True):
            grades = _said_in(detail, "grade.")
            assert all(keys in _ways(s) for s in grades) and (keys == () or grades), detail
    for step in assessment.next_steps:  # a plan line names one step or several, each with a way of its own
        steps = _said_in(step.text, "next.")
        assert all(any(set(way) <= set(step.patient_citations) for way in _ways(s)) for s in steps), step.text
        assert set(step.patient_citations) <= {k for s in steps for way in _ways(s) for k in way}


def test_a_statement_whose_sources_back_different_sentences_shows_both() -> None:
    """'About 6 in 100 needed another operation' is Genet 2011; 'a review found about 1 in 5' is
    Chalidis 2007: neither stands for the other."""
    answer = assessment_of("dev:08_tbi_car_crash_no_fracture").answers["recurrence"]
    part = answer.parts[answer.statements.index("recurrence.neurologic_brain")]
    assert part.citations == ("Genet2011-570", "Chalidis2007")


def test_a_cord_injury_page_is_not_given_the_brain_injury_review() -> None:
    """The brain-injury review's '1 in 5' is said only where the case has a brain injury: after a spinal
    cord injury the recurrence answer rests on the survey of 570 operations alone (issue 16: a page that
    lists a source of another population for one sentence is a page longer)."""
    answer = assessment_of("dev:07_sci_bilateral_hips_caps").answers["recurrence"]
    part = answer.parts[answer.statements.index("recurrence.neurologic")]
    assert part.citations == ("Genet2011-570",) and "1 in 5" not in part.text


def test_a_source_the_page_cites_anyway_stands_in_where_it_supports_the_whole_text() -> None:
    """'Surgery ... no fixed waiting time ... whether you are well enough' rests on Genêt 2015 and,
    alone, on Ghent 2002 (ho_facts §12); a hip-replacement page that cites Ghent 2002 for how HO matures
    shows it there too, and lists one source fewer. A spinal cord injury page shows a source of its own population
    (tests/render/test_populations.py): since the twelfth session the survey of 570 operations after brain or cord
    damage, which also supports the text alone and which its recurrence answer cites anyway."""
    assessment = assessment_of("dev:26_thr_brooker1_typos")
    treatment = assessment.answers["treatment"]
    surgery = treatment.parts[treatment.statements.index("treatment.surgery")]
    assert surgery.citations == ("Ghent2002-earlyexcision",)
    assert "Ghent2002-earlyexcision" in {k for p in assessment.answers["growth"].parts for k in p.citations}
    listed = re.findall(r'<li id="source-\d+">([^<]*)', render_html(assessment))
    assert not any(KB.references["Genet2015-SC"].citation in s for s in listed)
    spinal = assessment_of("example:spinal_cord_injury_bilateral_hips").answers["treatment"]
    assert spinal.parts[spinal.statements.index("treatment.surgery")].citations == ("Genet2011-570",)
    assert "spinal_cord_injury" in KB.references["Genet2011-570"].population


@pytest.mark.parametrize("report", REPORTS)
def test_the_page_lists_only_what_it_cites_numbered_in_order_of_first_citation(report: str) -> None:
    assessment = assessment_of(report)
    for page in (render_html(assessment), render_html(assessment, clinician=True), handout_html(assessment)):
        cited = [int(n) for n in HTML_MARK.findall(page)]
        listed = [int(n) for n in LISTED.findall(page)]
        assert listed == sorted(set(cited)) == list(range(1, len(listed) + 1))
        assert _first_citations(cited) == listed, "a new source takes the next number"
        assert ">link<" not in page
    for text in (render_text(assessment), render_text(assessment, markdown=True)):
        body, _, sources = text.partition("Sources\n")
        numbers = _numbers_in_order(body)
        assert _first_citations(numbers) == list(range(1, len(set(numbers)) + 1))
        assert len(re.findall(r"^(?:  \* |- )\[\d+\] ", sources, re.MULTILINE)) == len(set(numbers))


def test_a_statement_s_sources_follow_it_in_every_format() -> None:
    assessment = assessment_of("example:hip_arthroplasty_brooker_3")
    recovery = assessment.answers["recovery"].parts[0]
    assert recovery.citations == KB.statement("recovery.hip_troubled").patient_refs
    numbers = SourceNumbers(assessment)
    html = render_html(assessment)
    sources = dict(zip(LISTED.findall(html), re.findall(r'<li id="source-\d+">([^<]*)', html), strict=True))
    shown = [sources[str(n)].strip() for n in _after(html, recovery.text)]
    assert sorted(shown) == sorted(assessment.references[k] for k in recovery.citations)
    text = render_text(assessment)
    assert re.search(re.escape(recovery.text) + r" \[\d+(, \d+)?\]", text)
    assert numbers.marker(()) == ""


def _after(html: str, text: str) -> list[int]:
    """The source numbers of the marker right after ``text`` on the page."""
    start = html.index(text) + len(text)
    marker = re.match(r'\s*<span class="cite">\[(.*?)\]</span>', html[start:])
    assert marker, "a marker follows the statement"
    return [int(n) for n in re.findall(r'href="#source-(\d+)"', marker.group(1))]


def test_the_json_keeps_every_statement_source_and_adds_the_patient_ones() -> None:
    assessment = assessment_of("example:hip_arthroplasty_brooker_3")
    data = assessment.to_dict()["answers"]["treatment"]
    assert data["parts"][0] == {"length": len(assessment.answers["treatment"].answer),
                                "citations": list(assessment.answers["treatment"].parts[0].citations)}
    shown = {k for part in data["parts"] for k in part["citations"]}
    assert shown < set(data["citations"]), "the statement-level list stays, and it is longer"


def _cut(text: str, parts: list[dict[str, object]]) -> list[tuple[str, list[str]]]:
    """A client's rebuild of the statements from the JSON (explanation.schema.json, "parts")."""
    pieces, at = [], 0
    for part in parts:
        length = part["length"]
        assert isinstance(length, int)
        pieces.append((text[at:at + length], list(part["citations"])))  # type: ignore[call-overload]
        at += length + 1
    assert at == (len(text) + 1 if parts else len(text)), "the parts cover the whole text"
    return pieces


@pytest.mark.parametrize("report", REPORTS)
def test_a_client_rebuilds_every_statement_and_its_sources_from_the_json(report: str) -> None:
    """The parts give lengths, not the texts again: the texts are cut back out of answer,
    explanation and clinician_note, exactly, with the sources shown after each."""
    assessment = assessment_of(report)
    for question, data in assessment.to_dict()["answers"].items():
        answer = assessment.answers[question]
        patient = [(answer.answer, list(data["parts"][0]["citations"])), *_cut(data["explanation"], data["parts"][1:])]
        assert patient == [(p.text, list(p.citations)) for p in answer.parts]
        assert data["parts"][0]["length"] == len(data["answer"])
        clinician = _cut(data["clinician_note"], data["clinician_parts"])
        assert clinician == [(p.text, list(p.citations)) for p in answer.clinician_parts]


def test_statement_texts_count_alike_in_python_and_javascript() -> None:
    """A part's length is in code points; with no character outside the Basic Multilingual Plane in
    hoguide's own texts, it is also the length a browser's String counts."""
    for statement in KB.statements.values():
        for text in (statement.patient, statement.clinician or ""):
            assert all(ord(c) <= 0xFFFF for c in text), statement.id


def test_clinician_notes_number_their_inline_sources() -> None:
    assessment = assessment_of("example:hip_arthroplasty_brooker_3")
    text = render_text(assessment, clinician=True)
    assert "[CORR-Brooker2015]" not in text and "Orthovellum" not in text
    note = next(line for line in text.splitlines() if "Incidence after THA" in line)
    assert re.search(r"26–41% .*\[\d+, \d+\]", note)


def test_links_are_named_by_what_they_open() -> None:
    assert link_label("https://doi.org/10.1302/2058-5241.6.210002") == "Article (DOI 10.1302/2058-5241.6.210002)"
    assert link_label("https://pubmed.ncbi.nlm.nih.gov/24583537/") == "PubMed record 24583537"
    assert link_label("https://pmc.ncbi.nlm.nih.gov/articles/PMC4122684") == "Full text on PubMed Central"
    assert link_label("https://now.aapmr.org/heterotopic-ossifications/") == "Web page at now.aapmr.org"


def test_a_held_back_key_in_clinician_text_gets_no_number() -> None:
    assessment = explain("IMPRESSION: Brooker class I heterotopic ossification about the right hip.")
    numbers = SourceNumbers(assessment)
    pieces = numbers.inline("Grades I–II are minor [Orthovellum-THA-HO] [Kocic2010].", ("Orthovellum-THA-HO",))
    assert pieces[0][0] == "Grades I–II are minor" and [n for _, ns in pieces for n in ns] == [1]
    assert [s.key for s in numbers.listed()] == ["Kocic2010"]


def test_a_page_too_varied_to_search_still_gives_every_text_one_of_its_ways() -> None:
    """The exact search is bounded (page_sources.MAX_SEARCH); past the bound a greedy choice is taken,
    and it too gives every text all its own sources or one alternative."""
    claims = [claim(("A", "B"), None, {k: k for k in "AB"}),  # a text with no alternative: both of its own
              Claim(("C", "D"), (frozenset("CD"), frozenset("E"))), Claim(("F",), (frozenset("F"), frozenset("E"))),
              Claim(("G",), (frozenset("G"), frozenset("H"))), Claim(("I",), (frozenset("I"), frozenset("H")))]
    exact = smallest_covers(claims)
    greedy = smallest_covers(claims, limit=1)
    assert exact == [frozenset("ABEH")] and len(greedy) == 1
    assert frozenset("AB") <= greedy[0] and all(any(way <= greedy[0] for way in c.ways) for c in claims)


def test_a_page_lists_one_source_more_where_that_keeps_an_answer_within_four() -> None:
    """Five texts of one answer on five sources: the smallest page shows all five on the answer; one
    source more on the page (y, which supports two of them alone) brings the answer to four."""
    def ways(*keys: str) -> Claim:
        return Claim((keys[0],), tuple(frozenset((k,)) for k in keys))

    answer = (ways("a"), ways("b"), ways("c"), ways("d", "y"), ways("e", "y"))
    page, covers = _page((("treatment", answer),), (ways("d", "p"), ways("e", "q")))  # d and e back other texts
    assert page == frozenset("abcdey")
    assert dict(covers)["treatment"] == frozenset("abcy")


def test_an_answer_over_four_sources_leaves_out_background_and_the_clinician_keeps_it() -> None:
    """Round 9, 168 (a knee replacement on apixaban, a suspected clot): its treatment answer showed five sources, the
    fifth for "surgery to remove it may be an option"; that background is left out of the patient's answer (still
    in the statements' trace and the clinician's note). A page within the goals keeps it."""
    surgery = KB.statement("treatment.surgery")
    treatment = fictional("round9:168_tka_knee_letter_apixaban").answers["treatment"]
    assert _sources_per_answer_of(treatment) <= 4
    assert surgery.patient not in [p.text for p in treatment.parts]
    assert "treatment.surgery" in treatment.statements
    assert (surgery.clinician or surgery.patient) in [p.text for p in treatment.clinician_parts]
    kept = explain("Post-TBI: heterotopic ossification about the right hip, immature, Brooker II. Reduced "
                   "flexion.\n").answers["treatment"]
    assert surgery.patient in [p.text for p in kept.parts]


def _sources_per_answer_of(answer: Any) -> int:
    return len({k for keys in (answer.short_citations, *(p.citations for p in answer.parts)) for k in keys})


def _sources_per_answer(assessment: Assessment) -> list[int]:
    """Distinct sources shown on each answer: its one-sentence answer and its statements."""
    return [len({k for keys in (a.short_citations, *(p.citations for p in a.parts)) for k in keys})
             for a in assessment.answers.values()]


def test_a_patient_meets_few_sources() -> None:
    """Issue 16's goals, on the examples and the dev fictional reports (benchmarks/sources.py prints
    them per report): at most 12 sources listed on a page and 4 on an answer. Where a page or an answer
    says more texts than shared sources can back, it still shows each text's own (benchmarks/RESULTS.md,
    "Issue 16, fifth session"); the bounds below are those pages and answers as they stand, so a change
    that lists more fails here. Within the goals a page shows sources of the patient's own population before
    fewer sources (tests/render/test_populations.py): that cost the median page one source (9 to 10), which the
    twelfth session's sources that support a text alone won back (median page 9, median answer 2)."""
    pages = sorted(len(LISTED.findall(render_html(assessment_of(r)))) for r in REPORTS)
    answers = sorted(n for r in REPORTS for n in _sources_per_answer(assessment_of(r)))
    assert statistics.median(pages) <= 9 and pages[-1] <= 12, "pages over the goal of 12"
    assert answers[-1] <= 5 and sum(n > 4 for n in answers) <= 1, "answers over the goal of 4"
    assert statistics.median(answers) <= 2


@cache
def fictional(name: str) -> Assessment:
    """A fictional report of any half but the sealed one (``round4:83_...``), with its patient's answers."""
    half, ident = name.split(":", 1)
    assert half != "heldout", "the sealed half is never read by the tests"
    folder = CASES / half
    cases: list[dict[str, Any]] = yaml.safe_load((folder / "expectations.yaml").read_text(encoding="utf-8"))
    case = next(c for c in cases if c["id"] == ident)
    answers = json.loads((folder / case["answers"]).read_text(encoding="utf-8")) if case.get("answers") else None
    return explain((folder / case["report"]).read_text(encoding="utf-8"), answers)


def _every_fictional() -> list[str]:
    names = []
    for half in HALVES:
        cases = yaml.safe_load((CASES / half / "expectations.yaml").read_text(encoding="utf-8"))
        names += [f"{half}:{c['id']}" for c in cases]
    return names


@pytest.mark.parametrize("report", ["round8:159_elbow_ankylosis_ulnar", "round9:169_elbow_ankylosis_ulnar_pregnant"])
def test_a_fused_elbow_is_sourced_by_the_elbow_review_the_page_cites_anyway(report: str) -> None:
    """'HO like this does not go away by itself. It can stop the joint from moving' rests, for a fused elbow, on the
    elbow review the page cites anyway (Veltman 2014: elbows that stay stiff despite exercise and splints, fused ones
    too, move again once the bone is removed; ho_facts §9), not on a hip-replacement review: a source fewer
    (13 -> 12)."""
    assessment = fictional(report)
    growth = assessment.answers["growth"]
    assert growth.parts[growth.statements.index("growth.ankylosis")].citations == ("Veltman2014-elbow",)
    assert len(LISTED.findall(render_html(assessment))) <= 12


def test_surgery_after_a_brain_injury_is_sourced_by_the_survey_the_answer_cites_anyway() -> None:
    """'Surgery ... may be an option. There is no fixed waiting time' rests alone on the survey of 570 operations for
    HO after brain or cord damage (none of 181 removals in the first year came back; recurrence not linked to the
    delay: ho_facts §9), which the treatment answer of round 6's 124 cites anyway: four sources instead of five."""
    treatment = fictional("round6:124_tbi_hips_discharge_dvt_excluded").answers["treatment"]
    assert treatment.parts[treatment.statements.index("treatment.surgery")].citations == ("Genet2011-570",)
    assert _sources_per_answer(fictional("round6:124_tbi_hips_discharge_dvt_excluded"))[2] <= 4


@pytest.mark.parametrize("report", ["round4:83_sci_hip_knee_pressure_sore",
                                    "round6:118_sci_knee_ho_pressure_injury_discharge",
                                    "round7:134_sci_bilateral_hips_pressure_sore"])
def test_active_bone_is_sourced_by_the_review_the_growth_answer_cites_anyway(report: str) -> None:
    """'Signs the bone is still active, a raised alkaline phosphatase or a bright area on a bone scan' rests on
    Orzel 1985 and, alone, on Ghent 2002 (ho_facts §4: maturity judged by decreasing activity on serial bone
    scans and falling alkaline phosphatase). A growth answer after a cord injury that cites Ghent 2002 for HO
    still forming shows it for active bone too, and stays within four sources instead of five."""
    growth = fictional(report).answers["growth"]
    active = growth.parts[growth.statements.index("growth.active")]
    assert active.citations == ("Ghent2002-earlyexcision",)
    assert _sources_per_answer(fictional(report))[1] <= 4


def test_few_sources_on_every_fictional_half() -> None:
    """Issue 16's goals over every fictional half but the sealed one and the examples (benchmarks/sources.py
    without --half): 12 of 167 pages list 13-15 sources and 7 answers show 5 (benchmarks/RESULTS.md, "Issue 16:
    audit for closing"); the bounds are those as they stand, so a change that lists more fails here. A new round
    of reports counts at the same rate: at most 1 page in 13 over 12 sources, 1 answer in 90 over 4 (1 in 100 until
    round 12, whose finger crush and two-site blast amputee add two answers of five sources each: 12 of 1,105).
    Twelfth session (benchmarks/RESULTS.md, "Issue 16, twelfth session"): 14 of 239 pages over 12 (max 14) and 10 of
    1,195 answers over 4. Then the answers to the patient's own questions (content/answers_asked.yaml) added a source
    to three answers (the amputee's "running on a blade" to six; radiotherapy's safety with kidney disease and
    etidronate after transverse myelitis to five) and round 14 joined: 16 of 257 pages over 12 and 13 of 1,285 answers
    over 4, so at most 1 page in 16 and 1 answer in 95, six sources at most. Thirteenth session: a patient's question
    about anti-inflammatory tablets answered beside the report's own NSAID advice ("No tablet is known to take away
    bone that has already formed", Legosz 2019: round 15, 280) put four treatment answers at five: 18 of 1,375, so at
    most 1 answer in 75; with round 16 and a Hastings-Graham grade now said at the elbow it names (round 4, 84), 20 of
    280 pages list 13-14 sources, so at most 1 page in 14, and 21 of 1,465 answers show five, so at most 1 in 69.
    Round 17 and the answers to more of the patients' own questions (haemophilia, DISH, a biopsy, infection,
    radiation's safety with kidney disease) bring 22 of 298 pages over 12, at most 16 (round 17, 325: both hips after
    COVID intensive care, radiotherapy planned, stage 4 kidney disease), and 23 of 1,490 answers over 4: at most 1
    page in 13 and 1 answer in 64. Sixteenth session: the brain-injury review's recurrence figure is said only after a
    brain injury (six cord-injury, stroke and encephalitis pages one source shorter), and round 20 joined: 20 of 365
    pages over 12, so at most 1 page in 18; 24 of 1,825 answers over 4. Round 21 (seventeenth session) joined at the
    same bounds: 21 of 383 pages over 12, 26 of 1,915 answers over 4. Round 22 (eighteenth session: a brain-injury
    discharge summary with ten problems, a stroke, an acetabular fracture on a blood thinner after a stomach bleed)
    brings 24 of 401 pages over 12, so at most 1 page in 16; 27 of 2,005 answers over 4. Nineteenth session (helper
    issue16-sources): alternatives and single sources that say a whole text alone (ho_facts.md, kb-factcheck.md) bring
    21 of 401 pages over 12 (max 15) and 20 of 2,005 answers over 4 (max 6): at most 1 page in 19 and 1 answer in
    100. Then an answer leaves out a statement of background (answer_rules.yaml ``background``: surgery as an option,
    physiotherapy in general, "HO can come back", "HO is not cancer" ...) where that brings its page nearer the goals;
    with round 23 joined, 12 of 419 pages over 12 (max 15) and 3 of 2,095 answers over 4 (max 5): at most 1 page in
    32 and 1 answer in 500. Issue 16's goals (12 and 4) stay unmet; the bounds only stop silent growth."""
    reports = [fictional(name) for name in _every_fictional()] + [assessment_of(r) for r in REPORTS
                                                                  if r.startswith("example:")]
    pages = [len(LISTED.findall(render_html(a))) for a in reports]
    answers = [n for a in reports for n in _sources_per_answer(a)]
    assert statistics.median(pages) <= 9 and max(pages) <= 15 and sum(n > 12 for n in pages) <= len(pages) / 32
    assert max(answers) <= 5 and sum(n > 4 for n in answers) <= len(answers) / 500
