"""Dot plots on the 1–5 scale (profile, perspectives, trend) and horizontal bars."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from surveyapp.charts import palette
from surveyapp.charts.print.base import (
    FULL_WIDTH_CM,
    BarRow,
    Chart,
    GroupRow,
    ScaleRow,
    rows_figure,
    scale_axis,
    to_chart,
    wrap,
)


def profile(
    rows: Sequence[ScaleRow],
    *,
    alt: str,
    scale_label: str,
    team_label: str,
    others_label: str,
    range_label: str,
    withheld_label: str,
    number: Callable[[float], str],
) -> Chart:
    """Dot plot: the team's mean per row, the other teams' mean and range behind it."""
    figure, axis = rows_figure(len(rows), 0.75, left=0.36)
    positions = list(range(len(rows)))[::-1]
    for y, row in zip(positions, rows, strict=True):
        if row.others_low is not None and row.others_high is not None:
            axis.plot(
                [row.others_low, row.others_high],
                [y, y],
                color=palette.BENCHMARK,
                linewidth=5,
                alpha=0.35,
                solid_capstyle="round",
            )
        if row.others_mean is not None:
            axis.plot(
                row.others_mean,
                y,
                marker="D",
                markersize=6,
                color=palette.BENCHMARK,
                markerfacecolor="white",
                markeredgewidth=1.5,
                linestyle="none",
            )
        if row.value is None:
            axis.text(1, y, withheld_label, va="center", color=palette.MUTED, style="italic")
        else:
            axis.plot(row.value, y, marker="o", markersize=7, color=palette.TEAM, linestyle="none")
            axis.annotate(
                number(row.value),
                (row.value, y),
                xytext=(0, 6),
                textcoords="offset points",
                ha="center",
                fontsize=7,
            )
    axis.set_yticks(positions)
    axis.set_yticklabels([wrap(r.label, 34) for r in rows])
    axis.set_ylim(-0.7, len(rows) - 0.3)
    scale_axis(axis, scale_label)
    handles = [Line2D([], [], marker="o", color=palette.TEAM, linestyle="none", label=team_label)]
    if any(r.others_mean is not None for r in rows):
        handles += [
            Line2D(
                [],
                [],
                marker="D",
                color=palette.BENCHMARK,
                markerfacecolor="white",
                linestyle="none",
                label=others_label,
            ),
            Line2D([], [], color=palette.BENCHMARK, alpha=0.35, linewidth=5, label=range_label),
        ]
    return _with_legend(figure, handles, alt)


def bars(rows: Sequence[BarRow], *, alt: str, axis_label: str, colour: str = palette.TEAM) -> Chart:
    """Horizontal bars with their value written beside them (rankings, counts of teams)."""
    figure, axis = rows_figure(len(rows), 0.65, left=0.4, right=0.74, bottom_cm=1.0)
    positions = list(range(len(rows)))[::-1]
    top = max((r.value for r in rows), default=1) or 1
    for y, row in zip(positions, rows, strict=True):
        axis.barh(y, row.value, color=colour, height=0.6)
        axis.text(row.value + top * 0.02, y, row.text, va="center", fontsize=7, clip_on=False)
    axis.set_yticks(positions)
    axis.set_yticklabels([wrap(r.label, 36) for r in rows])
    axis.set_xlim(0, top * 1.05)
    axis.xaxis.set_major_locator(MaxNLocator(integer=True))
    axis.set_ylim(-0.6, len(rows) - 0.4)
    axis.set_xlabel(axis_label)
    axis.tick_params(axis="y", length=0)
    return to_chart(figure, alt, FULL_WIDTH_CM)


def groups(
    rows: Sequence[GroupRow],
    *,
    alt: str,
    group_labels: Sequence[str],
    scale_label: str,
    connect: bool = False,
) -> Chart:
    """Dot plot with one marker per group on the 1–5 scale (perspectives; a trend with
    ``connect=True`` draws an arrow from the first value to the last)."""
    markers = ("o", "s", "^", "D", "v", "P")
    figure, axis = rows_figure(len(rows), 0.7, left=0.36)
    positions = list(range(len(rows)))[::-1]
    colours = (
        [palette.TREND_EARLIER, palette.TEAM]
        if connect
        else [palette.categorical(i) for i in range(len(group_labels))]
    )
    for y, row in zip(positions, rows, strict=True):
        present = [v for v in row.values if v is not None]
        if connect and len(present) == 2:
            axis.annotate(
                "",
                xy=(present[1], y),
                xytext=(present[0], y),
                arrowprops={
                    "arrowstyle": "->",
                    "color": palette.MUTED,
                    "lw": 0.9,
                    "shrinkA": 4,
                    "shrinkB": 5,
                },
            )
        for index, value in enumerate(row.values):
            if value is not None:
                axis.plot(
                    value,
                    y,
                    marker=markers[index % len(markers)],
                    markersize=6,
                    color=colours[index],
                    linestyle="none",
                )
    axis.set_yticks(positions)
    axis.set_yticklabels([wrap(r.label, 34) for r in rows])
    axis.set_ylim(-0.7, len(rows) - 0.3)
    scale_axis(axis, scale_label)
    handles = [
        Line2D(
            [],
            [],
            marker=markers[i % len(markers)],
            color=colours[i],
            linestyle="none",
            label=label,
        )
        for i, label in enumerate(group_labels)
    ]
    return _with_legend(figure, handles, alt)


def _with_legend(figure: Figure, handles: list[Line2D], alt: str) -> Chart:
    """The legend in one row under the plot, then the chart."""
    figure.legend(
        handles=handles,
        loc="lower center",
        ncol=len(handles),
        frameon=False,
        bbox_to_anchor=(0.6, 0.0),
    )
    return to_chart(figure, alt, FULL_WIDTH_CM)
