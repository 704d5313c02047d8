"""plotly figures for the dashboards, one pure function per chart kind.

Each takes plain data (labels, numbers and reasons the analysis decided) and the reader's
locale and returns a ``plotly.graph_objects.Figure``; ``surveyapp.charts.panel`` turns it
into the JSON a page carries. Nothing here imports Flask or the database.
"""

from __future__ import annotations

from surveyapp.charts.web.base import plain
from surveyapp.charts.web.compare import ProfileRow, heatmap, profile, profiles, trend
from surveyapp.charts.web.team import (
    LikertRow,
    MatrixPoint,
    bars,
    importance_performance,
    likert,
    place_codes,
    priority_counts,
    ranking,
)

__all__ = [
    "LikertRow",
    "MatrixPoint",
    "ProfileRow",
    "bars",
    "heatmap",
    "importance_performance",
    "likert",
    "place_codes",
    "plain",
    "priority_counts",
    "profile",
    "profiles",
    "ranking",
    "trend",
]
