"""The importance–performance matrix, every function numbered beside its point.

Function names beside the points crowded each other near the team's crosshairs, where
points gather; the numbers are short enough to find a free place, and the report's table
of all functions below the chart is their legend."""

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
    the diagonal I = P, quadrant names and every point's label (its number) beside it;
    points at the same place share one label ("3, 7").

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
    obstacles = [
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
    ]
    corners = (
        (1.05, 4.95, "left", "top"),
        (4.95, 4.95, "right", "top"),
        (1.05, 1.05, "left", "bottom"),
        (4.95, 1.05, "right", "bottom"),
    )
    for (x, y, ha, va), text in zip(corners, quadrant_labels, strict=True):
        obstacles.append(
            axis.text(
                x,
                y,
                text,
                ha=ha,
                va=va,
                fontsize=8,
                weight="bold",
                color=palette.OKABE_ITO["vermillion"]
                if text is quadrant_labels[0]
                else palette.MUTED,
            )
        )
    points = _merged(points)
    for point in points:
        axis.plot(
            point.performance,
            point.importance,
            marker="o",
            markersize=6,
            color=palette.OKABE_ITO["vermillion"] if point.highlight else palette.TEAM,
            linestyle="none",
        )
    crosshairs = (mean_performance, mean_importance)
    _place_labels(figure, axis, points, crosshairs=crosshairs, obstacles=obstacles)
    return to_chart(figure, alt, FULL_WIDTH_CM)


def _place_labels(
    figure: Figure,
    axis,
    points: Sequence[MatrixPoint],
    *,
    crosshairs: tuple[float, float],
    obstacles: Sequence[Any],
) -> None:
    """Name each point beside it: the first free place around it, else the least crowded
    one (with a thin leader line when the label had to move away). Besides other labels
    and points, a label keeps off the team's crosshairs (where points gather), the
    quadrant names and the diagonal's label."""
    renderer = FigureCanvasAgg(figure).get_renderer()  # text sizes as the SVG will have them
    frame = axis.get_window_extent(renderer)
    dots = []
    for point in points:
        x, y = axis.transData.transform((point.performance, point.importance))
        dots.append(Bbox.from_extents(x - 4, y - 4, x + 4, y + 4))
    x, y = axis.transData.transform(crosshairs)
    lines = [
        Bbox.from_extents(x - 1.5, frame.y0, x + 1.5, frame.y1),
        Bbox.from_extents(frame.x0, y - 1.5, frame.x1, y + 1.5),
    ]
    fixed = dots + lines + [text.get_window_extent(renderer) for text in obstacles]
    taken: list[Bbox] = []
    for point in sorted(points, key=lambda p: (-p.importance, p.performance)):
        label = point.label
        best: tuple[float, tuple[float, float, str, str]] | None = None
        for candidate in _CANDIDATES:
            text = _label(axis, label, point, candidate, leader=False)
            box = text.get_window_extent(renderer)
            text.remove()
            outside = not (frame.contains(box.x0, box.y0) and frame.contains(box.x1, box.y1))
            crowd = sum(_overlap(box, other) for other in taken + fixed) + 1e6 * outside
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
        fontsize=7,
        weight="bold",
        arrowprops=arrow if leader else None,
    )


def _merged(points: Sequence[MatrixPoint]) -> list[MatrixPoint]:
    """One point per place: points with the same values share one joined label."""
    places: dict[tuple[float, float], list[MatrixPoint]] = {}
    for point in points:
        places.setdefault((round(point.performance, 2), round(point.importance, 2)), []).append(
            point
        )
    return [
        MatrixPoint(
            ", ".join(p.label for p in same),
            same[0].importance,
            same[0].performance,
            any(p.highlight for p in same),
        )
        for same in places.values()
    ]


def _overlap(a: Bbox, b: Bbox) -> float:
    width = min(a.x1, b.x1) - max(a.x0, b.x0)
    height = min(a.y1, b.y1) - max(a.y0, b.y0)
    return width * height if width > 0 and height > 0 else 0.0


def _candidate_offsets() -> list[tuple[float, float, str, str]]:
    found = []
    for distance in (5, 12, 22, 34):
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
