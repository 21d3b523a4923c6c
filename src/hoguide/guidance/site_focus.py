"""Which of the HO's sites the answers speak of, when the report calls one site's HO minor beside HO elsewhere.

A letter about two fused hips for surgery that also lists "R elbow HO, medial, non-limiting" is about the
hips: the elbow's stiffness and its chance of coming back after removal are not this patient's story (round
10, 191). A site is minor where every finding of HO there now sits in a sentence that calls it not limiting,
incidental or not the cause of the complaint (lexicon/course.yaml); its words then say nothing of the case as
a whole either. Where every site is minor, or there is one site, or a minor site meets a site kept (the same piece of HO
may be named by both), nothing is left out.
"""

from __future__ import annotations

from dataclasses import dataclass

from hoguide.guidance.view import CaseView, Located
from hoguide.models.reading import Fact

MINOR_WORDS = frozenset({"not_limiting", "incidental", "not_the_cause"})  # lexicon/course.yaml
HIP_REGION = {"hip": "hip", "pelvis": "hip", "acetabulum": "hip", "buttock": "hip"}
# The limb segments on either side of a joint (lexicon/site.yaml ids): HO about the joint often reaches into them.
JOINT_SEGMENTS = {"hip": frozenset({"thigh"}), "knee": frozenset({"thigh", "leg"}),
                  "elbow": frozenset({"upper_arm", "forearm"}), "shoulder": frozenset({"upper_arm"}),
                  "ankle": frozenset({"leg", "foot"}), "wrist": frozenset({"forearm", "hand"})}


def neighbours(site: str) -> set[str]:
    """The site, its region (the hip's pelvis) and the limb segments it meets: one piece of HO can be named by
    any of them ("HO at the nail entry site" of the thigh is the hip's "island of HO": round 28, 509)."""
    region = HIP_REGION.get(site)
    near = {site, *JOINT_SEGMENTS.get(site, ()), *(joint for joint, parts in JOINT_SEGMENTS.items() if site in parts)}
    return near | ({s for s, r in HIP_REGION.items() if r == region} if region else set())


@dataclass(frozen=True, slots=True)
class SiteFocus:
    sites: tuple[str, ...]  # the sites the answers speak of
    minor_sentences: frozenset[tuple[int, int]]  # (reading, sentence start) of the HO of a site left out

    def about_minor_site(self, view: CaseView, fact: Located[Fact]) -> bool:
        """The fact's sentence is one that calls a left-out site's HO minor."""
        reading, start, _ = view.sentence_of(fact)
        return (reading, start) in self.minor_sentences


def site_focus(view: CaseView) -> SiteFocus:
    def sentence(reading: int, offset: int) -> tuple[int, int]:
        return reading, view.sentences(reading).span(offset)[0]

    minor_words = {sentence(f.reading, f.item.start) for f in view.facts if f.item.kind == "course"
                   and f.item.concept in MINOR_WORDS and f.item.status == "present" and f.item.experiencer == "patient"}
    current = [(f.item.sites, sentence(f.reading, f.item.start)) for f in view.current]
    sites = view.sites
    minor_site: dict[str, bool] = {}
    for named, where in current:
        for site in named:
            minor_site[site] = minor_site.get(site, True) and where in minor_words
    kept = tuple(s for s in sites if not minor_site.get(s, False))
    if not kept or len(kept) == len(sites) or any(neighbours(s) & set(kept) for s in sites if s not in kept):
        return SiteFocus(tuple(sites), frozenset())
    return SiteFocus(kept, frozenset(where for named, where in current if not set(named) & set(kept)))
