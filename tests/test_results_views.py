"""The results pages, asked over HTTP on both databases: who sees what, and how it is sent."""

from __future__ import annotations

from surveyapp.models import Role
from tests.factories import login


def _csp(response) -> dict[str, str]:  # noqa: ANN001
    policy = response.headers["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())


def test_only_dashboard_pages_allow_the_inline_styles_plotly_needs(client, session, factory):
    facilitator = factory.user(Role.FACILITATOR)
    team = factory.team(factory.round(facilitators=[facilitator]))
    session.commit()
    login(client, facilitator)
    dashboard = client.get(f"/f/rounds/{team.round_id}/results")
    ordinary = client.get(f"/f/rounds/{team.round_id}")
    assert dashboard.status_code == ordinary.status_code == 200
    assert _csp(dashboard)["style-src"] == "'self' 'unsafe-inline'"
    assert _csp(ordinary)["style-src"] == "'self'"
    for response in (dashboard, ordinary):
        assert _csp(response)["script-src"] == "'self'"
        assert response.headers["Cache-Control"] == "no-store"
