"""The print charts: what the matrix writes beside its points."""

from __future__ import annotations

import re

from surveyapp.charts import print as charts

QUADRANTS = ("Hier ansetzen", "Weiter so", "Geringe Priorität", "Möglicher Überaufwand")


def _matrix(points: list[charts.MatrixPoint]) -> str:
    return charts.matrix(
        points,
        alt="Matrix",
        mean_importance=4.0,
        mean_performance=3.5,
        importance_label="Bedeutung",
        performance_label="Umsetzung",
        quadrant_labels=QUADRANTS,
        diagonal_label="Diagonale",
    ).svg


def _texts(svg: str) -> list[str]:
    return [t.strip() for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]


def test_the_matrix_numbers_its_points_and_points_at_one_place_share_a_label():
    svg = _matrix(
        [
            charts.MatrixPoint("1", 4.1, 3.5, True),
            charts.MatrixPoint("2", 4.1, 3.5),
            charts.MatrixPoint("3", 3.9, 3.6),
        ]
    )
    texts = _texts(svg)
    assert "1, 2" in texts and "3" in texts
    assert "1" not in texts and "2" not in texts
