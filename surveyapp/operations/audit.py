"""Writing and reading the audit log."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from surveyapp.models import AuditEvent, User

#: Actions written by the front doors, and what they mean (shown on the audit page).
ACTIONS = (
    "login",
    "login.failed",
    "logout",
    "round.create",
    "round.update",
    "round.open",
    "round.close",
    "round.reopen",
    "round.facilitator_add",
    "round.export",
    "responses.delete",
    "round.purge_expired",
    "municipality.create",
    "municipality.update",
    "team.create",
    "team.contact_add",
    "team.contact_remove",
    "invitations.create",
    "invitations.download",
    "invitations.export",
    "invitation.revoke",
    "answer.hide",
    "answer.show",
    "reports.build",
    "report.download",
    "brief.download",
    "user.create",
    "user.password",
    "user.active",
    "user.role",
)


def record(
    session: Session,
    action: str,
    *,
    user: User | None = None,
    target: str = "",
    actor: str | None = None,
    **details: Any,
) -> AuditEvent:
    """Add an audit entry: ``action`` (``login``, ``round.export``, …) on ``target``.

    The actor is the user's e-mail address, else ``actor``, else ``cli`` (the command
    line). ``details`` must never hold a password, a token or an answer.
    """
    event = AuditEvent(
        user_id=user.id if user is not None else None,
        actor=user.email if user is not None else (actor or "cli"),
        action=action,
        target=target,
        details=details,
    )
    session.add(event)
    return event


def recent_events(
    session: Session, *, limit: int = 100, before: int | None = None, action: str | None = None
) -> list[AuditEvent]:
    """Return audit entries newest first, ``limit`` at a time, older than entry ``before``."""
    query = sa.select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)
    if before is not None:
        query = query.where(AuditEvent.id < before)
    if action:
        query = query.where(AuditEvent.action == action)
    return list(session.scalars(query))
