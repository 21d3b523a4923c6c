"""Compose the reading steps: one automaton pass, sections, sentences, ConText, attributes, facts.

The common case is a report that never mentions HO: it costs one pass of the automaton plus
ConText on the few sentences that hold a fact. Sentences without a lexicon hit are never examined.
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from functools import lru_cache, partial
from operator import attrgetter
from typing import TypeVar

from hoguide.config import get_settings
from hoguide.folding import fold
from hoguide.knowledge.loader import KnowledgeBase
from hoguide.knowledge.schema import SectionImplies
from hoguide.models.reading import (
    ContextResult,
    Fact,
    FactKind,
    Finding,
    Grade,
    Mimic,
    Reading,
    Section,
)
from hoguide.reading.abbreviations import defined_short_forms
from hoguide.reading.attributes import (
    COMPARED,
    NOT_A_SIDE,
    NOT_CHANGE,
    GradeReader,
    MentionGradeReader,
    gap_end,
    looked_before,
    merge_laterality,
    merge_maturity,
    nearest,
    now_grades,
    one_side_of_two,
    read_size,
    without_amputated_joints,
)
from hoguide.reading.context import NO_CONTEXT, ContextEngine, SentenceTriggers, context_layer, hidden_stops
from hoguide.reading.corrections import corrected_findings
from hoguide.reading.dictation import spoken_commands
from hoguide.reading.frames import DiagnosisFrames, RemovalFrames, overruled_by_diagnosis
from hoguide.reading.general import GeneralCue, GeneralStatements, population_only
from hoguide.reading.guards import GUARDED, GuardedTerm, is_definition
from hoguide.reading.kinds import forget_sentences
from hoguide.reading.layers import (
    ANCHORS,
    ATTRIBUTES,
    CONTEXT,
    GRADE,
    GROUPS,
    HEADERS,
    HO_LAYERS,
    SECTION,
    TARGET,
    TIME_CUES,
    TRIGGERS,
    Payload,
)
from hoguide.reading.lead_ins import hypothetical_lists
from hoguide.reading.matcher import Hit, HitIndex, PhraseMatcher, PreparedText
from hoguide.reading.messages import said_again_later
from hoguide.reading.nearby import (
    colon_before,
    earlier_sites,
    forget_side_headings,
    sentence_before,
    sites_near,
    title_sites,
    words_apart,
)
from hoguide.reading.normalize import check_text, decode_report
from hoguide.reading.phrases import any_phrase
from hoguide.reading.post_passes import (
    change_said_next,
    look_alike_denials,
    maturity_of_described_bone,
    maturity_said_next,
    new_since_an_earlier_study,
    prior_ho_facts,
    removed_on_a_date,
    removed_said_next,
    too_early_to_see,
)
from hoguide.reading.report_status import gone_since, report_status, section_authority, withdrawn
from hoguide.reading.sections import SectionIndex, Sectionizer
from hoguide.reading.sentence_type import sentence_type_model
from hoguide.reading.sentences import SentenceIndex, layout_breaks, split_sentences
from hoguide.reading.specimen import SpecimenReader
from hoguide.reading.split_words import mend_split_words
from hoguide.reading.temperatures import TEMPERATURE_CUE, raised_temperatures
from hoguide.reading.tick_boxes import ticked_only
from hoguide.reading.timerefs import find_time_references

AFFIRMED_ONLY = "affirmed_only"  # a guarded description that counts only when not negated (guards.py)
ELSEWHERE_REACH = 60  # characters before a site searched for "separate from the"
SITE_REACH_WORDS = 12  # a site further than this from the mention describes something else
APPOSITION_REACH = 80  # characters from a mention to its own name again in brackets
POPULATION_KINDS = frozenset({"cause", "course", "treatment"})  # facts a population's sentence makes its own
# Statuses a general statement can be mistaken for: "HO is rare in the wrist" (present), "no case of HO in
# the wrist has been reported" (absent), "previous HO raises the risk" (historical). A hedged mention stays
# hedged: "may represent HO" is the most common hedge in reports, and "may" is also a generic cue; only a
# population cue makes it general ("should be contemplated in the differential diagnosis").
GENERAL_CANDIDATES = frozenset({"present", "absent", "historical"})
_FOP_OLD_NAME = re.compile(r"\s+progressiva\b", re.IGNORECASE)  # "myositis ossificans progressiva": FOP, not a lesion
# HO that a person owns is that person's, never a topic: "our patient's mesenteric HO put him at risk of
# obstruction", "her MO". Adjectives may stand between, not another noun's "of" ("her risk of HO").
POSSESSOR_REACH = 60
_POSSESSED = re.compile(r"(?:\b(?:his|her|their|my)|\bpatient['’]s)\s+(?:(?!of\b)[\w-]+\s+){0,2}$", re.IGNORECASE)
HEDGED = "possible"
# A side named right before a grade: "LEFT BROOKER III", "right hip: Brooker II", "on the left (Brooker I"
_SIDE_BEFORE_GRADE = re.compile(r"\b(left|right)(?:\s+(?:side|hip|hips|elbow|knee|shoulder))?\s*[:,-]?\s*\(?\s*$",
                                re.IGNORECASE)
SIDE_BEFORE_GRADE_REACH = 24
# ("HO at the left elbow, class IIA given limited flexion with preserved forearm rotation")



def _layer_of(kind: str) -> str:
    return TARGET if kind in ("finding", "mimic") else kind


class Reader:
    """Reads reports with one knowledge base. Build once (it compiles the automata), reuse."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        entries: list[tuple[str, str, Payload, bool]] = []
        self.guards: dict[str, GuardedTerm] = {}
        self._rejected_by: dict[tuple[str, str, str], re.Pattern[str] | None] = {}
        for kind, concepts in kb.lexicon.items():
            for concept in concepts:
                payload = (kind, concept.id)
                entries += [(t, _layer_of(kind), payload, False) for t in concept.terms]
                entries += [(t, _layer_of(kind), payload, True) for t in concept.exact_case_terms]
                for group in concept.guarded:
                    if kind != "finding":  # a fact's term that counts unless its sentence rejects it
                        entries += [(t, _layer_of(kind), payload, False) for t in group.terms]
                        self._rejected_by.update({(kind, concept.id, t): any_phrase(group.guard.reject_if_sentence_has)
                                                  for t in group.terms})
                        continue
                    key = str(len(self.guards))
                    self.guards[key] = GuardedTerm.of(kind, concept.id, group.guard)
                    guarded: Payload = (GUARDED, key)
                    entries += [(t, TARGET, guarded, False) for t in group.terms]
                    entries += [(t, TARGET, guarded, True) for t in group.exact_case_terms]
        for system in kb.grade_systems:
            entries += [(name, GRADE, ("grade_system", system.id), False) for name in system.names]
        # ConText triggers and section headers ride in the same automaton pass (their own layers).
        self.context = ContextEngine(kb.context_rules)
        self.general = GeneralStatements.of(kb.general_statements)
        self.removal = RemovalFrames.of(kb.removal_frames, kb.regrown_by)
        self.diagnosis = DiagnosisFrames.of(kb.diagnosis_frames)
        self.sentence_type = sentence_type_model(site_terms(kb))
        # "separate from the pelvis": words that put a site away from the HO, up to two words before it
        elsewhere = any_phrase(kb.not_the_site)
        self._elsewhere = (re.compile(rf"(?:{elsewhere.pattern})\s+(?:[\w-]+\s+){{0,2}}$", re.IGNORECASE)
                           if elsewhere is not None else None)
        self._other_topic_after = any_phrase(kb.other_topic_after)
        self._advice_against = frozenset(r.phrase.lower() for r in kb.context_rules if r.treatments_only)
        self._grade_sites = {system.id: system.applies_to for system in kb.grade_systems}
        # (kind, concept) of the diseases named like HO (FOP, lexicon names_ho): they get the general-statement
        # test of the HO mentions, and the corpus scorer reads their status
        self.ho_diseases = frozenset((kind, c.id) for kind, concepts in kb.lexicon.items()
                                   for c in concepts if c.names_ho)
        self._rules = {str(i): rule for i, rule in enumerate(self.context.rules)}
        entries += [(rule.phrase, context_layer(rule), ("context", i), False) for i, rule in self._rules.items()]
        self.sectionizer = Sectionizer(kb.section_rules)
        self.specimen = SpecimenReader(kb.section_rules, kb.specimen_removed_by, kb.diagnosed_by, kb.regrown_by)
        self.authority = section_authority(kb)
        # Only the few sections that imply something (a past history, a family history) change ConText.
        self._implies = {section_id: rule.implies for section_id, rule in self.sectionizer.rules.items()
                         if rule.implies.historical or rule.implies.hypothetical or rule.implies.possible
                         or rule.implies.experiencer is not None}
        entries += [(header, SECTION, ("section", rule.id), False)
                    for rule in kb.section_rules for header in rule.headers]
        # The reader asks for the hits of four kinds of layer on their own (GROUPS).
        self.lexicon: PhraseMatcher[Payload] = PhraseMatcher(entries, groups=GROUPS)
        # every word the reader looks for, and each part of a hyphenated one: how a word split at a line end is joined
        words = {word for phrase, *_ in entries for word in fold(phrase).split()}
        self._vocabulary = frozenset(words | {part for word in words for part in word.split("-") if part})
        self.grades = {system.id: GradeReader.of(system) for system in kb.grade_systems if system.names}
        self.mention_grades = [MentionGradeReader.of(system) for system in kb.grade_systems if system.next_to_mention]

    def read(self, text: str, *, max_bytes: int | None = None, warnings: Sequence[str] = ()) -> Reading:
        try:
            return self._read(text, max_bytes, warnings)
        finally:
            # The kind frames' per-sentence searches are memoised on the text (kinds.first); nothing of a
            # report may stay in the memory of a long-running server once its reading is done.
            forget_sentences()
            forget_side_headings()

    def _read(self, text: str, max_bytes: int | None, warnings: Sequence[str]) -> Reading:
        check_text(text, max_bytes if max_bytes is not None else get_settings().max_report_bytes)
        text = mend_split_words(spoken_commands(ticked_only(text)), self._vocabulary)
        prepared = PreparedText.of(text)
        hits = self.lexicon.index(prepared)
        sections = self.sectionizer.split(text, [(h.start, h.end, h.payload[1]) for h in hits.group(HEADERS)])
        sentences = split_sentences(text, [*(offset for span in sections.header_spans for offset in span),
                                           *layout_breaks(text)])
        # Only sentences that hold an anchor (HO term, grade, fact, look-alike) are examined, with
        # their ConText triggers; the rest of their hits are needed only where HO is named (sites,
        # sides, maturity), which few sentences do. The other hits are never made.
        findings: list[Finding] = []
        facts: list[Fact] = []
        mimics: list[Mimic] = []
        # "heterotopic mesenteric ossification (HMO)": the text's own short form names HO wherever it is used
        anchors_found = defined_short_forms(text, hits.group(ANCHORS),
                                            lambda h: h.layer == TARGET and h.payload[0] == "finding")
        # "Call us if:" over a list: the items are conditions too (lead_ins.py), by the rules that reach a list
        # terminators a trigger hides, found once (position-local: a sentence's share is the same)
        hidden = hidden_stops(hits.group(TRIGGERS))

        def sentence_triggers(span: tuple[int, int]) -> SentenceTriggers | None:
            """The ConText triggers of a sentence. A header's colon starts the checklist answer after it
            ("IMPRESSION: No HO" holds the trigger ": no"), so a trigger may start on the colon just before it."""
            context_hits = [Hit(h.start, h.end, CONTEXT, self._rules[h.payload[1]])
                            for h in hits.group_between(TRIGGERS, colon_before(text, span[0]), span[1])
                            if not (hidden and (h.start, h.end) in hidden)]
            return SentenceTriggers(text, context_hits) if context_hits else None

        lead_ins = hypothetical_lists(text, sentences, lambda first, end: SentenceTriggers(text, [
            Hit(h.start, h.end, CONTEXT, rule) for h in hits.group_between(TRIGGERS, first, end)
            if h.end <= end and ((rule := self._rules[h.payload[1]]).reaches_list or rule.category == "terminate")
            and not (hidden and (h.start, h.end) in hidden)
        ]).assess(end, end + 1), [h.end for h in hits.group(TRIGGERS) if self._rules[h.payload[1]].reaches_list])
        for span, anchors in _anchor_sentences(anchors_found, sentences).items():
            fact_hits = [h for h in anchors if h.layer not in HO_LAYERS]
            names_ho = len(fact_hits) < len(anchors)
            targets, grades, mimic_hits = (self._ho_terms(prepared, span, anchors, hits, sections, sentences)
                                           if names_ho else ([], [], []))
            if not targets and not fact_hits and not mimic_hits:
                continue
            triggers = sentence_triggers(span)
            # Headers break sentences, so one section holds the whole sentence.
            section = sections.at(span[0])
            section_id = section.id if section is not None else None
            implies = self._implies.get(section_id) if section_id is not None else None
            if lead_ins.covers(span[0]):
                implies = _hypothetical(implies)
            # looked up at most once a sentence, and only for a mention that could be general
            general_cue = _once(self.general.cue, text, *span)
            for hit in mimic_hits:
                status = self._context(triggers, hit, implies).status
                mimics.append(Mimic(hit.payload[1], text[hit.start : hit.end], hit.start, hit.end, status))
            for hit in fact_hits:
                if self._rejected_by and self._rejected(text, span, hit):
                    continue
                ctx = self._context(triggers, hit, implies) if triggers or implies else NO_CONTEXT
                if hit.payload in self.ho_diseases:
                    ctx = self._unless_general(ctx, implies, general_cue)
                elif ctx.status == "present" and (cue := self._population_of(hit.layer, text, span)):
                    ctx = ContextResult(hypothetical=True, triggers=(*ctx.triggers, cue.trigger))
                facts.append(Fact(_fact_kind(hit.layer), hit.payload[1], text[hit.start : hit.end],
                                  hit.start, hit.end, ctx.status, ctx.experiencer, section_id, ctx.triggers))
            if targets:
                found = self._findings(text, span, targets, grades, triggers, section, implies, sections,
                                       sentences, hits, general_cue)
                kept = [f for t, f in zip(targets, found, strict=True)
                        if not (t.payload[0] == AFFIRMED_ONLY and f.status == "absent")]
                # a grade given to a mention kept only when affirmed, which the sentence denies: "no bony bridging -
                # Brooker III equivalent" denies the bridge, not the grade, which names the HO itself (round 26, 482
                # lost its grade with the bridge)
                if not kept and (graded := [f.grade for f in found if f.grade is not None]):
                    named = [Hit(start, end, TARGET, ("finding", "heterotopic_ossification"))
                             for grade, start, end in grades if grade == graded[0]][:1]
                    kept = [f for f in self._findings(text, span, named, grades, triggers, section, implies,
                                                      sections, sentences, hits, general_cue) if f.status != "absent"]
                findings += kept
        time_cues = [(h.start, h.end, h.payload[1]) for h in hits.group(TIME_CUES)]
        for ref in find_time_references(text, [c for c in time_cues if c[2] != TEMPERATURE_CUE]):
            facts.append(Fact("time", ref.concept, text[ref.start : ref.end], ref.start, ref.end, "present",
                              "patient", sections.id_at(ref.start), (), ref.value))
        # a temperature is read with its sentence's ConText like any symptom: "temp 37.9 one evening last week with a
        # cold, fine now" is a fever that has passed (round 25, 465 was told to get checked for an infection today)
        for start, end in raised_temperatures(text, [(s, e) for s, e, cue in time_cues if cue == TEMPERATURE_CUE]):
            section = sections.at(start)
            implies = self._implies.get(section.id) if section is not None else None
            ctx = self._context(sentence_triggers(sentences.span(start)), Hit(start, end, TARGET, ("symptom", "fever")),
                                implies)
            facts.append(Fact("symptom", "fever", text[start:end], start, end, ctx.status, ctx.experiencer,
                              sections.id_at(start), ctx.triggers))
        findings.sort(key=attrgetter("start"))
        # a name read across a sentence break ("Brooker" / blank line / "1") is no mention
        findings = [f for f in findings if f.end <= f.sentence_end]
        findings = maturity_said_next(text, findings, hits, sentences, sections)
        findings = maturity_of_described_bone(text, findings, hits, sentences, sections)
        # a differential names a condition, not how a bone looks: "4) early heterotopic ossification (HO) ... unlikely
        # to show on XR this early" on a nurse's list is no immature bone (round 23, 433 was told "How mature:
        # immature")
        findings = [dataclasses.replace(f, maturity=None)
                    if f.maturity and (implied := self._implies.get(f.section or "")) is not None and implied.possible
                    else f for f in findings]
        dates = sorted((f.start, f.value) for f in facts if f.kind == "time" and f.concept == "date" and f.value)
        findings = change_said_next(text, findings, hits, sentences, sections, dates)
        findings = new_since_an_earlier_study(text, findings)
        findings = too_early_to_see(text, findings)
        findings = removed_said_next(text, findings, sentences)
        findings = removed_on_a_date(text, findings)
        findings = look_alike_denials(text, findings, mimics)
        findings = self.specimen.removed(text, sections.sections, findings)
        findings = self.specimen.cleared(text, sections.sections, findings)
        findings = self.specimen.diagnosed_after_removal(text, findings, partial(sentence_before, sentences, sections))
        findings = corrected_findings(text, sections.sections, findings)
        findings = gone_since(findings, self.authority, text)
        findings = withdrawn(findings, self.authority, text)
        findings = said_again_later(text, findings)
        findings = self._graded_where_its_lesion_is(findings)
        facts += prior_ho_facts(findings, facts)
        facts.sort(key=attrgetter("start", "kind"))
        mimics.sort(key=attrgetter("start"))
        return Reading(text, sections.sections, tuple(findings), tuple(facts), tuple(mimics), tuple(warnings),
                       report_status(findings, self.authority, text))

    def _graded_where_its_lesion_is(self, findings: list[Finding]) -> list[Finding]:
        """A grade named alone, given its scale's first place (an elbow's for Hastings-Graham), takes instead the place
        its scale grades that the report's other HO is at, where none of it is at that first place ("Post-traumatic
        radioulnar synostosis ... Hastings & Graham class III": round 29, 528 was told of HO at the elbow)."""
        placed = {site for f in findings if f.status == "present" and f.experiencer == "patient"
                  and not (f.grade is not None and f.grade.text == f.text) for site in f.sites}
        out = []
        for f in findings:
            graded = self._grade_sites.get(f.grade.system) if f.grade is not None and f.grade.text == f.text else None
            if graded and list(f.sites) == [graded[0]] and graded[0] not in placed:
                elsewhere = [site for site in graded[1:] if site in placed]
                if elsewhere:
                    f = dataclasses.replace(f, sites=tuple(elsewhere))
            out.append(f)
        return out

    def read_bytes(self, data: bytes, *, max_bytes: int | None = None) -> Reading:
        """Decode report bytes (UTF-8, else Windows-1252 with a warning), then read them."""
        limit = max_bytes if max_bytes is not None else get_settings().max_report_bytes
        decoded = decode_report(data, limit)
        return self.read(decoded.text, max_bytes=limit, warnings=decoded.warnings)

    @staticmethod
    def _context(triggers: SentenceTriggers | None, hit: Hit[Payload], implies: SectionImplies | None
                 ) -> ContextResult:
        """ConText for ``hit``, with what its section implies (a family history is someone else's)."""
        ctx = triggers.assess(hit.start, hit.end) if triggers is not None else NO_CONTEXT
        if implies is None:
            return ctx
        return ContextResult(ctx.negated, ctx.uncertain or implies.possible, ctx.historical or implies.historical,
                             ctx.hypothetical or implies.hypothetical,
                             "other" if implies.experiencer else ctx.experiencer, ctx.triggers)

    def _not_advice(self, ctx: ContextResult) -> ContextResult:
        """An HO mention negated only by advice against a treatment ("Excision of the HO is not recommended") is
        still there: the advice negates the excision, not the bone."""
        if not ctx.negated:
            return ctx
        negations = [t for t in ctx.triggers if t.category == "negated"]
        if not negations or any(" ".join(t.phrase.lower().split()) not in self._advice_against for t in negations):
            return ctx
        return _unnegated(ctx)

    def _population_of(self, kind: str, text: str, span: tuple[int, int]) -> GeneralCue | None:
        """What makes a fact a population's, not this patient's: a population named in words in its sentence, beside an
        illness ("the more recent evidence in people with spinal cord and brain injury" in a letter about a spinal cord
        injury: round 33, 616 was given a brain injury), a course or a treatment ("In a large French series of 539
        first operations ..., 5.8% needed a further operation for recurrence": 616 was told its HO had come back). A
        count's shape alone is not enough: "taken out and redone in two operations" is a patient's own story."""
        return self.general.named_population(text, *span) if kind in POPULATION_KINDS else None

    @staticmethod
    def _unless_general(ctx: ContextResult, implies: SectionImplies | None,
                        general_cue: Callable[[], GeneralCue | None],
                        subject: Callable[[], GeneralCue | None] | None = None,
                        kind: Callable[[], GeneralCue | None] | None = None) -> ContextResult:
        """``ctx``, or hypothetical when the sentence states HO as a topic or in a population, or says
        something of HO as its subject that only a topic has (``subject``: "HO is the abnormal ..."), or
        states what holds of HO as a kind (``kind``: "the prognosis of HO is good")."""
        hedged = ctx.status == HEDGED
        if (ctx.status not in GENERAL_CANDIDATES and not hedged) or ctx.experiencer != "patient" or implies is not None:
            return ctx
        # a negated or dated subject is a report's judgement ("HO can be excluded", "NHO is considered unlikely")
        # the first cue that holds: a topic's generic word or predicate does not outweigh a hedge, a population
        # or a kind does
        general = None
        for cue in (general_cue, subject if ctx.status == "present" else None, kind):
            found = cue() if cue is not None else None
            if found is not None and (found.population or not hedged):
                general = found
                break
        if general is None:
            return ctx
        return ContextResult(hypothetical=True, triggers=(*ctx.triggers, general.trigger))

    def _rejected(self, text: str, span: tuple[int, int], hit: Hit[Payload]) -> bool:
        """A fact's guarded term whose sentence holds one of its reject words ("Spastic quadriplegic CP")."""
        reject = self._rejected_by.get((*hit.payload, text[hit.start:hit.end].lower()))
        return reject is not None and reject.search(text, *span) is not None

    def _ho_terms(self, prepared: PreparedText, span: tuple[int, int], hits: Sequence[Hit[Payload]],
                  index: HitIndex[Payload], sections: SectionIndex, sentences: SentenceIndex
                  ) -> tuple[list[Hit[Payload]], list[tuple[Grade, int, int]], list[Hit[Payload]]]:
        """The HO mentions, grades and look-alikes of one sentence. A grade with its system named
        is a mention of HO too ("Brooker III"), unless it sits inside a look-alike's name. A guarded
        term ("MO", "bony bridging") is a mention only where its guard accepts it."""
        targets = [h for h in hits if h.layer == TARGET and h.payload[0] == "finding"]
        text = prepared.original
        for hit in hits:
            if hit.payload[0] == GUARDED:
                guarded = self.guards[hit.payload[1]]
                concept = (guarded.kind, guarded.concept)
                sites = partial(sites_near, index, span, sections, sentences)
                full_mentions = partial(_ends_of, index, concept)
                if guarded.accepts(text, span, hit.start, hit.end, sites, full_mentions):
                    targets.append(Hit(hit.start, hit.end, TARGET,
                                       (AFFIRMED_ONLY, guarded.concept) if guarded.affirmed_only else concept))
        if len(targets) > 1:
            # "myositis ossificans (MO)": the short form in brackets names the same lesion again
            targets.sort(key=attrgetter("start"))
            ends = [t.end for t in targets]
            targets = [t for t in targets if not is_definition(text, t.start, t.end, ends)]
        grades = self._grades(prepared, hits)
        mimic_hits = [h for h in hits if h.payload[0] == "mimic"]
        if not targets and grades and not _inside_mimic(grades, hits):
            targets = [Hit(start, end, TARGET, ("finding", "heterotopic_ossification")) for _, start, end in grades[:1]]
        elif targets and len(grades) > 1 and not _inside_mimic(grades, hits):
            # "BILATERAL NEUROGENIC HO, LEFT BROOKER III, RIGHT BROOKER II": each side's grade names that side's HO,
            # so one grade is not given to both sides (dev 07 was told "both sides, Brooker III")
            sided = {start: side.group(1).lower() for _, start, _ in grades
                     if (side := _SIDE_BEFORE_GRADE.search(text, max(span[0], start - SIDE_BEFORE_GRADE_REACH), start))}
            if {"left", "right"} <= set(sided.values()):
                taken = [(t.start, t.end) for t in targets]
                targets += [Hit(start, end, TARGET, ("finding", "heterotopic_ossification")) for _, start, end in grades
                            if start in sided and not any(a < end and start < b for a, b in taken)]
                targets.sort(key=attrgetter("start"))
        return targets, grades, mimic_hits

    def _grades(self, prepared: PreparedText, hits: Sequence[Hit[Payload]]) -> list[tuple[Grade, int, int]]:
        found = []
        for hit in hits:
            if hit.layer == GRADE:
                grade = self.grades[hit.payload[1]].read_at(prepared.same_length, hit.start, hit.end)
                if grade is not None:
                    g, start, end = grade
                    found.append((Grade(g.system, g.value, prepared.original[start:end]), start, end))
        return found

    def _findings(self, text: str, span: tuple[int, int], targets: Sequence[Hit[Payload]],
                  grades: Sequence[tuple[Grade, int, int]], triggers: SentenceTriggers | None,
                  section: Section | None, implies: SectionImplies | None, sections: SectionIndex,
                  sentences: SentenceIndex, hits: HitIndex[Payload],
                  general_cue: Callable[[], GeneralCue | None]) -> list[Finding]:
        positions = [(t.start, t.end) for t in targets]
        assigned: list[dict[str, list[str]]] = [defaultdict(list) for _ in targets]
        placed: list[list[tuple[int, str, str]]] = [[] for _ in targets]  # (distance, layer, value) of sides, sites
        # "..., consistent with the new foot weakness": where the finding's explanation starts after the mentions
        explained = (self._other_topic_after.search(text, positions[-1][1], span[1])
                     if self._other_topic_after else None)
        # a study's label before the colon names what was imaged; the places after it are the HO's ("XR pelvis and R
        # elbow 09/10/2026: HO anterior and inferomedial to both hips - L hip Brooker III": round 28, 521 was told of
        # Brooker III HO at both elbows)
        label_end, label_layers = _study_label(text, span, positions[0][0], hits)
        for hit in hits.group_between(ATTRIBUTES, *span):
            if hit.start < label_end and hit.layer in label_layers:
                continue
            if hit.layer == "site" and self._elsewhere is not None and self._elsewhere.search(
                    text, max(span[0], hit.start - ELSEWHERE_REACH), hit.start):
                continue
            if hit.layer == "site" and gap_end(text, span[0], hit.start):  # "the gap between the HO and the femur"
                continue
            if hit.layer == "maturity" and looked_before(text, span[0], hit.start):  # "when it was faint"
                continue
            if hit.layer == "maturity" and text[hit.start - 1 : hit.start] == "?":  # "?avulsion ?early HO": asked
                continue
            if explained is not None and hit.start >= explained.end():
                continue
            if hit.layer == "laterality" and hit.payload[1] == NOT_A_SIDE:  # "Mr L. has groin pain"
                continue
            if self._rejected_by and self._rejected(text, span, hit):  # "new check socket": no new bone
                continue
            i = nearest((hit.start, hit.end), positions)
            if hit.layer == "site" and words_apart(text, positions[i], hit) > SITE_REACH_WORDS:
                assigned[i]["far_site"].append(hit.payload[1])
            else:
                assigned[i][hit.layer].append(hit.payload[1])
                if hit.layer in ("site", "laterality"):
                    placed[i].append((abs(hit.start - positions[i][0]), hit.layer, hit.payload[1]))
        # a mention named again in brackets just after its place: the place is both's ("Heterotopic ossification within
        # the midline laparotomy scar (incisional heterotopic ossification)": round 25, 464 gave the first the pelvis
        # of the exam's title)
        for i in range(len(targets) - 1):
            between = text[positions[i][1]:positions[i + 1][0]]
            if not assigned[i]["site"] and assigned[i + 1]["site"] and "(" in between \
                    and len(between) <= APPOSITION_REACH:
                assigned[i]["site"] = list(assigned[i + 1]["site"])
        grade_of: list[Grade | None] = [None] * len(targets)
        for grade, start, end in now_grades(text, span, grades):
            i = nearest((start, end), positions)
            grade_of[i] = grade_of[i] or grade
        for i, target in enumerate(targets):
            for reader in self.mention_grades:
                grade_of[i] = grade_of[i] or reader.read_at(text, target.start, target.end)
        sentence = text[span[0] : span[1]]
        size = read_size(sentence)
        findings = []
        earlier: tuple[list[str], list[str]] | None = None  # the same for every mention of the sentence
        # one scan of the sentence each, on first need: most sentences hold no removal or diagnosis frame
        removal_here = _once(self.removal.anywhere, text, *span)
        diagnosis_here = _once(self.diagnosis.anywhere, text, *span)
        sentence_scan = _once(self.sentence_type.sentence, text, *span)
        for i, target in enumerate(targets):
            attrs = assigned[i]
            subject = partial(self.general.topic, text, span[0], target.start, target.end, span[1],
                              placed=len(targets) > 1 or bool(attrs["site"] or attrs["far_site"]))
            ctx = _not_across_a_bracket(text, target.start, target.end,
                                        self._not_advice(self._context(triggers, target, implies)))
            framed = self.diagnosis.frame(text, span[0], target.start, target.end, span[1]) \
                if ctx.experiencer == "patient" and implies is None and ctx.status != "historical" \
                and diagnosis_here() else None
            if framed is not None:
                # a diagnosis told as made: only a population cue makes it general, and only the mention's
                # own clause may negate or hedge it
                ctx = overruled_by_diagnosis(text, ctx, framed)
                ctx = self._unless_general(ctx, implies, partial(population_only, general_cue))
            elif ctx.status == "historical" and ctx.experiencer == "patient" and implies is None and removal_here() \
                    and self.removal.removed(text, span[0], target.start, target.end, span[1]):
                # HO the sentence says was taken out: only a population makes it general ("Four males underwent
                # excision of heterotopic bone"), not topic words near it ("S/p excision of L elbow HO with RT
                # prophylaxis, 12 mo": round 18, 335, whose removed HO read as a topic, left the pre-op HO as there now)
                ctx = self._unless_general(ctx, implies, partial(population_only, general_cue))
            elif not _POSSESSED.search(text, max(span[0], target.start - POSSESSOR_REACH), target.start):
                ctx = self._unless_general(ctx, implies, general_cue, subject,
                                           partial(self.general.kind, text, span[0], target.start, target.end, span[1]))
                if ctx.experiencer == "patient" and implies is None and ctx.status in self.sentence_type.thresholds \
                        and (typed := self.sentence_type.general(ctx.status, text, sentence_scan(), target.start,
                                                                 target.end)) is not None:
                    # the sentence as a whole reads as a topic's or a population's (sentence_type.py)
                    ctx = ContextResult(hypothetical=True, triggers=(*ctx.triggers, typed))
            if ctx.status == "present" and ctx.experiencer == "patient" and removal_here() and (
                    removed := self.removal.removed(text, span[0], target.start, target.end, span[1])) is not None:
                ctx = ContextResult(historical=True, triggers=(*ctx.triggers, removed))
            sites, laterality = attrs["site"] or attrs["far_site"], one_side_of_two(placed[i]) or attrs["laterality"]
            # FOP's old name is the condition, not a lesion at the place said before it ("2. Bilateral short great
            # toes ... 3. ... highly suggestive of MYOSITIS OSSIFICANS PROGRESSIVA": round 24, 446 was given the foot)
            fop_name = not sites and _FOP_OLD_NAME.match(text, target.end) is not None
            # "CT LEFT SHOULDER ... Findings: HO inferior to the glenoid neck"
            if (not sites or not laterality) and not fop_name:
                if earlier is None:
                    earlier = earlier_sites(text, span, section, sections, sentences, hits,
                                            partial(self._rejected, text))
                if not sites:
                    sites, laterality = earlier[0], laterality or earlier[1]
                elif set(sites) & set(earlier[0]):  # the side named with the same place just before
                    laterality = earlier[1]
                elif set(sites) & set((title := title_sites(text, sections, hits))[0]):
                    laterality = title[1]  # ... else the exam title's ("XR R wrist & forearm": round 17, 321)
            own_grade = grade_of[i]
            if own_grade is not None and own_grade.text == text[target.start:target.end] and (
                    graded := self._grade_sites.get(own_grade.system)) and (graded[0] not in sites
                                                                            or not set(graded) >= set(sites)):
                # "the gap between the ossification and the femur is less than 1 cm (Brooker III)": a Brooker grade
                # named alone is hip HO, whatever bone the measurement names ("the spurs from the pelvis and the femur
                # ... (Brooker III)": round 16, 308 had a second lesion "pelvis, thigh"; "Hastings-Graham class IIC
                # (limits both flexion-extension and forearm rotation)", 306 a lesion of the forearm)
                # ... and beside its first place, only the places its scale grades ("Her groin pain on lifting the leg
                # ... at Brooker I it is unlikely to be causing her symptoms": round 26, 486 had the leg)
                sites = [site for site in sites if site in graded] if graded[0] in sites else [graded[0]]
            findings.append(Finding(
                concept=target.payload[1],
                text=text[target.start : target.end],
                start=target.start,
                end=target.end,
                status=ctx.status,
                experiencer=ctx.experiencer,
                sites=tuple(dict.fromkeys(without_amputated_joints(sites, sentence))),
                laterality=merge_laterality(laterality),
                grade=grade_of[i],
                maturity=merge_maturity(attrs["maturity"]),
                change=_change(attrs["change"], attrs["laterality"]),
                size=size if len(targets) == 1 else None,
                section=section.id if section is not None else None,
                sentence_start=span[0],
                sentence_end=span[1],
                triggers=ctx.triggers,
            ))
        return findings


def site_terms(kb: KnowledgeBase) -> tuple[str, ...]:
    """The lexicon's names of body sites (the sentence-type cue's ``site`` class)."""
    return tuple(t for concept in kb.lexicon.get("site", ()) for t in concept.terms)


_T = TypeVar("_T")


def _once(function: Callable[..., _T], *args: object) -> Callable[[], _T]:
    """``function(*args)``, called on first need and kept (a closure is far cheaper than functools.cache
    for one value per sentence)."""
    kept: list[_T] = []

    def value() -> _T:
        if not kept:
            kept.append(function(*args))
        return kept[0]
    return value


GLOSS_REACH = 8  # characters after a mention looked at for the bracket that closes right after it
BRACKET_REACH = 80  # characters before a mention looked at for the bracket it is in


def _not_across_a_bracket(text: str, start: int, end: int, ctx: ContextResult) -> ContextResult:
    """An HO mention inside a bracket that a "no" before it does not reach: "No NSAID prophylaxis (HO already visible;
    coronoid fixation still healing)" denies the medicine and gives the HO as its reason (round 23, 435 was told
    "Your report says there is no HO"). A bracket of words of its own, which may hold their own "no"; not one that
    only names the word before it ("No bone (heterotopic ossification) is visible yet": round 17, 319)."""
    negations = [t for t in ctx.triggers if t.category == "negated"]
    if not negations or text[end:end + GLOSS_REACH].lstrip().startswith(")"):
        return ctx
    # the bracket opens just before the mention (a bounded look: a sentence of a million characters is read in time)
    opened = text.rfind("(", max(0, start - BRACKET_REACH), start)
    if opened == -1 or text.find(")", opened, start) != -1 or not all(t.end <= opened for t in negations):
        return ctx
    return _unnegated(ctx)


def _unnegated(ctx: ContextResult) -> ContextResult:
    """``ctx`` without its negation: the "no" is said of something else."""
    return ContextResult(False, ctx.uncertain, ctx.historical, ctx.hypothetical, ctx.experiencer,
                         tuple(t for t in ctx.triggers if t.category != "negated"))


_CONDITION = SectionImplies(hypothetical=True)


def _hypothetical(implies: SectionImplies | None) -> SectionImplies:
    """What a section implies, and a list item's condition from its lead-in."""
    if implies is None:
        return _CONDITION
    return implies if implies.hypothetical else implies.model_copy(update={"hypothetical": True})


def _anchor_sentences(anchors: Sequence[Hit[Payload]], sentences: SentenceIndex
                      ) -> dict[tuple[int, int], list[Hit[Payload]]]:
    """The sentences that hold an anchor, in order, each with its anchors. A phrase matched across a
    sentence break ("myositis" at a paragraph's end, "ossificans" after a blank line) is no phrase.

    Anchors come sorted by start, so one inside the sentence found last needs no look-up."""
    spans: dict[tuple[int, int], list[Hit[Payload]]] = {}
    span = (-1, -1)
    inside: list[Hit[Payload]] = []
    for hit in anchors:
        if hit.start >= span[1]:
            span = sentences.span(hit.start)
            inside = spans.setdefault(span, [])
        if hit.end <= span[1]:
            inside.append(hit)
    return {s: hits for s, hits in spans.items() if hits}


def _ends_of(index: HitIndex[Payload], payload: Payload) -> list[int]:
    return [h.end for h in index.group(ANCHORS) if h.payload == payload]


def _inside_mimic(grades: Sequence[tuple[Grade, int, int]], hits: Sequence[Hit[Payload]]) -> bool:
    return any(h.payload[0] == "mimic" and h.start <= g[1] < h.end for g in grades for h in hits)


def _fact_kind(kind: str) -> FactKind:
    return kind  # type: ignore[return-value]  # FACT_KINDS are FactKind literals


@lru_cache(maxsize=4)
def reader_for(kb: KnowledgeBase) -> Reader:
    return Reader(kb)




# (a label of two parts or more: "XR pelvis and R elbow 09/10/2026:"; one part's label, "XR L femur (residual limb)
# 24/11/2026:", names the HO's own place and side)
_STUDY_LABEL = re.compile(r"\s*(?:XR|CT|MRI|USS?|x-?rays?|radiographs?|films?|imaging|bone scan)\b"
                          r"[^:\n.]{0,60}?\s(?:and|&|\+)\s[^:\n.]{0,60}:", re.IGNORECASE)


def _study_label(text: str, span: tuple[int, int], first_mention: int, hits: HitIndex[Payload]
                 ) -> tuple[int, tuple[str, ...]]:
    """The end of a study's label of several parts opening the sentence before its first mention, and the layers
    (site, laterality) that the text after it names, so the label's are not the HO's; else the sentence's start."""
    label = _STUDY_LABEL.match(text, span[0], first_mention)
    if label is None:
        return span[0], ()
    after = {h.layer for h in hits.group_between(ATTRIBUTES, label.end(), span[1])
             if h.layer in ("site", "laterality") and not (h.layer == "laterality" and h.payload[1] == NOT_A_SIDE)}
    return (label.end(), tuple(after)) if "site" in after else (span[0], ())


def _change(changes: Sequence[str], sides: Sequence[str]) -> str | None:
    """The mention's change, the last the sentence names ("has increased since March but is unchanged since June":
    unchanged now); "larger than the left" compares two sides, not this study with an earlier one."""
    changes = [c for c in changes if c != NOT_CHANGE]
    if not changes or (COMPARED in sides and changes[-1] in ("increased", "decreased")):
        return None
    # "INCREASED in size since 04/14/2026, with a new distal medial spur": the new part is how it grew (round 10, 197)
    if changes[-1] == "new" and "increased" in changes:
        return "increased"
    return changes[-1]
