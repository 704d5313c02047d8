"""Accounts: create them, change their passwords, log in and out (all audited)."""

from __future__ import annotations

import functools
import re
import secrets

import sqlalchemy as sa
from flask_babel import lazy_gettext as _
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from surveyapp.db import utcnow
from surveyapp.models import Role, User
from surveyapp.operations.audit import AuditAction, record
from surveyapp.operations.errors import OperationError

MIN_PASSWORD_LENGTH = 12
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def normalise_email(email: str) -> str:
    """Trim and lower-case an e-mail address, or refuse one that is not an address."""
    email = email.strip().lower()
    if not _EMAIL.match(email):
        raise OperationError(_("Das ist keine gültige E-Mail-Adresse."), field="email")
    return email


def check_password_strength(password: str) -> None:
    """Refuse passwords shorter than MIN_PASSWORD_LENGTH characters."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise OperationError(
            _("Das Passwort braucht mindestens %(n)d Zeichen.", n=MIN_PASSWORD_LENGTH),
            field="password",
        )


def find_user(session: Session, email: str) -> User | None:
    """Return the account with this e-mail address (any case), if there is one."""
    return session.scalar(sa.select(User).where(User.email == email.strip().lower()))


def create_user(
    session: Session,
    *,
    email: str,
    password: str,
    role: Role | str,
    name: str = "",
    actor: User | None,
) -> User:
    """Create an account with a hashed password; refuses a duplicate e-mail address."""
    email = normalise_email(email)
    check_password_strength(password)
    if find_user(session, email) is not None:
        raise OperationError(
            _("Es gibt schon ein Konto für %(email)s.", email=email), field="email"
        )
    try:
        role = Role(role)
    except ValueError:
        raise OperationError(_("Unbekannte Rolle „%(role)s“.", role=role), field="role") from None
    user = User(email=email, name=name.strip(), role=role)
    user.set_password(password)
    session.add(user)
    session.flush()
    record(session, AuditAction.USER_CREATE, actor=actor, target=user.email, role=role.value)
    return user


def set_password(session: Session, user: User, password: str, *, actor: User | None) -> None:
    """Replace an account's password; ends every session of the account."""
    check_password_strength(password)
    user.set_password(password)
    session.flush()
    record(session, AuditAction.USER_PASSWORD, actor=actor, target=user.email)


@functools.cache
def _dummy_hash() -> str:
    """A hash checked when no account matches, so unknown addresses take as long."""
    return generate_password_hash(secrets.token_hex(16), method="scrypt")


def authenticate(session: Session, email: str, password: str) -> User | None:
    """Return the active account for these credentials, or None (for any reason at all).

    An unknown address costs one password check too, so the response time does not tell
    which addresses have an account.
    """
    user = find_user(session, email) if email else None
    if user is None:
        check_password_hash(_dummy_hash(), password)
        return None
    if not user.check_password(password) or not user.active:
        return None
    return user


def _attempted_address(text: str) -> str:
    """The address tried, for the audit log, if it is one: a password typed into the wrong
    field must not end up in the log."""
    try:
        return normalise_email(text)[:254]
    except OperationError:
        return ""


def log_in(session: Session, email: str, password: str, *, address: str) -> User | None:
    """Check a login; note its time, or the failed attempt from ``address`` (both audited)."""
    user = authenticate(session, email, password)
    if user is None:
        record(
            session,
            AuditAction.LOGIN_FAILED,
            actor=None,
            actor_name="anonymous",
            target=_attempted_address(email),
            address=address,
        )
        return None
    user.last_login_at = utcnow()
    session.flush()
    record(session, AuditAction.LOGIN, actor=user, target=user.email)
    return user


def log_out(session: Session, user: User) -> None:
    """End every session of the account, in every browser (audited as ``logout``)."""
    record(session, AuditAction.LOGOUT, actor=user, target=user.email)
    end_sessions(session, user)


def set_active(session: Session, user: User, active: bool, *, actor: User | None) -> None:
    """Allow or stop an account's logins; its data and audit entries stay.

    Deactivating ends every session of the account at once (see ``User.session_version``).
    """
    user.active = active
    session.flush()
    record(session, AuditAction.USER_ACTIVE, actor=actor, target=user.email, active=active)


def set_role(session: Session, user: User, role: Role | str, *, actor: User | None) -> None:
    """Give an account another role; ends every session of the account. Audited."""
    try:
        user.role = Role(role)
    except ValueError:
        raise OperationError(_("Unbekannte Rolle „%(role)s“.", role=role), field="role") from None
    session.flush()
    record(session, AuditAction.USER_ROLE, actor=actor, target=user.email, role=user.role.value)


def end_sessions(session: Session, user: User) -> None:
    """End every session of the account, in every browser (logout)."""
    user.end_sessions()
    session.flush()


def find_or_create_contact(
    session: Session, *, email: str, name: str = "", password: str = "", actor: User | None
) -> tuple[User, bool]:
    """Return the contact account for an address, creating it if needed; says if it was new.

    An existing account is returned unchanged: whoever adds a contact must not be able to
    set the password of an account that someone else already uses.
    """
    email = normalise_email(email)
    user = find_user(session, email)
    if user is not None:
        return user, False
    if not password:
        raise OperationError(
            _("Für ein neues Konto geben Sie bitte ein erstes Passwort an."), field="password"
        )
    user = create_user(
        session, email=email, password=password, role=Role.CONTACT, name=name, actor=actor
    )
    return user, True
