"""A municipality contact's pages: their own teams, counts only (later: the report)."""

from __future__ import annotations

from flask import render_template
from flask_login import current_user

from surveyapp import access
from surveyapp.db import db
from surveyapp.operations.progress import progress_by_team
from surveyapp.views.facilitator.base import ANY_ACCOUNT, allow, bp, team_or_404


@bp.get("/my")
@allow(*ANY_ACCOUNT)
def my_teams() -> str:
    """The teams the user is a contact of, with their progress."""
    teams = list(db.session.scalars(access.contact_teams_query(current_user)))
    progress = progress_by_team(db.session, [team.id for team in teams])
    return render_template("facilitator/my_teams.html", teams=teams, progress=progress)


@bp.get("/my/teams/<id:team_id>")
@allow(*ANY_ACCOUNT)
def contact_team(team_id: int) -> str:
    """One of the user's teams: how many were invited, started and submitted."""
    team = team_or_404(team_id, manage=False)
    progress = progress_by_team(db.session, [team.id])[team.id]
    return render_template("facilitator/contact_team.html", team=team, progress=progress)
