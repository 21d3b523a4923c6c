"""A scan's output directory as one self-contained HTML page: counts as tables, three of them also as plots.

Every plot is drawn from the table printed under it, so the two cannot disagree, and carries alt
text with the same numbers; the page has no script and loads nothing (the CSS is inlined, the PNGs
are ``data:`` URIs). Ids become the knowledge base's labels ("hip socket (acetabulum)"); an id the
knowledge does not know (rows from another version) is shown as it is. Any engine that writes the
scan contract (see ``hoguide.batch.summary``) gets its summary from ``write_scan_summary``.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hoguide._version import __version__
from hoguide.batch.rows import ERROR, NOT_MENTIONED, STATUS_PRECEDENCE
from hoguide.batch.summary import NOT_STATED, ScanOverview, Tally, check_directory, read_overview
from hoguide.errors import ScanError
from hoguide.knowledge.loader import KnowledgeBase, load_knowledge
from hoguide.render.html import environment, stylesheet
from hoguide.render.plots import Chart, bar_chart, stacked_bar_chart

DEFAULT_NAME = "summary.html"
STATUS_LABELS = {
    "present": "HO present",
    "possible": "HO possible",
    "historical": "HO in the past only",
    "absent": "HO absent (ruled out)",
    "hypothetical": "HO only as a risk or a plan",
    NOT_MENTIONED: "HO not mentioned",
    ERROR: "Could not be read",
}
MENTION_BINS = ((0, 0, "0"), (1, 1, "1"), (2, 2, "2"), (3, 3, "3"), (4, 4, "4"), (5, 9, "5–9"),
                (10, None, "10 or more"))
SITES_PLOTTED = 15  # the table lists every site; the plot the most frequent
ALT_ITEMS = 12  # numbers read out in a plot's alt text; the table below has them all


@dataclass(frozen=True, slots=True)
class Table:
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    text_columns: int = 1  # the first columns are words, the rest numbers (right-aligned)


@dataclass(frozen=True, slots=True)
class Plot:
    chart: Chart
    alt: str


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    title: str
    table: Table
    plot: Plot | None = None
    note: str | None = None
    empty: str = "None."


# ---- labels and order --------------------------------------------------------------------------------


def _labeller(kb: KnowledgeBase, kind: str, none: str) -> Callable[[str], str]:
    def label(concept_id: str) -> str:
        if concept_id == NOT_STATED:
            text = none
        else:
            try:
                text = kb.label(kind, concept_id)
            except KeyError:
                text = concept_id
        return text[:1].upper() + text[1:]

    return label


def _grade_order(kb: KnowledgeBase) -> dict[tuple[str, str], tuple[int, int]]:
    return {(system.id, value): (i, j) for i, system in enumerate(kb.grade_systems)
            for j, value in enumerate(system.values)}


def _system_name(kb: KnowledgeBase, system_id: str) -> str:
    """ "Brooker" from "Brooker classification (hip, AP radiograph)": short enough for a column head."""
    for system in kb.grade_systems:
        if system.id == system_id:
            return system.label.split(" (")[0].removesuffix(" classification")
    return system_id


def _by_count(counts: Counter[str], order: Sequence[str] = ()) -> list[tuple[str, int]]:
    """Most frequent first; ties in the knowledge base's order, then by id; "not stated" last."""
    rank = {key: i for i, key in enumerate(order)}
    keys = sorted((k for k in counts if k != NOT_STATED), key=lambda k: (-counts[k], rank.get(k, len(rank)), k))
    return [(k, counts[k]) for k in keys] + ([(NOT_STATED, counts[NOT_STATED])] if NOT_STATED in counts else [])


def _in_order(counts: Counter[str], order: Sequence[str]) -> list[tuple[str, int]]:
    """The knowledge base's order (left, right, both; mature, immature …), then unknown ids, then "not stated"."""
    known = [(k, counts[k]) for k in order if counts[k]]
    other = sorted(k for k in counts if k not in order and k != NOT_STATED)
    return known + [(k, counts[k]) for k in other] + ([(NOT_STATED, counts[NOT_STATED])] if NOT_STATED in counts
                                                       else [])


def _count(n: int) -> str:
    return f"{n:,}"  # 1,234,567: a scan may have millions


def _share(n: int, total: int) -> str:
    return f"{100 * n / total:.1f}%" if total else "–"


def _alt(title: str, items: Iterable[tuple[str, int]]) -> str:
    listed = list(items)
    shown = "; ".join(f"{label}: {n:,}" for label, n in listed[:ALT_ITEMS])
    more = f"; and {len(listed) - ALT_ITEMS} more" if len(listed) > ALT_ITEMS else ""
    return f"Bar chart, {title}. {shown}{more}. The table below gives every number."


def _ids(kb: KnowledgeBase, kind: str) -> list[str]:
    return [c.id for c in kb.concepts(kind)]


# ---- sections ----------------------------------------------------------------------------------------


def _statuses(t: Tally) -> Section:
    order = [*STATUS_PRECEDENCE, NOT_MENTIONED, ERROR]
    keys = order + sorted(k for k in t.status if k not in order)  # a status from another version stays visible
    items = [(STATUS_LABELS.get(k, k), k, t.status[k]) for k in keys]
    title = "reports by HO status"
    table = Table(f"Reports by HO status ({t.reports:,} reports)", ("HO status", "ho_status in the rows", "Reports",
                  "Share of reports"), tuple((label, k, _count(n), _share(n, t.reports)) for label, k, n in items), 2)
    chart = bar_chart([label for label, _, _ in items], [n for _, _, n in items], title="Reports by HO status",
                      xlabel="Reports")
    return Section("status", "Reports by HO status", table, Plot(chart, _alt(title, [(lb, n) for lb, _, n in items])),
                   note="Each report has one status: what its most authoritative section says about the "
                        "patient (addendum > impression > findings > history; there present > possible > "
                        "absent > historical).")


def _errors(t: Tally) -> Section:
    rows = tuple((code or "not recorded", _count(n)) for code, n in _by_count(t.error_codes))
    return Section("errors", "Reports that could not be read",
                   Table("Reports that could not be read, by error_code", ("error_code", "Reports"), rows),
                   note="These rows have ho_status error; their error_message says what was wrong.",
                   empty="Every report could be read.")


def _sites(t: Tally, kb: KnowledgeBase) -> Section:
    label = _labeller(kb, "site", "not stated")
    items = [(label(k), n) for k, n in _by_count(t.sites, _ids(kb, "site"))]
    table = Table(f"Sites named by the {t.ho_reports:,} reports with HO present or possible", ("Site", "Reports",
                  "Share of those reports"), tuple((lb, _count(n), _share(n, t.ho_reports)) for lb, n in items))
    plot = None
    if items:
        plotted = items[:SITES_PLOTTED]
        title = "sites of HO present or possible" + (f", the {SITES_PLOTTED} most frequent"
                                                      if len(items) > SITES_PLOTTED else "")
        chart = bar_chart([lb for lb, _ in plotted], [n for _, n in plotted], title=title[0].upper() + title[1:],
                          xlabel="Reports")
        plot = Plot(chart, _alt(title, plotted))
    return Section("sites", "Sites", table, plot, note="A report that names two sites counts once for each.",
                   empty="No report with HO present or possible names a site.")


def _simple(t: Tally, kb: KnowledgeBase, kind: str, counts: Counter[str], title: str, head: str) -> Section:
    label = _labeller(kb, kind, "not stated")
    rows = tuple((label(k), _count(n), _share(n, t.ho_reports)) for k, n in _in_order(counts, _ids(kb, kind)))
    caption = f"{title} in the {t.ho_reports:,} reports with HO present or possible"
    return Section(kind, title, Table(caption, (head, "Reports", "Share of those reports"), rows),
                   empty="No report has HO present or possible.")


def _grades(t: Tally, kb: KnowledgeBase) -> Section:
    order = _grade_order(kb)
    keys = sorted(t.grades, key=lambda g: (order.get(g, (len(order), 0)), g))
    rows = tuple((_system_name(kb, system), value, _count(t.grades[system, value])) for system, value in keys)
    return Section("grades", "Grades", Table(f"Grades by classification ({sum(t.grades.values()):,} graded reports)",
                   ("Classification", "Grade", "Reports"), rows, 2),
                   note="A grade is counted only where the report names its classification (\"Brooker III\").",
                   empty="No report gives a grade.")


def _grades_by_cause(t: Tally, kb: KnowledgeBase) -> Section:
    order = _grade_order(kb)
    grades = sorted({(s, v) for _, s, v in t.grades_by_cause}, key=lambda g: (order.get(g, (len(order), 0)), g))
    totals: Counter[str] = Counter()
    for (cause, _, _), n in t.grades_by_cause.items():
        totals[cause] += n
    label = _labeller(kb, "cause", "no cause named")
    causes = [k for k, _ in _by_count(totals, _ids(kb, "cause"))]
    names = [f"{_system_name(kb, s)} {v}" for s, v in grades]
    rows = tuple((label(c), *(_count(t.grades_by_cause[c, s, v]) for s, v in grades), _count(totals[c]))
                 for c in causes)
    table = Table("Graded reports by the cause the report names, and grade", ("Cause", *names, "Graded reports"),
                  rows)
    plot = None
    if causes:
        series = [(name, [t.grades_by_cause[c, s, v] for c in causes]) for name, (s, v) in
                  zip(names, grades, strict=True)]
        chart = stacked_bar_chart([label(c) for c in causes], series, title="Grades by cause", xlabel="Graded reports")
        alt_items = [(f"{label(c)}, {name}", t.grades_by_cause[c, s, v]) for c in causes
                     for name, (s, v) in zip(names, grades, strict=True) if t.grades_by_cause[c, s, v]]
        plot = Plot(chart, _alt("graded reports by cause, split by grade", alt_items))
    return Section("grades-by-cause", "Grades by cause", table, plot,
                   note="A graded report that names two causes counts once for each; one that names none is "
                        "under \"No cause named\".", empty="No report gives a grade.")


def _facts(t: Tally, kb: KnowledgeBase, kind: str, counts: Counter[str], title: str, head: str) -> Section:
    readable = t.reports - t.status[ERROR]
    label = _labeller(kb, kind, "not stated")
    rows = tuple((label(k), _count(n), _share(n, readable)) for k, n in _by_count(counts, _ids(kb, kind)))
    return Section(kind, title, Table(f"{title} named for the patient, in the {readable:,} reports read",
                                      (head, "Reports", "Share of reports read"), rows),
                   empty=f"No report names a {head.lower()}.")


def _mentions(t: Tally) -> Section:
    readable = t.reports - t.status[ERROR]
    rows = []
    for low, high, name in MENTION_BINS:
        n = sum(c for k, c in t.mentions.items() if k >= low and (high is None or k <= high))
        rows.append((name, _count(n), _share(n, readable)))
    return Section("mentions", "Mentions of HO per report",
                   Table(f"Reports by the number of HO mentions (any status, any person), of the {readable:,} read",
                         ("Mentions", "Reports", "Share of reports read"), tuple(rows)))


def sections(overview: ScanOverview, kb: KnowledgeBase) -> list[Section]:
    """The page's sections, in order: status, errors, sites, side, maturity, grades, grades by cause,
    causes, treatments, mentions."""
    t = overview.tally
    return [
        _statuses(t), _errors(t), _sites(t, kb),
        _simple(t, kb, "laterality", t.laterality, "Side", "Side"),
        _simple(t, kb, "maturity", t.maturity, "Maturity", "Maturity"),
        _grades(t, kb), _grades_by_cause(t, kb),
        _facts(t, kb, "cause", t.causes, "Causes", "Cause"),
        _facts(t, kb, "treatment", t.treatments, "Treatments", "Treatment"),
        _mentions(t),
    ]


def _warnings(overview: ScanOverview) -> list[str]:
    p, t = overview.provenance, overview.tally
    warnings = []
    if p.unlisted_parts:
        warnings.append(f"{p.unlisted_parts} part file(s) in the directory are not in the manifest (written as "
                        "the scan stopped) and are not counted.")
    recorded = (p.hoguide_version, p.knowledge_version)
    if len(t.versions) > 1 or (t.versions and recorded not in t.versions):
        found = "; ".join(f"hoguide {h}, knowledge {k}: {n:,} report(s)" for (h, k), n in sorted(t.versions.items()))
        warnings.append(f"The rows were not all read by the versions in the manifest ({found}).")
    return warnings


def render_scan_summary(overview: ScanOverview, kb: KnowledgeBase | None = None) -> str:
    """The page. Raises PlotsUnavailableError when matplotlib is missing."""
    knowledge = kb or load_knowledge()
    context: dict[str, Any] = {
        "p": overview.provenance,
        "t": overview.tally,
        "sections": sections(overview, knowledge),
        "warnings": _warnings(overview),
        "version": __version__,
        "css": stylesheet() + "\n" + stylesheet("scan_summary.css"),
    }
    return environment().get_template("scan_summary.html.j2").render(context)


def summary_path(directory: Path, output: Path | None) -> Path:
    """Where the page goes (``DIR/summary.html`` by default), refused early when it cannot be written there."""
    path = output if output is not None else directory / DEFAULT_NAME
    if path.is_dir():
        raise ScanError(f"{path} is a directory; give a file name for the summary")
    parent = path.parent
    if parent.exists() and not parent.is_dir():
        raise ScanError(f"{path}: cannot be written ({parent} is not a directory)")
    if not parent.exists() and parent.resolve() != directory.resolve():  # the scan creates its own directory
        raise ScanError(f"{path}: cannot be written (no directory {parent})")
    return path


def write_scan_summary(directory: Path, output: Path | None = None, kb: KnowledgeBase | None = None) -> Path:
    """Summarize the scan output in ``directory`` into one HTML file; returns its path.

    The file is written to a temporary name and renamed, so a reader never sees half a page."""
    check_directory(directory)
    path = summary_path(directory, output)
    page = render_scan_summary(read_overview(directory), kb)
    temporary = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        temporary.write_text(page + "\n", encoding="utf-8")
        os.replace(temporary, path)
    except OSError as error:
        raise ScanError(f"{path}: cannot be written ({error.strerror or error})") from None
    finally:
        temporary.unlink(missing_ok=True)
    return path
