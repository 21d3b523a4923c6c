"""Bar charts for the scan summary, drawn by matplotlib (the ``summary`` extra) as PNG data URIs.

matplotlib is imported only when a chart is drawn. Each figure gets its own Agg canvas (no
display, no pyplot and its global figure list), the style is set for the drawing only, and the
PNG is written without the Software field, so the same numbers give the same bytes. Colours are
the Okabe-Ito palette, which people with the common colour-vision deficiencies can tell apart;
past eight series the palette repeats with a hatch.
"""

from __future__ import annotations

import base64
import io
import struct
import textwrap
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hoguide.errors import PlotsUnavailableError

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

INSTALL_HINT = "the scan summary's plots need matplotlib: pip install 'hoguide[summary]'"
BAR_COLOUR = "#2f6fb3"  # the page's accent blue (hoguide.css)
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
HATCHES = ("", "//", "..", "xx")
_WIDTH_INCHES = 7.2
_DPI = 100
_LABEL_WIDTH = 32  # characters per line of a bar's label


@dataclass(frozen=True, slots=True)
class Chart:
    """A drawn chart: its ``data:`` URI and size in pixels (for the img element's width and height)."""

    src: str
    width: int
    height: int


@contextmanager
def _drawing() -> Iterator[None]:
    try:
        import matplotlib
    except ImportError:
        raise PlotsUnavailableError(INSTALL_HINT) from None
    with matplotlib.rc_context({
        "font.family": "DejaVu Sans",  # bundled with matplotlib: the same glyphs on every machine
        "font.size": 10.0,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "figure.titlesize": 11.0,
        "figure.titleweight": "bold",
    }):
        yield


def _figure(bars: int, extra_inches: float = 0.0) -> tuple[Figure, Axes]:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    height = 1.1 + 0.34 * max(bars, 1) + extra_inches
    figure = Figure(figsize=(_WIDTH_INCHES, height), dpi=_DPI, layout="constrained")
    FigureCanvasAgg(figure)
    return figure, figure.add_subplot()


def _axes(axes: Axes, labels: Sequence[str], title: str, xlabel: str, largest: int) -> None:
    from matplotlib.ticker import MaxNLocator, StrMethodFormatter

    axes.set_yticks(range(len(labels)), [textwrap.fill(label, _LABEL_WIDTH) for label in labels])
    axes.invert_yaxis()  # the first row of the table is the top bar
    axes.set_xlim(0, max(largest, 1) * 1.15)  # room for the number at the end of the longest bar
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.xaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    axes.set_xlabel(xlabel)
    # A figure title, left-aligned over the whole figure: an axes title starts after the bar labels and is clipped.
    axes.figure.suptitle(title, x=0.01, horizontalalignment="left")


def _chart(figure: Figure) -> Chart:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    png = buffer.getvalue()
    width, height = struct.unpack(">II", png[16:24])  # the IHDR chunk follows the 8-byte signature
    return Chart("data:image/png;base64," + base64.b64encode(png).decode("ascii"), width, height)


def bar_chart(labels: Sequence[str], values: Sequence[int], *, title: str, xlabel: str) -> Chart:
    """Horizontal bars, one per label, top to bottom in the given order, each with its number."""
    with _drawing():
        figure, axes = _figure(len(labels))
        bars = axes.barh(range(len(labels)), values, color=BAR_COLOUR)
        axes.bar_label(bars, labels=[f"{value:,}" for value in values], padding=3)
        _axes(axes, labels, title, xlabel, max(values, default=0))
        return _chart(figure)


def stacked_bar_chart(labels: Sequence[str], series: Sequence[tuple[str, Sequence[int]]], *, title: str,
                      xlabel: str) -> Chart:
    """One horizontal bar per label, split into ``series`` (name, one value per label); the total at its end."""
    with _drawing():
        legend_rows = -(-len(series) // 4)
        figure, axes = _figure(len(labels), extra_inches=0.25 * legend_rows)
        lefts = [0] * len(labels)
        bars = None
        for i, (name, values) in enumerate(series):
            bars = axes.barh(range(len(labels)), values, left=lefts, label=name, color=PALETTE[i % len(PALETTE)],
                             hatch=HATCHES[i // len(PALETTE) % len(HATCHES)], edgecolor="white", linewidth=0.6)
            lefts = [left + value for left, value in zip(lefts, values, strict=True)]
        if bars is not None:
            axes.bar_label(bars, labels=[f"{total:,}" for total in lefts], padding=3)
        _axes(axes, labels, title, xlabel, max(lefts, default=0))
        figure.legend(loc="outside lower center", ncols=min(len(series), 4), frameon=False)
        return _chart(figure)
