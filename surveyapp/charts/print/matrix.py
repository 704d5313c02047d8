"""The importance–performance matrix, every function named beside its point."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

from surveyapp.charts import palette
from surveyapp.charts.print.base import (
    CM,
    FULL_WIDTH_CM,
    Chart,
    MatrixPoint,
    to_chart,
    wrap,
)


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
    return to_chart(figure, alt, FULL_WIDTH_CM)


def _place_labels(figure: Figure, axis, points: Sequence[MatrixPoint]) -> None:
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
        label = wrap(point.label, 24)
        best: tuple[float, tuple[float, float, str, str]] | None = None
        for candidate in _CANDIDATES:
            text = _label(axis, label, point, candidate, leader=False)
            box = text.get_window_extent(renderer)
            text.remove()
            outside = not (frame.contains(box.x0, box.y0) and frame.contains(box.x1, box.y1))
            crowd = sum(_overlap(box, other) for other in taken + dots) + 1e6 * outside
            if best is None or crowd < best[0]:
                best = (crowd, candidate)
            if crowd == 0:
                break
        assert best is not None
        dx, dy, _ha, _va = best[1]
        text = _label(axis, label, point, best[1], leader=abs(dx) > 8 or abs(dy) > 10)
        taken.append(text.get_window_extent(renderer).expanded(1.04, 1.1))


def _label(
    axis: Any,
    label: str,
    point: MatrixPoint,
    place: tuple[float, float, str, str],
    *,
    leader: bool,
) -> Any:
    """The point's name at ``place`` (offset in points, alignment), with a thin leader line
    back to the point when it had to move away."""
    dx, dy, ha, va = place
    arrow = {"arrowstyle": "-", "color": palette.MUTED, "lw": 0.5, "shrinkA": 0, "shrinkB": 3}
    return axis.annotate(
        label,
        (point.performance, point.importance),
        xytext=(dx, dy),
        textcoords="offset points",
        ha=ha,
        va=va,
        fontsize=6.5,
        linespacing=1.0,
        arrowprops=arrow if leader else None,
    )


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
