"""Text input at the edge: control characters and NUL dropped, bytes that are not UTF-8 refused.

One rule for every form field of both audiences (surveyapp/request.py): tab and line breaks
stay, every other control character is dropped, so that neither PostgreSQL (NUL) nor a
spreadsheet (U+0001–U+001F) ever sees one; a field with bytes that are not UTF-8 is refused.
"""

from __future__ import annotations

import random
from urllib.parse import quote

import pytest
import sqlalchemy as sa

from surveyapp.demo.answers import sample_answers
from surveyapp.models import AuditEvent, Municipality, SurveyRound, Team, User
from surveyapp.participant import form as pf
from surveyapp.text import clean_text
from tests.factories import QUESTIONNAIRE_ID, login
from tests.test_participant_views import hidden, stored

HOSTILE = "Ziel A\x00\x01 Ziel B\x0b\x1f\x7f\x85 – Zeile\tmit Tab\nneue Zeile"
CLEANED = "Ziel A Ziel B – Zeile\tmit Tab\nneue Zeile"


def test_control_characters_are_dropped_but_tab_and_line_breaks_stay():
    assert clean_text(HOSTILE) == CLEANED
    assert clean_text("Ä ö ü ß € 😀 \u200b") == "Ä ö ü ß € 😀 \u200b"


def _text_section(questionnaire):
    """The first section with a free-text item, and that item."""
    for section in questionnaire.sections:
        for item in section.items:
            if item.type == "text":
                return section, item
    raise AssertionError("the questionnaire has no text item")


@pytest.fixture
def text_page(factory, session, registry):
    """A token, its section with a text item, and valid answers for every other item there."""
    survey_round = factory.round()
    invitation, token = factory.invitation(factory.team(survey_round))
    session.commit()
    questionnaire = registry.get(survey_round.questionnaire_id, survey_round.questionnaire_version)
    section, text_item = _text_section(questionnaire)
    answers = sample_answers(questionnaire, random.Random(7))
    chosen = {
        item.key: answers[item.key]
        for item in section.items
        if item.key != text_item.key and item.key in answers
    }
    # as stored: through the form and back (choices in questionnaire order)
    others = pf.parse_section(section, pf.form_state(section, chosen)).values
    assert others, "the page needs other answers beside the text"
    return invitation, token, section, text_item, others


def _post_page(client, token, section, fields):
    page = client.get(f"/s/{token}/{section.key}").text
    data = {"_base": hidden(page, "_base") or "", "action": "save", **fields}
    return client.post(f"/s/{token}/{section.key}", data=data)


def _fields(section, values):
    return pf.form_state(section, values)


def test_a_nul_byte_in_an_answer_is_dropped_and_the_rest_of_the_page_is_saved(
    client, session, text_page
):
    invitation, token, section, text_item, others = text_page
    fields = _fields(section, others)
    fields[pf.field_name(text_item.key)] = [HOSTILE]
    response = _post_page(client, token, section, fields)
    assert response.status_code == 303, response.text
    saved = stored(session, invitation)
    assert saved[text_item.key] == CLEANED
    for key, value in others.items():
        assert saved[key] == value


def test_percent_encoded_bytes_that_are_not_utf8_are_refused_at_the_field(
    client, session, text_page
):
    invitation, token, section, text_item, others = text_page
    page = client.get(f"/s/{token}/{section.key}").text
    pairs = [("_base", hidden(page, "_base") or ""), ("action", "save")]
    for name, values in _fields(section, others).items():
        pairs += [(name, value) for value in values]
    body = "&".join(f"{quote(name)}={quote(value)}" for name, value in pairs)
    body += f"&{pf.field_name(text_item.key)}=Ziel%FF%FEB"
    response = client.post(
        f"/s/{token}/{section.key}",
        data=body,
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 422
    assert "unleserlich" in response.text
    assert "Ziel��B" in response.text  # shown back, the unreadable bytes marked
    saved = stored(session, invitation)
    assert text_item.key not in saved
    for key, value in others.items():
        assert saved[key] == value


def test_raw_bytes_that_are_not_utf8_do_not_empty_the_page(client, session, text_page):
    invitation, token, section, text_item, others = text_page
    fields = _fields(section, others)
    page = client.get(f"/s/{token}/{section.key}").text
    pairs = [("_base", hidden(page, "_base") or ""), ("action", "save")]
    for name, values in fields.items():
        pairs += [(name, value) for value in values]
    body = "&".join(f"{quote(name)}={quote(value)}" for name, value in pairs).encode()
    body += f"&{pf.field_name(text_item.key)}=Ziel".encode() + b"\xff"
    response = client.post(
        f"/s/{token}/{section.key}", data=body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 422
    saved = stored(session, invitation)
    assert text_item.key not in saved
    for key, value in others.items():
        assert saved[key] == value


def test_a_facilitator_form_with_bytes_that_are_not_utf8_is_refused_whole(client, factory, session):
    login(client, factory.user("admin"))
    session.commit()
    response = client.post(
        "/f/municipalities/new",
        data="name=Lindenfeld%FF&kind=city",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    assert "UTF-8" in response.text
    assert session.scalar(sa.select(sa.func.count()).select_from(Municipality)) == 0


def test_a_nul_byte_at_login_is_a_failed_login_not_a_server_error(client, factory, session):
    factory.user(email="owner@example.org")
    session.commit()
    response = client.post(
        "/login", data={"email": "owner\x00@example.org\x01", "password": "wrong\x00password"}
    )
    assert response.status_code == 200
    assert "stimmen nicht" in response.text
    event = session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "login.failed")).one()
    assert "\x00" not in event.target


def test_control_characters_never_reach_names_on_the_facilitator_side(
    client, factory, session, registry
):
    facilitator = factory.user("facilitator")
    session.commit()
    login(client, facilitator)
    response = client.post(
        "/f/rounds/new",
        data={
            "name": "Herbst\x00 2026\x01",
            "questionnaire": registry.latest(QUESTIONNAIRE_ID).ref,
            "min_group_size": "3",
        },
    )
    assert response.status_code == 302, response.text
    survey_round = session.scalars(sa.select(SurveyRound)).one()
    assert survey_round.name == "Herbst 2026"
    response = client.post(
        f"/f/rounds/{survey_round.id}/teams/new",
        data={
            "municipality": "new",
            "new_name": "Linden\x00feld\x1b",
            "new_kind": "city",
            "name": "Bildungs\x07büro",
        },
    )
    assert response.status_code == 302, response.text
    team = session.scalars(sa.select(Team)).one()
    assert (team.municipality.name, team.name) == ("Lindenfeld", "Bildungsbüro")
    response = client.post(
        f"/f/teams/{team.id}/contacts",
        data={
            "email": "kontakt\x00@lindenfeld.de",
            "name": "Kon\x00takt",
            "password": "ein langes erstes Passwort",
        },
    )
    assert response.status_code == 302, response.text
    contact = session.scalars(sa.select(User).where(User.email.like("kontakt%"))).one()
    assert (contact.email, contact.name) == ("kontakt@lindenfeld.de", "Kontakt")


def test_the_command_line_drops_control_characters_from_names_too(runner, factory, session):
    survey_round = factory.round()
    session.commit()
    result = runner.invoke(
        args=[
            "teams",
            "add",
            "--round",
            str(survey_round.id),
            "--municipality",
            "Linden\x00feld\x01",
            "--create-municipality",
        ]
    )
    assert result.exit_code == 0, result.output
    names = session.scalars(sa.select(Municipality.name)).all()
    assert names == ["Lindenfeld"]
