"""The report-level HO status: one answer to "does this report say the patient has HO now?".

The most authoritative section that says something about the patient's HO decides (an addendum
corrects the impression, the impression sums up the findings, a clinical history only asks;
``section_rules.yaml`` gives each section its ``authority``). Within that section the first of
present > possible > absent > historical wins: what the study shows now outranks the patient's
past ("HO excised in 2019; no HO now" is absent now), and "no HO on the right; possible HO on the
left" is possible. A negation of something new ("no new HO", "without further HO", "no recurrence
of HO") says nothing about the HO already known, so it decides only when nothing else is said:
"stable FOP without new HO" with established HO in the findings is present, and "HO excised; no
recurrence of HO" is historical. Where the HO named in a clinical history is the only HO and the study
says it has not come back ("no recurrence of HO"), that mention is historical (``gone_since``).
Mentions that are hypothetical or about someone else never decide;
a report with only those is "hypothetical", one with none "not_mentioned".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import Literal

from hoguide.knowledge.loader import KnowledgeBase
from hoguide.knowledge.schema import BODY_AUTHORITY, SectionRule
from hoguide.models.reading import Finding, Status, Trigger

ReportStatus = Literal["present", "possible", "absent", "historical", "hypothetical", "not_mentioned"]
REPORT_STATUSES: tuple[ReportStatus, ...] = (
    "present", "possible", "absent", "historical", "hypothetical", "not_mentioned",
)
CURRENT_PRECEDENCE: tuple[Status, ...] = ("present", "possible", "absent", "historical")
# "No new", "without further", "no recurrence of" before a mention: a negation of something new (a closed
# set of English words of novelty), looked for between the sentence's start and the mention.
NOTHING_NEW = re.compile(r"\b(?:no|not|without|nor|free of)\b.{0,40}?\b(?:new|further|additional|more|"
                         r"recurren\w*|recurr\w*)\b", re.IGNORECASE | re.DOTALL)
# "No recurrence of HO", "no recurrent HO": the HO was there before and has not come back.
NOT_BACK = re.compile(r"\b(?:no|not|without|nor|free of)\b.{0,40}?\brecurr\w*", re.IGNORECASE | re.DOTALL)
_REMOVED = re.compile(r"excis|resect|remov|debulk", re.IGNORECASE)
STATUS_RULE = ("patient findings of the most authoritative section (addendum > impression > findings > history); "
               "there present > possible > absent > historical; only hypothetical: hypothetical; "
               "none: not_mentioned")


class SectionAuthority:
    """Each section's ``authority`` (section_rules.yaml); text under no header counts as findings."""

    def __init__(self, rules: Iterable[SectionRule]) -> None:
        self._by_id = {rule.id: rule.authority for rule in rules}

    def of(self, section: str | None) -> int:
        return self._by_id.get(section, BODY_AUTHORITY) if section else BODY_AUTHORITY


@lru_cache(maxsize=4)
def section_authority(kb: KnowledgeBase) -> SectionAuthority:
    return SectionAuthority(kb.section_rules)


def nothing_new(finding: Finding, text: str) -> bool:
    """Is this an absent mention that only says nothing new ("no new HO", "no recurrence of HO")?"""
    return finding.status == "absent" and bool(NOTHING_NEW.search(text, finding.sentence_start, finding.start))


def deciding_findings(findings: Sequence[Finding], authority: SectionAuthority, text: str) -> list[Finding]:
    """The patient's findings that decide the report's status, in text order."""
    about_patient = [f for f in findings if f.experiencer == "patient" and f.status in CURRENT_PRECEDENCE]
    if not about_patient:
        return []
    not_back = [f for f in about_patient if f.status == "absent" and NOT_BACK.search(text, f.sentence_start, f.start)]
    about_patient = [f for f in about_patient if not nothing_new(f, text)] or about_patient
    rank = [authority.of(f.section) for f in about_patient]
    top = max(rank)
    in_top = [f for f, r in zip(about_patient, rank, strict=True) if r == top]
    # a question asked in the past or on another study ("Outside X-ray (08/2026) reported as ? HO") is no hedge
    # of this study: beside this study's own word ("Features are NOT those of HO") it is history (round 10, 202)
    earlier = [f for f in in_top if asked_before(f)]
    if earlier and len(earlier) < len(in_top):
        in_top = [f for f in in_top if not asked_before(f)]
    status = next(s for s in CURRENT_PRECEDENCE if any(f.status == s for f in in_top))
    if status == "absent":
        # a story told in order: no HO on an earlier film, then HO that formed and was taken out ("Post-arthroscopy
        # films: no HO. ... Brooker III HO by 9 months ... excision of HO, 17/11/2026": round 27, 499); the last word
        # is the removal
        denied = [f for f in in_top if f.status == "absent"]
        removed_after = [f for f in in_top if f.status == "historical" and f.start > max(d.start for d in denied)
                         and any(_REMOVED.search(t.phrase) for t in f.triggers if t.category == "historical")]
        if removed_after:
            return removed_after
    if status == "absent" and not_back:
        # "HO excised 2025 ... no recurrence of HO ... (other hip:) no HO": the patient's HO is their past, not
        # never had; the plain "no HO" is about this study, which the "no recurrence" already said
        past = [f for f in about_patient if f.status == "historical"]
        if past:
            return past
    return [f for f in in_top if f.status == status]


def asked_before(finding: Finding) -> bool:
    """A hedge in a past or another study's frame: "Outside X-ray (08/2026) reported as ? HO"; or the question a
    referrer asked, which the letter answers ("Your letter queried heterotopic ossification ... I want to be clear
    that this is not HO": round 27, 494)."""
    return finding.status == "possible" and any(t.category == "historical" or t.phrase.lower() in QUERIED
                                                for t in finding.triggers)


QUERIED = frozenset({"queried", "query", "queries"})


def gone_since(findings: Sequence[Finding], authority: SectionAuthority, text: str) -> list[Finding]:
    """``findings``, with the HO that the study says has not come back made the patient's past.

    "History: excision of HO from the residual limb in 2024. Findings: no recurrence of HO": the
    history line names the HO, the study (a section above it) says it has not come back, so that HO is
    historical, not a finding now. "No new HO" beside known HO says nothing of the kind."""
    deciding = deciding_findings(findings, authority, text)
    if not deciding or deciding[0].status != "present":
        return list(findings)
    top = max(authority.of(f.section) for f in deciding)
    not_back = next((m for f in findings if f.experiencer == "patient" and f.status == "absent"
                     and authority.of(f.section) > top
                     for m in [NOT_BACK.search(text, f.sentence_start, f.start)] if m is not None), None)
    if not_back is None:
        return list(findings)
    trigger = Trigger(not_back.group(0), "historical", not_back.start(), not_back.end())
    gone = {id(f) for f in deciding}
    return [replace(f, status="historical", triggers=(*f.triggers, trigger)) if id(f) in gone else f
            for f in findings]


def withdrawn(findings: Sequence[Finding], authority: SectionAuthority, text: str) -> list[Finding]:
    """``findings``, with HO that only another hospital's report named made absent where this study's verdict is
    that there is none (round 13, 247: a second opinion, "No heterotopic ossification. The density called HO on
    the outside report represents an old, ununited medial epicondyle avulsion fragment"). A mention at another
    side, or one this study says was removed, keeps its status."""
    deciding = deciding_findings(findings, authority, text)
    if not deciding or deciding[0].status != "absent":
        return list(findings)
    denial = tuple(t for f in deciding for t in f.triggers if t.category == "negated")[:1]  # the study's "no"
    sides = {f.laterality for f in deciding if f.laterality}
    return [replace(f, status="absent", triggers=(*f.triggers, *denial))
            if f.experiencer == "patient" and f.status == "historical" and another_reading(f)
            and (not f.laterality or not sides or f.laterality in sides) else f
            for f in findings]


def another_reading(finding: Finding) -> bool:
    """HO only another hospital's report named ("OUTSIDE REPORT FOR REVIEW: ... heterotopic ossification"): a
    reading this report may dispute ("I disagree with the outside report: no HO"), not HO the patient had."""
    past = [t for t in finding.triggers if t.category == "historical"]
    return bool(past) and all("outside" in t.phrase.lower() or t.phrase.lower() in REPORTED_AS for t in past)


# another reading quoted ('... was reported as: "Extensive heterotopic ossification ... Brooker IV"': round 26, 490)
REPORTED_AS = frozenset({"was reported as", "were reported as"})


def report_status(findings: Sequence[Finding], authority: SectionAuthority, text: str) -> ReportStatus:
    deciding = deciding_findings(findings, authority, text)
    if deciding:
        return deciding[0].status
    if any(f.experiencer == "patient" and f.status == "hypothetical" for f in findings):
        return "hypothetical"
    return "not_mentioned"
