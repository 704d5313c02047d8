"""The round overview and the comparison of chosen teams, built from a round's analysis."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from surveyapp.analysis import RoundAnalysis
from surveyapp.analysis.labels import TOP_PRIORITIES
from surveyapp.analysis.text import pick
from surveyapp.charts import web
from surveyapp.charts.panel import Panel, Table
from surveyapp.dashboard.common import (
    DIMENSION,
    FUNCTION,
    TEAM,
    columns,
    dimension_label,
    is_missing,
    item_label,
    mean_or_none,
    mean_text,
    panel,
    table,
    why,
)


@dataclass(frozen=True)
class TeamRow:
    """A team in the overview: its size, and its top three priorities or why there are none."""

    team_id: int
    name: str
    n: int
    priorities: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class RoundPage:
    heatmap: Panel
    teams: tuple[TeamRow, ...]
    functions: Panel


@dataclass(frozen=True)
class ComparePage:
    profiles: Panel
    priorities: Table


def round_page(analysis: RoundAnalysis, names: Mapping[int, str], locale: str) -> RoundPage:
    """The facilitator's view of a whole round in ``locale``."""
    team_ids = [team_id for team_id in analysis.team_ids if team_id in names]
    tops = _tops(analysis)
    rows = tuple(
        _team_row(analysis, team_id, names[team_id], tops.get(team_id, []), locale)
        for team_id in team_ids
    )
    return RoundPage(
        heatmap=_heatmap(analysis, team_ids, names, locale),
        teams=rows,
        functions=_functions(analysis, locale),
    )


def _tops(analysis: RoundAnalysis) -> dict[int, list[str]]:
    """Every team's top three priorities (function keys in rank order), in one pass."""
    functions = analysis.functions
    ranked = functions.loc[functions["priority_rank"] <= TOP_PRIORITIES].sort_values(
        ["team_id", "priority_rank"]
    )
    tops: dict[int, list[str]] = {}
    for team_id, key in zip(ranked["team_id"], ranked["item_key"], strict=True):
        tops.setdefault(int(team_id), []).append(str(key))
    return tops


def _team_row(
    analysis: RoundAnalysis, team_id: int, name: str, top_keys: list[str], locale: str
) -> TeamRow:
    q, k, n = analysis.questionnaire, analysis.k, analysis.team_sizes[team_id]
    if n < k:
        return TeamRow(team_id, name, n, (), why("team_below_k", k, locale))
    top = tuple(item_label(q, key, locale) for key in top_keys)
    note = "" if top else why("few_ratings", k, locale)
    return TeamRow(team_id, name, n, top, note)


def _heatmap(
    analysis: RoundAnalysis, team_ids: Sequence[int], names: Mapping[int, str], locale: str
) -> Panel:
    q, k = analysis.questionnaire, analysis.k
    dimensions = list(q.dimensions)
    if not team_ids or not dimensions:
        return Panel.withheld("heatmap", why("few_teams", k, locale))
    cells_of = _dimension_cells(analysis)
    means: list[list[float | None]] = []
    reasons: list[list[str | None]] = []
    cells = []
    for team_id in team_ids:
        row_means, row_reasons = [], []
        for key in dimensions:
            mean, reason = cells_of.get((team_id, key), (None, "few_answers"))
            row_means.append(mean_or_none(mean))
            row_reasons.append(why(reason, k, locale) or None)
        means.append(row_means)
        reasons.append(row_reasons)
        cells.append(
            (
                names[team_id],
                *(r or mean_text(m, locale) for m, r in zip(row_means, row_reasons, strict=True)),
            )
        )
    labels = [dimension_label(q, key, locale) for key in dimensions]
    cols = columns(locale, (TEAM, False), *(((name, name), True) for name in labels))
    caption = pick(("Mittelwerte je Team und Dimension", "Means per team and dimension"), locale)
    figure = web.heatmap([names[t] for t in team_ids], labels, means, reasons, locale)
    return panel("heatmap", figure, table(caption, cols, cells), locale)


def _dimension_cells(analysis: RoundAnalysis) -> dict[tuple[int, str], tuple[object, object]]:
    """(team, dimension) → (mean, reason), read once from the round's dimension table."""
    table = analysis.dimensions
    return {
        (int(team_id), str(key)): (mean, reason)
        for team_id, key, mean, reason in zip(
            table["team_id"], table["dimension"], table["mean"], table["reason"], strict=True
        )
    }


def _functions(analysis: RoundAnalysis, locale: str) -> Panel:
    q = analysis.questionnaire
    functions = analysis.functions
    top = functions.loc[functions["priority_rank"] <= TOP_PRIORITIES]
    counts = top.groupby("item_key").size()
    rows = [(item_label(q, item.key, locale), int(counts.get(item.key, 0))) for item in q.functions]
    rows.sort(key=lambda row: -row[1])  # stable: ties keep the questionnaire's order
    if not any(count for _, count in rows):
        return Panel.withheld("functions", why("few_ratings", analysis.k, locale))
    cols = columns(locale, (FUNCTION, False), (("Teams", "Teams"), True))
    caption = pick(
        (
            "Wie viele Teams eine Funktion unter ihren ersten drei Prioritäten haben",
            "How many teams have a function among their top three priorities",
        ),
        locale,
    )
    cells = [(name, str(count)) for name, count in rows]
    figure = web.priority_counts(rows, locale)
    return panel("functions", figure, table(caption, cols, cells), locale)


def compare_page(
    analysis: RoundAnalysis, team_ids: Sequence[int], names: Mapping[int, str], locale: str
) -> ComparePage:
    """Two to six teams side by side: their profiles in one chart, priorities in one table."""
    q, k = analysis.questionnaire, analysis.k
    dimensions = list(q.dimensions)
    cells_of = _dimension_cells(analysis)
    series, cells = [], []
    for team_id in team_ids:
        means = [mean_or_none(cells_of.get((team_id, key), (None,))[0]) for key in dimensions]
        series.append((names[team_id], means))
    labels = [dimension_label(q, key, locale) for key in dimensions]
    for index, label in enumerate(labels):
        cells.append((label, *(mean_text(means[index], locale) for _, means in series)))
    team_cols = [((names[t], names[t]), True) for t in team_ids]
    cols = columns(locale, (DIMENSION, False), *team_cols)
    caption = pick(("Mittelwerte je Dimension und Team", "Means per dimension and team"), locale)
    if all(is_missing(m) for _, means in series for m in means):
        profiles = Panel.withheld("profiles", why("team_below_k", k, locale))
    else:
        profiles = panel(
            "profiles", web.profiles(labels, series, locale), table(caption, cols, cells), locale
        )
    return ComparePage(profiles, _priority_table(analysis, team_ids, names, locale))


def _priority_table(
    analysis: RoundAnalysis, team_ids: Sequence[int], names: Mapping[int, str], locale: str
) -> Table:
    q, k = analysis.questionnaire, analysis.k
    tops = _tops(analysis)
    cells = []
    for rank in range(TOP_PRIORITIES):
        row = [pick(("Priorität {}", "Priority {}"), locale).format(rank + 1)]
        for team_id in team_ids:
            if analysis.team_sizes[team_id] < k:
                row.append(why("team_below_k", k, locale) if rank == 0 else "")
            else:
                keys = tops.get(team_id, [])
                row.append(item_label(q, keys[rank], locale) if rank < len(keys) else "–")
        cells.append(tuple(row))
    cols = columns(
        locale, (("Rang", "Rank"), False), *[((names[t], names[t]), False) for t in team_ids]
    )
    caption = pick(("Die ersten drei Prioritäten je Team", "Top three priorities per team"), locale)
    return table(caption, cols, cells)
