"""The status block's details (site, side, grade, maturity) against a case's expectations (issue 15).

The block is the statement of "What your report says" for the status the case expects (else the first of
present, possible, historical, not imaged (known HO this study did not image), absent that has detail lines);
each of its lines is one lesion, read back from the words a patient sees ("Where: hip (left). Grade: Brooker III.
... How mature: mature.").

The expectations (tests/data/fictional_cases/*/expectations.yaml) are a clinician's free text. A field is
scored only where it is not null, and a grade only where it is a plain list of grades ("Brooker III (right),
Brooker II (left)"); descriptions ("bony ankylosis (no formal grade)", "Brooker IV before excision; none now")
are left unscored. Each scored field is ``right``, ``missing`` or ``wrong``:

- site: right when the main site (the first the expectation names outside brackets) is on some line and no line
  names a site the expectation does not name; wrong when a line names such a site (an invented place, worse
  than none: a limb segment next to a joint the expectation names, "thigh" beside "hip", or the joint next to a
  segment it names, is not invented, and the pelvis and the hip socket are the hip);
  missing when no line says where, or only part of the expected places is shown without inventing any.
- side: the sides of the lines together ("both sides" is left and right); right when they are the expected
  ones, wrong when one is not expected (the right side of a left Achilles), else missing.
- grade: right when the grades shown are the expected ones; wrong when one shown is not expected; else missing.
- maturity: "unknown" is right when no line says a maturity and wrong when one does; a known one is right when
  the maturities shown are the expected ones (a mixed expectation names each), wrong when one shown is not
  expected, missing when none is shown.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from hoguide.knowledge.loader import KnowledgeBase, load_knowledge
from hoguide.models.assessment import Assessment

FIELDS = ("site", "side", "grade", "maturity")
BLOCK_ORDER = ("present", "possible", "historical", "not_imaged", "absent")  # not_imaged: known HO not imaged
# The places that are the hip joint itself; and the limb segments next to a joint (as the report's lesions join them)
SAME_PLACE = {"hip": {"pelvis", "acetabulum"}, "pelvis": {"hip", "acetabulum"}, "acetabulum": {"hip", "pelvis"}}
NEXT_TO = {"hip": {"thigh"}, "knee": {"thigh", "leg"}, "elbow": {"upper_arm", "forearm"},
           "shoulder": {"upper_arm"}, "ankle": {"leg", "foot"}, "wrist": {"forearm", "hand"},
           "residual_limb": {"thigh", "upper_arm", "leg", "forearm"}}
for _joint, _segments in list(NEXT_TO.items()):  # and the other way: "elbow" beside forearm HO is not invented
    for _segment in _segments:
        NEXT_TO.setdefault(_segment, set()).add(_joint)
SYSTEMS = {"brooker": "Brooker", "hastings-graham": "Hastings-Graham", "della valle": "Della Valle"}
GRADE = re.compile(r"\b(Brooker|Hastings-Graham|Della Valle)\s+(IV|III|II[ABC]?|I|[ABC])\b")
# a plain list of grades, each with an optional side: "Brooker III (right), Brooker II (left)", "Brooker III left"
PLAIN_GRADES = re.compile(r"^(?:\s*(?:Brooker|Hastings-Graham|Della Valle)\s+(?:IV|III|II[ABC]?|I|[ABC])"
                          r"(?:\s*\(?(?:left|right|bony ankylosis)\)?)?\s*[,;]?)+$")
MATURITIES = ("immature", "maturing", "mature", "unknown")


@lru_cache(maxsize=1)
def _site_words() -> tuple[list[tuple[re.Pattern[str], str]], list[tuple[str, str]]]:
    """Each site term as a pattern with its id (for the expectation's words), and each label (for the block's)."""
    kb: KnowledgeBase = load_knowledge()
    concepts = kb.concepts("site")
    # (a guarded term too: "neck", which an implant's neck beside it makes no site)
    terms = sorted(((t, c.id) for c in concepts for t in (*c.terms, *(t for g in c.guarded for t in g.terms),
                                                          c.id.replace("_", " "))),
                   key=lambda p: -len(p[0]))
    # words of the expectations the lexicon does not hold ("trapezius" reaches from the neck to the shoulder)
    extra = [("calf", "leg"), ("upper back", "spine"), ("achilles", "ankle"), ("stump", "residual_limb"),
             ("trapezius", "shoulder")]
    patterns = [(re.compile(rf"\b{re.escape(t)}\b", re.IGNORECASE), i) for t, i in [*extra, *terms]]
    labels = sorted(((c.label, c.id) for c in concepts), key=lambda p: -len(p[0]))
    return patterns, labels


def _sites_in(text: str) -> list[str]:
    """The site ids an expectation's words name, in order."""
    patterns, _ = _site_words()
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for pattern, site in patterns:  # longest first: "femoral neck" is the hip, not the neck
        for m in pattern.finditer(text):
            if not any(a < m.end() and m.start() < b for a, b in taken):
                taken.append((m.start(), m.end()))
                found.append((m.start(), site))
    return list(dict.fromkeys(site for _, site in sorted(found)))


def _outside_brackets(text: str) -> str:
    return re.sub(r"\([^)]*\)", " ", text.split("#")[0])


def block_lines(a: Assessment, status: str) -> list[str]:
    """The detail lines of the status block."""
    says = {s.status: s for s in a.report_says}
    for group in (status, *BLOCK_ORDER):
        if group in says and says[group].details:
            return [line for line in says[group].details if line.startswith(("Where:", "Grade", "Size:", "How"))]
    return []


def read_line(line: str) -> dict[str, Any]:
    """One lesion line read back: its sites, sides, grades and maturity."""
    _, labels = _site_words()
    lesion: dict[str, Any] = {"sites": [], "sides": set(), "grades": set(), "maturity": None}
    where = re.match(r"Where: (.*?)(?: \((left|right|both sides)\))?\.(?: |$)", line)
    if where:
        rest = where.group(1)
        for label, site in labels:
            if label in rest:
                lesion["sites"].append(site)
                rest = rest.replace(label, " ")
        side = where.group(2)
        lesion["sides"] = {"left", "right"} if side == "both sides" else {side} if side else set()
    for system, value in re.findall(r"Grade[^:]*: (Brooker|Hastings-Graham|Della Valle) (\w+)\.", line):
        lesion["grades"].add((system, value))
    maturity = re.search(r"How mature: (\w+)", line)
    if maturity:
        lesion["maturity"] = maturity.group(1)
    return lesion


def _score_site(expected: str, lesions: list[dict[str, Any]]) -> str:
    every = set(_sites_in(expected.split("#")[0]))
    main = _sites_in(_outside_brackets(expected))
    shown = {s for lesion in lesions for s in lesion["sites"]}
    if not shown:
        return "missing"
    accepted = every | {s for e in every for s in SAME_PLACE.get(e, set()) | NEXT_TO.get(e, set())}
    if shown - accepted:
        return "wrong"
    return "right" if not main or main[0] in shown or SAME_PLACE.get(main[0], set()) & shown else "missing"


def _score_side(expected: str, lesions: list[dict[str, Any]]) -> str:
    wanted = {"left", "right"} if expected.startswith("both") else {expected.split()[0]}
    shown = {s for lesion in lesions for s in lesion["sides"]}
    if shown - wanted:
        return "wrong"
    return "right" if shown == wanted else "missing"


def _score_grade(expected: str, lesions: list[dict[str, Any]]) -> str:
    wanted = set(GRADE.findall(expected))
    shown = {g for lesion in lesions for g in lesion["grades"]}
    if shown - wanted:
        return "wrong"
    return "right" if shown == wanted else "missing"


def _score_maturity(expected: str, lesions: list[dict[str, Any]]) -> str:
    wanted = {m for m in MATURITIES if re.search(rf"\b{m}\b", expected)}
    shown = {lesion["maturity"] for lesion in lesions if lesion["maturity"]}
    if wanted == {"unknown"}:
        return "wrong" if shown else "right"
    if shown - wanted:
        return "wrong"
    return "right" if shown == wanted - {"unknown"} else "missing"


def score_details(case: dict[str, Any], a: Assessment) -> dict[str, str]:
    """Field -> right, missing or wrong, for each field the expectation states in a form that can be scored."""
    lesions = [read_line(line) for line in block_lines(a, str(case["ho_status"]).split()[0])]
    scored: dict[str, str] = {}
    if case.get("site"):
        scored["site"] = _score_site(str(case["site"]), lesions)
    if case.get("side"):
        scored["side"] = _score_side(str(case["side"]), lesions)
    if case.get("grade") and PLAIN_GRADES.match(str(case["grade"])):
        scored["grade"] = _score_grade(str(case["grade"]), lesions)
    if case.get("maturity"):
        scored["maturity"] = _score_maturity(str(case["maturity"]), lesions)
    return scored
