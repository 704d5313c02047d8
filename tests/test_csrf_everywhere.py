"""Every POST route of the app refuses a request without a valid CSRF token, and changes
nothing: the routes come from ``app.url_map``, so a new route cannot be forgotten.

The visitor is logged in as an admin (who may do everything) and has opened a participant's
link, so every refusal is the CSRF check's and not an access rule's. Two forgeries are tried:
no token at all, and a token that is valid for another visitor's session.
"""

from __future__ import annotations

import pytest

from tests.factories import PASSWORD
from tests.routes import build_route_world, csrf_token_in, rules, snapshot, url_of

#: Form fields a forged request would carry: enough that only the token is missing.
FORGED = {
    "count": "3",
    "confirm_name": "RX",
    "email": "evil@example.org",
    "password": PASSWORD,
    "token": "x",
    "name": "Übernommen",
    "action": "next",
    "q_role": "team",
}
CSRF_MESSAGES = ("Das Formular ist abgelaufen", "Sitzung abgelaufen", "noch einmal")


def _logged_in_admin(app, world):
    client = app.test_client()
    data = {
        "email": world.world.users["admin"].email,
        "password": PASSWORD,
        "csrf_token": csrf_token_in(client.get("/login").text),
    }
    assert client.post("/login", data=data).status_code == 302
    # The victim has also opened a participant link: the session knows that visit too.
    assert client.get(f"/s/{world.token}/{world.first_section}").status_code == 200
    return client


@pytest.mark.parametrize("forgery", ["missing", "from another session"])
def test_every_post_route_refuses_a_forged_request_and_changes_nothing(
    csrf_config, app, session, factory, forgery
):
    world = build_route_world(session, factory)
    client = _logged_in_admin(app, world)
    if forgery == "missing":
        token = {}
    else:
        attacker = app.test_client()
        token = {"csrf_token": csrf_token_in(attacker.get("/login").text)}
    before = snapshot(session)
    refused, wrong = [], []
    for rule in rules(app, "POST"):
        url = url_of(app, rule, world)
        response = client.post(url, data={**FORGED, **token})
        text = response.get_data(as_text=True)
        if response.status_code != 400 or not any(m in text for m in CSRF_MESSAGES):
            wrong.append(f"POST {url} ({rule.endpoint}): {response.status_code}")
        refused.append(rule.endpoint)
    assert not wrong, "not refused as a forgery:\n" + "\n".join(wrong)
    assert {"auth.login", "auth.logout", "participant.section", "participant.submit"} <= set(
        refused
    )
    assert snapshot(session) == before
    # Still logged in: the forged logout did not end the session.
    assert client.get("/f/audit").status_code == 200


def test_every_post_route_accepts_the_page_s_own_token(csrf_config, app, session, factory):
    """The other half: the refusals above are the token's doing, not the form's."""
    world = build_route_world(session, factory)
    client = _logged_in_admin(app, world)
    token = csrf_token_in(client.get("/f/").text)
    refused = []
    for rule in rules(app, "POST"):
        if rule.endpoint in ("auth.logout", "auth.login"):
            continue
        url = url_of(app, rule, world)
        response = client.post(url, data={**FORGED, "csrf_token": token})
        text = response.get_data(as_text=True)
        if response.status_code == 400 and any(m in text for m in CSRF_MESSAGES[:2]):
            refused.append(f"POST {url} ({rule.endpoint})")
    assert not refused, "refused although the token was right:\n" + "\n".join(refused)


def test_no_route_changes_anything_through_get(app, session, factory):
    """GET, HEAD and OPTIONS carry no CSRF token, so they must never change state."""
    world = build_route_world(session, factory)
    client = app.test_client()
    client.post("/login", data={"email": world.world.users["admin"].email, "password": PASSWORD})
    client.get(f"/s/{world.token}")  # the first visit may note the start; later ones not
    before = snapshot(session)
    for rule in rules(app, "GET"):
        if rule.endpoint == "auth.logout":
            continue
        client.get(url_of(app, rule, world)).close()
    after = snapshot(session)
    # Reading is recorded in the audit log (exports, downloads): that is the only change.
    before.pop("audit_events"), after.pop("audit_events")
    assert after == before
