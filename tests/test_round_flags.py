"""The round page flags a draft whose start date has passed (its links do not work yet)."""

from __future__ import annotations

from datetime import timedelta

from surveyapp.db import utcnow
from surveyapp.models import RoundStatus
from tests.factories import login


def test_a_draft_past_its_start_date_is_flagged_on_the_round_page(client, factory, session):
    user = factory.user(email="moderation@example.org")
    survey_round = factory.round(facilitators=[user], status=RoundStatus.DRAFT)
    survey_round.opens_at = utcnow() - timedelta(hours=2)
    session.commit()
    assert login(client, user).status_code == 302
    page = client.get(f"/f/rounds/{survey_round.id}").text
    assert 'id="draft-overdue"' in page
    assert "ist vorbei, aber die Runde ist noch ein Entwurf" in page
    survey_round.opens_at = utcnow() + timedelta(days=2)
    session.commit()
    assert 'id="draft-overdue"' not in client.get(f"/f/rounds/{survey_round.id}").text


def test_an_open_round_past_its_start_is_not_flagged(factory):
    survey_round = factory.round(status=RoundStatus.OPEN)
    survey_round.opens_at = utcnow() - timedelta(days=1)
    assert not survey_round.draft_past_start()
    survey_round.status = RoundStatus.DRAFT
    assert survey_round.draft_past_start()
