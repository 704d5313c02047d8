"""Hostile input in a real browser: nothing a participant or a facilitator typed runs.

A deterministic sample of the corpus (every targeted payload, the rest drawn with a fixed
seed) becomes free-text answers and round, municipality and team names. Chromium then opens
every page that shows them, for a facilitator, a municipality contact and a participant:
no dialog may open, no console error or page error may appear (a payload run as markup would
also break the Content-Security-Policy, which Chromium reports on the console), and long
unbroken strings wrap instead of widening the page.
"""

from __future__ import annotations

import itertools
import random

import pytest

from surveyapp.demo.answers import sample_answers
from surveyapp.models import Role
from surveyapp.operations.responses import get_or_start_response, save_answers, submit_response
from surveyapp.questionnaire import ItemType
from tests.factories import PASSWORD
from tests.hostile import TARGETED, sample

pytestmark = pytest.mark.browser

PAYLOADS = sample(48)
WIDTHS = (360, 1280)


def hostile_world(session, factory):
    facilitator = factory.user(Role.FACILITATOR, email="f@example.org")
    contact = factory.user(Role.CONTACT, email="c@example.org", name=TARGETED[2])
    survey_round = factory.round(name=TARGETED[0][:150], facilitators=[facilitator])
    teams = []
    for number, text in enumerate(PAYLOADS[:6]):
        municipality = factory.municipality(f"{text[:180]} {number}")
        teams.append(factory.team(survey_round, municipality, name=text[:200], contacts=[contact]))
    questionnaire = factory.registry.get(
        survey_round.questionnaire_id, survey_round.questionnaire_version
    )
    text_items = [item for item in questionnaire.items if item.type is ItemType.TEXT]
    payloads = itertools.cycle(PAYLOADS)
    drafts = []
    for number in range(12):  # enough that every team shows results (k = 3)
        team = teams[number % 3]
        invitation, token = factory.invitation(team)
        response = get_or_start_response(session, invitation)
        answers = sample_answers(questionnaire, random.Random(number))
        for item in text_items:
            answers[item.key] = next(payloads)[: item.max_length]
        for section in questionnaire.sections:
            page = {i.key: answers[i.key] for i in section.items}
            save_answers(session, response, section.key, page, complete=True)
        if number < 9:
            submit_response(session, response)
        else:
            drafts.append(token)
    session.commit()
    return facilitator, contact, survey_round, teams, drafts, questionnaire


class Watch:
    """Collects dialogs, console errors and page errors of one browser page."""

    def __init__(self, page) -> None:
        self.events: list[str] = []
        page.on("dialog", self._dialog)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.events.append(f"page error: {error}"))

    def _dialog(self, dialog) -> None:
        self.events.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    def _console(self, message) -> None:
        if message.type == "error":
            self.events.append(f"console: {message.text}")


def check_page(page, watch: Watch, url: str, problems: list[str]) -> None:
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        response = page.goto(url)
        if response is None or response.status >= 500:
            problems.append(f"{url}: {response and response.status}")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 1:
            problems.append(f"{url} at {width} px: {overflow} px wider than the window")
    problems.extend(f"{url}: {event}" for event in watch.events)
    watch.events.clear()


def _login(page, email: str) -> None:
    page.goto("/login")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_load_state()


def test_no_payload_runs_or_breaks_the_layout_on_any_page(
    app, browser, live_server, session, factory
):
    facilitator, contact, survey_round, teams, drafts, questionnaire = hostile_world(
        session, factory
    )
    problems: list[str] = []
    pages = {
        facilitator.email: [
            "/f/",
            f"/f/rounds/{survey_round.id}",
            f"/f/rounds/{survey_round.id}/edit",
            f"/f/rounds/{survey_round.id}/results",
            "/f/municipalities",
            *(f"/f/teams/{team.id}" for team in teams),
            *(f"/f/teams/{team.id}/results" for team in teams[:3]),
        ],
        contact.email: ["/f/my", *(f"/f/my/teams/{team.id}" for team in teams[:3])],
        None: [
            *(f"/s/{token}/review" for token in drafts),
            *(f"/s/{drafts[0]}/{section.key}" for section in questionnaire.sections),
        ],
    }
    for email, urls in pages.items():
        context = browser.new_context(base_url=live_server, locale="de-DE")
        page = context.new_page()
        watch = Watch(page)
        if email:
            _login(page, email)
        for url in urls:
            check_page(page, watch, url, problems)
        context.close()
    assert not problems, "\n".join(problems)


def test_the_checks_see_a_payload_that_got_through(app, browser, live_server):
    """The detector itself: markup that slipped through is reported (CSP console error),
    and so is a long word that widens the page."""
    app.view_functions["main.index"] = lambda: (
        "<!doctype html><html><body><p>" + "x" * 3000 + "</p>"
        "<script>alert('durchgerutscht')</script></body></html>"
    )
    context = browser.new_context(base_url=live_server)
    page = context.new_page()
    problems: list[str] = []
    check_page(page, Watch(page), "/", problems)
    context.close()
    assert any("console" in p and "inline script" in p for p in problems), problems
    assert any("wider than the window" in p for p in problems), problems
