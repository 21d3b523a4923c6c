"""How much a patient reads before the sources: words on the patient page for each fictional report and example.

    .venv/bin/python benchmarks/page_words.py              # every half but the sealed one, and the examples
    .venv/bin/python benchmarks/page_words.py --half dev   # one half (repeatable), the examples too

"Shown" counts the words on screen as the page opens: the "more" under each short answer is folded
(a closed <details> shows only its summary) and a glossary word's definition shows only on focus or
hover. "All" counts every word before the sources, folded or not (definitions left out: one is repeated at
every use of its word). Issue 16's goal: median shown <= 900.
The sealed half (tests/data/fictional_cases/heldout) is never opened here.
"""

from __future__ import annotations

import argparse
import statistics
from html.parser import HTMLParser

from fictional_reports import examples, fictional
from hoguide import api
from hoguide.render.html import render_html

SKIPPED = {"style", "script", "head", "title"}  # and a glossary definition (class "tip"), repeated per word


class _Words(HTMLParser):
    """Words before the "Sources" heading, shown and all."""

    def __init__(self) -> None:
        super().__init__()
        # (tag, hidden as the page opens, a closed <details>, a glossary definition). The tag stays the tag (a
        # definition's "span"), so its end tag closes it and no more: the folded report's words stay folded.
        self.stack: list[tuple[str, bool, bool, bool]] = []
        self.shown = 0
        self.all = 0
        self.done = False
        self._heading = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "meta", "link", "input", "img", "hr"):
            return
        attributes = dict(attrs)
        parent = self.stack[-1] if self.stack else ("", False, False, False)
        tip = "tip" in (attributes.get("class") or "").split()
        hidden = parent[1] or tag in SKIPPED or tip
        hidden = hidden or (parent[2] and tag != "summary")
        self.stack.append((tag, hidden, tag == "details" and "open" not in attributes, tip))
        if tag == "h2":
            self._heading = ""

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            name = self.stack.pop()[0]
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.done:
            return
        if self.stack and self.stack[-1][0] == "h2":
            self._heading += data
            if self._heading.strip() == "Sources":
                self.done = True
                return
        skipped = any(entry[0] in SKIPPED or entry[3] for entry in self.stack)
        if skipped:
            return
        words = len(data.split())
        self.all += words
        if not (self.stack and self.stack[-1][1]):
            self.shown += words


def count(html: str) -> tuple[int, int]:
    parser = _Words()
    parser.feed(html)
    return parser.shown, parser.all


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", action="append", help="a fictional half (default: every one but the sealed)")
    args = parser.parse_args()
    reports = [(name, text, answers) for name, text, answers, _ in fictional(tuple(args.half) if args.half else None)]
    reports += [(name, text, None) for name, text in examples()]
    shown: dict[str, list[int]] = {}
    every: list[int] = []
    for name, text, answers in reports:
        s, a = count(render_html(api.explain(text, answers)))
        shown.setdefault(name.split(":")[0], []).append(s)
        every.append(a)
        print(f"{name:55s} shown {s:5d}  all {a:5d}")
    for group, counts in shown.items():
        print(f"   {group}: {len(counts)} reports, shown median {statistics.median(counts):.0f} max {max(counts)}")
    flat = [n for counts in shown.values() for n in counts]
    print(f"== {len(flat)} reports: words before the sources, shown median {statistics.median(flat):.0f} "
          f"max {max(flat)}; all (folded text too) median {statistics.median(every):.0f} max {max(every)}")


if __name__ == "__main__":
    main()
