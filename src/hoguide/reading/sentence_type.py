"""The sentence-type cue: is this sentence about this patient, or about HO as a topic or in a population?

A case report tells one patient's story in the past tense ("CT showed HO about the left hip"); a report
describes one film ("HO about the right hip is unchanged"); a textbook or a review states what holds of HO in
the present, of people in the plural, with a study's numbers and its sources ("HO is a common complication in
patients with spinal cord injury", "HO developed in 12 of 40 hips"). The rules of general.py and kinds.py name
frames of such sentences; this cue weighs the whole sentence instead, so that a wording no frame names is still
read by its tense, its subject and its numbers.

It is a logistic model over a few dozen hand-chosen features: how often each word class of
``data/sentence_type.yaml`` occurs in the sentence (capped), the shapes of a study's numbers and of a
citation, and the words right around the mention (a determiner or possessive picks one lesion; a bare subject
or "the risk of" names the kind). The weights (``data/sentence_type_weights.json``) are learned by
``benchmarks/train_sentence_type.py`` from the labelled dev rows; they hold feature names and numbers only.
The model is deterministic and reads a sentence with one regular-expression scan.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from hoguide.models.reading import Trigger
from hoguide.reading.phrases import any_phrase

CATEGORY = "hypothetical"
CAP = 3  # matches of one class that count: a long sentence is no more general for its tenth "was"

_MONTHS = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|"
           r"Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)")
# Shapes that are grammar rather than words.
_SHAPES: dict[str, str] = {
    "percent": r"\d\s*%",
    "stats": r"(?<![\w])(?:n|p)\s*[=<>≤]\s*0?\.?\d|\b(?:95\s*%\s*)?CI\b|\bOR\s*[=:]|\bHR\s*[=:]",
    # a date is a report's or a story's ("since 2026-03-01"), never a study's figure
    "date": r"\b(?:19|20)\d\d-\d\d?-\d\d?\b|\b\d{1,2}[/.]\d{1,2}[/.](?:19|20)?\d\d\b"
            rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS}\b|\b{_MONTHS}\s+(?:\d{{1,2}}(?:st|nd|rd|th)?|(?:19|20)\d\d)\b",
    "count_of": r"\b\d+\s+(?:of|out\s+of)\s+(?:the\s+)?\d+\b|(?<![\w./])\d+\s*/\s*\d+(?![\w./])",
    "citation": r"\(\s*[A-Z][\w-]+[^()]{0,40}(?:19|20)\d\d[a-z]?\s*\)|\[\s*\d+(?:\s*[,–-]\s*\d+)*\s*\]|\bet\s+al\b",
    # one lesion named with its determiner: "the firm mass in the thigh", "this ossific focus"
    "one_lesion": r"\b(?:the|this|that)\s+(?:[\w-]+\s+){0,2}?(?:mass|masses|lesion|lesions|nodule|collection|focus|"
                  r"opacity|opacities|density|swelling|lump)\b",
    # (an angle measured, too: "3 deg vs 9 deg previously" is one disc's movement, no study's figures: round 30, 545)
    "measurement": r"\d+(?:\.\d+)?\s*(?:(?:cm|mm|deg|degrees)\b|\u00b0)|\d+(?:\.\d+)?\s*x\s*\d",
    "number": r"(?<![\w.])\d+(?:\.\d+)?(?![\w.])",
}
# The scan tries every shape at every place in the sentence, and most places are not digits: the branches of
# the shapes that start with a digit (all of four shapes, a branch of "stats" and three of "date") are tried
# together behind one test for a digit, in the same order, and the others after them (a quarter of the scan's
# time, the same matches: tests/reading/test_sentence_type.py compares the two scans). Each pair is the shape.
_SPLIT_SHAPES: dict[str, tuple[str | None, str | None]] = {
    "percent": (_SHAPES["percent"], None),
    "stats": (r"\b95\s*%\s*CI\b", r"(?<![\w])(?:n|p)\s*[=<>≤]\s*0?\.?\d|\bCI\b|\bOR\s*[=:]|\bHR\s*[=:]"),
    "date": (r"\b(?:19|20)\d\d-\d\d?-\d\d?\b|\b\d{1,2}[/.]\d{1,2}[/.](?:19|20)?\d\d\b"
             rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS}\b",
             rf"\b{_MONTHS}\s+(?:\d{{1,2}}(?:st|nd|rd|th)?|(?:19|20)\d\d)\b"),
    "count_of": (_SHAPES["count_of"], None),
    "citation": (None, _SHAPES["citation"]),
    "one_lesion": (None, _SHAPES["one_lesion"]),
    "measurement": (_SHAPES["measurement"], None),
    "number": (_SHAPES["number"], None),
}
DIGIT_FIRST = "_d"  # the suffix of a shape's group name in the digit branches


def shape_scan(words: str | None, *, split: bool = True) -> re.Pattern[str]:
    """One pattern for the word classes (``words``, group ``w``) and the shapes (a group each, named after the
    shape, or after it with ``DIGIT_FIRST`` for its digit branches); ``split=False`` is the plain alternation
    of the shapes that the split one must match alike."""
    parts = [f"(?P<w>{words})"] if words is not None else []
    if not split:
        parts += [f"(?P<{name}>{shape})" for name, shape in _SHAPES.items()]
    else:
        digits = [f"(?P<{name}{DIGIT_FIRST}>{first})" for name, (first, _) in _SPLIT_SHAPES.items() if first]
        parts.append(r"(?=\d)(?:" + "|".join(digits) + ")")
        parts += [f"(?P<{name}>{rest})" for name, (_, rest) in _SPLIT_SHAPES.items() if rest]
    return re.compile("|".join(parts), re.IGNORECASE)


# The word just before the mention (up to two adjectives between).
_ADJ = r"(?:(?!(?:of|for|in|on|at|with|to|and|or|by|from|about)\b)[\w-]+\s+){0,2}"  # adjectives, no preposition
_BEFORE: dict[str, re.Pattern[str]] = {
    "mention_possessed": re.compile(rf"\b(?:his|her|their|our|my|your|patient's)\s+{_ADJ}$", re.IGNORECASE),
    "mention_determined": re.compile(rf"\b(?:the|this|that|these|those|a|an|its)\s+{_ADJ}$", re.IGNORECASE),
    "mention_of": re.compile(r"\b(?:of|for|against|about|in)\s+(?:[\w-]+\s+)?$", re.IGNORECASE),
}
_AFTER_PREDICATE = re.compile(
    r"\s*(?:\([^()]{1,30}\)\s*)?(?:[\w-]+\s+)?(?:is|are|can|may|occurs|occur|develops|develop|has|have|remains|"
    r"tends|affects|forms|refers|represents|results)\b", re.IGNORECASE)
_START = re.compile(r"^\W*(?:[\w-]+\s*[,:]\s*)?(?:(?!(?:the|this|that|these|those|his|her|their|its|our|a|an|no)\b)"
                    r"[\w-]+\s+){0,2}$", re.IGNORECASE)
_SINGULAR_S = ("ossificans", "osis", "is", "us", "ss")  # "myositis ossificans" is one lesion, "ossifications" many
START_REACH = 80  # characters: a mention further into its sentence does not start it
BEFORE_REACH = 40  # characters before the mention read for its determiner
# What ties a sentence to one case, whatever else it says: a case report's frame ("we report a case of"), one
# patient ("the patient", "a 47-year-old"), a side, a date, a measurement, a site beside the mention, a pointer
# at one lesion ("this is", "the firm mass"), a planned step, a comparison with an earlier film, a possessor or a
# determiner of the mention ("his HO", "the HO"). The model weighs these too; as anchors they keep a case's or a
# report's sentence out of the cue's reach, where a mistake costs most.
ANCHORS = frozenset({"case_frame", "this_patient", "side", "date", "measurement", "deictic", "one_lesion", "plan",
                     "change", "mention_possessed", "mention_determined"})
SITE = "site"  # the class of the lexicon's body sites (given by the reader, not in sentence_type.yaml)
SITE_REACH = 40  # characters: a site this near the mention places it ("elbow HO", "HO about the left hip")


@dataclass(frozen=True, slots=True)
class SentenceTypeModel:
    """Word classes and weights: ``score`` is the probability that a sentence's mention is not this patient's."""

    scan: re.Pattern[str]  # any phrase of a class (group ``w``) or a shape (its own group)
    classes_of: dict[str, tuple[str, ...]]  # a phrase, lower case and single-spaced -> its classes
    names: tuple[str, ...]  # feature order of the weights
    weights: tuple[float, ...]
    bias: float
    thresholds: dict[str, float]  # reader status -> the score at which the sentence type makes it general
    anchor_indices: tuple[int, ...] = ()  # the features of ``ANCHORS``
    mention_gain: float = 0.0  # the most a mention's own features can add to its sentence's score
    mention_weights: tuple[tuple[str, float], ...] = ()  # the weights of a mention's own features

    @classmethod
    def of(cls, classes: dict[str, list[str]], weights: dict[str, Any] | None) -> SentenceTypeModel:
        classes_of: dict[str, tuple[str, ...]] = {}
        for name, phrases in classes.items():
            for phrase in phrases:
                key = " ".join(phrase.lower().split())
                classes_of[key] = (*classes_of.get(key, ()), name)
        words = any_phrase(list(classes_of))
        scan = shape_scan(words.pattern if words is not None else None)
        names = feature_names(classes)
        anchors = tuple(i for i, n in enumerate(names) if n in ANCHORS)
        if weights is None:
            return cls(scan, classes_of, names,
                       tuple(0.0 for _ in names), 0.0, {}, anchors)
        by_name = weights["weights"]
        values = tuple(float(by_name.get(n, 0.0)) for n in names)
        own = tuple((n, w) for n, w in zip(names, values, strict=True) if n in MENTION_FEATURES)
        return cls(scan, classes_of, names, values, float(weights["bias"]),
                   {k: float(v) for k, v in weights.get("thresholds", {}).items()}, anchors,
                   sum(max(0.0, w) for _, w in own), own)

    def sentence(self, text: str, sentence_start: int, sentence_end: int) -> SentenceScan:
        """One scan of a sentence: its word classes and shapes, counted, and what they weigh. A sentence of many
        mentions is scanned once (the reader keeps it for the sentence), so that reading stays linear."""
        counts: dict[str, int] = {}
        where: dict[str, tuple[int, int]] = {}
        sites: list[int] = []
        for match in self.scan.finditer(text, sentence_start, sentence_end):
            group = match.lastgroup
            if group != "w":
                shape = str(group).removesuffix(DIGIT_FIRST)
                counts[shape] = counts.get(shape, 0) + 1
                where.setdefault(shape, match.span())
                continue
            words = match.group(0).lower().split()
            # a phrase counts for its own classes and its first word's ("is a": a definition, and the present tense)
            for key in (" ".join(words), *(words[:1] if len(words) > 1 else ())):
                for name in self.classes_of.get(key, ()):
                    counts[name] = counts.get(name, 0) + 1
                    where.setdefault(name, match.span())
                    if name == SITE:
                        sites.append(match.start())
        values = {n: min(counts.get(n, 0), CAP) / CAP for n in self.names if n not in MENTION_FEATURES}
        values["question"] = 1.0 if text[sentence_start:sentence_end].rstrip().endswith("?") else 0.0
        values["verbless"] = 0.0 if any(counts.get(c) for c in ("narrative", "present", "modal", "seen")) else 1.0
        z = self.bias + sum(w * values[n] for n, w in zip(self.names, self.weights, strict=True) if n in values)
        anchored = any(values.get(self.names[i]) for i in self.anchor_indices)
        return SentenceScan(sentence_start, sentence_end, values, where, tuple(sites), z, anchored)

    def _mention(self, text: str, scan: SentenceScan, start: int, end: int) -> dict[str, float]:
        """The features of the mention ``text[start:end]`` itself: its place in the sentence, the words around it."""
        near = bisect_left(scan.sites, start - SITE_REACH)
        before = text[max(scan.start, start - BEFORE_REACH):start]
        mention = text[start:end].lower()
        found = {
            "mention_sited": 1.0 if near < len(scan.sites) and scan.sites[near] < end + SITE_REACH else 0.0,
            "mention_bare_start": 1.0 if start - scan.start <= START_REACH
            and _START.match(text[scan.start:start]) else 0.0,
            "mention_subject": 1.0 if _AFTER_PREDICATE.match(text, end, scan.end) else 0.0,
            "mention_plural": 1.0 if mention.endswith("s") and not mention.endswith(_SINGULAR_S) else 0.0,
        }
        for name, pattern in _BEFORE.items():
            found[name] = 1.0 if pattern.search(before) else 0.0
        return found

    def features(self, text: str, sentence_start: int, sentence_end: int, start: int, end: int) -> list[float]:
        """The feature vector (in ``names`` order) of the mention ``text[start:end]`` in its sentence."""
        scan = self.sentence(text, sentence_start, sentence_end)
        return self._vector(scan, self._mention(text, scan, start, end))

    def _vector(self, scan: SentenceScan, mention: dict[str, float]) -> list[float]:
        return [mention[n] if n in mention else scan.values[n] for n in self.names]

    def score(self, text: str, sentence_start: int, sentence_end: int, start: int, end: int) -> float:
        """The probability that the mention ``text[start:end]`` is not this patient's (a topic's or a population's)."""
        return self.probability(self.features(text, sentence_start, sentence_end, start, end))

    def probability(self, x: list[float]) -> float:
        return _logistic(self.bias + sum(w * v for w, v in zip(self.weights, x, strict=True)))

    def anchored(self, x: list[float]) -> bool:
        """Does the sentence tie itself to one case (``ANCHORS``)? Then the cue never makes it general."""
        return any(x[i] for i in self.anchor_indices)

    def general(self, status: str, text: str, scan: SentenceScan, start: int, end: int) -> Trigger | None:
        """The trigger that makes a mention read as ``status`` general (its sentence, scanned as ``scan``, scores at
        or over that status's threshold and has no anchor), else None. Its words are those of the class that
        weighed most toward a topic ("patients", "usually", "% of"); the whole sentence when only the mention's
        own place did. The sentence's part of the score is summed once, in ``scan``."""
        threshold = self.thresholds.get(status)
        # most sentences cannot reach the threshold whatever the mention: their mentions are not read one by one
        if threshold is None or scan.anchored or _logistic(scan.z + self.mention_gain) < threshold:
            return None
        before = text[max(scan.start, start - BEFORE_REACH):start]
        if any(_BEFORE[name].search(before) for name in _MENTION_ANCHORS):
            return None
        mention = self._mention(text, scan, start, end)
        if _logistic(scan.z + sum(w * mention[n] for n, w in self.mention_weights)) < threshold:
            return None
        x = self._vector(scan, mention)
        weighed = [(w * v, n) for n, w, v in zip(self.names, self.weights, x, strict=True) if v and n in scan.where]
        span = scan.where[max(weighed)[1]] if weighed else (scan.start, scan.end)
        return Trigger(text[span[0]:span[1]], CATEGORY, span[0], span[1])


def _logistic(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(frozen=True, slots=True)
class SentenceScan:
    """What one scan of a sentence found: its features (all but the mention's own), where each class first
    matched, where each body site starts, and the score's sum over them (``z``, with the bias)."""

    start: int
    end: int
    values: dict[str, float]
    where: dict[str, tuple[int, int]]
    sites: tuple[int, ...]
    z: float
    anchored: bool


_MENTION_ANCHORS = tuple(name for name in _BEFORE if name in ANCHORS)  # "his HO", "the HO"
MENTION_FEATURES = frozenset({"mention_sited", "mention_bare_start", "mention_subject", "mention_plural", *_BEFORE})
EXTRA_FEATURES = ("mention_sited", "question", "verbless", "mention_bare_start", "mention_subject", "mention_plural",
                  *_BEFORE)


def feature_names(classes: dict[str, list[str]]) -> tuple[str, ...]:
    return (*classes, *_SHAPES, *EXTRA_FEATURES)


DATA = Path(__file__).resolve().parent / "data"


def load_classes(sites: tuple[str, ...] = ()) -> dict[str, list[str]]:
    """The word classes of sentence_type.yaml, and the lexicon's body sites as the class ``site``."""
    data = yaml.safe_load((DATA / "sentence_type.yaml").read_text("utf-8"))
    classes = {str(k): [str(p) for p in v] for k, v in data["classes"].items()}
    classes[SITE] = list(sites)
    return classes


def load_weights() -> dict[str, Any] | None:
    path = DATA / "sentence_type_weights.json"
    if not path.is_file():
        return None
    loaded: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return loaded


@lru_cache(maxsize=4)
def sentence_type_model(sites: tuple[str, ...] = ()) -> SentenceTypeModel:
    return SentenceTypeModel.of(load_classes(sites), load_weights())
