"""The results pages, asked over HTTP on both databases: who sees what, and how it is sent."""

from __future__ import annotations

import json
import re

import pytest

from surveyapp.models import AuditEvent, Role
from surveyapp.views.assets import PLOTLY_FILE
from surveyapp.views.facilitator.results import results_cache
from tests.factories import login

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(2)>'


def _csp(response) -> dict[str, str]:
    policy = response.headers["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())


def _figures(html: str) -> list[dict]:
    found = re.findall(r'<script type="application/json" data-chart="[^"]+">(.*?)</script>', html)
    return [json.loads(text) for text in found]


@pytest.fixture
def world(session, factory):
    """A round of facilitator F with teams A (4 answers, a contact), B (4) and C (2 < k)."""
    facilitator = factory.user(Role.FACILITATOR, email="f@example.org")
    contact = factory.user(Role.CONTACT, email="c@example.org")
    survey_round = factory.round(facilitators=[facilitator], min_group_size=3)
    teams = {
        "a": factory.team(survey_round, factory.municipality("Aheim"), contacts=[contact]),
        "b": factory.team(survey_round, factory.municipality("Bedorf")),
        "c": factory.team(survey_round, factory.municipality("Cestadt")),
    }
    for key, count in (("a", 4), ("b", 4), ("c", 2)):
        for _ in range(count):
            factory.response(teams[key])
    session.commit()
    return {"facilitator": facilitator, "contact": contact, "round": survey_round, **teams}


def test_only_dashboard_pages_allow_the_inline_styles_plotly_needs(client, world):
    login(client, world["facilitator"])
    dashboard = client.get(f"/f/rounds/{world['round'].id}/results")
    ordinary = client.get(f"/f/rounds/{world['round'].id}")
    assert dashboard.status_code == ordinary.status_code == 200
    assert _csp(dashboard)["style-src"] == "'self' 'unsafe-inline'"
    assert _csp(ordinary)["style-src"] == "'self'"
    for response in (dashboard, ordinary):
        assert _csp(response)["script-src"] == "'self'"
        assert response.headers["Cache-Control"] == "no-store"


def test_the_overview_draws_the_heatmap_and_lists_every_teams_priorities(client, world):
    login(client, world["facilitator"])
    html = client.get(f"/f/rounds/{world['round'].id}/results").text
    assert f'src="/assets/{PLOTLY_FILE}"' in html and 'src="/static/js/charts.js"' in html
    heatmap, functions = _figures(html)
    assert heatmap["data"][0]["type"] == "heatmap"
    assert heatmap["layout"]["yaxis"]["ticktext"] == ["Aheim", "Bedorf", "Cestadt"]
    hatch = heatmap["data"][1]  # team C under k: every cell hatched with the reason
    assert set(hatch["y"]) == {2} and "Weniger als 3 Antworten" in hatch["hovertext"][0]
    assert heatmap["config"]["showSendToCloud"] is False
    assert functions["data"][0]["type"] == "bar"
    for team in ("a", "b", "c"):
        assert f"/f/teams/{world[team].id}/results" in html
    assert html.count("<table") >= 3  # heatmap, priorities, functions: readable without JS


def test_a_team_under_k_shows_only_the_reason(client, world):
    login(client, world["facilitator"])
    html = client.get(f"/f/teams/{world['c'].id}/results").text
    assert 'data-suppressed="team"' in html and "Weniger als 3 Antworten" in html
    assert _figures(html) == [] and PLOTLY_FILE not in html
    assert "<table" not in html


def test_a_team_page_draws_its_charts_with_german_numbers(client, world):
    login(client, world["facilitator"])
    html = client.get(f"/f/teams/{world['a'].id}/results").text
    figures = _figures(html)
    assert {f["layout"]["separators"] for f in figures} == {",."}
    assert len(figures) >= 4  # profile, matrix, a Likert chart per dimension, ranking
    assert re.search(r"<td class=\"num\">\d,\d</td>", html)  # 3,4 in the tables
    english = client.get(f"/f/teams/{world['a'].id}/results?lang=en").text
    assert {f["layout"]["separators"] for f in _figures(english)} == {".,"}
    assert {f["config"]["locale"] for f in _figures(english)} == {"en"}
    assert re.search(r"<td class=\"num\">\d\.\d</td>", english)


def test_a_contact_sees_the_own_teams_page_without_moderation(client, world):
    login(client, world["contact"])
    own = client.get(f"/f/teams/{world['a'].id}/results")
    assert own.status_code == 200 and "Ausblenden" not in own.text
    assert client.get(f"/f/teams/{world['b'].id}/results").status_code == 404
    assert client.get(f"/f/rounds/{world['round'].id}/results").status_code == 403
    assert client.get(f"/f/rounds/{world['round'].id}/compare").status_code == 403
    assert client.get(f"/f/teams/{world['a'].id}/over-time").status_code == 403


def test_another_facilitator_sees_none_of_the_rounds_results(client, world, factory, session):
    other = factory.user(Role.FACILITATOR, email="other@example.org")
    session.commit()
    login(client, other)
    rid, aid = world["round"].id, world["a"].id
    for url in (f"/f/rounds/{rid}/results", f"/f/teams/{aid}/results", f"/f/rounds/{rid}/compare",
                f"/f/teams/{aid}/over-time"):  # fmt: skip
        assert client.get(url).status_code == 404, url


def test_a_page_view_reuses_the_analysis_until_a_response_arrives(client, world, factory, session):
    login(client, world["facilitator"])
    url = f"/f/teams/{world['a'].id}/results"
    client.get(url)
    computed = results_cache().computed
    client.get(url)
    assert results_cache().computed == computed  # nothing recomputed
    factory.response(world["b"])
    session.commit()
    client.get(url)
    assert results_cache().computed > computed


def test_comparing_two_to_six_teams(client, world):
    login(client, world["facilitator"])
    base = f"/f/rounds/{world['round'].id}/compare"
    a, b, c = world["a"].id, world["b"].id, world["c"].id
    html = client.get(f"{base}?team={a}&team={b}&team={c}").text
    (profiles,) = _figures(html)
    assert [trace["name"] for trace in profiles["data"]] == ["Aheim", "Bedorf", "Cestadt"]
    assert profiles["data"][2]["x"] == []  # team C under k: no point
    assert "Priorität 1" in html
    only_one = client.get(f"{base}?team={a}").text
    assert _figures(only_one) == [] and "zwei bis sechs Teams" in only_one


def test_hostile_team_names_are_text_in_the_page_and_in_the_figures(client, world, session):
    world["a"].name = HOSTILE
    session.commit()
    login(client, world["facilitator"])
    html = client.get(f"/f/rounds/{world['round'].id}/results").text
    assert HOSTILE not in html and "&lt;script&gt;alert" in html
    ticks = _figures(html)[0]["layout"]["yaxis"]["ticktext"]
    assert ticks[0] == HOSTILE.replace("<", "&lt;").replace(">", "&gt;")


def _open_answer(team, registry):
    """A non-empty open answer of the team."""
    questionnaire = registry.get(team.round.questionnaire_id, team.round.questionnaire_version)
    texts = {item.key for item in questionnaire.items if item.type == "text"}
    return next(
        a
        for r in team.responses
        for a in r.answers
        if a.item_key in texts and isinstance(a.value, str) and a.value.strip()
    )


def test_the_facilitator_hides_an_open_answer_and_shows_it_again(client, world, session, registry):
    team = world["a"]
    answer = _open_answer(team, registry)
    item = answer.item_key
    text = answer.value.strip()
    login(client, world["facilitator"])
    page = client.get(f"/f/teams/{team.id}/results").text
    assert f"/f/answers/{answer.id}/hide" in page
    response = client.post(f"/f/answers/{answer.id}/hide")
    assert response.status_code == 302 and response.location.endswith("#open-answers")
    session.refresh(answer)
    assert answer.hidden is True
    event = session.query(AuditEvent).filter_by(action="answer.hide").one()
    assert event.details == {"round": world["round"].name, "item": item, "answer": answer.id}
    assert text not in json.dumps(event.details)
    contact = client.application.test_client()
    login(contact, world["contact"])
    shown = contact.get(f"/f/teams/{team.id}/results").text
    others = [a.value.strip() for r in team.responses for a in r.answers
              if a.item_key == item and a.id != answer.id]  # fmt: skip
    if text not in others:  # the same words may have come from someone else
        assert text not in shown
    client.post(f"/f/answers/{answer.id}/show")
    session.refresh(answer)
    assert answer.hidden is False
    assert session.query(AuditEvent).filter_by(action="answer.show").count() == 1


def test_nobody_else_may_hide_an_answer(app, world, factory, session, registry):
    answer = _open_answer(world["a"], registry)
    other = factory.user(Role.FACILITATOR, email="other@example.org")
    session.commit()
    for user, expected in ((other, 404), (world["contact"], 403)):
        client = app.test_client()
        login(client, user)
        assert client.post(f"/f/answers/{answer.id}/hide").status_code == expected
    session.refresh(answer)
    assert answer.hidden is False
