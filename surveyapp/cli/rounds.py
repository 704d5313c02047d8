"""``surveyapp rounds …``: create, list, show, open and close survey rounds."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import click
from flask import current_app
from flask.cli import AppGroup

from surveyapp import access
from surveyapp.cli.transaction import in_transaction
from surveyapp.db import db
from surveyapp.forms import local_to_utc
from surveyapp.models import RoundStatus, SurveyRound, User
from surveyapp.operations import retention
from surveyapp.operations import rounds as round_ops
from surveyapp.operations import users as user_ops
from surveyapp.operations.progress import Progress, progress_by_round, round_progress
from surveyapp.questionnaire import QuestionnaireRegistry, UnknownQuestionnaire, parse_ref

rounds_cli = AppGroup("rounds", help="Create, list, open and close survey rounds.")

LOCAL_TIME = click.DateTime(["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d"])


def find_round(round_id: int) -> SurveyRound:
    """The round with this id, or a one-line error."""
    survey_round = db.session.get(SurveyRound, round_id)
    if survey_round is None:
        raise click.ClickException(f"--round: there is no round {round_id}")
    return survey_round


def _facilitator(email: str) -> User:
    user = user_ops.find_user(db.session, email)
    if user is None:
        raise click.ClickException(f"--facilitator: no account for {email}")
    return user


def _counts(progress: Progress) -> str:
    rate = f"{progress.percent} %" if progress.percent is not None else "-"
    last = progress.last_activity.isoformat(timespec="minutes") if progress.last_activity else "-"
    return (
        f"invited {progress.invited}, started {progress.started}, "
        f"submitted {progress.submitted}, rate {rate}, last activity {last}"
    )


@rounds_cli.command("create")
@click.option("--name", required=True, help="Unique name of the round.")
@click.option(
    "--questionnaire",
    "questionnaire_ref",
    default="",
    help="id@version (see `surveyapp rounds questionnaires`); default: the newest version.",
)
@click.option("--workshop-date", type=click.DateTime(["%Y-%m-%d"]), default=None)
@click.option(
    "--min-group-size",
    "-k",
    type=int,
    default=None,
    help="Anonymity threshold k (at least 2; default SURVEYAPP_DEFAULT_K, usually 3).",
)
@click.option("--opens-at", type=LOCAL_TIME, default=None, help="Local time (Europe/Berlin).")
@click.option("--closes-at", type=LOCAL_TIME, default=None, help="Local time (Europe/Berlin).")
@click.option(
    "--facilitator", "facilitators", multiple=True, help="E-mail of a facilitator; repeatable."
)
@in_transaction
def create_command(
    name: str,
    questionnaire_ref: str,
    workshop_date: datetime | None,
    min_group_size: int | None,
    opens_at: datetime | None,
    closes_at: datetime | None,
    facilitators: tuple[str, ...],
) -> None:
    """Create a round in draft, pinned to a questionnaire version."""
    registry = current_app.extensions["questionnaires"]
    try:
        if questionnaire_ref:
            questionnaire_id, version = parse_ref(questionnaire_ref)
        else:
            newest = registry.all()[-1]
            questionnaire_id, version = newest.id, newest.version
    except (UnknownQuestionnaire, IndexError):
        raise click.ClickException(
            f"--questionnaire: expected id@version, one of: {_refs(registry)}"
        ) from None
    survey_round = round_ops.create_round(
        db.session,
        registry,
        name=name,
        questionnaire_id=questionnaire_id,
        questionnaire_version=version,
        workshop_date=workshop_date.date() if workshop_date else None,
        min_group_size=(
            min_group_size
            if min_group_size is not None
            else current_app.config["SURVEYAPP_DEFAULT_K"]
        ),
        opens_at=local_to_utc(opens_at),
        closes_at=local_to_utc(closes_at),
        facilitators=[_facilitator(email) for email in facilitators],
        actor=None,
    )
    click.echo(
        f"Created round {survey_round.id} {survey_round.name!r} (draft, "
        f"{survey_round.questionnaire_id}@{survey_round.questionnaire_version}, "
        f"k={survey_round.min_group_size})."
    )


def _refs(registry: QuestionnaireRegistry) -> str:
    return ", ".join(ref for ref, _title in registry.choices()) or "none loaded"


@rounds_cli.command("questionnaires")
def questionnaires_command() -> None:
    """List the questionnaire versions a round can use."""
    for ref, title in current_app.extensions["questionnaires"].choices():
        click.echo(f"{ref}\t{title}")


@rounds_cli.command("list")
@click.option("--facilitator", default=None, help="Only the rounds this account may see.")
def list_command(facilitator: str | None) -> None:
    """List rounds with status and response counts (id, status, name, counts)."""
    if facilitator:
        query = access.visible_rounds_query(_facilitator(facilitator))
    else:
        query = access.all_rounds_query()
    rounds = list(db.session.scalars(query))
    progress = progress_by_round(db.session, [r.id for r in rounds])
    if not rounds:
        click.echo("No rounds.")
    for survey_round in rounds:
        click.echo(
            f"{survey_round.id}\t{survey_round.status.value}\t{survey_round.name}\t"
            f"teams {len(survey_round.teams)}, {_counts(progress[survey_round.id])}"
        )


@rounds_cli.command("show")
@click.option("--round", "round_id", required=True, type=int)
def show_command(round_id: int) -> None:
    """Show a round's settings and each team's progress (counts only)."""
    survey_round = find_round(round_id)
    click.echo(f"{survey_round.name} ({survey_round.status.value})")
    click.echo(
        f"questionnaire {survey_round.questionnaire_id}@{survey_round.questionnaire_version}, "
        f"k={survey_round.min_group_size}"
    )
    progress = round_progress(db.session, survey_round)
    for team, team_progress in progress.teams:
        click.echo(f"  team {team.id}\t{team.display_name}\t{_counts(team_progress)}")
    click.echo(f"  all teams\t{_counts(progress.total)}")


def _open(survey_round: SurveyRound) -> None:
    if survey_round.status is RoundStatus.CLOSED:
        round_ops.reopen_round(db.session, survey_round, actor=None)
    else:
        registry = current_app.extensions["questionnaires"]
        round_ops.open_round(db.session, registry, survey_round, actor=None)


def _close(survey_round: SurveyRound) -> None:
    round_ops.close_round(db.session, survey_round, actor=None)


def _status_command(
    name: str, change: Callable[[SurveyRound], None], *, summary: str, state: str
) -> None:
    """Add the command ``name`` that changes a round's status and says its new ``state``."""

    @rounds_cli.command(name, help=summary)
    @click.option("--round", "round_id", required=True, type=int)
    @in_transaction
    def command(round_id: int) -> None:
        survey_round = find_round(round_id)
        change(survey_round)
        click.echo(f"Round {survey_round.id} {survey_round.name!r} is {state}.")


_status_command("open", _open, summary="Open a draft round, or reopen a closed one.", state="open")
_status_command(
    "close", _close, summary="Close an open round (answers and drafts are kept).", state="closed"
)


@rounds_cli.command("purge-expired")
@click.option("--dry-run", is_flag=True, help="Only list the rounds that would be purged.")
@in_transaction
def purge_expired_command(dry_run: bool) -> None:
    """Delete the answers of rounds that ended more than SURVEYAPP_RETENTION_DAYS ago.

    Participants are told their answers are deleted then; run this daily (cron, timer).
    """
    days = current_app.config["SURVEYAPP_RETENTION_DAYS"]
    if dry_run:
        found = retention.expired_rounds(db.session, days)
    else:
        found = retention.purge_expired(db.session, days)
    verb = "would delete" if dry_run else "deleted"
    for expired in found:
        survey_round = expired.survey_round
        counted = f"{expired.deletion.responses} responses" if expired.deletion else "its responses"
        click.echo(
            f"Round {survey_round.id} {survey_round.name!r} ended "
            f"{expired.ended_at:%Y-%m-%d}: {verb} {counted}."
        )
    if not found:
        click.echo(f"No round ended more than {days} days ago holds answers.")
