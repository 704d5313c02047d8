"""The questionnaire preview in a real browser: every page of version 2, from the round page
to the last page and back to the list, accessible (axe-core), with and without JavaScript,
usable at 360 px, and nothing stored."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from surveyapp.models import Role
from tests.factories import PASSWORD, QUESTIONNAIRE_ID
from tests.routes import snapshot

pytestmark = pytest.mark.browser

BANNER = "Vorschau – Antworten werden nicht gespeichert"


def log_in(page, email: str) -> None:
    page.goto("/login")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()


def assert_unique_ids(page, context: str) -> None:
    repeated = page.evaluate(
        """() => { const seen = new Set(), twice = [];
                   for (const el of document.querySelectorAll('[id]')) {
                     if (seen.has(el.id)) twice.push(el.id); seen.add(el.id); }
                   return twice; }"""
    )
    assert repeated == [], f"{context}: repeated ids {repeated}"


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_a_facilitator_walks_every_page_of_version_2_and_nothing_is_stored(
    browser, live_server, session, factory, registry, assert_accessible, javascript
):
    user = factory.user(Role.FACILITATOR, email="moderation@example.org")
    survey_round = factory.round(version=2, facilitators=[user])
    session.commit()
    questionnaire = registry.get(QUESTIONNAIRE_ID, 2)
    steps = len(questionnaire.sections)

    def checks(page, name: str) -> None:
        """axe-core, unique ids, nothing wider than 360 px (they need JavaScript to run)."""
        if not javascript:
            return
        assert_accessible(page, name)
        assert_unique_ids(page, name)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 360, f"{name} is {width}px wide at a 360px viewport"

    context = browser.new_context(
        base_url=live_server,
        locale="de-DE",
        java_script_enabled=javascript,
        viewport={"width": 360, "height": 740},
    )
    page = context.new_page()
    try:
        log_in(page, user.email)
        expect(page.get_by_role("heading", level=1)).to_have_text("Runden")
        before = snapshot(session)  # after the login, which records itself
        page.goto(f"/f/rounds/{survey_round.id}")
        page.get_by_role("link", name="Fragebogen ansehen").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(questionnaire.title.de)
        expect(page.locator(".preview-banner")).to_contain_text(BANNER)
        checks(page, "preview overview")
        page.get_by_role("link", name="Vorschau starten").click()
        for number, section in enumerate(questionnaire.sections, start=1):
            expect(page.locator("#progress-label")).to_have_text(f"Schritt {number} von {steps}")
            expect(page.get_by_role("heading", level=1)).to_have_text(section.title.de)
            expect(page.locator(".preview-banner")).to_contain_text(BANNER)
            checks(page, f"preview of {section.key}")
            first = page.locator(".preview-items input[type=radio]").first
            if first.count():
                first.check()  # the controls can be tried out; nothing sends them
            if number < steps:
                page.get_by_role("link", name="Nächste Seite").click()
        page.get_by_role("link", name="Vorherige Seite").click()
        expect(page.locator("#progress-label")).to_have_text(f"Schritt {steps - 1} von {steps}")
        page.get_by_role("link", name="Alle Seiten", exact=True).click()
        expect(page.get_by_role("heading", level=2, name="Alle Seiten")).to_be_visible()
        page.get_by_role("link", name="Fragebögen", exact=True).first.click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Fragebögen")
        checks(page, "questionnaire list")
    finally:
        context.close()
    assert snapshot(session) == before
