"""Numbered sources for one page: a source gets its number where the page first cites it, and the
page lists only the sources it cites, in that order (issue 16).

Patient text cites the sources chosen for each statement (guidance/page_sources.py); clinician
text cites every source it rests on, with its inline ``[Key]`` marks turned into the same numbers.
A renderer makes one ``SourceNumbers`` per page and asks it for markers as it writes the page top
to bottom, then for the list; so the numbering follows whatever order the page puts things in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlparse

from hoguide.models.assessment import Assessment

# "[CORR-Brooker2015]" in clinician text: a reference key in brackets (keys have no spaces)
_INLINE_KEY = re.compile(r"\s?\[([A-Za-z][\w.&-]*)\]")


@dataclass(frozen=True, slots=True)
class Source:
    number: int
    key: str
    citation: str
    link: str | None
    link_label: str | None  # what the link opens ("Article (DOI 10.1302/...)"), never "link"


def link_label(url: str) -> str:
    """A link's name says what it opens: the article by its DOI, a PubMed record, or a web page's host."""
    parsed = urlparse(url)
    host = (parsed.hostname or "").removeprefix("www.")
    path = parsed.path.strip("/")
    if host == "doi.org":
        return f"Article (DOI {path})"
    if host == "pubmed.ncbi.nlm.nih.gov":
        return f"PubMed record {path}"
    if host == "pmc.ncbi.nlm.nih.gov" or (host.endswith("ncbi.nlm.nih.gov") and "/pmc/" in f"/{path}/".lower()):
        return "Full text on PubMed Central"
    return f"Web page at {host}" if host else "Web page"


class SourceNumbers:
    """The numbering of one page. Keys not in the assessment's ``references`` (sources held back from
    patients, ``patient_safe: false``) get no number and are never listed."""

    def __init__(self, assessment: Assessment) -> None:
        self._assessment = assessment
        self._numbers: dict[str, int] = {}

    def numbers(self, keys: Iterable[str]) -> list[int]:
        """The numbers of ``keys``, once each and ascending; a key cited for the first time gets the next one."""
        found: list[int] = []
        for key in keys:
            if key not in self._assessment.references:
                continue
            number = self._numbers.setdefault(key, len(self._numbers) + 1)
            if number not in found:
                found.append(number)
        return sorted(found)

    def marker(self, keys: Iterable[str]) -> str:
        """The plain-text marker: "[1, 2]", or "" when nothing is cited."""
        numbers = self.numbers(keys)
        return f"[{', '.join(map(str, numbers))}]" if numbers else ""

    def inline(self, text: str, keys: Iterable[str]) -> list[tuple[str, list[int]]]:
        """Clinician text as pieces, each followed by the numbers cited right after it: its inline
        ``[Key]`` marks become numbers (the mark of a key that is not listed, being held back, is dropped),
        and the sources it rests on that it does not mark inline follow at the end."""
        keys = tuple(keys)
        pieces: list[tuple[str, list[int]]] = []
        cursor = 0
        marked: set[str] = set()
        for match in _INLINE_KEY.finditer(text):
            # every bracketed word in clinician text is a reference key (tests/knowledge/test_content.py);
            # one held back from patients and clinicians alike is dropped with its brackets
            key = match.group(1)
            marked.add(key)
            piece = text[cursor:match.start()]
            numbers = self.numbers([key])
            if pieces and not piece:
                pieces[-1][1].extend(n for n in numbers if n not in pieces[-1][1])
            else:
                pieces.append((piece, numbers))
            cursor = match.end()
        rest = self.numbers(k for k in keys if k not in marked)
        tail = text[cursor:]
        if tail or not pieces:
            pieces.append((tail, rest))
        else:
            pieces[-1][1].extend(n for n in rest if n not in pieces[-1][1])
        return pieces

    def inline_text(self, text: str, keys: Iterable[str]) -> str:
        """``inline`` as plain text: "... 26-41% [1, 2]. Pooled 34% [3]."."""
        return "".join(piece + (f" [{', '.join(map(str, numbers))}]" if numbers else "")
                       for piece, numbers in self.inline(text, keys))

    def listed(self) -> list[Source]:
        """The sources this page cited, in the order of their numbers."""
        references, links = self._assessment.references, self._assessment.reference_links
        return [Source(number, key, references[key], links.get(key),
                       link_label(links[key]) if links.get(key) else None)
                for key, number in sorted(self._numbers.items(), key=lambda item: item[1])]
