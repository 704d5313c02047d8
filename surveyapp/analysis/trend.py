"""The same municipality's team in an earlier round (ANALYSIS.md §7)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from surveyapp.analysis.labels import LITTLE_CHANGE_BELOW, Change, Kind
from surveyapp.analysis.results import TREND_COLUMNS
from surveyapp.analysis.suppression import Reason
from surveyapp.questionnaire import Questionnaire


def matched_keys(newer: Questionnaire, older: Questionnaire) -> dict[str, str]:
    """Map items of ``newer`` to the item of ``older`` they continue.

    An item matches the item with the same key and type, or the one named by its
    ``previous_key`` (which the registry checked to have the same type).
    """
    earlier = {item.key: item for item in older.items}
    matches = {}
    for item in newer.items:
        key = item.previous_key or item.key
        old = earlier.get(key)
        if old is not None and old.type == item.type:
            matches[item.key] = key
    return matches


def change_of(delta: np.ndarray) -> np.ndarray:
    """„kaum verändert“ below 0.5 either way, else up or down; None where NaN."""
    result = np.select(
        [np.abs(delta) < LITTLE_CHANGE_BELOW, delta > 0],
        [Change.LITTLE.value, Change.UP.value],
        Change.DOWN.value,
    ).astype(object)
    result[np.isnan(delta)] = None
    return result


def trend_table(
    now: pd.DataFrame,
    then: pd.DataFrame,
    team_id: int,
    earlier_team_id: int,
    keys: dict[str, str],
    dimensions: set[str],
) -> pd.DataFrame:
    """Mean now against mean then for every shared item, dimension and function half.

    ``now`` and ``then`` are long tables (team_id, kind, key, mean, reason, n) of the two
    rounds; ``keys`` maps current item keys to earlier ones; ``dimensions`` are the dimension
    keys both versions declare.
    """
    own = now.loc[now["team_id"] == team_id].copy()
    earlier_key = np.where(own["kind"] == Kind.DIMENSION.value, own["key"], own["key"].map(keys))
    own["earlier_key"] = earlier_key
    shared = np.where(
        own["kind"] == Kind.DIMENSION.value, own["key"].isin(dimensions), own["earlier_key"].notna()
    )
    own = own.loc[shared]
    before = then.loc[then["team_id"] == earlier_team_id].set_index(["kind", "key"])
    index = pd.MultiIndex.from_arrays([own["kind"], own["earlier_key"]])
    before = before.reindex(index)
    mean_then = before["mean"].to_numpy(float)
    reason = np.where(own["reason"].notna(), own["reason"], None)
    missing = before["team_id"].isna().to_numpy()
    reason = np.where(pd.isna(reason) & missing, Reason.NO_EARLIER.value, reason)
    below = before["reason"].notna().to_numpy()
    reason = np.where(pd.isna(reason) & below, Reason.EARLIER_BELOW_K.value, reason)
    shown = pd.isna(reason)
    mean_now = np.where(shown, own["mean"].to_numpy(float), np.nan)
    mean_then = np.where(shown, mean_then, np.nan)
    delta = mean_now - mean_then
    table = pd.DataFrame(
        {
            "team_id": team_id,
            "kind": own["kind"].to_numpy(object),
            "key": own["key"].to_numpy(object),
            "earlier_key": own["earlier_key"].to_numpy(object),
            "earlier_team_id": earlier_team_id,
            "mean_now": mean_now,
            "mean_then": mean_then,
            "n_now": own["n"].to_numpy(),
            "n_then": before["n"].to_numpy(),
            "delta": delta,
            "change": change_of(delta),
            "reason": pd.Series(reason, dtype=object).to_numpy(),
        }
    )
    return table.loc[:, list(TREND_COLUMNS)]
