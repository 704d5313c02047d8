"""A municipality contact's pages: their own teams, counts only, and their team's links."""

from __future__ import annotations

from flask import render_template
from flask_login import current_user

from surveyapp import access
from surveyapp.db import db
from surveyapp.forms.teams import InvitationsForm
from surveyapp.models import Team
from surveyapp.operations.progress import progress_by_team
from surveyapp.views.facilitator.base import (
    ANY_ACCOUNT,
    allow,
    bp,
    stated_minutes,
    team_or_404,
)


@bp.get("/my")
@allow(*ANY_ACCOUNT)
def my_teams() -> str:
    """The teams the user is a contact of, with their progress."""
    teams = list(db.session.scalars(access.contact_teams_query(current_user)))
    progress = progress_by_team(db.session, [team.id for team in teams])
    return render_template("facilitator/my_teams.html", teams=teams, progress=progress)


def render_contact_team(
    team: Team, *, invitations_form: InvitationsForm | None = None, status: int = 200
) -> tuple[str, int]:
    """The contact's team page: counts, and the team's links by number and status only
    (never whether a link was answered: the contact may know who holds which link)."""
    return render_template(
        "facilitator/contact_team.html",
        team=team,
        progress=progress_by_team(db.session, [team.id])[team.id],
        invitations=sorted(team.invitations, key=lambda invitation: invitation.number),
        invitations_form=invitations_form or InvitationsForm(formdata=None),
        minutes=stated_minutes(team.round),
    ), status


@bp.get("/my/teams/<id:team_id>")
@allow(*ANY_ACCOUNT)
def contact_team(team_id: int) -> tuple[str, int]:
    """One of the user's teams: how many were invited, started and submitted; its links."""
    return render_contact_team(team_or_404(team_id, access.can_view_team))
