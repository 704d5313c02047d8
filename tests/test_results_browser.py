"""The results pages in a real browser: every chart drawn, nothing loaded from elsewhere,
no console error, axe-core clean, hostile names and answers shown as text, and the tables
there without JavaScript."""

from __future__ import annotations

import random

import pytest
from playwright.sync_api import expect

from surveyapp.demo.answers import sample_answers
from surveyapp.models import Role
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser

HOSTILE = '<img src="https://evil.example/x.png" onerror="window.__pwned=1">&amp;</script>'


@pytest.fixture
def world(session, factory, registry):
    """Team A (hostile name, hostile open answers, a contact), B and C reach k; D is under k."""
    facilitator = factory.user(Role.FACILITATOR, email="f@example.org")
    contact = factory.user(Role.CONTACT, email="c@example.org")
    survey_round = factory.round(facilitators=[facilitator], min_group_size=3)
    questionnaire = registry.get(survey_round.questionnaire_id, survey_round.questionnaire_version)
    texts = [item.key for item in questionnaire.items if item.type == "text"]
    teams = {}
    for key, name, size in (("a", HOSTILE, 4), ("b", "Bedorf", 4), ("c", "Cestadt", 3),
                            ("d", "Dingen", 2)):  # fmt: skip
        contacts = [contact] if key == "a" else []
        team = factory.team(survey_round, factory.municipality(name), contacts=contacts)
        for number in range(size):
            answers = sample_answers(questionnaire, random.Random(f"{key}{number}"))
            if key == "a":
                answers |= {text: f"{HOSTILE} Antwort {number}" for text in texts}
            factory.response(team, answers=answers)
        teams[key] = team
    session.commit()
    return {"round": survey_round, **teams}


def _login(page, email: str) -> None:
    page.goto("/login")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()


def _watch(page, live_server: str) -> dict[str, list[str]]:
    seen: dict[str, list[str]] = {"foreign": [], "errors": []}
    page.on(
        "request",
        lambda r: (
            None if r.url.startswith((live_server, "data:")) else seen["foreign"].append(r.url)
        ),
    )
    page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    return seen


def _charts_drawn(page, url: str, expected_at_least: int) -> int:
    page.goto(url)
    plots = page.locator("[data-chart-plot]")
    total = plots.count()
    assert total >= expected_at_least, url
    expect(page.locator("[data-chart-plot][data-drawn=true]")).to_have_count(total, timeout=15000)
    expect(page.locator("[data-chart-plot] svg.main-svg").first).to_be_visible()
    return total


def test_every_results_page_draws_its_charts_and_stays_on_this_host(
    page, live_server, world, assert_accessible
):
    seen = _watch(page, live_server)
    _login(page, "f@example.org")
    rid, a, b, c = world["round"].id, world["a"].id, world["b"].id, world["c"].id
    pages = {
        f"/f/rounds/{rid}/results": 2,  # heatmap, functions
        f"/f/teams/{a}/results": 4,  # profile, matrix, Likert per dimension, ranking, …
        f"/f/rounds/{rid}/compare?team={a}&team={b}&team={c}": 1,
        f"/f/teams/{a}/results?lang=en": 4,
    }
    for url, least in pages.items():
        _charts_drawn(page, url, least)
        assert_accessible(page, url)
        assert page.evaluate("window.__pwned") is None
    # the mode bar offers nothing that talks to another host
    assert page.locator(".modebar-btn[data-title*='Chart Studio'], .modebar-btn--logo").count() == 0
    assert seen["foreign"] == [] and seen["errors"] == []


def test_hostile_names_and_answers_are_shown_as_text(page, live_server, world):
    seen = _watch(page, live_server)
    _login(page, "f@example.org")
    page.goto(f"/f/teams/{world['a'].id}/results")
    expect(page.get_by_role("heading", level=1)).to_have_text(HOSTILE)
    expect(page.locator(".answers li", has_text=f"{HOSTILE} Antwort 0").first).to_be_visible()
    page.goto(f"/f/rounds/{world['round'].id}/results")
    expect(page.locator("#heatmap .ytick text").first).to_have_text(HOSTILE)
    assert page.evaluate("window.__pwned") is None
    assert seen["foreign"] == [] and seen["errors"] == []


def test_a_team_under_k_shows_only_the_reason(page, live_server, world, assert_accessible):
    seen = _watch(page, live_server)
    _login(page, "f@example.org")
    page.goto(f"/f/teams/{world['d'].id}/results")
    expect(page.locator("[data-suppressed=team]")).to_contain_text("Weniger als 3 Antworten")
    expect(page.locator("[data-chart-plot], table, .answers")).to_have_count(0)
    assert_accessible(page, "team under k")
    assert seen["errors"] == []


def test_a_contact_sees_the_own_teams_charts(page, live_server, world, assert_accessible):
    seen = _watch(page, live_server)
    _login(page, "c@example.org")
    page.goto("/f/my")
    page.get_by_role("link", name=HOSTILE).click()
    page.get_by_role("link", name="Ergebnisse Ihres Teams").click()
    _charts_drawn(page, page.url, 4)
    expect(page.get_by_role("button", name="Ausblenden")).to_have_count(0)
    assert_accessible(page, "contact's team page")
    assert seen["foreign"] == [] and seen["errors"] == []


def test_without_javascript_the_tables_are_there(browser, live_server, world):
    context = browser.new_context(base_url=live_server, locale="de-DE", java_script_enabled=False)
    try:
        page = context.new_page()
        _login(page, "f@example.org")
        page.goto(f"/f/rounds/{world['round'].id}/results")
        expect(page.locator("details[open] table").first).to_be_visible()
        expect(page.locator("[data-chart-plot]").first).to_be_hidden()
        page.goto(f"/f/teams/{world['a'].id}/results")
        expect(page.locator("details[open] table").first).to_be_visible()
    finally:
        context.close()


def test_the_demo_team_under_k_shows_only_the_reason(app, page, live_server, session):
    from surveyapp.demo import FACILITATOR_EMAIL, FACILITATOR_PASSWORD, build_demo
    from surveyapp.models import SurveyRound

    result = build_demo(
        session, app.extensions["questionnaires"], secret_key=app.config["SECRET_KEY"]
    )
    session.commit()
    survey_round = session.get(SurveyRound, result.round_id)
    k = survey_round.min_group_size
    small = [t for t in survey_round.teams if sum(r.submitted for r in t.responses) < k]
    if not small:
        pytest.skip("the demo has no team under k")
    seen = _watch(page, live_server)
    page.goto("/login")
    page.get_by_label("E-Mail-Adresse").fill(FACILITATOR_EMAIL)
    page.get_by_label("Passwort").fill(FACILITATOR_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.goto(f"/f/teams/{small[0].id}/results")
    expect(page.locator("[data-suppressed=team]")).to_contain_text("aus Datenschutzgründen")
    expect(page.locator("[data-chart-plot], table, .answers")).to_have_count(0)
    page.goto(f"/f/rounds/{survey_round.id}/results")
    expect(page.locator("[data-chart-plot][data-drawn=true]")).to_have_count(2, timeout=15000)
    assert seen["foreign"] == [] and seen["errors"] == []
