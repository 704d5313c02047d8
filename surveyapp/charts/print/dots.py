"""Dot plots on the 1–5 scale (profile, perspectives, trend) and horizontal bars."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from surveyapp.charts import palette
from surveyapp.charts.print.base import (
    FULL_WIDTH_CM,
    MIN_PLOT_CM,
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
    # A row is as tall as its wrapped label (the y axis counts centimetres from the top
    # row down), so that labels of two or three lines never run into their neighbours.
    labels = [wrap(r.label, 36) for r in rows]
    heights = [max(0.55, 0.3 * (label.count("\n") + 1) + 0.12) for label in labels]
    total_cm = sum(heights)
    positions = [total_cm - sum(heights[:i]) - heights[i] / 2 for i in range(len(rows))]
    figure, axis = rows_figure(1, total_cm, left=0.4, right=0.74, bottom_cm=1.0)
    top = max((r.value for r in rows), default=1) or 1
    for y, row in zip(positions, rows, strict=True):
        axis.barh(y, row.value, color=colour, height=0.36)
        axis.text(row.value + top * 0.02, y, row.text, va="center", fontsize=7, clip_on=False)
    axis.set_yticks(positions)
    axis.set_yticklabels(labels, linespacing=1.05)
    axis.set_xlim(0, top * 1.05)
    axis.xaxis.set_major_locator(MaxNLocator(integer=True))
    margin = max(MIN_PLOT_CM - total_cm, 0) / 2  # few rows: the plot's least height, bars centred
    axis.set_ylim(-margin, total_cm + margin)
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
    legend_lines = _legend_lines(group_labels)
    figure, axis = rows_figure(len(rows), 0.7, left=0.36, bottom_cm=1.5 + 0.35 * legend_lines)
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
            label=label if legend_lines == 1 else wrap(label, LEGEND_WRAP),
        )
        for i, label in enumerate(group_labels)
    ]
    return _with_legend(figure, handles, alt, columns=len(handles) if legend_lines == 1 else 1)


#: Legend entries longer than fit in one row together are wrapped and stacked.
LEGEND_ROW_CHARS = 80
LEGEND_WRAP = 70


def _legend_lines(labels: Sequence[str]) -> int:
    """How many text lines the legend takes: one row, or the wrapped labels stacked."""
    if sum(len(label) + 6 for label in labels) <= LEGEND_ROW_CHARS:
        return 1
    return sum(wrap(label, LEGEND_WRAP).count("\n") + 1 for label in labels)


def _with_legend(
    figure: Figure, handles: list[Line2D], alt: str, *, columns: int | None = None
) -> Chart:
    """The legend under the plot (in one row unless told otherwise), then the chart."""
    figure.legend(
        handles=handles,
        loc="lower center",
        ncol=columns or len(handles),
        frameon=False,
        bbox_to_anchor=(0.6 if columns != 1 else 0.5, 0.0),
    )
    return to_chart(figure, alt, FULL_WIDTH_CM)
