"""Figures of one team: the importance–performance matrix, the Likert bars, its ranking."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from surveyapp.analysis.labels import Quadrant
from surveyapp.analysis.text import (
    BORDERLINE_LABEL,
    DIAGONAL_NOTE,
    format_count_of,
    format_mean,
    label,
    pick,
    quadrant_label,
)
from surveyapp.charts import palette
from surveyapp.charts.web.base import ROW_HEIGHT, Words, category_axis, layout, plain

POINTS: Words = ("Punkte (Platz 1 zählt am meisten)", "Points (first place counts most)")
POINTS_TEXT: Words = ("{points} Punkte · {named}× genannt", "{points} points · named {named}×")


def ranking(rows: Sequence[tuple[str, int, int]], locale: str) -> go.Figure:
    """The team's ranking of functions as bars of Borda points, most points on top."""
    labels = [name for name, _, _ in rows]
    template = pick(POINTS_TEXT, locale)
    texts = [template.format(points=p, named=n) for _, p, n in rows]
    figure = go.Figure(
        go.Bar(
            orientation="h",
            x=[p for _, p, _ in rows],
            y=list(range(len(rows))),
            marker={"color": palette.TEAM},
            text=texts,
            textposition="auto",
            insidetextanchor="start",
            hovertext=[plain(t) for t in labels],
            hovertemplate="%{hovertext}<br>%{text}<extra></extra>",
            name="",
        )
    )
    figure.update_layout(
        layout(locale, height=80 + ROW_HEIGHT * len(rows), showlegend=False),
        xaxis={
            "title": {"text": pick(POINTS, locale)},
            "gridcolor": palette.GRID,
            "fixedrange": True,
            "rangemode": "tozero",
        },
        yaxis=category_axis(labels),
    )
    return figure


# --- the importance–performance matrix -------------------------------------------------------

IMPORTANCE_AXIS: Words = ("Bedeutung für uns (Mittelwert)", "Importance for us (mean)")
PERFORMANCE_AXIS: Words = ("Wie gut gelingt es heute? (Mittelwert)", "How well done today? (mean)")
RANK: Words = ("Priorität {rank}", "Priority {rank}")
LABEL_LENGTH = 26
#: Each quadrant its colour and its marker shape, so that neither alone carries the meaning.
QUADRANT_MARKS = {
    Quadrant.ACT_HERE: (palette.OKABE_ITO["vermillion"], "circle"),
    Quadrant.KEEP_UP: (palette.OKABE_ITO["bluish_green"], "square"),
    Quadrant.LOW_PRIORITY: (palette.MUTED, "triangle-down"),
    Quadrant.POSSIBLE_OVERKILL: (palette.OKABE_ITO["blue"], "diamond"),
}
#: Where each quadrant's name is written: (x, y, xanchor, yanchor) in the fixed 1–5 frame.
QUADRANT_CORNERS = {
    Quadrant.ACT_HERE: (0.85, 5.2, "left", "top"),
    Quadrant.KEEP_UP: (5.15, 5.2, "right", "top"),
    Quadrant.LOW_PRIORITY: (0.85, 0.8, "left", "bottom"),
    Quadrant.POSSIBLE_OVERKILL: (5.15, 0.8, "right", "bottom"),
}


@dataclass(frozen=True)
class MatrixPoint:
    """A placed function: its means, its quadrant and, if it is one, its priority rank."""

    label: str
    importance: float
    performance: float
    quadrant: Quadrant | str
    borderline: bool = False
    rank: int | None = None


def short(label: str, length: int = LABEL_LENGTH) -> str:
    """Shorten a long label for a point on a chart (the full one is on hover and in the table)."""
    return label if len(label) <= length else label[: length - 1].rstrip() + "…"


def importance_performance(
    points: Sequence[MatrixPoint], crosshair: tuple[float, float], locale: str
) -> go.Figure:
    """Functions placed by mean performance (x) and importance (y) on fixed 1–5 axes, with the
    team's crosshairs, the diagonal I = P and the quadrant names."""
    mean_importance, mean_performance = crosshair
    figure = go.Figure()
    for quadrant, (colour, symbol) in QUADRANT_MARKS.items():
        members = [p for p in points if Quadrant(p.quadrant) is quadrant]
        if not members:
            continue
        figure.add_trace(
            go.Scatter(
                x=[p.performance for p in members],
                y=[p.importance for p in members],
                mode="markers+text",
                name=quadrant_label(quadrant, locale),
                text=[_point_text(p, locale) for p in members],
                textposition=[
                    "top center" if i % 2 else "bottom center" for i in range(len(members))
                ],
                textfont={"size": 11},
                marker={
                    "color": colour,
                    "symbol": symbol,
                    "size": 12,
                    "line": {"color": "#FFFFFF", "width": 1},
                },
                hovertext=[_point_hover(p, locale) for p in members],
                hovertemplate="%{hovertext}<extra></extra>",
                cliponaxis=False,
            )
        )
    lines = {"color": palette.MUTED, "width": 1.5, "dash": "dash"}
    figure.add_shape(
        type="line",
        x0=mean_performance,
        x1=mean_performance,
        y0=0.8,
        y1=5.2,
        line=lines,
        layer="below",
    )
    figure.add_shape(
        type="line",
        x0=0.8,
        x1=5.2,
        y0=mean_importance,
        y1=mean_importance,
        line=lines,
        layer="below",
    )
    figure.add_shape(
        type="line",
        x0=1,
        y0=1,
        x1=5,
        y1=5,
        layer="below",
        line={"color": palette.MUTED, "width": 1, "dash": "dot"},
    )
    for quadrant, (x, y, xanchor, yanchor) in QUADRANT_CORNERS.items():
        figure.add_annotation(
            x=x,
            y=y,
            xanchor=xanchor,
            yanchor=yanchor,
            showarrow=False,
            text=f"<b>{quadrant_label(quadrant, locale)}</b>",
            font={"color": palette.MUTED, "size": 12},
        )
    figure.add_annotation(
        x=1.05,
        y=1.5,
        xanchor="left",
        yanchor="bottom",
        showarrow=False,
        text=f"↖ {label(DIAGONAL_NOTE, locale)}",
        font={"color": palette.MUTED, "size": 11},
    )
    axis = {
        "range": [0.8, 5.2],
        "tickvals": [1, 2, 3, 4, 5],
        "gridcolor": palette.GRID,
        "zeroline": False,
        "fixedrange": True,
    }
    figure.update_layout(
        layout(locale, height=520, margin={"l": 10, "r": 10, "t": 30, "b": 50}),
        xaxis={**axis, "title": {"text": pick(PERFORMANCE_AXIS, locale)}},
        yaxis={**axis, "title": {"text": pick(IMPORTANCE_AXIS, locale)}},
    )
    return figure


def _point_text(point: MatrixPoint, locale: str) -> str:
    text = plain(short(point.label))
    return f"<b>{point.rank}</b> {text}" if point.rank else text


def _point_hover(point: MatrixPoint, locale: str) -> str:
    parts = [f"<b>{plain(point.label)}</b>"]
    if point.rank:
        parts.append(pick(RANK, locale).format(rank=point.rank))
    names = pick(("Bedeutung", "Importance"), locale), pick(("Umsetzung", "Performance"), locale)
    parts.append(
        f"{names[0]} {format_mean(point.importance, locale)} · "
        f"{names[1]} {format_mean(point.performance, locale)}"
    )
    parts.append(
        quadrant_label(point.quadrant, locale)
        + (f" ({label(BORDERLINE_LABEL, locale)})" if point.borderline else "")
    )
    return "<br>".join(parts)


# --- diverging stacked bars of Likert answers ------------------------------------------------

SHARE_AXIS: Words = ("Anteil der Antworten (%)", "Share of answers (%)")
ANSWERS: Words = ("Antworten", "answers")


@dataclass(frozen=True)
class LikertRow:
    """One statement: how many chose each of the five points, and "cannot judge" apart."""

    label: str
    counts: tuple[int, int, int, int, int]
    cannot_judge: int = 0


def likert(
    rows: Sequence[LikertRow], scale: Sequence[str], cannot_judge: str, locale: str
) -> go.Figure:
    """Diverging stacked bars: disagreement to the left of 0, agreement to the right, the
    middle point split across 0; "cannot judge" as its own bar in a column apart."""
    figure = make_subplots(
        rows=1, cols=2, shared_yaxes=True, column_widths=[0.84, 0.16], horizontal_spacing=0.03
    )
    y = list(range(len(rows)))
    totals = [sum(row.counts) or 1 for row in rows]
    # (point index, sign, share of the point drawn by this trace); the order stacks from 0 out
    segments = [(2, -1, 0.5), (1, -1, 1.0), (0, -1, 1.0), (2, 1, 0.5), (3, 1, 1.0), (4, 1, 1.0)]
    for point, sign, part in segments:
        counts = [row.counts[point] for row in rows]
        figure.add_trace(
            go.Bar(
                orientation="h",
                y=y,
                x=[sign * part * 100 * c / t for c, t in zip(counts, totals, strict=True)],
                name=plain(scale[point]),
                legendrank=point,
                showlegend=not (point == 2 and sign < 0),
                marker={"color": palette.LIKERT[point], "line": {"color": "#FFFFFF", "width": 1}},
                text=[str(c) if c and not (point == 2 and sign < 0) else "" for c in counts],
                textposition="inside",
                insidetextanchor="middle",
                textfont={"color": palette.text_on(palette.LIKERT[point])},
                hovertext=[
                    f"{plain(scale[point])}: {format_count_of(c, t, locale)}"
                    for c, t in zip(counts, [sum(r.counts) for r in rows], strict=True)
                ],
                hovertemplate="%{hovertext}<extra></extra>",
                width=0.55,
            ),
            row=1,
            col=1,
        )
    figure.add_trace(
        go.Bar(
            orientation="h",
            y=y,
            x=[row.cannot_judge for row in rows],
            name=plain(cannot_judge),
            marker={"color": palette.CANNOT_JUDGE},
            width=0.55,
            legendrank=5,
            text=[str(row.cannot_judge) if row.cannot_judge else "" for row in rows],
            textposition="outside",
            cliponaxis=False,
            hovertext=[f"{plain(cannot_judge)}: {row.cannot_judge}" for row in rows],
            hovertemplate="%{hovertext}<extra></extra>",
        ),
        row=1,
        col=2,
    )
    for index, row in enumerate(rows):
        figure.add_annotation(
            x=-100,
            y=index - 0.33,
            xref="x",
            yref="y",
            xanchor="left",
            yanchor="bottom",
            showarrow=False,
            align="left",
            text=plain(row.label),
            font={"size": 12},
        )
    figure.update_layout(
        layout(
            locale,
            height=90 + 62 * len(rows),
            barmode="relative",
            bargap=0.1,
            uniformtext={"minsize": 10, "mode": "hide"},
            legend={
                "orientation": "h",
                "yanchor": "top",
                "y": -0.02 - 60 / (90 + 62 * len(rows)),
                "x": 0,
                "traceorder": "normal",
            },
            margin={"l": 10, "r": 10, "t": 10, "b": 90},
        ),
    )
    ticks = [-100, -50, 0, 50, 100]
    figure.update_xaxes(
        range=[-100, 100],
        tickvals=ticks,
        ticktext=[f"{abs(t)}" for t in ticks],
        fixedrange=True,
        gridcolor=palette.GRID,
        zeroline=True,
        zerolinecolor=palette.INK,
        title={"text": pick(SHARE_AXIS, locale)},
        row=1,
        col=1,
    )
    most = max([row.cannot_judge for row in rows] + [1])
    figure.update_xaxes(
        range=[0, most * 1.6],
        fixedrange=True,
        showgrid=False,
        showticklabels=False,
        title={"text": plain(cannot_judge)},
        row=1,
        col=2,
    )
    figure.update_yaxes(
        showticklabels=False,
        autorange="reversed",
        fixedrange=True,
        range=[len(rows) - 0.4, -0.75],
        showgrid=False,
        zeroline=False,
    )
    return figure
