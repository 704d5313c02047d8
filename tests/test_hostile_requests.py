"""Hostile requests are refused: redirects to other hosts, formulas in spreadsheets, markup in
names, limits dodged by spelling, details on error pages, changes to another round's data."""

from __future__ import annotations

import csv
import io
import re
from urllib.parse import urljoin

import pytest
import sqlalchemy as sa

from surveyapp.models import Invitation, InvitationStatus, Role
from surveyapp.operations.exports import export_csv, rows_to_csv
from tests.factories import PASSWORD, login
from tests.routes import csrf_token_in

FORMULA_STARTS = ("=", "+", "-", "@")


# --- open redirects -------------------------------------------------------------------------

#: Targets on another host, plainly or disguised: browsers follow some of them elsewhere
#: although they start with a single "/" (a backslash counts as a slash in http(s) URLs,
#: and tabs and newlines are dropped).
OFF_SITE = (
    "https://evil.example/",
    "//evil.example/",
    "javascript:alert(1)",
    "/\\evil.example/",
    "/\\/evil.example/",
    "\\\\evil.example/",
    "/\t/evil.example/",
    "/\n/evil.example/",
)


def stays_on_site(location: str) -> bool:
    """Read a Location header the way a browser does (``\\`` is ``/``, tabs and newlines
    vanish) and tell whether it stays on this host."""
    cleaned = re.sub(r"[\t\n\r]", "", location).replace("\\", "/")
    return urljoin("https://surveyapp.test/f/", cleaned).startswith("https://surveyapp.test/")


@pytest.mark.parametrize("target", OFF_SITE)
def test_login_never_redirects_to_another_host(client, session, factory, target):
    user = factory.user(Role.FACILITATOR)
    session.commit()
    data = {"email": user.email, "password": PASSWORD, "next": target}
    assert stays_on_site(client.post("/login", data=data).headers["Location"])


@pytest.mark.parametrize("target", OFF_SITE)
def test_the_language_switch_never_redirects_to_another_host(client, target):
    response = client.get("/language/en", query_string={"next": target})
    assert stays_on_site(response.headers["Location"])


@pytest.fixture
def production_errors(app_config):
    """Unhandled exceptions become the 500 page, as in production (not raised in the test)."""
    app_config["PROPAGATE_EXCEPTIONS"] = False
    return app_config


BROKEN_NEXT = ("/f/\r\nSet-Cookie: x=1", "/f/\nx", "/f/\rx")


@pytest.mark.parametrize("target", BROKEN_NEXT)
def test_a_line_break_in_next_is_refused_not_a_server_error(production_errors, client, target):
    response = client.get("/language/en", query_string={"next": target})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert "Set-Cookie: x" not in str(response.headers)


@pytest.mark.parametrize("target", BROKEN_NEXT)
def test_a_line_break_in_next_after_login_is_refused_not_a_server_error(
    production_errors, client, session, factory, target
):
    user = factory.user(Role.FACILITATOR)
    session.commit()
    response = client.post(
        "/login", data={"email": user.email, "password": PASSWORD, "next": target}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/f/"


def test_the_language_switch_still_goes_back_to_a_page_of_this_site(client):
    response = client.get("/language/en", query_string={"next": "/s/abc/about?x=1"})
    assert response.headers["Location"] == "/s/abc/about?x=1"


# --- spreadsheets ----------------------------------------------------------------------------


def _cells_as_german_excel_reads_them(data: bytes) -> list[str]:
    """Excel with German regional settings splits a .csv at semicolons, not commas."""
    text = data.decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text), delimiter=";") for cell in row]


@pytest.mark.parametrize(
    "text",
    ["gut;=1+1", "x;@SUM(A1)", "a; =HYPERLINK(CHAR(104))", "b;-2+3", "c;+1", "d;\t=1"],
)
def test_no_csv_cell_starts_a_formula_where_excel_splits_at_semicolons(text):
    data = rows_to_csv(("a", "b"), [(1, text)])
    cells = _cells_as_german_excel_reads_them(data)
    assert not [cell for cell in cells if cell.lstrip().startswith(FORMULA_STARTS)], cells
    # The standard reading keeps the text whole (only marked, never cut).
    row = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))[1]
    assert row[1].replace("'", "") == text


def test_the_round_export_is_safe_for_german_excel_too(session, factory):
    survey_round = factory.round(name="Export")
    team = factory.team(survey_round, factory.municipality("Musterstadt"), name="Team;=1+1")
    factory.response(team, answers={"goals_main": "Ziel;=HYPERLINK(CHAR(104))"})
    session.commit()
    cells = _cells_as_german_excel_reads_them(export_csv(session, survey_round))
    assert not [cell for cell in cells if cell.lstrip().startswith(FORMULA_STARTS)], cells


# --- escaping of names typed by facilitators and participants --------------------------------

XSS = '<script>alert("x")</script>'


def test_names_are_escaped_on_every_facilitator_and_contact_page(client, session, factory):
    facilitator = factory.user(Role.FACILITATOR, email="f@example.org")
    admin = factory.user(Role.ADMIN, email="a@example.org")
    contact = factory.user(Role.CONTACT, email="c@example.org", name=XSS)
    survey_round = factory.round(name="R " + XSS, facilitators=[facilitator])
    team = factory.team(
        survey_round, factory.municipality("M " + XSS), name="T " + XSS, contacts=[contact]
    )
    factory.invitation(team)
    session.commit()
    pages = {
        facilitator: [
            "/f/",
            f"/f/rounds/{survey_round.id}",
            f"/f/rounds/{survey_round.id}/edit",
            f"/f/rounds/{survey_round.id}/teams/new",
            f"/f/rounds/{survey_round.id}/delete-responses",
            f"/f/teams/{team.id}",
            "/f/municipalities",
            f"/f/municipalities/{team.municipality_id}/edit",
        ],
        contact: ["/f/my", f"/f/my/teams/{team.id}"],
        admin: ["/f/audit"],
    }
    # The audit log gets the names too.
    login(client, facilitator)
    client.post(f"/f/teams/{team.id}/invitations", data={"count": "1"})
    client.post("/logout")
    for user, urls in pages.items():
        assert login(client, user).status_code == 302
        for url in urls:
            page = client.get(url)
            assert page.status_code == 200, url
            assert "<script>" not in page.text, url
        client.post("/logout")


# --- login limits ----------------------------------------------------------------------------


@pytest.fixture
def limited_config(app_config):
    app_config["RATELIMIT_ENABLED"] = True
    app_config["RATELIMIT_STORAGE_URI"] = "memory://"
    return app_config


def test_the_e_mail_limit_is_not_escaped_by_case_or_spaces(limited_config, app, session, factory):
    user = factory.user(Role.FACILITATOR, email="known@example.org")
    session.commit()
    spellings = [
        "known@example.org",
        "KNOWN@example.org",
        " Known@Example.org",
        "known@EXAMPLE.ORG ",
    ]
    codes = []
    for attempt in range(6):
        email = spellings[attempt % len(spellings)]
        # From a new address each time: only the e-mail limit can stop this.
        response = app.test_client().post(
            "/login",
            data={"email": email, "password": "wrong-" * 3},
            environ_base={"REMOTE_ADDR": f"10.0.1.{attempt}"},
        )
        codes.append(response.status_code)
    assert codes == [200] * 5 + [429]
    # Locked out means locked out: not even the right password gets in this minute.
    locked = app.test_client().post(
        "/login", data={"email": user.email.upper(), "password": PASSWORD}
    )
    assert locked.status_code == 429


# --- error pages -----------------------------------------------------------------------------


def test_an_unexpected_error_shows_a_calm_page_without_details(production_errors, app, client):
    def boom() -> str:
        raise RuntimeError("secret detail: token=abc123 password=hunter2")

    app.add_url_rule("/boom", "boom", boom)
    response = client.get("/boom")
    assert response.status_code == 500
    assert "Es ist ein Fehler aufgetreten" in response.text
    for leak in ("Traceback", "RuntimeError", "secret detail", "abc123", "hunter2"):
        assert leak not in response.text


# --- changes through ids of other rounds -----------------------------------------------------


def test_a_facilitator_cannot_revoke_or_write_out_links_of_another_round(client, session, factory):
    mine = factory.user(Role.FACILITATOR)
    theirs = factory.user(Role.FACILITATOR)
    own_team = factory.team(factory.round(facilitators=[mine]))
    foreign_team = factory.team(factory.round(facilitators=[theirs]))
    foreign_invitation, foreign_token = factory.invitation(foreign_team)
    session.commit()
    login(client, mine)
    assert client.post(f"/f/invitations/{foreign_invitation.id}/revoke").status_code == 404
    for endpoint in ("download.csv", "print"):
        # Their token through my own team's page: refused, the link not written out.
        response = client.post(
            f"/f/teams/{own_team.id}/invitations/{endpoint}", data={"token": foreign_token}
        )
        assert response.status_code == 302
        assert foreign_token not in response.get_data(as_text=True)
    session.expire_all()
    status = session.scalar(
        sa.select(Invitation.status).where(Invitation.id == foreign_invitation.id)
    )
    assert status is InvitationStatus.ACTIVE


def test_a_contact_cannot_be_added_to_or_removed_from_a_team_of_another_round(
    client, session, factory
):
    mine = factory.user(Role.FACILITATOR)
    theirs = factory.user(Role.FACILITATOR)
    contact = factory.user(Role.CONTACT)
    foreign_team = factory.team(factory.round(facilitators=[theirs]), contacts=[contact])
    session.commit()
    login(client, mine)
    assert (
        client.post(
            f"/f/teams/{foreign_team.id}/contacts", data={"email": "spy@example.org"}
        ).status_code
        == 404
    )
    assert (
        client.post(f"/f/teams/{foreign_team.id}/contacts/{contact.id}/remove").status_code == 404
    )
    session.expire_all()
    assert [c.email for c in foreign_team.contacts] == [contact.email]


# --- participants ----------------------------------------------------------------------------


def test_a_revoked_token_can_neither_save_nor_submit(client, session, factory):
    invitation, token = factory.invitation()
    session.commit()
    assert client.post(f"/s/{token}/start").status_code == 303
    invitation.status = InvitationStatus.REVOKED
    session.commit()
    unknown = "x" * len(token)
    for suffix in ("/about", "/submit", "/start"):
        response = client.post(f"/s/{token}{suffix}", data={"q_role": "team", "action": "next"})
        assert response.status_code == 404, suffix
        # The very page an unknown token gets: nothing tells that this one existed.
        guess = client.post(f"/s/{unknown}{suffix}", data={"q_role": "team", "action": "next"})
        assert response.text.replace(token, unknown) == guess.text


def test_participant_pages_tell_the_browser_to_send_no_referrer_elsewhere(client, session, factory):
    _invitation, token = factory.invitation()
    session.commit()
    response = client.get(f"/s/{token}")
    assert response.headers["Referrer-Policy"] in ("same-origin", "no-referrer")
    assert response.headers["Cache-Control"] == "no-store"


# --- CSRF on every change --------------------------------------------------------------------


def test_every_post_route_refuses_a_request_without_thecsrf_token_in(
    csrf_config, app, session, factory
):
    from surveyapp.models import AuditEvent
    from tests.test_access_control import TABLE, build_world

    world = build_world(session, factory)
    admin = world.users["admin"]
    client = app.test_client()
    token = csrf_token_in(client.get("/login").text)
    data = {"email": admin.email, "password": PASSWORD, "csrf_token": token}
    assert client.post("/login", data=data).status_code == 302
    events = session.scalar(sa.select(sa.func.count(AuditEvent.id)))
    posted = []
    for rule in app.url_map.iter_rules():
        if "POST" not in rule.methods or rule.endpoint.startswith("participant."):
            continue
        assert rule.endpoint in TABLE, rule.endpoint
        url = TABLE[rule.endpoint][0].format(**world.ids)
        forged = {"count": "3", "confirm_name": "RX", "email": "evil@example.org", "token": "x"}
        response = client.post(url, data=forged)
        assert response.status_code == 400, (url, response.status_code)
        posted.append(rule.endpoint)
    assert "auth.logout" in posted and "facilitator.revoke_invitation" in posted
    session.expire_all()
    assert session.scalar(sa.select(sa.func.count(AuditEvent.id))) == events
    assert world.round_x.status.value == "open"
    assert [i.status.value for i in world.team_a.invitations] == ["active", "active"]
    # Still logged in: a forged logout did not end the session.
    assert client.get("/f/audit").status_code == 200


def test_no_route_changes_anything_through_get_put_or_delete(app):
    for rule in app.url_map.iter_rules():
        assert not rule.methods & {"PUT", "PATCH", "DELETE"}, rule
