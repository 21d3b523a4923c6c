"""The automaton finds whole words, case-insensitively, across line wraps, longest first."""

from __future__ import annotations

import pickle

import pytest

from hoguide.reading.matcher import PhraseMatcher, PreparedText, native_automaton

# Each rule is checked on the C automaton (where it is built) and on the pure-Python path.
IMPLEMENTATIONS = [
    pytest.param(True, id="native",
                 marks=pytest.mark.skipif(native_automaton() is None, reason="the C automaton is not built")),
    pytest.param(False, id="python"),
]

ENTRIES = [
    ("heterotopic ossification", "target", "ho", False),
    ("myositis", "target", "mimic", False),
    ("myositis ossificans", "target", "ho", False),
    ("HO", "target", "ho", True),
    ("no", "context", "negated", False),
    ("no change", "context", "pseudo", False),
    ("hip", "site", "hip", False),
    ("s/p", "context", "historical", False),
]


@pytest.fixture(scope="module", params=IMPLEMENTATIONS)
def matcher(request: pytest.FixtureRequest) -> PhraseMatcher[str]:
    return PhraseMatcher(ENTRIES, native=request.param)


def found(matcher: PhraseMatcher[str], text: str) -> list[tuple[str, str]]:
    return [(text[h.start : h.end], h.payload) for h in matcher.find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Heterotopic Ossification", [("Heterotopic Ossification", "ho")]),
        ("HETEROTOPIC OSSIFICATION", [("HETEROTOPIC OSSIFICATION", "ho")]),
        ("heterotopic\n   ossification", [("heterotopic\n   ossification", "ho")]),
        ("heterotopic  ossification of the hip", [("heterotopic  ossification", "ho"), ("hip", "hip")]),
        ("those shoulders", []),  # "ho" and "no" inside words never match
        ("Shipping", []),
        ("HO about the hip", [("HO", "ho"), ("hip", "hip")]),
        ("ho hum", []),  # exact-case abbreviation
        ("myositis ossificans", [("myositis ossificans", "ho")]),
        ("myositis of the thigh", [("myositis", "mimic")]),
        ("no change", [("no change", "pseudo")]),
        ("s/p THA", [("s/p", "historical")]),
        ("", []),
    ],
)
def test_matches(matcher: PhraseMatcher[str], text: str, expected: list[tuple[str, str]]) -> None:
    assert found(matcher, text) == expected


def test_layers_do_not_compete(matcher: PhraseMatcher[str]) -> None:
    # "no" (context) and "hip" (site) sit inside no target phrase; both are kept.
    assert found(matcher, "no hip HO") == [("no", "negated"), ("hip", "hip"), ("HO", "ho")]


def test_offsets_survive_collapsed_white_space_and_unicode(matcher: PhraseMatcher[str]) -> None:
    text = "İİ  x\t\t  heterotopic \u00a0 ossification   about the    hip."
    for hit in matcher.find(text):
        assert text[hit.start : hit.end].split()[0].lower() in {"heterotopic", "hip"}
    assert [h.payload for h in matcher.find(text)] == ["ho", "hip"]


def test_a_lone_surrogate_is_just_another_character(matcher: PhraseMatcher[str]) -> None:
    # Text decoded with "surrogateescape" keeps undecodable bytes as lone surrogates.
    assert found(matcher, "HO \udcff about the hip\udcff") == [("HO", "ho"), ("hip", "hip")]


def test_a_pickled_matcher_finds_the_same(matcher: PhraseMatcher[str]) -> None:
    text = "No change. HO about the hip; s/p THA. those shoulders"
    copy = pickle.loads(pickle.dumps(matcher))
    assert copy.find(text) == matcher.find(text)
    assert copy.is_native == matcher.is_native


def test_prepared_text_maps_back() -> None:
    prepared = PreparedText.of("a  b   c")
    assert prepared.folded == "a b c"
    assert [prepared.to_original(i) for i in (0, 2, 4)] == [0, 3, 7]
    assert prepared.to_original_end(3) == 4


@pytest.mark.parametrize("native", IMPLEMENTATIONS)
def test_an_empty_phrase_is_refused(native: bool) -> None:
    with pytest.raises(ValueError, match="empty phrase"):
        PhraseMatcher([("  ", "x", "y", False)], native=native)


@pytest.mark.parametrize("native", IMPLEMENTATIONS)
def test_an_empty_lexicon_finds_nothing(native: bool) -> None:
    assert PhraseMatcher([], native=native).find("no heterotopic ossification") == []


GROUPS = ({"site", "target"}, {"nowhere"}, {"context"})


@pytest.mark.parametrize("native", IMPLEMENTATIONS)
def test_an_index_gives_the_hits_by_group_and_by_range(native: bool) -> None:
    matcher = PhraseMatcher(ENTRIES, native=native, groups=GROUPS)
    text = "No change. HO about the hip; s/p THA, no myositis ossificans"
    hits = matcher.find(text)
    index = matcher.index(text)
    assert index.all() == hits and len(index) == len(hits)
    # A group whose layers have no phrase (or no hit) is there, empty.
    assert [index.group(g) for g in range(len(GROUPS))] == [[h for h in hits if h.layer in layers]
                                                            for layers in GROUPS]
    assert [len(index.group(g)) for g in range(len(GROUPS))] == [3, 0, 3]
    # Ranges select by start: "HO about the hip" is [11, 27).
    assert [text[h.start : h.end] for h in index.between(11, 27)] == ["HO", "hip"]
    assert [text[h.start : h.end] for h in index.group_between(2, 0, 28)] == ["No change"]
    assert index.between(27, 11) == [] and index.group_between(1, 0, len(text)) == []
    with pytest.raises(IndexError, match="no group 3"):
        index.group(3)
    with pytest.raises(IndexError, match="no group -1"):
        index.group_between(-1, 0, 5)
    copy = pickle.loads(pickle.dumps(matcher))
    assert copy.index(text).group(0) == index.group(0)


def test_a_layer_in_two_groups_is_refused() -> None:
    with pytest.raises(ValueError, match="'site' is in two groups"):
        PhraseMatcher(ENTRIES, groups=({"site"}, {"site", "target"}))
