"""One team's analysis, assembled from the round's tables plus what is computed per team
(bootstrap stability, perspectives, benchmark, trend, open answers)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from surveyapp.analysis.importance_performance import crosshair_of, stability, stability_labels
from surveyapp.analysis.labels import MOST_DISPUTED, Quadrant, Stability
from surveyapp.analysis.open_answers import open_answers
from surveyapp.analysis.perspectives import perspectives
from surveyapp.analysis.ranking import ranking_agreement
from surveyapp.analysis.results import (
    PERSPECTIVE_COLUMNS,
    TREND_COLUMNS,
    Crosshair,
    Priority,
    TeamAnalysis,
)
from surveyapp.analysis.suppression import Part, Reason, Suppression
from surveyapp.analysis.trend import matched_keys, trend_table

if TYPE_CHECKING:
    from surveyapp.analysis.round import RoundAnalysis


def _priorities(functions: pd.DataFrame, crosshair: Crosshair | None) -> tuple[Priority, ...]:
    if crosshair is None:
        return ()
    columns = [
        "item_key", "priority_rank", "importance", "performance", "gap", "score", "quadrant",
        "borderline", "filled_up", "stability", "stability_label",
    ]  # fmt: skip
    ranked = functions.loc[functions["priority_rank"].notna(), columns]
    ranked = ranked.sort_values("priority_rank")
    return tuple(
        Priority(
            item_key=row.item_key,
            rank=int(row.priority_rank),
            importance=float(row.importance),
            performance=float(row.performance),
            gap=float(row.gap),
            score=float(row.score),
            quadrant=Quadrant(row.quadrant),
            borderline=bool(row.borderline),
            filled_up=bool(row.filled_up),
            stability=float(row.stability),
            stability_label=Stability(row.stability_label),
            crosshair=crosshair,
        )
        for row in (SimpleNamespace(**record) for record in ranked.to_dict("records"))
    )


def _disputed(items: pd.DataFrame) -> tuple[str, ...]:
    flagged = items.loc[items["disputed"].fillna(False).astype(bool)].copy()
    flagged["order"] = flagged.index
    flagged = flagged.sort_values(["cns", "order"])
    return tuple(flagged["item_key"].head(MOST_DISPUTED))


def _withheld(table: pd.DataFrame, part: Part, key: str, k: int) -> list[Suppression]:
    reasons = table["reason"].to_numpy(object)
    names = table[key].to_numpy(object)
    seen: dict[str, Suppression] = {}
    for index in np.flatnonzero(~pd.isna(reasons)):
        name = str(names[index])
        seen.setdefault(name, Suppression(part, name, Reason(reasons[index]), k))
    return list(seen.values())


def _collapsed(
    table: pd.DataFrame, part: Part, k: int, own: tuple[Reason, ...]
) -> list[Suppression]:
    """The rows withheld for a reason of their ``part`` (``own``); the team's own withheld
    figures are reported under items, dimensions and functions already. One suppression
    stands for the whole table when every figure the team has is withheld for one reason."""
    has_figure = ~table["reason"].isin(
        [Reason.TEAM_BELOW_K, Reason.FEW_ANSWERS, Reason.FEW_RATINGS]
    )
    rows = table.loc[has_figure]
    reasons = rows["reason"]
    if len(rows) and reasons.isin(own).all() and reasons.nunique() == 1:
        return [Suppression(part, None, Reason(reasons.iloc[0]), k)]
    rows = rows.loc[reasons.isin(own)]
    keys = rows["kind"].astype(str) + ":" + rows["key"].astype(str)
    return _withheld(rows.assign(label=keys), part, "label", k)


def _trend(analysis: RoundAnalysis, team_id: int) -> tuple[pd.DataFrame, int | None]:
    for earlier in analysis.earlier:
        if team_id in earlier.team_of:
            before = analysis.earlier_analysis(earlier)
            keys = matched_keys(analysis.questionnaire, earlier.questionnaire)
            dimensions = set(analysis.questionnaire.dimensions) & set(
                earlier.questionnaire.dimensions
            )
            table = trend_table(
                analysis.means(),
                before.means(),
                team_id,
                earlier.team_of[team_id],
                keys,
                dimensions,
            )
            return table, earlier.round_id
    return pd.DataFrame(columns=list(TREND_COLUMNS)), None


def analyse_team(analysis: RoundAnalysis, team_id: int) -> TeamAnalysis:
    """Assemble the team's results; a team under k gets tables of reasons and nothing else."""
    prepared = analysis.prepared
    prepared.team_position(team_id)  # KeyError for a team not in the round
    k = analysis.k
    n = analysis.team_sizes[team_id]
    reaches = n >= k
    items = analysis.rows_of(analysis.items, team_id)
    dimensions = analysis.rows_of(analysis.dimensions, team_id)
    ranking = analysis.rows_of(analysis.ranking, team_id)
    functions = analysis.rows_of(analysis.functions, team_id)
    placed = (functions["placed"].astype(bool) & functions["reason"].isna()).to_numpy()
    shares = (
        stability(prepared, team_id, placed, analysis.resamples, analysis.seed)
        if reaches
        else np.full(len(functions), np.nan)
    )
    functions["stability"] = shares
    functions["stability_label"] = stability_labels(shares)
    cross = crosshair_of(functions)
    crosshair = Crosshair(*cross) if cross else None
    if reaches:
        shown, perspective_withheld = perspectives(prepared, analysis.scores, team_id)
    else:
        shown, perspective_withheld = pd.DataFrame(columns=list(PERSPECTIVE_COLUMNS)), ()
    benchmark = analysis.benchmark(team_id)
    trend, earlier_round_id = _trend(analysis, team_id)
    choices = analysis.rows_of(analysis.choices, team_id)
    numbers = analysis.rows_of(analysis.numbers, team_id)
    if not reaches:
        suppressed = [Suppression(Part.TEAM, None, Reason.TEAM_BELOW_K, k)]
    else:
        suppressed = (
            _withheld(items, Part.ITEM, "item_key", k)
            + _withheld(dimensions, Part.DIMENSION, "dimension", k)
            + _withheld(functions, Part.FUNCTION, "item_key", k)
            + _withheld(choices, Part.CHOICE, "item_key", k)
            + _withheld(numbers, Part.NUMBER, "item_key", k)
            + list(perspective_withheld)
            + _collapsed(benchmark, Part.BENCHMARK, k, (Reason.FEW_TEAMS,))
        )
        if trend.empty:
            suppressed.append(Suppression(Part.TREND, None, Reason.NO_EARLIER, k))
        else:
            trend_reasons = (Reason.NO_EARLIER, Reason.EARLIER_BELOW_K)
            suppressed += _collapsed(trend, Part.TREND, k, trend_reasons)
    return TeamAnalysis(
        team_id=team_id,
        k=k,
        n=n,
        reaches_k=reaches,
        questionnaire=analysis.questionnaire,
        items=items,
        dimensions=dimensions,
        functions=functions,
        crosshair=crosshair,
        priorities=_priorities(functions, crosshair),
        ranking=ranking,
        ranking_agreement=ranking_agreement(functions, ranking) if reaches else None,
        disputed=_disputed(items) if reaches else (),
        perspectives=shown,
        benchmark=benchmark,
        trend=trend,
        earlier_round_id=earlier_round_id,
        open_answers=open_answers(prepared, team_id, texts=analysis.texts()),
        choices=choices,
        numbers=numbers,
        suppressed=tuple(suppressed),
    )
