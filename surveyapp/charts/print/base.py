"""What every print chart shares: matplotlib set up for SVG with real text, the chart and
row types, and a figure whose plot area grows with its rows."""

from __future__ import annotations

import base64
import io
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure

from surveyapp.charts import palette

CM = 1 / 2.54
#: The text width of an A4 report page (theme margins 2,2 cm left and right).
FULL_WIDTH_CM = 16.6
FONT = "DejaVu Sans"

matplotlib.rcParams.update(
    {
        "svg.fonttype": "none",  # real text: searchable, read aloud, hyphen-free
        "svg.hashsalt": "surveyapp",  # the same input draws the same file
        "font.family": FONT,
        "font.size": 8,
        "axes.edgecolor": palette.MUTED,
        "axes.labelcolor": palette.INK,
        "text.color": palette.INK,
        "xtick.color": palette.INK,
        "ytick.color": palette.INK,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }
)


@dataclass(frozen=True)
class Chart:
    """An SVG chart, its alternative text and the width it is drawn for."""

    svg: str
    alt: str
    width_cm: float = FULL_WIDTH_CM

    @property
    def uri(self) -> str:
        """The SVG as a ``data:`` URI for an ``<img src>``."""
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode()).decode()


@dataclass(frozen=True)
class ScaleRow:
    """One row of a dot plot on the 1–5 scale: the team, and optionally the others."""

    label: str
    value: float | None
    others_mean: float | None = None
    others_low: float | None = None
    others_high: float | None = None


@dataclass(frozen=True)
class MatrixPoint:
    """A function in the importance–performance matrix."""

    label: str
    importance: float
    performance: float
    highlight: bool = False


@dataclass(frozen=True)
class BarRow:
    """One horizontal bar: a label and a value with the text written beside it."""

    label: str
    value: float
    text: str


@dataclass(frozen=True)
class GroupRow:
    """A label with one value per group (perspectives, or then and now for a trend)."""

    label: str
    values: tuple[float | None, ...]


def to_chart(figure: Figure, alt: str, width_cm: float) -> Chart:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return Chart(svg=buffer.getvalue(), alt=alt, width_cm=width_cm)


def wrap(label: str, width: int) -> str:
    return "\n".join(textwrap.wrap(label, width=width, break_long_words=False)) or label


def scale_axis(axis, label: str, ticks: Sequence[str] | None = None) -> None:
    axis.set_xlim(0.8, 5.2)
    axis.set_xticks([1, 2, 3, 4, 5])
    if ticks:
        axis.set_xticklabels(ticks)
    axis.set_xlabel(label)
    axis.grid(axis="x", color=palette.GRID, linewidth=0.6)
    axis.set_axisbelow(True)


#: The least height of a plot area, also for one row.
MIN_PLOT_CM = 1.6


def rows_figure(
    rows: int, per_row_cm: float, *, left: float, right: float = 0.97, bottom_cm: float = 1.9
) -> tuple[Figure, Any]:
    """A full-width figure whose plot area grows with its rows; ``bottom_cm`` below the
    axes holds the tick labels, the axis label and the legend, always the same size."""
    top_cm = 0.3
    plot_cm = max(rows * per_row_cm, MIN_PLOT_CM)
    height_cm = plot_cm + bottom_cm + top_cm
    figure = Figure(figsize=(FULL_WIDTH_CM * CM, height_cm * CM))
    axis = figure.add_axes((left, bottom_cm / height_cm, right - left, plot_cm / height_cm))
    return figure, axis
