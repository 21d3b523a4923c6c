"""What a report concludes first when it is not the HO: the kidney stone of a CT done for flank pain, the loose
stem of a hip X-ray, the cyclops lesion of a knee MRI.

A patient reads the conclusion's first lines first. When they are about something else, the page says so and
quotes them, so the HO is not taken for the reason the scan was done, or for what the plan is about; it does
not explain them (the knowledge base is about HO). The items quoted are the conclusion's numbered or bulleted
items (or its sentences) before the first one that names HO or a look-alike, at most ``MAX_ITEMS``.
"""

from __future__ import annotations

import re
from itertools import pairwise

from hoguide.guidance.view import CaseView
from hoguide.models.assessment import Evidence
from hoguide.models.reading import Reading

CONCLUSIONS = ("impression", "diagnosis")  # section_rules.yaml: "IMPRESSION", "Conclusion", "DIAGNOSIS"
ITEM = re.compile(r"(?m)^[ \t]*(?:\d{1,2}[.)]|[-\u2022*])[ \t]+")  # "1. ", "2) ", "- ", "• "
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
FOP = "fop"
CLOSING = "closing"  # lexicon/next_step.yaml: "Dictated by", "Electronically signed", "Yours sincerely"
# an item that only reassures ("Stable reverse TSA, no loosening", "Intact ACL graft") is no other finding to explain
REASSURING = re.compile(r"\b(?:satisfactory|unremarkable|no complications?|no loosening|intact|well[- ]fixed|"
                        # an old injury mended ("L distal radius fracture ... treated in cast, united": round 25, 463)
                        r"well[- ]positioned|in (?:good|satisfactory) position|united|healed)\b", re.IGNORECASE)
REASSURING_START = re.compile(r"(?:stable|normal|no|negative)\b", re.IGNORECASE)  # "Stable reverse TSA", "No DVT"
# a pathology conclusion's specimen labels ("A & B. LEFT ELBOW ... EXCISION:": round 25, 455 was told its conclusion
# starts with "A & B.")
SPECIMEN_LABEL = re.compile(r"[A-H](?:\s*(?:&|and|,|-)\s*[A-H])*\s*[.:)]?")
# a sign-off that opens with who reported it ("Reported: Dr F. Gallagher-Rao, ST4 Radiology": round 25, 462 quoted it)
SIGNED_BY = re.compile(r"(?:Reported|Dictated|Signed|Verified|Authori[sz]ed|Electronically signed)(?: by)?:?[ \t]+"
                       r"(?:Dr|Mr|Mrs|Ms|Miss|Prof)\b")
MAX_ITEMS = 2
# an item about a cancer (its spread staged, a lesion suspicious for one): the steps it names are that cancer's
CANCER = re.compile(r"metasta|malignan|carcinoma|cancer|lymphoma|myeloma", re.IGNORECASE)
OSSIFIED = re.compile(r"\bossification\b", re.IGNORECASE)  # (not "ossified lesion": a surface tumour's, 449)
SIDE_WORD = re.compile(r"\b(left|right)\b", re.IGNORECASE)
MAX_CHARS = 200
TREATMENT_LEAD_WORDS = 2  # words before the operation an item opens with ("Arthroscopic arthrolysis")


def other_findings(view: CaseView) -> list[tuple[str, Evidence]]:
    """The conclusion's first items that name no HO, as one line each, with where they are (the first report
    that names HO and has a conclusion)."""
    for index, reading in enumerate(view.case.readings):
        section = next((s for s in reading.sections if s.id in CONCLUSIONS), None)
        if section is None or not _names_ho(reading, 0, len(reading.text)):
            continue
        quoted: list[tuple[str, Evidence]] = []
        for start, end in _items(reading.text, section.start, section.end):
            if _names_ho(reading, start, end) or len(quoted) == MAX_ITEMS or _signed(reading, start, end) \
                    or SIGNED_BY.match(reading.text, start):  # "Reported: Dr F. Gallagher-Rao" (round 25, 462)
                break
            item = reading.text[start:end]
            if REASSURING.search(item) or REASSURING_START.match(item):
                continue  # "Satisfactory appearance of the left THA. No complication.": said among the reassurances
            if SPECIMEN_LABEL.fullmatch(item.strip()) or _names_a_cause(view, index, start, end) \
                    or _names_a_treatment_had(reading, start, end):
                # ... nor is a label, or the injury or illness the explanation names as the cause ("T6 AIS A
                # paraplegia, traumatic - fall from scaffolding" heading a letter's diagnoses: round 25, 460), or an
                # operation or medicine had ("2. Arthroscopic arthrolysis ... R elbow 27/08/2026": round 26, 483)
                continue
            words = " ".join(item.split())
            if len(words) > MAX_CHARS:
                words = words[:words.rfind(" ", 0, MAX_CHARS)] + " ..."
            quoted.append((words, Evidence(start, end, item, index)))
        return quoted
    return []


def _names_ho(reading: Reading, start: int, end: int) -> bool:
    """An HO mention, a look-alike or FOP (the disease of HO) between the offsets."""
    # (or a bone word the reader does not take for HO alone: "Ossification within the R Achilles tendon following
    # open repair" heading a letter's diagnosis, round 28, 515, is the HO, no other finding)
    return (any(start <= f.start < end for f in reading.findings)
            or OSSIFIED.search(reading.text, start, end) is not None
            or any(start <= m.start < end for m in reading.mimics)
            or any(start <= f.start < end for f in reading.facts if f.kind == "cause" and f.concept == FOP))


def _names_a_cause(view: CaseView, index: int, start: int, end: int) -> bool:
    return any(e.reading == index and start <= e.start < end for evidence in view.causes().values() for e in evidence)


def _names_a_treatment_had(reading: Reading, start: int, end: int) -> bool:
    """The item is an operation or a medicine had: it opens with one ("Excision and split skin grafting ...");
    a diagnosis that names one later ("R haemophilic elbow arthropathy; s/p open synovectomy ...") is a finding."""
    return any(start <= f.start < end and f.kind == "treatment" and f.status in ("present", "historical")
               and len(reading.text[start:f.start].split()) <= TREATMENT_LEAD_WORDS for f in reading.facts)


def _signed(reading: Reading, start: int, end: int) -> bool:
    """The item is the report's signature ("Dictated by: ... Signed 12/04/2026": round 21, 391 quoted it as a finding),
    where the conclusion ends."""
    return any(start <= f.start < end for f in reading.facts if f.kind == "next_step" and f.concept == CLOSING)


def _items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The numbered or bulleted items of a section's body, else its sentences; each trimmed of its marker."""
    body = text[start:end]
    marks = list(ITEM.finditer(body))
    if marks:
        bounds = [(m.end(), marks[i + 1].start() if i + 1 < len(marks) else len(body)) for i, m in enumerate(marks)]
        # a paragraph after the last item ("Recommend urology review ...") is the plan, not a finding
        last_start, last_end = bounds[-1]
        paragraph = body.find("\n\n", last_start, last_end)
        if paragraph != -1:
            bounds[-1] = (last_start, paragraph)
    else:
        cuts = [0, *(m.end() for m in SENTENCE_END.finditer(body)), len(body)]
        bounds = list(pairwise(cuts))
    spans = []
    for a, b in bounds:
        piece = body[a:b]
        stripped = piece.strip()
        if stripped:
            lead = a + piece.index(stripped[0])
            spans.append((start + lead, start + lead + len(stripped)))
    return spans


def items_elsewhere(view: CaseView) -> list[tuple[Evidence, bool]]:
    """The quoted items about something other than the HO, where any step they name is that thing's, not the HO's: a
    cancer ("Solitary avid T10 vertebral lesion, suspicious for bone metastasis. Recommend MRI whole spine": round
    28, 512 was told the MRI helps tell HO apart from other lumps), or a finding on the other side from all the HO
    ("Left hip osteoarthritis ... consider referral to orthopaedics" beside right hip HO: 526 was told the surgeon can
    say if the HO needs treatment). Each with whether it is about a cancer."""
    sides = {f.item.laterality for f in view.current} & {"left", "right"}
    elsewhere = []
    for words, evidence in other_findings(view):
        named = {side.lower() for side in SIDE_WORD.findall(words)}
        cancer = bool(CANCER.search(words))
        if cancer or (len(sides) == 1 and len(named) == 1 and named != sides):
            elsewhere.append((evidence, cancer))
    return elsewhere
