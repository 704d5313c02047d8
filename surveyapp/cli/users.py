"""``surveyapp users …``: accounts for admins, facilitators and municipality contacts.

Passwords come from a hidden, confirmed prompt or from ``SURVEYAPP_PASSWORD``; they are
never taken as an option (which would land in the shell history) and never printed.
"""

from __future__ import annotations

import os

import click
import sqlalchemy as sa
from flask.cli import AppGroup

from surveyapp.cli.transaction import in_transaction
from surveyapp.db import db
from surveyapp.models import Role, User
from surveyapp.operations import users as user_ops

PASSWORD_VARIABLE = "SURVEYAPP_PASSWORD"

users_cli = AppGroup("users", help="Create accounts and set their passwords.")


def _password() -> str:
    """The new password: from SURVEYAPP_PASSWORD if set, else asked twice without echo."""
    from_env = os.environ.get(PASSWORD_VARIABLE)
    if from_env:
        return from_env
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


def _existing(email: str) -> User:
    user = user_ops.find_user(db.session, email)
    if user is None:
        raise click.ClickException(f"--email: no account for {email}")
    return user


@users_cli.command("create")
@click.option("--email", required=True, help="The account's e-mail address (its login).")
@click.option(
    "--role",
    required=True,
    type=click.Choice([role.value for role in Role]),
    help="admin: everything; facilitator: their rounds; contact: their team's results.",
)
@click.option("--name", default="", help="The person's name, as shown to colleagues.")
@in_transaction
def create_command(email: str, role: str, name: str) -> None:
    """Create an account; the password comes from a prompt or SURVEYAPP_PASSWORD."""
    user_ops.normalise_email(email)  # refuse a bad address before asking for a password
    if user_ops.find_user(db.session, email) is not None:
        raise click.ClickException(f"--email: an account for {email} exists already")
    user = user_ops.create_user(
        db.session, email=email, password=_password(), role=role, name=name, actor=None
    )
    click.echo(f"Created {role} account {user.email}.")


@users_cli.command("set-password")
@click.option("--email", required=True, help="The account whose password to replace.")
@in_transaction
def set_password_command(email: str) -> None:
    """Replace an account's password (prompt or SURVEYAPP_PASSWORD)."""
    user = _existing(email)
    user_ops.set_password(db.session, user, _password(), actor=None)
    click.echo(f"Password of {user.email} changed; every session of the account has ended.")


@users_cli.command("set-role")
@click.option("--email", required=True, help="The account whose role to change.")
@click.option("--role", required=True, type=click.Choice([role.value for role in Role]))
@in_transaction
def set_role_command(email: str, role: str) -> None:
    """Give an account another role; every session of the account ends."""
    user = _existing(email)
    user_ops.set_role(db.session, user, role, actor=None)
    click.echo(f"{user.email} is now {role}; every session of the account has ended.")


@users_cli.command("list")
def list_command() -> None:
    """List the accounts: e-mail, role, active, last login."""
    users = db.session.scalars(sa.select(User).order_by(User.role, User.email))
    for user in users:
        last = user.last_login_at.isoformat(timespec="minutes") if user.last_login_at else "never"
        state = "active" if user.active else "inactive"
        click.echo(f"{user.email}\t{user.role.value}\t{state}\tlast login: {last}")


def _activity_command(name: str, *, active: bool, summary: str, done: str) -> None:
    """Add the command ``name`` that lets an account log in (``active``) or not."""

    @users_cli.command(name, help=summary)
    @click.option("--email", required=True)
    @in_transaction
    def command(email: str) -> None:
        user = _existing(email)
        user_ops.set_active(db.session, user, active, actor=None)
        click.echo(f"{user.email} {done}")


_activity_command(
    "deactivate",
    active=False,
    summary="Stop an account's logins at once (its data and audit entries stay).",
    done="can no longer log in; every session of the account has ended.",
)
_activity_command(
    "activate",
    active=True,
    summary="Allow a deactivated account to log in again.",
    done="can log in again.",
)
