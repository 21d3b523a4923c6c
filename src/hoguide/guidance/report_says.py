""""What your report says": each HO mention restated plainly, with the words it rests on."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace

from hoguide.guidance.features import flares_now
from hoguide.guidance.measures import measured_movement
from hoguide.guidance.other_findings import other_findings
from hoguide.guidance.site_focus import HIP_REGION, JOINT_SEGMENTS
from hoguide.guidance.view import MATURITY_ORDER, REMOVAL_WORD, CaseView, in_latest_entry
from hoguide.knowledge.loader import KnowledgeBase
from hoguide.knowledge.schema import BODY_AUTHORITY
from hoguide.models.assessment import Evidence, ReportStatement
from hoguide.models.reading import Finding, Reading
from hoguide.reading.corrections import ADDENDUM, took_back
from hoguide.reading.nearby import row_start
from hoguide.reading.report_status import (
    SectionAuthority,
    another_reading,
    asked_before,
    nothing_new,
    section_authority,
)

SERIOUS_MIMICS = frozenset({"osteosarcoma"})
UNNAMED = "unnamed"  # grade_systems.yaml: a grade written with no scale named
# "HO" used for something else, a person or "history of": whatever denial its sentence holds, the word is there
# ("XR pelvis: no new #, metalwork intact, HO unchanged. d/w ortho HO on call": round 27, 506 asked what it meant)
OTHER_MEANINGS = frozenset({"house_officer", "history_of"})
# look-alikes that sit beside genuine HO in most reports that name them ("fracture callus" of a healing break): said
# only where the report finds no HO, as what the bone it describes is instead (round 28, 522)
ONLY_INSTEAD_OF_HO = frozenset({"fracture_callus"})
SIDE_WORDS = {"left": "left", "right": "right", "bilateral": "both sides"}


# the historical trigger says this study did not show the HO (context_rules.yaml: "not included on this study",
# "for history only"): known HO it did not image, said as such (round 13, 255: a lumbar spine film beside hip HO)
NOT_THIS_STUDY = re.compile(r"\b(?:on|in) this (?:study|exam|examination|film)\b|\bfor history only\b", re.IGNORECASE)
NOT_IMAGED = "not_imaged"  # content: report.not_imaged
Detail = tuple[str, tuple[str, ...]]  # a line and the sources shown after it (a grade's meaning)


# A report of a CT or an MRI names the study in its first lines ("CT BOTH HIPS", "MRI LEFT THIGH", "EXAMINATION: CT
# PELVIS WITHOUT CONTRAST"); a letter that mentions a CT later is not one.
CROSS_SECTIONAL = re.compile(r"\b(?:CT|MRI|computed tomography|magnetic resonance)\b", re.IGNORECASE)
STUDY_HEADER_CHARS = 300


def _details(finding: Finding, kb: KnowledgeBase, compared: bool,
             cross_sectional: bool = False, removed_since: bool = False) -> tuple[list[Detail], list[str]]:
    """Plain detail lines from curated labels, and the citations of any grade meaning used; a grade read on a CT or
    an MRI (``cross_sectional``) says its own meaning where the content has one (``grade.brooker.IV_ct``)."""
    details: list[Detail] = []
    refs: list[str] = []
    if finding.sites:
        where = ", ".join(kb.label("site", s) for s in finding.sites)
        side = SIDE_WORDS.get(finding.laterality or "")
        details.append((f"Where: {where}" + (f" ({side})." if side else "."), ()))
    if finding.grade:
        grade_id = f"grade.{finding.grade.system}.{finding.grade.value}"
        system = {"brooker": "Brooker", "hastings_graham": "Hastings-Graham", "della_valle": "Della Valle",
                  "mcafee": "McAfee", "lee": "Lee (modified Brooker)"}
        if finding.grade.system in system:
            line = f"Grade: {system[finding.grade.system]} {finding.grade.value}."
        else:  # "grade IV heterotopic ossification": no scale named, none guessed
            line = f"Grade: {finding.grade.value}. The report does not say which grading scale it used."
        shown: tuple[str, ...] = ()
        if finding.status == "historical":  # the grade of bone since removed: what it was, not what "your HO is"
            # (the historical trigger was a removal)
            removed = removed_since or any(REMOVAL_WORD.search(t.phrase) for t in finding.triggers)
            line = line.replace("Grade:", "Grade before it was removed:" if removed else "Grade at the time:", 1)
        elif grade_id in kb.statements:
            statement = kb.statements.get(f"{grade_id}_ct") if cross_sectional else None
            statement = statement or kb.statement(grade_id)
            line += " " + statement.patient
            refs += statement.refs
            shown = statement.patient_refs
        details.append((line, shown))
    if finding.size and finding.status in ("present", "possible"):  # the case's own number, as written
        details.append((f"Size: {finding.size}.", ()))
    if finding.maturity:
        details.append((f"How mature: {kb.label('maturity', finding.maturity)}.", ()))
    if finding.change and compared:
        details.append((f"Change: {kb.label('change', finding.change)}.", ()))
    return details, refs


# an earlier study told in the past tense before the mention: "the pre-op CT (06/2026) showed ... no heterotopic bone"
EARLIER_STUDY = re.compile(r"\b(?:CT|MRI|X-?rays?|XR|films?|scans?|radiographs?)\b[^.;:]{0,40}?"
                           r"\b(?:showed|demonstrated|revealed|had shown|was|were)\b", re.IGNORECASE)


def _told_before(text: str, finding: Finding) -> bool:
    """The mention is of what an earlier study showed: a past trigger, or a study told in the past before it."""
    return any(t.category == "historical" for t in finding.triggers) \
        or EARLIER_STUDY.search(text, finding.sentence_start, finding.start) is not None


def _in_an_earlier_row(text: str, finding: Finding, present: list[Finding]) -> bool:
    """The mention is in a row of a table of studies above a row that finds HO ("A26-031902|2026-04-14|XR|ELBOW
    LEFT|... No heterotopic ossification." over "A26-062771|2026-09-15|XR|ELBOW LEFT|... New heterotopic
    ossification": a records export, oldest first; round 29, 534 was told its report says there is no HO)."""
    row = row_start(text, finding.start)
    return row is not None and any((later := row_start(text, f.start)) is not None and later > row for f in present)


UNCONFIRMED = frozenset({"not confirmed", "not yet confirmed", "unconfirmed"})  # context_rules.yaml phrases


def _unsure(finding: Finding, text: str) -> bool:
    """A denial that leaves the question open: "HO not confirmed", or one asked ("HO excluded on XR though??")."""
    return any(" ".join(t.phrase.lower().split()) in UNCONFIRMED for t in finding.triggers) \
        or text[finding.sentence_start:finding.sentence_end].rstrip().endswith("?")


def _sure_at_the_same_place(by_status: dict[str, list[Finding]], text: str) -> None:
    """"Ulnar neuropathy, probably from compression by the heterotopic bone" beside "bony ankylosis of the right
    elbow due to HO": the hedge is about the nerve, not the bone. A possible mention at a place where the report
    says there is HO joins that lesion instead of a "not sure if this is HO" line."""
    present = by_status.get("present", [])
    places = {(site, f.laterality) for f in present for site in f.sites}
    sentences = {f.sentence_start for f in present}
    # ... and "HO blocking flexion, with a probable ulnar neuropathy due to the HO encasing the nerve": a possible
    # mention with no place, in a sentence that says there is HO, is that HO
    # ... and "Mature HO anteromedial to the L hip, Brooker II, no ankylosis - likely neurogenic HO following stroke":
    # a hedged mention on the same side in a sentence that says there is HO names its kind, not a doubt (round 11, 218)
    sides = {(f.sentence_start, f.laterality) for f in present}
    # ... and "Felt to be neurogenic HO" of the left hip and thigh beside the CT's HO of the left hip: one of its places
    # is the lesion's (round 23, 431 was told "not sure if this is HO" beside HO seen on CT)
    sure = [f for f in by_status.get("possible", []) if (f.sites and any(
        (site, f.laterality) in places or (f.laterality is None and any(p[0] == site for p in places))
        for site in f.sites)) or (not f.sites and f.sentence_start in sentences)
        or (f.sentence_start, f.laterality) in sides]
    if sure:
        present += sure
        by_status["present"] = present
        moved = {id(f) for f in sure}
        by_status["possible"] = [f for f in by_status["possible"] if id(f) not in moved]
        if not by_status["possible"]:
            del by_status["possible"]
    # "The pre-op CT (06/2026) showed ... no heterotopic bone" beside the HO this study finds at that place: what an
    # earlier study showed, not "there is no HO" now (round 26, 483 was told both)
    # ... nor is "not HO" said of something else there ("Sirveaux grade 1 scapular notching (minor bone erosion, not
    # HO)" beside the HO below the same shoulder's socket: round 30, 553 was told both "there is HO" and "there is no
    # HO")
    before = [f for f in by_status.get("absent", []) if (_told_before(text, f) or _in_an_earlier_row(text, f, present)
                                                          or _said_of_another(text, f))
              and any((site, f.laterality) in places or (f.laterality is None and any(p[0] == site for p in places))
                      for site in f.sites)]
    if before:
        gone = {id(f) for f in before}
        by_status["absent"] = [f for f in by_status["absent"] if id(f) not in gone]
        if not by_status["absent"]:
            del by_status["absent"]


# "..., not HO", "is not HO": the words before the mention deny that something else is HO
OF_ANOTHER = re.compile(r"(?:,|\bis|\bare)\s+not\s+(?:an?\s+)?$", re.IGNORECASE)
OF_ANOTHER_REACH = 12


LINE_REACH = 200  # characters looked through for a line's end: a text with no line breaks stays linear


def _line_end(text: str, offset: int) -> int:
    """The end of the line ``offset`` is on, at most ``LINE_REACH`` on (a sentence cut at a semicolon goes on to it)."""
    end = text.find("\n", offset, offset + LINE_REACH)
    return min(len(text), offset + LINE_REACH) if end < 0 else end


def _said_of_another(text: str, finding: Finding) -> bool:
    return OF_ANOTHER.search(text, max(0, finding.start - OF_ANOTHER_REACH), finding.start) is not None


def _said_by_the_study(reading: Reading, authority: SectionAuthority) -> list[Finding]:
    """The mentions to restate. A clinical history's "? HO" is the question, not the answer, so
    mentions in scene-setting sections (history, indication: authority below the findings') are left
    out when the findings or the impression speak of HO themselves. And where a more authoritative
    section corrected a less authoritative one ("FINDINGS: could represent HO. IMPRESSION: no HO"),
    the corrected mentions are left out too: the report's own last word is what it says."""
    def rank(finding: Finding) -> int:
        return authority.of(finding.section)
    about_patient = [f for f in reading.findings if f.experiencer == "patient" and f.status != "hypothetical"]
    kept = list(reading.findings)
    if any(rank(f) >= BODY_AUTHORITY for f in about_patient):
        kept = [f for f in kept if rank(f) >= BODY_AUTHORITY or f.experiencer != "patient"]
        # ... but HO said to be there at a place the findings do not name is another lesion, not the question
        # ("Examination: ... CT of the thigh: new heterotopic ossification" in a letter about old HO elsewhere)
        named = {site for f in kept if f.experiencer == "patient" for site in f.sites}
        kept += [f for f in about_patient if rank(f) < BODY_AUTHORITY and f.status == "present" and f.sites
                 and not named & set(f.sites)]
        kept.sort(key=lambda f: f.start)
    top = max((rank(f) for f in about_patient), default=BODY_AUTHORITY)
    kept = [f for f in kept if f.experiencer != "patient" or f.status == "hypothetical" or rank(f) == top
            or f.status == reading.ho_status]
    # a place the report's last word clears corrects what an earlier section said of it: "LATERALITY CORRECTION ...
    # The RIGHT hip is the native hip ... and has no heterotopic ossification" (round 19, 347 kept its right hip HO)
    cleared: dict[tuple[tuple[str, ...], str], int] = {}
    for f in about_patient:
        if f.status == "absent" and f.laterality and f.sites:
            place = (_region(f), f.laterality)
            cleared[place] = max(rank(f), cleared.get(place, -1))
    kept = [f for f in kept if not (f.experiencer == "patient" and f.status == "present" and f.laterality
                                    and cleared.get((_region(f), f.laterality), -1) > rank(f))]
    # "History: HO excised 2024. Findings: no recurrence": only the history names the HO the report is about
    if not any(f.experiencer == "patient" and f.status == reading.ho_status for f in kept):
        kept += [f for f in about_patient if f.status == reading.ho_status and f not in kept]
    # an earlier study's question ("Outside X-ray reported as ? HO") that this one answers ("NOT HO": round 10, 202)
    if reading.ho_status == "absent":
        kept = [f for f in kept if f.experiencer != "patient" or not asked_before(f)]
    return kept


def _region(finding: Finding) -> tuple[str, ...]:
    """The finding's place as a lesion is grouped by: "the hip" and "the pelvis" are one region about the hip."""
    return tuple(sorted({HIP_REGION.get(site, site) for site in finding.sites}))


# a place named with its own side in a list of places ("both hips and right knee": round 30, 549 was told of HO at both
# knees)
SIDED_PLACE = {site: re.compile(rf"\b(both|bilateral|left|right|L|R)\s+(?:[a-z]+\s+)?{words}\b", re.IGNORECASE)
               for site, words in (("hip", "hips?"), ("knee", "knees?"), ("elbow", "elbows?"),
                                   ("shoulder", "shoulders?"), ("ankle", "ankles?"), ("thigh", "thighs?"))}
MIDLINE_PLACES = frozenset({"spine", "chest_wall", "abdominal_wall", "abdomen"})  # lexicon/site.yaml ids
SIDE_OF = {"both": "bilateral", "bilateral": "bilateral", "left": "left", "l": "left", "right": "right", "r": "right"}


def _each_with_its_side(finding: Finding, text: str) -> list[Finding]:
    """The finding, or one finding per place where its sentence names each of its places with a side of its own that
    differs between them ("... ossification, both hips and right knee"); a place of the body's middle that it lists
    with them has no side ("heterotopic bone in her neck, upper back, both shoulders and left hip": round 31, 567 was
    told of both hips)."""
    if len(finding.sites) < 2 or not text:
        return [finding]
    sides: dict[str, str | None] = {}
    for site in finding.sites:
        pattern = SIDED_PLACE.get(site)
        if pattern is None and site in MIDLINE_PLACES:
            sides[site] = None
            continue
        named = pattern.search(text, finding.sentence_start, finding.sentence_end) if pattern else None
        if named is None:
            return [finding]
        sides[site] = SIDE_OF[named.group(1).lower()]
    if len(set(sides.values()) - {None}) < 2:
        return [finding]
    return [replace(finding, sites=(site,), laterality=side) for site, side in sides.items()]


def _fillers(reading: Reading, said: list[Finding]) -> list[Finding]:
    """The mentions of HO now that the restated ones left out and that give a grade or say the bone is mature."""
    kept = {id(f) for f in said}  # (by identity: a report of 50,000 mentions compares no dataclasses pairwise)
    return [f for f in reading.findings if f.experiencer == "patient" and f.status == "present" and id(f) not in kept
            and (f.grade is not None or f.maturity == "mature")]


def _filled_in(lesion: Finding, fillers: list[Finding]) -> Finding:
    """The lesion with the grade and maturity a less authoritative section gives the same HO where its own words give
    none: "Diagnosis: Bilateral HO of hips" over the background's "CT pelvis 04/2026: extensive anterior HO both hips,
    mature, Brooker III bilaterally" (round 26, 476, a seating assessment that images nothing itself)."""
    if not fillers or (lesion.grade is not None and lesion.maturity is not None):
        return lesion
    same = [f for f in fillers if f.laterality in (lesion.laterality, None) and _region(f) == _region(lesion)]
    grade = lesion.grade or next((f.grade for f in same if f.grade is not None), None)
    # (only bone said to be mature: bone once mature stays so, while an earlier "early" may have matured since)
    maturity = lesion.maturity or next((f.maturity for f in same if f.maturity == "mature"), None)
    return replace(lesion, grade=grade, maturity=maturity)


def _lesions(findings: list[Finding], authority: SectionAuthority, superseded: frozenset[int] = frozenset(),
             text: str = "") -> list[Finding]:
    """The mentions merged into one per place (sites and side), in the order the report first names
    them: the grade from the report's last word on it (an addendum's "Brooker III" over the findings'
    "IV"), the least mature maturity, the first change and size. A mention with no place joins the only lesion
    there is, else stands alone."""
    places: dict[tuple[tuple[str, ...], str | None], list[Finding]] = {}
    unplaced: list[Finding] = []
    for finding in findings:
        if not finding.sites:
            unplaced.append(finding)
            continue
        for one in _each_with_its_side(finding, text):
            places.setdefault((_region(one), one.laterality), []).append(one)
    _split_listed_places(places)
    _split_both_sides(places)
    _join_limb_segments(places)
    # "HO lateral to the hip" in the findings and "HO, left hip" in the impression: a place named
    # without a side is the one sided lesion of that region, when the report names only one
    # ... and with a lesion on each side, the one the report named last before it ("Right hip: extensive HO ...
    # A gap of 6 mm remains between the heterotopic bone and the femoral neck")
    for region, side in list(places):
        sided = [key for key in places if key[0] == region and key[1] is not None]
        if side is None and len(sided) == 1:
            places[sided[0]].extend(places.pop((region, None)))
        elif side is None and sided:
            named = sorted((f.start, key) for key in sided for f in places[key])
            starts = [start for start, _ in named]
            for finding in places.pop((region, None)):
                i = bisect_left(starts, finding.start)  # the sided mentions before it: the last one's side
                places.setdefault(named[i - 1][1] if i else (region, None), []).append(finding)
    if len(places) == 1:
        next(iter(places.values())).extend(unplaced)
        unplaced = []
    # "Right hip: extensive HO, well corticated, in keeping with mature heterotopic bone": a mention with no
    # place of its own, in a sentence that names a lesion, is that lesion
    by_sentence = {f.sentence_start: group for group in places.values() for f in group}
    for finding in unplaced:
        if finding.sentence_start in by_sentence:
            by_sentence[finding.sentence_start].append(finding)
    unplaced = [f for f in unplaced if f.sentence_start not in by_sentence]
    merged = []
    for (region, side), group in [*places.items(), *((((), None), [f]) for f in unplaced)]:
        group.sort(key=lambda f: f.start)
        # "no HO is identified" read with the gluteal region named before it, then "no HO, left hip": the lesion is
        # said at the joint it was grouped under, not at the first mention's muscles (round 8, 164: "buttock")
        if region and not set(region) & set(group[0].sites):
            joint = next((f for f in group if set(region) & set(f.sites)), None)
            if joint is not None:
                group[0] = replace(group[0], sites=joint.sites)
        graded = [f for f in group if f.grade]
        grade = max(graded, key=lambda f: (authority.of(f.section), f.start)).grade if graded else None
        # a grade with no scale named is the one the report named for the same value ("modified Brooker (Lee) grade
        # III" in the findings, "posterior HO grade III (modified Brooker / Lee)" in the impression: round 30, 546)
        if grade is not None and grade.system == UNNAMED:
            value = grade.value
            grade = next((g for f in graded if (g := f.grade) and g.system != UNNAMED and g.value == value), grade)
        # the most authoritative section's word on maturity (an impression's "maturing" over the findings'
        # "ill-defined": round 13, 248), the least mature of those
        # (not a conclusion a later one of a second report pasted below it follows: round 20, 366)
        # (of a dated record's entries, the latest's: round 30, 562)
        matured = in_latest_entry(text, [f for f in group if f.maturity and f.start not in superseded]
                                  or [f for f in group if f.maturity], lambda f: f.start)
        top = max((authority.of(f.section) for f in matured), default=0)
        maturity = next((m for m in MATURITY_ORDER if any(f.maturity == m and authority.of(f.section) == top
                                                            for f in matured)), None)
        # the change from the most authoritative section too ("mature and stable compared with 10/2025" in the
        # impression over the findings' story of how it grew before that: round 16, 308 was told "larger than before")
        changed = [f for f in group if f.change]
        change = max(changed, key=lambda f: (authority.of(f.section), -f.start)).change if changed else None
        # the first size given ("Heterotopic ossification:" heads a list whose "3.1 x 1.4 cm bar of heterotopic
        # bone" is the size: round 15, 292 showed none)
        size = next((f.size for f in group if f.size), None)
        laterality = next((f.laterality for f in group if f.laterality), side)
        merged.append(replace(group[0], grade=grade, maturity=maturity, change=change, size=size,
                              laterality=laterality))
    return merged


def _joint_and_its_segments(region: tuple[str, ...]) -> bool:
    joints = [site for site in region if site in JOINT_SEGMENTS]
    return len(joints) == 1 and set(region) - {joints[0]} <= JOINT_SEGMENTS[joints[0]]


def _join_limb_segments(places: dict[tuple[tuple[str, ...], str | None], list[Finding]]) -> None:
    """"A bar from the lateral femoral condyle to the fibular head" (knee and lower leg) beside "HO bridging the
    right knee": a mention at one joint and the limb segments next to it is HO about that joint, when the report
    also names the joint on its own on that side, not another lesion."""
    for key in [k for k in places if len(k[0]) > 1]:
        region, side = key
        if not _joint_and_its_segments(region):
            continue
        joints = [site for site in region if site in JOINT_SEGMENTS]
        # the joint on the same side; a mention with no side joins the joint's one sided lesion
        own = [k for k in places if k[0] == (joints[0],) and (k[1] == side or side is None)]
        if len(own) == 1:
            places[own[0]].extend(places.pop(key))
    # "left knee (medial, distal thigh) - early / active", then "uptake in the medial left distal thigh": the segment
    # the joint's lesion already reaches into, on its side, is that lesion (round 4, 83 had a thigh and a knee line)
    for key in [k for k in places if len(k[0]) == 1 and k[1] is not None]:
        reaches = [k for k in places if k != key and k[1] == key[1] and len(k[0]) == 1
                   and key[0][0] in JOINT_SEGMENTS.get(k[0][0], ()) and any(key[0][0] in f.sites for f in places[k])]
        if len(reaches) == 1:
            places[reaches[0]].extend(places.pop(key))


def _split_listed_places(places: dict[tuple[tuple[str, ...], str | None], list[Finding]]) -> None:
    """"HO of the right elbow and right shoulder", then "the elbow HO" and "the shoulder HO": a mention that
    lists places each named on its own elsewhere is those lesions, not a third one. Its mentions join the
    first place's lesion, and its side goes to each place named without one."""
    for key in [k for k in places if len(k[0]) > 1]:
        region, side = key
        own = {site: [k for k in places if k[0] == (site,)] for site in region}
        if not all(own.values()) or _joint_and_its_segments(region):  # "left knee (distal thigh)" is one place
            continue
        findings = places.pop(key)
        for site in region:
            if side is not None and ((site,), side) not in places and ((site,), None) in places:
                places[((site,), side)] = places.pop(((site,), None))
        first = next(k for k in places if k[0] == (region[0],))
        places[first].extend(replace(f, sites=(region[0],)) for f in findings)


def _split_both_sides(places: dict[tuple[tuple[str, ...], str | None], list[Finding]]) -> None:
    """"Bilateral hip HO: mature on the right, immature on the left" after a finding for each side: the two
    lesions, not a third "both sides" one. Its mentions join the right side's lesion; their maturity, which may
    mix the two sides' ("maturing"), goes to both sides only where neither says its own ("bone scan: active
    (immature) HO anterior to both hips", then a Brooker grade for each side)."""
    for region, side in [k for k in places if k[1] == "bilateral"]:
        # one side named on its own: the "both sides" mention is the other side's too, and what it says of only one
        # side is the other's ("Left hip: ... (Brooker grade I)" and "Bilateral hip HO (R Brooker III, L Brooker I)":
        # round 24, 439 was shown Brooker III at both hips)
        # (only where the two give different grades: a "both sides" read from words that are not a side's, beside the
        # one side's own grade, stays as it was: round 14, 261)
        named = [s for s in ("right", "left") if (region, s) in places]
        own_grades = {f.grade for s in named for f in places[(region, s)] if f.grade}
        both_grades = {f.grade for f in places[(region, side)] if f.grade}
        if len(named) == 1 and own_grades and both_grades and not both_grades & own_grades:
            other = "left" if named[0] == "right" else "right"
            places[(region, other)] = [replace(f, laterality=other) for f in places.pop((region, side))]
            continue
        if (region, "right") in places and (region, "left") in places:
            both = places.pop((region, side))
            own = any(f.maturity for one_side in ("right", "left") for f in places[(region, one_side)])
            places[(region, "right")].extend(replace(f, maturity=None if own else f.maturity, laterality="right")
                                             for f in both)
            # (its maturity only: its grade is the right side's, "R Brooker III, L Brooker II": round 11, 208)
            if not own:
                places[(region, "left")].extend(replace(f, laterality="left", grade=None) for f in both if f.maturity)


DESCRIBED = ("present", "possible", "historical", NOT_IMAGED)  # statuses that describe HO the patient has or had
MEASURED = "measured"  # the movement the report measures (guidance/measures.py; content: report.measured)
CORRECTED = "corrected"  # an addendum changed what the report first said of the HO (content: report.corrected)
SECOND_OPINION = "second_opinion"  # this study says no HO where another hospital's report named it
DISAGREES = re.compile(r"\b(?:disagree|do not agree|don't agree|differ from|contrary to) with\b|\bdisagree\b",
                       re.IGNORECASE)
# a later report pasted below replaces the look-alike an earlier one named with HO (content: report.replaces_look_alike)
REPLACES_LOOK_ALIKE = "replaces_look_alike"
# the later report's own word that it replaces the earlier (a conclusion then a comment is one report: round 16, 304)
SUPERSEDES = re.compile(r"\bsupersed|\bsecond opinion\b|\breplaces (?:the|this|that) (?:earlier|previous|first|"
                        r"prior)\b", re.IGNORECASE)
# ... a final report over the preliminary one it replaces (content: report.replaces_preliminary)
REPLACES_PRELIMINARY = "replaces_preliminary"
PRELIMINARY_THEN_FINAL = re.compile(r"\bfinal report\b[^.\n]{0,40}\bsupersedes\b[^.\n]{0,20}\bpreliminary\b",
                                    re.IGNORECASE)
OTHER_FINDINGS = "other_findings"  # the conclusion leads with something else (guidance/other_findings.py)
FOP_ONLY = "fop_only"  # the report names FOP but no HO term (content: report.fop_only)
FLARE_NOW = "flare_now"  # an FOP flare-up the report describes now (content: report.flare_now)
NOTHING_NEW = "nothing_new"  # "no new HO", "no recurrence of HO": said as such, never as "there is no HO"


def _quoted(text: str, finding: Finding) -> bool:
    """The mention stands inside quotation marks opened earlier in its sentence."""
    before = text[finding.sentence_start:finding.start]
    return (before.count('"') + before.count("\u201c") - before.count("\u201d")) % 2 == 1


def _corrected_by_addendum(reading: Reading) -> list[Finding]:
    """The addendum's mentions of the patient's HO, where they say otherwise than the report's body did ("IMPRESSION:
    possible HO" then "ADDENDUM: ... an olecranon bursa; no HO"): the patient should know the first words were
    changed, not only read the last ones."""
    about = [f for f in reading.findings if f.experiencer == "patient" and f.status in (*DESCRIBED, "absent")]
    # (the first words quoted by the addendum are what it corrects: 'This supersedes the statement "No heterotopic
    # ossification" in the original report above', round 25, 462)
    added = [f for f in about if f.section == ADDENDUM and not _quoted(reading.text, f)]
    before = {f.status for f in about if f.section != ADDENDUM and f.start < min((a.start for a in added), default=0)}
    return added if added and before and {f.status for f in added}.isdisjoint(before) else []


def restate_report(view: CaseView, kb: KnowledgeBase, fop: bool = False) -> list[ReportStatement]:
    """One plain statement per status (present, possible, from before …), each with one detail
    line per lesion (place and side), in the order the report first names them; with ``fop`` (suspected or known),
    a flare-up the report describes now."""
    groups: dict[str, tuple[list[Detail], list[Evidence], list[str]]] = {}
    authority = section_authority(kb)
    compared = view.compared_with_prior  # one look at the reports, not one per mention
    undetermined = view.maturity is None and bool(view.affirmed("course", "maturity_undetermined"))
    # HO a diagnosis names that the report's operation took out, none left (CaseView.overall_status)
    removed_since = view.overall_status == "historical" and view.removed_and_none_left()
    for i, reading in enumerate(view.case.readings):
        cross_sectional = bool(CROSS_SECTIONAL.search(reading.text, 0, STUDY_HEADER_CHARS))
        by_status: dict[str, list[Finding]] = {}
        for finding in _said_by_the_study(reading, authority):
            status: str = finding.status if finding.experiencer == "patient" else _someone_else(reading, finding)
            # "no new HO" is not "there is no HO": it says nothing about HO already there
            if status == "absent" and nothing_new(finding, reading.text):
                status = NOTHING_NEW
            # ... nor is "HO not confirmed" beside a suspicion, or a question ("HO excluded on XR though??"): the
            # report is not sure (round 33, 610 was told both "there is no HO" and "not sure if this is HO")
            elif status == "absent" and _unsure(finding, reading.text):
                status = "possible"
            if status == "historical" and any(t.category == "historical" and NOT_THIS_STUDY.search(t.phrase)
                                              for t in finding.triggers):
                status = NOT_IMAGED
            if status == "present" and removed_since:
                finding, status = replace(finding, status="historical"), "historical"
            by_status.setdefault(status, []).append(finding)
        _sure_at_the_same_place(by_status, reading.text)
        # (or the side or the grade it took back: "on the RIGHT, not the left ... Brooker grade II, not grade III",
        # round 32, 586 asked "Which one is true?")
        taken_back = {(t.start, t.end): t.phrase for f in reading.findings for t in f.triggers if took_back(t)}
        if taken_back:
            groups.setdefault(CORRECTED, ([], [], []))[1].extend(Evidence(start, end, phrase, i)
                                                                 for (start, end), phrase in taken_back.items())
        if corrected := _corrected_by_addendum(reading):
            groups.setdefault(CORRECTED, ([], [], []))[1].extend(Evidence(f.start, f.end, f.text, i) for f in corrected)
            # what the addendum corrected is not said as well ("Your report says there is no HO" beside the HO it
            # found: round 25, 462 asked "So which is it?")
            now = {f.status for f in corrected}
            by_status = {status: findings for status, findings in by_status.items() if status in now
                         or status not in (*DESCRIBED, "absent")}
        # the patient should know this report disagrees with the one they may have read first (round 13, 247: a
        # second opinion, "The density called HO on the outside report represents an old ... avulsion fragment")
        # ... and the other way round: two reports pasted, the later one finding HO where the first named a look-alike
        # ("Calcific tendinitis of supraspinatus" in July, "Mature post-traumatic heterotopic ossification ... NOT
        # calcific tendinitis. This report SUPERSEDES the conclusion of the 16/07/2026 report": round 28, 516 asked
        # "which one is right?")
        replaced = [m for m in reading.mimics if m.status != "absent" and view.superseded(i, m.start)] \
            if view.overall_status == "present" and SUPERSEDES.search(reading.text) else []
        if replaced:
            # (a consultant's final report over a registrar's preliminary one says so in its own words: round 32, 590
            # was asked to check "which report to go by" beside "This final report supersedes the preliminary report")
            group = REPLACES_PRELIMINARY if PRELIMINARY_THEN_FINAL.search(reading.text) else REPLACES_LOOK_ALIKE
            groups.setdefault(group, ([], [], []))[1].extend(Evidence(m.start, m.end, m.text, i) for m in replaced)
        # (or HO this report's sentence denies while it says it disagrees with an earlier report that named it: "It is
        # NOT heterotopic ossification ...; I respectfully disagree with the report of 06/10/2026", round 30, 552)
        named_before = min((f.start for f in reading.findings if f.experiencer == "patient"
                            and f.status in ("present", "possible")), default=len(reading.text))
        if disputed := [f for f in reading.findings if f.experiencer == "patient" and f.status == "absent"
                        and (another_reading(f) or (named_before < f.start and DISAGREES.search(
                            reading.text, f.sentence_start, _line_end(reading.text, f.sentence_end))))]:
            groups.setdefault(SECOND_OPINION, ([], [], []))[1].extend(Evidence(f.start, f.end, f.text, i)
                                                                      for f in disputed)
        for status, findings in by_status.items():
            groups.setdefault(status, ([], [], []))[1].extend(_words_for(f, i) for f in findings)
        for status, findings in by_status.items():
            # ("no recurrence of HO" at the right hip says where: round 9, 167 has HO at the left one)
            if status not in (*DESCRIBED, "absent", NOTHING_NEW):
                continue
            lines, _, citations = groups[status]
            superseded = frozenset(f.start for f in findings if view.superseded(i, f.start))
            fillers = _fillers(reading, findings) if status == "present" else []
            for lesion in _lesions(findings, authority, superseded, reading.text):
                # only where: its "new" and its grade belong to HO it says is not there ("How mature: mature" beside
                # no HO at the lower leg: round 19, 357's calcified muscle)
                if status in (NOTHING_NEW, "absent"):
                    lesion = replace(lesion, change=None, maturity=None, grade=None, size=None)
                elif undetermined:  # "the maturity cannot be determined from this study"
                    lesion = replace(lesion, maturity=None)
                elif status == "present":
                    lesion = _filled_in(lesion, fillers)
                details, refs = _details(lesion, kb, compared, cross_sectional, removed_since)
                line = " ".join(text for text, _ in details)
                if line and line not in [text for text, _ in lines]:
                    lines.append((line, tuple(dict.fromkeys(k for _, keys in details for k in keys))))
                citations += refs
        # A possible bone tumour is never listed among harmless look-alikes: the tumour red flag speaks of it.
        # (nor one an addendum withdraws: "Not tendon calcification", round 8 second re-read, 156)
        addendum = next((section.start for section in reading.sections if section.id == ADDENDUM), len(reading.text))
        withdrawn = {m.concept for m in reading.mimics if m.status == "absent" and m.start >= addendum}
        # ... nor one only queried and then ruled out ("?calcinosis cutis" in the details, "not calcinosis cutis" in
        # the microscopy: round 20, 378)
        said_of: dict[str, set[str]] = {}
        for m in reading.mimics:
            said_of.setdefault(m.concept, set()).add(m.status)
        withdrawn |= {c for c, statuses in said_of.items() if statuses == {"possible", "absent"}}
        if view.overall_status in ("present", "possible"):
            withdrawn |= ONLY_INSTEAD_OF_HO
        mimics = [m for m in reading.mimics if (m.status != "absent" or m.concept in OTHER_MEANINGS)
                  and m.concept not in SERIOUS_MIMICS and m.concept not in withdrawn
                  and m not in replaced]  # said as replaced
        if mimics:
            labels = ", ".join(dict.fromkeys(kb.label("mimic", m.concept) for m in mimics))
            lines, evidence, _ = groups.setdefault("mimic", ([], [], []))
            lines.append((f"Words like this in your report: {labels}.", ()))
            evidence += [Evidence(m.start, m.end, m.text, i) for m in mimics]
    # a flare-up now is no HO yet, but it is the news of the report (round 23, 429: "New soft tissue swelling in L
    # lower back muscles - appearance of an early FOP flare-up" was missing from what the report says)
    if fop and (flares := flares_now(view)):
        groups[FLARE_NOW] = ([], [Evidence(f.item.start, f.item.end, f.item.text, f.reading) for f in flares], [])
    # the movement the report measures, in its own words, where it describes HO the patient has or had
    if any(g in groups for g in DESCRIBED) and (measured := measured_movement(view)):
        groups[MEASURED] = ([(f'"{quote}"', ()) for quote in measured], [], [])  # the quote is its own evidence
    # Beside HO the report does describe, "only as a risk" would contradict it, and a bare "there is no
    # HO" too: the absent line stays only with the places it names ("no HO on the left").
    if any(g in groups for g in DESCRIBED):
        groups.pop("hypothetical", None)
        if "absent" in groups and not groups["absent"][0]:
            del groups["absent"]
    said = []
    for group, (lines, evidence, refs) in groups.items():
        statement = kb.statement(f"report.{group}")
        said.append(ReportStatement(group, statement.patient, tuple(text for text, _ in lines), tuple(evidence),
                                    kb.patient_refs((*statement.refs, *refs)), statement.patient_refs,
                                    tuple(keys for _, keys in lines)))
    # the conclusion's first lines, where they are about something else (a kidney stone, a loose stem: round 10)
    if others := other_findings(view):
        statement = kb.statement(f"report.{OTHER_FINDINGS}")
        said.insert(0, ReportStatement(OTHER_FINDINGS, statement.patient, tuple(f'"{words}"' for words, _ in others),
                                       (), kb.patient_refs(statement.refs),  # the quotes are their own evidence
                                       statement.patient_refs, tuple(() for _ in others)))
    if not any(s.status not in ("mimic", OTHER_FINDINGS) for s in said):
        # a report that names FOP but no HO term ("strongly suspicious for a flare-up of FOP": round 10, 201)
        status = FOP_ONLY if view.overall_status in ("present", "possible") else "none"
        statement = kb.statement(f"report.{status}")
        said.insert(0, ReportStatement(status, statement.patient, (), (), kb.patient_refs(statement.refs),
                                       statement.patient_refs))
    return said


def _words_for(finding: Finding, reading: int) -> Evidence:
    """The report's words for a finding: the mention, or for one an addendum took back the words that did ("on the
    RIGHT, not the left": round 32, 586), which lie outside its sentence."""
    outside = [t for t in finding.triggers if took_back(t)
               and not finding.sentence_start <= t.start < finding.sentence_end]
    if finding.status == "absent" and outside:
        return Evidence(outside[-1].start, outside[-1].end, outside[-1].phrase, reading)
    return Evidence(finding.start, finding.end, finding.text, reading)


# the causes that run in families: a relative's HO after anything else is the acquired kind
INHERITED_CAUSES = frozenset({"fop", "other_genetic"})


def _someone_else(reading: Reading, finding: Finding) -> str:
    """The group of HO the report gives to another person: the acquired kind where its sentence names an operation or
    an injury it followed ("brother developed heterotopic ossification after his hip replacement")."""
    acquired = any(f.kind == "cause" and f.concept not in INHERITED_CAUSES
                   and finding.sentence_start <= f.start < finding.sentence_end for f in reading.facts)
    return "other_person_acquired" if acquired else "other_person"
