"""Keeping the promise made to participants: answers are deleted after the retention period."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from surveyapp.db import utcnow
from surveyapp.models import Response, SurveyRound, Team
from surveyapp.operations.audit import AuditAction, record
from surveyapp.operations.deletion import Deletion, erase_responses


@dataclass(frozen=True)
class Expired:
    """A round whose answers are past the retention period, and what purging it removed."""

    survey_round: SurveyRound
    ended_at: datetime
    deletion: Deletion | None = None


def expired_rounds(
    session: Session, retention_days: int, *, now: datetime | None = None
) -> list[Expired]:
    """Rounds that ended more than ``retention_days`` ago and still hold responses."""
    now = now or utcnow()
    limit = now - timedelta(days=retention_days)
    with_responses = (
        sa.select(SurveyRound)
        .join(Team, Team.round_id == SurveyRound.id)
        .join(Response, Response.team_id == Team.id)
        .distinct()
        .order_by(SurveyRound.id)
    )
    found = []
    for survey_round in session.scalars(with_responses):
        ended = survey_round.ended_at(now)
        if ended is not None and ended <= limit:
            found.append(Expired(survey_round, ended))
    return found


def purge_expired(
    session: Session, retention_days: int, *, now: datetime | None = None
) -> list[Expired]:
    """Delete the responses of every expired round and record each deletion in the audit log.

    The round, its teams and the audit log stay, as with a deletion by hand.
    """
    purged = []
    for expired in expired_rounds(session, retention_days, now=now):
        survey_round = expired.survey_round
        deletion = erase_responses(session, survey_round)
        record(
            session,
            AuditAction.ROUND_PURGE_EXPIRED,
            actor=None,
            target=survey_round.name,
            responses=deletion.responses,
            answers=deletion.answers,
            retention_days=retention_days,
        )
        purged.append(Expired(survey_round, expired.ended_at, deletion))
    return purged
