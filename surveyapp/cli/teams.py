"""``surveyapp teams …``: a municipality's team in a round, with its contact accounts."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from surveyapp.cli.rounds import find_round
from surveyapp.cli.transaction import in_transaction
from surveyapp.db import db
from surveyapp.models import MunicipalityKind, User
from surveyapp.operations import municipalities as municipality_ops
from surveyapp.operations import teams as team_ops
from surveyapp.operations import users as user_ops
from surveyapp.operations.progress import progress_by_team

teams_cli = AppGroup("teams", help="Add municipalities' teams to rounds.")


def _contact(email: str) -> User:
    user = user_ops.find_user(db.session, email)
    if user is None:
        raise click.ClickException(
            f"--contact: no account for {email}; "
            f"create it with `surveyapp users create --email {email} --role contact`"
        )
    return user


@teams_cli.command("add")
@click.option("--round", "round_id", required=True, type=int, help="The round's id.")
@click.option("--municipality", required=True, help="The municipality's name.")
@click.option(
    "--create-municipality",
    is_flag=True,
    help="Create the municipality first (refused if it exists already).",
)
@click.option("--state", default="", help="Federal state, for a new municipality.")
@click.option(
    "--kind",
    type=click.Choice([kind.value for kind in MunicipalityKind]),
    default="city",
    show_default=True,
    help="city (kreisfreie Stadt), district (Landkreis) or town (kreisangehörige Stadt or "
    "Gemeinde), for a new municipality.",
)
@click.option("--name", default="", help="Label of the team, if not the municipality's name.")
@click.option("--contact", "contacts", multiple=True, help="E-mail of a contact account.")
@in_transaction
def add_command(
    round_id: int,
    municipality: str,
    create_municipality: bool,
    state: str,
    kind: str,
    name: str,
    contacts: tuple[str, ...],
) -> None:
    """Add a municipality's team to a round."""
    survey_round = find_round(round_id)
    users = [_contact(email) for email in contacts]
    if create_municipality:
        team = team_ops.add_team_of_new_municipality(
            db.session,
            survey_round,
            municipality_name=municipality,
            state=state,
            kind=kind,
            name=name,
            actor=None,
        )
    else:
        place = municipality_ops.find_municipality(db.session, municipality)
        if place is None:
            raise click.ClickException(
                f"--municipality: no municipality {municipality!r}; "
                "add --create-municipality to create it"
            )
        team = team_ops.add_team(db.session, survey_round, place, name=name, actor=None)
    for user in users:
        team_ops.add_contact(db.session, team, user, actor=None)
    click.echo(f"Added team {team.id} {team.display_name!r} to round {survey_round.id}.")


@teams_cli.command("list")
@click.option("--round", "round_id", required=True, type=int)
def list_command(round_id: int) -> None:
    """List a round's teams: id, name, contacts, counts."""
    survey_round = find_round(round_id)
    progress = progress_by_team(db.session, [team.id for team in survey_round.teams])
    if not survey_round.teams:
        click.echo("No teams.")
    for team in survey_round.teams:
        counts = progress[team.id]
        contacts = ", ".join(contact.email for contact in team.contacts) or "-"
        click.echo(
            f"{team.id}\t{team.display_name}\tcontacts: {contacts}\t"
            f"invited {counts.invited}, started {counts.started}, submitted {counts.submitted}"
        )
