"""Passes over a report's findings once every sentence is read: maturity and change said in the next sentence, a
look-alike's "not HO", and the prior-HO risk factor a historical mention implies.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import replace

from hoguide.models.reading import Fact, Finding, Mimic, Trigger
from hoguide.reading.attributes import NOT_CHANGE, looked_before, merge_maturity
from hoguide.reading.layers import ANCHORS, ATTRIBUTES, Payload
from hoguide.reading.matcher import Hit, HitIndex
from hoguide.reading.report_status import another_reading
from hoguide.reading.sections import SectionIndex
from hoguide.reading.sentences import SentenceIndex


def maturity_said_next(text: str, findings: list[Finding], hits: HitIndex[Payload], sentences: SentenceIndex,
                        sections: SectionIndex) -> list[Finding]:
    """A report often says how mature the bone is in a sentence after it names it ("Heterotopic
    ossification medial to both hips. Both partly corticated, not yet fully mature."; "There is new heterotopic
    ossification ... It lies lateral ... The narrowest gap ... Margins are well defined, suggesting it is
    maturing/mature": round 14, 264). A finding with no maturity of its own takes the maturity of the first of the
    next MATURITY_REACH sentences that has one, while they are in its section and paragraph and name no HO."""
    ho_sentences = {f.sentence_start for f in findings}
    said_after: dict[int, str | None] = {}  # per sentence end, looked at once
    out = []
    for finding in findings:
        if finding.maturity is None and finding.sentence_end < len(text) and finding.sentence_end not in ho_sentences:
            if finding.sentence_end not in said_after:
                said_after[finding.sentence_end] = _maturity_after(text, finding, hits, sentences, sections,
                                                                   ho_sentences)
            if (maturity := said_after[finding.sentence_end]) is not None:
                finding = replace(finding, maturity=maturity)
        out.append(finding)
    return out


def maturity_of_described_bone(text: str, findings: list[Finding], hits: HitIndex[Payload],
                               sentences: SentenceIndex, sections: SectionIndex) -> list[Finding]:
    """A report often describes the bone in plain words and names it HO only in its conclusion: "New ossification
    anterior to the distal humerus ... It is ill-defined and fluffy and not yet corticated, i.e. still immature", then
    "this is heterotopic ossification" (round 26, 483); "a linear, well-corticated ossified structure", then
    "Heterotopic ossification within the midline laparotomy scar" (round 25, 464). Where no HO mention of the report
    says how mature it is (the report's own words on its HO come first), a mention takes the maturity said of such
    bone, in its sentence or the next that speaks of it ("It is ..."), where the two agree on the place: the described
    bone names the mention's site, or names none and the report's HO is at one place only. A dated line tells an
    earlier study ("2025-07-01 XR pelvis: early fluffy ossification"), not this one."""
    # (a lesion only possibly HO is not lent the look of a bone that may be something else: "ossified lesion ... with a
    # less mature periphery ... ATYPICAL for myositis ossificans", round 24, 449)
    current = [f for f in findings if f.status in ("present", "possible")]
    if not any(f.status == "present" for f in current) or any(f.maturity is not None for f in current):
        return findings
    ho_sentences = {f.sentence_start for f in findings}
    # the report's HO is at one place where every mention of it shares a site ("pelvis, hip" and "hip, acetabulum")
    placed = [set(f.sites) for f in current if f.sites]
    one_place = not placed or bool(set.intersection(*placed))
    said: list[tuple[frozenset[str], str]] = []  # (sites named, maturity) of each described bone
    for match in _DESCRIBED_BONE.finditer(text):
        start, end = sentences.span(match.start())
        # (a date before the bone dates an earlier film: "X-rays 2026-08-25 showed faint new bone"; one after it is
        # what the bone is compared with: "unchanged in size from the 6-month film (03/2026), i.e. mature")
        if start in ho_sentences or _NOT_DESCRIBED.search(text, start, end) or _DATE.search(text, start, match.start()):
            continue
        found = _maturity_words(text, hits, start, end)
        if not found and end < len(text):  # "... approx 24 x 9 mm. It is ill-defined and fluffy"
            after, after_end = sentences.span(end)
            if after not in ho_sentences and (_SAME_BONE_LEADS.match(text, after) or _BARE_LOOK.match(text, after)) \
                    and sections.at(after) is sections.at(start):
                found = _maturity_words(text, hits, after, after_end)
        maturity = merge_maturity(found) if found else None
        if maturity is not None:
            sites = frozenset(h.payload[1] for h in hits.group_between(ATTRIBUTES, start, end) if h.layer == "site")
            said.append((sites, maturity))
    if not said:
        return findings
    out = []
    for finding in findings:
        if finding.status == "present":
            # (the hip's region: "an ossific focus ... lateral to the superolateral acetabular rim" is the hip's HO,
            # round 30, 560)
            fits = [m for sites, m in said if (sites and _same_region(sorted(sites), finding.sites))
                    or (not sites and one_place)]
            if fits and len(set(fits)) == 1:
                finding = replace(finding, maturity=fits[0])
        out.append(finding)
    return out


def _maturity_words(text: str, hits: HitIndex[Payload], start: int, end: int) -> list[str]:
    return [h.payload[1] for h in hits.group_between(ATTRIBUTES, start, end) if h.layer == "maturity"
            and not looked_before(text, start, h.start) and text[h.start - 1:h.start] != "?"]


# bone described in plain words, not named HO; not a growth centre or a spinal ligament's ossification
# ("a small corticated ossicle ... with a central fatty marrow signal", then "Pellegrini-Stieda lesion": round 30, 547)
_DESCRIBED_BONE = re.compile(r"\b(?:ossification|ossified|ossific|ossicle|new bone|bone formation)\b", re.IGNORECASE)
# (nor a maturity to come: "If kneeling remains a real problem once it has matured we could discuss excision of the
# ossicle", round 18, 344)
_NOT_DESCRIBED = re.compile(r"\bossification cent|\bossification of the (?:posterior|anterior) longitudinal|"
                            r"\bligamentum flavum|\bOPLL\b|\bDISH\b|"
                            r"\b(?:once|until|when|after) (?:it|the \w+) (?:has |is )?(?:fully )?matur", re.IGNORECASE)
# a fragment with no subject that says how the bone looks ("Small ossific island 9 x 4 mm ... Well defined and
# corticated - appears mature.": round 28, 517 was told its report does not say how mature the bone is)
_BARE_LOOK = re.compile(r"\s*(?:well[- ]defined|well[- ]corticated|corticated|mature|immature|maturing|fluffy|"
                        r"ill[- ]defined|faint|poorly defined)\b", re.IGNORECASE)
_DATE = re.compile(r"\b(?:\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{4}-\d{2}(?:-\d{2})?|(?:19|20)\d{2})\b")
MATURITY_REACH = 3  # sentences after a mention searched for how mature its bone is
_BLANK_LINE = re.compile(r"\n[ \t]*\n")  # a paragraph's end (a sentence keeps the blank lines after it)
_ITEM = re.compile(r"\s*(?:\d{1,2}|[a-h])[.)]\s|\s*[-*•]\s")  # "2. ", "b) ", "- ": a list's new item
_SAME_BONE = re.compile(r"\b(?:it|its|the (?:bone|lesion|mass|ossification|focus|HO))\b", re.IGNORECASE)


def _same_passage(text: str, finding: Finding, start: int, sections: SectionIndex, ho_sentences: set[int]) -> bool:
    """The sentence at ``start``, after the finding's, may speak of its bone: it names no HO of its own and is in the
    finding's section and paragraph."""
    return start not in ho_sentences and sections.at(start) is sections.at(finding.start) \
        and not _BLANK_LINE.search(text, finding.end, start)


def _maturity_after(text: str, finding: Finding, hits: HitIndex[Payload], sentences: SentenceIndex,
                    sections: SectionIndex, ho_sentences: set[int]) -> str | None:
    cursor = finding.sentence_end
    for _ in range(MATURITY_REACH):
        if cursor >= len(text):
            return None
        start, end = sentences.span(cursor)
        if not _same_passage(text, finding, start, sections, ho_sentences) or end <= cursor:
            return None
        # past the next sentence, only one that speaks of the same bone says how mature it is ("... suggesting it is
        # maturing"), and a new numbered item ends the search ("3. No definite scapular notching; early notching
        # difficult to exclude": round 14, 267)
        later = cursor != finding.sentence_end
        # (the very next one too: "1. Brooker IV HO right hip. 2. New cup lucency with possible early cup migration":
        # round 18, 342 was told its HO is still forming)
        if _ITEM.match(text, start):
            return None
        found = [h for h in hits.group_between(ATTRIBUTES, start, end) if h.layer == "maturity"
                 and not looked_before(text, start, h.start) and not _of_another(text, hits, h.end, end)]
        # ... or one with no subject, that opens with the maturity word ("Latest flexion 75 deg. Immature on most
        # recent XR.": round 18, 346)
        lead = start + len(text[start:end]) - len(text[start:end].lstrip())
        if found and not (later and not _SAME_BONE.search(text, start, end) and found[0].start != lead):
            return merge_maturity([h.payload[1] for h in found])
        cursor = end
    return None


# a maturity word that names the stage of something else the sentence goes on to name: "Possible early ischial
# osteomyelitis" (round 28, 513 was told its well-corticated HO is still forming): the condition starts within the
# next two words ("Maturing lesion with characteristic zonal pattern" is the bone's)
_NEXT_TWO_WORDS = re.compile(r"\s+(?:[\w-]+\s+)?")
_OTHER_CONDITIONS = frozenset({"red_flag", "mimic", "illness", "cause", "condition"})  # lexicon kinds of other things


def _of_another(text: str, hits: HitIndex[Payload], after: int, end: int) -> bool:
    words = _NEXT_TWO_WORDS.match(text, after, end)
    if words is None:
        return False
    return any(h.payload[0] in _OTHER_CONDITIONS and h.start <= words.end()
               for h in hits.group_between(ANCHORS, words.start(), min(end, words.end() + 1)))


# the next sentence, with the bone named just before as its subject, compares it with an earlier study: "Well-corticated
# heterotopic ossification is present lateral to the right hip ... This is unchanged in size and appearance compared
# with 03/14/2022." (round 21, 391 had no change, so an ED fall was read as the cause of old, stable HO)
_SAME_BONE_LEADS = re.compile(r"\s*(?:(?:this|it|these|they|the (?:bone|lesion|mass|ossification|heterotopic bone|ho))"
                              r"\s+(?:is|are|has|have|appears?|remains?|was|were)\b"
                              # a comparison of its own: "Compared with 11/08: R slightly larger and more mineralised,
                              # L unchanged" (round 25, 460 was told nothing of the right hip's growth)
                              r"|compared (?:with|to) [^:.;\n]{1,30}:)", re.IGNORECASE)
# a part of a comparison that names its side first ("R slightly larger", "L unchanged")
_SIDE_PART = re.compile(r"[:,;]\s*(?:(R|Rt|right)|(L|Lt|left))\b", re.IGNORECASE)


# ... or a fragment with no subject that opens with the change and what it compares with, after one more fragment at
# most, in the HO's list item: "-> Brooker II. Well corticated, mature-looking. Unchanged vs 03/11/2026, slightly
# larger than 25/08/2026." (round 27, 506 was told of no change, then of growth since August, not "unchanged since
# November")
_BARE_COMPARISON = re.compile(r"\s*(?:(?:slightly|mildly|much|a little|marginally|minimally)\s+)?"
                              r"(?:unchanged|stable|similar|larger|smaller|bigger|increased|decreased|grown|progressed)"
                              r"\b[^.\n]{0,25}?\b(?:vs\.?|versus|compared|since|from|than|relative)\b",
                              re.IGNORECASE)
# (against a study: "smaller than the original" of a recurrence compares it with the bone removed, the dev set's 18)
_STUDY = re.compile(r"\b(?:prior|previous|last|earlier|preceding|x-?rays?|xrs?|films?|radiographs?|studies|study|ct|mri"
                    r"|scans?)\b", re.IGNORECASE)
_NEXT_FRAGMENTS = 2  # sentences after the HO's, in its list item, that may hold its bare comparison
# ... and a sentence that says the bone was not there on an earlier study, a little further on in the HO's item: "...
# in keeping with maturing HO. A tongue of ossification extends ... sciatic nerve ...; the nerve appears displaced
# posteriorly. This was not present on 26/08/2026 and is much larger than the faint early mineralisation seen on the
# radiographs of 03/11/2026." (round 32, 598's bone against the nerve was told its growth will slow and stop)
_NOT_THERE_BEFORE = re.compile(r"\s*(?:this|it|these|they)\s+(?:was|were)\s+not\s+(?:present|seen|visible)\b",
                               re.IGNORECASE)
_NOT_THERE_FRAGMENTS = 3


def change_said_next(text: str, findings: list[Finding], hits: HitIndex[Payload], sentences: SentenceIndex,
                     sections: SectionIndex, dates: Sequence[tuple[int, str]] = ()) -> list[Finding]:
    """A present finding with no change of its own takes the change the very next sentence says of it, where that
    sentence opens with the same bone as its subject, is in its section and paragraph, and names no HO itself; or
    that a subject-less comparison on its line says. Of changes against several dated studies, the latest study's
    is the change now. ``dates`` are (start, ISO date) of the report's dates, sorted by start."""
    ho_sentences = {f.sentence_start for f in findings}
    out = []
    for finding in findings:
        if finding.change is None and finding.status == "present" and finding.sentence_end < len(text) \
                and finding.sentence_end not in ho_sentences \
                and (found := _change_after(text, finding, hits, sentences, sections, ho_sentences, dates)) is not None:
            finding = replace(finding, change=found)
        out.append(finding)
    return out


def _change_after(text: str, finding: Finding, hits: HitIndex[Payload], sentences: SentenceIndex,
                  sections: SectionIndex, ho_sentences: set[int], dates: Sequence[tuple[int, str]]) -> str | None:
    cursor = finding.sentence_end
    for i in range(_NOT_THERE_FRAGMENTS):
        if cursor >= len(text):
            return None
        start, end = sentences.span(cursor)
        if end <= start or not _same_passage(text, finding, start, sections, ho_sentences):
            return None
        if i == 0 and _SAME_BONE_LEADS.match(text, start):
            lo, hi = _own_side_part(text, start, end, finding.laterality)
        elif _ITEM.match(text, start):  # a list's next item is about something else
            return None
        elif _compares_with_a_study(text, start, end, dates, i):
            lo, hi = start, end
        else:
            cursor = end
            continue
        changes = [h for h in hits.group_between(ATTRIBUTES, lo, hi)
                   if h.layer == "change" and h.payload[1] != NOT_CHANGE]
        return _latest_compared(changes, dates, hi) if changes else None
    return None


def _compares_with_a_study(text: str, start: int, end: int, dates: Sequence[tuple[int, str]],
                           fragment: int) -> bool:
    """A fragment after the HO's sentence that compares its bone with a study: a bare comparison ("Unchanged vs
    03/11/2026"), within ``_NEXT_FRAGMENTS``; or a dated "this was not present on ...", within
    ``_NOT_THERE_FRAGMENTS``."""
    if fragment < _NEXT_FRAGMENTS and _BARE_COMPARISON.match(text, start) \
            and (_dates_between(dates, start, end) or _STUDY.search(text, start, end)):
        return True
    return _NOT_THERE_BEFORE.match(text, start) is not None and bool(_dates_between(dates, start, end))


def _dates_between(dates: Sequence[tuple[int, str]], start: int, end: int) -> list[str]:
    """The ISO values of the dates starting in [start, end); ``dates`` sorted by start (a report may hold thousands)."""
    i = bisect_left(dates, (start, ""))
    found = []
    while i < len(dates) and dates[i][0] < end:
        found.append(dates[i][1])
        i += 1
    return found


def _latest_compared(changes: Sequence[Hit[Payload]], dates: Sequence[tuple[int, str]], end: int) -> str:
    """The change said against the latest of the dated studies the sentence names, each date following its change
    ("unchanged vs 03/11/2026, slightly larger than 25/08/2026": unchanged); the last change where any has no date."""
    compared: list[tuple[str, str]] = []
    for i, change in enumerate(changes):
        until = changes[i + 1].start if i + 1 < len(changes) else end
        dated = _dates_between(dates, change.end, until)
        if not dated:
            return str(changes[-1].payload[1])
        compared.append((dated[0], str(change.payload[1])))
    return max(compared)[1]


def _own_side_part(text: str, start: int, end: int, side: str | None) -> tuple[int, int]:
    """Of a sentence that gives each side its own part ("R slightly larger ..., L unchanged"), the part of ``side``;
    else the whole sentence."""
    parts = [(m.start(), "right" if m.group(1) else "left") for m in _SIDE_PART.finditer(text, start, end)]
    if side not in ("left", "right") or len(parts) < 2:
        return start, end
    for i, (at, part_side) in enumerate(parts):
        if part_side == side:
            return at, parts[i + 1][0] if i + 1 < len(parts) else end
    return start, end


# the next sentence tells the HO named just before as taken out: "He developed Brooker IV HO ... This was excised in
# October 2024" (round 8, case 163); a pronoun or "the bone" as its subject, a removal's participle as its verb; or
# the removal as a dated heading of its own: "Developed Brooker IV HO with very limited hip movement. Excision of HO
# 20/11/2025 with a single 7 Gy radiotherapy dose" (round 14, 264)
_REMOVED_NEXT = re.compile(r"\s*(?:(?:this|it|these|they|the (?:bone|ho|ossification|heterotopic bone|mass))\s+"
                           r"(?:was|were|has been|have been)\s+(?:\w+ly\s+)?(?:excised|resected|removed)\b"
                           r"|(?:excision|resection|removal) of (?:the )?(?:ho|heterotopic (?:ossification|bone))\b"
                           r"(?=[^.]{0,12}\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|[^.]{0,6}\b(?:in )?(?:19|20)\d\d\b))",
                           re.IGNORECASE)


def removed_said_next(text: str, findings: list[Finding], sentences: SentenceIndex) -> list[Finding]:
    """A present mention of the patient's HO whose next sentence says it was taken out is the patient's past."""
    out = []
    for finding in findings:
        if finding.status == "present" and finding.experiencer == "patient" and finding.sentence_end < len(text):
            start, _ = sentences.span(finding.sentence_end)
            if (said := _REMOVED_NEXT.match(text, start)) is not None:
                trigger = Trigger(said.group(0).strip(), "historical", said.start(), said.end())
                finding = replace(finding, status="historical", triggers=(*finding.triggers, trigger))
        out.append(finding)
    return out


_NOT_JUST_BEFORE = re.compile(r"\bnot\s+$", re.IGNORECASE)
NOT_REACH = 8  # characters before a mention searched for its "not"


_POINTS_BACK = re.compile(r"\s*(?:this|it|these|they)\s+(?:is|are)\s+not\b", re.IGNORECASE)
PREVIOUS_REACH = 300  # characters before a "This is not HO" sentence searched for the look-alike it speaks of


def look_alike_denials(text: str, findings: list[Finding], mimics: Sequence[Mimic]) -> list[Finding]:
    """A "not HO" said of a look-alike named before it in its sentence classes the look-alike. Where the report finds
    HO in the same section, it says nothing of that HO and is dropped: "Incidental 6 mm calcific deposit in the right
    supraspinatus tendon - a separate condition, not heterotopic ossification" (round 22, 406 was told "Your report
    says there is no HO" at the shoulder whose muscles hold HO). Elsewhere it stays, with no place of its own: the
    places around it are the look-alike's ("This is a fracture fragment, not heterotopic ossification" after the leg's
    rotation and the femoral shaft: round 22, 401 was told "Where: lower leg, thigh"), and a later section's correction
    still stands ("ADDENDUM: On review, this represents an osteophyte, not heterotopic ossification")."""
    if not mimics:
        return findings
    found_in = {f.section for f in findings if f.status == "present" and f.experiencer == "patient"}
    out = []
    for f in findings:
        # (or named in the sentence before one that opens "This is not HO": "adverse reaction to metal debris
        # ("pseudotumour") ... This is not heterotopic ossification", round 34, 630)
        since = f.sentence_start - PREVIOUS_REACH if _POINTS_BACK.match(text, f.sentence_start) else f.sentence_start
        if f.status == "absent" and _NOT_JUST_BEFORE.search(text, max(f.sentence_start, f.start - NOT_REACH), f.start) \
                and any(since <= m.start and m.end <= f.start and "\n\n" not in text[m.end:f.start] for m in mimics):
            if f.section in found_in:
                continue
            f = replace(f, sites=(), laterality=None)
        out.append(f)
    return out


def prior_ho_facts(findings: Sequence[Finding], facts: Sequence[Fact]) -> list[Fact]:
    """HO the patient had before is the strongest risk factor for more (ho_facts.md §3), so a
    historical HO mention is also a ``prior_ho`` fact unless the lexicon already gave one there."""
    stated = {(f.start, f.end) for f in facts if f.concept == "prior_ho"}
    return [
        Fact("risk_factor", "prior_ho", f.text, f.start, f.end, "historical", f.experiencer,
             f.section, f.triggers)
        for f in findings
        if f.status == "historical" and f.experiencer == "patient" and not another_reading(f)
        and not any(s <= f.start and f.end <= e for s, e in stated)
    ]



# A denial that dates itself to an earlier study: "New heterotopic ossification ... (24 x 9 mm), not present on
# 14/05/2026", "Early heterotopic ossification ... approx 18 mm, not seen on the 14/10/2026 radiograph" (round 27, 503
# and 505 were told their reports say there is no HO): the bone is there now, and new since then.
_THEN_NOT = re.compile(r"not (?:present|seen|visible|evident|demonstrated|identified)$", re.IGNORECASE)
_ON_AN_EARLIER_STUDY = re.compile(r"\s+(?:on|at|in)\s+(?:the\s+)?(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}|"
                                  r"(?:prior|previous|earlier|last|preceding|comparison|initial|original|first)\b)",
                                  re.IGNORECASE)


# A film too early to show HO: its "no HO is seen" is no HO yet ("No heterotopic ossification is seen; heterotopic
# ossification is not expected to be visible this early and will be assessed on the follow-up films": round 34, 623's
# day-1 film was told "there is no HO, so there is nothing to grow")
_TOO_EARLY_NEXT = re.compile(r"[^\n]{0,80}?\b(?:not expected to be visible this early|"
                             r"too early to (?:be visible|see|show|be seen|be detected))", re.IGNORECASE)


def too_early_to_see(text: str, findings: list[Finding]) -> list[Finding]:
    """``findings`` with HO denied on a film the report says is too early to show it made a matter of later films."""
    return [replace(f, status="hypothetical") if f.status == "absent" and _TOO_EARLY_NEXT.match(text, f.sentence_end)
            else f for f in findings]


def new_since_an_earlier_study(text: str, findings: list[Finding]) -> list[Finding]:
    """``findings`` with HO denied only on an earlier study made present now and new."""
    out = []
    for f in findings:
        negations = [t for t in f.triggers if t.category == "negated"]
        if f.status == "absent" and negations and all(
                t.start > f.end and _THEN_NOT.search(t.phrase) and _ON_AN_EARLIER_STUDY.match(text, t.end)
                for t in negations):
            f = replace(f, status="present", change=f.change or "new",
                        triggers=tuple(t for t in f.triggers if t.category != "negated"))
        out.append(f)
    return out


# A removal dated in a list of what was done: "Revision of acetabular component + excision of HO, 17/11/2026 (Mr X)"
# (round 27, 499 was told of its removed HO as there now); and the bed it was taken from ("including the HO bed").
_REMOVAL_OF = re.compile(r"\b(?:excision|excisions|resection|resections|removal|debulking)\s+of\s+(?:the\s+)?$",
                         re.IGNORECASE)
_DATE_NEXT = re.compile(r"\s*(?:,|-|:)?\s*(?:on\s+)?\(?\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b")
# ... or a list's row that starts with its date: "22-Jun-2021  Excision of heterotopic bone, left hip   Past" (a
# records export's problem list: round 29, 541)
_DATE_LEADS = re.compile(r"(?:^|\n)[ \t]*(?:\d{1,2}[/.-](?:\d{1,2}|[A-Za-z]{3,9})[/.-]\d{2,4}|(?:19|20)\d{2})[ \t]+$")
_LEAD_REACH = 24  # characters before the removal's words in which its row's date stands
_BED_AFTER = re.compile(r"\s+(?:bed|excision bed|resection bed)\b", re.IGNORECASE)


def removed_on_a_date(text: str, findings: list[Finding]) -> list[Finding]:
    """``findings`` with HO a dated removal names, and the bed it was taken from, made the patient's past; and the
    same section's earlier story of that HO with it ("Brooker III HO ... by 9 months" above "excision of HO,
    17/11/2026"), unless the section names HO there again after the removal."""
    out = []
    last: dict[str | None, Finding] = {}  # each section's last dated removal (one look per finding: stays linear)
    for f in findings:
        if f.status == "present" and f.experiencer == "patient":
            named = _REMOVAL_OF.search(text, max(f.sentence_start, f.start - 40), f.start)
            if named is not None and (_DATE_NEXT.match(text, f.end) or _DATE_LEADS.search(
                    text, max(0, named.start() - _LEAD_REACH), named.start())):
                f = replace(f, status="historical", triggers=(*f.triggers, Trigger(
                    named.group(0).strip(), "historical", named.start(), named.end())))
                last[f.section] = f
            elif _BED_AFTER.match(text, f.end):
                f = replace(f, status="historical")
        out.append(f)
    present_after = {f.section for f in out for r in [last.get(f.section)] if r is not None and f.status == "present"
                     and f.start > r.end}
    return [replace(f, status="historical") if (r := last.get(f.section)) is not None and f.section not in present_after
            and f.status == "present" and f.experiencer == "patient" and f.start < r.start
            and _same_region(f.sites, r.sites) else f for f in out]


_REGIONS = {"pelvis": "hip", "acetabulum": "hip", "buttock": "hip", "thigh": "hip"}


def _same_region(sites: Sequence[str], others: Sequence[str]) -> bool:
    """No place named, or a place in the same region (the hip with its socket and the pelvis around it)."""
    return not sites or not others or bool({_REGIONS.get(s, s) for s in sites} & {_REGIONS.get(s, s) for s in others})
