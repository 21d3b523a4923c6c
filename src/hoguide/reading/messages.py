"""Forwarded and replied email chains: the newest message comes first, and each older one is quoted below a marker
("-----Original Message-----", "On 3 Dec 2026, Dr A wrote:"). Which message words belong to orders them in time."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from hoguide.models.reading import Finding

SUBJECT_LINE = "message_subject"  # section_rules.yaml
OLDER_MESSAGE = re.compile(r"^[ \t>]*(?:-{2,}[ \t]*(?:Original Message|Forwarded message)[ \t]*-{2,}|On [^\n]{5,120}"
                           r"\bwrote:[ \t]*$)", re.IGNORECASE | re.MULTILINE)


def message_starts(text: str) -> list[int]:
    """Where each older message starts (empty for a text that is no email chain)."""
    return [m.start() for m in OLDER_MESSAGE.finditer(text)]


def message_of(starts: Sequence[int], offset: int) -> int:
    """0 for the newest message, 1 for the one quoted below it, and so on."""
    return bisect_right(starts, offset)


def said_again_later(text: str, findings: Sequence[Finding]) -> list[Finding]:
    """``findings`` without those of an older message at a place a newer message speaks of: the newer word wins
    (round 26, 481: the physio's "L proximal humerus" below the consultant's "it is her RIGHT shoulder ... your email
    says left")."""
    starts = message_starts(text)
    if not starts:
        return list(findings)
    newest: dict[str, int] = {}  # per site, the newest message that says something of HO there
    for f in findings:
        if f.status == "hypothetical" or f.section == SUBJECT_LINE:  # a risk or a subject line tells nothing of it
            continue
        for site in f.sites:
            newest[site] = min(newest.get(site, len(starts) + 1), message_of(starts, f.start))
    return [f for f in findings if not f.sites
            or not all(newest.get(site, len(starts) + 1) < message_of(starts, f.start) for site in f.sites)]

