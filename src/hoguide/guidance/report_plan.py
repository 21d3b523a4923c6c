"""The report's own plan, quoted in its own words, with the plain meaning of each step it names.

A patient needs every part of a plan: its times, its conditions ("if it enlarges"), its referrals and
what must not be done ("no manipulation at this stage"). The lexicon knows the common steps
(guidance/next_steps.py), but a plan is open-ended, so each sentence of it is quoted whole and what the
lexicon knows is said beside it; a part it does not know is still shown, never dropped. In a numbered
item the plan starts at its first sentence that is one ("2. The bone narrows the cubital tunnel. Suggest
nerve studies.": the second), and runs to the item's end.

A sentence is part of the plan when it lies in a plan section ("Plan:", "Recommendations:"), holds a step
the report recommends or a treatment it proposes, or, outside the sections that describe what was found
or done, holds a proposal ("is planned") or an instruction ("avoid", "please", "at this stage"). The items
of a list that a plan sentence introduces ("Because of FOP, please:") are part of it too.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from hoguide.guidance.other_findings import items_elsewhere
from hoguide.guidance.outcomes import ONGOING, PLAN_CUE
from hoguide.guidance.view import PLAN_SECTION, CaseView
from hoguide.models.assessment import Evidence, ReportStatement
from hoguide.models.reading import Fact, Section
from hoguide.reading.corrections import ADDENDUM

DIRECTIVE = "directive"
STEP_PREFIXES = ("test_", "treat_", "follow_up", "refer_")  # lexicon/next_step.yaml: the steps themselves
NOT_DONE = "not_done"  # lexicon/next_step.yaml: "withdrawn", "never given"
CONTENT_WORD = re.compile(r"[a-z]{4,}")
# words of a withdrawal that name no step: "The impression above is corrected; the recommendation is withdrawn"
NOT_CONTENT = frozenset({"recommendation", "recommendations", "recommended", "recommend", "report", "impression",
                         "above", "this", "that", "these", "those", "with", "from", "which", "should", "must",
                         "been", "have", "will", "withdrawn", "abandoned", "longer", "there", "their", "were"})
LETTER_HEADING = "letter_heading"
# a meeting's update from a discipline that does not treat the HO ("SLT: progressing to soft diet, no change.",
# "Pharmacist (PN): renal function normal.": round 32, 584's MDT minutes quoted them as steps and as the growth's words)
OTHER_DISCIPLINE = re.compile(r"[ \t]*(?:[-*\u2022][ \t]*)?(?:SLT|SALT|Speech(?: and language)?(?: therapy)?|"
                              r"Pharmacist|Pharmacy|Psychology|Clin(?:ical)? Psych|Social work(?:er)?|"
                              r"Chaplain(?:cy)?)[ \t]*(?:\([^)\n]{0,20}\))?[ \t]*:", re.IGNORECASE)
REPORT_HEADING = "report_heading"  # "Name: ... Requested by: ...": the lines it opens are no plan
PURPOSE_NOT_HO = "purpose_not_ho"  # "repeat CT in 3 months to assess union": a scan whose purpose is not the HO
IMAGING_STEPS = frozenset({"follow_up_imaging", "test_xray", "test_ct", "test_mri", "test_bone_scan"})
ADVICE_WORDS = ("advis", "recommend")  # cue words that advise, where "no" or "not" makes them advice against
# Sections that say what was found, done or known before: a "should" or "planned" there is not this plan.
NOT_PLAN_SECTIONS = frozenset({
    "history", "history_of_present_illness", "past_medical_history", "past_surgical_history", "family_history",
    "social_history", "medications", "allergies", "comparison", "technique", "findings", "physical_examination",
    "hospital_course", "specimen", "gross_description", "microscopic_description", "consent",
})
ENUMERATOR = re.compile(r"(?:\d{1,2}|[a-h])[.)]\s+")  # "1. ", "2) ", "a. "
SHORT_LEAD_WORDS = 5  # a lead-in this short ("Call us if:") is quoted with its items
CONDITION_LEAD = re.compile(r"\b(?:if|when|whenever)\s*:\s*$", re.IGNORECASE)
# ... and so is one of what not to do ("Things to avoid" over "- Operations to cut the bone out.": round 30, 556 quoted
# the operation alone, as if planned)
AVOID_LEAD = re.compile(r"\b(?:avoid|do not|don't|never|not to)\b", re.IGNORECASE)
# a short line of what to avoid with no stop, right over a bullet, leads the bullets as a colon would ("Things to
# avoid"); a safety net's heading keeps a line of its own ("When to contact us sooner": round 24, 439)
HEADS_BULLETS = re.compile(r"[ \t]*\r?\n[ \t]*[-*\u2022][ \t]")
SHORT_TAIL_WORDS = 4  # a sentence this short after another of its item's ends that one ("Accept current function.")
BULLET = re.compile(r"[-*\u2022]\s+")  # "- Off-loading: NO sitting on the wound until surgery" (round 28, 513)
BLANK_LINE = re.compile(r"\n[ \t]*\n")
# a line in capitals, no stop, no number ("MEDICAL SUMMARY (EPICRISIS) AND RECOMMENDATION FOR FURTHER TREATMENT":
# round 30, 562)
OWN_HEADING = re.compile(r"[A-Z][A-Z&/ ,()-]{2,80}[A-Z)]")
# a note in brackets, whole: a translator's aside ("(translated from the hospital papers by his sister Ana - sorry for
# the english, I tried to keep it like the original)": round 30, 562), no step
ASIDE = re.compile(r"\([^()]*\)")
LOWER = re.compile(r"[a-z]")
MAX_LINES = 30  # a long discharge plan: the rest is in the report itself (15 cut 396's FOP birth plan: round 21)
MAX_CHARS = 400  # a quoted line ends at a word before this


@dataclass(frozen=True, slots=True)
class PlanLine:
    """One sentence of the plan: ``reading`` and the offsets of its words."""

    reading: int
    start: int
    end: int

    def holds(self, evidence: Evidence) -> bool:
        return evidence.reading == self.reading and self.start <= evidence.start < self.end


def plan_statements(view: CaseView, steps: dict[str, ReportStatement], safety_net: str = "") -> list[ReportStatement]:
    """The plan line by line, each with the statements of the steps first named on it; then any
    recommended step on no line shown, then the reassuring facts. A safety net's heading says what its list is for
    in our words too (``safety_net``: content ``next.safety_net_heading``), so the signs to act on are not read as one
    more line of the plan (round 31, 578: a discharge summary's "PLEASE RETURN / SEEK URGENT ADVICE ... IF:")."""
    recommended = {c: s for c, s in steps.items() if s.status == "recommendation"}
    lines = plan_lines(view, [e for s in recommended.values() for e in s.evidence])
    shown: list[ReportStatement] = []
    said: set[str] = set()
    elsewhere = [f.evidence for f in view.facts if f.item.kind == "next_step" and f.item.concept == PURPOSE_NOT_HO]
    section_starts = [[section.start for section in reading.sections] for reading in view.case.readings]
    for line in lines[:MAX_LINES]:
        named = [c for c, s in recommended.items() if c not in said and any(line.holds(e) for e in s.evidence)]
        said.update(named)
        if any(line.holds(e) for e in elsewhere):  # quoted with its own purpose: no "it shows how the HO changes"
            named = [c for c in named if c not in IMAGING_STEPS]
        text = view.case.readings[line.reading].text
        evidence = Evidence(line.start, line.end, text[line.start:line.end], line.reading)
        sections = view.case.readings[line.reading].sections
        heading = not named and bool(safety_net) and _heads_a_safety_net(
            text, sections, section_starts[line.reading], line.start, line.end)
        shown.append(ReportStatement(
            "recommendation", safety_net if heading else " ".join(recommended[c].text for c in named),
            _shared_details([recommended[c].details for c in named]), (evidence,),
            tuple(dict.fromkeys(k for c in named for k in recommended[c].citations)),
            tuple(dict.fromkeys(k for c in named for k in recommended[c].patient_citations))))
    left = [s for c, s in recommended.items() if c not in said]
    salutations = {e.reading: _salutation(view, e.reading) for s in left for e in s.evidence}
    shown += [s for s in left if not (s.evidence and all(e.end <= salutations[e.reading] for e in s.evidence))]
    return shown + [s for s in steps.values() if s.status != "recommendation"]


# an impression written again, whose steps replace the first one's ("REVISED IMPRESSION ... Please correlate clinically;
# follow-up radiograph at the planned 1-year review" below "IMPRESSION ... Orthopaedic review advised": round 32, 586,
# whose readers took the first one's step as superseded); one that only corrects a side keeps the first plan (347)
REWRITTEN = re.compile(r"\b(?:revised|amended|updated|corrected)\b", re.IGNORECASE)
IMPRESSION = "impression"  # section_rules.yaml
# ... and a plan that says it replaces the one before, with the conclusion that led to it ("A: L hip HO - start
# indomethacin ... P: 1. Indomethacin 25mg tds 2. Physio - aggressive PROM" above a registrar's "PLAN (replaces student
# plan):": round 33, 610 was told to follow the struck-out student plan)
REPLACES = re.compile(r"\breplac(?:es|ing)\b|\bsupersedes?\b", re.IGNORECASE)
REPLACED_BY_A_PLAN = frozenset({PLAN_SECTION, "assessment", IMPRESSION})  # section_rules.yaml


def rewritten_impressions(view: CaseView, reading: int) -> list[tuple[int, int]]:
    """The spans of a report's impressions that a later revised impression, with steps of its own, replaces; and of its
    plans and conclusions before a plan whose heading says it replaces them."""
    sections = view.case.readings[reading].sections
    text = view.case.readings[reading].text
    steps = [f.item.start for f in view.facts if f.reading == reading and f.item.kind == "next_step"
             and f.item.concept.startswith(STEP_PREFIXES)]
    again = next((s for s in sections if s.id == ADDENDUM and REWRITTEN.search(s.header)
                  and any(s.start <= start < s.end for start in steps)), None)
    spans = [(s.start, s.end) for s in sections if s.id == IMPRESSION and s.end <= again.start] if again else []
    replacing = next((s for s in sections if s.id == PLAN_SECTION
                      and REPLACES.search(text, text.rfind("\n", 0, s.start) + 1, s.start)), None)
    if replacing is not None:
        spans += [(s.start, s.end) for s in sections if s.id in REPLACED_BY_A_PLAN and s.end <= replacing.start]
    return spans


def _shared_details(details: list[tuple[str, ...]]) -> tuple[str, ...]:
    """The time or condition that every step of a line shares: in "repeat ultrasound in 4-6 weeks ...
    if the lesion enlarges, MRI" the condition is the MRI's alone, and the quote above says whose."""
    return tuple(d for d in details[0] if all(d in other for other in details[1:])) if details else ()


def plan_lines(view: CaseView, recommended: list[Evidence]) -> list[PlanLine]:
    """The lines of the plan in report order; ``recommended``: the words of the steps the report
    recommends (next_steps.py), whose lines are always part of it. Found once per view and words."""
    key = tuple(recommended)
    found: list[PlanLine] | None = view.plan_lines_found.get(key)
    if found is None:
        found = view.plan_lines_found[key] = []
        # a conclusion's item about a cancer is quoted whole for the care team to explain (items_elsewhere): found
        # once for every report
        cancer_items = [e for e, cancer in items_elsewhere(view) if cancer]
        for reading in range(len(view.case.readings)):
            found += _plan_of(view, reading, [e for e in recommended if e.reading == reading],
                              [(e.start, e.end) for e in cancer_items if e.reading == reading])
    return list(found)


def _plan_of(view: CaseView, reading: int, recommended: list[Evidence], cancer_spans: list[tuple[int, int]]
             ) -> list[PlanLine]:
    text = view.case.readings[reading].text
    sections = view.case.readings[reading].sections
    facts = [f.item for f in view.facts if f.reading == reading and f.item.kind == "next_step"]
    # "MDT: excision of the HO planned once the ulcer has healed", wherever the report says it
    proposals = [f.item.start for f in view.facts if f.reading == reading and f.item.kind == "treatment"
                 and view.proposed(f)]

    # "Suggest ultrasound." before an addendum written after the ultrasound: done, not a plan any more
    answered = {(f.item.start, f.item.concept) for f in view.facts
                if f.reading == reading and view.outcomes.answered_by_addendum(f)}
    withdrawn_from, withdrawn = _withdrawn(view, reading)
    rewritten = rewritten_impressions(view, reading)
    facts.sort(key=lambda f: f.start)
    starts = [f.start for f in facts]

    section_starts = [s.start for s in sections]
    # a recommended step or a proposed treatment makes its sentence a plan in any section
    anywhere = sorted([e.start for e in recommended] + proposals)

    def plans(start: int, end: int) -> bool:
        """Does this sentence say what should happen next?"""
        i = bisect_right(section_starts, end - 1) - 1  # the section that holds the sentence's last character
        section = sections[i].id if i >= 0 and end - 1 < sections[i].end else None
        words = facts[bisect_left(starts, start):bisect_left(starts, end)]
        steps = [f for f in words if f.concept.startswith(STEP_PREFIXES)]
        if steps and all((f.start, f.concept) in answered for f in steps):
            return False
        if end <= withdrawn_from and withdrawn & _content_words(text[start:end]):
            return False  # "core biopsy ... is recommended" above "ADDENDUM: THE BIOPSY RECOMMENDATION IS WITHDRAWN"
        if view.superseded(reading, start):
            return False  # the earlier of two pasted reports: the later one's plan speaks for now (round 24, 440)
        if any(a <= start < b or a < end <= b for a, b in rewritten):
            return False  # an impression a revised impression wrote again, with its own steps ("A: L hip HO - ...": its
            # heading opens the sentence)
        if any(a <= start < b for a, b in cancer_spans):
            return False  # "T10 lesion suspicious for metastasis. Recommend MRI whole spine": the cancer's (512)
        k = bisect_left(anywhere, start)
        # (a safety net's list is the report's own advice on when to come back: round 24, 439's "When to contact us
        # sooner" was nowhere on the page once it no longer raised warnings)
        return (section in (PLAN_SECTION, SAFETY_NET_SECTION, OPTIONS_SECTION)
                or (k < len(anywhere) and anywhere[k] < end)
                or _heads_a_safety_net(text, sections, section_starts, start, end)
                or (section not in NOT_PLAN_SECTIONS and any(
                    f.concept in (DIRECTIVE, ONGOING) or (f.concept == PLAN_CUE and (f.status != "absent" or _advice(f))
                                               and not _settled(view, reading, f, section))
                    for f in words)))

    headings = {f.start for f in facts if (f.concept == LETTER_HEADING and text[f.end:f.end + 1] != "-")
                or f.concept == REPORT_HEADING}
    # a form's header block run into one sentence ("Meeting date: ... Patient: ... Hosp no: ... Referred by: ... (urgent
    # suspected-cancer referral)": round 32, 591 quoted it as a step) holds the report's headings inside it
    report_headings = sorted(f.start for f in facts if f.concept == REPORT_HEADING)
    salutation = _salutation(view, reading)
    in_capitals = LOWER.search(text) is None  # an old dictation system's report, all in capitals
    lines: list[PlanLine] = []
    in_list = False  # inside the numbered items that a plan sentence ending in ":" introduced
    short_lead: int | None = None  # where a short lead-in of the items now being read starts
    for item in _items(text, view.sentences(reading).spans()):
        start, end = item[0][0], item[-1][1]
        # "Re: Mrs A." or "Dear Dr B" heads a letter; "Re-scan only if ..." is a step; a section's own heading line
        # ("PLAN (agreed with Dr Haddad, MFM, and Dr Amadi, FOP clinic)": round 21, 396) says nothing to do
        if start in headings or view.in_closing(reading, start) or _heading_only(text, sections, section_starts, start,
                                                                                 end) \
                or end <= salutation or _holds(report_headings, start, end) or OTHER_DISCIPLINE.match(text, start):
            in_list = False
            continue
        # (a bullet under a lead-in is one of its items too: "we will confirm with follow-up imaging that it matures as
        # expected:" over "- XR L femur AP/lat + MRI L thigh in 6 weeks": round 29, 542 quoted "follow-up imaging")
        numbered = bool(ENUMERATOR.match(text, start) or BULLET.match(text, start))
        # an introduced item is the plan whole; otherwise the plan starts at the item's first sentence
        # that is one ("2. The bone narrows the cubital tunnel. Suggest nerve studies.": the second)
        first = 0 if in_list and numbered else next((i for i, (a, b) in enumerate(item) if plans(a, b)), None)
        # "Because of FOP, please:" says nothing alone
        lead_in = text[start:end].endswith(":") or (
            len(item) == 1 and text[end - 1].isalnum() and len(text[start:end].split()) <= SHORT_LEAD_WORDS
            and HEADS_BULLETS.match(text, end) is not None and AVOID_LEAD.search(text, start, end) is not None)
        was_in_list = in_list
        in_list = (in_list and numbered) or (first is not None and lead_in)
        # a short condition's lead-in is quoted with its bullets, one line: "Call us if: - your elbow gets hot ... - the
        # pain gets much worse" (round 29, 537's Easy Read letter quoted "you feel hot and unwell" alone, as if a
        # finding); a heading's bullets ("ADVISED:") and numbered items keep a line each, with what each means
        if first is not None and lead_in and len(text[start:end].split()) <= SHORT_LEAD_WORDS \
                and (CONDITION_LEAD.search(text, start, end) or AVOID_LEAD.search(text, start, end)):
            short_lead = start
            continue
        if not (was_in_list and in_list):
            short_lead = None
        # a safety net's heading is quoted above its list though it ends in a colon: it says what the list is for
        # ("PLEASE RETURN / SEEK URGENT ADVICE (ward ..., 24h) IF:": round 31, 578's list read as plain statements)
        if first is not None and lead_in and _heads_a_safety_net(text, sections, section_starts, start, end):
            lines.append(PlanLine(reading, start, end))
            continue
        if short_lead is not None and first is not None and BULLET.match(text, start):
            if lines and lines[-1].start == short_lead:
                lines[-1] = PlanLine(reading, short_lead, end)
            else:
                lines.append(PlanLine(reading, short_lead, end))
            continue
        if first is not None and not lead_in:
            # (a signature on the item's next line is no part of it: "2. Review physio next week." over "S. Petrakis PT
            # (AHPRA ...)", round 19, 350)
            # (nor the referrer's questions: "? maturity, ? any further imaging needed, ? return to contact", round
            # 19, 364)
            lines += _with_short_tails(text, [
                PlanLine(reading, *_clipped(text, _after_heading(text, sections, section_starts, a, b), b))
                for a, b in item[first:]
                if not view.in_closing(reading, a) and not text[a:b].lstrip().startswith("?")
                and _says_something(text, a, b, in_capitals) and not COURTESY.match(text, a)])
    return lines


def _with_short_tails(text: str, item_lines: list[PlanLine]) -> list[PlanLine]:
    """An item's lines, a short sentence that ends an option joined to the line before it ("Non-operative: continue
    physiotherapy ..., walking stick. Accept current function.": round 28, 525 quoted "Accept current function." alone,
    as if it were the advice)."""
    joined: list[PlanLine] = []
    for line in item_lines:
        if joined and len(text[line.start:line.end].split()) <= SHORT_TAIL_WORDS \
                and line.end - joined[-1].start <= MAX_CHARS and "\n" not in text[joined[-1].end:line.start]:
            joined[-1] = PlanLine(line.reading, joined[-1].start, line.end)
        else:
            joined.append(line)
    return joined


def _salutation(view: CaseView, reading: int) -> int:
    """Where a letter's "Dear ..." starts (0 if none): the head above it (the unit's name, its consultant, its
    telephone) is no plan (round 21, 392 quoted "NORTHGATE REGIONAL LIMB FITTING & AMPUTEE REHABILITATION CENTRE
    Consultant in Rehabilitation Medicine" as a review by the rehabilitation team)."""
    text = view.case.readings[reading].text
    return min((f.item.start for f in view.facts if f.reading == reading and f.item.kind == "next_step"
                and f.item.concept == LETTER_HEADING and text[f.item.start:f.item.end].lower() == "dear"), default=0)


def _headed(text: str, sections: Sequence[Section], starts: Sequence[int], start: int, end: int) -> Section | None:
    """The section whose header the words start with, where they end before its body: only the first section whose
    body starts at or after ``end`` can be it (``starts``: the sections' starts, in order; a look at every section per
    line was quadratic on a report of many addenda)."""
    i = bisect_left(starts, end)
    return sections[i] if i < len(sections) and text[start:end].lstrip().lower().startswith(
        sections[i].header.lower()) else None


def _heading_only(text: str, sections: Sequence[Section], starts: Sequence[int], start: int, end: int) -> bool:
    """The words are a section's heading line and nothing more: they start with its header and end where its body
    starts. A safety net's heading is kept: it says what its list is for ("When to contact us sooner", then "- a
    swollen painful calf ...")."""
    section = _headed(text, sections, starts, start, end)
    return section is not None and section.id != SAFETY_NET_SECTION and not text[end:section.start].strip()


def _after_heading(text: str, sections: Sequence[Section], starts: Sequence[int], start: int, end: int) -> int:
    """Where a plan line's own words start: after a section heading its sentence runs on from ("COMMENT /
    RECOMMENDATION:" on its own line, then "Ossification within a repaired Achilles tendon ...": round 24, 448 quoted
    the heading with it)."""
    i = bisect_left(starts, start + 1)
    if i < len(sections) and sections[i].start < end \
            and text[start:sections[i].start].lstrip().lower().startswith(sections[i].header.lower()):
        body = sections[i].start
        words = body + len(text[body:end]) - len(text[body:end].lstrip())
        # (only a heading on its own line: "RECOMMENDATION: Clinical correlation." is quoted whole, as it reads)
        return words if "\n" in text[body:words] else start
    return start


def _heads_a_safety_net(text: str, sections: Sequence[Section], starts: Sequence[int], start: int, end: int) -> bool:
    """The words are a safety net's heading line ("CALL US OR GO TO EMERGENCY IF"), said with its list."""
    section = _headed(text, sections, starts, start, end)
    return section is not None and section.id == SAFETY_NET_SECTION


def _settled(view: CaseView, reading: int, cue: Fact, section: str | None) -> bool:
    """A proposal the sentence says was carried out ("planned for day 1 (given 21/10/2026)"), or, outside a plan
    or addendum, never carried out ("radiotherapy was planned but never given": history). In a plan or an
    addendum a withdrawal is news the patient needs: "THE BIOPSY RECOMMENDATION IS WITHDRAWN"."""
    outcome = view.outcomes.plan_outcome(reading, cue)
    return outcome == "given" or (outcome == "not_given" and section not in (PLAN_SECTION, ADDENDUM))


def _withdrawn(view: CaseView, reading: int) -> tuple[int, frozenset[str]]:
    """Where the first addendum starts and the words of what its sentences withdraw or cancel ("THE BIOPSY
    RECOMMENDATION IS WITHDRAWN": "biopsy"): a line above it that names one of them is no plan any more."""
    text = view.case.readings[reading].text
    addenda = [s for s in view.case.readings[reading].sections if s.id == ADDENDUM]
    if not addenda:
        return -1, frozenset()
    words: set[str] = set()
    for f in view.facts:
        if f.reading == reading and f.item.kind == "next_step" and f.item.concept == NOT_DONE \
                and f.item.start >= addenda[0].start:
            _, start, end = view.sentence_of(f)
            words |= _content_words(text[start:end])
    return text.rfind("\n", 0, addenda[0].start) + 1, frozenset(words)


def _content_words(sentence: str) -> set[str]:
    return {w for w in CONTENT_WORD.findall(sentence.lower()) if w not in NOT_CONTENT}


def _advice(cue: Fact) -> bool:
    """Advice not to do something is advice too ("No biopsy or surgical intervention is advised"); a finding
    that does not suggest something is no advice ("the zonal pattern does not suggest a sarcoma")."""
    return any(word in cue.text.lower() for word in ADVICE_WORDS)


def _items(text: str, spans: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """The sentences, without surrounding space, grouped by numbered item: in "3. Repeat radiographs in
    3 months. If flexion stays below 90 degrees, ..." both sentences are item 3 and share its fate."""
    items: list[list[tuple[int, int]]] = []
    for start, end in _at_line_items(text, spans):
        body = text[start:end]
        start, end = start + len(body) - len(body.lstrip()), start + len(body.rstrip())
        if start >= end:
            continue
        if items and text[items[-1][-1][1] - 1] == ";" and not BLANK_LINE.search(text, items[-1][-1][1], start):
            items[-1][-1] = (items[-1][-1][0], end)  # "avoid NSAIDs; please agree pain relief with ...": one line
            continue
        if items and ENUMERATOR.match(text, items[-1][0][0]) and not ENUMERATOR.match(text, start) \
                and not BLANK_LINE.search(text, items[-1][-1][1], start):
            items[-1].append((start, end))
        elif items and BULLET.match(text, items[-1][0][0]) and not BULLET.match(text, start) \
                and not ENUMERATOR.match(text, start) and _runs_on(text, items[-1][-1][1], start):
            # a bullet's next sentence on its line, or on the indented line it wraps to ("- Operations to cut the bone
            # out. In POH the bone usually grows back ...": round 30, 556 lost the bullets after it)
            items[-1].append((start, end))
        else:
            items.append([(start, end)])
    return items


# a list item's mark at a line's start: "a) Continue etidronate to complete 6 months.\nb) Add NSAID ..." is one sentence
# to the splitter (a small letter follows the stop), two items of a plan (round 30, 551 quoted its four options as one)
LINE_ITEM = re.compile(r"\n[ \t]*(?=(?:\d{1,2}|[a-h])[.)][ \t]|[-*\u2022][ \t])")


def _at_line_items(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentences, each cut where a list item starts a line inside it."""
    cut = []
    for start, end in spans:
        for item in LINE_ITEM.finditer(text, start, end):
            if item.end() > start:
                cut.append((start, item.end()))
                start = item.end()
        cut.append((start, end))
    return cut


def _runs_on(text: str, end: int, start: int) -> bool:
    """The sentence at ``start`` goes on the line of the one ending at ``end``, or on an indented line after it."""
    between = text[end:start]
    return "\n" not in between or (between.count("\n") == 1 and between.rsplit("\n", 1)[1][:1] in (" ", "\t"))


def _clipped(text: str, start: int, end: int) -> tuple[int, int]:
    """The words of a line: without its number ("1. "), at most MAX_CHARS long, ending at a word."""
    if number := ENUMERATOR.match(text, start) or BULLET.match(text, start):
        start = number.end()
    if end - start > MAX_CHARS:
        end = text.rfind(" ", start, start + MAX_CHARS)
    while end > start and text[end - 1] in "| \t\n":  # an HL7 field's separators after the words (round 21, 384)
        end -= 1
    return start, end


WORD = re.compile(r"[A-Za-z]{2,}")
# a letter's thanks opens it and asks nothing ("Thank you for asking me to see this pleasant 86 year old gentleman":
# round 22, 415 quoted it as a step); its facts are read, so it is no closing
COURTESY = re.compile(r"\s*(?:(?:thank you|thanks|many thanks)(?: very much)? for\b"
                      # (round 25, 456: "For questions we stay gladly at your disposal.")
                      r"|(?:for (?:any )?(?:further )?questions,? )?we (?:stay|remain|are) (?:gladly )?"
                      r"at your disposal)", re.IGNORECASE)


# a letter's sign-off: the writer's and the typist's initials, and the dictation's note ("RC/jt", "KAR / dictated not
# checked": round 30, 545 and 546 quoted them as steps)
SIGN_OFF = re.compile(r"[A-Z]{1,4}\s*/\s*[A-Za-z]{1,4}(?:\s*/\s*(?i:dictated|typed)\b.*)?"
                      r"|(?i:.*\bdictated (?:but |and )?not (?:checked|signed|read|proofread)\b.*)")


def _says_something(text: str, start: int, end: int, in_capitals: bool = False) -> bool:
    """At least two words: a pasted message's field codes ("A|||", "F NTE|", "L|") say nothing to do; nor, in a text
    not all in capitals (``in_capitals`` false), does a heading of its own in capitals ("PLAN / RECOMMENDATIONS FOR GP
    & COMMUNITY TEAM": round 25, 466 quoted it as a step)."""
    return len(WORD.findall(text, start, end)) >= 2 and (
        in_capitals or not OWN_HEADING.fullmatch(text[start:end].strip())) \
        and not SIGN_OFF.fullmatch(text[start:end].strip()) and not ASIDE.fullmatch(text[start:end].strip())


# A step of the plan that FOP forbids until it is ruled out: a biopsy, an operation, a shot into a muscle
FOP_HAZARD_STEP = re.compile(r"\b(?:biops\w*|tissue (?:sampling|diagnosis)|core needle|excis\w*|resect\w*|surgery|"
                             r"surgical|operat\w*|immunis\w*|immuniz\w*|vaccin\w*|injections?|intramuscular|IM)\b",
                             re.IGNORECASE)
FOP_CAUTION_ID = "next.fop_hazard_step"
SAFETY_NET_HEADING_ID = "next.safety_net_heading"  # content/next_steps.yaml
SAFETY_NET_SECTION = "safety_net"  # section_rules.yaml: "Call us or go to emergency if:", "When to contact us sooner"
OPTIONS_SECTION = "options"  # section_rules.yaml: "Options discussed:", each a choice the patient is to weigh
# a line that already forbids the hazard needs no "ask your team about this step before it is done" ("PLEASE DO NOT
# BIOPSY OR EXCISE these lesions", "Avoid intramuscular injections": round 24, 446)
FORBIDS_IT = re.compile(r"\b(?:do not|don't|dont|avoid|never|must not|should not|no (?:biops\w*|surgery|excision|"
                        r"injections?|intramuscular|IM)\b)", re.IGNORECASE)


def with_fop_cautions(plan: Sequence[ReportStatement], caution: str, refs: tuple[str, ...],
                      citations: tuple[str, ...]) -> list[ReportStatement]:
    """The plan's biopsies, operations and shots, each with FOP's caution beside it, where FOP is suspected: a letter
    that has not thought of FOP plans them as routine ("Ultrasound-guided core biopsy ... 15/12/2026", "Routine
    immunisations (MMR2) can go ahead as planned": round 22, 410, whose page said to follow the plan)."""
    return [_cautioned(s, caution, refs, citations)
            if s.status == "recommendation" and any(FOP_HAZARD_STEP.search(e.text) and not FORBIDS_IT.search(e.text)
                                                    for e in s.evidence) else s
            for s in plan]


def _cautioned(step: ReportStatement, caution: str, refs: tuple[str, ...],
               citations: tuple[str, ...]) -> ReportStatement:
    """The step with the caution in place of our words on it: a sarcoma team's "Ask your doctor when you will be seen"
    beside a biopsy FOP forbids pulls the other way (round 22, 410's third read)."""
    return ReportStatement(step.status, caution, step.details, step.evidence, (*step.citations, *citations), refs,
                           step.detail_citations)


def _holds(offsets: Sequence[int], start: int, end: int) -> bool:
    """Whether one of the sorted ``offsets`` lies in ``[start, end)``."""
    k = bisect_left(offsets, start)
    return k < len(offsets) and offsets[k] < end
