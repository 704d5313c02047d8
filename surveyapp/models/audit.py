"""The audit log: who did what, when (logins, exports, downloads, deletions)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from surveyapp.db import JSONType, UTCDateTime, db, utcnow


class AuditEvent(db.Model):
    """One entry of the audit log; survives the deletion of what it names."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    #: The account's e-mail at the time, kept when the account is deleted.
    actor: Mapped[str] = mapped_column(sa.String(254), default="")
    action: Mapped[str] = mapped_column(sa.String(64), index=True)
    #: What the action was on: a name (200 characters) or an e-mail address (254).
    target: Mapped[str] = mapped_column(sa.String(254), default="")
    details: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)

    def __repr__(self) -> str:
        return f"<AuditEvent {self.action} {self.target} by {self.actor}>"
