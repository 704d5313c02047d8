"""What every dashboard figure shares: the layout, the axes, and text made safe for plotly.

Every figure function takes plain data (labels, numbers, reasons already decided by the
analysis) and the reader's locale, and returns a ``plotly.graph_objects.Figure``; nothing is
computed here that the analysis did not compute. Every text that came from a person (team
names, answer labels) passes through :func:`plain`, because plotly reads a few HTML-like
tags in strings. Colour is never the only carrier: bars carry numbers, markers differ in
shape, suppressed cells are hatched and say why on hover.
"""

from __future__ import annotations

import functools
import html
import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

import plotly.graph_objects as go

from surveyapp.analysis.text import format_mean, is_english
from surveyapp.charts import palette

#: Whether plotly checks every property a figure is given against its schema. The checks
#: cost three quarters of the time to build a figure (a team page draws about twenty) and
#: change nothing in the JSON a page gets, which the tests compare with the checks on and off
#: (tests/test_charts_web.py, where they stay on); so the pages build their figures unchecked.
CHECK_PROPERTIES = False

SCALE = (1, 5)
ROW_HEIGHT = 34
Words = tuple[str, str]


def checked() -> dict[str, bool]:
    """The keyword every plotly constructor here is given: check properties or not."""
    return {"_validate": CHECK_PROPERTIES}


def plain(text: str) -> str:
    """Return ``text`` so that plotly shows it literally (no tags, no links)."""
    return html.escape(str(text), quote=False)


@functools.lru_cache(maxsize=8192)
def mean_text(value: float | None, locale: str) -> str:
    """``format_mean``, remembered: a 400-team heatmap writes thousands of means."""
    return format_mean(value, locale)


def wrapped(text: str, width: int = 16) -> str:
    """``text`` made plain and broken into lines of about ``width`` characters (axis labels)."""
    return "<br>".join(plain(line) for line in textwrap.wrap(str(text), width) or [""])


def missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def layout(locale: str, *, height: int, **extra: object) -> go.Layout:
    """The layout every figure starts from: plain white, system font, the locale's numbers."""
    settings: dict[str, object] = {
        "template": go.layout.Template(),
        "height": height,
        "autosize": True,
        "font": {
            "family": "system-ui, -apple-system, 'Segoe UI', sans-serif",
            "size": 13,
            "color": palette.INK,
        },
        "paper_bgcolor": "#FFFFFF",
        "plot_bgcolor": "#FFFFFF",
        "separators": ".," if is_english(locale) else ",.",
        "margin": {"l": 10, "r": 10, "t": 10, "b": 40, "pad": 4},
        "hoverlabel": {"bgcolor": "#FFFFFF", "font": {"color": palette.INK}},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0},
    }
    return go.Layout(**(settings | extra), **checked())


def scale_axis(title: str) -> dict[str, object]:
    return {
        "range": [0.8, 5.2],
        "tickvals": [1, 2, 3, 4, 5],
        "title": {"text": title},
        "gridcolor": palette.GRID,
        "zeroline": False,
        "fixedrange": True,
    }


def category_axis(labels: Sequence[str]) -> dict[str, object]:
    """A y axis of numbered rows with the labels as ticks, first row on top."""
    return {
        "tickvals": list(range(len(labels))),
        "ticktext": [plain(t) for t in labels],
        "autorange": "reversed",
        "automargin": True,
        "fixedrange": True,
        "showgrid": False,
        "zeroline": False,
    }


MEAN: Words = ("Mittelwert (1–5)", "Mean (1–5)")
#: Row labels are written above their row (long labels need the full width on a phone),
#: broken into lines of this many characters, each line this many pixels high.
LABEL_WIDTH = 46
LINE_HEIGHT = 16


@dataclass(frozen=True)
class LabelledRows:
    """The geometry of a chart whose rows carry their label above them."""

    #: Pixels per row (label lines + the mark), the mark's share of a row, the label notes.
    unit: int
    mark: float
    annotations: tuple[dict[str, object], ...]
    yaxis: dict[str, object]

    def height(self, chrome: int) -> int:
        """The figure's height: the rows and ``chrome`` pixels of axes, legend and margins."""
        return self.unit * max(len(self.annotations), 1) + chrome


def labelled_rows(labels: Sequence[str], x: float, mark_px: int = 22) -> LabelledRows:
    """Place ``labels`` above rows 0, 1, … (first on top), starting at ``x`` on the x axis."""
    lines = [textwrap.wrap(str(text), LABEL_WIDTH) or [""] for text in labels]
    most = max((len(parts) for parts in lines), default=1)
    unit = mark_px + 8 + LINE_HEIGHT * most
    mark = mark_px / unit
    annotations = tuple(
        {"x": x, "xref": "x", "y": index - mark / 2, "yref": "y", "xanchor": "left",
         "yanchor": "bottom", "showarrow": False, "align": "left",
         "text": "<br>".join(plain(part) for part in parts), "font": {"size": 12}}
        for index, parts in enumerate(lines)
    )  # fmt: skip
    top = -mark / 2 - (LINE_HEIGHT * most + 4) / unit
    yaxis = {"showticklabels": False, "fixedrange": True, "showgrid": False,
             "zeroline": False, "range": [len(labels) - 1 + mark / 2 + 0.05, top]}  # fmt: skip
    return LabelledRows(unit, mark, annotations, yaxis)
