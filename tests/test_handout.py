"""Handing out links: the printed cards with their QR codes, the CSV of links, the invitation
text, and the municipality contact who makes and revokes the links of their own team."""

from __future__ import annotations

import csv
import html
import io
import re
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
import segno
import sqlalchemy as sa

from surveyapp.models import AuditEvent, Invitation, Role
from surveyapp.operations.invitations import find_invitation
from surveyapp.organiser import Organiser
from surveyapp.qr import QUIET_ZONE
from tests.factories import login

BERLIN = ZoneInfo("Europe/Berlin")
ORGANISER = Organiser(
    name="Transferagentur für Großstädte",
    contact_name="Dr. Maria Beispiel",
    email="umfrage@transferagentur.example",
    phone="+49 30 1234567",
)


@pytest.fixture
def app_config(app_config):
    app_config["SURVEYAPP_ORGANISER_INFO"] = ORGANISER
    app_config["SURVEYAPP_RETENTION_DAYS"] = 120
    return app_config


@pytest.fixture
def team(session, factory, facilitator):
    survey_round = factory.round(name="Herbst 2026", facilitators=[facilitator])
    survey_round.closes_at = datetime(2026, 12, 15, 17, 0, tzinfo=UTC)  # 18:00 in Berlin
    survey_round.workshop_date = date(2027, 1, 20)
    team = factory.team(survey_round, factory.municipality("Lindenfeld"))
    session.commit()
    return team


def textareas(page: str) -> dict[str, str]:
    """Each read-only text of the page by its id, as the browser shows it."""
    found = re.findall(r'<textarea id="([^"]+)" readonly[^>]*>(.*?)</textarea>', page, re.S)
    return {name: html.unescape(text) for name, text in found}


def welcome_points(client, token: str) -> list[str]:
    """The points the welcome page lists under 'what happens' and 'who sees what'."""
    page = client.get(f"/s/{token}").text
    lists = re.findall(r'<ul class="notes">(.*?)</ul>', page, re.S)
    return [html.unescape(p) for block in lists for p in re.findall(r"<li>(.*?)</li>", block)]


def created_tokens(html: str) -> list[str]:
    """The tokens the 'links created' page carries into its download and print forms."""
    return list(dict.fromkeys(re.findall(r'name="token" value="([^"]+)"', html)))


def modules_drawn(svg: str) -> set[tuple[int, int]]:
    """The dark modules (row, column) that an SVG path of horizontal runs draws.

    Reads the path as a pen would: ``M x y`` moves to a point, ``m dx dy`` moves by a step,
    ``h n`` draws a run of n modules to the right; nothing else is expected.
    """
    path = re.search(r'<path[^>]* d="([^"]+)"', svg)[1]
    x = y = 0.0
    dark = set()
    for command, numbers in re.findall(r"([MmHh])([-\d. ,]+)", path):
        values = [float(n) for n in re.split(r"[ ,]+|(?<=\d)(?=-)", numbers.strip()) if n]
        if command == "M":
            x, y = values
        elif command == "m":
            x, y = x + values[0], y + values[1]
        elif command == "h":
            dark |= {(int(y), int(x) + step) for step in range(int(values[0]))}
            x += values[0]
        else:
            raise AssertionError(f"unexpected path command {command}")
    return dark


def modules_of(url: str) -> set[tuple[int, int]]:
    """The dark modules of the QR code of ``url``, placed inside the quiet zone."""
    matrix = segno.make(url, error="m", micro=False).matrix
    return {
        (row + QUIET_ZONE, column + QUIET_ZONE)
        for row, line in enumerate(matrix)
        for column, module in enumerate(line)
        if module
    }


def test_each_printed_card_has_a_labelled_qr_code_of_exactly_its_link(logged_in, team):
    created = logged_in.post(f"/f/teams/{team.id}/invitations", data={"count": "3"}).text
    tokens = created_tokens(created)
    printout = logged_in.post(f"/f/teams/{team.id}/invitations/print", data={"token": tokens})
    cards = re.findall(r'<li class="invitation-card">(.*?)</li>', printout.text, re.S)
    assert len(cards) == 3
    for number, (token, card) in enumerate(zip(tokens, cards, strict=True), start=1):
        url = f"http://surveyapp.test/s/{token}"
        svgs = re.findall(r"<svg .*?</svg>", card, re.S)
        assert len(svgs) == 1 and url in card
        assert f'role="img" aria-label="QR-Code mit dem persönlichen Link Nr. {number}"' in svgs[0]
        assert 'class="invitation-card__qr"' in svgs[0] and "style=" not in svgs[0]
        assert modules_drawn(svgs[0]) == modules_of(url)
        assert modules_drawn(svgs[0]) != modules_of(url + "x")  # the reading can tell links apart


def test_the_links_csv_fits_german_spreadsheets(logged_in, session, team):
    created = logged_in.post(f"/f/teams/{team.id}/invitations", data={"count": "2"}).text
    tokens = created_tokens(created)
    data = logged_in.post(
        f"/f/teams/{team.id}/invitations/download.csv", data={"token": tokens}
    ).data
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte-order mark: Excel reads umlauts
    lines = data.decode("utf-8-sig").split("\r\n")
    assert lines[0] == "Nr.;Team;Kommune;Link;Angelegt am"
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))[1:]
    invitations = session.scalars(sa.select(Invitation).order_by(Invitation.number)).all()
    for row, invitation, token in zip(rows, invitations, tokens, strict=True):
        berlin = invitation.created_at.astimezone(BERLIN).strftime("%d.%m.%Y %H:%M:%S")
        assert row == [
            str(invitation.number),
            "Lindenfeld",
            "Lindenfeld",
            f"http://surveyapp.test/s/{token}",
            berlin,
        ]


def test_the_team_page_offers_the_invitation_text_with_a_placeholder_for_the_link(
    logged_in, app, client, factory, session, team, registry
):
    page = logged_in.get(f"/f/teams/{team.id}").text
    assert '<label class="field__label" for="invitation-text">Einladungstext zum Kopieren' in page
    assert re.search(r'<button type="button"[^>]*data-copy="invitation-text"[^>]*hidden>', page)
    assert "js/copy.js" in page
    text = textareas(page)["invitation-text"]
    minutes = registry.get(team.round.questionnaire_id, team.round.questionnaire_version)
    for part in (
        "Guten Tag,",
        "Sie sind als Mitglied des Teams Lindenfeld zur Befragung „Herbst 2026“ eingeladen.",
        "Sie wird von Transferagentur für Großstädte durchgeführt.",
        "den Workshop am 20. Januar 2027 vor.",
        "Ihr persönlicher Link: [persönlicher Link]",
        "Bitte antworten Sie bis 15. Dezember 2026, 18:00 Uhr.",
        f"Das Ausfüllen dauert etwa {minutes.estimated_minutes} Minuten.",
        "Alle Datenschutzhinweise: http://surveyapp.test/datenschutz",
        "Fragen beantwortet Dr. Maria Beispiel: umfrage@transferagentur.example, +49 30 1234567",
    ):
        assert part in text, part
    _invitation, token = factory.invitation(team)
    session.commit()
    points = welcome_points(app.test_client(), token)
    assert len(points) == 7 and "mindestens 3 Personen" in points[1] and "120 Tage" in points[3]
    assert [line for line in text.splitlines() if line.startswith("– ")] == [
        f"– {point}" for point in points
    ]


def test_the_invitation_text_follows_the_page_language_and_a_missing_deadline(
    logged_in, session, team
):
    team.round.closes_at = None
    team.name = "Bildungsbüro"
    session.commit()
    text = textareas(logged_in.get(f"/f/teams/{team.id}?lang=en").text)["invitation-text"]
    assert text.startswith("Hello,\n")
    assert "member of the team Bildungsbüro (Lindenfeld) to the survey “Herbst 2026”" in text
    assert "Your personal link: [personal link]" in text
    assert "Please respond by [date]." in text
    assert "Results are only shown for groups in which at least 3 people" in text


def test_each_new_link_comes_with_its_own_invitation_text(logged_in, team):
    created = logged_in.post(f"/f/teams/{team.id}/invitations", data={"count": "2"}).text
    tokens = created_tokens(created)
    texts = textareas(created)
    assert set(texts) == {"invitation-text-1", "invitation-text-2"}
    for number, token in enumerate(tokens, start=1):
        text = texts[f"invitation-text-{number}"]
        assert f"Ihr persönlicher Link: http://surveyapp.test/s/{token}" in text
        assert "[persönlicher Link]" not in text
    assert "<summary>Einladungstext mit Link Nr. 2</summary>" in created


# --- the municipality contact makes and revokes the links of their own team ------------------


@pytest.fixture
def contact(session, factory, team):
    user = factory.user(Role.CONTACT, email="kontakt@lindenfeld.example")
    team.contacts.append(user)
    session.commit()
    return user


def audit_entries(session, action: str) -> list[AuditEvent]:
    return list(session.scalars(sa.select(AuditEvent).where(AuditEvent.action == action)))


def test_a_contact_creates_hands_out_and_revokes_the_own_teams_links_audited_as_themselves(
    client, session, team, contact
):
    login(client, contact)
    page = client.get(f"/f/my/teams/{team.id}").text
    assert f'action="/f/my/teams/{team.id}/invitations"' in page
    assert "[persönlicher Link]" in textareas(page)["invitation-text"]
    created = client.post(f"/f/my/teams/{team.id}/invitations", data={"count": "2"})
    assert created.status_code == 200
    tokens = created_tokens(created.text)
    assert len(tokens) == 2 and all(find_invitation(session, token) for token in tokens)
    assert f'href="/f/my/teams/{team.id}">Zurück zum Team' in created.text
    assert f"http://surveyapp.test/s/{tokens[0]}" in textareas(created.text)["invitation-text-1"]
    csv_file = client.post(f"/f/teams/{team.id}/invitations/download.csv", data={"token": tokens})
    assert csv_file.mimetype == "text/csv" and tokens[1] in csv_file.data.decode("utf-8-sig")
    printout = client.post(f"/f/teams/{team.id}/invitations/print", data={"token": tokens})
    assert printout.text.count('class="invitation-card__qr"') == 2

    first = session.scalars(sa.select(Invitation).order_by(Invitation.number)).first()
    revoke = f"/f/my/invitations/{first.id}/revoke"
    assert f'href="{revoke}"' in client.get(f"/f/my/teams/{team.id}").text
    confirm = client.get(revoke).text
    assert "Link Nr. 1 widerrufen?" in confirm and f'href="/f/my/teams/{team.id}"' in confirm
    response = client.post(revoke)
    assert response.headers["Location"] == f"/f/my/teams/{team.id}"
    assert find_invitation(session, tokens[0]) is None
    assert find_invitation(session, tokens[1]) is not None

    for action in ("invitations.create", "invitations.download", "invitation.revoke"):
        entries = audit_entries(session, action)
        assert entries and {entry.actor for entry in entries} == {contact.email}, action
        assert {entry.user_id for entry in entries} == {contact.id}


def test_a_contact_cannot_reach_the_links_of_another_team(client, session, factory, team, contact):
    other = factory.team(team.round, factory.municipality("Auental"))
    invitation, token = factory.invitation(other)
    session.commit()
    login(client, contact)
    assert (
        client.post(f"/f/my/teams/{other.id}/invitations", data={"count": "1"}).status_code == 404
    )
    assert client.get(f"/f/my/invitations/{invitation.id}/revoke").status_code == 404
    assert client.post(f"/f/my/invitations/{invitation.id}/revoke").status_code == 404
    print_other = client.post(f"/f/teams/{other.id}/invitations/print", data={"token": [token]})
    assert print_other.status_code == 404
    # their own team's form cannot carry another team's link out either
    own = client.post(
        f"/f/teams/{team.id}/invitations/print", data={"token": [token]}, follow_redirects=True
    )
    assert token not in own.text and "gehören nicht zu diesem Team" in own.text
    # nor can the facilitator's routes be used: they are for the round's staff
    assert client.get(f"/f/invitations/{invitation.id}/revoke").status_code == 403
    assert client.post(f"/f/teams/{team.id}/invitations", data={"count": "1"}).status_code == 403
    session.expire_all()
    assert find_invitation(session, token) is not None
    assert len(team.invitations) == 0 and len(other.invitations) == 1


def test_a_refused_count_comes_back_on_the_contacts_page(client, session, team, contact):
    login(client, contact)
    response = client.post(f"/f/my/teams/{team.id}/invitations", data={"count": "0"})
    assert response.status_code == 400
    assert "zwischen 1 und 500" in response.text and "Meine Teams" in response.text
    assert session.scalar(sa.select(sa.func.count(Invitation.id))) == 0
