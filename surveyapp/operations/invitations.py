"""Invitation links: long random tokens, stored only as hashes."""

from __future__ import annotations

import functools
import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import lazy_gettext as _
from sqlalchemy.orm import Session, joinedload

from surveyapp.db import utcnow
from surveyapp.models import Invitation, InvitationStatus, Response, SurveyRound, Team, User
from surveyapp.operations.audit import AuditAction, record
from surveyapp.operations.errors import OperationError

#: 32 random bytes = 256 bits, well above the 128 bits the design asks for.
TOKEN_BYTES = 32
MAX_PER_CALL = 500


def hash_token(token: str) -> str:
    """Return the sha256 hex digest under which a token is stored.

    A fast hash is right here: the token has 256 random bits, so there is nothing to
    brute-force, and the lookup must stay cheap on every participant request.
    """
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    """Return a fresh URL-safe token of TOKEN_BYTES random bytes."""
    return secrets.token_urlsafe(TOKEN_BYTES)


@dataclass(frozen=True)
class IssuedInvitation:
    """An invitation together with its token; the token exists only in this object."""

    invitation: Invitation
    token: str


def create_invitations(
    session: Session,
    team: Team,
    count: int,
    *,
    actor: User | None,
    token_for: Callable[[int], str] | None = None,
) -> list[IssuedInvitation]:
    """Create ``count`` invitations for a team and return them with their tokens (shown once).

    Audited with their numbers.

    ``token_for(number)`` supplies the token of the invitation with that number; by default
    a fresh random one (the demo derives reproducible ones instead).
    """
    if not 1 <= count <= MAX_PER_CALL:
        raise OperationError(
            _("Die Anzahl muss zwischen 1 und %(max)d liegen.", max=MAX_PER_CALL), field="count"
        )
    last = session.scalar(
        sa.select(sa.func.max(Invitation.number)).where(Invitation.team_id == team.id)
    )
    issued = []
    for number in range((last or 0) + 1, (last or 0) + count + 1):
        token = token_for(number) if token_for is not None else new_token()
        invitation = Invitation(team=team, token_hash=hash_token(token), number=number)
        session.add(invitation)
        issued.append(IssuedInvitation(invitation, token))
    session.flush()
    record(
        session,
        AuditAction.INVITATIONS_CREATE,
        actor=actor,
        target=team.display_name,
        count=len(issued),
        numbers=[item.invitation.number for item in issued],
    )
    return issued


@functools.cache
def _find_statement() -> sa.Select:
    """One query for everything a participant page needs: the team, its round, the response.

    Built once: it runs on every participant request.
    """
    return (
        sa.select(Invitation)
        .where(Invitation.token_hash == sa.bindparam("token_hash"))
        .options(
            joinedload(Invitation.team).joinedload(Team.round),
            joinedload(Invitation.response),
        )
    )


def find_invitation(session: Session, token: str) -> Invitation | None:
    """Return the active invitation for a token, or None for an unknown or revoked one."""
    if not token or len(token) > 200:
        return None
    invitation = session.scalar(_find_statement(), {"token_hash": hash_token(token)})
    if invitation is None or invitation.status is not InvitationStatus.ACTIVE:
        return None
    return invitation


def revoke_invitation(session: Session, invitation: Invitation, *, actor: User | None) -> None:
    """Make a link stop working; a response already given through it stays. Audited."""
    if invitation.status is InvitationStatus.REVOKED:
        return
    invitation.status = InvitationStatus.REVOKED
    invitation.revoked_at = utcnow()
    session.flush()
    record(
        session,
        AuditAction.INVITATION_REVOKE,
        actor=actor,
        target=invitation.team.display_name,
        number=invitation.number,
    )


def invitation_url(base_url: str, token: str) -> str:
    """Return the full link a participant opens."""
    return f"{base_url.rstrip('/')}/s/{token}"


def hand_out_issued(
    session: Session, team: Team, tokens: list[str], *, fmt: str, actor: User | None
) -> list[IssuedInvitation]:
    """Return the team's active invitations for tokens shown a moment ago, by number, to be
    downloaded or printed as ``fmt`` (audited as ``invitations.download``).

    The tokens come back from the page that showed them (nothing stores them); each must
    hash to an active invitation of this team, otherwise the whole list is refused.
    """
    tokens = list(dict.fromkeys(token.strip() for token in tokens if token.strip()))
    if not tokens or len(tokens) > MAX_PER_CALL:
        raise OperationError(_("Es wurden keine gültigen Links übermittelt."))
    by_hash = {hash_token(token): token for token in tokens if len(token) <= 200}
    invitations = session.scalars(
        sa.select(Invitation).where(
            Invitation.token_hash.in_(by_hash),
            Invitation.team_id == team.id,
            Invitation.status == InvitationStatus.ACTIVE,
        )
    ).all()
    if len(invitations) != len(tokens):
        raise OperationError(_("Einige Links gehören nicht zu diesem Team oder wurden widerrufen."))
    issued = sorted(
        (
            IssuedInvitation(invitation, by_hash[invitation.token_hash])
            for invitation in invitations
        ),
        key=lambda item: item.invitation.number,
    )
    record(
        session,
        AuditAction.INVITATIONS_DOWNLOAD,
        actor=actor,
        target=team.display_name,
        format=fmt,
        count=len(issued),
    )
    return issued


@dataclass(frozen=True)
class InvitationRow:
    """What may be shown about an invitation: never its token, never its answers."""

    invitation: Invitation
    response_status: str  # "none", "draft" or "submitted"


def invitation_rows(session: Session, team_ids: list[int]) -> list[InvitationRow]:
    """Return the teams' invitations by team and number, each with its response's status."""
    if not team_ids:
        return []
    rows = session.execute(
        sa.select(Invitation, Response.status)
        .outerjoin(Response, Response.invitation_id == Invitation.id)
        .where(Invitation.team_id.in_(team_ids))
        .order_by(Invitation.team_id, Invitation.number)
    )
    return [
        InvitationRow(invitation, status.value if status is not None else "none")
        for invitation, status in rows
    ]


def export_invitations(
    session: Session, survey_round: SurveyRound, *, team: Team | None = None, actor: User | None
) -> list[InvitationRow]:
    """Return the invitations of the round (or of one team) as rows to hand on; audited."""
    teams = [team] if team is not None else list(survey_round.teams)
    rows = invitation_rows(session, [each.id for each in teams])
    record(
        session,
        AuditAction.INVITATIONS_EXPORT,
        actor=actor,
        target=survey_round.name,
        team=team.id if team is not None else None,
        count=len(rows),
    )
    return rows
