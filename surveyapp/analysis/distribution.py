"""Statistics of 1–5 answers computed from their counts, for all teams and items at once."""

from __future__ import annotations

import numpy as np
import pandas as pd

from surveyapp.analysis.agreement import POINT_VALUES, consensus, disputed, mean_absolute_deviation
from surveyapp.analysis.labels import NEED_UP_TO, STRENGTH_FROM, Level


def team_counts(values: np.ndarray, team: np.ndarray, teams: int) -> np.ndarray:
    """Count answers per team, column and point: shape ``(teams, columns, 5)``."""
    columns = values.shape[1]
    rows, cols = np.nonzero(~np.isnan(values))
    points = values[rows, cols].astype(np.int64) - 1
    flat = (team[rows] * columns + cols) * 5 + points
    return np.bincount(flat, minlength=teams * columns * 5).reshape(teams, columns, 5)


def team_flags(flags: np.ndarray, team: np.ndarray, teams: int) -> np.ndarray:
    """Count True flags (e.g. "cannot judge") per team and column: shape ``(teams, columns)``."""
    columns = flags.shape[1]
    rows, cols = np.nonzero(flags)
    flat = team[rows] * columns + cols
    return np.bincount(flat, minlength=teams * columns).reshape(teams, columns)


def median_from_counts(counts: np.ndarray) -> np.ndarray:
    """The median of the answers behind ``counts`` (mean of the two middle ones if n is even)."""
    n = counts.sum(axis=-1)
    cumulative = counts.cumsum(axis=-1)
    lower = np.maximum((n - 1) // 2, 0)
    upper = n // 2
    below_lower = (cumulative <= lower[..., None]).sum(axis=-1) + 1
    below_upper = (cumulative <= upper[..., None]).sum(axis=-1) + 1
    return np.where(n > 0, (below_lower + below_upper) / 2, np.nan)


def stats_from_counts(counts: np.ndarray) -> dict[str, np.ndarray]:
    """n, mean, median, sd (ddof = 1), cns, ad and the split flag from ``(..., 5)`` counts."""
    n = counts.sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = (counts * POINT_VALUES).sum(axis=-1) / n
        squares = (counts * (POINT_VALUES - mean[..., None]) ** 2).sum(axis=-1)
        sd = np.sqrt(squares / (n - 1))
    return {
        "n": n,
        "mean": np.where(n > 0, mean, np.nan),
        "median": median_from_counts(counts),
        "sd": np.where(n > 1, sd, np.nan),
        "cns": consensus(counts),
        "ad": mean_absolute_deviation(counts),
        "disputed": disputed(counts),
    }


def levels(scored_means: np.ndarray) -> np.ndarray:
    """„Stärke“ (≥ 4,0) or „Entwicklungsbedarf“ (≤ 2,5) on the scored mean, else None."""
    result = np.full(scored_means.shape, None, dtype=object)
    result[scored_means >= STRENGTH_FROM] = Level.STRENGTH.value
    result[scored_means <= NEED_UP_TO] = Level.NEED.value
    return result


def withhold(table: pd.DataFrame, reason: pd.Series, keep: tuple[str, ...]) -> pd.DataFrame:
    """Blank every column but ``keep`` on rows with a reason, and store the reason."""
    table["reason"] = reason.where(reason.notna(), None).astype(object)
    shown = reason.isna().to_numpy()
    for column in table.columns:
        if column in keep or column == "reason":
            continue
        series = table[column]
        if series.dtype == bool:
            table[column] = series.astype("boolean").where(shown, pd.NA)
        elif pd.api.types.is_integer_dtype(series.dtype):
            table[column] = series.astype("Int64").where(shown, pd.NA)
        elif series.dtype == object:
            table[column] = series.where(shown, None)
        else:
            table[column] = series.where(shown, np.nan)
    return table
