"""Every route of the app, with real ids: the URL of each rule, and the state it may change.

Tests that must cover *every* route (CSRF, security headers, hostile input) enumerate
``app.url_map`` and fill each rule's arguments from :data:`ARGUMENTS`, so a new route is
covered the moment it exists, and a route with a new kind of argument fails loudly until
someone says here which value it takes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from sqlalchemy.orm import Session
from werkzeug.routing import Rule

from surveyapp.db import db
from surveyapp.operations.responses import get_or_start_response, save_answers
from tests.factories import PASSWORD, Factory
from tests.test_access_control import World, build_world


@dataclass
class RouteWorld:
    """The access-control world plus a participant who has started answering."""

    world: World
    token: str
    first_section: str


#: rule argument -> how to get its value from the world
ARGUMENTS: dict[str, Callable[[RouteWorld], Any]] = {
    "round_id": lambda w: w.world.ids["rx"],
    "team_id": lambda w: w.world.ids["team_a"],
    "invitation_id": lambda w: w.world.ids["invitation_a"],
    "municipality_id": lambda w: w.world.ids["municipality_a"],
    "user_id": lambda w: w.world.ids["contact_a"],
    "answer_id": lambda w: w.world.ids["answer_a"],
    "token": lambda w: w.token,
    "section_key": lambda w: w.first_section,
    "qid": lambda w: w.world.round_x.questionnaire_id,
    "version": lambda w: w.world.round_x.questionnaire_version,
    "action": lambda w: "close",
    "fmt": lambda w: "csv",
    "code": lambda w: "en",
    "filename": lambda w: "css/app.css",
}
#: endpoint -> argument values that differ from the defaults above
SPECIAL: dict[str, dict[str, Callable[[RouteWorld], Any]]] = {
    "assets.plotly_js": {"filename": lambda w: _plotly_file()},
    "facilitator.hide_answer": {"action": lambda w: "hide"},
}


def _plotly_file() -> str:
    from surveyapp.views.assets import PLOTLY_FILE

    return PLOTLY_FILE


def build_route_world(session: Session, factory: Factory) -> RouteWorld:
    world = build_world(session, factory)
    invitation, token = factory.invitation(world.team_a)
    response = get_or_start_response(session, invitation)
    questionnaire = factory.registry.get(
        world.round_x.questionnaire_id, world.round_x.questionnaire_version
    )
    first = questionnaire.sections[0]
    save_answers(session, response, first.key, {})
    session.commit()
    return RouteWorld(world, token, first.key)


def csrf_token_in(html: str) -> str:
    """The CSRF token a page's form carries."""
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "the page has no CSRF token"
    return match[1]


def role_clients(
    app: Flask, world: RouteWorld, roles: tuple[str, ...], base_url: str = "http://localhost"
) -> dict[str, Any]:
    """A logged-in test client per role of the world, and ``participant``, logged in as nobody."""
    clients = {}
    for role in roles:
        client = app.test_client()
        email = world.world.users[role].email
        login = client.post(
            "/login", data={"email": email, "password": PASSWORD}, base_url=base_url
        )
        assert login.status_code == 302
        clients[role] = client
    clients["participant"] = app.test_client()
    return clients


def url_of(app: Flask, rule: Rule, world: RouteWorld) -> str:
    """The rule's URL with the world's values; fails naming an argument nobody planned for."""
    values = {}
    for name in rule.arguments:
        source = SPECIAL.get(rule.endpoint, {}).get(name) or ARGUMENTS.get(name)
        if source is None:
            pytest.fail(
                f"route {rule.endpoint} ({rule.rule}) has the argument {name!r}: say in "
                "tests/routes.py ARGUMENTS (or SPECIAL) which value it takes"
            )
        values[name] = source(world)
    adapter = app.url_map.bind("surveyapp.test")
    return adapter.build(rule.endpoint, values, force_external=False)


def rules(app: Flask, method: str) -> Iterator[Rule]:
    """Every rule answering ``method``, in a stable order (logout last: it ends a session)."""
    found = [rule for rule in app.url_map.iter_rules() if method in rule.methods]
    yield from sorted(found, key=lambda r: (r.endpoint == "auth.logout", r.endpoint, r.rule))


def snapshot(session: Session) -> dict[str, list[tuple]]:
    """Every row of every table, to show that a refused request changed nothing."""
    session.expire_all()
    state = {}
    for table in db.metadata.sorted_tables:
        order = list(table.primary_key.columns) or list(table.columns)
        rows = session.execute(sa.select(table).order_by(*order)).all()
        state[table.name] = [tuple(row) for row in rows]
    session.rollback()
    return state
