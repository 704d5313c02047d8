"""Writing the audit log."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from surveyapp.models import AuditEvent, User


def record(
    session: Session,
    action: str,
    *,
    user: User | None = None,
    target: str = "",
    **details: Any,
) -> AuditEvent:
    """Add an audit entry: ``action`` (``login``, ``round.export``, …) on ``target``."""
    event = AuditEvent(
        user_id=user.id if user is not None else None,
        actor=user.email if user is not None else "cli",
        action=action,
        target=target,
        details=details,
    )
    session.add(event)
    return event
