"""The team's own ranking of the functions, Borda-counted (ANALYSIS.md §3)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from surveyapp.analysis.distribution import withhold
from surveyapp.analysis.labels import TOP_PRIORITIES
from surveyapp.analysis.prepared import Prepared
from surveyapp.analysis.results import RANKING_COLUMNS, RankingAgreement
from surveyapp.analysis.suppression import Reason


def ranking_table(prepared: Prepared) -> pd.DataFrame:
    """Points (place 1 = N, …, place N = 1), respondents naming it, first places and rank."""
    item = prepared.questionnaire.function_ranking
    if item is None:
        return pd.DataFrame(columns=list(RANKING_COLUMNS))
    top_n = item.top_n or len(item.options)
    options = pd.Index(item.option_keys)
    width = len(options)
    teams = len(prepared.team_ids)
    rest = prepared.rest
    ranked = rest.loc[(rest["item_key"] == item.key) & rest["value"].notna()]
    lists = [value if isinstance(value, list) else [] for value in ranked["value"]]
    lengths = np.array([len(value) for value in lists], dtype=np.int64)
    flat = [option for value in lists for option in value]
    team = np.repeat(
        np.searchsorted(prepared.team_ids, ranked["team_id"].to_numpy(np.int64)), lengths
    )
    place = np.arange(len(flat)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    option = options.get_indexer(flat) if flat else np.empty(0, dtype=np.int64)
    keep = option >= 0
    slot = team[keep] * width + option[keep]
    size = teams * width
    points = np.bincount(slot, weights=top_n - place[keep], minlength=size).astype(np.int64)
    named = np.bincount(slot, minlength=size)
    first = np.bincount(slot, weights=place[keep] == 0, minlength=size).astype(np.int64)
    table = pd.DataFrame(
        {
            "team_id": np.repeat(prepared.team_ids, width),
            "item_key": np.tile(np.array(item.option_keys, dtype=object), teams),
            "points": points,
            "named": named,
            "first_places": first,
        }
    )
    order = np.tile(np.arange(width), teams)
    team_of_row = np.repeat(np.arange(teams), width)
    ranked_rows = np.lexsort((order, -first, -points, team_of_row))
    rank = np.empty(size, dtype=np.int64)
    rank[ranked_rows] = np.arange(size) - team_of_row[ranked_rows] * width + 1
    table["rank"] = rank
    sizes = np.repeat(prepared.team_sizes, len(item.options))
    reason = pd.Series(np.where(sizes < prepared.k, Reason.TEAM_BELOW_K.value, None), dtype=object)
    table = withhold(table, reason, keep=("team_id", "item_key"))
    return table.loc[:, list(RANKING_COLUMNS)]


def ranking_agreement(functions: pd.DataFrame, ranking: pd.DataFrame) -> RankingAgreement | None:
    """Compare the top three priorities with the top three of the team's ranking."""
    if ranking.empty or ranking["reason"].notna().all():
        return None
    named = sorted(
        (rank, key)
        for key, rank, points in zip(
            ranking["item_key"], ranking["rank"], ranking["points"], strict=True
        )
        if points > 0
    )
    by_ranking = tuple(key for _rank, key in named[:TOP_PRIORITIES])
    ranked = sorted(
        (rank, key)
        for key, rank in zip(functions["item_key"], functions["priority_rank"], strict=True)
        if not pd.isna(rank)
    )
    by_priority = tuple(key for _rank, key in ranked[:TOP_PRIORITIES])
    return RankingAgreement(
        both=tuple(key for key in by_priority if key in by_ranking),
        priorities_only=tuple(key for key in by_priority if key not in by_ranking),
        ranking_only=tuple(key for key in by_ranking if key not in by_priority),
    )
