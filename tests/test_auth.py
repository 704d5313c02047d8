"""Logging in and out: sessions renewed, cookies locked down, attempts limited and audited."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from surveyapp.models import AuditEvent, Role
from tests.factories import PASSWORD, login


def audit_actions(session) -> list[str]:
    return list(session.scalars(sa.select(AuditEvent.action).order_by(AuditEvent.id)))


def test_login_page_is_german_and_at_slash_login(client):
    response = client.get("/login")
    assert response.status_code == 200
    assert "Anmelden" in response.text
    assert 'autocomplete="current-password"' in response.text
    assert response.headers["Cache-Control"] == "no-store"


def test_a_facilitator_logs_in_lands_on_rounds_and_the_login_is_recorded(client, session, factory):
    user = factory.user(Role.FACILITATOR)
    session.commit()
    response = login(client, user)
    assert response.status_code == 302
    assert response.headers["Location"] == "/f/"
    assert client.get("/f/").status_code == 200
    session.refresh(user)
    assert user.last_login_at is not None
    event = session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "login")).one()
    assert (event.user_id, event.actor) == (user.id, user.email)
    assert PASSWORD not in str(event.details)


def test_a_contact_lands_on_their_teams(client, session, factory):
    contact = factory.user(Role.CONTACT)
    session.commit()
    assert login(client, contact).headers["Location"] == "/f/my"


def test_login_goes_back_to_the_page_asked_for_but_never_to_another_site(client, session, factory):
    user = factory.user(Role.FACILITATOR)
    session.commit()
    response = client.get("/f/municipalities")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")
    data = {"email": user.email, "password": PASSWORD, "next": "/f/municipalities"}
    assert client.post("/login", data=data).headers["Location"] == "/f/municipalities"
    client.post("/logout")
    data["next"] = "https://evil.example/phish"
    assert client.post("/login", data=data).headers["Location"] == "/f/"


@pytest.mark.parametrize(
    "email, password",
    [("nobody@example.org", PASSWORD), ("known@example.org", "wrong password here")],
)
def test_a_failed_login_says_nothing_about_which_part_was_wrong_and_is_audited(
    client, session, factory, email, password
):
    factory.user(Role.FACILITATOR, email="known@example.org")
    session.commit()
    response = client.post("/login", data={"email": email, "password": password})
    assert response.status_code == 200
    assert "E-Mail-Adresse oder Passwort stimmen nicht." in response.text
    assert client.get("/f/").status_code == 302
    event = session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "login.failed")).one()
    assert event.target == email
    assert event.actor == "anonymous"
    assert password not in str(event.details)


def test_an_inactive_account_cannot_log_in(client, session, factory):
    user = factory.user(Role.FACILITATOR)
    user.active = False
    session.commit()
    assert login(client, user).status_code == 200
    assert client.get("/f/").status_code == 302


def test_a_deactivated_account_is_logged_out_on_its_next_request(client, session, factory):
    user = factory.user(Role.FACILITATOR)
    session.commit()
    login(client, user)
    user.active = False
    session.commit()
    assert client.get("/f/").status_code == 302


def test_logout_is_a_post_ends_the_session_and_is_recorded(client, session, factory):
    user = factory.user(Role.FACILITATOR)
    session.commit()
    login(client, user)
    assert client.get("/logout").status_code == 405
    response = client.post("/logout")
    assert response.headers["Location"] == "/login"
    assert client.get("/f/").status_code == 302
    assert audit_actions(session) == ["user.create", "login", "logout"]


def _session_cookie(client) -> str | None:
    cookie = client.get_cookie("session")
    return cookie.value if cookie else None


def test_login_renews_the_session(client, session, factory):
    user = factory.user(Role.FACILITATOR)
    session.commit()
    with client.session_transaction() as flask_session:
        flask_session["planted"] = "by someone before the login"
    before = _session_cookie(client)
    login(client, user)
    assert _session_cookie(client) != before
    with client.session_transaction() as flask_session:
        assert "planted" not in flask_session
        assert flask_session["_user_id"] == user.get_id() == f"{user.id}.1"


def test_session_cookie_is_httponly_and_samesite(client, session, factory):
    user = factory.user(Role.FACILITATOR)
    session.commit()
    header = login(client, user).headers["Set-Cookie"]
    assert "HttpOnly" in header
    assert "SameSite=Lax" in header
    assert "Secure" not in header  # the test config turns it off, like debug mode


@pytest.fixture
def secure_config(app_config):
    app_config.update(SESSION_COOKIE_SECURE=True, REMEMBER_COOKIE_SECURE=True)
    return app_config


def test_session_cookie_is_secure_outside_debug(secure_config, app, session, factory):
    user = factory.user(Role.FACILITATOR)
    session.commit()
    client = app.test_client()
    header = login(client, user).headers["Set-Cookie"]
    assert "Secure" in header and "HttpOnly" in header


def test_login_and_logout_need_thecsrf_token_in(csrf_config, app, session, factory):
    user = factory.user(Role.FACILITATOR)
    session.commit()
    client = app.test_client()
    refused = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert refused.status_code == 400
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text)[1]
    data = {"email": user.email, "password": PASSWORD, "csrf_token": token}
    assert client.post("/login", data=data).status_code == 302
    page = client.get("/f/").text
    new_token = re.search(r'name="csrf_token" value="([^"]+)"', page)[1]
    assert new_token != token  # a new session brings a new CSRF token
    assert client.post("/logout").status_code == 400
    assert client.get("/f/").status_code == 200
    assert client.post("/logout", data={"csrf_token": new_token}).status_code == 302
    assert client.get("/f/").status_code == 302


@pytest.fixture
def limited_config(app_config):
    app_config["RATELIMIT_ENABLED"] = True
    return app_config


def test_failed_logins_for_one_address_are_limited(limited_config, app, session, factory):
    user = factory.user(Role.FACILITATOR)
    session.commit()
    client = app.test_client()
    codes = [
        client.post("/login", data={"email": user.email, "password": "wrong-" * 3}).status_code
        for _ in range(6)
    ]
    assert codes == [200] * 5 + [429]
    locked = client.post("/login", data={"email": user.email, "password": "x"})
    assert "Zu viele Versuche" in locked.text
    # Another address from elsewhere is not affected by this one's lock.
    other = app.test_client()
    response = other.post(
        "/login",
        data={"email": "someone@example.org", "password": "x"},
        environ_base={"REMOTE_ADDR": "10.0.0.2"},
    )
    assert response.status_code == 200


def test_logins_from_one_address_are_limited(limited_config, app, session, factory):
    client = app.test_client()
    codes = [
        client.post(
            "/login", data={"email": f"user{n}@example.org", "password": "wrong password"}
        ).status_code
        for n in range(11)
    ]
    assert codes == [200] * 10 + [429]


def test_the_login_page_itself_is_not_limited(limited_config, app):
    client = app.test_client()
    assert {client.get("/login").status_code for _ in range(15)} == {200}


def test_a_logged_in_user_visiting_login_goes_home(client, session, factory):
    user = factory.user(Role.ADMIN)
    session.commit()
    login(client, user)
    assert client.get("/login").headers["Location"] == "/f/"


def test_start_page_links_to_the_login(client):
    assert 'href="/login"' in client.get("/").text


def test_a_password_typed_into_the_email_field_is_not_logged(client, session):
    client.post("/login", data={"email": "my secret password", "password": "x"})
    event = session.scalars(sa.select(AuditEvent)).one()
    assert (event.action, event.target) == ("login.failed", "")
    assert "secret" not in str(event.details)


def test_one_clients_login_does_not_log_in_another_client(app, client, factory, session):
    user = factory.user(Role.FACILITATOR)
    session.commit()
    login(client, user)
    assert client.get("/f/").status_code == 200

    stranger = app.test_client()
    response = stranger.get("/f/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")
