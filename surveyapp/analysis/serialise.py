"""A team's analysis as plain JSON-ready data (``surveyapp analysis show --json``).

Keys (item, dimension and function keys as in the questionnaire):

- ``team_id``, ``k``, ``n`` (submitted responses), ``reaches_k``
- ``items``: {item key: {n, n_na, mean, median, sd, counts [5], cns, ad, disputed, level,
  reverse, dimension, reason}}
- ``dimensions``: {dimension key: {n_items, n, mean, median, sd, counts, cns, ad, disputed,
  level, reason}}
- ``functions``: {function key: {importance, performance, gap, n_importance,
  n_na_importance, n_performance, n_na_performance, quadrant, borderline, score,
  priority_rank, filled_up, stability, stability_label, disputed_importance,
  disputed_performance, reason}}
- ``crosshair``: {importance, performance} or null
- ``priorities``: [{key, rank, importance, performance, gap, score, quadrant, filled_up,
  stability, stability_label, reason_text}] in rank order
- ``ranking``: {function key: {points, named, first_places, rank, reason}};
  ``ranking_agreement``: {both, priorities_only, ranking_only} or null
- ``disputed``: [item keys], most disputed first
- ``perspectives``: [{attribute, kind, key, group, n, mean, sd}]
- ``benchmark``: [{kind, key, team_mean, others_mean, others_min, others_max, other_teams,
  position, reason}]
- ``trend``: {earlier_round_id, rows: [{kind, key, earlier_key, mean_now, mean_then, n_now,
  n_then, delta, change, reason}]}
- ``open_answers``: {text item key: {consultation, answers, hidden, reason}}
- ``choices``: {item key: {n, reason, options: {option key: {count, share}}}}
- ``numbers``: {item key: {n, median, min, max, reason}}
- ``suppressed``: [{part, key, detail, reason, sentence}] — what was withheld and why

Missing figures are ``null``; ``reason`` is null where the figure is shown.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from surveyapp.analysis.results import POINTS, TeamAnalysis


def plain(value: Any) -> Any:
    """A JSON-ready scalar: numpy numbers as Python numbers, NaN and NA as None."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, np.bool_ | bool):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return None if math.isnan(value) else float(value)
    return str(value) if not isinstance(value, int | str) else value


def _records(table: pd.DataFrame, columns: list[str]) -> list[dict[str, Any]]:
    return [
        {column: plain(value) for column, value in zip(columns, row, strict=True)}
        for row in table.loc[:, columns].itertuples(index=False)
    ]


def _keyed(table: pd.DataFrame, key: str, columns: list[str]) -> dict[str, dict[str, Any]]:
    counts = [f"count_{point}" for point in POINTS]
    result = {}
    for record in _records(table, [key, *columns, *(c for c in counts if c in table)]):
        name = str(record.pop(key))
        if counts[0] in record:
            record["counts"] = [record.pop(column) for column in counts]
        result[name] = record
    return result


def team_to_dict(team: TeamAnalysis, locale: str = "en") -> dict[str, Any]:
    """Return the team's whole analysis as JSON-ready data (keys in the module docstring)."""
    stats = ["n", "mean", "median", "sd", "cns", "ad", "disputed", "level", "reason"]
    function_columns = [
        "importance", "performance", "gap", "n_importance", "n_na_importance", "n_performance",
        "n_na_performance", "quadrant", "borderline", "score", "priority_rank", "filled_up",
        "stability", "stability_label", "disputed_importance", "disputed_performance", "reason",
    ]  # fmt: skip
    choices: dict[str, Any] = {}
    for row in team.choices.itertuples(index=False):
        entry = choices.setdefault(
            row.item_key, {"n": plain(row.n), "reason": plain(row.reason), "options": {}}
        )
        entry["options"][row.option] = {"count": plain(row.count), "share": plain(row.share)}
    agreement = team.ranking_agreement
    return {
        "team_id": team.team_id,
        "k": team.k,
        "n": team.n,
        "reaches_k": team.reaches_k,
        "items": _keyed(team.items, "item_key", ["n_na", "reverse", "dimension", *stats]),
        "dimensions": _keyed(team.dimensions, "dimension", ["n_items", *stats]),
        "functions": _keyed(team.functions, "item_key", function_columns),
        "crosshair": (
            {"importance": team.crosshair.importance, "performance": team.crosshair.performance}
            if team.crosshair
            else None
        ),
        "priorities": [
            {
                "key": p.item_key,
                "rank": p.rank,
                "importance": p.importance,
                "performance": p.performance,
                "gap": p.gap,
                "score": p.score,
                "quadrant": p.quadrant.value,
                "filled_up": p.filled_up,
                "stability": plain(p.stability),
                "stability_label": p.stability_label.value,
                "reason_text": p.reason(locale),
            }
            for p in team.priorities
        ],
        "ranking": _keyed(
            team.ranking, "item_key", ["points", "named", "first_places", "rank", "reason"]
        ),
        "ranking_agreement": (
            {
                "both": list(agreement.both),
                "priorities_only": list(agreement.priorities_only),
                "ranking_only": list(agreement.ranking_only),
            }
            if agreement
            else None
        ),
        "disputed": list(team.disputed),
        "perspectives": _records(
            team.perspectives, ["attribute", "kind", "key", "group", "n", "mean", "sd"]
        ),
        "benchmark": _records(team.benchmark, list(team.benchmark.columns[1:])),
        "trend": {
            "earlier_round_id": team.earlier_round_id,
            "rows": _records(team.trend, list(team.trend.columns[1:])),
        },
        "open_answers": {
            o.item_key: {
                "consultation": o.consultation,
                "answers": list(o.answers),
                "hidden": o.hidden,
                "reason": o.reason,
            }
            for o in team.open_answers
        },
        "choices": choices,
        "numbers": _keyed(team.numbers, "item_key", ["n", "median", "min", "max", "reason"]),
        "suppressed": [
            {
                "part": s.part.value,
                "key": s.key,
                "detail": s.detail,
                "reason": s.reason.value,
                "sentence": s.sentence(locale),
            }
            for s in team.suppressed
        ],
    }
