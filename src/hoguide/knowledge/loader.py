"""Load the knowledge files once, check them strictly, and hand out an immutable KnowledgeBase.

Every problem is reported with its file and line, all at once, so a reviewer fixes a data
change in one pass (``hoguide data validate``).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from hoguide.errors import KnowledgeError
from hoguide.folding import normalise_phrase
from hoguide.knowledge.conditions import ALWAYS, covers_every_case
from hoguide.knowledge.schema import (
    FIXED_IDS,
    LEXICON_KINDS,
    MODIFYING_CATEGORIES,
    QUESTION_KEYS,
    AnswerRule,
    AnswerRulesFile,
    AskedTopic,
    ContextRule,
    ContextRulesFile,
    DiagnosisFrameCues,
    GeneralStatementCues,
    GlossaryFile,
    GlossaryTerm,
    GradeSystem,
    GradeSystemsFile,
    LexiconConcept,
    LexiconFile,
    Question,
    QuestionKey,
    QuestionsFile,
    RedFlagContent,
    RedFlagsFile,
    Reference,
    ReferencesFile,
    RemovalFrameCues,
    SectionRule,
    SectionRulesFile,
    Statement,
    StatementsFile,
)

M = TypeVar("M", bound=BaseModel)
# kinds whose terms may be guarded: HO's own words (reading/guards.py); causes, whose paralysis words mean a cord
# injury save beside cerebral palsy; and courses, whose bridging words mean a fused joint save beside a bone's own
# healing (reader.py); sites, whose "neck" is no neck beside an implant's (reader.py)
GUARDED_KINDS = frozenset({"finding", "cause", "course", "next_step", "change", "site"})


@dataclass(frozen=True, slots=True, eq=False)
class KnowledgeBase:
    """Validated knowledge, read-only. Pass it explicitly; build it with ``load_knowledge()``.

    Compared and hashed by identity, so compiled readers can be cached per knowledge base."""

    lexicon: dict[str, tuple[LexiconConcept, ...]]
    context_rules: tuple[ContextRule, ...]
    section_rules: tuple[SectionRule, ...]
    grade_systems: tuple[GradeSystem, ...]
    statements: dict[str, Statement]
    red_flags: dict[str, RedFlagContent]
    questions: tuple[Question, ...]
    glossary: tuple[GlossaryTerm, ...]
    references: dict[str, Reference]
    version: str  # content hash of every data file, for provenance
    general_statements: GeneralStatementCues
    answer_rules: dict[QuestionKey, tuple[AnswerRule, ...]]  # question -> its decision table
    not_the_site: tuple[str, ...] = ()  # "separate from the pelvis": the site is not the HO's
    specimen_removed_by: tuple[str, ...] = ()  # "excision" in a specimen section: the HO was removed
    diagnosed_by: tuple[str, ...] = ()  # "histology identified ...": a diagnosis made on tissue
    regrown_by: tuple[str, ...] = ()  # "recurrent": the HO diagnosed grew back after the removal
    # "excision of ... was performed": the HO is gone
    removal_frames: RemovalFrameCues = dataclasses.field(default_factory=RemovalFrameCues)
    # "MO was confirmed": a diagnosis told as made in this patient
    diagnosis_frames: DiagnosisFrameCues = dataclasses.field(default_factory=DiagnosisFrameCues)
    other_topic_after: tuple[str, ...] = ()  # "consistent with the new foot weakness": what follows is not the HO's
    asked: tuple[AskedTopic, ...] = ()  # the topics of the patient's own questions, and what answers them
    cautions: tuple[str, ...] = ()  # the medicine cautions of the warning box, the first two that hold said
    background: frozenset[str] = frozenset()  # statements an answer may leave out to keep its page's sources few
    # question -> the words that make a line of the report's plan one its answer quotes, in the order tried
    plan_words: dict[QuestionKey, tuple[str, ...]] = dataclasses.field(default_factory=dict)

    def concepts(self, kind: str) -> tuple[LexiconConcept, ...]:
        return self.lexicon.get(kind, ())

    def statement(self, statement_id: str) -> Statement:
        try:
            return self.statements[statement_id]
        except KeyError:
            raise KnowledgeError([f"no content statement with id {statement_id!r}"]) from None

    def patient_refs(self, keys: Iterable[str]) -> tuple[str, ...]:
        """``keys`` once each, in order, without the references held back from patients
        (``patient_safe: false``: read only on a secondary site)."""
        safe = _patient_safe(self)
        return tuple(key for key in dict.fromkeys(keys) if key in safe or self.references[key].patient_safe)

    def label(self, kind: str, concept_id: str) -> str:
        for concept in self.concepts(kind):
            if concept.id == concept_id:
                return concept.label
        raise KeyError(f"{kind}:{concept_id}")


@lru_cache(maxsize=4)
def _patient_safe(kb: KnowledgeBase) -> frozenset[str]:
    """The references shown to patients, kept per knowledge base (an explanation filters a hundred keys)."""
    return frozenset(key for key, reference in kb.references.items() if reference.patient_safe)


def _data_root() -> Traversable:
    return resources.files("hoguide.knowledge").joinpath("data")


def _yaml_files(root: Traversable, prefix: str = "") -> Iterator[tuple[str, Traversable]]:
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        name = f"{prefix}{entry.name}"
        if entry.is_dir():
            yield from _yaml_files(entry, f"{name}/")
        elif entry.name.endswith(".yaml"):
            yield name, entry


def _line_of(node: yaml.Node | None, loc: tuple[int | str, ...]) -> int | None:
    """Follow a pydantic error location through the YAML node tree to a 1-based line."""
    line = node.start_mark.line + 1 if node is not None else None
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            break
        if node is None:
            break
        line = node.start_mark.line + 1
    return line


# libyaml's parser (in PyYAML's wheels) reads the knowledge base about ten times faster than the
# pure-Python one, which took over a second of every start-up.
_YAML_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Collector:
    def __init__(self) -> None:
        self.problems: list[str] = []

    def add(self, file: str, line: int | None, message: str) -> None:
        self.problems.append(f"{file}:{line or 1}: {message}")

    def parse(self, file: str, source: str, model: type[M]) -> tuple[M | None, yaml.Node | None]:
        try:
            node = yaml.compose(source, Loader=_YAML_LOADER)
            data: Any = yaml.load(source, Loader=_YAML_LOADER)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            self.add(file, mark.line + 1 if mark else None, f"not valid YAML: {error}")
            return None, None
        try:
            return model.model_validate(data), node
        except ValidationError as error:
            for item in error.errors():
                where = ".".join(str(p) for p in item["loc"]) or "(top)"
                self.add(file, _line_of(node, item["loc"]), f"{where}: {item['msg']}")
            return None, node


def _check_lexicon(c: _Collector, file: str, node: yaml.Node | None, lex: LexiconFile,
                   seen_terms: dict[tuple[str, str], str]) -> None:
    ids = [concept.id for concept in lex.concepts]
    for i, concept in enumerate(lex.concepts):
        if ids.index(concept.id) != i:
            c.add(file, _line_of(node, ("concepts", i)), f"duplicate concept id {concept.id!r}")
        if not concept.terms and not concept.exact_case_terms:
            c.add(file, _line_of(node, ("concepts", i)), f"concept {concept.id!r} has no terms")
        groups = [((), concept), *((("guarded", k), g) for k, g in enumerate(concept.guarded))]
        for path, group in groups:
            for field in ("terms", "exact_case_terms"):
                for j, term in enumerate(getattr(group, field)):
                    key = (lex.kind, term if field == "exact_case_terms" else normalise_phrase(term))
                    where = _line_of(node, ("concepts", i, *path, field, j))
                    if key in seen_terms:
                        c.add(file, where, f"term {term!r} already belongs to {seen_terms[key]}")
                    seen_terms[key] = f"{lex.kind}:{concept.id}"
        for k, group in enumerate(concept.guarded):
            unknown_sites = sorted(set(group.guard.sentence_has_site) - FIXED_IDS["site"])
            if unknown_sites:
                c.add(file, _line_of(node, ("concepts", i, "guarded", k)), f"unknown site ids {unknown_sites}")
            if lex.kind not in GUARDED_KINDS:
                c.add(file, _line_of(node, ("concepts", i, "guarded", k)),
                      f"only {', '.join(sorted(GUARDED_KINDS))} take guarded terms")
            if lex.kind == "finding" and not group.guard.accepts_anything:
                c.add(file, _line_of(node, ("concepts", i, "guarded", k)),
                      "a finding's guard needs a test that can accept the term")
            if lex.kind != "finding" and (group.exact_case_terms or group.guard.accepts_anything
                                          or group.guard.affirmed_only or group.guard.reject_after_number):
                c.add(file, _line_of(node, ("concepts", i, "guarded", k)),
                      f"a {lex.kind}'s guarded terms take lower-case terms and reject words only")
    fixed = FIXED_IDS.get(lex.kind)
    if fixed is not None:
        unknown = sorted(set(ids) - fixed)
        if unknown:
            c.add(file, None, f"{lex.kind} ids not in the fixed set: {unknown}")


def _check_context(c: _Collector, file: str, node: yaml.Node | None, rules: ContextRulesFile) -> None:
    seen: dict[str, int] = {}
    for i, rule in enumerate(rules.rules):
        where = _line_of(node, ("rules", i))
        key = normalise_phrase(rule.phrase)
        if key in seen:
            c.add(file, where, f"phrase {rule.phrase!r} is already a rule (line {seen[key]})")
        seen[key] = where or 1
        if rule.category in MODIFYING_CATEGORIES and rule.direction is None:
            c.add(file, where, f"{rule.category} rule {rule.phrase!r} needs a direction")
        if rule.terminates is not None and rule.category != "terminate":
            c.add(file, where, f"only terminate rules take 'terminates' ({rule.phrase!r})")


def _check_sections(c: _Collector, file: str, node: yaml.Node | None, rules: SectionRulesFile) -> None:
    seen: dict[str, str] = {}
    for i, rule in enumerate(rules.sections):
        for j, header in enumerate(rule.headers):
            key = normalise_phrase(header)
            if key in seen:
                c.add(file, _line_of(node, ("sections", i, "headers", j)),
                      f"header {header!r} already belongs to section {seen[key]!r}")
            seen[key] = rule.id


def _check_citations(c: _Collector, content: _Content, references: dict[str, Reference]) -> None:
    for file, line, what, keys in content.citations:
        for key in keys:
            if key not in references:
                c.add(file, line, f"{what} cites {key!r}, which is not in references.yaml")
    # A source shown to a patient is one a patient may be shown: never one read only on a secondary site.
    for file, line, what, keys in content.patient_citations:
        for key in keys:
            if key in references and not references[key].patient_safe:
                c.add(file, line, f"{what} shows patients {key!r}, which is held back (patient_safe: false)")
    # A text names a population so that its sources from that population fit every case: one of them must be.
    items: list[Statement | RedFlagContent] = [*content.statements.values(), *content.red_flags.values()]
    for item in items:
        studied = {cause for key in item.refs if key in references for cause in references[key].population}
        for cause in item.names_population:
            if cause not in studied:
                file, line = content.files[item.id]
                c.add(file, line, f"{item.id} names population {cause!r}, which none of its sources studied")


def _load(root: Traversable) -> tuple[KnowledgeBase | None, list[str]]:
    c = _Collector()
    lexicon: dict[str, tuple[LexiconConcept, ...]] = {}
    context_rules: tuple[ContextRule, ...] = ()
    general_statements = GeneralStatementCues()
    not_the_site: tuple[str, ...] = ()
    other_topic_after: tuple[str, ...] = ()
    specimen_removed_by: tuple[str, ...] = ()
    diagnosed_by: tuple[str, ...] = ()
    regrown_by: tuple[str, ...] = ()
    removal_frames = RemovalFrameCues()
    diagnosis_frames = DiagnosisFrameCues()
    section_rules: tuple[SectionRule, ...] = ()
    grade_systems: tuple[GradeSystem, ...] = ()
    seen_terms: dict[tuple[str, str], str] = {}
    seen_files: set[str] = set()
    references: dict[str, Reference] | None = None  # None until references.yaml validates
    content = _Content()
    digest = hashlib.sha256()
    for name, entry in _yaml_files(root):
        seen_files.add(name)
        source = entry.read_text(encoding="utf-8")
        digest.update(name.encode() + b"\0" + source.encode() + b"\0")
        if name.startswith("lexicon/"):
            lex, node = c.parse(name, source, LexiconFile)
            if lex is not None:
                if lex.kind in lexicon:
                    c.add(name, None, f"a second file of kind {lex.kind!r}")
                _check_lexicon(c, name, node, lex, seen_terms)
                lexicon[lex.kind] = lex.concepts
        elif name == "context_rules.yaml":
            rules, node = c.parse(name, source, ContextRulesFile)
            if rules is not None:
                _check_context(c, name, node, rules)
                context_rules = rules.rules
                general_statements = rules.general_statements
                not_the_site, other_topic_after = rules.not_the_site, rules.other_topic_after
                removal_frames, diagnosis_frames = rules.removal_frames, rules.diagnosis_frames
        elif name == "section_rules.yaml":
            sections, node = c.parse(name, source, SectionRulesFile)
            if sections is not None:
                _check_sections(c, name, node, sections)
                section_rules = sections.sections
                specimen_removed_by = sections.specimen_removed_by
                diagnosed_by, regrown_by = sections.diagnosed_by, sections.regrown_by
        elif name == "grade_systems.yaml":
            grades, _ = c.parse(name, source, GradeSystemsFile)
            if grades is not None:
                grade_systems = grades.systems
        elif name == "references.yaml":
            refs, node = c.parse(name, source, ReferencesFile)
            if refs is not None:
                references = {}
                for i, ref in enumerate(refs.references):
                    if ref.key in references:
                        c.add(name, _line_of(node, ("references", i)), f"duplicate reference key {ref.key!r}")
                    references[ref.key] = ref
        elif name.startswith("content/"):
            _load_content(c, name, source, content)
    # A file that was there but invalid has its problems reported already; only absence is new.
    for kind in LEXICON_KINDS:
        if kind not in lexicon and f"lexicon/{kind}.yaml" not in seen_files:
            c.add(f"lexicon/{kind}.yaml", None, "missing: every lexicon kind is required")
    for name in ("context_rules.yaml", "section_rules.yaml", "grade_systems.yaml", "references.yaml"):
        if name not in seen_files:
            c.add(name, None, "missing")
    # An invalid references.yaml is reported already; checking citations against it would bury
    # that one problem under every citation in the content.
    if references is not None:
        _check_citations(c, content, references)
    _check_red_flags(c, content, {concept.id for concept in lexicon.get("red_flag", ())})
    _check_answer_rules(c, content)
    if c.problems or references is None:
        return None, c.problems
    kb = KnowledgeBase(
        lexicon, context_rules, section_rules, grade_systems, content.statements, content.red_flags,
        tuple(content.questions), tuple(content.glossary), references, digest.hexdigest()[:12],
        general_statements, content.answer_rules, not_the_site, specimen_removed_by, diagnosed_by, regrown_by,
        removal_frames, diagnosis_frames, other_topic_after, content.asked, content.cautions,
        frozenset(content.background), content.plan_words,
    )
    return kb, []


class _Content:
    """Content files as they are read: everything keyed by id, and every citation to check."""

    def __init__(self) -> None:
        self.statements: dict[str, Statement] = {}
        self.red_flags: dict[str, RedFlagContent] = {}
        self.questions: list[Question] = []
        self.glossary: list[GlossaryTerm] = []
        self.citations: list[tuple[str, int | None, str, tuple[str, ...]]] = []
        self.patient_citations: list[tuple[str, int | None, str, tuple[str, ...]]] = []
        self.ids: set[str] = set()
        self.files: dict[str, tuple[str, int | None]] = {}  # statement and red flag id -> its file and line
        self.answer_rules: dict[QuestionKey, tuple[AnswerRule, ...]] = {}
        self.answer_rules_file: tuple[str, yaml.Node | None] | None = None
        self.asked: tuple[AskedTopic, ...] = ()
        self.cautions: tuple[str, ...] = ()
        self.background: tuple[str, ...] = ()
        self.plan_words: dict[QuestionKey, tuple[str, ...]] = {}


def _load_content(c: _Collector, name: str, source: str, content: _Content) -> None:
    """A content file is a statements, red_flags, questions, terms (glossary) or answer_rules file."""
    try:
        data = yaml.load(source, Loader=_YAML_LOADER)
    except yaml.YAMLError:
        data = None
    top = next(iter(data), None) if isinstance(data, dict) else None
    models: dict[str, type[BaseModel]] = {
        "statements": StatementsFile, "red_flags": RedFlagsFile, "questions": QuestionsFile, "terms": GlossaryFile,
        "answer_rules": AnswerRulesFile,
    }
    model = models.get(str(top))
    if model is None:
        c.add(name, None, "a content file holds one of: " + ", ".join(models))
        return
    parsed, node = c.parse(name, source, model)
    if parsed is None:
        return
    if isinstance(parsed, AnswerRulesFile):
        if content.answer_rules_file is not None:
            c.add(name, None, f"a second answer_rules file (the first is {content.answer_rules_file[0]})")
        content.answer_rules = dict(parsed.answer_rules)
        content.asked = parsed.asked
        content.cautions = parsed.cautions
        content.background = parsed.background
        content.plan_words = dict(parsed.plan_words)
        content.answer_rules_file = (name, node)
        return
    items: tuple[Statement | RedFlagContent | Question | GlossaryTerm, ...] = getattr(parsed, str(top))
    for i, item in enumerate(items):
        line = _line_of(node, (str(top), i))
        ident = item.term if isinstance(item, GlossaryTerm) else item.id
        if ident in content.ids:
            c.add(name, line, f"duplicate id {ident!r}")
        content.ids.add(ident)
        if isinstance(item, Statement | RedFlagContent):
            content.files[item.id] = (name, line)
        if isinstance(item, Statement):
            content.statements[item.id] = item
        elif isinstance(item, RedFlagContent):
            content.red_flags[item.id] = item
        elif isinstance(item, Question):
            content.questions.append(item)
        else:
            content.glossary.append(item)
        if not isinstance(item, Question):
            content.citations.append((name, line, ident, item.refs))
        if isinstance(item, Statement | RedFlagContent):
            content.patient_citations.append((name, line, ident, (*item.patient_refs, *item.patient_refs_alt)))


def _check_red_flags(c: _Collector, content: _Content, signals: set[str]) -> None:
    """Every red flag reads a signal the lexicon has, and forbids or requires statements that exist."""
    file = "content/red_flags.yaml"
    for flag in content.red_flags.values():
        for signal in (flag.signal, *flag.reassurance, *flag.signs, *flag.workups):
            if signal not in signals:
                c.add(file, None, f"red flag {flag.id!r} reads {signal!r}, which is not in lexicon/red_flag.yaml")
        leads = {s for ids in flag.requires.values() for s in ids}
        for statement in (*flag.forbids, *leads):
            if statement not in content.statements:
                c.add(file, None, f"red flag {flag.id!r} names statement {statement!r}, which does not exist")
        for question, ids in flag.requires.items():
            if not ids or (ids[-1] in content.statements and content.statements[ids[-1]].when != ALWAYS):
                c.add(file, None, f"red flag {flag.id!r}: the last lead it requires for {question!r} must have no "
                                  "condition, so every case gets one")
        clash = set(flag.forbids) & leads
        if clash:
            c.add(file, None, f"red flag {flag.id!r} both forbids and requires {sorted(clash)}")


def _check_answer_rules(c: _Collector, content: _Content) -> None:
    """Every question has a decision table that answers every case; every statement a rule names
    exists and can be said by that rule; no rule hides behind an unconditional one; and every
    answer statement is reachable by some rule or red flag."""
    if content.answer_rules_file is None:
        c.add("content/answer_rules.yaml", None, "missing: the five questions' decision tables")
        return
    file, node = content.answer_rules_file
    reachable: set[str] = set()
    for question in QUESTION_KEYS:
        rules = content.answer_rules.get(question, ())
        if not rules:
            c.add(file, None, f"question {question!r} has no rules")
            continue
        for i, rule in enumerate(rules):
            where = _line_of(node, ("answer_rules", question, i))
            if i > 0 and rules[i - 1].when == ALWAYS:
                c.add(file, where, f"rule {rule.name!r} can never be used: the rule before it always answers")
            for statement_id in (*rule.say, *rule.clinician_only):
                statement = content.statements.get(statement_id)
                if statement is None:
                    c.add(file, where, f"rule {rule.name!r} names statement {statement_id!r}, which does not exist")
                elif not rule.when.compatible_with(statement.when):
                    c.add(file, where, f"rule {rule.name!r} can never say {statement_id!r}: their conditions "
                                       "cannot both hold")
                else:
                    reachable.add(statement_id)
        last = rules[-1]
        conditions = [content.statements[s].when for s in last.say if s in content.statements]
        if last.when != ALWAYS or not covers_every_case(conditions):
            c.add(file, _line_of(node, ("answer_rules", question, len(rules) - 1)),
                  f"question {question!r}: the last rule and one of its statements must have no condition, "
                  "so every case gets an answer")
    reachable |= {s for flag in content.red_flags.values() for ids in flag.requires.values() for s in ids}
    topics: set[str] = set()
    for i, topic in enumerate(content.asked):
        where = _line_of(node, ("asked", i))
        if topic.topic in topics:
            c.add(file, where, f"duplicate asked topic {topic.topic!r}")
        topics.add(topic.topic)
        outranks_own = set(topic.in_report_outranks) <= set(topic.say)
        if topic.in_report_outranks and (topic.in_report is None or not outranks_own):
            c.add(file, where, f"asked topic {topic.topic!r}: in_report_outranks names statements of its own say list, "
                               "beside an in_report statement")
        for statement_id in (*topic.say, *topic.covered_by, *topic.covered_adds, *topic.replaces,
                             *((topic.in_report,) if topic.in_report else ())):
            if statement_id not in content.statements:
                c.add(file, where, f"asked topic {topic.topic!r} names statement {statement_id!r}, which does not "
                                   "exist")
            elif statement_id.split(".")[0] != topic.answer:
                c.add(file, where, f"asked topic {topic.topic!r} says {statement_id!r} in the {topic.answer!r} "
                                   "answer: a statement is said in the answer its id starts with")
            else:
                reachable.add(statement_id)
    for statement_id in content.cautions:
        if statement_id not in content.statements:
            c.add(file, None, f"caution {statement_id!r} names no statement")
    for statement_id in content.background:
        if statement_id not in content.statements:
            c.add(file, None, f"background {statement_id!r} names no statement")
    for statement_id in content.statements:
        if statement_id.split(".")[0] in QUESTION_KEYS and statement_id not in reachable:
            c.add(file, None, f"statement {statement_id!r} is said by no rule and no red flag")


def validate_knowledge(root: Traversable | None = None) -> list[str]:
    """Every problem in the knowledge files (empty when all is well)."""
    return _load(root or _data_root())[1]


@lru_cache(maxsize=1)
def load_knowledge() -> KnowledgeBase:
    """The bundled knowledge, validated once per process; raises KnowledgeError listing all problems."""
    kb, problems = _load(_data_root())
    if kb is None:
        raise KnowledgeError(problems)
    return kb
