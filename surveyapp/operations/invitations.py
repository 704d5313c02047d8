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
from surveyapp.models import Invitation, InvitationStatus, Response, Team
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
    token_for: Callable[[int], str] | None = None,
) -> list[IssuedInvitation]:
    """Create ``count`` invitations for a team and return them with their tokens (shown once).

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


def revoke_invitation(session: Session, invitation: Invitation) -> None:
    """Make a link stop working; a response already given through it stays."""
    if invitation.status is InvitationStatus.REVOKED:
        return
    invitation.status = InvitationStatus.REVOKED
    invitation.revoked_at = utcnow()
    session.flush()


def invitation_url(base_url: str, token: str) -> str:
    """Return the full link a participant opens."""
    return f"{base_url.rstrip('/')}/s/{token}"


def reclaim_issued(session: Session, team: Team, tokens: list[str]) -> list[IssuedInvitation]:
    """Return the team's active invitations for tokens shown a moment ago, by number.

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
    return sorted(
        (
            IssuedInvitation(invitation, by_hash[invitation.token_hash])
            for invitation in invitations
        ),
        key=lambda issued: issued.invitation.number,
    )


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
