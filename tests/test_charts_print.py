"""The print charts: what the matrix writes beside its points."""

from __future__ import annotations

import re
from dataclasses import replace

from surveyapp.charts import print as charts
from surveyapp.reporting.figures import team_charts
from surveyapp.reporting.model import RankingRow
from tests import report_samples

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


def test_the_ranking_writes_one_point_in_the_singular():
    report = replace(
        report_samples.team_report(),
        ranking=(RankingRow("Übergänge gestalten", 9, 4, 1), RankingRow("Monitoring", 1, 1, 2)),
    )
    texts = _texts(team_charts(report, "de")["ranking"].svg)
    assert "1 Punkt (eine Person)" in texts and "9 Punkte (4 Personen)" in texts
