"""Answers are deleted once a round ended longer ago than the retention period."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from surveyapp.db import utcnow
from surveyapp.models import AuditEvent, Response, RoundStatus
from surveyapp.operations import rounds as round_ops
from surveyapp.operations.retention import expired_rounds, purge_expired

DAYS = 180


def _round_with_answers(factory, **kwargs):
    team = factory.team(factory.round(**kwargs))
    factory.response(team)
    factory.response(team, submitted=False)
    return team.round


def _responses(session, survey_round) -> int:
    return sum(len(team.responses) for team in survey_round.teams)


PURGE_ACTIONS = ("round.purge_expired", "responses.delete")


def test_a_round_closed_longer_ago_than_the_retention_period_loses_its_answers(session, factory):
    survey_round = _round_with_answers(factory)
    round_ops.close_round(session, survey_round, actor=None)
    survey_round.closed_at = utcnow() - timedelta(days=DAYS + 1)
    session.commit()

    purged = purge_expired(session, DAYS)
    session.commit()

    assert [p.survey_round.id for p in purged] == [survey_round.id]
    assert purged[0].deletion.responses == 2
    assert session.scalar(sa.select(sa.func.count(Response.id))) == 0
    deletions = sa.select(AuditEvent).where(AuditEvent.action.in_(PURGE_ACTIONS))
    event = session.scalars(deletions).one()  # no second entry as a deletion by hand
    assert event.action == "round.purge_expired"
    assert event.details["responses"] == 2
    assert event.details["retention_days"] == DAYS
    assert event.details["answers"] > 0


def test_a_round_inside_the_retention_period_keeps_its_answers(session, factory):
    survey_round = _round_with_answers(factory)
    round_ops.close_round(session, survey_round, actor=None)
    survey_round.closed_at = utcnow() - timedelta(days=DAYS - 1)
    session.commit()
    assert purge_expired(session, DAYS) == []
    assert _responses(session, survey_round) == 2


def test_an_open_round_past_its_close_date_counts_from_that_date(session, factory):
    now = utcnow()
    survey_round = _round_with_answers(
        factory, opens_at=now - timedelta(days=DAYS + 30), closes_at=now - timedelta(days=DAYS + 2)
    )
    session.commit()
    assert survey_round.status is RoundStatus.OPEN
    assert [e.survey_round.id for e in expired_rounds(session, DAYS)] == [survey_round.id]


def test_a_running_round_and_a_reopened_round_are_never_purged(session, factory):
    running = _round_with_answers(factory)
    reopened = _round_with_answers(factory)
    round_ops.close_round(session, reopened, actor=None)
    reopened.closed_at = utcnow() - timedelta(days=DAYS + 5)
    round_ops.reopen_round(session, reopened, actor=None)
    session.commit()
    assert reopened.closed_at is None
    assert purge_expired(session, DAYS) == []
    assert _responses(session, running) == _responses(session, reopened) == 2


def test_cli_dry_run_lists_and_keeps_then_purge_deletes(app, runner, session, factory):
    survey_round = _round_with_answers(factory, name="Herbst 2025")
    round_ops.close_round(session, survey_round, actor=None)
    survey_round.closed_at = utcnow() - timedelta(days=400)
    session.commit()

    dry = runner.invoke(args=["rounds", "purge-expired", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "'Herbst 2025'" in dry.output and "would delete" in dry.output
    session.expire_all()
    assert _responses(session, survey_round) == 2

    real = runner.invoke(args=["rounds", "purge-expired"])
    assert real.exit_code == 0, real.output
    assert "deleted 2 responses" in real.output
    session.expire_all()
    assert _responses(session, survey_round) == 0

    again = runner.invoke(args=["rounds", "purge-expired"])
    assert "No round ended more than 180 days ago holds answers." in again.output


def test_the_demo_stays_inside_the_retention_period(runner, session):
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    assert expired_rounds(session, 129), "the demo's earlier round exists and can expire"
    assert expired_rounds(session, DAYS) == []


@pytest.fixture
def retention_30(app_config):
    app_config["SURVEYAPP_RETENTION_DAYS"] = 30
    return app_config


def test_cli_purge_uses_the_configured_retention_period(retention_30, runner, session, factory):
    survey_round = _round_with_answers(factory, name="Kurz")
    round_ops.close_round(session, survey_round, actor=None)
    survey_round.closed_at = utcnow() - timedelta(days=31)
    session.commit()
    result = runner.invoke(args=["rounds", "purge-expired"])
    assert result.exit_code == 0, result.output
    assert "deleted 2 responses" in result.output
    assert session.scalar(sa.select(sa.func.count(Response.id))) == 0


def test_the_retention_boundary_is_exact(session, factory):
    survey_round = _round_with_answers(factory)
    round_ops.close_round(session, survey_round, actor=None)
    now = utcnow()
    survey_round.closed_at = now - timedelta(days=DAYS)
    session.commit()
    assert purge_expired(session, DAYS, now=now - timedelta(seconds=1)) == []
    assert len(purge_expired(session, DAYS, now=now)) == 1
