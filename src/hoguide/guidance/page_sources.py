"""Which sources each patient text shows on a page (issue 16: a page lists at most a dozen sources and
an answer at most four), so that every statement still shows sources that support it.

A statement, red flag or step shows its ``patient_refs`` (content files), together: where there are
two, each may back a different sentence. Its ``patient_refs_alt`` are sources of which each supports the
whole text alone (an authoritative review the page cites anyway), and it may show one of those instead.
So each text has a few ways to be sourced, each a set of keys: its own, then each alternative alone.
A way fits the case when each of its sources fits: a general source (no ``population`` in references.yaml),
or one that studied a population among the case's causes or among those the text names itself
(``names_population``). A text with a way that fits is given only its ways that fit (a knee patient is not
shown a hip-replacement study where a general review says the same); a text with none keeps all its ways.
Where the case's causes are unknown, only general sources fit. The goals below come first: where the ways
that fit leave the page or an answer over them, every way is searched again, ways that fit first, with the
fewest texts showing a misfit where a fit was possible as the next tie-break (issues 15 and 16, eighth session).

The page is given the sources that give every text one of its ways with the fewest over issue 16's
goals (a page over 12, each answer over 4), then the fewest misfits, then the fewest on the page (so a
source already cited elsewhere wins over a new one), then the fewest per answer, then the most texts
showing their own ``patient_refs``. Each answer then shows, of the page's sources, the fewest that give
each of its texts a way, within four those that show the fewest misfits (its own first); every other text
shows its own sources where the page has them, else an alternative it has.

A page has a few dozen texts and about twenty candidate sources, most texts with one way only: those
are taken first, and the rest is searched exactly, smallest sets first; where every smallest set leaves the
page or an answer over its goal, sets up to ``SPARE`` larger are searched too (one more source on the page
can keep an answer at four). A page too varied for that (never seen) falls back to a greedy choice, which
still gives every text a way.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import combinations
from math import comb

from hoguide.guidance.compose import compose, short_source
from hoguide.knowledge.loader import KnowledgeBase
from hoguide.knowledge.schema import RedFlagContent, Statement
from hoguide.models.assessment import Answer, Assessment, CitedText, ReportStatement

Way = frozenset[str]  # sources that together support a text
MAX_SEARCH = 20_000  # sets tried at one size before the greedy choice is taken instead
PAGE_GOAL, ANSWER_GOAL = 12, 4  # issue 16: sources listed on a page, and shown on one answer
# Where every smallest page has an answer over its goal, pages up to this many sources larger are tried too
# (one source more on the page can keep an answer at 4). Only such pages pay for the wider search: on the 43
# reports of benchmarks/sources.py a wider search for every page took 2-4 times as long.
SPARE = 2
MAX_SCORED = 1_000  # page covers compared (the smallest come first)


@dataclass(frozen=True, slots=True)
class Claim:
    """A patient text's ways to be sourced: its own ``patient_refs`` first, then each alternative alone.
    No ways: the text makes no claim (it restates the report) and shows no source."""

    own: tuple[str, ...]
    ways: tuple[Way, ...]
    # the first ``fits`` ways fit the case (CasePopulation), the rest do not; None: not checked, or none fits
    fits: int | None = None

    def strict(self) -> Claim:
        """The claim with only its ways that fit the case (all of them where none does)."""
        return self if self.fits is None else Claim(self.own, self.ways[:self.fits])

    def misfit(self, chosen: frozenset[str]) -> bool:
        """The way shown of ``chosen`` does not fit the case, though another way would."""
        if self.fits is None:
            return False
        return next((i >= self.fits for i, way in enumerate(self.ways) if way <= chosen), False)

    def shown(self, chosen: frozenset[str]) -> tuple[str, ...]:
        """The keys shown after the text: its own when the page has them all, else the first alternative
        the page has (``chosen`` always holds one of its ways)."""
        for way in self.ways:
            if way <= chosen:
                return self.own if way == frozenset(self.own) else tuple(sorted(way))
        return self.own  # not reached: every cover holds a way of every claim


@dataclass(frozen=True, slots=True)
class CasePopulation:
    """The case's causes (cause ids), against which each source's studied population is checked."""

    kb: KnowledgeBase
    causes: frozenset[str]

    def fits(self, key: str, named: Iterable[str] = ()) -> bool:
        """A general source fits every case; another fits when it studied one of the case's causes, or
        one the text names itself (``named``: its ``names_population``)."""
        reference = self.kb.references.get(key)
        studied = reference.population if reference is not None else ()
        return not studied or any(c in self.causes for c in studied) or any(c in studied for c in named)


def claim(citations: Iterable[str], content: Statement | RedFlagContent | None, listed: Container[str],
          case: CasePopulation | None = None) -> Claim:
    """The ways of a text that shows ``citations``, from the content it says (when it is known and shows
    them); keys not listed to patients (held back) are left out. With ``case``, the ways that fit it come
    first (``fits`` counts them), where there is one."""
    own = tuple(k for k in citations if k in listed)
    if not own:
        return Claim((), ())
    alternatives: tuple[str, ...] = ()
    if content is not None and tuple(content.patient_refs) == tuple(citations):
        alternatives = tuple(k for k in content.patient_refs_alt if k in listed)
    ways = (frozenset(own), *(frozenset((k,)) for k in alternatives))
    if case is not None:
        named = content.names_population if content is not None else ()
        fit = tuple(w for w in ways if all(case.fits(k, named) for k in w))
        if fit and len(fit) < len(ways):
            return Claim(own, fit + tuple(w for w in ways if w not in fit), len(fit))
    return Claim(own, ways)


def _holds(chosen: frozenset[str] | set[str], c: Claim) -> bool:
    return not c.ways or any(way <= chosen for way in c.ways)


def smallest_covers(claims: Sequence[Claim], limit: int = MAX_SEARCH, spare: int = 0) -> list[frozenset[str]]:
    """Every smallest set of sources that holds a way of each claim, in a stable order, and with
    ``spare`` > 0 also the sets up to that many sources larger; one greedy set when the search would
    try more than ``limit`` sets at one size."""
    return list(_smallest_covers(tuple(claims), limit, spare))


# The claims come from the content's statements, so pages and answers with the same statements recur from
# report to report: their search is kept (a few thousand small tuples), not redone.
@lru_cache(maxsize=4096)
def _smallest_covers(claims: tuple[Claim, ...], limit: int, spare: int) -> tuple[frozenset[str], ...]:
    return tuple(_search(claims, limit, spare))


def _search(claims: Sequence[Claim], limit: int, spare: int) -> list[frozenset[str]]:
    needed = [c for c in dict.fromkeys(claims) if c.ways]
    forced = frozenset(k for c in needed if len(c.ways) == 1 for k in c.ways[0])
    open_claims = [c for c in needed if not _holds(forced, c)]
    candidates = list(dict.fromkeys(k for c in open_claims for way in c.ways for k in sorted(way) if k not in forced))
    found: list[frozenset[str]] = []
    smallest: int | None = None
    for size in range(len(candidates) + 1):
        if smallest is not None and size > smallest + spare:
            break
        if comb(len(candidates), size) > limit:
            return found or [forced | _greedy(open_claims, forced)]
        covers = [chosen for chosen in (forced | frozenset(extra) for extra in combinations(candidates, size))
                  if all(_holds(chosen, c) for c in open_claims)]
        if covers and smallest is None:
            smallest = size
        found += covers
    return found or [forced | frozenset(candidates)]


def _greedy(claims: Sequence[Claim], chosen: frozenset[str]) -> frozenset[str]:
    """Again and again, the way that costs the fewest new sources for the claims it holds."""
    picked = set(chosen)
    left = list(claims)
    while left:
        ways = list(dict.fromkeys(way for c in left for way in c.ways))
        best = max(ways, key=lambda w: (sum(_holds(picked | w, c) for c in left) / max(len(w - picked), 1)))
        picked |= best
        left = [c for c in left if not _holds(picked, c)]
    return frozenset(picked - chosen)


def _own_kept(claims: Iterable[Claim], chosen: frozenset[str]) -> int:
    return sum(1 for c in claims if c.ways and c.ways[0] <= chosen)


def _ranker(claims: Sequence[Claim]) -> Callable[[frozenset[str]], int]:
    """A stable last tie-break: the sum of the chosen sources' places in order of first citation."""
    order = {k: i for i, k in enumerate(dict.fromkeys(k for c in claims for way in c.ways for k in sorted(way)))}
    last = len(order)
    return lambda chosen: sum(order.get(k, last) for k in chosen)


def answer_cover(claims: Sequence[Claim], page: frozenset[str]) -> frozenset[str]:
    """Of the page's sources, the fewest that hold a way of each of an answer's claims; among as few,
    those that keep the most claims' own sources; then, within the answer's goal, a fitting way the page
    holds for each text that would show a source of another population."""
    within = [_on_page(c, page) for c in claims]
    rank = _ranker(within)
    cover = max(smallest_covers(within), key=lambda s: (_own_kept(within, s), -rank(s)))
    # a text that shows a source of another population where the page has one that fits takes it, within four
    for c in within:
        if c.misfit(cover) and len(cover | c.ways[0]) <= max(ANSWER_GOAL, len(cover)):
            cover |= c.ways[0]
    return cover


def _on_page(c: Claim, page: frozenset[str]) -> Claim:
    """The claim's ways that the page holds (those that fit the case first, as before)."""
    ways = tuple(w for w in c.ways if w <= page)
    fits = None if c.fits is None else sum(1 for w in c.ways[:c.fits] if w <= page)
    return Claim(c.own, ways, fits if fits and fits < len(ways) else None)


def choose_sources(assessment: Assessment, kb: KnowledgeBase, steps: Mapping[str, ReportStatement],
                   replan: Callable[[dict[str, ReportStatement]], list[ReportStatement]]) -> Assessment:
    """The assessment with each patient text showing the sources chosen for its page.

    ``steps`` are the report's next steps, one per concept (guidance/next_steps.py); the plan lines
    shown (``next_steps``) are built from them by ``replan``, which is run again on the steps with
    their sources chosen, so a line naming several steps shows each step's own choice."""
    claims, chosen = _sourced(assessment, kb, steps)
    # Still over the goals: an answer leaves out a statement of background (answer_rules.yaml ``background``), last
    # first, where that brings the page nearer them; one at a time, as each changes what the others need.
    while _over(*chosen) > 0 and (fewer := _nearer(assessment, kb, steps, chosen)) is not None:
        assessment, (claims, chosen) = fewer
    answers, flags, says, step_claims = claims
    page, covered = chosen
    covers = dict(covered)
    narrowed = {q: _narrowed(a, answers[q], covers[q]) for q, a in assessment.answers.items()}
    chosen_steps = {c: replace(s, patient_citations=step_claims[c].shown(page)) for c, s in steps.items()}
    return replace(
        assessment,
        answers=narrowed,
        red_flags=tuple(replace(f, patient_citations=c.shown(page))
                        for f, c in zip(assessment.red_flags, flags[:len(assessment.red_flags)], strict=True)),
        cautions=tuple(replace(t, citations=c.shown(page))
                       for t, c in zip(assessment.cautions, flags[len(assessment.red_flags):], strict=True)),
        report_says=tuple(replace(s, patient_citations=main.shown(page),
                                  detail_citations=tuple(d.shown(page) for d in details))
                          for s, (main, details) in zip(assessment.report_says, says, strict=True)),
        next_steps=tuple(replan(chosen_steps)),
    )


_Claims = tuple[dict[str, list[Claim]], list[Claim], list[tuple[Claim, list[Claim]]], dict[str, Claim]]
_Chosen = tuple[frozenset[str], tuple[tuple[str, frozenset[str]], ...]]


def _sourced(assessment: Assessment, kb: KnowledgeBase, steps: Mapping[str, ReportStatement]
             ) -> tuple[_Claims, _Chosen]:
    """The texts' claims and the page's sources chosen for them."""
    # the causes the explanation names (none where the report shows no HO): unknown causes fit general sources
    every = _claims_of(assessment, kb, steps, CasePopulation(kb, frozenset(c.id for c in assessment.causes)))
    claims = _strict(every)
    chosen = _chosen(claims)
    # The goals come first: where the ways that fit leave the page or an answer over them, every way is
    # searched again (the fewest misfits breaking ties) and taken if that brings the page nearer the goals.
    if _over(*chosen) > 0 and _over(*(other := _chosen(every))) < _over(*chosen):
        claims, chosen = every, other
    return claims, chosen


def _nearer(assessment: Assessment, kb: KnowledgeBase, steps: Mapping[str, ReportStatement], chosen: _Chosen
            ) -> tuple[Assessment, tuple[_Claims, _Chosen]] | None:
    """The assessment with one statement of background left out of an answer, the last that brings the page nearer
    issue 16's goals (an answer over four first), with its sources chosen; None where none does."""
    covers = chosen[1]
    over_answers = [q for q, cover in covers if len(cover) > ANSWER_GOAL]
    for question in over_answers or [q for q, _ in reversed(covers)]:
        answer = assessment.answers[question]
        said = answer.statements[:len(answer.parts)]
        for i in range(len(said) - 1, 0, -1):  # never the lead
            if said[i] not in kb.background:
                continue
            fewer = replace(assessment, answers={**assessment.answers, question: _without(kb, answer, i)})
            sourced = _sourced(fewer, kb, steps)
            if _over(*sourced[1]) < _over(*chosen):
                return fewer, sourced
    return None


def _without(kb: KnowledgeBase, answer: Answer, i: int) -> Answer:
    """``answer`` without its ``i``-th patient statement (the clinician's note keeps it)."""
    said = answer.statements[:len(answer.parts)]
    return compose(kb, answer.question, said[:i] + said[i + 1:], certainty=answer.certainty,
                   reason=answer.certainty_reason, evidence=answer.evidence, rule=answer.rule,
                   clinician_only=(*answer.statements[len(answer.parts):], said[i]))


def _claims_of(assessment: Assessment, kb: KnowledgeBase, steps: Mapping[str, ReportStatement],
               case: CasePopulation | None) -> _Claims:
    """The claims of the answers, the red flags, the report's lines and the next steps; with ``case``,
    each text's ways that fit it where it has one."""
    listed = assessment.references

    def of(citations: Iterable[str], content_id: str | None) -> Claim:
        content = kb.statements.get(content_id) if content_id else None
        return claim(citations, content, listed, case)

    answers = {q: _answer_claims(a, kb, listed, case) for q, a in assessment.answers.items()}
    flags = [claim(f.patient_citations, kb.red_flags.get(f.id), listed, case) for f in assessment.red_flags]
    flags += [claim(c.citations, None, listed, case) for c in assessment.cautions]  # the warning box's cautions
    says = [(of(s.patient_citations, "report." + s.status), [of(d, None) for d in s.detail_citations])
            for s in assessment.report_says]
    step_claims = {c: of(s.patient_citations, f"next.{c}") for c, s in steps.items()}
    return answers, flags, says, step_claims


def _strict(claims: _Claims) -> _Claims:
    answers, flags, says, step_claims = claims
    return ({q: [c.strict() for c in a] for q, a in answers.items()}, [c.strict() for c in flags],
            [(main.strict(), [d.strict() for d in details]) for main, details in says],
            {k: c.strict() for k, c in step_claims.items()})


def _chosen(claims: _Claims) -> _Chosen:
    answers, flags, says, step_claims = claims
    others = flags + list(step_claims.values()) + [c for main, details in says for c in (main, *details)]
    return _page(tuple((q, tuple(a)) for q, a in answers.items()), tuple(others))


def _over(page: frozenset[str], covers: tuple[tuple[str, frozenset[str]], ...]) -> int:
    """How far a page and its answers are over issue 16's goals."""
    return max(len(page) - PAGE_GOAL, 0) + sum(max(len(cover) - ANSWER_GOAL, 0) for _, cover in covers)


# The claims are the content's reference keys, nothing of the report or the patient's words, and the same few
# pages of claims recur from report to report: the page chosen for them is kept, not searched again.
@lru_cache(maxsize=4096)
def _page(answers: tuple[tuple[str, tuple[Claim, ...]], ...],
          others: tuple[Claim, ...]) -> tuple[frozenset[str], tuple[tuple[str, frozenset[str]], ...]]:
    """The page's sources for these claims (``choose_sources``), and each answer's cover of it."""
    every = [c for _, claims in answers for c in claims] + list(others)
    by_question = dict(answers)
    # An answer's cover depends only on the page's sources that its claims name: pages that differ elsewhere
    # share it, so each is worked out once (the search compares hundreds of pages).
    named = {q: frozenset(k for c in claims for way in c.ways for k in way) for q, claims in answers}
    known: dict[tuple[str, frozenset[str]], frozenset[str]] = {}

    def cover(q: str, page: frozenset[str]) -> frozenset[str]:
        key = (q, page & named[q])
        if key not in known:
            known[key] = answer_cover(by_question[q], key[1])
        return known[key]

    rank = _ranker(every)

    def score(page: frozenset[str]) -> tuple[int, int, int, int, int, int, int]:
        covers = [cover(q, page) for q, _ in answers]
        sizes = [len(cover) for cover in covers]
        over = max(len(page) - PAGE_GOAL, 0) + sum(max(size - ANSWER_GOAL, 0) for size in sizes)
        own = _own_kept(others, page) + sum(_own_kept(claims, cover) for (_, claims), cover in
                                            zip(answers, covers, strict=True))
        misfits = sum(c.misfit(page) for c in others) + sum(c.misfit(cover) for (_, claims), cover in
                                                             zip(answers, covers, strict=True) for c in claims)
        return (over, misfits, len(page), max(sizes, default=0), sum(sizes), -own, rank(page))

    page = min(smallest_covers(every)[:MAX_SCORED], key=score)
    for spare in range(1, SPARE + 1):
        if score(page)[:2] == (0, 0):  # within the goals, and no text shows a source that misfits where one fits
            break
        page = min(smallest_covers(every, spare=spare)[:MAX_SCORED], key=score)
    # a source no text needs but one that fits where another population's is shown: added where that shows
    # fewer misfits and keeps the page and its answers as near the goals
    for c in every:
        if c.fits is not None and not c.ways[0] <= page and score(page | c.ways[0])[:2] < score(page)[:2]:
            page |= c.ways[0]
    return page, tuple((q, cover(q, page)) for q, _ in answers)


def _answer_claims(answer: Answer, kb: KnowledgeBase, listed: Mapping[str, str],
                   case: CasePopulation | None) -> list[Claim]:
    """The short answer's claim, then each statement's (``parts`` are the first ``statements``)."""
    said = answer.statements[:len(answer.parts)]
    cited = tuple(part.citations for part in answer.parts)
    keys = _answer_keys(kb, said, answer.short_citations, cited)
    return list(_answer_claims_of(kb, said, answer.short_citations, cited, frozenset(k for k in keys if k in listed),
                                  case))


# An answer's claims come from its statements' reference keys and which of them the page lists: content ids
# and reference keys only, nothing of the report or the patient's words. The same answers recur from report to
# report, so both steps are kept rather than redone.
@lru_cache(maxsize=4096)
def _answer_keys(kb: KnowledgeBase, said: tuple[str, ...], short_citations: tuple[str, ...],
                 cited: tuple[tuple[str, ...], ...]) -> tuple[str, ...]:
    """Every key an answer's claims may name: its texts' own and their contents' alternatives."""
    short = short_source(kb, said) if said else None
    keys = [*short_citations, *(short.patient_refs_alt if short is not None else ())]
    for citations, statement_id in zip(cited, said, strict=True):
        content = kb.statements.get(statement_id)
        keys += [*citations, *(content.patient_refs_alt if content is not None else ())]
    return tuple(dict.fromkeys(keys))


@lru_cache(maxsize=4096)
def _answer_claims_of(kb: KnowledgeBase, said: tuple[str, ...], short_citations: tuple[str, ...],
                      cited: tuple[tuple[str, ...], ...], listed: frozenset[str],
                      case: CasePopulation | None) -> tuple[Claim, ...]:
    """``_answer_claims``, with ``listed`` the keys of ``_answer_keys`` that the page lists."""
    short = short_source(kb, said) if said else None
    return (claim(short_citations, short, listed, case),
            *(claim(citations, kb.statements.get(statement_id), listed, case)
              for citations, statement_id in zip(cited, said, strict=True)))


def _narrowed(answer: Answer, claims: Sequence[Claim], chosen: frozenset[str]) -> Answer:
    short_citations, parts = _shown(answer.parts, tuple(claims), chosen)
    return replace(answer, short_citations=short_citations, parts=parts)


@lru_cache(maxsize=4096)  # content texts and reference keys only, like the claims
def _shown(parts: tuple[CitedText, ...], claims: tuple[Claim, ...],
           chosen: frozenset[str]) -> tuple[tuple[str, ...], tuple[CitedText, ...]]:
    """An answer's short citations and parts with the sources shown on a page that lists ``chosen``."""
    return claims[0].shown(chosen), tuple(CitedText(part.text, c.shown(chosen))
                                          for part, c in zip(parts, claims[1:], strict=True))
