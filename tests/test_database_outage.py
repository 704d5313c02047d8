"""A database outage: calm 503 pages with Retry-After, nothing typed is lost, recovery without
a restart. The test runs a PostgreSQL server of its own and stops it mid-session."""

from __future__ import annotations

from surveyapp import create_app
from surveyapp.db import db
from surveyapp.models import Role
from surveyapp.operations.responses import answers_of
from tests.conftest import BASE_CONFIG, _migrate
from tests.factories import Factory, login
from tests.pgserver import pg_server  # noqa: F401 (a fixture)
from tests.test_participant_views import hidden

TYPED = "Was wir uns vornehmen, während die Datenbank schläft"


def test_an_outage_gives_calm_503s_keeps_what_was_typed_and_recovers_without_restart(
    pg_server,  # noqa: F811
):
    _migrate(pg_server.uri)
    app = create_app(
        {**BASE_CONFIG, "SQLALCHEMY_DATABASE_URI": pg_server.uri, "PROPAGATE_EXCEPTIONS": False}
    )
    with app.app_context():
        factory = Factory(db.session, app.extensions["questionnaires"])
        facilitator = factory.user(Role.FACILITATOR)
        invitation, token = factory.invitation()
        db.session.commit()
        invitation_id, email = invitation.id, facilitator.email
        db.session.remove()

    staff = app.test_client()
    assert login(staff, email).status_code == 302
    participant = app.test_client()
    page = participant.get(f"/s/{token}/goals").text
    fields = {
        "_base": hidden(page, "_base") or "",
        "_q": hidden(page, "_q") or "",
        "action": "next",
        "q_goals_main": TYPED,
        "q_goals_agreed": "4",
    }

    pg_server.stop()
    try:
        health = app.test_client().get("/healthz")
        assert health.status_code == 503
        assert health.json == {"status": "database unavailable"}
        assert int(health.headers["Retry-After"]) > 0

        saved = participant.post(f"/s/{token}/goals", data=fields)
        assert saved.status_code == 503
        assert int(saved.headers["Retry-After"]) > 0
        assert TYPED in saved.text  # shown back in the form, to send again
        assert f'action="/s/{token}/goals"' in saved.text
        assert 'value="4" checked' in saved.text
        assert "Internal Server Error" not in saved.text

        for client, path in ((participant, f"/s/{token}"), (staff, "/f/")):
            response = client.get(path)
            assert response.status_code == 503, path
            assert int(response.headers["Retry-After"]) > 0
            assert "nicht erreichbar" in response.text
    finally:
        pg_server.start()

    assert app.test_client().get("/healthz").status_code == 200
    resent = participant.post(f"/s/{token}/goals", data=fields)
    assert resent.status_code == 303
    assert staff.get("/f/").status_code == 200  # the same session, no new login
    with app.app_context():
        from surveyapp.models import Invitation

        stored = answers_of(db.session, db.session.get(Invitation, invitation_id).response)
        assert stored["goals_main"] == TYPED
        assert stored["goals_agreed"] == 4
        db.session.remove()
        db.engine.dispose()
