"""What a page shows for one chart: the figure as JSON, the same numbers as a table, or the
reason it is withheld. Pure data; the templates only print it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup
from plotly.graph_objects import Figure
from plotly.utils import PlotlyJSONEncoder

#: Characters that must not appear literally inside <script>…</script>: an answer or a team
#: name containing "</script>" would otherwise end the element and run as HTML.
_HTML_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "'": "\\u0027"})


def plotly_config(locale: str) -> dict[str, Any]:
    """The plotly.js config of every figure: nothing is offered that talks to another host."""
    return {
        "displaylogo": False,
        "showSendToCloud": False,
        "showEditInChartStudio": False,
        "plotlyServerURL": "",
        "locale": "de" if locale.startswith("de") else "en",
        "responsive": True,
        "scrollZoom": False,
        "modeBarButtonsToRemove": [
            "select2d",
            "lasso2d",
            "autoScale2d",
            "toggleSpikelines",
            "hoverClosestCartesian",
            "hoverCompareCartesian",
        ],
    }


def figure_json(figure: Figure, locale: str) -> Markup:
    """The figure with its config as JSON that is safe inside a ``<script>`` element."""
    payload = figure.to_plotly_json()
    payload["config"] = plotly_config(locale)
    text = json.dumps(payload, cls=PlotlyJSONEncoder, separators=(",", ":"))
    return Markup(text.translate(_HTML_SAFE))  # escaped for the script context


@dataclass(frozen=True)
class Column:
    """A table column: its heading, and whether it holds numbers (right-aligned)."""

    label: str
    numeric: bool = False


@dataclass(frozen=True)
class Table:
    """A chart's numbers as an accessible table; cells are formatted text, the first a header."""

    caption: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Panel:
    """One chart on a page: figure and table, or only the reason why it is withheld."""

    key: str
    figure_json: Markup | None = None
    table: Table | None = None
    reason: str | None = None
    #: A sentence under the chart (e.g. why the other teams are not shown beside it).
    note: str = ""
    #: Keep the table open beside the drawn chart (it is the chart's key).
    table_open: bool = False

    @classmethod
    def withheld(cls, key: str, reason: str) -> Panel:
        return cls(key=key, reason=reason)
