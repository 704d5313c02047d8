"""The question on a page left empty, in a real browser: announced and focused, accessible
(axe-core), and answered with one button, with and without JavaScript."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.test_empty_page import QUESTION, completed
from tests.test_participant_browser import expect_step, group, next_page, stored

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_an_empty_page_asks_once_then_goes_on(
    browser, live_server, session, invitation, assert_accessible, javascript
):
    invitation, token = invitation
    context = browser.new_context(
        base_url=live_server, locale="de-DE", java_script_enabled=javascript
    )
    page = context.new_page()
    try:
        page.goto(f"/s/{token}")
        page.get_by_role("button", name="Los geht’s").click()
        group(page, "In welcher Rolle").get_by_label("Leitung des Bildungsbüros").check()
        group(page, "Auf welcher Ebene").get_by_label("Strategisch", exact=False).check()
        next_page(page)
        expect_step(page, 2)

        next_page(page)  # nothing answered on this page
        notice = page.get_by_role("alert")
        expect(notice).to_contain_text(QUESTION)
        expect(page.locator("#confirm-empty")).to_be_focused()
        expect_step(page, 2)
        if javascript:
            assert_accessible(page, "the question on an empty page")
        _, answers = stored(session, invitation)
        assert set(answers) == {"role", "level"}
        assert "mandate" not in completed(session, invitation)

        notice.get_by_role("button", name="Ohne Antwort weiter").click()
        expect_step(page, 3)
        assert "mandate" in completed(session, invitation)

        page.get_by_role("button", name="Zurück").click()
        expect_step(page, 2)
        next_page(page)  # gone on from empty before: not asked again
        expect_step(page, 3)
        page.get_by_role("button", name="Zwischenspeichern").click()  # never asks
        expect(page.get_by_role("alert")).to_have_count(0)
        expect_step(page, 3)
    finally:
        context.close()
