"""Item statistics per team (ANALYSIS.md §1 and §8): likert items, choices, numbers."""

from __future__ import annotations

import numpy as np
import pandas as pd

from surveyapp.analysis.distribution import (
    levels,
    stats_from_counts,
    team_counts,
    team_flags,
    withhold,
)
from surveyapp.analysis.prepared import Prepared
from surveyapp.analysis.results import CHOICE_COLUMNS, COUNTS, ITEM_COLUMNS, NUMBER_COLUMNS
from surveyapp.analysis.suppression import Reason
from surveyapp.questionnaire import ItemType


def below_k_reason(team_n: np.ndarray, n: np.ndarray, k: int) -> pd.Series:
    """The reason per row: the team under k first, then the item's valid answers under k."""
    reason = np.where(team_n < k, Reason.TEAM_BELOW_K.value, None)
    reason = np.where(pd.isna(reason) & (n < k), Reason.FEW_ANSWERS.value, reason)
    return pd.Series(reason, dtype=object)


def item_table(prepared: Prepared) -> pd.DataFrame:
    """Likert item statistics for every team (``ITEM_COLUMNS``), as asked."""
    matrix = prepared.likert
    teams = len(prepared.team_ids)
    team = prepared.respondents["team"].to_numpy()
    counts = team_counts(matrix.values, team, teams)
    stats = stats_from_counts(counts)
    na = team_flags(matrix.na, team, teams)
    items = [prepared.questionnaire.item(key) for key in matrix.keys]
    reverse = np.array([item.reverse for item in items], dtype=bool)
    shape = counts.shape[:2]
    scored = np.where(reverse[None, :], 6 - stats["mean"], stats["mean"])
    table = pd.DataFrame(
        {
            "team_id": np.repeat(prepared.team_ids, shape[1]),
            "item_key": np.tile(np.array(matrix.keys, dtype=object), shape[0]),
            "dimension": np.tile(np.array([i.dimension for i in items], dtype=object), shape[0]),
            "reverse": np.tile(reverse, shape[0]),
            "n": stats["n"].ravel(),
            "n_na": na.ravel(),
            "mean": stats["mean"].ravel(),
            "median": stats["median"].ravel(),
            "sd": stats["sd"].ravel(),
            **{column: counts[..., point].ravel() for point, column in enumerate(COUNTS)},
            "cns": stats["cns"].ravel(),
            "ad": stats["ad"].ravel(),
            "disputed": stats["disputed"].ravel(),
            "level": levels(scored).ravel(),
        }
    )
    team_n = np.repeat(prepared.team_sizes, shape[1])
    reason = below_k_reason(team_n, table["n"].to_numpy(), prepared.k)
    table = withhold(
        table, reason, keep=("team_id", "item_key", "dimension", "reverse", "n", "n_na")
    )
    return table.loc[:, list(ITEM_COLUMNS)]


def _answered(prepared: Prepared, kinds: tuple[str, ...]) -> pd.DataFrame:
    keys = [item.key for item in prepared.questionnaire.items if item.type in kinds]
    keys = [key for key in keys if not prepared.questionnaire.item(key).attribute]
    rest = prepared.rest
    return rest.loc[rest["item_key"].isin(keys) & rest["value"].notna()]


def choice_table(prepared: Prepared) -> pd.DataFrame:
    """Counts and shares per option of single and multiple choice items (not attributes).

    Rows are team-major: every team's options in questionnaire order.
    """
    items = [
        item
        for item in prepared.questionnaire.items
        if item.type in (ItemType.SINGLE_CHOICE, ItemType.MULTI_CHOICE) and not item.attribute
    ]
    if not items:
        return pd.DataFrame(columns=list(CHOICE_COLUMNS))
    slots = [(item.key, option) for item in items for option in item.option_keys]
    slot_of = {slot: position for position, slot in enumerate(slots)}
    item_of = {item.key: position for position, item in enumerate(items)}
    answered = _answered(prepared, (ItemType.SINGLE_CHOICE, ItemType.MULTI_CHOICE))
    teams = np.searchsorted(prepared.team_ids, answered["team_id"].to_numpy(np.int64))
    keys = answered["item_key"].to_numpy(object)
    picked = [
        (team, slot_of.get((key, option), -1))
        for team, key, value in zip(teams, keys, answered["value"], strict=True)
        for option in (value if isinstance(value, list) else [value])
    ]
    picks = np.array(picked, dtype=np.int64).reshape(-1, 2)
    picks = picks[picks[:, 1] >= 0]
    width = len(slots)
    count = np.bincount(picks[:, 0] * width + picks[:, 1], minlength=len(prepared.team_ids) * width)
    item_codes = np.array([item_of[key] for key in keys], dtype=np.int64)
    n_items = np.bincount(
        teams * len(items) + item_codes, minlength=len(prepared.team_ids) * len(items)
    )
    slot_item = np.array([item_of[key] for key, _option in slots], dtype=np.int64)
    n = n_items.reshape(-1, len(items))[:, slot_item].ravel()
    table = pd.DataFrame(
        {
            "team_id": np.repeat(prepared.team_ids, width),
            "item_key": np.tile(
                np.array([key for key, _ in slots], dtype=object), len(prepared.team_ids)
            ),
            "option": np.tile(
                np.array([option for _, option in slots], dtype=object), len(prepared.team_ids)
            ),
            "count": count,
            "n": n,
        }
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        table["share"] = count / n
    team_n = np.repeat(prepared.team_sizes, width)
    reason = below_k_reason(team_n, n, prepared.k)
    table = withhold(table, reason, keep=("team_id", "item_key", "option", "n"))
    return table.loc[:, list(CHOICE_COLUMNS)]


def number_table(prepared: Prepared) -> pd.DataFrame:
    """Median and range of number items per team."""
    answered = _answered(prepared, ("number",))
    values = answered.assign(number=pd.to_numeric(answered["value"], errors="coerce"))
    grouped = values.groupby(["team_id", "item_key"])["number"].agg(
        ["count", "median", "min", "max"]
    )
    keys = [item.key for item in prepared.questionnaire.items if item.type == "number"]
    index = pd.MultiIndex.from_product([prepared.team_ids, keys], names=["team_id", "item_key"])
    table = grouped.reindex(index).reset_index().rename(columns={"count": "n"})
    table["n"] = table["n"].fillna(0).astype(np.int64)
    sizes = dict(zip(prepared.team_ids, prepared.team_sizes, strict=True))
    team_n = table["team_id"].map(sizes).to_numpy()
    reason = below_k_reason(team_n, table["n"].to_numpy(), prepared.k)
    table = withhold(table, reason, keep=("team_id", "item_key", "n"))
    return table.loc[:, list(NUMBER_COLUMNS)]
