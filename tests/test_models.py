"""The database protects the data: uniqueness, foreign keys, no orphans on delete."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from surveyapp.models import (
    Answer,
    AuditEvent,
    Invitation,
    Response,
    SurveyRound,
    Team,
)
from surveyapp.operations.audit import record


def count(session, model) -> int:
    return session.scalar(sa.select(sa.func.count()).select_from(model))


def test_one_response_per_invitation_is_enforced_by_the_database(session, factory):
    invitation, _ = factory.invitation()
    session.add(Response(invitation_id=invitation.id, team_id=invitation.team_id))
    session.flush()
    session.add(Response(invitation_id=invitation.id, team_id=invitation.team_id))
    with pytest.raises(IntegrityError):
        session.flush()
    session.rollback()


def test_one_answer_per_item_and_response_is_enforced_by_the_database(session, factory):
    response = factory.response(answers={}, submitted=False)
    session.add(Answer(response_id=response.id, item_key="role", value="team"))
    session.flush()
    session.add(Answer(response_id=response.id, item_key="role", value="leitung"))
    with pytest.raises(IntegrityError):
        session.flush()
    session.rollback()


def test_foreign_keys_are_enforced(session, factory):
    session.add(Answer(response_id=999_999, item_key="role", value="team"))
    with pytest.raises(IntegrityError):
        session.flush()
    session.rollback()


def test_anonymity_threshold_below_two_is_refused_by_the_database(session, factory):
    survey_round = factory.round()
    survey_round.min_group_size = 1
    with pytest.raises(IntegrityError):
        session.flush()
    session.rollback()


def test_close_date_before_open_date_is_refused_by_the_database(session, factory):
    now = datetime.now(UTC)
    survey_round = factory.round()
    survey_round.opens_at = now
    survey_round.closes_at = now - timedelta(days=1)
    with pytest.raises(IntegrityError):
        session.flush()
    session.rollback()


def test_deleting_a_round_deletes_its_teams_invitations_responses_and_answers(session, factory):
    team = factory.team()
    factory.response(team)
    factory.response(team, submitted=False)
    other = factory.response()  # another round, must stay
    session.commit()
    assert count(session, Answer) > 0

    session.execute(sa.delete(SurveyRound).where(SurveyRound.id == team.round_id))
    session.commit()

    assert session.scalars(sa.select(Team.round_id)).all() == [other.team.round_id]
    assert count(session, Invitation) == 1
    assert count(session, Response) == 1
    remaining = set(session.scalars(sa.select(Answer.response_id)))
    assert remaining == {other.id}


def test_deleting_through_the_orm_leaves_no_orphans(session, factory):
    team = factory.team()
    factory.response(team)
    session.commit()
    session.delete(team.round)
    session.commit()
    assert count(session, Team) == 0
    assert count(session, Invitation) == 0
    assert count(session, Response) == 0
    assert count(session, Answer) == 0


def test_a_municipality_with_teams_cannot_be_deleted(session, factory):
    team = factory.team()
    session.commit()
    municipality = type(team.municipality)
    with pytest.raises(IntegrityError):
        session.execute(sa.delete(municipality).where(municipality.id == team.municipality_id))
        session.flush()
    session.rollback()


def test_audit_entries_outlive_the_account_that_made_them(session, factory):
    user = factory.user()
    record(session, "round.export", actor=user, target="Runde 1", format="csv")
    session.commit()
    session.delete(user)
    session.commit()
    event = session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "round.export")).one()
    assert event.user_id is None
    assert event.actor == user.email
    assert event.details == {"format": "csv"}


def test_the_audit_log_refuses_an_action_it_does_not_know(session):
    with pytest.raises(ValueError, match="round.exported"):
        record(session, "round.exported", actor=None)


def test_timestamps_come_back_timezone_aware_on_every_database(session, factory):
    survey_round = factory.round(opens_at=datetime(2026, 1, 5, 9, 30, tzinfo=UTC))
    session.commit()
    session.expire_all()
    reloaded = session.get(SurveyRound, survey_round.id)
    assert reloaded.opens_at == datetime(2026, 1, 5, 9, 30, tzinfo=UTC)
    assert reloaded.created_at.tzinfo is not None


def test_naive_timestamps_are_refused(session, factory):
    survey_round = factory.round()
    survey_round.opens_at = datetime(2026, 1, 5, 9, 30)
    with pytest.raises(sa.exc.StatementError, match="naive datetime"):
        session.flush()
    session.rollback()


def test_answer_values_keep_their_json_shape(session, factory):
    response = factory.response(answers={}, submitted=False)
    values = {
        "a": {"importance": 5, "performance": 2},
        "b": ["fn_monitoring", "fn_coordination"],
        "c": None,
        "d": "Text mit Umlauten: äöü ß",
        "e": 3,
    }
    for key, value in values.items():
        session.add(Answer(response_id=response.id, item_key=key, value=value))
    session.commit()
    session.expire_all()
    stored = dict(
        session.execute(
            sa.select(Answer.item_key, Answer.value).where(Answer.response_id == response.id)
        ).all()
    )
    assert stored == values


def test_sqlite_runs_in_wal_mode_with_foreign_keys(app, session):
    if session.get_bind().dialect.name != "sqlite":
        pytest.skip("SQLite only")
    assert session.execute(sa.text("PRAGMA journal_mode")).scalar() == "wal"
    assert session.execute(sa.text("PRAGMA foreign_keys")).scalar() == 1
