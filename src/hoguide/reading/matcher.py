"""One compiled Aho–Corasick automaton that finds every lexicon phrase in a single pass.

Why an automaton: a Python regular expression alternation over a reader-sized lexicon runs at a
few MB/s, a C/Rust automaton at close to 100 MB/s (ecosystem.md §3.8), and it cannot backtrack,
so time stays linear in the input.

Matching rules:
* case-insensitive, except for ``exact_case`` phrases (abbreviations such as ``HO``);
* word-bounded: a phrase never matches inside a longer word ("ho" in "shoulder");
* white space runs in the text match a single space in a phrase, so line-wrapped and
  double-spaced reports still match multi-word terms;
* within one ``layer`` overlapping hits are resolved leftmost-longest, so "myositis ossificans"
  beats "myositis"; hits in different layers never compete.

Two implementations follow these rules. The C extension ``_automaton`` (built with the package)
applies all of them inside its one pass, so a rejected candidate ("ho" in "shoulder") never
becomes a Python object; it folds ASCII text as it reads it, and ``index`` keeps the hits in C
until a caller asks for some of them (by group of layers, or by range). Where it was not built,
or with ``HOGUIDE_PURE_PYTHON=1``, the ``ahocorasick_rs`` automaton finds the candidates and
Python applies the rules. Both give the same hits (tests/reading/test_native_matcher.py).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, Protocol, TypeVar

import ahocorasick_rs

from hoguide.config import native_module
from hoguide.folding import fold, normalise_phrase

if TYPE_CHECKING:
    from hoguide.reading import _automaton

P = TypeVar("P")
_SURROGATE = re.compile("[\ud800-\udfff]")  # the Rust automaton takes only text that encodes as UTF-8


@cache
def native_automaton() -> type[_automaton.Automaton] | None:
    """The C automaton's type, or None where it is not built or ``HOGUIDE_PURE_PYTHON`` is set.
    Looked up on first use, not at import."""
    module = native_module("_automaton")
    automaton: type[_automaton.Automaton] | None = module.Automaton if module is not None else None
    return automaton


def implementation() -> str:
    """Which phrase matcher new readers use, for ``hoguide --version`` and the benchmarks."""
    return "C automaton" if native_automaton() is not None else "pure-Python path"


class PreparedText:
    """The text folded for matching (same length, so offsets are the input's), made on first use:
    the C automaton folds ASCII text as it reads it.

    The pure-Python path also needs the folded text with white-space runs collapsed, and a map
    back to offsets; it too is made on first use, since the C automaton collapses as it reads."""

    __slots__ = ("_collapsed", "_same_length", "original")

    def __init__(self, original: str, same_length: str | None = None) -> None:
        self.original = original
        self._same_length = same_length
        self._collapsed: tuple[str, tuple[int, ...], tuple[int, ...]] | None = None

    @classmethod
    def of(cls, text: str) -> PreparedText:
        return cls(text)

    @property
    def same_length(self) -> str:
        """The folded text, as long as the input (hoguide.folding.fold)."""
        if self._same_length is None:
            self._same_length = fold(self.original)
        return self._same_length

    @property
    def folded(self) -> str:
        """The folded text with every white-space run collapsed to one space."""
        return self._collapse()[0]

    def _collapse(self) -> tuple[str, tuple[int, ...], tuple[int, ...]]:
        """(collapsed text, positions right after each collapsed run, characters removed up to it)."""
        if self._collapsed is None:
            self._collapsed = _collapse_runs(self.same_length)
        return self._collapsed

    def to_original(self, pos: int) -> int:
        """Map a start offset in ``folded`` to the input text."""
        _, run_starts, removed = self._collapse()
        i = bisect_right(run_starts, pos)
        return pos + (removed[i - 1] if i else 0)

    def to_original_end(self, end: int) -> int:
        """Map an exclusive end offset (never lands after a collapsed run)."""
        return self.to_original(end - 1) + 1 if end > 0 else 0


# How each ASCII character folds: the C automaton folds ASCII text this way as it reads it.
_ASCII_FOLD = fold("".join(map(chr, range(128))))


def _folded_unless_ascii(prepared: PreparedText) -> str | None:
    """What the C automaton reads: None for ASCII text (most reports), which it folds itself."""
    return None if prepared.original.isascii() else prepared.same_length


def _collapse_runs(folded: str) -> tuple[str, tuple[int, ...], tuple[int, ...]]:
    run = folded.find("  ")
    if run == -1:
        return folded, (), ()
    # str.find from run to run: about twice as fast as a regular expression's match objects.
    pieces: list[str] = []
    starts: list[int] = []
    removed: list[int] = []
    last = total = 0
    while run != -1:
        after = run + 2
        while after < len(folded) and folded[after] == " ":
            after += 1
        pieces.append(folded[last : run + 1])
        total += after - run - 1
        last = after
        starts.append(after - total)
        removed.append(total)
        run = folded.find("  ", after)
    pieces.append(folded[last:])
    return "".join(pieces), tuple(starts), tuple(removed)


def _rebuild_matcher(entries: list[tuple[str, str, P, bool]], native: bool | None,
                     groups: tuple[frozenset[str], ...] = ()) -> PhraseMatcher[P]:
    return PhraseMatcher(entries, native=native, groups=groups)


class Hit(NamedTuple, Generic[P]):
    """A phrase found in the text: offsets into the original text and the phrase's payload.

    A named tuple rather than a frozen dataclass: the reader makes one per lexicon hit, and
    tuples are several times cheaper to create."""

    start: int
    end: int
    layer: str
    payload: P


@dataclass(frozen=True, slots=True)
class _Pattern(Generic[P]):
    layer: str
    payload: P
    exact_case: str | None  # the phrase as it must appear, for case-sensitive phrases
    check_left: bool  # the phrase starts with a word character, so a boundary is needed
    check_right: bool


class PhraseMatcher(Generic[P]):
    """Finds phrases from several layers at once; build once, reuse for every text."""

    def __init__(self, entries: Iterable[tuple[str, str, P, bool]], *, native: bool | None = None,
                 groups: Sequence[Collection[str]] = ()) -> None:
        """``entries``: (phrase, layer, payload, exact_case). One phrase may carry several payloads.

        ``native``: use the C automaton (True: it must be there; None: if it is there; False: never).
        ``groups``: sets of layers whose hits ``index`` lists on their own (a layer may be in one
        group only), so a caller that wants a few layers need not walk every hit for them."""
        self._groups = tuple(frozenset(layers) for layers in groups)
        self._group_of: dict[str, int] = {}
        for index, layers in enumerate(self._groups):
            for layer in layers:
                if self._group_of.setdefault(layer, index) != index:
                    raise ValueError(f"layer {layer!r} is in two groups")
        by_phrase: dict[str, list[_Pattern[P]]] = {}
        for phrase, layer, payload, exact_case in entries:
            key = normalise_phrase(phrase)
            if not key:
                raise ValueError(f"empty phrase in layer {layer!r}")
            by_phrase.setdefault(key, []).append(
                _Pattern(
                    layer,
                    payload,
                    " ".join(phrase.split()) if exact_case else None,
                    key[0].isalnum(),
                    key[-1].isalnum(),
                )
            )
        self._phrases: tuple[str, ...] = tuple(by_phrase)
        self._patterns: tuple[tuple[_Pattern[P], ...], ...] = tuple(tuple(v) for v in by_phrase.values())
        # Hot-loop view of each phrase: word-boundary checks, and whether any payload is case-exact.
        self._checks: tuple[tuple[bool, bool, bool], ...] = tuple(
            (v[0].check_left, v[0].check_right, any(p.exact_case is not None for p in v)) for v in self._patterns
        )
        # Every (layer, payload) gets a rank, ordered by layer: candidates are small tuples of ints
        # that sort fast, and hits with the same span come out in layer order.
        order = sorted(((p.layer, i, k) for i, v in enumerate(self._patterns) for k, p in enumerate(v)))
        rank_of = {(i, k): rank for rank, (_, i, k) in enumerate(order)}
        self._ranked: tuple[tuple[str, P], ...] = tuple(
            (self._patterns[i][k].layer, self._patterns[i][k].payload) for _, i, k in order
        )
        self._ranks: tuple[tuple[int, ...], ...] = tuple(
            tuple(rank_of[i, k] for k in range(len(v))) for i, v in enumerate(self._patterns)
        )
        automaton = native_automaton() if native is not False else None
        if native and automaton is None:
            raise RuntimeError("hoguide's C automaton is not built (or HOGUIDE_PURE_PYTHON is set)")
        self._native = self._build_native(automaton, order) if automaton is not None else None
        self._automaton = (
            ahocorasick_rs.AhoCorasick(list(self._phrases)) if self._phrases and self._native is None else None
        )

    def _build_native(self, automaton: type[_automaton.Automaton], order: list[tuple[str, int, int]]
                      ) -> _automaton.Automaton:
        layers = {layer: index for index, layer in enumerate(sorted({layer for layer, _, _ in order}))}
        groups = tuple(self._group_of.get(layer, -1) for layer in layers)
        phrases = [
            (key, v[0].check_left, v[0].check_right,
             [(rank, layers[p.layer], p.exact_case) for p, rank in zip(v, ranks, strict=True)])
            for key, v, ranks in zip(self._phrases, self._patterns, self._ranks, strict=True)
        ]
        return automaton(phrases, Hit, self._ranked, groups, len(self._groups), _ASCII_FOLD)

    @property
    def is_native(self) -> bool:
        """Does this matcher run the C automaton?"""
        return self._native is not None

    def __len__(self) -> int:
        return len(self._phrases)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as its entries, and rebuilt where it is unpickled (the automata are compiled
        objects): a reader can then be sent to joblib, Dask or multiprocessing workers."""
        entries = [
            (pattern.exact_case or phrase, pattern.layer, pattern.payload, pattern.exact_case is not None)
            for phrase, patterns in zip(self._phrases, self._patterns, strict=True)
            for pattern in patterns
        ]
        # Asked for the pure-Python path although the C automaton was there: keep it so. Otherwise the
        # C automaton wherever it is built.
        native = False if self._native is None and native_automaton() is not None else None
        return _rebuild_matcher, (entries, native, self._groups)

    def find(self, text: str | PreparedText) -> list[Hit[P]]:
        """All hits, overlaps resolved within each layer, sorted by start offset."""
        prepared = text if isinstance(text, PreparedText) else PreparedText.of(text)
        if self._native is not None:
            hits: list[Hit[P]] = self._native.scan(_folded_unless_ascii(prepared), prepared.original)
            return hits
        if self._automaton is None:
            return []
        folded, run_starts, removed = prepared._collapse()
        n = len(folded)
        checks, ranks = self._checks, self._ranks
        candidates: list[tuple[int, int, int]] = []
        append = candidates.append
        # The hot loop of the reader: everything is inlined and looked up in local variables.
        # A candidate is (start, -end, rank): one plain sort orders them leftmost-longest.
        try:
            matches = self._automaton.find_matches_as_indexes(folded, overlapping=True)
        except UnicodeEncodeError:  # a lone surrogate ("surrogateescape" text): no phrase holds one
            matches = self._automaton.find_matches_as_indexes(_SURROGATE.sub("\ufffd", folded), overlapping=True)
        for index, start, end in matches:
            left, right, exact = checks[index]
            if (left and start and folded[start - 1].isalnum()) or (right and end < n and folded[end].isalnum()):
                continue
            if exact:
                written = prepared.original[prepared.to_original(start) : prepared.to_original_end(end)]
                for pattern, rank in zip(self._patterns[index], ranks[index], strict=True):
                    if pattern.exact_case is None or _same_words(written, pattern.exact_case):
                        append((start, -end, rank))
            else:
                for rank in ranks[index]:
                    append((start, -end, rank))
        return self._resolve_overlaps(candidates, run_starts, removed)

    def index(self, text: str | PreparedText) -> HitIndex[P]:
        """``find``'s hits, to be asked for by group (``groups`` of the constructor) or by range.
        The C automaton makes a hit a Python object only when it is asked for."""
        prepared = text if isinstance(text, PreparedText) else PreparedText.of(text)
        if self._native is not None:
            native: HitIndex[P] = self._native.index(_folded_unless_ascii(prepared), prepared.original)
            return native
        return _ListedHits(self.find(prepared), self._group_of, len(self._groups))

    def _resolve_overlaps(self, candidates: list[tuple[int, int, int]], run_starts: tuple[int, ...],
                          removed: tuple[int, ...]) -> list[Hit[P]]:
        """Leftmost-longest per layer: the earliest hit wins, and of those starting together the longest.

        So "myositis ossificans" beats "myositis", and "heterotopic ossification in the soft tissues"
        stays "heterotopic ossification" even though a longer phrase starts inside it. Hits with the
        same span but different payloads are all kept (one phrase may mean several things). The
        result is sorted by start, longest first.

        Candidates hold offsets into the collapsed text; the map back to the input is monotonic, so
        it is applied to the kept hits only, walking the collapsed runs alongside them (they come in
        order of start), instead of two binary searches for every candidate.
        """
        candidates.sort()
        ranked = self._ranked
        kept: list[Hit[P]] = []
        starts: dict[str, int] = {}  # per layer: the span of the hit kept last
        ends: dict[str, int] = {}
        run, runs, shift = 0, len(run_starts), 0
        for start, negative_end, rank in candidates:
            end = -negative_end
            layer, payload = ranked[rank]
            if start < ends.get(layer, -1) and (start != starts[layer] or end != ends[layer]):
                continue
            starts[layer] = start
            ends[layer] = end
            while run < runs and run_starts[run] <= start:
                shift = removed[run]
                run += 1
            if run < runs and run_starts[run] < end:  # a multi-word hit across a collapsed run
                kept.append(Hit(start + shift, end + removed[bisect_right(run_starts, end - 1) - 1], layer, payload))
            else:
                kept.append(Hit(start + shift, end + shift, layer, payload))
        return kept


class HitIndex(Protocol[P]):
    """The hits of one text (``PhraseMatcher.index``). Each call returns a new list, sorted by start."""

    def all(self) -> list[Hit[P]]: ...

    def group(self, group: int, /) -> list[Hit[P]]:
        """The hits of the layers of ``groups[group]``."""

    def group_between(self, group: int, start: int, end: int, /) -> list[Hit[P]]:
        """The hits of that group that start in ``[start, end)``."""

    def between(self, start: int, end: int, /) -> list[Hit[P]]:
        """The hits that start in ``[start, end)``."""

    def __len__(self) -> int: ...


class _ListedHits(Generic[P]):
    """``HitIndex`` over a list of hits, for the pure-Python path."""

    def __init__(self, hits: list[Hit[P]], group_of: dict[str, int], n_groups: int) -> None:
        self._hits = hits
        self._groups: list[list[Hit[P]]] = [[] for _ in range(n_groups)]
        for hit in hits:
            if (group := group_of.get(hit.layer)) is not None:
                self._groups[group].append(hit)
        self._starts: dict[int, list[int]] = {}  # per group (-1: all hits), made on first use

    def all(self) -> list[Hit[P]]:
        return list(self._hits)

    def group(self, group: int, /) -> list[Hit[P]]:
        return list(self._group(group))

    def group_between(self, group: int, start: int, end: int, /) -> list[Hit[P]]:
        return self._between(group, self._group(group), start, end)

    def between(self, start: int, end: int, /) -> list[Hit[P]]:
        return self._between(-1, self._hits, start, end)

    def __len__(self) -> int:
        return len(self._hits)

    def _group(self, group: int) -> list[Hit[P]]:
        if not 0 <= group < len(self._groups):
            raise IndexError(f"there is no group {group}")
        return self._groups[group]

    def _between(self, key: int, hits: list[Hit[P]], start: int, end: int) -> list[Hit[P]]:
        starts = self._starts.get(key)
        if starts is None:
            starts = self._starts[key] = [hit.start for hit in hits]
        first = bisect_left(starts, start)
        return hits[first : max(first, bisect_left(starts, end))]


def _same_words(found: str, wanted: str) -> bool:
    return found == wanted or " ".join(found.split()) == wanted
