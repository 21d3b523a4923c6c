"""Attributes of an HO mention: body sites, side, grade (system named), maturity, size and change.

Sites, sides, maturity and change words come from the lexicon hits of the one automaton pass;
each is given to the nearest HO mention in its sentence, so "HO at the right hip and the left
elbow" keeps the two apart. A grade is read only after its system is named ("Brooker class III",
"Hastings-Graham IIB", "grade III Brooker"); a bare "grade 3" is not guessed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from hoguide.knowledge.schema import GradeSystem
from hoguide.models.reading import Grade

_GRADE_WORDS = r"(?:classification|class|grade|type|stage|category|heterotopic ossification|ho)"
# (a decimal comma too: "3,2 x 1,4 cm" in a European letter, round 25, 456 was told "Size: 4 cm")
_SIZE = re.compile(
    r"\b(\d{1,3}(?:[.,]\d{1,2})?)(?:\s*(?:x|×|by)\s*(\d{1,3}(?:[.,]\d{1,2})?)){0,2}\s*(mm|cm)\b",
    re.IGNORECASE,
)


def _spellings(system: GradeSystem) -> tuple[dict[str, str], str]:
    """Each spelling of a grade with its canonical value, and one regex alternation of them, longest first."""
    canonical = {spelling: value for value, spellings in system.values.items() for spelling in spellings}
    canonical.update({value.lower(): value for value in system.values})
    return canonical, "|".join(re.escape(s) for s in sorted(canonical, key=len, reverse=True))


@dataclass(frozen=True, slots=True)
class GradeReader:
    """Reads the grade that follows (or, with "grade", precedes) a named classification."""

    system: GradeSystem
    _after: re.Pattern[str]
    _before: re.Pattern[str]
    _canonical: dict[str, str]
    _then: re.Pattern[str]

    @classmethod
    def of(cls, system: GradeSystem) -> GradeReader:
        canonical, alternatives = _spellings(system)
        # (an aside between the word and the grade: "Hastings-Graham class (using the clinical ROM provided): IIA",
        # round 28, 519)
        # (or the scale's name in brackets: "modified Brooker (Lee) grade III", round 30, 546)
        after = re.compile(rf"[\s:,(]*\)?[\s:,]*(?:{_GRADE_WORDS}\b[\s:#(]*){{0,2}}(?:(?<=\()[^()\n]{{1,60}}\)[\s:]*)?"
                           rf"({alternatives})(?![\w])")
        before = re.compile(rf"(?<![\w])(?:class|grade|type|stage)\s+({alternatives})\s+(?:\(\s*)?$")
        # the grade it has become, right after the one it had: "Brooker II -> III in 6 wks" (round 30, 551 was told
        # Brooker II)
        then = re.compile(rf"[ \t]*(?:-+>|\u2192|=>|to)[ \t]*(?:{_GRADE_WORDS}\b[ \t]*)?({alternatives})(?![\w])")
        return cls(system, after, before, canonical, then)

    def read_at(self, folded: str, name_start: int, name_end: int) -> tuple[Grade, int, int] | None:
        """The grade next to a system name at ``folded[name_start:name_end]``, with its span."""
        match = self._after.match(folded, name_end)
        if match is not None:
            match = self._then.match(folded, match.end()) or match
            value = self._canonical[match.group(1)]
            return Grade(self.system.id, value, ""), name_start, match.end()
        window_start = max(0, name_start - 24)
        match = self._before.search(folded, window_start, name_start)
        if match is not None:
            value = self._canonical[match.group(1)]
            return Grade(self.system.id, value, ""), match.start(), name_end
        return None


@dataclass(frozen=True, slots=True)
class MentionGradeReader:
    """Reads "grade IV" written right before or after an HO mention, for a system read that way."""

    system: GradeSystem
    _before: re.Pattern[str]
    _after: re.Pattern[str]
    _canonical: dict[str, str]

    @classmethod
    def of(cls, system: GradeSystem) -> MentionGradeReader:
        canonical, alternatives = _spellings(system)
        before = re.compile(rf"(?<![\w])(?:class|grade|stage)\s+({alternatives})\s+$")
        after = re.compile(rf"\s*,?\s*\(?(?:class|grade|stage)\s+({alternatives})(?![\w])")
        return cls(system, before, after, canonical)

    def read_at(self, text: str, start: int, end: int) -> Grade | None:
        """The grade right before or after the mention at ``text[start:end]``."""
        window = max(0, start - 16)
        match = self._before.search(text[window:start].lower())
        offset = window
        if match is None:
            match = self._after.match(text[end : end + 24].lower())
            offset = end
        if match is None:
            return None
        written = text[offset + match.start() : offset + match.end()].strip(" ,(\n\t")
        return Grade(self.system.id, self._canonical[match.group(1)], written)


NOT_CHANGE = "not_change"  # lexicon/change.yaml: "increased uptake" is a scan's signal, not a size

# a distance, not the bone's size: "spurs leaving approx 1.8 cm gap", "a gap of 6 mm to the femur", "within 1 cm of
# the nerve", "2 cm from the joint" (round 9, 170: a gap was said back as the HO's size)
# ("gap > 1 cm on AP and lateral", round 13, 249; "separated by approx. 6-7 mm", 239)
# ("a residual gap of about 5 mm ..., i.e. less than 1 cm (Brooker III)": the gap said again, round 16, 308)
# ("... measures approx. 6 mm on the AP view (previously approx. 14 mm ...)": the gap's earlier value, round 21, 383)
# ("a thin lucent cleft (approx 1-2 mm) remaining", round 24, 438: the cleft left across a disc, said as its size)
# ("narrows the acromiohumeral interval to 5 mm": the space left, round 32, 593)
_NOT_SIZE_BEFORE = re.compile(r"(?:\b(?:gap(?:\s+of)?|cleft(?:\s+of)?|leaving|within|distance(?:\s+of)?|separated\s+by|"
                              r"previously|formerly|down\s+from|up\s+from|(?:interval|space|distance|gap)\s+to|"
                              r"narrow(?:s|ed|ing)?\s+(?:[\w-]+\s+){0,3}to)|\bi\.\s?e\.,?)"
                              r"(?:\s*\(?\s*(?:approx\.?|approximately|about|only))?"
                              r"(?:\s*(?:[<>≤≥]=?|less\s+than|more\s+than|greater\s+than|at\s+least|under|over))?"
                              r"(?:\s*\d{1,3}(?:\.\d{1,2})?\s*[-–]\s*)?\s*$",   # a range's upper end: "approx 1-2 mm"
                              re.IGNORECASE)
# (a place, not a size: "approx 3-4cm above the plafond", round 11, 210; how far a break's ends have moved apart:
# "with 6 mm of distraction (gap) between the fragments", round 22, 408)
_NOT_SIZE_AFTER = re.compile(r"\s*(?:gap|apart|away|between|from|above|below|proximal to|distal to|superior to|"
                             r"inferior to|deep to|(?:of\s+)?(?:distraction|displacement|diastasis|separation|"
                             r"offset|translation|shortening))\b", re.IGNORECASE)
_BEFORE_REACH = 32  # characters before a measurement searched for "gap of", "leaving", "within"
# ... and a gap or a distance as the clause's subject: "The closest gap between the heterotopic bone and the femur is
# 6 mm" (round 4, 80 was told "Size: 6 mm"), with a sign too ("the gap between the ossification and the femur is >1 cm":
# round 19, 348)
# (or with no verb, in a form's field: "narrowest gap between HO and the coronoid 3 mm", round 28, 519)
_GAP_SUBJECT = re.compile(r"\b(?:gap|distance|clearance|space)\b[^.;,]{0,60}?"
                          r"(?:\b(?:is|was|measures|measured|measuring|of|remains|now)\s+)?(?:now\s+)?"
                          r"(?:approx\.?|approximately|about|only|just|less than|under|"
                          r"more than|greater than|over|at least|[<>≤≥]=?)?\s*$",
                          re.IGNORECASE)
_GAP_REACH = 90  # characters before a measurement searched for a gap as the subject
# the same gap said again: "the gap ... now less than 1 cm, approx 6 mm" (round 23, 419 was told "Size: 1 cm")
_RESTATED = re.compile(r"\s*,?\s*(?:approx\.?|approximately|about|i\.\s?e\.,?|or|\()\s*", re.IGNORECASE)
# The far end of a gap or a distance is not where the HO is: "the gap between the heterotopic bone and the femur",
# "a gap of 6 mm to the femur", "2 cm from the joint" (round 4, 80: "femur" made a second lesion, of the thigh)
_GAP_END = re.compile(r"\b(?:gap|distance|clearance|space)\b[^.;,]{0,60}?\b(?:and|to|from)\s+(?:the\s+)?"
                      r"(?:[\w-]+\s+){0,2}$", re.IGNORECASE)


def gap_end(sentence_text: str, start: int, site_start: int) -> bool:
    """Is the site at ``site_start`` the far end of a gap or a distance its sentence measures from the HO?"""
    return _GAP_END.search(sentence_text, max(start, site_start - _GAP_REACH), site_start) is not None


def read_size(sentence: str) -> str | None:
    """The first measurement in the sentence that is a size, as written ("3.2 x 2.1 cm"), not a gap or a distance."""
    skipped_end = -1
    for match in _SIZE.finditer(sentence):
        if _NOT_SIZE_BEFORE.search(sentence, max(0, match.start() - _BEFORE_REACH), match.start()) \
                or _NOT_SIZE_AFTER.match(sentence, match.end()) \
                or _GAP_SUBJECT.search(sentence, max(0, match.start() - _GAP_REACH), match.start()) \
                or (skipped_end >= 0 and _RESTATED.fullmatch(sentence, skipped_end, match.start())):
            skipped_end = match.end()
            continue
        return " ".join(match.group(0).split())
    return None


# a grade the HO had before, with the grade it has now later in the sentence: "progression ... from Brooker class II on
# 08/10/2026 to Brooker class III on today's exam" (round 23, 419 was told Brooker II), "previously Brooker II, now III"
_FORMER_GRADE = re.compile(r"\b(?:from|previously|formerly|was|were)\s*$", re.IGNORECASE)
_LATER_GRADE = re.compile(r"\b(?:to|now|today|currently)\b", re.IGNORECASE)
_FORMER_REACH = 12  # characters before a grade searched for "from" or "previously"


def now_grades(text: str, span: tuple[int, int], grades: Sequence[tuple[Grade, int, int]]
               ) -> list[tuple[Grade, int, int]]:
    """The sentence's grades without those it gives as the HO's grade before a later one of the same system."""
    inside = [g for g in grades if span[0] <= g[1] < span[1]]
    return [g for g in inside if not (
        _FORMER_GRADE.search(text, max(span[0], g[1] - _FORMER_REACH), g[1])
        and any(later[0].system == g[0].system and later[1] > g[2] and _LATER_GRADE.search(text, g[2], later[1])
                for later in inside))]


def nearest(position: tuple[int, int], candidates: Sequence[tuple[int, int]]) -> int:
    """Index of the candidate span closest to ``position`` (ties go to the earlier one)."""
    start, end = position
    best, best_distance = 0, None
    for i, (c_start, c_end) in enumerate(candidates):
        distance = max(c_start - end, start - c_end, 0)
        if best_distance is None or distance < best_distance:
            best, best_distance = i, distance
    return best


COMPARED = "compared"  # lexicon/laterality.yaml: "than on the left"
NOT_A_SIDE = "not_a_side"  # lexicon/laterality.yaml: "Ms R. Dubois" names a person, "7 Gy RT" a treatment
DENIED = "denied"  # lexicon/maturity.yaml: "no zonal maturation"
NOT_MATURITY = "not_maturity"  # lexicon/maturity.yaml: "early review" is about the review, not the bone
# How the bone looked before, not now: "larger than on 18/08/2026, when it was faint and cloud-like" (round 4, 80 was
# told "immature" of bone the report calls maturing), "previously ill-defined, now well corticated", "On the 06/2026
# film this was a faint smudge; it is now a little more defined with a corticated margin" (round 14, 267)
_PAST_LOOK = re.compile(r"\b(?:when (?:it|they) (?:was|were)|this was|these were|previously|formerly|originally|"
                        r"initially|at first|"
                        # an earlier study's account: "Radiographs in July showed early heterotopic ossification" beside
                        # today's "well-corticated heterotopic bone" (round 32, 594 was told its HO is still forming)
                        r"(?:radiographs?|x-?rays?|films?|scans?|ct|mri|imaging)\s+(?:in|on|from|of)\s+[\w/-]{1,12}"
                        r"(?:\s+\d{2,4})?\s+(?:showed|demonstrated|revealed)|"
                        r"had been|used to be)\s+(?:(?!(?:is|are|now|appears?|looks?|remains?)\b)[\w-]+\s+(?:and\s+)?)"
                        r"{0,2}$", re.IGNORECASE)
_PAST_REACH = 48  # characters before a maturity word searched for "when it was"


def looked_before(text: str, start: int, word_start: int) -> bool:
    """Is the maturity word at ``word_start`` how the bone looked at an earlier time?"""
    return _PAST_LOOK.search(text, max(start, word_start - _PAST_REACH), word_start) is not None


def merge_laterality(values: Sequence[str]) -> str | None:
    """"left" and "right" together in one mention's reach mean both sides; a side named to compare a size
    ("smaller than on the left") is none."""
    values = [v for v in values if v != COMPARED]
    sides = set(values)
    if not sides:
        return None
    if "bilateral" in sides or {"left", "right"} <= sides:
        return "bilateral"
    return values[0]


def merge_maturity(values: Sequence[str]) -> str | None:
    """Mixed signs ("partial cortical rim and early trabeculae") describe bone that is maturing; a sign named as
    missing ("no zonal maturation"), or a word about something else ("early review"), is none."""
    values = [v for v in values if v not in (DENIED, NOT_MATURITY)]
    distinct = set(values)
    if len(distinct) > 1:
        return "maturing"
    return values[0] if values else None


def one_side_of_two(placed: Sequence[tuple[int, str, str]]) -> list[str]:
    """The side nearest the mention where one place is named twice with its two sides ("a pressure injury of the
    LEFT knee, caused by the bony mass on the right knee": the mass is on the right), else none: two places with
    a side each ("the left hip and the right knee") stay for the lesions to sort out."""
    sides = {value for _, layer, value in placed if layer == "laterality"}
    places = [value for _, layer, value in placed if layer == "site"]
    if not {"left", "right"} <= sides or "bilateral" in sides or len(places) == len(set(places)):
        return []
    return [min((d, value) for d, layer, value in placed if layer == "laterality" and value in ("left", "right"))[1]]


# A limb cut above a joint has no such joint: "transfemoral residual limb, anteromedial distal femur" is the
# residual limb, not the knee (the distal femur is read as the knee region elsewhere).
_ABOVE_JOINT = {"knee": re.compile(r"\b(?:trans-?femoral|above[- ]knee|AKA)\b", re.IGNORECASE),
                "elbow": re.compile(r"\b(?:trans-?humeral|above[- ]elbow|AEA)\b", re.IGNORECASE)}


def without_amputated_joints(sites: Sequence[str], sentence: str) -> list[str]:
    """``sites`` without a joint the sentence says the limb was cut above (only beside a residual limb)."""
    if "residual_limb" not in sites:
        return list(sites)
    return [s for s in sites if not (s in _ABOVE_JOINT and _ABOVE_JOINT[s].search(sentence))]
