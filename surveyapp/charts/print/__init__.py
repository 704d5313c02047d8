"""Charts for the PDF reports: matplotlib, drawn as SVG with real text.

Every function takes plain rows copied from the analysis results (no number is computed
here, only placed), already-translated labels and the alternative text that states the
finding, and returns a ``Chart``: the SVG and its alt text, ready for
``<img alt="…" src="data:image/svg+xml;…">`` so that WeasyPrint keeps it as vectors.
Likert distributions are the exception: ``diverging`` places the segments of a bar that
the report's HTML draws itself (a table a screen reader reads as numbers).
The ``Figure`` objects are never registered with pyplot, so nothing piles up in a worker.
"""

from __future__ import annotations

from surveyapp.charts.print.base import (
    FULL_WIDTH_CM,
    BarRow,
    Chart,
    GroupRow,
    MatrixPoint,
    ScaleRow,
)
from surveyapp.charts.print.dots import bars, groups, profile
from surveyapp.charts.print.likert import Segment, diverging
from surveyapp.charts.print.matrix import matrix

__all__ = [
    "FULL_WIDTH_CM",
    "BarRow",
    "Chart",
    "GroupRow",
    "MatrixPoint",
    "ScaleRow",
    "Segment",
    "bars",
    "diverging",
    "groups",
    "matrix",
    "profile",
]
