"""Every facilitator and auth route, asked by every kind of visitor: who gets in, who not.

The world: facilitator X runs round RX with the teams of municipalities A and B (contacts
cA and cB); facilitator Y runs round RY with team C; and an admin. Every URL points at RX's
objects. A route that is not in the table fails ``test_every_route_has_an_access_rule``,
so nobody can add a page without deciding who may open it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from flask import Flask

from surveyapp import access
from surveyapp.models import Role, SurveyRound, Team
from tests.factories import (
    DEFAULT_VERSION,
    QUESTIONNAIRE_ID,
    SHIPPED_SECTIONS,
    Factory,
    login,
)

ROLES = (
    "anonymous",
    "participant",  # has opened an invitation link, is logged in nowhere
    "contact_a",
    "contact_b",
    "facilitator_x",
    "facilitator_y",
    "admin",
)
#: A participant's link opens only their own answers: everywhere else they are anonymous.
AS_ROLE = {"participant": "anonymous"}
OK, LOGIN = "ok", "login"

# Expected answers, by kind of page, for each role.
ROUND_PAGE = {
    "anonymous": LOGIN,
    "contact_a": 403,
    "contact_b": 403,
    "facilitator_x": OK,
    "facilitator_y": 404,
    "admin": OK,
}
STAFF_PAGE = {**ROUND_PAGE, "facilitator_y": OK}
ADMIN_PAGE = {**ROUND_PAGE, "facilitator_x": 403, "facilitator_y": 403}
#: A municipality used by RX: corrected by an admin or RX's facilitator, visible to all staff.
MUNICIPALITY_OF_RX = {**STAFF_PAGE, "facilitator_y": 403}
ACCOUNT_PAGE = {role: OK for role in ROLES} | {"anonymous": LOGIN}
TEAM_A_VIEW = {**ROUND_PAGE, "contact_a": OK, "contact_b": 404}
#: Team A's links are made, handed out and revoked by its round's staff and by its contacts.
TEAM_A_LINKS = TEAM_A_VIEW
INDEX = {**STAFF_PAGE, "contact_a": "/f/my", "contact_b": "/f/my"}
LOGIN_PAGE = {role: OK for role in ROLES} | {"contact_a": "/f/my", "contact_b": "/f/my"}
LOGIN_PAGE |= {"facilitator_x": "/f/", "facilitator_y": "/f/", "admin": "/f/"}
LOGOUT = {role: LOGIN for role in ROLES}  # everyone ends up on the login page

#: The preview of the questionnaire version RX uses (no ids: the same for every round).
PREVIEW = f"/f/questionnaires/{QUESTIONNAIRE_ID}/v{DEFAULT_VERSION}"

#: endpoint -> (URL with RX's objects, expected answers)
TABLE = {
    "auth.login": ("/login", LOGIN_PAGE),
    "facilitator.index": ("/f/", INDEX),
    "facilitator.new_round": ("/f/rounds/new", STAFF_PAGE),
    "facilitator.round_detail": ("/f/rounds/{rx}", ROUND_PAGE),
    "facilitator.edit_round": ("/f/rounds/{rx}/edit", ROUND_PAGE),
    "facilitator.round_status": ("/f/rounds/{rx}/status/close", ROUND_PAGE),
    "facilitator.add_facilitator": ("/f/rounds/{rx}/facilitators", ROUND_PAGE),
    "facilitator.new_team": ("/f/rounds/{rx}/teams/new", ROUND_PAGE),
    "facilitator.export_round": ("/f/rounds/{rx}/export.csv", ROUND_PAGE),
    "facilitator.export_results": ("/f/rounds/{rx}/results.csv", ROUND_PAGE),
    "facilitator.brief_pdf": ("/f/rounds/{rx}/brief.pdf", ROUND_PAGE),
    "facilitator.team_report_pdf": ("/f/teams/{team_a}/report.pdf", TEAM_A_VIEW),
    "facilitator.delete_responses": ("/f/rounds/{rx}/delete-responses", ROUND_PAGE),
    "facilitator.team_detail": ("/f/teams/{team_a}", ROUND_PAGE),
    "facilitator.add_contact": ("/f/teams/{team_a}/contacts", ROUND_PAGE),
    "facilitator.set_planned_size": ("/f/teams/{team_a}/planned-size", ROUND_PAGE),
    "facilitator.remove_contact": ("/f/teams/{team_a}/contacts/{contact_a}/remove", ROUND_PAGE),
    "facilitator.create_invitations": ("/f/teams/{team_a}/invitations", ROUND_PAGE),
    "facilitator.download_invitations": (
        "/f/teams/{team_a}/invitations/download.csv",
        TEAM_A_LINKS,
    ),
    "facilitator.print_invitations": ("/f/teams/{team_a}/invitations/print", TEAM_A_LINKS),
    "facilitator.revoke_invitation": ("/f/invitations/{invitation_a}/revoke", ROUND_PAGE),
    "facilitator.contact_create_invitations": ("/f/my/teams/{team_a}/invitations", TEAM_A_LINKS),
    "facilitator.contact_revoke_invitation": (
        "/f/my/invitations/{invitation_a}/revoke",
        TEAM_A_LINKS,
    ),
    "facilitator.municipalities": ("/f/municipalities", STAFF_PAGE),
    "facilitator.new_municipality": ("/f/municipalities/new", STAFF_PAGE),
    "facilitator.edit_municipality": (
        "/f/municipalities/{municipality_a}/edit",
        MUNICIPALITY_OF_RX,
    ),
    "facilitator.questionnaires": ("/f/questionnaires", STAFF_PAGE),
    "facilitator.preview_questionnaire": (f"{PREVIEW}/", STAFF_PAGE),
    "facilitator.preview_section": (f"{PREVIEW}/{SHIPPED_SECTIONS[0]}", STAFF_PAGE),
    "facilitator.audit_log": ("/f/audit", ADMIN_PAGE),
    "facilitator.my_teams": ("/f/my", ACCOUNT_PAGE),
    "facilitator.contact_team": ("/f/my/teams/{team_a}", TEAM_A_VIEW),
    "facilitator.results_overview": ("/f/rounds/{rx}/results", ROUND_PAGE),
    "facilitator.results_team": ("/f/teams/{team_a}/results", TEAM_A_VIEW),
    "facilitator.results_compare": ("/f/rounds/{rx}/compare", ROUND_PAGE),
    "facilitator.results_trend": ("/f/teams/{team_a}/over-time", ROUND_PAGE),
    "facilitator.hide_answer": ("/f/answers/{answer_a}/hide", ROUND_PAGE),
    "auth.logout": ("/logout", LOGOUT),  # last: it ends the session
}
#: Open to everyone by design; every other endpoint must have a row in TABLE.
PUBLIC = ("main.", "i18n.", "participant.", "assets.", "static")


@dataclass
class World:
    users: dict[str, object]
    ids: dict[str, int]
    round_x: SurveyRound
    round_y: SurveyRound
    team_a: Team
    team_b: Team
    team_c: Team


def build_world(session, factory: Factory) -> World:
    users = {
        "contact_a": factory.user(Role.CONTACT, email="ca@example.org"),
        "contact_b": factory.user(Role.CONTACT, email="cb@example.org"),
        "facilitator_x": factory.user(Role.FACILITATOR, email="x@example.org"),
        "facilitator_y": factory.user(Role.FACILITATOR, email="y@example.org"),
        "admin": factory.user(Role.ADMIN, email="admin@example.org"),
    }
    round_x = factory.round(name="RX", facilitators=[users["facilitator_x"]])
    round_y = factory.round(name="RY", facilitators=[users["facilitator_y"]])
    team_a = factory.team(round_x, factory.municipality("A"), contacts=[users["contact_a"]])
    team_b = factory.team(round_x, factory.municipality("B"), contacts=[users["contact_b"]])
    team_c = factory.team(round_y, factory.municipality("C"))
    invitation_a, _token = factory.invitation(team_a)
    response_a = factory.response(team_a)
    session.commit()
    ids = {
        "rx": round_x.id,
        "team_a": team_a.id,
        "contact_a": users["contact_a"].id,
        "invitation_a": invitation_a.id,
        "municipality_a": team_a.municipality_id,
        "answer_a": _an_open_answer(response_a),
    }
    return World(users, ids, round_x, round_y, team_a, team_b, team_c)


def _an_open_answer(response) -> int:
    texts = [a for a in response.answers if isinstance(a.value, str) and " " in a.value]
    return texts[0].id


def methods_of(app: Flask, endpoint: str) -> list[str]:
    for rule in app.url_map.iter_rules(endpoint):
        return sorted(rule.methods - {"HEAD", "OPTIONS"})
    raise AssertionError(f"no route for {endpoint}")


def outcome(response) -> object:
    """Reduce a response to what the table speaks of."""
    location = response.headers.get("Location", "")
    if response.status_code == 302 and location.startswith("/login"):
        return LOGIN
    if response.status_code in (403, 404):
        return response.status_code
    if response.status_code == 302 and location in ("/f/my", "/f/"):
        return location
    if response.status_code in (200, 302, 400):
        return OK
    return response.status_code


def test_every_route_has_an_access_rule(app):
    guarded = {
        rule.endpoint for rule in app.url_map.iter_rules() if not rule.endpoint.startswith(PUBLIC)
    }
    assert guarded - TABLE.keys() == set(), "routes without an access rule in TABLE"
    assert TABLE.keys() - guarded == set(), "rules for routes that no longer exist"


def test_every_facilitator_view_declares_who_may_open_it(app):
    for endpoint, view in app.view_functions.items():
        if endpoint.startswith("facilitator."):
            assert getattr(view, "allowed_roles", None), endpoint


def test_a_view_without_a_declaration_is_closed_to_everyone(app, client, session, factory):
    admin = factory.user(Role.ADMIN)
    session.commit()
    app.add_url_rule("/f/undeclared", endpoint="facilitator.undeclared", view_func=lambda: "x")
    login(client, admin)
    assert client.get("/f/undeclared").status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_each_route_answers_each_role_as_the_table_says(app, session, factory, role):
    world = build_world(session, factory)
    client = _client_of(app, factory, session, world, role)
    wrong = _differences_from_table(app, client, world.ids, AS_ROLE.get(role, role))
    assert not wrong, f"as {role}:\n" + "\n".join(wrong)


def _differences_from_table(app, client, ids, column, *, with_ids_only=False):
    """Ask every route of TABLE with these ids; return where the answer differs from column."""
    wrong = []
    for endpoint, (pattern, expected_by_role) in TABLE.items():
        if with_ids_only and "{" not in pattern:
            continue
        url = pattern.format(**ids)
        expected = expected_by_role[column]
        for method in methods_of(app, endpoint):
            response = client.open(url, method=method, data={})
            got = outcome(response)
            if method == "GET" and expected == OK:
                got = OK if response.status_code == 200 else response.status_code
            if got != expected:
                wrong.append(f"{method} {url} ({endpoint}): expected {expected}, got {got}")
    return wrong


def _client_of(app, factory, session, world, role):
    client = app.test_client()
    if role == "participant":
        _invitation, token = factory.invitation(world.team_a)
        session.commit()
        assert client.get(f"/s/{token}").status_code == 200
    elif role != "anonymous":
        assert login(client, world.users[role]).status_code == 302
    return client


#: Who stands to a foreign round as the table's columns stand to RX: X to RY is Y to RX.
MIRROR = {"facilitator_x": "facilitator_y", "contact_a": "contact_b"}


@pytest.mark.parametrize("role", ["participant", "contact_a", "facilitator_x", "admin"])
def test_ids_of_another_round_answer_each_role_as_an_outsider(app, session, factory, role):
    """No IDOR: the same routes with the ids of RY (run by Y) instead of RX's."""
    world = build_world(session, factory)
    contact_c = factory.user(Role.CONTACT, email="cc@example.org")
    world.team_c.contacts.append(contact_c)
    invitation_c, _token = factory.invitation(world.team_c)
    response_c = factory.response(world.team_c)
    session.commit()
    foreign = {
        "rx": world.round_y.id,
        "team_a": world.team_c.id,
        "contact_a": contact_c.id,
        "invitation_a": invitation_c.id,
        "municipality_a": world.team_c.municipality_id,
        "answer_a": _an_open_answer(response_c),
    }
    client = _client_of(app, factory, session, world, role)
    column = MIRROR.get(role, AS_ROLE.get(role, role))
    wrong = _differences_from_table(app, client, foreign, column, with_ids_only=True)
    assert not wrong, f"as {role}:\n" + "\n".join(wrong)
    if role != "admin":  # the admin may, and did, close RY and revoke its link
        session.expire_all()
        assert world.round_y.status.value == "open"
        assert {i.status.value for i in world.team_c.invitations} == {"active"}


@pytest.mark.parametrize("role", ["contact_b", "facilitator_y"])
def test_refused_changes_leave_nothing_changed(app, session, factory, role):
    world = build_world(session, factory)
    client = app.test_client()
    login(client, world.users[role])
    rx = world.ids["rx"]
    client.post(f"/f/rounds/{rx}/status/close")
    client.post(f"/f/rounds/{rx}/delete-responses", data={"confirm_name": "RX"})
    client.post(f"/f/invitations/{world.ids['invitation_a']}/revoke")
    client.post(f"/f/teams/{world.ids['team_a']}/invitations", data={"count": "3"})
    client.post(f"/f/my/teams/{world.ids['team_a']}/invitations", data={"count": "3"})
    client.post(f"/f/my/invitations/{world.ids['invitation_a']}/revoke")
    session.expire_all()
    assert world.round_x.status.value == "open"
    assert len(world.team_a.responses) == 1
    assert [i.status.value for i in world.team_a.invitations] == ["active", "active"]


def test_contact_pages_show_only_the_own_teams(app, session, factory):
    world = build_world(session, factory)
    client = app.test_client()
    login(client, world.users["contact_a"])
    page = client.get("/f/my").text
    assert "A" in page and f"/f/my/teams/{world.team_a.id}" in page
    assert f"/f/my/teams/{world.team_b.id}" not in page
    assert client.get(f"/f/my/teams/{world.team_c.id}").status_code == 404


def test_a_facilitator_lists_only_the_rounds_they_run(app, session, factory):
    world = build_world(session, factory)
    client = app.test_client()
    login(client, world.users["facilitator_x"])
    page = client.get("/f/").text
    assert ">RX<" in page and ">RY<" not in page
    admin = app.test_client()
    login(admin, world.users["admin"])
    page = admin.get("/f/").text
    assert ">RX<" in page and ">RY<" in page


def test_the_access_rules_as_plain_functions(session, factory):
    world = build_world(session, factory)
    users = world.users
    assert access.can_view_round(users["facilitator_x"], world.round_x)
    assert not access.can_view_round(users["facilitator_y"], world.round_x)
    assert not access.can_view_round(users["contact_a"], world.round_x)
    assert access.can_view_round(users["admin"], world.round_y)
    assert access.can_view_team(users["contact_a"], world.team_a)
    assert not access.can_view_team(users["contact_a"], world.team_b)
    assert not access.can_manage_team(users["contact_a"], world.team_a)
    assert not access.can_view_round(None, world.round_x)
    users["facilitator_x"].active = False
    assert not access.can_view_round(users["facilitator_x"], world.round_x)
    rounds_of = {
        name: {r.name for r in session.scalars(access.visible_rounds_query(users[name]))}
        for name in ("facilitator_x", "facilitator_y", "admin", "contact_a")
    }
    assert rounds_of == {
        "facilitator_x": set(),  # inactive now
        "facilitator_y": {"RY"},
        "admin": {"RX", "RY"},
        "contact_a": set(),
    }


def test_an_inactive_contact_sees_no_team(session, factory):
    world = build_world(session, factory)
    contact = world.users["contact_a"]
    assert access.can_view_team(contact, world.team_a)
    contact.active = False
    assert not access.can_view_team(contact, world.team_a)
    assert session.scalars(access.contact_teams_query(contact)).all() == []
