"""Charts for the PDF reports: matplotlib, drawn as SVG with real text.

Every function takes plain rows copied from the analysis results (no number is computed
here, only placed), already-translated labels and the alternative text that states the
finding, and returns a ``Chart``: the SVG and its alt text, ready for
``<img alt="…" src="data:image/svg+xml;…">`` so that WeasyPrint keeps it as vectors.
The ``Figure`` objects are never registered with pyplot, so nothing piles up in a worker.
"""

from __future__ import annotations

import base64
import io
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import matplotlib

matplotlib.use("Agg")

from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402
from matplotlib.transforms import Bbox  # noqa: E402

from surveyapp.charts import palette  # noqa: E402

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
class LikertRow:
    """One item's distribution: counts of the five points, ``n_na`` "cannot judge"."""

    label: str
    counts: tuple[int, int, int, int, int]
    n_na: int = 0
    flagged: bool = False


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


def _svg(figure: Figure, alt: str, width_cm: float) -> Chart:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return Chart(svg=buffer.getvalue(), alt=alt, width_cm=width_cm)


def _wrap(label: str, width: int) -> str:
    return "\n".join(textwrap.wrap(label, width=width, break_long_words=False)) or label


def _scale_axis(axis, label: str, ticks: Sequence[str] | None = None) -> None:  # noqa: ANN001
    axis.set_xlim(0.8, 5.2)
    axis.set_xticks([1, 2, 3, 4, 5])
    if ticks:
        axis.set_xticklabels(ticks)
    axis.set_xlabel(label)
    axis.grid(axis="x", color=palette.GRID, linewidth=0.6)
    axis.set_axisbelow(True)


def _figure(
    rows: int, per_row_cm: float, *, left: float, right: float = 0.97, bottom_cm: float = 1.9
) -> tuple[Figure, Any]:
    """A full-width figure whose plot area grows with its rows; ``bottom_cm`` below the
    axes holds the tick labels, the axis label and the legend, always the same size."""
    top_cm = 0.3
    plot_cm = max(rows * per_row_cm, 1.6)
    height_cm = plot_cm + bottom_cm + top_cm
    figure = Figure(figsize=(FULL_WIDTH_CM * CM, height_cm * CM))
    axis = figure.add_axes((left, bottom_cm / height_cm, right - left, plot_cm / height_cm))
    return figure, axis


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
    figure, axis = _figure(len(rows), 0.75, left=0.36)
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
    axis.set_yticklabels([_wrap(r.label, 34) for r in rows])
    axis.set_ylim(-0.7, len(rows) - 0.3)
    _scale_axis(axis, scale_label)
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
    figure.legend(
        handles=handles,
        loc="lower center",
        ncol=len(handles),
        frameon=False,
        bbox_to_anchor=(0.6, 0.0),
    )
    return _svg(figure, alt, FULL_WIDTH_CM)


def matrix(
    points: Sequence[MatrixPoint],
    *,
    alt: str,
    mean_importance: float,
    mean_performance: float,
    importance_label: str,
    performance_label: str,
    quadrant_labels: tuple[str, str, str, str],
    diagonal_label: str,
) -> Chart:
    """Importance–performance scatter on fixed 1–5 axes, with the team's crosshairs,
    the diagonal I = P, quadrant names and every function named at its point.

    ``quadrant_labels``: top left (high importance, low performance = priority), top right,
    bottom left, bottom right.
    """
    figure = Figure(figsize=(FULL_WIDTH_CM * CM, 13 * CM))
    axis = figure.add_axes((0.08, 0.085, 0.9, 0.9))
    axis.set_xlim(1, 5)
    axis.set_ylim(1, 5)
    axis.set_xlabel(performance_label)
    axis.set_ylabel(importance_label)
    axis.axvline(mean_performance, color=palette.MUTED, linewidth=0.8, linestyle="--")
    axis.axhline(mean_importance, color=palette.MUTED, linewidth=0.8, linestyle="--")
    axis.plot([1, 5], [1, 5], color=palette.GRID, linewidth=1.2)
    axis.text(
        1.25,
        1.35,
        diagonal_label,
        rotation=45,
        rotation_mode="anchor",
        transform_rotates_text=True,
        color=palette.MUTED,
        fontsize=6.5,
    )
    corners = (
        (1.05, 4.95, "left", "top"),
        (4.95, 4.95, "right", "top"),
        (1.05, 1.05, "left", "bottom"),
        (4.95, 1.05, "right", "bottom"),
    )
    for (x, y, ha, va), text in zip(corners, quadrant_labels, strict=True):
        axis.text(
            x,
            y,
            text,
            ha=ha,
            va=va,
            fontsize=8,
            weight="bold",
            color=palette.OKABE_ITO["vermillion"] if text is quadrant_labels[0] else palette.MUTED,
        )
    for point in points:
        axis.plot(
            point.performance,
            point.importance,
            marker="o",
            markersize=6,
            color=palette.OKABE_ITO["vermillion"] if point.highlight else palette.TEAM,
            linestyle="none",
        )
    _place_labels(figure, axis, points)
    return _svg(figure, alt, FULL_WIDTH_CM)


def _place_labels(figure: Figure, axis, points: Sequence[MatrixPoint]) -> None:  # noqa: ANN001
    """Name each point beside it: the first free place around it, else the least crowded
    one (with a thin leader line when the label had to move away)."""
    renderer = FigureCanvasAgg(figure).get_renderer()  # text sizes as the SVG will have them
    frame = axis.get_window_extent(renderer)
    dots = []
    for point in points:
        x, y = axis.transData.transform((point.performance, point.importance))
        dots.append(Bbox.from_extents(x - 4, y - 4, x + 4, y + 4))
    taken: list[Bbox] = []
    for point in sorted(points, key=lambda p: (-p.importance, p.performance)):
        label = _wrap(point.label, 24)
        best: tuple[float, tuple[float, float, str, str]] | None = None
        for candidate in _CANDIDATES:
            dx, dy, ha, va = candidate
            text = axis.annotate(
                label,
                (point.performance, point.importance),
                xytext=(dx, dy),
                textcoords="offset points",
                ha=ha,
                va=va,
                fontsize=6.5,
                linespacing=1.0,
            )
            box = text.get_window_extent(renderer)
            text.remove()
            outside = not (frame.contains(box.x0, box.y0) and frame.contains(box.x1, box.y1))
            crowd = sum(_overlap(box, other) for other in taken + dots) + 1e6 * outside
            if best is None or crowd < best[0]:
                best = (crowd, candidate)
            if crowd == 0:
                break
        assert best is not None
        dx, dy, ha, va = best[1]
        far = abs(dx) > 8 or abs(dy) > 10
        text = axis.annotate(
            label,
            (point.performance, point.importance),
            xytext=(dx, dy),
            textcoords="offset points",
            ha=ha,
            va=va,
            fontsize=6.5,
            linespacing=1.0,
            arrowprops={
                "arrowstyle": "-",
                "color": palette.MUTED,
                "lw": 0.5,
                "shrinkA": 0,
                "shrinkB": 3,
            }
            if far
            else None,
        )
        taken.append(text.get_window_extent(renderer).expanded(1.04, 1.1))


def _overlap(a: Bbox, b: Bbox) -> float:
    width = min(a.x1, b.x1) - max(a.x0, b.x0)
    height = min(a.y1, b.y1) - max(a.y0, b.y0)
    return width * height if width > 0 and height > 0 else 0.0


def _candidate_offsets() -> list[tuple[float, float, str, str]]:
    found = []
    for distance in (6, 14, 24, 36):
        found += [
            (distance, 0, "left", "center"),
            (-distance, 0, "right", "center"),
            (0, distance, "center", "bottom"),
            (0, -distance, "center", "top"),
            (distance, distance, "left", "bottom"),
            (distance, -distance, "left", "top"),
            (-distance, distance, "right", "bottom"),
            (-distance, -distance, "right", "top"),
        ]
    return found


_CANDIDATES = _candidate_offsets()


def likert(
    rows: Sequence[LikertRow],
    *,
    alt: str,
    point_labels: tuple[str, str, str, str, str],
    count_of: str,
    cannot_judge: str,
    flag_label: str,
    cannot_judge_note: str,
) -> Chart:
    """Diverging stacked bars: disagreement left, agreement right, the middle centred.

    Each segment carries its count; at the right each row says „n von N“ and how many could
    not judge. ``count_of`` is a format string with ``{n}`` (e.g. ``"n = {n}"``).
    """
    # Rows grow with their wrapped labels; the y axis counts centimetres from the bottom.
    labels = [_wrap(r.label, 40) for r in rows]
    heights = [max(0.8, 0.3 * (label.count("\n") + 1) + 0.3) for label in labels]
    total_cm = sum(heights)
    positions = [total_cm - sum(heights[:i]) - heights[i] / 2 for i in range(len(rows))]
    figure, axis = _figure(1, total_cm, left=0.36, right=0.83, bottom_cm=1.6)
    for y, row in zip(positions, rows, strict=True):
        total = sum(row.counts)
        if total == 0:
            continue
        shares = [c / total for c in row.counts]
        left = -(shares[0] + shares[1] + shares[2] / 2)
        for index, share in enumerate(shares):
            colour = palette.LIKERT[index]
            if share > 0:
                axis.barh(
                    y, share, left=left, color=colour, height=0.5, edgecolor="white", linewidth=0.5
                )
                if share >= 0.07:
                    axis.text(
                        left + share / 2,
                        y,
                        str(row.counts[index]),
                        ha="center",
                        va="center",
                        fontsize=6.5,
                        color=palette.text_on(colour),
                    )
            left += share
        note = count_of.format(n=total)
        if row.n_na:
            note += f" (+{row.n_na} {cannot_judge})"
        if row.flagged:
            note = "◆ " + note
        axis.text(
            1.02,
            y,
            note,
            transform=axis.get_yaxis_transform(),
            va="center",
            fontsize=6.5,
            color=palette.INK,
        )
    axis.axvline(0, color=palette.MUTED, linewidth=0.8)
    axis.set_yticks(positions)
    axis.set_yticklabels(labels, fontsize=7, linespacing=1.1)
    axis.set_ylim(0, total_cm)
    axis.set_xlim(-1, 1)
    axis.set_xticks([-1, -0.5, 0, 0.5, 1])
    axis.set_xticklabels(["100 %", "50 %", "0", "50 %", "100 %"])
    axis.spines["left"].set_visible(False)
    axis.tick_params(axis="y", length=0)
    handles = [
        Line2D([], [], color=colour, linewidth=7, label=label)
        for colour, label in zip(palette.LIKERT, point_labels, strict=True)
    ]
    height_cm = figure.get_figheight() / CM
    figure.legend(
        handles=handles,
        loc="lower center",
        ncol=5,
        frameon=False,
        fontsize=6.5,
        handlelength=1.2,
        columnspacing=1.2,
        bbox_to_anchor=(0.5, 0.45 / height_cm),
        borderaxespad=0,
    )
    notes = ["◆ " + flag_label] if any(r.flagged for r in rows) else []
    notes += [cannot_judge_note] if any(r.n_na for r in rows) else []
    if notes:
        figure.text(
            0.5, 0.05 / height_cm, "    ".join(notes), ha="center", va="bottom", fontsize=6.5
        )
    return _svg(figure, alt, FULL_WIDTH_CM)


def bars(rows: Sequence[BarRow], *, alt: str, axis_label: str, colour: str = palette.TEAM) -> Chart:
    """Horizontal bars with their value written beside them (rankings, counts of teams)."""
    figure, axis = _figure(len(rows), 0.65, left=0.4, right=0.74, bottom_cm=1.0)
    positions = list(range(len(rows)))[::-1]
    top = max((r.value for r in rows), default=1) or 1
    for y, row in zip(positions, rows, strict=True):
        axis.barh(y, row.value, color=colour, height=0.6)
        axis.text(row.value + top * 0.02, y, row.text, va="center", fontsize=7, clip_on=False)
    axis.set_yticks(positions)
    axis.set_yticklabels([_wrap(r.label, 36) for r in rows])
    axis.set_xlim(0, top * 1.05)
    axis.xaxis.set_major_locator(MaxNLocator(integer=True))
    axis.set_ylim(-0.6, len(rows) - 0.4)
    axis.set_xlabel(axis_label)
    axis.tick_params(axis="y", length=0)
    return _svg(figure, alt, FULL_WIDTH_CM)


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
    figure, axis = _figure(len(rows), 0.7, left=0.36)
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
    axis.set_yticklabels([_wrap(r.label, 34) for r in rows])
    axis.set_ylim(-0.7, len(rows) - 0.3)
    _scale_axis(axis, scale_label)
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
    figure.legend(
        handles=handles,
        loc="lower center",
        ncol=len(handles),
        frameon=False,
        bbox_to_anchor=(0.6, 0.0),
    )
    return _svg(figure, alt, FULL_WIDTH_CM)
