"""Accounts: create them and change their passwords."""

from __future__ import annotations

import re

import sqlalchemy as sa
from flask_babel import lazy_gettext as _
from sqlalchemy.orm import Session

from surveyapp.models import Role, User
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
    session: Session, *, email: str, password: str, role: Role | str, name: str = ""
) -> User:
    """Create an account with a hashed password; refuses a duplicate e-mail address."""
    email = normalise_email(email)
    check_password_strength(password)
    if find_user(session, email) is not None:
        raise OperationError(
            _("Es gibt schon ein Konto für %(email)s.", email=email), field="email"
        )
    user = User(email=email, name=name.strip(), role=Role(role))
    user.set_password(password)
    session.add(user)
    session.flush()
    return user


def set_password(session: Session, user: User, password: str) -> None:
    """Replace an account's password."""
    check_password_strength(password)
    user.set_password(password)
    session.flush()
