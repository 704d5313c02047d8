"""Accounts of facilitators, admins and municipality contacts."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, validates
from werkzeug.security import check_password_hash, generate_password_hash

from surveyapp.db import UTCDateTime, db, string_enum, utcnow


class Role(enum.StrEnum):
    """What an account may do: see everything, run rounds, or read its own team's results."""

    ADMIN = "admin"
    FACILITATOR = "facilitator"
    CONTACT = "contact"


class User(UserMixin, db.Model):
    """A person who logs in; participants never do (they use invitation links)."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200), default="")
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    role: Mapped[Role] = mapped_column(string_enum(Role, "role"))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Part of every session's login id; raising it ends every session of the account.
    session_version: Mapped[int] = mapped_column(default=1, server_default="1")

    def get_id(self) -> str:
        """The login id kept in the session cookie: ``<id>.<session_version>``."""
        return f"{self.id}.{self.session_version}"

    def end_sessions(self) -> None:
        """End every session of this account (a cookie copied before no longer opens it)."""
        self.session_version = (self.session_version or 1) + 1

    @validates("password_hash", "role", "active")
    def _end_sessions_on_change(self, key: str, value: object) -> object:
        # A new password, a new role or a deactivation ends every session, however it is made.
        if self.id is not None and getattr(self, key) != value:
            self.end_sessions()
        return value

    def set_password(self, password: str) -> None:
        """Store a salted scrypt hash of the password (never the password)."""
        self.password_hash = generate_password_hash(password, method="scrypt")

    def check_password(self, password: str) -> bool:
        """Tell whether the password matches the stored hash."""
        return check_password_hash(self.password_hash, password)

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive accounts
        return self.active

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email} {self.role.value}>"


class LoginThrottle(db.Model):
    """Recent failed logins for one e-mail address, known or not (kept as a digest only).

    From the fifth failure on, every further failure locks the address for longer
    (see ``operations/login_throttle.py``); a successful login clears the row.
    """

    __tablename__ = "login_throttles"

    #: sha256 of the normalised address: the table names no one, existing or not.
    email_digest: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_failure_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
