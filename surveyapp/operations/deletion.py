"""Deleting a round's responses whole (data protection), confirmed by the round's name."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import lazy_gettext as _
from sqlalchemy.orm import Session

from surveyapp.db import utcnow
from surveyapp.models import Answer, Invitation, InvitationStatus, Response, SurveyRound, Team
from surveyapp.operations.errors import OperationError
from surveyapp.operations.names import clean_name


@dataclass(frozen=True)
class Deletion:
    """What a deletion removed."""

    responses: int
    answers: int
    revoked_links: int


def delete_round_responses(
    session: Session, survey_round: SurveyRound, *, confirmation: str
) -> Deletion:
    """Delete every response and answer of a round; ``confirmation`` must be its name.

    The round, its teams and its invitation numbers stay; every link still active is
    revoked, so that a link whose answers were deleted cannot collect new ones.
    """
    if clean_name(confirmation) != survey_round.name:
        raise OperationError(
            _("Bitte geben Sie den Namen der Runde genau so ein, wie er angezeigt wird."),
            field="confirm_name",
        )
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
