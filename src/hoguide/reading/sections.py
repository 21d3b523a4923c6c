"""Split a report into sections (history, comparison, findings, impression, gross …).

Header phrases come from ``section_rules.yaml`` and are found by the automaton; a phrase counts
as a header only where it is used as one (see ``_header_body_start``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from hoguide.knowledge.schema import SectionRule
from hoguide.models.fast_init import fast_init
from hoguide.models.reading import Section
from hoguide.reading.matcher import PhraseMatcher
from hoguide.reading.sentences import PARAGRAPH_BREAK, rule_lines

_LINE_START_SLACK = 8  # white-space characters a header may be indented by
_CONTENT = re.compile(r"\S")
# A heading of the letter's own, in capitals on a line after a blank line ("HO SUMMARY", "FUNCTION AT DISCHARGE"): no
# header the rules know, but it ends a past history or a list of medicines above it (``ends_at_own_heading``), whose
# body is not in capitals (round 25, 466 read the CT under "HO SUMMARY" as past history)
# ... or a short line in sentence case with no stop between a blank line and its paragraph ("Background" over the story,
# then "Results", "What this means", "Things to avoid", "Who will follow Isla": round 30, 556's genetics letter was all
# background, its plan with it)
_OWN_HEADING = re.compile(r"\n[ \t]*\r?\n[ \t]*(?:[A-Z][A-Z&/ -]{2,60}[A-Z][ \t]*(?=\r?\n)"
                          r"|[A-Z][a-z]+(?:[ \t][a-z]+){0,3}(?:[ \t][A-Z][a-z]+)?[ \t]*(?=\r?\n[ \t]*\S))")
_LOWER = re.compile(r"[a-z]")

# What may follow a header phrase: spaces or tabs, then a colon (group 1; the body starts after it),
# the end of the line or the end of the text. One match answers both tests and gives the body start.
# "IMPRESSION:", "FINDINGS" alone on its line, and a header dated or qualified before its colon:
# "ADDENDUM (08/10/2026):", "Addendum 08/10/2026:", "Impression (revised):", "ADDENDUM 08/10/2026 (Dr M. F):",
# "ADDENDUM 09/10/2026 (after ultrasound and limited CT of the right shoulder, same reporter):", and the same on
# a line of its own without the colon ("ADDENDUM 17/11/2026 (Dr C. Whitlock, Consultant Paediatric Radiologist)").
# Also a dash, a date and the rest of the line: "ADDENDUM - 24/11/2026 16:40 - Dr E. Castellano" (round 10, 201).
# A date may carry its time ("ADDENDUM 11/20/2026 14:36": round 17, 322's addendum was read as its impression).
# A header set off by stars or rules may close with them: "*** ADDENDUM 23/11/2026 09:15 ***" (round 19, 347's
# laterality correction was read as part of the impression).
# A header qualified after a comma, its colon ending the line: "Plan, discussed at length with Lowri:" (round 21, 387's
# planned excision was read as done), or after a slash: "Plan / d/w pt:" (round 29, 528's plan of excision, timing and
# prevention was read as findings; "Recommendations / advice to patient (discussed with pt and mother at time of
# scan):", round 31, 572), or with whom it was agreed: "Plan agreed with Mrs and Mr Ashworth:" (round 31, 579).
_DECOR = r"(?:[*=#]{2,}[ \t]*)?"
# A heading in capitals may name who it is for: "PLAN / RECOMMENDATIONS FOR GP & COMMUNITY TEAM" (round 25, 466), or
# another heading's name after a slash ("MDT OUTCOME / PLAN"; not "SOFT TISSUES / HETEROTOPIC OSSIFICATION", a
# tick-box form's group of boxes).
_HEADER_END = re.compile(r"[ \t]*+(?:FOR (?:THE )?(?:GPS?|COMMUNITY|PATIENT|FAMILY|CARERS?|WARD|TEAM|NURS\w*)\b"
                         r"[A-Z&/ ,-]{0,50}(?=[\r\n]|\Z)|(?:(?:\([^()\r\n]{1,100}\)|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}"
                         r"(?:[ \t]+\d{1,2}:\d{2}h?)?)[ \t]*){1,2}"
                         r"(?=" + _DECOR + r"(?::|[\r\n]|\Z))"
                         # ... or a dash, the study and its date: "LATEST IMAGING - XR 23/11/2026" (round 26, 480)
                         r"|[-\u2013\u2014][ \t]*(?:[A-Z]{1,4}[ \t]+)?"
                         r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}"
                         r"[^\r\n]{0,80}(?=[\r\n]|\Z)|[,/][ \t][^\r\n.:;]{1,100}(?=:[ \t]*(?:[\r\n]|\Z))"
                         # ... or who agreed it: "Plan agreed with Mrs and Mr Ashworth:" (round 31, 579)
                         r"|(?:agreed|discussed|made)[ \t]with[ \t][^\r\n.:;]{1,60}(?=:[ \t]*(?:[\r\n]|\Z))"
                         # ... or a capitals heading's second name after a slash: "MDT OUTCOME / PLAN" (round 32, 591)
                         r"|[ \t]?/[ \t]?(?:PLAN|RECOMMENDATIONS?|ACTIONS?|OUTCOMES?|DECISIONS?|ADVICE|NEXT STEPS|"
                         r"SUMMARY|CONCLUSIONS?|IMPRESSION)(?=[ \t]*(?:[\r\n]|\Z)))?"
                         + _DECOR
                         + r"(?:(:)|(?=[\r\n])|\Z)")


@fast_init
@dataclass(frozen=True, slots=True)
class SectionIndex:
    """Sections of one report, with a fast lookup from an offset to its section."""

    sections: tuple[Section, ...]
    header_spans: tuple[tuple[int, int], ...]  # (header start, body start) of each section
    _starts: tuple[int, ...]

    def at(self, offset: int) -> Section | None:
        i = bisect_right(self._starts, offset) - 1
        # a section that ends at a blank line leaves the text after it under no header
        return self.sections[i] if i >= 0 and offset <= self.sections[i].end else None

    def id_at(self, offset: int) -> str | None:
        """The id of the section that holds ``offset``, if any."""
        section = self.at(offset)
        return section.id if section is not None else None


class Sectionizer:
    """Finds section headers. The reader passes the header hits of its one automaton pass; used
    on its own, the sectionizer runs a small automaton of its own over the headers."""

    def __init__(self, rules: Sequence[SectionRule]) -> None:
        self.rules = {rule.id: rule for rule in rules}
        self._end_at_blank_line = frozenset(rule.id for rule in rules if rule.ends_at_blank_line)
        self._end_at_heading = frozenset(rule.id for rule in rules if rule.ends_at_own_heading)
        self._field_values = {rule.id: _field_value_pattern(rule.field_when_value_is)
                              for rule in rules if rule.field_when_value_is}
        self._matcher: PhraseMatcher[str] = PhraseMatcher(
            (header, "section", rule.id, False) for rule in rules for header in rule.headers
        )

    def split(self, text: str, header_hits: Sequence[tuple[int, int, str]] | None = None) -> SectionIndex:
        """Sections of ``text``; ``header_hits`` are (start, end, section id) of known header phrases."""
        if header_hits is None:
            header_hits = [(h.start, h.end, h.payload) for h in self._matcher.find(text)]
        starts: list[int] = []
        bodies: list[int] = []
        ids: list[str] = []
        headers: list[str] = []
        for start, end, section_id in header_hits:
            body = _header_body_start(text, start, end)
            field_value = self._field_values.get(section_id)
            if body is not None and not (field_value is not None and field_value.match(text, body)):
                starts.append(start)
                bodies.append(body)
                ids.append(section_id)
                headers.append(text[start:end])
        # A section runs to the next header, the last one to the end of the text; map() stops with
        # the shortest list, so no headers give no sections.
        stops = starts[1:]
        stops.append(len(text))
        # a rule line ends a section: the next entry of a notes thread ("-----\n03/12/2026 MEDICAL (Dr X)\n-----")
        # is no part of the physiotherapist's "P:" above it (round 22, 416 quoted the doctor's examination as plan)
        # A rule right under the header, before any of its text, only sets the header off ("ADDENDUM - 26/11/2026\n
        # =====\nThis addendum corrects ...": round 32, 586's addendum was read as an empty section)
        for i in range(len(bodies)):
            rules = [r for r in rule_lines(text, bodies[i], stops[i]) if text[bodies[i]:r.start()].strip()]
            if rules:
                stops[i] = rules[0].start()
        resumed: list[tuple[int, Section]] = []  # a section a bullet's heading interrupted, going on after the bullet
        for i, section_id in enumerate(ids):
            # a bullet's own heading heads that bullet only ("- Impression: early active neurogenic HO L hip most
            # likely." over "- Three-phase bone scan booked", then "Physio (AL):": round 32, 584's MDT minutes read the
            # physiotherapist's and the other speakers' lines as the conclusion and the plan); the section it sits in
            # goes on after it ("Plan:" over "- HO prophylaxis: ..." and "- Post-op: CPM ...", round 27, 501)
            if _BULLETED.search(text, max(0, starts[i] - _LINE_START_SLACK), starts[i]):
                item_end = _item_end(text, bodies[i], stops[i])
                after = _content_start(text, item_end, stops[i])  # (nothing but a line break: no section)
                if after < stops[i] and i > 0 and stops[i - 1] == starts[i]:
                    resumed.append((after, Section(ids[i - 1], headers[i - 1], after, stops[i])))
                stops[i] = min(stops[i], item_end)
            if section_id in self._end_at_blank_line:
                blank = PARAGRAPH_BREAK.search(text, _content_start(text, bodies[i], stops[i]), stops[i])
                if blank is not None:
                    stops[i] = blank.start()
            if section_id in self._end_at_heading:
                heading = _OWN_HEADING.search(text, bodies[i], stops[i])
                if heading is not None and _LOWER.search(text, bodies[i], heading.start()):
                    stops[i] = heading.start()
        placed = sorted([*zip(starts, map(Section, ids, headers, bodies, stops), strict=True), *resumed],
                        key=lambda pair: pair[0])
        return SectionIndex(tuple(section for _, section in placed), tuple(zip(starts, bodies, strict=True)),
                            tuple(start for start, _ in placed))


def _field_value_pattern(values: Sequence[str]) -> re.Pattern[str]:
    """A heading's value on its own line that is only one of ``values``, perhaps with a reason in brackets."""
    alternatives = "|".join(re.escape(value) for value in sorted(values, key=len, reverse=True))
    return re.compile(r"[ \t]*(?:" + alternatives + r")[ \t]*(?:\([^()\r\n]*\))?[ \t.;]*(?:\r?\n|\Z)", re.IGNORECASE)


def _header_body_start(text: str, start: int, end: int) -> int | None:
    """Where the body starts if the phrase at ``text[start:end]`` is used as a header, else None.

    A header starts its line and ends with a colon ("IMPRESSION:") or with the line ("FINDINGS");
    in reports run together on one line, an upper-case header with a colon may follow a sentence
    end ("... hip. IMPRESSION: ...").
    """
    tail = _HEADER_END.match(text, end)
    if tail is None:  # the common case: a header word used in a sentence ("history of")
        return None
    if _starts_line(text, start):
        # a wrapped line's words, not a heading: "Great toes normal, no previous swellings, no\nfamily history: no
        # features of FOP" (round 26, 480 read the rest of its letter as a family's history)
        if _CONTINUED.search(text, max(0, start - _CONTINUED_REACH), start) and not text[start:end].isupper():
            return None
        return tail.end()
    if tail[1] and _follows_sentence(text, start) and text[start:end].isupper():
        return tail.end()
    # a numbered heading in capitals ("6. HISTORY OF THE INDEX EVENT AND TREATMENT": round 26, 475, a medico-legal one)
    if text[start:end].isupper() and _NUMBERED.search(text, max(0, start - _LINE_START_SLACK), start):
        return tail.end()
    # a numbered heading alone on its line with its colon ("4. Assessment corrected:" over a registrar's corrections:
    # round 33, 610), not a numbered item that goes on after its colon ("2. PMHx: pt has NO hx of THR")
    if tail[1] and _NUMBERED.search(text, max(0, start - _LINE_START_SLACK), start) and _REST_OF_LINE_BLANK.match(
            text, tail.end()):
        return tail.end()
    # a bullet's heading with its colon ("- Return precautions: numbness/tingling in hand, ... fever or spreading
    # redness": round 30, 557 raised a nerve and an infection warning for today from it)
    if tail[1] and _BULLETED.search(text, max(0, start - _LINE_START_SLACK), start):
        return tail.end()
    return None


# a line that ends on a word that cannot end a sentence, the next line going on with it
_CONTINUED = re.compile(r"\b(?:no|not|of|with|and|or|the|a|an|any|to|for|in|on|by|from|without)[ \t]*\r?\n[ \t]*$",
                        re.IGNORECASE)
_CONTINUED_REACH = 20
_NUMBERED = re.compile(r"(?:^|\n)[ \t]*\d{1,2}[.)][ \t]+$")
_BULLETED = re.compile(r"(?:^|\n)[ \t]*[-*\u2022][ \t]+$")
_REST_OF_LINE_BLANK = re.compile(r"[ \t]*(?:\r?\n|\Z)")


def _item_end(text: str, start: int, stop: int) -> int:
    """Where the list item that starts before ``start`` ends: at the first line that is not its wrapped text (a new
    item, a blank line, or a line flush left)."""
    found = _ITEM_BREAK.search(text, start, stop)
    return found.start() if found is not None else stop


_ITEM_BREAK = re.compile(r"\n(?![ \t]+[^\s\-*\u2022])")  # a line break not followed by an indented continuation


def _content_start(text: str, start: int, stop: int) -> int:
    """The first character after ``start`` that is not white space (a heading's blank line is no list's end)."""
    found = _CONTENT.search(text, start, stop)
    return found.start() if found is not None else stop


def _starts_line(text: str, start: int) -> bool:
    """Whether only white space, at most ``_LINE_START_SLACK`` characters of it, stands between
    the start of the line (after a "\\n", or the start of the text) and ``start``."""
    if start == 0 or text[start - 1] == "\n":  # most headers: checked first, no slicing
        return True
    newline = text.rfind("\n", max(0, start - _LINE_START_SLACK - 1), start)
    if newline == -1 and start > _LINE_START_SLACK:
        return False
    # not empty: text[start - 1] is not "\n"; stars or rules before a header set it off ("*** ADDENDUM ***")
    return not text[newline + 1 : start].strip(" \t*=#")


def _follows_sentence(text: str, start: int) -> bool:
    """Whether ``start`` follows a sentence end and one or two spaces ("hip. IMPRESSION")."""
    before = text[max(0, start - 3) : start]
    stripped = before.rstrip(" ")
    return stripped != before and stripped[-1:] in (".", "!", "?")
