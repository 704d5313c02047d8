"""Importance–performance per function and team (ANALYSIS.md §2): crosshairs, quadrants,
priority score S = I × G, the strategy priorities and their bootstrap stability."""

from __future__ import annotations

import numpy as np
import pandas as pd

from surveyapp.analysis.distribution import stats_from_counts, team_counts, team_flags, withhold
from surveyapp.analysis.labels import (
    BORDERLINE_WITHIN,
    LIKELY_FROM,
    STABLE_FROM,
    TOP_PRIORITIES,
    Quadrant,
    Stability,
)
from surveyapp.analysis.prepared import Prepared
from surveyapp.analysis.results import FUNCTION_COLUMNS, POINTS
from surveyapp.analysis.suppression import Reason

RESAMPLES = 1000
SEED = 20071977  # fixed: the same answers always give the same stability
_EPSILON = 1e-9


def _half_columns(prefix: str, counts: np.ndarray, na: np.ndarray) -> dict[str, np.ndarray]:
    stats = stats_from_counts(counts)
    columns = {
        f"n_{prefix}": stats["n"].ravel(),
        f"n_na_{prefix}": na.ravel(),
        prefix: stats["mean"].ravel(),
        f"sd_{prefix}": stats["sd"].ravel(),
        f"cns_{prefix}": stats["cns"].ravel(),
        f"disputed_{prefix}": stats["disputed"].ravel(),
    }
    for point in POINTS:
        columns[f"{prefix}_{point}"] = counts[..., point - 1].ravel()
    return columns


def quadrants(importance: np.ndarray, performance: np.ndarray, cross_i, cross_p) -> np.ndarray:
    """The quadrant of each point relative to the crosshairs (None where a value is NaN)."""
    high = importance >= cross_i
    low = performance < cross_p
    result = np.select(
        [high & low, high & ~low, ~high & low],
        [Quadrant.ACT_HERE.value, Quadrant.KEEP_UP.value, Quadrant.LOW_PRIORITY.value],
        Quadrant.POSSIBLE_OVERKILL.value,
    ).astype(object)
    result[np.isnan(importance) | np.isnan(performance)] = None
    return result


def function_table(prepared: Prepared) -> pd.DataFrame:
    """Every team's functions (``FUNCTION_COLUMNS``), placed, ranked and with reasons."""
    teams = len(prepared.team_ids)
    team = prepared.respondents["team"].to_numpy()
    keys = prepared.importance.keys
    columns: dict[str, np.ndarray] = {
        "team_id": np.repeat(prepared.team_ids, len(keys)),
        "item_key": np.tile(np.array(keys, dtype=object), teams),
    }
    for prefix in ("importance", "performance"):
        matrix = getattr(prepared, prefix)
        counts = team_counts(matrix.values, team, teams)
        columns.update(_half_columns(prefix, counts, team_flags(matrix.na, team, teams)))
    table = pd.DataFrame(columns)
    k = prepared.k
    team_n = np.repeat(prepared.team_sizes, len(keys))
    placed = (team_n >= k) & (table["n_importance"] >= k) & (table["n_performance"] >= k)
    table["placed"] = placed.to_numpy()
    table["gap"] = table["importance"] - table["performance"]
    placed_i = table["importance"].where(table["placed"])
    placed_p = table["performance"].where(table["placed"])
    cross_i = placed_i.groupby(table["team_id"]).transform("mean")
    cross_p = placed_p.groupby(table["team_id"]).transform("mean")
    table["quadrant"] = quadrants(placed_i.to_numpy(), placed_p.to_numpy(), cross_i, cross_p)
    near = ((placed_i - cross_i).abs() <= BORDERLINE_WITHIN + _EPSILON) | (
        (placed_p - cross_p).abs() <= BORDERLINE_WITHIN + _EPSILON
    )
    table["borderline"] = near.to_numpy() & table["placed"].to_numpy()
    table["score"] = (table["importance"] * table["gap"]).where(
        table["placed"] & (table["gap"] > 0)
    )
    _rank_priorities(table)
    reason = np.where(team_n < k, Reason.TEAM_BELOW_K.value, None)
    missing = pd.isna(reason) & ~table["placed"].to_numpy()
    reason = np.where(missing, Reason.FEW_RATINGS.value, reason)
    keep = (
        "team_id",
        "item_key",
        "n_importance",
        "n_na_importance",
        "n_performance",
        "n_na_performance",
        "placed",
    )
    table = withhold(table, pd.Series(reason, dtype=object), keep=keep)
    return table.loc[:, list(FUNCTION_COLUMNS)]


def _rank_priorities(table: pd.DataFrame) -> None:
    """Rank „Hier ansetzen“ by S (ties: G, I, order), then fill up to three by S."""
    order = table.groupby("team_id").cumcount()
    act_here = table["quadrant"] == Quadrant.ACT_HERE.value
    candidate = table["placed"] & ~act_here & (table["gap"] > 0)
    group = np.where(act_here, 0, np.where(candidate, 1, 2))
    sorter = pd.DataFrame(
        {
            "team_id": table["team_id"],
            "group": group,
            "score": -table["score"].fillna(-np.inf),
            "gap": -table["gap"],
            "importance": -table["importance"],
            "order": order,
        }
    ).sort_values(["team_id", "group", "score", "gap", "importance", "order"])
    position = sorter.groupby(["team_id", "group"]).cumcount() + 1
    in_quadrant = (sorter["group"] == 0).groupby(sorter["team_id"]).transform("sum")
    rank = pd.Series(np.nan, index=sorter.index)
    rank[sorter["group"] == 0] = position[sorter["group"] == 0]
    fill = (sorter["group"] == 1) & (in_quadrant + position <= TOP_PRIORITIES)
    rank[fill] = (in_quadrant + position)[fill]
    table["priority_rank"] = rank.reindex(table.index).astype("Int64")
    table["filled_up"] = fill.reindex(table.index).to_numpy()


def crosshair_of(functions: pd.DataFrame) -> tuple[float, float, int] | None:
    """The team's crosshairs (mean I, mean P over placed functions), None if none is placed."""
    placed = functions.loc[functions["placed"].astype(bool) & functions["reason"].isna()]
    if placed.empty:
        return None
    return float(placed["importance"].mean()), float(placed["performance"].mean()), len(placed)


def stability(
    prepared: Prepared,
    team_id: int,
    placed: np.ndarray,
    resamples: int = RESAMPLES,
    seed: int = SEED,
) -> np.ndarray:
    """Share of bootstrap resamples of the team's respondents in which each function is among
    the top three by S (NaN for functions not placed). Resamples are drawn with a fixed seed."""
    shares = np.full(len(placed), np.nan)
    columns = np.flatnonzero(placed)
    if columns.size == 0:
        return shares
    rows = np.flatnonzero(
        prepared.respondents["team"].to_numpy() == prepared.team_position(team_id)
    )
    importance = prepared.importance.values[np.ix_(rows, columns)]
    performance = prepared.performance.values[np.ix_(rows, columns)]
    rng = np.random.default_rng([seed, int(team_id)])
    draw = rng.integers(0, len(rows), size=(resamples, len(rows)))
    means = []
    for matrix in (importance, performance):
        sample = matrix[draw]  # (resamples, respondents, functions)
        count = (~np.isnan(sample)).sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            means.append(np.nansum(sample, axis=1) / count)
    mean_i, mean_p = means
    gap = mean_i - mean_p
    valid = ~np.isnan(gap) & (gap > 0)
    score = np.where(valid, mean_i * gap, -np.inf)
    width = columns.size
    batch = np.repeat(np.arange(resamples), width)
    order = np.tile(np.arange(width), resamples)
    ranked = np.lexsort(
        (order, -np.nan_to_num(mean_i.ravel()), -np.nan_to_num(gap.ravel()), -score.ravel(), batch)
    )
    rank = np.empty(resamples * width, dtype=np.int64)
    rank[ranked] = np.arange(resamples * width) - batch[ranked] * width
    top = (rank.reshape(resamples, width) < TOP_PRIORITIES) & valid
    shares[columns] = top.mean(axis=0)
    return shares


def stability_labels(shares: np.ndarray) -> np.ndarray:
    """„stabil“ (≥ 80 %), „wahrscheinlich“ (50–79 %), „unsicher“ (< 50 %); None for NaN."""
    result = np.select(
        [shares >= STABLE_FROM - _EPSILON, shares >= LIKELY_FROM - _EPSILON],
        [Stability.STABLE.value, Stability.LIKELY.value],
        Stability.UNCERTAIN.value,
    ).astype(object)
    result[np.isnan(shares)] = None
    return result
