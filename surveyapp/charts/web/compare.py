"""Figures that compare: teams × dimensions, a team against the others, teams side by side,
and a team against its earlier round."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import plotly.graph_objects as go

from surveyapp.analysis.text import pick
from surveyapp.charts import palette
from surveyapp.charts.web.base import (
    MEAN,
    ROW_HEIGHT,
    SCALE,
    Words,
    category_axis,
    checked,
    labelled_rows,
    layout,
    mean_text,
    missing,
    plain,
    scale_axis,
)

# --- the round: teams × dimensions ---------------------------------------------------------


def heatmap(
    teams: Sequence[str],
    dimensions: Sequence[str],
    means: Sequence[Sequence[float | None]],
    reasons: Sequence[Sequence[str | None]],
    locale: str,
) -> go.Figure:
    """Team means per dimension; a withheld cell is hatched grey and its reason on hover."""
    text, hover, hatched = [], [], {"x": [], "y": [], "text": []}
    for row, team in enumerate(teams):
        text.append(
            [
                "" if missing(value) or reasons[row][column] else mean_text(value, locale)
                for column, value in enumerate(means[row])
            ]
        )
        hover_row = []
        for column, dimension in enumerate(dimensions):
            value, reason = means[row][column], reasons[row][column]
            where = f"{plain(team)} · {plain(dimension)}"
            if reason or missing(value):
                hatched["x"].append(column)
                hatched["y"].append(row)
                hatched["text"].append(f"{where}<br>{plain(reason or '–')}")
                hover_row.append("")
            else:
                hover_row.append(f"{where}: {mean_text(value, locale)}")
        hover.append(hover_row)
    z = [
        [None if missing(v) or reasons[r][c] else v for c, v in enumerate(row)]
        for r, row in enumerate(means)
    ]
    figure = go.Figure(
        go.Heatmap(
            z=z,
            x=list(range(len(dimensions))),
            y=list(range(len(teams))),
            text=text,
            texttemplate="%{text}",
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
            zmin=SCALE[0],
            zmax=SCALE[1],
            colorscale=palette.likert_scale(),
            xgap=2,
            ygap=2,
            colorbar={
                "tickvals": [1, 2, 3, 4, 5],
                "thickness": 10,
                "lenmode": "pixels",
                "len": 120,
                "yanchor": "top",
                "y": 1,
            },
            **checked(),
        ),
        **checked(),
    )
    if hatched["x"]:
        figure.add_trace(
            go.Bar(
                orientation="h",
                y=hatched["y"],
                x=[1] * len(hatched["x"]),
                base=[x - 0.5 for x in hatched["x"]],
                width=0.94,
                marker={
                    "color": "#FFFFFF",
                    "line": {"width": 0},
                    "pattern": {"shape": "/", "fgcolor": palette.SUPPRESSED, "size": 6},
                },
                hovertext=hatched["text"],
                hovertemplate="%{hovertext}<extra></extra>",
                showlegend=False,
                name="",
                **checked(),
            )
        )
    figure.update_layout(
        # the dimension names stand on top, turned when they do not fit side by side
        layout(
            locale,
            height=max(380, 240 + ROW_HEIGHT * len(teams)),
            barmode="overlay",
            margin={"l": 10, "r": 10, "t": 200, "b": 10, "pad": 4},
        ),
        xaxis={
            "tickvals": list(range(len(dimensions))),
            "ticktext": [plain(d) for d in dimensions],
            "side": "top",
            "automargin": True,
            "fixedrange": True,
            "range": [-0.5, len(dimensions) - 0.5],
            "showgrid": False,
            "zeroline": False,
        },
        yaxis={**category_axis(teams), "range": [len(teams) - 0.5, -0.5]},
    )
    return figure


# --- a team against the others, and teams against each other -------------------------------

OTHERS_MEAN: Words = ("Durchschnitt der anderen Teams", "Other teams' average")
OTHERS_RANGE: Words = ("Spanne der anderen Teams", "Other teams' range")
SYMBOLS = ("circle", "diamond", "square", "triangle-up", "x", "star")


@dataclass(frozen=True)
class ProfileRow:
    """One dimension of a profile: the team's mean and, where shown, the others' figures."""

    label: str
    mean: float | None
    others_mean: float | None = None
    others_min: float | None = None
    others_max: float | None = None


def profile(rows: Sequence[ProfileRow], team_name: str, locale: str) -> go.Figure:
    """A dot plot of the team's dimension means beside the other teams' mean and range."""
    labels = [row.label for row in rows]
    y = list(range(len(rows)))
    figure = go.Figure(**checked())
    range_x: list[float | None] = []
    range_y: list[float | None] = []
    for index, row in enumerate(rows):
        if not missing(row.others_min) and not missing(row.others_max):
            range_x += [row.others_min, row.others_max, None]
            range_y += [index, index, None]
    if range_x:
        figure.add_trace(
            go.Scatter(
                x=range_x,
                y=range_y,
                mode="lines",
                name=pick(OTHERS_RANGE, locale),
                line={"color": palette.BENCHMARK, "width": 6},
                opacity=0.35,
                hoverinfo="skip",
                **checked(),
            )
        )
        figure.add_trace(
            _dots(
                [r.others_mean for r in rows],
                y,
                pick(OTHERS_MEAN, locale),
                palette.BENCHMARK,
                "diamond-open",
                locale,
                labels,
            )
        )
    figure.add_trace(
        _dots([r.mean for r in rows], y, team_name, palette.TEAM, "circle", locale, labels)
    )
    return _on_scale(figure, labels, locale)


def _on_scale(figure: go.Figure, labels: Sequence[str], locale: str) -> go.Figure:
    """Lay out a dot plot: one row per label (written above it), the 1–5 scale across."""
    rows = labelled_rows(labels, x=0.8, mark_px=16)
    figure.update_layout(
        layout(locale, height=rows.height(110), annotations=list(rows.annotations)),
        xaxis=scale_axis(pick(MEAN, locale)),
        yaxis=rows.yaxis,
    )
    return figure


def _dots(
    values: Sequence[float | None],
    y: Sequence[int],
    name: str,
    colour: str,
    symbol: str,
    locale: str,
    labels: Sequence[str],
) -> go.Scatter:
    shown = [(v, row) for v, row in zip(values, y, strict=True) if not missing(v)]
    return go.Scatter(
        x=[v for v, _ in shown],
        y=[row for _, row in shown],
        mode="markers",
        name=plain(name),
        marker={
            "color": colour,
            "symbol": symbol,
            "size": 13,
            "line": {"width": 2, "color": colour},
        },
        hovertext=[f"{plain(labels[row])}: {mean_text(v, locale)}" for v, row in shown],
        hovertemplate=f"{plain(name)}<br>%{{hovertext}}<extra></extra>",
        **checked(),
    )


def profiles(
    dimensions: Sequence[str], teams: Sequence[tuple[str, Sequence[float | None]]], locale: str
) -> go.Figure:
    """Two to six teams' dimension means in one dot plot, each team its colour and shape."""
    figure = go.Figure(**checked())
    y = list(range(len(dimensions)))
    for index, (name, means) in enumerate(teams):
        figure.add_trace(
            _dots(
                means,
                y,
                name,
                palette.categorical(index),
                SYMBOLS[index % len(SYMBOLS)],
                locale,
                dimensions,
            )
        )
    return _on_scale(figure, dimensions, locale)


# --- the change since an earlier round ------------------------------------------------------


def trend(
    labels: Sequence[str],
    then: Sequence[float | None],
    now: Sequence[float | None],
    names: tuple[str, str],
    locale: str,
) -> go.Figure:
    """Earlier and current means per dimension, joined by a line (a dumbbell chart)."""
    y = list(range(len(labels)))
    line_x: list[float | None] = []
    line_y: list[float | None] = []
    for row, (a, b) in enumerate(zip(then, now, strict=True)):
        if not missing(a) and not missing(b):
            line_x += [a, b, None]
            line_y += [row, row, None]
    figure = go.Figure(
        go.Scatter(
            x=line_x,
            y=line_y,
            mode="lines",
            line={"color": palette.MUTED, "width": 2},
            hoverinfo="skip",
            showlegend=False,
            **checked(),
        ),
        **checked(),
    )
    figure.add_trace(_dots(then, y, names[0], palette.TREND_EARLIER, "circle-open", locale, labels))
    figure.add_trace(_dots(now, y, names[1], palette.TEAM, "circle", locale, labels))
    return _on_scale(figure, labels, locale)
