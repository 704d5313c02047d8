"""``surveyapp demo``: build the demo round and print how to use it."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

from surveyapp.db import db
from surveyapp.demo import build_demo
from surveyapp.demo.contact import ensure_demo_contact
from surveyapp.models import SurveyRound
from surveyapp.operations.invitations import invitation_url


@click.command("demo")
@click.option(
    "--links", default=2, show_default=True, help="Open invitation links to show per team."
)
@click.option(
    "--allow-published-password",
    is_flag=True,
    help="Build the demo outside debug mode too (its login's password is in the repository).",
)
@with_appcontext
def demo_command(links: int, allow_published_password: bool) -> None:
    """Create a demo round with three municipalities and submitted answers (idempotent).

    The demo's facilitator account has a password published in the repository, so the
    command refuses to run outside debug mode unless told so explicitly.
    """
    if not (current_app.debug or current_app.testing or allow_published_password):
        raise click.ClickException(
            "the demo creates a facilitator whose password is published in the repository; "
            "it runs in debug mode (FLASK_DEBUG=1) or with --allow-published-password, "
            "never against a production database"
        )
    result = build_demo(
        db.session,
        current_app.extensions["questionnaires"],
        secret_key=current_app.config["SECRET_KEY"],
    )
    survey_round = db.session.get(SurveyRound, result.round_id)
    contact = ensure_demo_contact(db.session, survey_round) if survey_round else None
    db.session.commit()
    base = current_app.config["SURVEYAPP_BASE_URL"].rstrip("/")
    if result.created:
        click.echo(f"Created the demo round with {result.submitted} submitted responses.")
    else:
        click.echo(
            f"The demo round exists already ({result.submitted} submitted responses); "
            "nothing was changed."
        )
    click.echo("")
    click.echo(f"Facilitator login:  {base}/login")
    click.echo(f"  e-mail:           {result.facilitator_email}")
    click.echo(f"  password:         {result.facilitator_password}")
    click.echo(f"Admin login (audit log under Protokoll): {base}/login")
    click.echo(f"  e-mail:           {result.admin_email}")
    click.echo(f"  password:         {result.admin_password}")
    if contact is not None:
        click.echo("")
        click.echo(f"Municipality contact of {contact.team_name} (sees only that team's page):")
        click.echo(f"  e-mail:           {contact.email}")
        click.echo(f"  password:         {contact.password}")
        click.echo(f"  results:          {base}/f/teams/{contact.team_id}/results")
    click.echo("")
    click.echo("Open invitation links (each one is one team member's personal link):")
    for team, tokens in result.open_links.items():
        click.echo(f"  {team}:")
        for token in tokens[:links]:
            click.echo(f"    {invitation_url(base, token)}")
