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
    rest = prepared.rest
    ranked = rest.loc[(rest["item_key"] == item.key) & rest["value"].notna(), ["team_id", "value"]]
    ranked = ranked.loc[ranked["value"].map(lambda value: isinstance(value, list))]
    places = ranked.assign(place=ranked["value"].map(lambda value: list(range(len(value)))))
    places = places.explode(["value", "place"]).dropna(subset=["value"])
    places["points"] = top_n - places["place"].astype(np.int64)
    places["first"] = places["place"] == 0
    grouped = places.groupby(["team_id", "value"]).agg(
        points=("points", "sum"), named=("points", "size"), first_places=("first", "sum")
    )
    index = pd.MultiIndex.from_product(
        [prepared.team_ids, list(item.option_keys)], names=["team_id", "item_key"]
    )
    table = grouped.reindex(index).fillna(0).astype(np.int64).reset_index()
    table["order"] = np.tile(np.arange(len(item.options)), len(prepared.team_ids))
    ordered = table.sort_values(
        ["team_id", "points", "first_places", "order"], ascending=[True, False, False, True]
    )
    table["rank"] = (ordered.groupby("team_id").cumcount() + 1).reindex(table.index)
    sizes = np.repeat(prepared.team_sizes, len(item.options))
    reason = pd.Series(np.where(sizes < prepared.k, Reason.TEAM_BELOW_K.value, None), dtype=object)
    table = withhold(table, reason, keep=("team_id", "item_key"))
    return table.loc[:, list(RANKING_COLUMNS)]


def ranking_agreement(functions: pd.DataFrame, ranking: pd.DataFrame) -> RankingAgreement | None:
    """Compare the top three priorities with the top three of the team's ranking."""
    if ranking.empty or ranking["reason"].notna().all():
        return None
    named = ranking.loc[ranking["points"].fillna(0) > 0].sort_values("rank")
    by_ranking = tuple(named["item_key"].head(TOP_PRIORITIES))
    ranked = functions.loc[functions["priority_rank"].notna()].sort_values("priority_rank")
    by_priority = tuple(ranked["item_key"].head(TOP_PRIORITIES))
    return RankingAgreement(
        both=tuple(key for key in by_priority if key in by_ranking),
        priorities_only=tuple(key for key in by_priority if key not in by_ranking),
        ranking_only=tuple(key for key in by_ranking if key not in by_priority),
    )
