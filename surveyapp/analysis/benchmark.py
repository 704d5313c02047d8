"""A team against the other teams of the round (ANALYSIS.md §6): equal weights, never named."""

from __future__ import annotations

import numpy as np
import pandas as pd

from surveyapp.analysis.labels import AROUND_WITHIN, MIN_OTHER_TEAMS, Kind, Position
from surveyapp.analysis.results import BENCHMARK_COLUMNS
from surveyapp.analysis.suppression import Reason


def team_means(
    items: pd.DataFrame, dimensions: pd.DataFrame, functions: pd.DataFrame
) -> pd.DataFrame:
    """Every team's means in one long table: team_id, kind, key, mean, n, reason."""
    parts = [
        items.assign(kind=Kind.ITEM.value).rename(columns={"item_key": "key"}),
        dimensions.assign(kind=Kind.DIMENSION.value).rename(columns={"dimension": "key"}),
    ]
    for half in (Kind.IMPORTANCE, Kind.PERFORMANCE):
        renamed = {"item_key": "key", half.value: "mean", f"n_{half.value}": "n"}
        parts.append(functions.rename(columns=renamed).assign(kind=half.value))
    columns = ["team_id", "kind", "key", "mean", "n", "reason"]
    return pd.concat([part.loc[:, columns] for part in parts], ignore_index=True)


def position_of(difference: np.ndarray) -> np.ndarray:
    """above / around (within ±0.25) / below the other teams' mean."""
    result = np.select(
        [difference > AROUND_WITHIN + 1e-9, difference < -AROUND_WITHIN - 1e-9],
        [Position.ABOVE.value, Position.BELOW.value],
        Position.AROUND.value,
    ).astype(object)
    result[np.isnan(difference)] = None
    return result


def _extremes(shown: pd.DataFrame, ascending: bool) -> pd.DataFrame:
    """The first and second value per (kind, key) in the given order."""
    ordered = shown.sort_values(["kind", "key", "mean"], ascending=[True, True, ascending])
    place = ordered.groupby(["kind", "key"], sort=False).cumcount()
    first = ordered.loc[place == 0].set_index(["kind", "key"])["mean"]
    second = ordered.loc[place == 1].set_index(["kind", "key"])["mean"]
    return pd.DataFrame({"first": first, "second": second})


def benchmark_all(means: pd.DataFrame) -> pd.DataFrame:
    """Every team's benchmark rows at once (``BENCHMARK_COLUMNS``, in the order of ``means``).

    The others of team T are the teams with a shown mean, T left out: their sum, count,
    lowest and highest value are the round's, less T's own contribution.
    """
    shown_rows = means["reason"].isna().to_numpy()
    shown = means.loc[shown_rows]
    totals = shown.groupby(["kind", "key"])["mean"].agg(["sum", "count"])
    lowest = _extremes(shown, ascending=True)
    highest = _extremes(shown, ascending=False)
    index = pd.MultiIndex.from_frame(means[["kind", "key"]])
    own = means["mean"].to_numpy(float)
    mine = np.where(shown_rows, own, 0.0)
    total = totals["sum"].reindex(index).fillna(0).to_numpy() - mine
    count = totals["count"].reindex(index).fillna(0).to_numpy(np.int64) - shown_rows
    low1, low2 = (lowest[c].reindex(index).to_numpy(float) for c in ("first", "second"))
    high1, high2 = (highest[c].reindex(index).to_numpy(float) for c in ("first", "second"))
    others_min = np.where(shown_rows & (own == low1), low2, low1)
    others_max = np.where(shown_rows & (own == high1), high2, high1)
    reason = np.where(means["reason"].notna(), means["reason"], None)
    reason = np.where(pd.isna(reason) & (count < MIN_OTHER_TEAMS), Reason.FEW_TEAMS.value, reason)
    shown = pd.isna(reason)
    with np.errstate(invalid="ignore", divide="ignore"):
        others_mean = np.where(shown, total / count, np.nan)
    team_mean = np.where(shown, own, np.nan)
    table = pd.DataFrame(
        {
            "team_id": means["team_id"].to_numpy(),
            "kind": means["kind"].to_numpy(object),
            "key": means["key"].to_numpy(object),
            "team_mean": team_mean,
            "others_mean": others_mean,
            "others_min": np.where(shown, others_min, np.nan),
            "others_max": np.where(shown, others_max, np.nan),
            "other_teams": pd.Series(count, dtype="Int64").where(shown, pd.NA).to_numpy(),
            "position": position_of(team_mean - others_mean),
            "reason": pd.Series(reason, dtype=object).to_numpy(),
        }
    )
    return table.loc[:, list(BENCHMARK_COLUMNS)]
