"""Results pages: the round overview, a team's page, the comparison of teams, and the
round-over-round view of one municipality.

Who may see what (``surveyapp.access``): the facilitators of a round see all of its pages;
a municipality contact sees the page of their own team and nothing else. Every number comes
from the analysis (cached per round, ``surveyapp.views.facilitator.analysis_cache``), every
figure from ``surveyapp.charts.web``; this module only picks them and renders.
"""

from __future__ import annotations

from flask import render_template
from flask_login import current_user

from surveyapp import access
from surveyapp.db import db
from surveyapp.extensions import dashboard_page
from surveyapp.operations.progress import round_progress
from surveyapp.views.assets import PLOTLY_FILE
from surveyapp.views.facilitator.base import (
    ANY_ACCOUNT,
    STAFF,
    allow,
    bp,
    round_or_404,
    team_or_404,
)


def _render(template: str, *, charts: bool, **context: object) -> str:
    return render_template(template, has_charts=charts, plotly_file=PLOTLY_FILE, **context)


@bp.get("/rounds/<int:round_id>/results")
@allow(*STAFF)
@dashboard_page
def results_overview(round_id: int) -> str:
    """The round at a glance: progress, the teams × dimensions heatmap, priorities."""
    survey_round = round_or_404(round_id)
    return _render(
        "results/overview.html",
        charts=False,
        survey_round=survey_round,
        progress=round_progress(db.session, survey_round),
    )


@bp.get("/teams/<int:team_id>/results")
@allow(*ANY_ACCOUNT)
@dashboard_page
def results_team(team_id: int) -> str:
    """A team's results: for the facilitators of its round and the team's own contacts."""
    team = team_or_404(team_id, manage=False)
    return _render(
        "results/team.html",
        charts=False,
        team=team,
        manage=access.can_manage_team(current_user, team),
    )
