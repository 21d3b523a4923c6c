"""A pathology report of excised tissue: the HO it describes has been taken out.

"Final diagnosis: right elbow, excision: mature heterotopic ossification" is written in the present
tense, but the bone is on the pathologist's bench, no longer in the patient. When a section about the
specimen (``describes_specimen`` in the section rules) names a removal ("excision", "resected"), the
HO mentions of those sections are ``historical``, like "HO was excised". A core or needle biopsy
names no removal: its lesion is still in place. A case report says the same in its story: "the mass
was excised. Histology identified the lesion as MO" diagnoses bone that has been taken out.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import replace

from hoguide.knowledge.schema import BODY_AUTHORITY, SectionRule
from hoguide.models.reading import Finding, Section, Trigger
from hoguide.reading.phrases import any_phrase

_PLACE_AFTER = re.compile(r"\s+(?:site|sites|bed|margin|margins|cavity)\b", re.IGNORECASE)
# ... nor one only talked of: "Diagnosis: T6 ... HO mature, excision discussed, Rhys undecided" (round 32, 583's seating
# assessment, under a "Diagnosis:" heading, was told its HO had been taken out)
TALKED_OF = re.compile(r"\s+(?:(?:was|is|has been|been)\s+)?(?:discussed|considered|offered|declined|proposed|"
                        r"planned|deferred|suggested|mentioned|raised)\b", re.IGNORECASE)
# "no residual HO", "without residual heterotopic bone": none left where the operation took it out
_NONE_LEFT = re.compile(r"\b(?:no|without)\b[^.;\n]{0,30}?\bresidual\b", re.IGNORECASE)
# ... or all of it taken out: "Fluoroscopy: all visible HO excised" (round 27, 492's operation note), "the HO was
# completely excised"
_ALL_OF = re.compile(r"\b(?:all|every)\b(?:\s+[\w-]+){0,2}\s+$", re.IGNORECASE)
_IN_FULL = re.compile(r"\s+(?:(?:was|were|is|has been|have been)\s+)?(?:(?:completely|fully|entirely)\s+"
                      r"(?:excised|removed|resected)|(?:excised|removed|resected)\s+(?:completely|fully|entirely|in "
                      r"full|in its entirety))\b", re.IGNORECASE)

class SpecimenReader:
    def __init__(self, rules: Sequence[SectionRule], removed_by: Sequence[str], diagnosed_by: Sequence[str] = (),
                 regrown_by: Sequence[str] = ()) -> None:
        self.describing = frozenset(rule.id for rule in rules if rule.describes_specimen)
        self.pathology_only = frozenset(rule.id for rule in rules if rule.pathology_only)
        # a pathology report's conclusions ("Comment: consistent with post-traumatic HO") are about the specimen too
        self.concluding = frozenset(rule.id for rule in rules if rule.authority > BODY_AUTHORITY)
        self.removal: re.Pattern[str] | None = any_phrase(removed_by)
        self.diagnosis = any_phrase(diagnosed_by)
        self.regrowth = any_phrase(regrown_by)

    def diagnosed_after_removal(self, text: str, findings: Sequence[Finding],
                                sentence_before: Callable[[int], int]) -> list[Finding]:
        """``findings`` with the present HO that a diagnosis on removed tissue names made historical.

        ``sentence_before(start)`` is where the sentence before the one starting at ``start`` starts. The
        text is searched once for each kind of cue: a search per mention would read a sentence of 250,000
        mentions ("HO, HO, ...") once per mention."""
        if self.removal is None or self.diagnosis is None:
            return list(findings)
        diagnoses = [(m.start(), m.end()) for m in self.diagnosis.finditer(text)]
        if not diagnoses:
            return list(findings)
        removals = [(m.start(), m.end(), m.group(0)) for m in self.removal.finditer(text)]
        diagnosis_starts = [start for start, _ in diagnoses]
        removal_starts = [start for start, _, _ in removals]
        regrown_in: dict[int, bool] = {}  # per sentence: "grew back", asked once
        kept = []
        for f in findings:
            if f.status == "present" and f.experiencer == "patient":
                # the first diagnosis cue in the mention's sentence before it, then a removal before that cue,
                # from the sentence before on
                i = bisect_left(diagnosis_starts, f.sentence_start)
                if i < len(diagnoses) and diagnoses[i][1] <= f.start:
                    j = bisect_left(removal_starts, sentence_before(f.sentence_start))
                    removal = removals[j] if j < len(removals) and removals[j][1] <= diagnoses[i][0] else None
                    if removal is not None and f.sentence_start not in regrown_in:
                        regrown_in[f.sentence_start] = self._regrown(text, f)
                    if removal is not None and not regrown_in[f.sentence_start]:
                        trigger = Trigger(removal[2], "historical", removal[0], removal[1])
                        f = replace(f, status="historical", triggers=(*f.triggers, trigger))
            kept.append(f)
        return kept

    def removed(self, text: str, sections: Sequence[Section], findings: Sequence[Finding]) -> list[Finding]:
        """``findings`` with those in the sections about an excised specimen, and in a pathology report's
        conclusions, made historical. In a report with no section that only pathology has, a "Diagnosis:"
        heading may be a clinic letter's ("FOP. ... the tooth should be removed"): there the removal must be
        in the mention's own sentence ("Diagnosis: right hip, excision: heterotopic ossification")."""
        if self.removal is None or not any(f.status == "present" for f in findings):
            return list(findings)
        if not any(s.id in self.pathology_only for s in sections):
            # (unless the sentence says it grew back: "Recurrent L hip HO, Brooker III - 14 months after excision" in
            # a letter's diagnoses, round 28, 525 was told its HO was out)
            return [self._made_historical(f, removal) if f.status == "present" and f.section in self.describing
                    and (removal := self._removal_in(text, f.sentence_start, f.sentence_end))
                    and not self._regrown(text, f) else f
                    for f in findings]
        # the removal may be named in the conclusion alone ("R elbow, excision: HETEROTOPIC OSSIFICATION"; round 11,
        # 203: a specimen "labelled R elbow HO" was read as HO still in the elbow, and grown back)
        about = self.describing | self.concluding
        removal = next((m for s in sections if s.id in about
                        for m in [self.removal.search(text, s.start, s.end)] if m is not None), None)
        if removal is None:
            return list(findings)
        return [self._made_historical(f, removal) if f.status == "present" and f.section in about else f
                for f in findings]

    def cleared(self, text: str, sections: Sequence[Section], findings: Sequence[Finding]) -> list[Finding]:
        """``findings`` with the present HO of an operation note made historical where its account of the operation
        removes HO and then finds none left ("HO excised in 3 large pieces ... intra-op fluoroscopy confirms no
        residual HO": round 23, 425 was told its HO, described in the operative findings and the indication, is
        there now). Only mentions above the "none left", and none of a conclusion (an impression outranks it)."""
        if self.removal is None:
            return list(findings)
        clear = next((f for f in findings if f.experiencer == "patient" and f.section in self.describing
                      and f.section not in self.pathology_only and _none_left(text, f)), None)
        if clear is None:
            return list(findings)
        within = next((s for s in sections if s.start <= clear.start < s.end), None)
        removal = self._removal_in(text, within.start, clear.sentence_end) if within is not None else None
        if removal is None:
            return list(findings)
        return [self._made_historical(f, removal) if f.status == "present" and f.experiencer == "patient"
                and f.start < clear.start and f.section not in self.concluding else f for f in findings]

    def _regrown(self, text: str, finding: Finding) -> bool:
        return self.regrowth is not None and self.regrowth.search(text, finding.sentence_start,
                                                                   finding.sentence_end) is not None

    def _removal_in(self, text: str, start: int, end: int) -> re.Match[str] | None:
        """A removal word in the sentence that names a removal, not a place ("HO ... near the radial head resection
        site" in a letter's diagnosis: round 16, 299 was told its HO was taken out)."""
        if self.removal is None:
            return None
        return next((m for m in self.removal.finditer(text, start, end) if not _PLACE_AFTER.match(text, m.end())
                     and not TALKED_OF.match(text, m.end())), None)

    @staticmethod
    def _made_historical(finding: Finding, removal: re.Match[str]) -> Finding:
        trigger = Trigger(removal.group(0), "historical", removal.start(), removal.end())
        return replace(finding, status="historical", triggers=(*finding.triggers, trigger))


def _none_left(text: str, finding: Finding) -> bool:
    """The operation's account finds none of the HO left: "no residual HO", or all of it taken out."""
    if finding.status == "absent":
        return _NONE_LEFT.search(text, finding.sentence_start, finding.start) is not None
    return finding.status == "historical" and (
        _ALL_OF.search(text[finding.sentence_start:finding.start]) is not None
        or _IN_FULL.match(text, finding.end) is not None)
