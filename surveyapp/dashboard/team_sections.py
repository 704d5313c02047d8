"""The parts of a team's page beyond its charts: disputed items, perspectives, the trend and
the open answers."""

from __future__ import annotations

from dataclasses import dataclass

from surveyapp.analysis import Kind, TeamAnalysis
from surveyapp.analysis.results import POINTS
from surveyapp.analysis.suppression import Part
from surveyapp.analysis.text import change_words, format_mean, format_number, pick
from surveyapp.charts import web
from surveyapp.charts.panel import Panel, Table
from surveyapp.dashboard.common import (
    DIMENSION,
    NOTE,
    STATEMENT,
    N,
    by_key,
    columns,
    count_text,
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
class AnswerGroup:
    """The answers to one open question, or why they are not shown."""

    item_key: str
    label: str
    answers: tuple[str, ...]
    reason: str
    hidden: int
    consultation: bool


@dataclass(frozen=True)
class Breakdown:
    """One perspective (e.g. the role): a table of group means, or why none is shown."""

    label: str
    table: Table | None
    reason: str


def disputed(team: TeamAnalysis, locale: str) -> Table | None:
    if not team.disputed:
        return None
    items = by_key(team.items, "item_key")
    cells = []
    for key in team.disputed:
        row = items[key]
        spread = " · ".join(f"{p}: {int(getattr(row, f'count_{p}'))}" for p in POINTS)
        cells.append(
            (
                item_label(team.questionnaire, key, locale),
                spread,
                format_number(row.cns, locale, 2),
                count_text(row.n),
            )
        )
    cols = columns(
        locale,
        (STATEMENT, False),
        (("Verteilung (1–5)", "Distribution (1–5)"), False),
        (("Einigkeit (0–1)", "Consensus (0–1)"), True),
        (N, True),
    )
    caption = pick(
        ("Wo das Team sich am wenigsten einig ist", "Where the team agrees least"), locale
    )
    return table(caption, cols, cells)


def perspectives(team: TeamAnalysis, locale: str) -> tuple[Breakdown, ...]:
    q, k, result = team.questionnaire, team.k, []
    for attribute in q.comparable_attributes:
        shown = team.perspectives.loc[
            (team.perspectives["attribute"] == attribute.key)
            & (team.perspectives["kind"] == Kind.DIMENSION.value)
        ]
        name = attribute.label.get(locale)
        if shown.empty:
            reasons = [
                s
                for s in team.suppressed
                if s.part is Part.PERSPECTIVE and s.detail == attribute.key
            ]
            sentence = reasons[0].sentence(locale) if reasons else why("one_group", k, locale)
            result.append(Breakdown(name, None, sentence))
            continue
        groups = [key for key in attribute.compare if key in set(shown["group"])]
        cells = []
        for dimension in q.dimensions:
            rows = shown.loc[shown["key"] == dimension].set_index("group")
            if rows.empty:
                continue
            cells.append(
                (
                    dimension_label(q, dimension, locale),
                    *(
                        f"{format_mean(rows.at[g, 'mean'], locale)} ({int(rows.at[g, 'n'])})"
                        if g in rows.index
                        else "–"
                        for g in groups
                    ),
                )
            )
        heads = [(attribute.option(g).label.get(locale),) * 2 for g in groups]
        cols = columns(locale, (DIMENSION, False), *((h, True) for h in heads))
        caption = pick(("Mittelwerte (n) nach {}", "Means (n) by {}"), locale).format(name)
        result.append(Breakdown(name, table(caption, cols, cells), ""))
    return tuple(result)


def trend(team: TeamAnalysis, team_name: str, earlier_label: str, locale: str) -> Panel:
    q, k = team.questionnaire, team.k
    rows = team.trend.loc[team.trend["kind"] == Kind.DIMENSION.value]
    if rows.empty:
        return Panel.withheld("trend", why("no_earlier", k, locale))
    by_dimension = by_key(rows, "key")
    labels, then, now, cells = [], [], [], []
    for key in q.dimensions:
        row = by_dimension.get(key)
        if row is None:
            continue
        labels.append(dimension_label(q, key, locale))
        shown = is_missing(row.reason)
        then.append(mean_or_none(row.mean_then) if shown else None)
        now.append(mean_or_none(row.mean_now) if shown else None)
        note = change_words(row.change, locale) if shown else why(row.reason, k, locale)
        cells.append(
            (
                labels[-1],
                mean_text(row.mean_then, locale),
                mean_text(row.mean_now, locale),
                format_number(row.delta, locale, 1) if shown else "–",
                note,
            )
        )
    if all(value is None for value in now):
        return Panel.withheld("trend", cells[0][-1] if cells else why("no_earlier", k, locale))
    earlier = earlier_label or pick(("Frühere Runde", "Earlier round"), locale)
    cols = columns(
        locale,
        (DIMENSION, False),
        ((earlier, earlier), True),
        ((team_name, team_name), True),
        (("Veränderung", "Change"), True),
        (NOTE, False),
    )
    caption = pick(("Dimensionen damals und heute", "Dimensions then and now"), locale)
    figure = web.trend(labels, then, now, (earlier, team_name), locale)
    return panel("trend", figure, table(caption, cols, cells), locale)


def open_answers(team: TeamAnalysis, locale: str) -> tuple[AnswerGroup, ...]:
    q, k = team.questionnaire, team.k
    return tuple(
        AnswerGroup(
            group.item_key,
            item_label(q, group.item_key, locale),
            group.answers,
            why(group.reason, k, locale),
            group.hidden,
            group.consultation,
        )
        for group in team.open_answers
    )
