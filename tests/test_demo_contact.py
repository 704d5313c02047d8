"""The demo prints a municipality contact's login, and that contact sees only their team."""

from __future__ import annotations

import re

import sqlalchemy as sa

from surveyapp import access
from surveyapp.demo import ROUND_NAME
from surveyapp.demo.contact import CONTACT_EMAIL, CONTACT_PASSWORD
from surveyapp.models import SurveyRound, User
from tests.factories import login


def test_the_demo_contact_logs_in_and_sees_only_the_own_teams_results(app, runner, session):
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    assert CONTACT_EMAIL in result.output and CONTACT_PASSWORD in result.output
    team_id = int(re.search(r"/f/teams/(\d+)/results", result.output).group(1))
    client = app.test_client()
    assert login(client, CONTACT_EMAIL, CONTACT_PASSWORD).status_code == 302
    assert client.get(f"/f/teams/{team_id}/results").status_code == 200
    survey_round = session.scalars(
        sa.select(SurveyRound).where(SurveyRound.name == ROUND_NAME)
    ).one()
    others = [team.id for team in survey_round.teams if team.id != team_id]
    assert others and all(client.get(f"/f/teams/{t}/results").status_code == 404 for t in others)
    assert client.get(f"/f/rounds/{survey_round.id}/results").status_code == 403


def test_running_the_demo_again_keeps_one_contact(runner, session):
    runner.invoke(args=["demo"])
    again = runner.invoke(args=["demo"])
    assert again.exit_code == 0 and CONTACT_EMAIL in again.output
    contact = session.scalars(sa.select(User).where(User.email == CONTACT_EMAIL)).one()
    teams = session.scalars(access.contact_teams_query(contact)).all()
    assert len(teams) == 1
