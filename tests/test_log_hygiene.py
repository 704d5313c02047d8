"""The server's log of a whole journey holds no token, no password, no answer and no SQL.

A facilitator logs in, looks at the round, makes and revokes links, exports and opens the
results; participants answer everything and submit; on the way there are the usual
mistakes (a wrong password, a mistyped link, a stale form, a page that does not exist).
Everything gunicorn (2 workers, log level info, as in production) wrote is then searched.
Masking tokens in log lines of failing requests is issue 9's and tested there.
"""

from __future__ import annotations

import re

import pytest
import requests

from surveyapp.models import Role
from surveyapp.operations.invitations import find_invitation
from tests.factories import PASSWORD
from tests.servers import Gunicorn
from tests.test_rush import crowd

SQL = re.compile(r"\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM)\b|\[parameters", re.I)


@pytest.fixture
def server(db_uri, tmp_path):
    gunicorn = Gunicorn(db_uri, tmp_path / "gunicorn.log", log_level="info")
    yield gunicorn
    gunicorn.stop()


def _csrf(text: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', text)[1]


def test_the_log_of_a_full_journey_holds_no_secret(session, factory, server):
    facilitator = factory.user(Role.FACILITATOR, email="moderation@example.org")
    participants = crowd(session, factory, server.base, 4)
    team = find_invitation(session, participants[0].token).team
    team.round.facilitators.append(facilitator)
    session.commit()
    round_id, team_id = team.round.id, team.id
    server.start()
    base = server.base

    for participant in participants:
        participant.answer_everything()

    browser = requests.Session()
    login_page = browser.get(f"{base}/login").text
    browser.post(f"{base}/login", data={"email": facilitator.email, "password": "falsch"})
    login = browser.post(
        f"{base}/login",
        data={"email": facilitator.email, "password": PASSWORD, "csrf_token": _csrf(login_page)},
        allow_redirects=False,
    )
    assert login.status_code == 302
    team_page = browser.get(f"{base}/f/teams/{team_id}").text
    created = browser.post(
        f"{base}/f/teams/{team_id}/invitations",
        data={"count": "2", "csrf_token": _csrf(team_page)},
    )
    new_tokens = re.findall(r"/s/([A-Za-z0-9_-]{30,})", created.text)
    assert new_tokens
    for url in (
        f"/f/rounds/{round_id}",
        f"/f/rounds/{round_id}/export.csv",
        f"/f/rounds/{round_id}/export.xlsx",
        f"/f/rounds/{round_id}/results",
        f"/f/teams/{team_id}/results",
        "/f/rounds/999999",
    ):
        assert browser.get(f"{base}{url}").status_code < 500
    browser.post(f"{base}/f/rounds/{round_id}/status/close")  # no token: refused
    browser.post(f"{base}/logout", data={"csrf_token": _csrf(team_page)})
    for participant in participants[:2]:
        requests.get(f"{base}/s/{participant.token}x")  # a mistyped link
        requests.post(f"{base}/s/{participant.token}/about", data={"q_role": "team"})
    server.stop()

    log = server.output()
    assert "Booting worker" in log  # the log was captured, at level info
    secrets = {PASSWORD: "password", "falsch": "password"}
    for participant in participants:
        secrets[participant.token] = "token"
        secrets[participant.token[:16]] = "token prefix"
        for key, value in participant.answers.items():
            if isinstance(value, str) and len(value) > 12:
                secrets[value] = f"answer {key}"
    for token in new_tokens:
        secrets[token] = "new token"
    leaks = sorted({kind for secret, kind in secrets.items() if secret in log})
    assert leaks == [], log
    assert not SQL.search(log), log
    assert "Traceback" not in log, log
