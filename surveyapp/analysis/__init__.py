"""The analysis of a round's answers (ANALYSIS.md): pure pandas/numpy, no Flask, no database.

Entry point :func:`analyse_round` → :class:`RoundAnalysis` → :meth:`RoundAnalysis.team` →
:class:`TeamAnalysis`. The tables' columns are documented in :mod:`.results`; every withheld
figure carries its :class:`Reason` (sentences in :mod:`.text`). The anonymity rule (k) is
enforced here and nowhere else.
"""

from __future__ import annotations

from surveyapp.analysis.frame import ANSWER_COLUMNS, answers_frame, empty_frame, frame_from_dict
from surveyapp.analysis.labels import Change, Kind, Level, Position, Quadrant, Stability
from surveyapp.analysis.results import (
    BENCHMARK_COLUMNS,
    CHOICE_COLUMNS,
    DIMENSION_COLUMNS,
    FUNCTION_COLUMNS,
    ITEM_COLUMNS,
    NUMBER_COLUMNS,
    PERSPECTIVE_COLUMNS,
    RANKING_COLUMNS,
    TEAM_FUNCTION_COLUMNS,
    TREND_COLUMNS,
    Crosshair,
    EarlierRound,
    OpenAnswers,
    Priority,
    RankingAgreement,
    TeamAnalysis,
)
from surveyapp.analysis.round import RoundAnalysis, analyse_round
from surveyapp.analysis.suppression import (
    Part,
    Reason,
    Suppression,
    breakdown_publishable,
    reason_sentence,
)
from surveyapp.analysis.trend import matched_keys

__all__ = [
    "ANSWER_COLUMNS",
    "BENCHMARK_COLUMNS",
    "CHOICE_COLUMNS",
    "DIMENSION_COLUMNS",
    "FUNCTION_COLUMNS",
    "ITEM_COLUMNS",
    "NUMBER_COLUMNS",
    "PERSPECTIVE_COLUMNS",
    "RANKING_COLUMNS",
    "TEAM_FUNCTION_COLUMNS",
    "TREND_COLUMNS",
    "Change",
    "Crosshair",
    "EarlierRound",
    "Kind",
    "Level",
    "OpenAnswers",
    "Part",
    "Position",
    "Priority",
    "Quadrant",
    "RankingAgreement",
    "Reason",
    "RoundAnalysis",
    "Stability",
    "Suppression",
    "TeamAnalysis",
    "analyse_round",
    "answers_frame",
    "breakdown_publishable",
    "empty_frame",
    "frame_from_dict",
    "matched_keys",
    "reason_sentence",
]
