"""Figures of one team: the importance–performance matrix, the Likert bars, its ranking."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import plotly.graph_objects as go

from surveyapp.analysis.labels import Quadrant
from surveyapp.analysis.text import (
    BORDERLINE_LABEL,
    DIAGONAL_NOTE,
    format_count_of,
    format_mean,
    is_english,
    label,
    pick,
    quadrant_label,
)
from surveyapp.charts import palette
from surveyapp.charts.web.base import Words, checked, labelled_rows, layout, plain, wrapped

POINTS: Words = ("Punkte (Platz 1 zählt am meisten)", "Points (first place counts most)")
POINTS_TEXT: Words = ("{points} · {named}× genannt", "{points} · named {named}×")
POINT: tuple[Words, Words] = (("Punkt", "Punkte"), ("point", "points"))
TEAMS: Words = (
    "Teams, bei denen die Funktion unter den ersten drei Prioritäten ist",
    "Teams with the function among their top three priorities",
)
TEAM: tuple[Words, Words] = (("Team", "Teams"), ("team", "teams"))


def counted(count: int, forms: tuple[Words, Words], locale: str) -> str:
    """„1 Punkt“, „3 Punkte“: a number with its noun in singular or plural."""
    singular, plural = forms[1] if is_english(locale) else forms[0]
    return f"{count} {singular if count == 1 else plural}"


def ranking(rows: Sequence[tuple[str, int, int]], locale: str) -> go.Figure:
    """The team's ranking of functions as bars of Borda points, most points on top."""
    template = pick(POINTS_TEXT, locale)
    texts = [template.format(points=counted(p, POINT, locale), named=n) for _, p, n in rows]
    return bars(
        [(name, points, text) for (name, points, _), text in zip(rows, texts, strict=True)],
        pick(POINTS, locale),
        locale,
    )


def priority_counts(rows: Sequence[tuple[str, int]], locale: str) -> go.Figure:
    """How many teams of a round have each function among their top three priorities."""
    return bars(
        [(name, count, counted(count, TEAM, locale)) for name, count in rows],
        pick(TEAMS, locale),
        locale,
    )


def bars(rows: Sequence[tuple[str, float, str]], axis_title: str, locale: str) -> go.Figure:
    """Horizontal bars, first row on top, each label written above its bar and each value
    written on it."""
    most = max([value for _, value, _ in rows] + [1])
    geometry = labelled_rows([name for name, _, _ in rows], x=0)
    return go.Figure(
        go.Bar(
            orientation="h",
            x=[value for _, value, _ in rows],
            y=list(range(len(rows))),
            width=geometry.mark,
            marker={"color": palette.TEAM},
            text=[text for _, _, text in rows],
            textposition="auto",
            insidetextanchor="start",
            hovertext=[plain(name) for name, _, _ in rows],
            hovertemplate="%{hovertext}<br>%{text}<extra></extra>",
            name="",
            **checked(),
        ),
        layout(
            locale,
            height=geometry.height(70),
            showlegend=False,
            annotations=list(geometry.annotations),
            xaxis={
                "title": {"text": axis_title},
                "gridcolor": palette.GRID,
                "fixedrange": True,
                "range": [0, most * 1.05],
                "dtick": max(1, math.ceil(most / 8)) if float(most).is_integer() else None,
            },
            yaxis=geometry.yaxis,
        ),
        **checked(),
    )


# --- the importance–performance matrix -------------------------------------------------------

IMPORTANCE_AXIS: Words = ("Bedeutung für uns (Mittelwert)", "Importance for us (mean)")
PERFORMANCE_AXIS: Words = ("Wie gut gelingt es heute? (Mittelwert)", "How well done today? (mean)")
RANK: Words = ("Priorität {rank}", "Priority {rank}")
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
    """A placed function: its means, its quadrant and, if it is one, its priority rank.

    ``code`` (a letter) is written at the point: function names are long and the points of a
    team crowd together, so the names stand in the key beside the chart and on hover.
    """

    code: str
    label: str
    importance: float
    performance: float
    quadrant: Quadrant | str
    borderline: bool = False
    rank: int | None = None


def importance_performance(
    points: Sequence[MatrixPoint], crosshair: tuple[float, float], locale: str
) -> go.Figure:
    """Functions placed by mean performance (x) and importance (y) on fixed 1–5 axes, with the
    team's crosshairs, the diagonal I = P and the quadrant names."""
    mean_importance, mean_performance = crosshair
    figure = go.Figure(**checked())
    placed = dict(zip((p.code for p in points), place_codes(points), strict=True))
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
                text=[placed[p.code][0] for p in members],
                textposition=[placed[p.code][1] for p in members],
                textfont={"size": 13, "color": palette.INK},
                marker={
                    "color": colour,
                    "symbol": symbol,
                    "size": 12,
                    "line": {"color": "#FFFFFF", "width": 1},
                },
                hovertext=[_point_hover(p, locale) for p in members],
                hovertemplate="%{hovertext}<extra></extra>",
                cliponaxis=False,
                **checked(),
            )
        )
    crosshairs = {"color": palette.MUTED, "width": 1.5, "dash": "dash"}
    diagonal = {"color": palette.MUTED, "width": 1, "dash": "dot"}
    for (x0, y0, x1, y1), line in [
        ((mean_performance, 0.8, mean_performance, 5.2), crosshairs),
        ((0.8, mean_importance, 5.2, mean_importance), crosshairs),
        ((1, 1, 5, 5), diagonal),
    ]:
        figure.add_shape(type="line", x0=x0, y0=y0, x1=x1, y1=y1, line=line, layer="below")
    for quadrant, (x, y, xanchor, yanchor) in QUADRANT_CORNERS.items():
        figure.add_annotation(
            x=x,
            y=y,
            xanchor=xanchor,
            yanchor=yanchor,
            showarrow=False,
            align="left" if xanchor == "left" else "right",
            text=f"<b>{wrapped(quadrant_label(quadrant, locale), 12)}</b>",
            font={"color": palette.MUTED, "size": 11},
        )
    figure.add_annotation(  # written in the region it describes: above the diagonal
        x=1.05,
        y=2.6,
        xanchor="left",
        yanchor="bottom",
        align="left",
        showarrow=False,
        text=wrapped(label(DIAGONAL_NOTE, locale), 24),
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


#: Where a point's letters may stand, in order of preference, and the offset of their box
#: from the point in units of the 1–5 frame (plotly's ``textposition`` names).
LABEL_PLACES: tuple[tuple[str, float, float], ...] = (
    ("middle right", 1, 0),
    ("middle left", -1, 0),
    ("top center", 0, 1),
    ("bottom center", 0, -1),
    ("top right", 1, 1),
    ("bottom right", 1, -1),
    ("top left", -1, 1),
    ("bottom left", -1, -1),
)
#: Sizes in units of the 1–5 frame, measured on the narrowest chart (a 360 px phone, about
#: 65 px per unit): one bold letter, a line of text, a marker. Points closer than ``SAME``
#: on both axes are drawn on top of each other and share one label ("D, I").
LETTER, LINE, MARK, SAME = 0.16, 0.24, 0.16, 0.1


def place_codes(points: Sequence[MatrixPoint]) -> list[tuple[str, str]]:
    """Each point's label text and ``textposition``: points that lie on top of each other
    share one label naming all of them (the others get none), and each label takes the first
    place around its point that covers no other label or marker and stays in the frame, else
    the least crowded one."""
    shared: dict[int, list[int]] = {}
    owner: list[int] = []
    for index, point in enumerate(points):
        near = next(
            (
                first
                for first in shared
                if abs(points[first].performance - point.performance) < SAME
                and abs(points[first].importance - point.importance) < SAME
            ),
            None,
        )
        if near is None:
            shared[index] = [index]
            owner.append(index)
        else:
            shared[near].append(index)
            owner.append(near)
    marks = [_box(p.performance, p.importance, MARK, MARK) for p in points]
    taken: list[tuple[float, float, float, float]] = []
    result = [("", "middle right")] * len(points)
    for first in sorted(shared, key=lambda i: (-points[i].importance, points[i].performance)):
        text = ", ".join(points[i].code for i in shared[first])
        width = LETTER * len(text) + MARK / 2
        point = points[first]
        best: tuple[float, str, tuple[float, float, float, float]] | None = None
        for place, dx, dy in LABEL_PLACES:
            x = point.performance + dx * (MARK + width) / 2
            y = point.importance + dy * (MARK + LINE) / 2
            box = _box(x, y, width, LINE)
            others = [m for i, m in enumerate(marks) if owner[i] != first]
            crowd = sum(_overlap(box, other) for other in [*taken, *others])
            if box[0] < 0.8 or box[2] > 5.2 or box[1] < 0.8 or box[3] > 5.2:
                crowd += 100
            if best is None or crowd < best[0]:
                best = (crowd, place, box)
            if crowd == 0:
                break
        assert best is not None
        taken.append(best[2])
        result[_outermost(points, shared[first], best[1])] = (f"<b>{plain(text)}</b>", best[1])
    return result


def _outermost(points: Sequence[MatrixPoint], members: list[int], place: str) -> int:
    """The member of a group whose marker the shared label is written beside (the one on
    the label's side, so that the label covers none of the group's markers)."""
    vertical, horizontal = place.split()
    sign = {"right": 1, "left": -1}.get(horizontal, 0)
    lift = {"top": 1, "bottom": -1}.get(vertical, 0)
    return max(members, key=lambda i: sign * points[i].performance + lift * points[i].importance)


def _box(x: float, y: float, width: float, height: float) -> tuple[float, float, float, float]:
    return (x - width / 2, y - height / 2, x + width / 2, y + height / 2)


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return max(width, 0) * max(height, 0)


def _point_hover(point: MatrixPoint, locale: str) -> str:
    parts = [f"<b>{plain(point.code)}</b> {plain(point.label)}"]
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
    y = list(range(len(rows)))
    answered = [sum(row.counts) for row in rows]
    geometry = labelled_rows([row.label for row in rows], x=-100)
    traces = []
    # (point index, sign, share of the point drawn by this trace); the order stacks from 0 out
    segments = [(2, -1, 0.5), (1, -1, 1.0), (0, -1, 1.0), (2, 1, 0.5), (3, 1, 1.0), (4, 1, 1.0)]
    for point, sign, part in segments:
        counts = [row.counts[point] for row in rows]
        twin = point == 2 and sign < 0  # the left half of the middle point
        traces.append(
            go.Bar(
                orientation="h",
                y=y,
                x=[sign * part * 100 * c / (t or 1) for c, t in zip(counts, answered, strict=True)],
                name=plain(scale[point]),
                legendrank=point,
                showlegend=not twin,
                marker={"color": palette.LIKERT[point], "line": {"color": "#FFFFFF", "width": 1}},
                text=[str(c) if c and not twin else "" for c in counts],
                textposition="inside",
                insidetextanchor="middle",
                textfont={"color": palette.text_on(palette.LIKERT[point])},
                hovertext=[
                    f"{plain(scale[point])}: {format_count_of(c, t, locale)}"
                    for c, t in zip(counts, answered, strict=True)
                ],
                hovertemplate="%{hovertext}<extra></extra>",
                width=geometry.mark,
                **checked(),
            )
        )
    traces.append(
        go.Bar(
            orientation="h",
            y=y,
            x=[row.cannot_judge for row in rows],
            xaxis="x2",
            name=plain(cannot_judge),
            marker={"color": palette.CANNOT_JUDGE},
            width=geometry.mark,
            legendrank=5,
            text=[str(row.cannot_judge) if row.cannot_judge else "" for row in rows],
            textposition="outside",
            cliponaxis=False,
            hovertext=[f"{plain(cannot_judge)}: {row.cannot_judge}" for row in rows],
            hovertemplate="%{hovertext}<extra></extra>",
            **checked(),
        )
    )
    ticks = [-100, -50, 0, 50, 100]
    most = max([row.cannot_judge for row in rows] + [1])
    height = geometry.height(120)
    return go.Figure(
        traces,
        layout(
            locale,
            height=height,
            barmode="relative",
            bargap=0.1,
            uniformtext={"minsize": 10, "mode": "hide"},
            legend={"orientation": "h", "yanchor": "top", "y": -70 / height, "x": 0},
            margin={"l": 10, "r": 10, "t": 10, "b": 100},
            annotations=list(geometry.annotations),
            xaxis={
                "domain": [0, 0.84],
                "range": [-100, 100],
                "tickvals": ticks,
                "ticktext": [str(abs(t)) for t in ticks],
                "fixedrange": True,
                "gridcolor": palette.GRID,
                "zeroline": True,
                "zerolinecolor": palette.INK,
                "title": {"text": pick(SHARE_AXIS, locale)},
            },
            xaxis2={
                "domain": [0.87, 1],
                "range": [0, most * 1.6],
                "fixedrange": True,
                "showgrid": False,
                "showticklabels": False,
                "anchor": "y",
            },
            yaxis=geometry.yaxis,
        ),
        **checked(),
    )
