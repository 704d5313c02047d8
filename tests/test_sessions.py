"""A session ends for good: logout, a new password, deactivation and a new role end every
session of the account, and a cookie copied before is refused afterwards."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from surveyapp.models import AuditEvent, Role
from tests.factories import PASSWORD, login

NEW_PASSWORD = "a completely different passphrase"


def _logged_in(app, user):
    client = app.test_client()
    assert login(client, user).status_code == 302
    assert client.get("/f/").status_code == 200
    return client


def _copy_of(app, client):
    """A second client carrying a copy of the first one's session cookie (a stolen cookie)."""
    cookie = client.get_cookie("session")
    assert cookie is not None
    thief = app.test_client()
    thief.set_cookie("session", cookie.value, domain=cookie.domain)
    return thief


def _opens_the_workspace(client) -> bool:
    response = client.get("/f/")
    return response.status_code == 200


def test_a_cookie_copied_before_logout_is_refused_after_it(app, session, factory):
    user = factory.user(Role.FACILITATOR)
    session.commit()
    client = _logged_in(app, user)
    copied = _copy_of(app, client)
    elsewhere = _logged_in(app, user)  # the same account in another browser
    assert _opens_the_workspace(copied)
    assert client.post("/logout").status_code == 302
    assert not _opens_the_workspace(copied)
    assert copied.get("/f/").headers["Location"].startswith("/login")
    assert not _opens_the_workspace(elsewhere)  # logout ends every session of the account
    assert _opens_the_workspace(_logged_in(app, user))  # and a new login works


@pytest.mark.parametrize(
    "change",
    [
        ("users", "set-password", "--email", "{email}"),
        ("users", "deactivate", "--email", "{email}"),
        ("users", "set-role", "--email", "{email}", "--role", "contact"),
    ],
    ids=["password", "deactivation", "role"],
)
def test_an_account_change_ends_every_session(app, session, factory, monkeypatch, change):
    user = factory.user(Role.FACILITATOR)
    session.commit()
    client = _logged_in(app, user)
    copied = _copy_of(app, client)
    monkeypatch.setenv("SURVEYAPP_PASSWORD", NEW_PASSWORD)
    result = app.test_cli_runner().invoke(args=[part.format(email=user.email) for part in change])
    assert result.exit_code == 0, result.output
    assert not _opens_the_workspace(client)
    assert not _opens_the_workspace(copied)


def test_a_new_password_works_and_the_old_one_no_longer_does(app, session, factory, monkeypatch):
    user = factory.user(Role.FACILITATOR)
    session.commit()
    monkeypatch.setenv("SURVEYAPP_PASSWORD", NEW_PASSWORD)
    result = app.test_cli_runner().invoke(args=["users", "set-password", "--email", user.email])
    assert result.exit_code == 0, result.output
    assert login(app.test_client(), user, PASSWORD).status_code == 200
    assert login(app.test_client(), user, NEW_PASSWORD).status_code == 302


def test_a_role_change_is_recorded_and_takes_effect(app, session, factory):
    user = factory.user(Role.FACILITATOR)
    session.commit()
    result = app.test_cli_runner().invoke(
        args=["users", "set-role", "--email", user.email, "--role", "contact"]
    )
    assert result.exit_code == 0, result.output
    session.expire_all()
    assert user.role is Role.CONTACT
    event = session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "user.role")).one()
    assert (event.target, event.details) == (user.email, {"role": "contact"})
    client = app.test_client()
    assert login(client, user).status_code == 302
    assert client.get("/f/rounds/new").status_code == 403
