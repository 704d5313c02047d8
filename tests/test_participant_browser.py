"""Answering in a real browser: resumable journeys with and without JavaScript, by keyboard
only, accessible (axe-core), usable at 360 px, and light (under 60 KB per page)."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from surveyapp.models import Response
from surveyapp.operations.responses import answers_of
from surveyapp.questionnaire.model import IMPORTANCE_QUESTION, PERFORMANCE_QUESTION
from tests.factories import SHIPPED_SECTIONS as SECTIONS

pytestmark = pytest.mark.browser

MAX_PAGE_BYTES = 60_000
NEXT = "Speichern und weiter"


@pytest.fixture
def invitation(factory, session):
    invitation, token = factory.invitation()
    session.commit()
    return invitation, token


def stored(session, invitation) -> tuple[Response | None, dict]:
    session.expire_all()
    response = session.scalar(sa.select(Response).where(Response.invitation_id == invitation.id))
    return response, (answers_of(session, response) if response is not None else {})


def group(page, name: str):
    """A fieldset, found by its legend as a screen reader announces it."""
    return page.get_by_role("group", name=re.compile(re.escape(name)))


def next_page(page) -> None:
    page.get_by_role("button", name=NEXT).click()


def answer_first_pages(page) -> None:
    """Welcome, then the first three pages, as a participant with a mouse would."""
    page.get_by_role("button", name="Los geht’s").click()
    expect_step(page, 1)
    group(page, "In welcher Rolle").get_by_label("Leitung des Bildungsbüros").check()
    group(page, "Auf welcher Ebene").get_by_label("Strategisch", exact=False).check()
    next_page(page)
    expect_step(page, 2)
    group(page, "Wo ist das Bildungsbüro").get_by_label("In einem Amt", exact=False).check()
    page.get_by_label("Wie viele Vollzeitstellen").fill("3,5")
    group(page, "schriftlich festgehalten").get_by_label("stimme eher zu").check()
    group(page, "in den bildungsrelevanten Ämtern bekannt").get_by_label(
        "kann ich nicht beurteilen"
    ).check()
    next_page(page)
    expect_step(page, 3)
    monitoring = group(page, "Bildungsmonitoring und datenbasierte")
    group(monitoring, IMPORTANCE_QUESTION.de).get_by_label("sehr wichtig").check()
    group(monitoring, PERFORMANCE_QUESTION.de).get_by_label("eher nicht gut").check()


def finish(page) -> None:
    """From the functions page to the thank-you page."""
    next_page(page)
    expect_step(page, 4)
    group(page, "An welchen Themen").get_by_label("Ganztag").check()
    group(page, "An welchen Themen").get_by_label("Inklusion").check()
    next_page(page)
    expect_step(page, 5)
    next_page(page)  # nothing answered here: asked once, then on without answers
    page.get_by_role("button", name="Ohne Antwort weiter").click()
    expect_step(page, 6)
    page.get_by_label("größte Stärke").fill("Kurze Wege & gute Netzwerke <3")
    next_page(page)
    expect_step(page, 7)
    page.get_by_label("Platz 1").select_option(label="Qualitätsentwicklung")
    page.get_by_label("Platz 2").select_option(label="Übergänge gestalten")
    next_page(page)
    expect_step(page, 8)
    page.get_by_label("Welche konkrete Frage").fill("Wie sichern wir unsere Stellen?")
    next_page(page)
    assert page.get_by_role("heading", level=1).inner_text() == "Überprüfen Sie Ihre Antworten"
    assert "Kurze Wege & gute Netzwerke <3" in page.content().replace("&amp;", "&").replace(
        "&lt;", "<"
    )
    page.get_by_role("button", name="Antworten abschicken").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Vielen Dank!"


def expect_step(page, number: int) -> None:
    label = page.locator("#progress-label").inner_text()
    assert label == f"Schritt {number} von {len(SECTIONS)}", page.url


def assert_complete_answers(session, invitation) -> None:
    response, answers = stored(session, invitation)
    assert response is not None and response.submitted
    assert answers["role"] == "leitung" and answers["level"] == "strategisch"
    assert answers["placement"] == "amt" and answers["staff_fte"] == 3.5
    assert answers["mandate_written"] == 4 and answers["mandate_known"] is None
    assert answers["fn_monitoring"] == {"importance": 5, "performance": 2}
    assert answers["topics"] == ["ganztag", "inklusion"]
    assert answers["strength_biggest"] == "Kurze Wege & gute Netzwerke <3"
    assert answers["priorities"] == ["fn_quality", "fn_transitions"]
    assert answers["consultation_question"] == "Wie sichern wir unsere Stellen?"


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_answer_some_pages_close_the_browser_come_back_and_finish(
    browser, live_server, session, invitation, javascript
):
    invitation, token = invitation
    first = browser.new_context(base_url=live_server, java_script_enabled=javascript)
    page = first.new_page()
    page.goto(f"/s/{token}")
    answer_first_pages(page)
    next_page(page)  # the functions page is saved; the browser closes on the next one
    expect_step(page, 4)
    group(page, "An welchen Themen").get_by_label("Schule und Schulentwicklung").check()
    first.close()  # unsaved ticks on page 4 are gone; everything before is stored

    _, answers = stored(session, invitation)
    assert answers["fn_monitoring"] == {"importance": 5, "performance": 2}
    assert "topics" not in answers

    second = browser.new_context(base_url=live_server, java_script_enabled=javascript)
    page = second.new_page()
    page.goto(f"/s/{token}")
    expect_step(page, 4)  # resumed at the first page not completed
    assert "Willkommen zurück" in page.content()
    page.get_by_role("button", name="Zurück").click()
    expect_step(page, 3)
    monitoring = group(page, "Bildungsmonitoring und datenbasierte")
    assert group(monitoring, IMPORTANCE_QUESTION.de).get_by_label("sehr wichtig").is_checked()
    finish(page)
    page.goto(f"/s/{token}")
    assert "Ihre Antworten sind abgeschickt" in page.content()
    assert "Kurze Wege" not in page.content()
    second.close()
    assert_complete_answers(session, invitation)


def test_a_rejected_page_keeps_what_was_typed_in_the_browser(browser, live_server, invitation):
    _, token = invitation
    context = browser.new_context(base_url=live_server, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"/s/{token}/strengths")
    page.get_by_label("größte Stärke").fill("Stark")
    page.get_by_label("größte Schwäche").fill("w" * 1001)
    next_page(page)
    assert page.title().startswith("Fehler: Schritt 6 von 8")
    summary = page.locator("#error-summary")
    assert "höchstens 1000" in summary.inner_text()
    assert page.get_by_label("größte Stärke").input_value() == "Stark"
    assert page.get_by_label("größte Schwäche").input_value() == "w" * 1001
    summary.get_by_role("link").first.click()
    assert page.url.endswith("#q_weakness_biggest")
    context.close()


def _tab_to(page, selector: str, limit: int = 80) -> None:
    """Press Tab until the element matching ``selector`` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
            assert outline != "none", f"no visible focus on {selector}"
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_a_keyboard_only_journey(page, session, invitation):
    invitation, token = invitation
    page.goto(f"/s/{token}")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.className") == "skip-link"
    _tab_to(page, "form button")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/s/{token}/about")

    _tab_to(page, "#q_role-leitung")
    page.keyboard.press("ArrowDown")  # moves to and selects "team"
    page.keyboard.press("Tab")  # to the next radio group
    page.keyboard.press("Space")  # selects its first option
    _tab_to(page, "button[value=next]")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/s/{token}/mandate")

    _tab_to(page, "#q_staff_fte")
    page.keyboard.type("viele")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # submits with the first button: save and go on
    focused = page.evaluate("() => document.activeElement.id")
    assert focused == "error-summary"  # the script moves the focus to the summary
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # follows the link to the field
    assert page.evaluate("() => document.activeElement.id") == "q_staff_fte"
    page.keyboard.press("Control+A")
    page.keyboard.type("2")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/s/{token}/functions")

    for number in range(3, len(SECTIONS) + 1):
        expect_step(page, number)
        _tab_to(page, "button[value=next]", limit=200)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        # nothing answered: the question whether to go on has the focus, its button is next
        assert page.evaluate("() => document.activeElement.id") == "confirm-empty"
        page.keyboard.press("Tab")
        with page.expect_navigation():
            page.keyboard.press("Enter")
    page.wait_for_url(f"**/s/{token}/review")
    _tab_to(page, "form.p-submit button", limit=200)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/s/{token}/done")

    response, answers = stored(session, invitation)
    assert response.submitted
    assert answers == {"role": "team", "level": "normativ", "staff_fte": 2}


def _pages(token: str) -> list[tuple[str, str]]:
    return (
        [("welcome", f"/s/{token}")]
        + [(key, f"/s/{token}/{key}") for key in SECTIONS]
        + [("info", f"/s/{token}/info"), ("review", f"/s/{token}/review")]
    )


def test_axe_finds_no_violations_on_any_participant_page(
    page, invitation, assert_accessible, session
):
    _, token = invitation
    for name, path in _pages(token):
        page.goto(path)
        assert_accessible(page, name)
    page.goto(f"/s/{token}/mandate")
    page.get_by_label("Wie viele Vollzeitstellen").fill("-1")
    next_page(page)
    assert page.locator("#error-summary").is_visible()
    assert_accessible(page, "error state on a page")
    page.goto(f"/s/{token}/strategy")
    page.get_by_label("Platz 1").select_option(label="Qualitätsentwicklung")
    page.get_by_label("Platz 2").select_option(label="Qualitätsentwicklung")
    group(page, "Wen sollte").get_by_label("Verwaltungsspitze").check()
    group(page, "Wen sollte").get_by_label("Rat und Ausschüsse").check()
    group(page, "Wen sollte").get_by_label("Eltern und Familien").check()
    group(page, "Wen sollte").get_by_label("Freie Träger", exact=False).check()
    next_page(page)
    assert page.locator("#error-summary a").count() == 2
    assert_accessible(page, "error state with ranking and choices")
    page.goto(f"/s/{token}/review")
    page.get_by_role("button", name="Antworten abschicken").click()
    assert page.title().startswith("Fehler")
    assert_accessible(page, "review refused (required items missing)")
    session.expire_all()
    assert not stored(session, invitation[0])[0].submitted
    page.goto(f"/s/{token}/about")
    group(page, "In welcher Rolle").get_by_label("Leitung des Bildungsbüros").check()
    group(page, "Auf welcher Ebene").get_by_label("Operativ", exact=False).check()
    next_page(page)
    page.goto(f"/s/{token}/review")
    page.get_by_role("button", name="Antworten abschicken").click()
    assert_accessible(page, "thank-you")
    page.goto(f"/s/{token}")
    assert_accessible(page, "already submitted")


def test_nothing_overflows_horizontally_at_360_px(browser, live_server, invitation):
    _, token = invitation
    context = browser.new_context(base_url=live_server, viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(f"/s/{token}/about")
    next_page(page)  # an error state, too
    wide = page.evaluate("() => document.documentElement.scrollWidth")
    assert wide <= 360, "error state overflows"
    for name, path in _pages(token):
        page.goto(path)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 360, f"{name} is {width}px wide at a 360px viewport"
    context.close()


def test_every_page_weighs_under_60_kb_and_loads_nothing_from_other_hosts(
    browser, live_server, invitation
):
    _, token = invitation
    for name, path in _pages(token):
        context = browser.new_context(base_url=live_server)  # empty cache: count everything
        page = context.new_page()
        loaded: list[tuple[str, int]] = []

        def count(response, loaded=loaded) -> None:
            headers = sum(len(k) + len(v) + 4 for k, v in response.headers.items())
            loaded.append((response.url, len(response.body()) + headers))

        page.on("response", count)
        page.goto(path, wait_until="load")
        context.close()
        assert all(url.startswith(live_server) for url, _ in loaded), loaded
        total = sum(size for _, size in loaded)
        assert total < MAX_PAGE_BYTES, f"{name}: {total} bytes: {loaded}"
