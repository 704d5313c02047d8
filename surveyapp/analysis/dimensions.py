"""Dimension scores (ANALYSIS.md §1): reverse first, a score only for half-answered dimensions."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from surveyapp.analysis.agreement import consensus, split
from surveyapp.analysis.distribution import levels, withhold
from surveyapp.analysis.items import below_k_reason
from surveyapp.analysis.prepared import Prepared
from surveyapp.analysis.results import COUNTS, DIMENSION_COLUMNS

SCORE_LOW_UP_TO = 2.5
SCORE_HIGH_FROM = 3.5


def respondent_scores(prepared: Prepared) -> pd.DataFrame:
    """One row per respondent (index response_id), one column per dimension: the score or NaN.

    Reverse-worded items are reversed (6 − x) first; a respondent gets a score only when they
    answered at least half of the dimension's items (rounded up).
    """
    questionnaire = prepared.questionnaire
    matrix = prepared.likert
    column_of = {key: position for position, key in enumerate(matrix.keys)}
    scores = {}
    for dimension in questionnaire.dimensions:
        items = questionnaire.dimension_items(dimension)
        if not items:
            continue
        columns = [column_of[item.key] for item in items]
        values = matrix.values[:, columns]
        reverse = np.array([item.reverse for item in items])
        scored = np.where(reverse[None, :], 6 - values, values)
        answered = (~np.isnan(scored)).sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = np.nansum(scored, axis=1) / answered
        scores[dimension] = np.where(answered >= math.ceil(len(items) / 2), mean, np.nan)
    return pd.DataFrame(scores, index=prepared.respondents.index)


def dimension_table(prepared: Prepared, scores: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per team and dimension: n, mean, median, SD and distribution of respondent scores."""
    if scores is None:
        scores = respondent_scores(prepared)
    team = prepared.respondents["team"].to_numpy()
    teams = len(prepared.team_ids)
    long = scores.assign(team=team).melt(id_vars="team", var_name="dimension", value_name="score")
    long = long.dropna(subset=["score"])
    grouped = long.groupby(["team", "dimension"], sort=False)["score"]
    stats = grouped.agg(["count", "mean", "median", "std"])
    index = pd.MultiIndex.from_product(
        [range(teams), list(scores.columns)], names=["team", "dimension"]
    )
    stats = stats.reindex(index)
    long["point"] = np.floor(long["score"] + 0.5).astype(np.int64)
    counts = long.groupby(["team", "dimension", "point"]).size().unstack("point")
    counts = counts.reindex(index=index, columns=range(1, 6)).fillna(0).astype(np.int64)
    mean = stats["mean"].to_numpy()
    long["deviation"] = (
        long["score"] - long.groupby(["team", "dimension"])["score"].transform("mean")
    ).abs()
    ad = long.groupby(["team", "dimension"])["deviation"].mean().reindex(index).to_numpy()
    low = (
        long.assign(low=long["score"] <= SCORE_LOW_UP_TO)
        .groupby(["team", "dimension"])["low"]
        .sum()
    )
    high = (
        long.assign(high=long["score"] >= SCORE_HIGH_FROM)
        .groupby(["team", "dimension"])["high"]
        .sum()
    )
    n = stats["count"].fillna(0).to_numpy(np.int64)
    low_n = low.reindex(index).fillna(0).to_numpy()
    high_n = high.reindex(index).fillna(0).to_numpy()
    n_items = {d: len(prepared.questionnaire.dimension_items(d)) for d in scores.columns}
    dimensions = index.get_level_values("dimension")
    table = pd.DataFrame(
        {
            "team_id": prepared.team_ids[index.get_level_values("team")],
            "dimension": np.asarray(dimensions, dtype=object),
            "n_items": np.array([n_items[d] for d in dimensions], dtype=np.int64),
            "n": n,
            "mean": mean,
            "median": stats["median"].to_numpy(),
            "sd": stats["std"].to_numpy(),
            **{
                column: counts[point].to_numpy()
                for point, column in zip(range(1, 6), COUNTS, strict=True)
            },
            "cns": consensus(counts.to_numpy()),
            "ad": ad,
            "disputed": split(low_n, high_n, n),
            "level": levels(mean),
        }
    )
    team_n = prepared.team_sizes[index.get_level_values("team")]
    reason = below_k_reason(team_n, n, prepared.k)
    table = withhold(table, reason, keep=("team_id", "dimension", "n_items", "n"))
    return table.loc[:, list(DIMENSION_COLUMNS)]
