"""What the text names near a mention: the sites of the sentence before or of the exam title, a header's
colon just before a sentence, the sentence before in the same section. Helpers of the reader.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from functools import lru_cache

from hoguide.models.reading import Section
from hoguide.reading.attributes import NOT_A_SIDE, gap_end
from hoguide.reading.context import words_between
from hoguide.reading.layers import ATTRIBUTES, Payload
from hoguide.reading.matcher import Hit, HitIndex
from hoguide.reading.sections import SectionIndex
from hoguide.reading.sentences import PARAGRAPH_BREAK, SentenceIndex

ROW_REACH = 600  # characters of a table row looked back over for its own body part column
ROW_COLUMNS = 3  # a line with this many "|" before the mention is a row of a table
SIDE_LOOKBACK_SENTENCES = 3  # sentences above a side-less place searched for its side
LOOKBACK_SENTENCES = 2  # how far back in a section a site named earlier still applies
# a sentence that calls its place normal lends that place to no HO after it ("Left TMJ is clinically normal." then "CT
# facial bones: bulky heterotopic bone arising from the lateral aspect of the fossa component": round 21, 387 was told
# of HO at the left jaw)
_SAID_NORMAL = re.compile(r"\b(?:is|are|appears?|looks?)\s+(?:clinically\s+|radiographically\s+)?"
                          r"(?:normal|unremarkable)\b|\bappearances\s+are\s+normal\b", re.IGNORECASE)
TITLE_CHARS = 300  # the exam title region at the top of a report
TITLE_SECTION = "technique"  # section_rules.yaml: "Exam:", "Examination:", "Procedure:" name the study
COLON_REACH = 8  # white space allowed between a header's colon and the sentence after it
# A line of the title region that names a person ("Clinician: Ms R. Dubois, Consultant Foot and Ankle Surgeon",
# "Referred by: Dr A. Mensah (Hand Surgery)"): its places are a specialty, not the study's (round 9, 175 was read as
# HO of the foot and ankle from the surgeon's title; round 14, 267: "Ordering: Kelsey Tran, PA-C (Orthopedics -
# Shoulder & Elbow)" gave a shoulder's HO an elbow, and "Patient: MARTINEZ, Eugene R." a right side beside the left)
# (the role words in any case: "ORDERING PROVIDER: K. Brandt, DO (PM&R / Amputation Clinic)" gave the left thigh of
# round 10, 197 a right side from "PM&R" once the exam title's side was used)
PERSON_LINE = re.compile(r"\b(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor)\.?\s+[A-Z]|(?i:Consultant|Surgeon|Physician|"
                         r"Clinician|Referr(?:er|ing|ed)|Requested by|Reported by|Dictated by|Signed by|"
                         r"Order(?:ing|ed by)|Requesting|Attending|Provider|PA-C|NP-C|Patient|Name))")

# A letterhead names a place, not the study ("ST. BRENDAN'S ORTHOPEDIC & SPINE INSTITUTE": round 17, 315 gave a hip
# film's "no HO" the spine); not "service": "DATE OF SERVICE" shares the exam's line (round 12, 224)
# ... nor a team's or a unit's name ("SHOULDER & ELBOW MULTIDISCIPLINARY TEAM (MDT) - OUTCOME FORM": round 26, 474 gave
# an elbow's HO the shoulder)
PLACE_LINE = re.compile(r"\b(?i:institute|hospital|hospitals|infirmary|centre|center|department|dept|clinic|"
                        r"practice|partners|associates|university|team|unit|mdt|multidisciplinary)\b")
_LIST_ITEM = re.compile(r"\s*(?:\d{1,2}[.)]|[-*\u2022])\s")  # a list item's mark at a sentence's start


def sentence_before(sentences: SentenceIndex, sections: SectionIndex, start: int) -> int:
    """Where the sentence before the one starting at ``start`` starts, in the same section (else ``start``)."""
    if start == 0:
        return start
    before = sentences.span(start - 1)[0]
    return before if sections.at(before) == sections.at(start) else start


def _side(hit: Hit[Payload]) -> bool:
    return hit.layer == "laterality" and hit.payload[1] != NOT_A_SIDE


def earlier_sites(text: str, span: tuple[int, int], section: Section | None, sections: SectionIndex,
                  sentences: SentenceIndex, hits: HitIndex[Payload],
                  rejected: Callable[[tuple[int, int], Hit[Payload]], bool] | None = None
                  ) -> tuple[list[str], list[str]]:
    """Sites (and sides) named just before in the same section, else in the exam title at the top; ``rejected`` says
    which site words their sentence makes no site (an implant's "neck": round 23, 435)."""
    floor = section.start if section is not None else 0
    if row := _row_place(text, span[0], hits):  # a table row's own body part column ("...|XR|ELBOW LEFT|...")
        return row
    cursor = span[0]
    for _ in range(LOOKBACK_SENTENCES):
        if cursor <= floor or _labelled_line_at(text, cursor):
            break
        previous = sentences.span(cursor - 1)
        # a numbered list that ends a paragraph above is another part of the letter ("4. Residual distal sensory loss
        # hands and feet from GBS" over "Dear Dr O ... his new diagnosis of HO": round 28, 521 was told its HO is in
        # the hands and feet)
        if _LIST_ITEM.match(text, previous[0]) and PARAGRAPH_BREAK.search(text, previous[0], cursor):
            break
        if _SAID_NORMAL.search(text, *previous):  # "Left TMJ is clinically normal.": no HO's place (round 21, 387)
            cursor = previous[0]
            continue
        before = hits.group_between(ATTRIBUTES, *previous)
        sites = [h.payload[1] for h in before if h.layer == "site" and not gap_end(text, previous[0], h.start)
                 and not (rejected is not None and rejected(previous, h))]
        if not sites and (replaced := _replaced_joint(text, previous)) is not None:
            return [replaced[0]], [replaced[1]]
        if sites:
            sides = [h.payload[1] for h in before if _side(h)]
            if sides:
                return sites, sides
            # no side there: a side heading's above it, else a sentence just above that names the same place with its
            # side ("XR|ELBOW LEFT|6 months post ORIF distal humerus. Fracture and olecranon osteotomy united. ...
            # New heterotopic ossification": round 29, 534 had no side), else the exam title's where it names the
            # same place ("MRI RIGHT SHOULDER ... the acromioplasty site ... consistent with heterotopic
            # ossification": round 17, 314 had no side)
            if (side := _side_heading(text, floor, span[0], hits)) is not None:
                return sites, [side]
            if sides := _side_of_the_same_place_above(text, previous[0], floor, sentences, hits, set(sites)):
                return sites, sides
            title = title_sites(text, sections, hits)
            return sites, title[1] if set(title[0]) & set(sites) else []
        cursor = previous[0]
    title = title_sites(text, sections, hits)
    if (side := _side_heading(text, floor, span[0], hits)) is not None:
        return title[0], [side]
    return title


def row_start(text: str, offset: int) -> int | None:
    """The start of the table row that holds ``offset``: its line, with ``ROW_COLUMNS`` "|" before it."""
    line = text.rfind("\n", max(0, offset - ROW_REACH), offset) + 1
    return line if text.count("|", line, offset) >= ROW_COLUMNS else None


def _row_place(text: str, start: int, hits: HitIndex[Payload]) -> tuple[list[str], list[str]] | None:
    """The sites and sides named before ``start`` on its own line where that line is a row of a table with columns
    ("A26-031902|2026-04-14|XR|ELBOW LEFT|6 weeks post ORIF. ... No heterotopic ossification.": a records export's
    row is a study of its own, round 29, 534 was given the spine of the export's first row)."""
    line = row_start(text, start)
    if line is None:
        return None
    before = hits.group_between(ATTRIBUTES, line, start)
    sites = [h.payload[1] for h in before if h.layer == "site"]
    return (sites, [h.payload[1] for h in before if _side(h)]) if sites else None


def _side_of_the_same_place_above(text: str, cursor: int, floor: int, sentences: SentenceIndex,
                                  hits: HitIndex[Payload], sites: set[str]) -> list[str]:
    """The sides of the nearest sentence above ``cursor`` (``SIDE_LOOKBACK_SENTENCES`` at most, not past a labelled
    line) that names one of ``sites`` with a side."""
    for _ in range(SIDE_LOOKBACK_SENTENCES):
        if cursor <= floor or _labelled_line_at(text, cursor):
            break
        previous = sentences.span(cursor - 1)
        before = hits.group_between(ATTRIBUTES, *previous)
        sides = [h.payload[1] for h in before if _side(h)]
        if sides and sites & {h.payload[1] for h in before if h.layer == "site"}:
            return sides
        if (replaced := _replaced_joint(text, previous)) is not None and replaced[0] in sites:
            return [replaced[1]]
        cursor = previous[0]
    return []


# a joint named by its replacement, with its side ("Right THR components well fixed." above "Mature heterotopic bone
# bridges from the ilium to the greater trochanter": round 30, 555 took the side of "severe L hip OA" further up)
_SIDED = r"\b(left|right|L|R|Lt|Rt)\.?\s+"
REPLACED_JOINTS = (
    ("hip", re.compile(_SIDED + r"(?:THR|THA|hemiarthroplasty|hip (?:replacement|arthroplasty|resurfacing))\b",
                       re.IGNORECASE)),
    ("knee", re.compile(_SIDED + r"(?:TKR|TKA|UKR|knee (?:replacement|arthroplasty))\b", re.IGNORECASE)),
    ("shoulder", re.compile(_SIDED + r"(?:TSA|rTSA|RSA|shoulder (?:replacement|arthroplasty))\b", re.IGNORECASE)),
    ("elbow", re.compile(_SIDED + r"(?:TEA|elbow (?:replacement|arthroplasty))\b", re.IGNORECASE)),
)
SIDE_LETTERS = {"l": "left", "r": "right"}


def _replaced_joint(text: str, span: tuple[int, int]) -> tuple[str, str] | None:
    """The joint and the side of the first replaced joint the words name with its side ("Right THR": hip, right)."""
    for site, words in REPLACED_JOINTS:
        if (replaced := words.search(text, *span)) is not None:
            return site, SIDE_LETTERS[replaced.group(1)[0].lower()]
    return None


# A line of a note that opens with its own short label ("Ix: CT as above - HO well corticated, mature." under "O/E: ...
# Calves SNT."): a heading the sectionizer does not know, whose line starts another part (round 24, 444 was given
# the calves' "lower leg" for its hip's HO)
_LINE_START_REACH = 40  # characters of white space a sentence may be indented by
_LABELLED_LINE = re.compile(r"[ \t]*[A-Za-z][\w/&.]{0,10}[ \t]*:(?!\d)")


def _labelled_line_at(text: str, start: int) -> bool:
    """Whether ``start`` opens a line (after white space) with a short label and a colon. The look back is bounded: a
    text with no line breaks is read in linear time."""
    line = text.rfind("\n", max(0, start - _LINE_START_REACH), start) + 1
    if line == 0 and start > _LINE_START_REACH:
        return False
    return not text[line:start].strip() and _LABELLED_LINE.match(text, line) is not None


# A line that opens with a side and ends in a colon soon after heads what follows with that side ("RIGHT THA (2023):
# Cemented femoral stem ... Heterotopic bone extends ...", then "LEFT THA (2017): ... No heterotopic ossification":
# round 16, 308 was given both sides from the title "BILATERAL HIP ARTHROPLASTY")
SIDE_HEADING = re.compile(r"^[ \t]*(?:right|left|rt|lt|r|l)\b[^\n:.]{0,40}:", re.IGNORECASE | re.MULTILINE)


def _side_heading(text: str, floor: int, start: int, hits: HitIndex[Payload]) -> str | None:
    """The side of the last side heading between the section's start and ``start``, if any."""
    starts, ends = _side_headings(text)
    i = bisect_right(ends, start) - 1  # the last heading that ends by ``start`` (headings are lines: none overlap)
    if i < 0 or starts[i] < floor:
        return None
    sides = [h.payload[1] for h in hits.group_between(ATTRIBUTES, starts[i], ends[i]) if _side(h)]
    return sides[0] if len(sides) == 1 else None


@lru_cache(maxsize=4)
def _side_headings(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Where the text's side headings start and end, found once a reading: looked for again from the section's start
    for every sentence, a report of many short sentences was read in quadratic time (a 740 kB one in 76 s, not 7).
    The memo holds report text: ``Reader.read`` empties it when each reading is done (``forget_side_headings``)."""
    found = [(m.start(), m.end()) for m in SIDE_HEADING.finditer(text)]
    return tuple(s for s, _ in found), tuple(e for _, e in found)


def forget_side_headings() -> None:
    _side_headings.cache_clear()


# the far end of a whole-body scan's range, not the study's place ("18F-FDG PET/CT, skull vertex to mid-thigh": round
# 32, 582 gave the HO at a hip replacement the thigh too)
_RANGE_END = re.compile(r"\b(?:vertex|skull|skull base|base of skull|orbits?|eyes?|head|neck)\s+to\s+(?:the\s+)?"
                        r"(?:mid|upper|proximal|distal)?[\s-]*$", re.IGNORECASE)
RANGE_REACH = 40  # characters before a title's place searched for the range it ends


def title_sites(text: str, sections: SectionIndex, hits: HitIndex[Payload]) -> tuple[list[str], list[str]]:
    """Sites and sides in the exam title at the top of the report ("XR RIGHT HIP 2 VIEWS"), not on a line that
    names a person."""
    # an "Exam: XR LEFT FEMUR AND HIP" heading is the title itself (dev 05 lost the left side): it ends at the first
    # section that is not the exam's
    title_end = min(TITLE_CHARS, next((section.start for section in sections.sections if section.id != TITLE_SECTION),
                                      TITLE_CHARS))
    top = [h for h in hits.group_between(ATTRIBUTES, 0, title_end) if not _on_person_line(text, h.start)
           and not _RANGE_END.search(text, max(0, h.start - RANGE_REACH), h.start)]
    sites = [h.payload[1] for h in top if h.layer == "site"]
    sides = [h.payload[1] for h in top if _side(h)]
    return (sites, sides) if sites else ([], [])


def _on_person_line(text: str, offset: int) -> bool:
    # the line around the hit, at most LINE_REACH characters each way: a report with no line breaks is one line, and
    # searched whole for every sentence's title hits it was read in quadratic time (nineteenth session: 125 kB of
    # "Heterotopic ossification at the hip." took 287 s)
    start = text.rfind("\n", max(0, offset - LINE_REACH), offset) + 1 or max(0, offset - LINE_REACH)
    end = text.find("\n", offset, offset + LINE_REACH)
    end = end if end >= 0 else min(len(text), offset + LINE_REACH)
    return PERSON_LINE.search(text, start, end) is not None or PLACE_LINE.search(text, start, end) is not None


LINE_REACH = 200  # characters of a line looked at either side of a title's hit for a person's or a place's name


def colon_before(text: str, start: int) -> int:
    """The offset of a colon that ends the text before ``start`` (white space between), else ``start``."""
    window_start = max(0, start - COLON_REACH)
    before = text[window_start:start].rstrip()
    return window_start + len(before) - 1 if before.endswith(":") else start


def sites_near(index: HitIndex[Payload], span: tuple[int, int], sections: SectionIndex,
                sentences: SentenceIndex, with_sentence_before: bool) -> list[str]:
    """The sites named in the sentence ``span``, and if asked in the one before it in its section
    ("a mass in the quadriceps after a tackle; radiographs are consistent with MO")."""
    section = sections.at(span[0])
    floor = section.start if section is not None else 0
    start = sentences.span(span[0] - 1)[0] if with_sentence_before and span[0] - 1 > floor else span[0]
    return [h.payload[1] for h in index.group_between(ATTRIBUTES, max(start, floor), span[1]) if h.layer == "site"]


def words_apart(text: str, span: tuple[int, int], hit: Hit[Payload]) -> int:
    """Words between a mention and a hit; a bracketed aside counts as one ("around the right shoulder (inferior /
    posterior) and anterior to the right hip, in keeping with early HO": round 22, 406 lost the shoulder)."""
    return words_between(text, span[1], hit.start) if hit.start >= span[1] else words_between(text, hit.end, span[0])
