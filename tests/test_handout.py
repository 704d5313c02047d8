"""Handing out links: the printed cards with their QR codes, the CSV of links, the invitation
text, and the municipality contact who makes and revokes the links of their own team."""

from __future__ import annotations

import csv
import io
import re
from zoneinfo import ZoneInfo

import pytest
import segno
import sqlalchemy as sa

from surveyapp.models import Invitation
from surveyapp.qr import QUIET_ZONE

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def team(session, factory, facilitator):
    survey_round = factory.round(name="Herbst 2026", facilitators=[facilitator])
    team = factory.team(survey_round, factory.municipality("Lindenfeld"))
    session.commit()
    return team


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
