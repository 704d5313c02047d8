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


def benchmark_table(means: pd.DataFrame, team_id: int) -> pd.DataFrame:
    """The team's means beside the mean and range of the other qualifying teams."""
    own = means.loc[means["team_id"] == team_id].set_index(["kind", "key"])
    others = means.loc[(means["team_id"] != team_id) & means["reason"].isna()]
    grouped = others.groupby(["kind", "key"], sort=False)["mean"].agg(
        ["mean", "min", "max", "count"]
    )
    grouped = grouped.reindex(own.index)
    count = grouped["count"].fillna(0).astype(np.int64).to_numpy()
    enough = count >= MIN_OTHER_TEAMS
    team_mean = own["mean"].to_numpy(float)
    reason = np.where(own["reason"].notna(), own["reason"], None)
    reason = np.where(pd.isna(reason) & ~enough, Reason.FEW_TEAMS.value, reason)
    shown = pd.isna(reason)
    others_mean = np.where(shown, grouped["mean"].to_numpy(float), np.nan)
    table = pd.DataFrame(
        {
            "team_id": team_id,
            "kind": own.index.get_level_values("kind"),
            "key": own.index.get_level_values("key"),
            "team_mean": np.where(shown, team_mean, np.nan),
            "others_mean": others_mean,
            "others_min": np.where(shown, grouped["min"].to_numpy(float), np.nan),
            "others_max": np.where(shown, grouped["max"].to_numpy(float), np.nan),
            "other_teams": pd.Series(count, dtype="Int64").where(shown, pd.NA).to_numpy(),
            "position": position_of(np.where(shown, team_mean - others_mean, np.nan)),
            "reason": pd.Series(reason, dtype=object).to_numpy(),
        }
    )
    return table.loc[:, list(BENCHMARK_COLUMNS)]
