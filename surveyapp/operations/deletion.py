"""Deleting a round's responses whole (data protection).

The front door makes sure that the person meant it (the form asks for the round's name).
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from surveyapp.db import utcnow
from surveyapp.models import Answer, Invitation, InvitationStatus, Response, SurveyRound, Team, User
from surveyapp.operations.audit import AuditAction, record


@dataclass(frozen=True)
class Deletion:
    """What a deletion removed."""

    responses: int
    answers: int
    revoked_links: int


def delete_round_responses(
    session: Session, survey_round: SurveyRound, *, actor: User | None
) -> Deletion:
    """Delete every response and answer of a round, audited as ``responses.delete``."""
    deletion = erase_responses(session, survey_round)
    record(
        session,
        AuditAction.RESPONSES_DELETE,
        actor=actor,
        target=survey_round.name,
        responses=deletion.responses,
        answers=deletion.answers,
        revoked_links=deletion.revoked_links,
    )
    return deletion


def erase_responses(session: Session, survey_round: SurveyRound) -> Deletion:
    """Delete every response and answer of a round; the caller records why in the audit log.

    The round, its teams and its invitation numbers stay; every link still active is
    revoked, so that a link whose answers were deleted cannot collect new ones.
    """
    team_ids = sa.select(Team.id).where(Team.round_id == survey_round.id).scalar_subquery()
    response_ids = sa.select(Response.id).where(Response.team_id.in_(team_ids)).scalar_subquery()
    no_sync = {"synchronize_session": False}
    answers = session.execute(
        sa.delete(Answer).where(Answer.response_id.in_(response_ids)).execution_options(**no_sync)
    ).rowcount
    responses = session.execute(
        sa.delete(Response).where(Response.team_id.in_(team_ids)).execution_options(**no_sync)
    ).rowcount
    revoked = session.execute(
        sa.update(Invitation)
        .where(Invitation.team_id.in_(team_ids), Invitation.status == InvitationStatus.ACTIVE)
        .values(status=InvitationStatus.REVOKED, revoked_at=utcnow())
        .execution_options(**no_sync)
    ).rowcount
    session.expire_all()
    return Deletion(responses=responses, answers=answers, revoked_links=revoked)
