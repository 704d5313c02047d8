"""A team's planned size is the base of its response rate; the round page says what is
begun but not sent and whether each team can be analysed yet (k)."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from surveyapp.models import AuditEvent
from surveyapp.operations import teams as team_ops
from surveyapp.operations.errors import OperationError
from surveyapp.operations.progress import Progress
from tests.factories import login


@pytest.fixture
def logged_in(client, factory, session):
    user = factory.user(email="moderation@example.org")
    session.commit()
    assert login(client, user).status_code == 302
    return client, user


def test_the_rate_is_per_planned_size_and_falls_back_to_the_invited():
    assert Progress(invited=4, started=3, submitted=2).rate == 0.5
    assert Progress(invited=4, started=3, submitted=2, planned=8).rate == 0.25
    assert Progress(invited=4, started=3, submitted=2).in_progress == 1
    total = Progress(invited=4, submitted=2, planned=8) + Progress(invited=2, submitted=1)
    assert (total.planned, total.submitted, total.percent) == (10, 3, 30)
    assert (Progress(invited=2) + Progress(invited=3)).planned is None


def test_the_round_page_shows_planned_size_begun_and_whether_k_is_reached(
    logged_in, factory, session
):
    client, user = logged_in
    survey_round = factory.round(facilitators=[user])
    small = factory.team(survey_round, factory.municipality("Klein"), planned_size=6)
    ready = factory.team(survey_round, factory.municipality("Groß"), planned_size=4)
    factory.response(small)
    factory.response(small)
    factory.response(small, submitted=False)
    for _ in range(3):
        factory.response(ready)
    session.commit()
    page = client.get(f"/f/rounds/{survey_round.id}").text
    assert "Begonnen, nicht abgeschickt" in page
    assert 'data-count="in_progress">1<' in page
    assert 'data-count="planned">10<' in page
    assert "2 von mindestens 3 – noch keine Auswertung möglich" in page
    assert "auswertbar" in page
    assert "33 %" in page  # 2 submitted of 6 planned
    assert "75 %" in page  # 3 of 4


def test_the_planned_size_is_set_on_the_team_page_and_audited(logged_in, factory, session):
    client, user = logged_in
    team = factory.team(factory.round(facilitators=[user]))
    session.commit()
    response = client.post(f"/f/teams/{team.id}/planned-size", data={"planned_size": "2"})
    assert response.status_code == 302
    session.expire_all()
    assert team.planned_size == 2
    event = session.scalars(sa.select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert event.action == "team.planned_size"
    page = client.get(f"/f/teams/{team.id}").text
    assert "Geplante Größe 2 liegt unter 3 – keine Auswertung möglich" in page
    refused = client.post(f"/f/teams/{team.id}/planned-size", data={"planned_size": "0"})
    assert refused.status_code == 400 and "von 1 bis 500" in refused.text
    session.expire_all()
    assert team.planned_size == 2


def test_a_planned_size_outside_1_to_500_is_refused_by_the_operation(factory):
    team = factory.team()
    for size in (0, 501):
        with pytest.raises(OperationError) as caught:
            team_ops.set_planned_size(factory.session, team, size, actor=None)
        assert caught.value.field == "planned_size"
    assert team_ops.set_planned_size(factory.session, team, None, actor=None) is False


def test_the_round_form_explains_k_as_the_submitted_answers_a_team_needs(logged_in):
    client, _user = logged_in
    german = client.get("/f/rounds/new").text
    assert (
        "Ergebnisse werden nur für Gruppen mit mindestens k Antworten gezeigt – ein Team braucht "
        "also mindestens k abgeschickte Antworten, sonst erhält es keine Auswertung."
    ) in german
    assert 'aria-describedby="min_group_size-hint' in german
    english = client.get("/f/rounds/new?lang=en").text
    assert "a team needs at least k submitted responses, otherwise it gets no analysis" in english
