"""``surveyapp analysis show``: a team's key results in the terminal, or all of it as JSON."""

from __future__ import annotations

import json
from collections.abc import Iterator

import click
from flask import current_app
from flask.cli import AppGroup

from surveyapp.analysis import RoundAnalysis, TeamAnalysis
from surveyapp.analysis.serialise import team_to_dict
from surveyapp.analysis.text import (
    change_words,
    format_mean,
    format_share,
    position_words,
    quadrant_label,
    stability_label,
)
from surveyapp.cli.rounds import find_round
from surveyapp.cli.transaction import in_transaction
from surveyapp.db import db
from surveyapp.models import SurveyRound, Team
from surveyapp.operations.analysis import analyse

analysis_cli = AppGroup("analysis", help="Check a round's analysis without a browser.")
LOCALE = "en"


def _label(analysis: RoundAnalysis, key: str) -> str:
    try:
        return analysis.questionnaire.item(key).label.get(LOCALE)
    except KeyError:
        return analysis.questionnaire.dimensions[key].get(LOCALE)


def team_lines(analysis: RoundAnalysis, team: TeamAnalysis, name: str) -> Iterator[str]:
    """The key results of one team as plain lines of text."""
    yield f"Team {team.team_id} – {name}: {team.n} submitted responses (k = {team.k})"
    if not team.reaches_k:
        yield f"  {team.suppressed[0].sentence(LOCALE)}"
        return
    yield "  Priorities (importance–performance):"
    for p in team.priorities:
        note = " (filled up: outside 'act here')" if p.filled_up else ""
        yield (
            f"    {p.rank}. {p.item_key} – {_label(analysis, p.item_key)}{note}: "
            f"{p.reason(LOCALE)} [{stability_label(p.stability_label, LOCALE)}, "
            f"{format_share(p.stability, LOCALE)}]"
        )
    if not team.priorities:
        yield "    none"
    placed = team.functions.loc[team.functions["reason"].isna()]
    quadrants = ", ".join(
        f"{row.item_key}: {quadrant_label(row.quadrant, LOCALE)}" for row in placed.itertuples()
    )
    yield f"  Quadrants: {quadrants or 'none placed'}"
    agreement = team.ranking_agreement
    if agreement is not None:
        yield (
            f"  Own ranking agrees on: {', '.join(agreement.both) or 'none'}; "
            f"only priorities: {', '.join(agreement.priorities_only) or 'none'}; "
            f"only own ranking: {', '.join(agreement.ranking_only) or 'none'}"
        )
    yield "  Most disputed items:"
    items = team.items.set_index("item_key")
    for key in team.disputed:
        counts = "/".join(str(items.loc[key, f"count_{p}"]) for p in range(1, 6))
        cns = items.loc[key, "cns"]
        yield f"    {key} – {_label(analysis, key)} (Cns {cns:.2f}; answers 1–5: {counts})"
    if not team.disputed:
        yield "    none"
    yield "  Dimensions:"
    for row in team.dimensions.itertuples():
        shown = f"{format_mean(row.mean, LOCALE)} (n {row.n})" if row.reason is None else "withheld"
        yield f"    {row.dimension}: {shown}"
    shown = team.perspectives
    yield (
        f"  Perspectives: {len(shown)} group figures shown"
        if not shown.empty
        else "  Perspectives: none shown"
    )
    benchmark = team.benchmark.loc[
        (team.benchmark["kind"] == "dimension") & team.benchmark["reason"].isna()
    ]
    for row in benchmark.itertuples():
        where = position_words(row.position, LOCALE)
        yield f"  Benchmark {row.key}: {where} ({row.other_teams} other teams)"
    trend = team.trend.loc[team.trend["reason"].isna() & (team.trend["kind"] == "dimension")]
    for row in trend.itertuples():
        yield (
            f"  Trend {row.key}: {format_mean(row.mean_then, LOCALE)} → "
            f"{format_mean(row.mean_now, LOCALE)} ({change_words(row.change, LOCALE)})"
        )
    yield "  Suppressed:"
    for s in team.suppressed:
        where = (
            s.part.value
            + (f" '{s.key}'" if s.key else "")
            + (f" by {s.detail}" if s.detail else "")
        )
        yield f"    {where}: {s.sentence(LOCALE)}"
    if not team.suppressed:
        yield "    nothing"


@analysis_cli.command("show")
@click.option("--round", "round_id", type=int, required=True, help="Id of the round.")
@click.option("--team", "team_id", type=int, default=None, help="Only this team (default: all).")
@click.option("--json", "as_json", is_flag=True, help="The team's whole analysis as JSON.")
@in_transaction
def show_command(round_id: int, team_id: int | None, as_json: bool) -> None:
    """Print a round's analysis per team: priorities, disputed items, what was withheld."""
    survey_round: SurveyRound = find_round(round_id)
    teams = {team.id: team for team in survey_round.teams}
    if team_id is not None and team_id not in teams:
        raise click.ClickException(f"--team: round {round_id} has no team {team_id}")
    analysis = analyse(db.session, current_app.extensions["questionnaires"], survey_round)
    chosen = [team_id] if team_id is not None else list(teams)
    if as_json:
        documents = [
            {
                "round_id": round_id,
                "team": teams[tid].display_name,
                **team_to_dict(analysis.team(tid)),
            }
            for tid in chosen
        ]
        click.echo(
            json.dumps(
                documents[0] if team_id is not None else documents, ensure_ascii=False, indent=2
            )
        )
        return
    for tid in chosen:
        team: Team = teams[tid]
        for line in team_lines(analysis, analysis.team(tid), team.display_name):
            click.echo(line)
