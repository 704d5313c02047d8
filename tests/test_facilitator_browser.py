"""A facilitator prepares a round in a real browser and watches a response arrive.

Every facilitator page on the way is checked with axe-core.
"""

from __future__ import annotations

import io
import random
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from surveyapp.db import db
from surveyapp.demo.answers import sample_answers
from surveyapp.models import Role
from surveyapp.operations.invitations import find_invitation
from surveyapp.operations.responses import get_or_start_response, save_answers, submit_response
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def submit_through_operations(app, token: str) -> None:
    """Answer every page and submit, as a participant's browser would."""
    session = db.session
    invitation = find_invitation(session, token)
    survey_round = invitation.team.round
    questionnaire = app.extensions["questionnaires"].get(
        survey_round.questionnaire_id, survey_round.questionnaire_version
    )
    response = get_or_start_response(session, invitation)
    answers = sample_answers(questionnaire, random.Random(7))
    for section in questionnaire.sections:
        page = {i.key: answers[i.key] for i in section.items if i.key in answers}
        save_answers(session, response, section.key, page)
    submit_response(session, response)
    session.commit()


def add_team(page, name: str, kind_label: str, assert_accessible) -> None:
    page.get_by_role("link", name="Team hinzufügen").click()
    assert_accessible(page, "new team form")
    page.get_by_label("Kommune", exact=True).select_option(label="Neue Kommune anlegen …")
    page.get_by_label("Name der neuen Kommune").fill(name)
    page.get_by_label("Bundesland").select_option("Hessen")
    page.get_by_label(kind_label, exact=True).check()
    page.get_by_role("button", name="Team anlegen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)


#: CSS pixels per centimetre (96 per inch), as Chromium lays out a printed page.
PX_PER_CM = 96 / 2.54


def check_printed_cards(printout, count: int) -> None:
    """Printed on A4 (15 mm margins), every card fits a page and its QR code is >= 2.5 cm."""
    printout.emulate_media(media="print")
    printout.set_viewport_size({"width": round(18 * PX_PER_CM), "height": 1000})
    boxes = printout.locator(".invitation-card").evaluate_all(
        "cards => cards.map(card => [card.getBoundingClientRect().width,"
        " card.getBoundingClientRect().height,"
        " card.querySelector('svg').getBoundingClientRect().width])"
    )
    assert len(boxes) == count
    for width, height, qr_width in boxes:
        assert width <= 18 * PX_PER_CM and height <= 26.7 * PX_PER_CM
        assert qr_width >= 2.5 * PX_PER_CM
    pdf = PdfReader(io.BytesIO(printout.pdf(format="A4", print_background=True)))
    assert len(pdf.pages) == 1  # two cards and the heading on one sheet


def test_a_facilitator_prepares_a_round_and_watches_the_counts(
    app, page, browser, live_server, session, factory, assert_accessible
):
    factory.user(Role.FACILITATOR, email="moderation@example.org")
    session.commit()

    page.goto("/login")
    assert_accessible(page, "login")
    page.get_by_label("E-Mail-Adresse").fill("moderation@example.org")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Runden")
    assert_accessible(page, "rounds list (empty)")

    page.get_by_role("link", name="Neue Runde anlegen").click()
    assert_accessible(page, "new round form")
    page.get_by_label("Name der Runde").fill("Workshop Herbst")
    page.get_by_label("Datum des Workshops").fill("2026-11-05")
    page.get_by_label("Mindestgruppengröße (k)").fill("1")
    page.get_by_role("button", name="Runde anlegen").click()
    expect(page.locator("#min_group_size-error")).to_contain_text("mindestens 2")
    assert_accessible(page, "new round form with an error")
    page.get_by_label("Mindestgruppengröße (k)").fill("3")
    page.get_by_role("button", name="Runde anlegen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Workshop Herbst")
    assert_accessible(page, "round page (draft)")
    round_url = page.url

    page.get_by_role("button", name="Runde öffnen").click()
    expect(page.locator(".badge")).to_have_text("offen")

    add_team(page, "Lindenfeld", "Stadt (kreisfrei)", assert_accessible)
    assert_accessible(page, "team page")
    invitation_text = page.get_by_label("Einladungstext zum Kopieren")
    expect(invitation_text).to_have_value(re.compile(r"^Guten Tag,.*\[persönlicher Link\]", re.S))
    expect(page.get_by_role("button", name="Text kopieren")).to_be_visible()  # copy.js ran
    page.goto(round_url)
    add_team(page, "Kreis Hohenmoor", "Kreis", assert_accessible)

    page.get_by_label("Anzahl neuer Links").fill("2")
    page.get_by_role("button", name="Links anlegen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("2 neue Einladungslinks")
    assert_accessible(page, "new links")
    links = page.locator("a.invitation-link").all_inner_texts()
    assert len(links) == 2 and all(link.startswith(live_server + "/s/") for link in links)
    with page.expect_popup() as popup:
        page.get_by_role("button", name="Druckansicht öffnen").click()
    printout = popup.value
    expect(printout.locator(".invitation-card")).to_have_count(2)
    assert_accessible(printout, "printable links")
    check_printed_cards(printout, count=2)
    printout.close()

    participant = browser.new_context(locale="de-DE")
    try:
        welcome = participant.new_page()
        answer = welcome.goto(links[0])
        assert answer.status == 200
        expect(welcome.get_by_role("heading", level=1)).to_be_visible()
    finally:
        participant.close()

    page.goto(round_url)
    assert_accessible(page, "round page with teams")
    counts = page.locator(".stats")
    expect(counts.locator('[data-count="invited"]')).to_have_text("2")
    expect(counts.locator('[data-count="submitted"]')).to_have_text("0")

    submit_through_operations(app, links[0].rsplit("/", 1)[1])
    page.reload()
    expect(counts.locator('[data-count="submitted"]')).to_have_text("1")
    expect(counts.locator('[data-count="rate"]')).to_have_text("50 %")
    row = page.get_by_role("row", name=re.compile("Kreis Hohenmoor"))  # its links were made
    expect(row.locator("td.num").nth(2)).to_have_text("1")

    page.get_by_role("link", name="Kreis Hohenmoor").click()
    page.get_by_role("link", name="Link Nr. 2 widerrufen …").click()
    assert_accessible(page, "revoke a link (confirmation)")
    page.get_by_role("button", name="Link widerrufen").click()
    expect(page.get_by_text("Link Nr. 2 wurde widerrufen.")).to_be_visible()
    page.goto(round_url)
    # an unused link that was revoked no longer counts as an invitation
    expect(counts.locator('[data-count="invited"]')).to_have_text("1")

    page.get_by_role("link", name="Einstellungen bearbeiten").click()
    assert_accessible(page, "edit round")
    page.goto(round_url)
    page.get_by_role("link", name="Alle Antworten löschen …").click()
    assert_accessible(page, "delete responses")
    page.get_by_role("link", name="Kommunen").click()
    assert_accessible(page, "municipalities")
    page.get_by_role("link", name="Kommune anlegen").click()
    assert_accessible(page, "new municipality")


def test_admin_and_contact_pages_are_accessible(page, session, factory, assert_accessible):
    admin = factory.user(Role.ADMIN, email="admin@example.org")
    contact = factory.user(Role.CONTACT, email="kontakt@example.org")
    team = factory.team(factory.round(facilitators=[admin]), contacts=[contact])
    factory.response(team)
    session.commit()
    for email, pages in [
        ("admin@example.org", ["/f/audit", "/f/"]),
        (
            "kontakt@example.org",
            [
                "/f/my",
                f"/f/my/teams/{team.id}",
                f"/f/my/invitations/{team.invitations[0].id}/revoke",
            ],
        ),
    ]:
        page.goto("/login")
        page.get_by_label("E-Mail-Adresse").fill(email)
        page.get_by_label("Passwort").fill(PASSWORD)
        page.get_by_role("button", name="Anmelden").click()
        for url in pages:
            page.goto(url)
            assert_accessible(page, url)
        page.get_by_role("button", name="Abmelden").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Anmelden")


def test_a_contact_makes_links_and_copies_an_invitation_text(
    page, session, factory, assert_accessible
):
    contact = factory.user(Role.CONTACT, email="kontakt@example.org")
    team = factory.team(factory.round(), contacts=[contact])
    session.commit()
    page.goto("/login")
    page.get_by_label("E-Mail-Adresse").fill(contact.email)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.goto(f"/f/my/teams/{team.id}")
    page.get_by_label("Anzahl neuer Links").fill("2")
    page.get_by_role("button", name="Links anlegen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("2 neue Einladungslinks")
    page.locator("summary", has_text="Link Nr. 2").click()
    text = page.get_by_label("Text zum Kopieren, Link Nr. 2")
    link = page.locator("a.invitation-link").nth(1).inner_text()
    expect(text).to_have_value(re.compile(re.escape(f"Ihr persönlicher Link: {link}")))
    assert_accessible(page, "new links of a contact, one text open")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.locator('button[data-copy="invitation-text-2"]').click()
    expect(page.locator("#invitation-text-2-status")).to_have_text("In die Zwischenablage kopiert.")
    assert link in page.evaluate("navigator.clipboard.readText()")
