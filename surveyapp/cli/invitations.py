"""``surveyapp invitations …``: create links (printed once) and list them without tokens."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from surveyapp.cli.rounds import find_round
from surveyapp.cli.transaction import in_transaction
from surveyapp.db import db
from surveyapp.models import Team
from surveyapp.operations import invitations as invitation_ops
from surveyapp.operations.spreadsheet import local_time, rows_to_csv

invitations_cli = AppGroup("invitations", help="Create and list invitation links.")

EXPORT_HEADER = (
    "Team-Nr.",
    "Team",
    "Kommune",
    "Nr.",
    "Status",
    "Angelegt am",
    "Widerrufen am",
    "Antwort",
)
LINK_STATUS = {"active": "aktiv", "revoked": "widerrufen"}
RESPONSE_STATUS = {"none": "keine", "draft": "begonnen", "submitted": "abgeschickt"}


def _team(round_id: int, team_id: int) -> Team:
    survey_round = find_round(round_id)
    team = db.session.get(Team, team_id)
    if team is None or team.round_id != survey_round.id:
        raise click.ClickException(f"--team: round {round_id} has no team {team_id}")
    return team


@invitations_cli.command("create")
@click.option("--round", "round_id", required=True, type=int, help="The round's id.")
@click.option("--team", "team_id", required=True, type=int, help="The team's id.")
@click.option("--count", required=True, type=int, help="How many links (1 to 500).")
@in_transaction
def create_command(round_id: int, team_id: int, count: int) -> None:
    """Create links and print one full URL per line (shown only now: only hashes are kept).

    The URLs start with SURVEYAPP_BASE_URL; the summary goes to stderr, so that the
    standard output can be redirected into a file of links.
    """
    team = _team(round_id, team_id)
    issued = invitation_ops.create_invitations(db.session, team, count, actor=None)
    base = current_app.config["SURVEYAPP_BASE_URL"]
    for item in issued:
        click.echo(invitation_ops.invitation_url(base, item.token))
    click.echo(f"Created {len(issued)} links for team {team.id} {team.display_name!r}.", err=True)


@invitations_cli.command("export")
@click.option("--round", "round_id", required=True, type=int, help="The round's id.")
@click.option("--team", "team_id", type=int, default=None, help="Only this team.")
@click.option(
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="Write to this file instead of standard output.",
)
@in_transaction
def export_command(round_id: int, team_id: int | None, output: str | None) -> None:
    """Write the links as CSV: team, number, status, dates, response status (no tokens)."""
    team = _team(round_id, team_id) if team_id is not None else None
    survey_round = team.round if team is not None else find_round(round_id)
    rows = [
        (
            row.invitation.team_id,
            row.invitation.team.display_name,
            row.invitation.team.municipality.name,
            row.invitation.number,
            LINK_STATUS[row.invitation.status.value],
            local_time(row.invitation.created_at),
            local_time(row.invitation.revoked_at),
            RESPONSE_STATUS[row.response_status],
        )
        for row in invitation_ops.export_invitations(
            db.session, survey_round, team=team, actor=None
        )
    ]
    data = rows_to_csv(EXPORT_HEADER, rows)
    if output:
        with open(output, "wb") as handle:
            handle.write(data)
        click.echo(f"Wrote {len(rows)} links to {output}.", err=True)
    else:
        click.echo(data.decode("utf-8-sig"), nl=False)  # no byte-order mark on a terminal
