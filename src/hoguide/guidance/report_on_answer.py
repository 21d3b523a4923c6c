"""The report's own words, quoted in the answer they speak to.

The plan is listed whole under "What your report suggests next", but a patient reads the answer to "Is there a risk it
could come back if removed?" for what their surgeon plans against it: round 29's reviewers graded answers "partly"
that were true but general while the report's own words on the question ("Prevention after excision: short course
indomethacin (3/52) OR single dose radiotherapy", "Aim = improved, not normal, rotation") stood lower down. So each
line of the plan is quoted again in the one answer its words are of (content/answer_rules.yaml ``plan_words``: the
first question, in the file's order, that the line has a word of), at most ``MAX_LINES`` an answer, in the plan's
order; and the cause answer quotes the report's own sentence on the cause (``cause_lines``). A line is quoted, never
reworded: nothing is said that the report does not say.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from hoguide.guidance.other_findings import other_findings
from hoguide.guidance.red_flags import HO_DESCRIBED, HO_NAMED
from hoguide.guidance.report_plan import (
    BULLET,
    ENUMERATOR,
    FOP_HAZARD_STEP,
    FORBIDS_IT,
    PURPOSE_NOT_HO,
    PlanLine,
    plan_lines,
)
from hoguide.guidance.view import CONCLUDING_SECTIONS, CaseView
from hoguide.knowledge.loader import KnowledgeBase
from hoguide.models.assessment import Evidence, QuestionId, ReportStatement
from hoguide.reading.phrases import any_phrase

MAX_LINES = 3  # an answer's quotes: 528's plan held three lines on the HO coming back
MAX_QUOTE = 240  # characters: a longer line is cut at a word, with "..."
PLAN_HEADING = re.compile(r"^(?:plan|p|recommendations?|rec|management)\s*:\s*", re.IGNORECASE)  # said by our lead
# ... and a conclusion's heading its first sentence runs on from ("OPINION: The heterotopic ossification is mature ...")
CONCLUSION_HEADING = re.compile(r"^(?:opinion|impression|assessment|conclusions?|summary|comments?|diagnosis|"
                                r"discussion)\s*:\s*", re.IGNORECASE)
# a safety net's line says when to call, not what is planned ("Call the unit the same day if the wound enlarges":
# round 4, 83 was quoted on the HO growing); it stands in the plan's list and beside the warning signs
SAFETY_NET_LINE = re.compile(r"(?:[-*\u2022]\s*)?(?:please\s+)?(?:call|contact|ring|phone|telephone|seek|attend|"
                             r"return|come back|go to|get help|if you)\b", re.IGNORECASE)


def plan_on_answers(view: CaseView, steps: dict[str, ReportStatement], kb: KnowledgeBase, *,
                    fop_suspected: bool, look_alike: bool = False) -> dict[QuestionId, tuple[Evidence, ...]]:
    """Each answer's lines of the report's plan (``steps``: next_steps.py's statements, whose recommended ones make the
    plan's lines as report_plan.plan_statements finds them). Where FOP is suspected, a line that plans a biopsy, an
    operation or a shot is left to the plan's list, where its caution stands beside it. A report with no HO plans for
    something else, and its lines are quoted only where it names the look-alike it found instead (``look_alike``: the
    answers then ask the team about that, round 31, 575's "Deposits often regress with sustained phosphate control")."""
    if view.overall_status not in HO_DESCRIBED and not look_alike:
        return {}
    patterns = [(question, pattern) for question, words in kb.plan_words.items()
                if (pattern := any_phrase(words)) is not None]
    found: dict[QuestionId, list[Evidence]] = {}
    recommended = [e for s in steps.values() if s.status == "recommendation" for e in s.evidence]
    elsewhere = _Spans([e for _, e in other_findings(view)]
                       + [f.evidence for f in view.facts if f.item.kind == "next_step"
                          and f.item.concept == PURPOSE_NOT_HO])
    for line in plan_lines(view, recommended):
        text = view.case.readings[line.reading].text[line.start:line.end]
        # (a conclusion's item about something other than the HO: "Recommend urology review re: obstructing calculus",
        # round 10, 185; or a purpose that is not the HO's: "repeat CT to assess union")
        if (fop_suspected and FOP_HAZARD_STEP.search(text) and not FORBIDS_IT.search(text)) \
                or SAFETY_NET_LINE.match(text) or elsewhere.meets(line):
            continue
        question = next((q for q, pattern in patterns if pattern.search(text)), None)
        if question is not None and len(lines := found.setdefault(question, [])) < MAX_LINES:
            lines.append(Evidence(line.start, line.end, _clipped(text), line.reading))
    return {question: tuple(lines) for question, lines in found.items()}


# the report's own words on what caused the HO, said after the HO is named ("..., a sequela of the 2024 MCL injury";
# "It is not caused by the infection": round 29, 531 and round 30, 547's reviewers found the cause answer general)
CAUSE_WORDS = re.compile(r"\b(?:caused\s+by|due\s+to|secondary\s+to|related\s+to|result\s+of|sequelae?\s+of|"
                         r"consequence\s+of|attributable\s+to|attributed\s+to|because\s+of|following|effect\s+of)\b",
                         re.IGNORECASE)
# ... a cause it names after them (a cause of the lexicon: not "signal following fat", "closely related to the skin",
# "a neuropathy due to the HO"), or a cause it denies ("not caused by the infection")
DENIED_CAUSE = re.compile(r"\bnot\s+(?:caused\s+by|due\s+to|related\s+to|a\s+result\s+of|from)\b", re.IGNORECASE)
# a sentence that goes on about the HO the sentence before it named ("It is not caused by the infection")
GOES_ON_ABOUT_IT = re.compile(r"\s*(?:it|this|these|the (?:extra |new |heterotopic )?bone)\b", re.IGNORECASE)
STORY_SECTIONS = frozenset({"history", "history_of_present_illness", "past_medical_history", "past_surgical_history",
                            "family_history", "social_history", "medications", "allergies", "comparison", "technique",
                            "grading_key", "keywords", "plan", "safety_net", "options", "consent"})
CAUSE_LINES = 1  # the answer's first line on the cause: the conclusion's, where it has one


def cause_lines(view: CaseView) -> tuple[Evidence, ...]:
    """The report's sentence on what caused the HO: one that names the HO (or goes on about it from the sentence
    before) and then says what it followed or was not caused by; a conclusion's before the body's, never the story's
    or the plan's. Where the report finds no HO, none."""
    if view.overall_status not in HO_DESCRIBED:
        return ()
    found: list[tuple[bool, Evidence]] = []
    causes_in: dict[int, list[int]] = {}  # report -> where the causes it names start, in order
    for f in view.facts:
        if f.item.kind == "cause" and f.item.experiencer == "patient":
            causes_in.setdefault(f.reading, []).append(f.item.start)
    for reading, text, sentences in _sentences(view):
        causes = sorted(causes_in.get(reading, []))
        previous_names_ho = False
        for start, end, section in sentences:
            named = HO_NAMED.search(text, start, end)
            cause = CAUSE_WORDS.search(text, start, end)
            if cause is not None and not (bisect_right(causes, end - 1) > bisect_right(causes, cause.end() - 1)):
                cause = None  # no cause named after the words
            cause = cause or DENIED_CAUSE.search(text, start, end)
            ho_first = named is not None and cause is not None and named.start() < cause.start()
            goes_on = previous_names_ho and cause is not None and GOES_ON_ABOUT_IT.match(text, start) is not None
            if (ho_first or goes_on) and section not in STORY_SECTIONS and not view.superseded(reading, start) \
                    and not text[start:end].rstrip().endswith("?"):
                found.append((section in CONCLUDING_SECTIONS, Evidence(start, end, _clipped(text[start:end]), reading)))
            previous_names_ho = named is not None
    found.sort(key=lambda pair: not pair[0])  # (a stable sort: the report's order among equals)
    return tuple(evidence for _, evidence in found[:CAUSE_LINES])


def _sentences(view: CaseView) -> Iterator[tuple[int, str, Iterator[tuple[int, int, str | None]]]]:
    """Each report with its text and its sentences, each with the section of its last character (a heading opens a
    sentence's first)."""
    for reading, case_reading in enumerate(view.case.readings):
        yield reading, case_reading.text, _with_sections(view, reading)


def _with_sections(view: CaseView, reading: int) -> Iterator[tuple[int, int, str | None]]:
    sections = sorted(view.case.readings[reading].sections, key=lambda section: section.start)
    starts = [s.start for s in sections]
    for start, end in view.sentences(reading).spans():
        at = bisect_right(starts, end - 1) - 1
        yield start, end, sections[at].id if at >= 0 and end - 1 < sections[at].end else None


class _Spans:
    """Spans of the reports, asked whether any meets a line: sorted once, each question a bisection (a long report's
    plan lines and its many scans for other purposes would be a product otherwise)."""

    def __init__(self, spans: list[Evidence]) -> None:
        spans = sorted(spans, key=lambda e: (e.reading, e.start))
        self.starts = [(e.reading, e.start) for e in spans]
        self.reach: list[tuple[int, int]] = []  # the furthest end of the spans so far, in the same report
        for e in spans:
            last = self.reach[-1] if self.reach else (-1, -1)
            self.reach.append((e.reading, max(e.end, last[1]) if last[0] == e.reading else e.end))

    def meets(self, line: PlanLine) -> bool:
        i = bisect_left(self.starts, (line.reading, line.end)) - 1
        return i >= 0 and self.reach[i][0] == line.reading and self.reach[i][1] > line.start


# what the report puts the patient's symptoms down to, when it is not the HO ("The soreness on the outside of the hip
# ... That is usually the tendons and the bursa settling down, not the extra bone": round 30, 554; "Catching more likely
# soft tissue (iliopsoas) or the healing labrum": 560): the growth answer's "or cause symptoms"
SYMPTOM_WORDS = re.compile(r"\b(?:pain|painful|sore|soreness|ache|aching|catching|clicking|locking|stiffness|stiff|"
                           r"swelling|clunking)\b", re.IGNORECASE)
ELSEWHERE_FROM = re.compile(r"\bnot (?:the|from the|due to the|caused by the) (?:extra |new )?(?:bone|HO)\b|"
                            r"\bmore likely\b|\bis usually (?:the|from)\b|\brather than the (?:bone|HO)\b|"
                            r"\bunlikely to (?:be|explain|account)\b", re.IGNORECASE)
SYMPTOM_LINES = 2


def symptom_lines(view: CaseView) -> tuple[Evidence, ...]:
    """The report's sentences that put the symptoms down to something other than the HO: one that names a symptom and
    another explanation, or one that gives the explanation of the symptom the sentence before it names ("That is
    usually the tendons ..."); never the story's or the plan's. Where the report finds no HO, none."""
    if view.overall_status not in HO_DESCRIBED:
        return ()
    found: list[Evidence] = []
    for reading, text, sentences in _sentences(view):
        previous: tuple[int, int] | None = None  # the sentence before, where it names a symptom
        for start, end, section in sentences:
            symptom = SYMPTOM_WORDS.search(text, start, end) is not None
            if section not in STORY_SECTIONS and ELSEWHERE_FROM.search(text, start, end) \
                    and not view.superseded(reading, start):
                if symptom:
                    found.append(Evidence(start, end, _clipped(text[start:end]), reading))
                elif previous is not None and THAT_IS.match(text, start) is not None:
                    found.append(Evidence(previous[0], end, _clipped(text[previous[0]:end]), reading))
            previous = (start, end) if symptom else None
            if len(found) >= SYMPTOM_LINES:
                return tuple(found)
    return tuple(found)


THAT_IS = re.compile(r"\s*(?:that|this|which)(?:'s|\s+is)\b", re.IGNORECASE)  # "That is usually the tendons ..."


# the report's own word on how things will go (round 32, 581's reviewers graded "Mature HO has usually stopped growing"
# and a general word on the hip partly where the expert's opinion said "I do not expect it to enlarge further" and
# "Without surgery, his present restriction and symptoms are likely to be permanent"): an expectation, then within a
# few words what it is of. The growth answer's is of the HO the sentence names (or goes on about); the recovery
# answer's, of movement, function or a return to work, in a conclusion.
EXPECTS = r"\b(?:expect(?:s|ed)?|anticipated?|(?:un)?likely(?!\s+(?:pathogenic|benign)\b))\b\W+(?:\w+\W+){0,6}?"
GROWTH_OUTLOOK = re.compile(EXPECTS + r"(?:enlarg\w*|grow\w*|progress\w*|increase\w*|matur\w*|settle\w*|"
                            r"stabili[sz]\w*|regress\w*|shrink\w*|get\s+bigger)\b", re.IGNORECASE)
RECOVERY_OUTLOOK = re.compile(EXPECTS + r"(?:permanent\w*|restor\w*|regain\w*|improve\w*|movement|motion|function\w*|"
                              r"return\w*|walk\w*|independen\w*|mobility)\b", re.IGNORECASE)
OUTLOOK_LINES = 1  # an answer's: the conclusion's, where it has one
# ... a treatment's outlook is the treatment answer's ("tablets ... are unlikely to shrink bone that is already there")
TREATMENT_WORDS = re.compile(r"\b(?:tablets?|medicines?|medication|NSAIDs?|anti-inflammator\w*|indomethacin|"
                             r"radiotherapy|radiation|excision|surgery|operation|physio\w*|therapy)\b", re.IGNORECASE)


def outlook_lines(view: CaseView) -> dict[QuestionId, tuple[Evidence, ...]]:
    """The report's sentences on how the HO will go (growth) and what it means for movement and function (recovery),
    never the story's or the plan's (the plan is quoted line by line already), nor a question. Where the report finds
    no HO, none."""
    if view.overall_status not in HO_DESCRIBED:
        return {}
    found: dict[QuestionId, list[tuple[bool, Evidence]]] = {}
    for reading, text, sentences in _sentences(view):
        previous_names_ho = False
        for start, end, section in sentences:
            named = HO_NAMED.search(text, start, end) is not None
            if section not in STORY_SECTIONS and not view.superseded(reading, start) \
                    and not text[start:end].rstrip().endswith("?"):
                concluding = section in CONCLUDING_SECTIONS
                about_ho = named or (previous_names_ho and GOES_ON_ABOUT_IT.match(text, start) is not None)
                checks: tuple[tuple[QuestionId, re.Pattern[str], bool], ...] = (
                    ("growth", GROWTH_OUTLOOK, about_ho and not TREATMENT_WORDS.search(text, start, end)),
                    ("recovery", RECOVERY_OUTLOOK, concluding))
                for question, pattern, wanted in checks:
                    if wanted and pattern.search(text, start, end):
                        found.setdefault(question, []).append(
                            (concluding, Evidence(start, end, _clipped(text[start:end]), reading)))
            previous_names_ho = named
    chosen: dict[QuestionId, tuple[Evidence, ...]] = {}
    for question, lines in found.items():
        lines.sort(key=lambda pair: not pair[0])  # (a stable sort: the report's order among equals)
        chosen[question] = tuple(evidence for _, evidence in lines[:OUTLOOK_LINES])
    return chosen


def _clipped(text: str) -> str:
    """The line on one line, without a plan's or a conclusion's heading it runs on from ("Plan: Repeat X-ray ...") or
    its item's number, at most ``MAX_QUOTE`` long."""
    said = CONCLUSION_HEADING.sub("", PLAN_HEADING.sub("", " ".join(text.split()), count=1), count=1)
    if item := ENUMERATOR.match(said) or BULLET.match(said):  # "2. Ossification at ...": the item's words
        said = said[item.end():]
    return said if len(said) <= MAX_QUOTE else said[:MAX_QUOTE].rsplit(" ", 1)[0] + " ..."
