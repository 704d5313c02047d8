"""A team's results page: every chart and table of one team, or the reason it is withheld."""

from __future__ import annotations

from dataclasses import dataclass, replace

from surveyapp.analysis import Kind, TeamAnalysis
from surveyapp.analysis.results import POINTS
from surveyapp.analysis.text import (
    CROSSHAIR_NOTE,
    DISPUTED_LABEL,
    label,
    pick,
    position_words,
    quadrant_label,
    stability_label,
)
from surveyapp.charts import web
from surveyapp.charts.panel import Panel, Table
from surveyapp.dashboard.common import (
    DIMENSION,
    FUNCTION,
    MEAN,
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
from surveyapp.dashboard.team_sections import (
    AnswerGroup,
    Breakdown,
    disputed,
    open_answers,
    perspectives,
    trend,
)
from surveyapp.questionnaire.model import BUILTIN_SCALES, CANNOT_JUDGE, DEFAULT_LIKERT_SCALE

OTHERS: tuple[str, str] = ("Andere Teams", "Other teams")
RANGE: tuple[str, str] = ("Spanne", "Range")


@dataclass(frozen=True)
class PriorityRow:
    rank: int
    label: str
    reason: str
    stability: str


@dataclass(frozen=True)
class TeamPage:
    """Everything the team page prints; ``withheld`` set means the team is under k."""

    n: int
    k: int
    withheld: str
    profile: Panel
    matrix: Panel
    crosshair_note: str
    priorities: tuple[PriorityRow, ...]
    filled_up_note: str
    agreement: tuple[str, ...]
    likert: tuple[tuple[str, Panel], ...]
    ranking: Panel
    disputed: Table | None
    perspectives: tuple[Breakdown, ...]
    trend: Panel
    open_answers: tuple[AnswerGroup, ...]
    consultation: tuple[AnswerGroup, ...]


def team_page(
    team: TeamAnalysis, team_name: str, locale: str, *, earlier_label: str = ""
) -> TeamPage:
    """Build the page of one team in ``locale``."""
    q, k = team.questionnaire, team.k
    withheld = "" if team.reaches_k else why("team_below_k", k, locale)
    open_groups = open_answers(team, locale)
    if withheld:
        empty = Panel.withheld("withheld", withheld)
        return TeamPage(
            team.n,
            k,
            withheld,
            empty,
            empty,
            "",
            (),
            "",
            (),
            (),
            empty,
            None,
            (),
            empty,
            tuple(g for g in open_groups if not g.consultation),
            tuple(g for g in open_groups if g.consultation),
        )
    return TeamPage(
        n=team.n,
        k=k,
        withheld="",
        profile=_profile(team, team_name, locale),
        matrix=_matrix(team, locale),
        crosshair_note=label(CROSSHAIR_NOTE, locale),
        priorities=tuple(
            PriorityRow(
                p.rank,
                item_label(q, p.item_key, locale),
                p.reason(locale),
                stability_label(p.stability_label, locale),
            )
            for p in team.priorities
        ),
        filled_up_note=team.priorities[0].filled_up_note(locale) if team.filled_up else "",
        agreement=_agreement(team, locale),
        likert=tuple(_likert(team, key, locale) for key in q.dimensions),
        ranking=_ranking(team, locale),
        disputed=disputed(team, locale),
        perspectives=perspectives(team, locale),
        trend=trend(team, team_name, earlier_label, locale),
        open_answers=tuple(g for g in open_groups if not g.consultation),
        consultation=tuple(g for g in open_groups if g.consultation),
    )


def _profile(team: TeamAnalysis, team_name: str, locale: str) -> Panel:
    q, k = team.questionnaire, team.k
    dimensions = by_key(team.dimensions, "dimension")
    bench = team.benchmark.loc[team.benchmark["kind"] == Kind.DIMENSION.value]
    others = by_key(bench, "key")
    rows, cells = [], []
    for key in q.dimensions:
        own, other = dimensions.get(key), others.get(key)
        shown = other is not None and is_missing(other.reason)
        rows.append(
            web.ProfileRow(
                dimension_label(q, key, locale),
                mean_or_none(own.mean) if own is not None else None,
                mean_or_none(other.others_mean) if shown else None,
                mean_or_none(other.others_min) if shown else None,
                mean_or_none(other.others_max) if shown else None,
            )
        )
        spread = f"{mean_text(other.others_min, locale)}–{mean_text(other.others_max, locale)}"
        note = why(own.reason, k, locale) if own is not None else ""
        if not note and other is not None:
            note = position_words(other.position, locale) if shown else why(other.reason, k, locale)
        cells.append(
            (
                rows[-1].label,
                mean_text(own.mean, locale) if own is not None else "–",
                count_text(own.n) if own is not None else "–",
                mean_text(other.others_mean, locale) if shown else "–",
                spread if shown else "–",
                note,
            )
        )
    if all(row.mean is None for row in rows):
        return Panel.withheld("profile", why("few_answers", k, locale))
    cols = columns(
        locale,
        (DIMENSION, False),
        (MEAN, True),
        (N, True),
        (OTHERS, True),
        (RANGE, True),
        (NOTE, False),
    )
    caption = pick(
        (
            "Dimensionen: Ihr Team und die anderen Teams",
            "Dimensions: your team and the other teams",
        ),
        locale,
    )
    built = panel(
        "profile", web.profile(rows, team_name, locale), table(caption, cols, cells), locale
    )
    if all(row.others_mean is None for row in rows):  # say why the others are missing
        reasons = [r for r in bench["reason"] if not is_missing(r) and r != "few_answers"]
        return replace(built, note=why(reasons[0], k, locale) if reasons else "")
    return built


def _matrix(team: TeamAnalysis, locale: str) -> Panel:
    q, k = team.questionnaire, team.k
    if team.crosshair is None:
        return Panel.withheld("matrix", why("few_ratings", k, locale))
    points, cells = [], []
    for index, row in enumerate(team.functions.itertuples(index=False)):
        code = chr(ord("A") + index)
        name = item_label(q, row.item_key, locale)
        placed = bool(row.placed) and is_missing(row.reason)
        rank = None if is_missing(row.priority_rank) else int(row.priority_rank)
        if placed:
            points.append(
                web.MatrixPoint(
                    code,
                    name,
                    float(row.importance),
                    float(row.performance),
                    row.quadrant,
                    bool(row.borderline),
                    rank,
                )
            )
        note = quadrant_label(row.quadrant, locale) if placed else why(row.reason, k, locale)
        cells.append(
            (
                f"{code} · {name}",
                f"{mean_text(row.importance, locale)} ({count_text(row.n_importance)})",
                f"{mean_text(row.performance, locale)} ({count_text(row.n_performance)})",
                mean_text(row.gap, locale),
                str(rank) if rank else "",
                note,
            )
        )
    cols = columns(
        locale,
        (FUNCTION, False),
        (("Bedeutung (n)", "Importance (n)"), True),
        (("Umsetzung (n)", "Performance (n)"), True),
        (("Lücke", "Gap"), True),
        (("Priorität", "Priority"), True),
        (("Feld", "Quadrant"), False),
    )
    caption = pick(
        ("Bedeutung und Umsetzung je Funktion", "Importance and performance per function"), locale
    )
    cross = (team.crosshair.importance, team.crosshair.performance)
    figure = web.importance_performance(points, cross, locale)
    return replace(panel("matrix", figure, table(caption, cols, cells), locale), table_open=True)


def _agreement(team: TeamAnalysis, locale: str) -> tuple[str, ...]:
    agreement, q = team.ranking_agreement, team.questionnaire
    if agreement is None:
        return ()
    names = [
        ", ".join(item_label(q, key, locale) for key in keys)
        for keys in (agreement.both, agreement.priorities_only, agreement.ranking_only)
    ]
    phrases = (
        ("Beide Sichten nennen: {}.", "Both views name: {}."),
        ("Nur unter den Prioritäten: {}.", "Only among the priorities: {}."),
        ("Nur in der eigenen Rangfolge des Teams: {}.", "Only in the team's own ranking: {}."),
    )
    return tuple(
        pick(words, locale).format(n) for words, n in zip(phrases, names, strict=True) if n
    )


def _likert(team: TeamAnalysis, dimension: str, locale: str) -> tuple[str, Panel]:
    q, k = team.questionnaire, team.k
    key = f"likert-{dimension}"
    heading = dimension_label(q, dimension, locale)
    items = by_key(team.items, "item_key")
    rows, cells, scale = [], [], None
    for item in q.dimension_items(dimension):
        row = items.get(item.key)
        if row is None:
            continue
        scale = scale or (item.scale or BUILTIN_SCALES[DEFAULT_LIKERT_SCALE])
        name = item_label(q, item.key, locale)
        shown = is_missing(row.reason)
        counts = tuple(int(getattr(row, f"count_{p}")) if shown else 0 for p in POINTS)
        if shown:
            rows.append(web.LikertRow(name, counts, int(row.n_na)))
        notes = [why(row.reason, k, locale)] if not shown else []
        notes += [label(DISPUTED_LABEL, locale)] if shown and bool(row.disputed) else []
        notes += [pick(("umgekehrt gepolt", "reverse-worded"), locale)] if item.reverse else []
        cells.append(
            (
                name,
                *(str(c) if shown else "–" for c in counts),
                count_text(row.n_na) if shown else "–",
                count_text(row.n),
                mean_text(row.mean, locale),
                "; ".join(n for n in notes if n),
            )
        )
    if not rows:
        return heading, Panel.withheld(key, why("few_answers", k, locale))
    labels = [text.get(locale) for text in scale or ()]
    cols = columns(
        locale,
        (STATEMENT, False),
        *(((str(p), str(p)), True) for p in POINTS),
        (("k. A.", "n/a"), True),
        (N, True),
        (MEAN, True),
        (NOTE, False),
    )
    caption = pick(("Antworten je Aussage: {}", "Answers per statement: {}"), locale).format(
        heading
    )
    figure = web.likert(rows, labels, CANNOT_JUDGE.get(locale), locale)
    return heading, panel(key, figure, table(caption, cols, cells), locale)


def _ranking(team: TeamAnalysis, locale: str) -> Panel:
    q, k = team.questionnaire, team.k
    ranked = team.ranking.loc[team.ranking["reason"].isna()].sort_values("rank")
    if ranked.empty:
        reason = team.ranking["reason"].dropna()
        return Panel.withheld(
            "ranking",
            why(reason.iloc[0], k, locale)
            if len(reason)
            else pick(("Keine Rangfolge erfragt.", "No ranking was asked."), locale),
        )
    rows = [
        (item_label(q, r.item_key, locale), int(r.points), int(r.named))
        for r in ranked.itertuples(index=False)
    ]
    cols = columns(
        locale,
        (FUNCTION, False),
        (("Punkte", "Points"), True),
        (("Genannt", "Named"), True),
        (("Rang", "Rank"), True),
    )
    cells = [
        (name, str(points), str(named), str(int(r.rank)))
        for (name, points, named), r in zip(rows, ranked.itertuples(index=False), strict=True)
    ]
    caption = pick(("Die eigene Rangfolge des Teams", "The team's own ranking"), locale)
    return panel("ranking", web.ranking(rows, locale), table(caption, cols, cells), locale)
