"""Answering through an invitation link, server side: tokens, pages, validation, submit, safety."""

from __future__ import annotations

import html
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from datetime import timedelta

import pytest
import sqlalchemy as sa

from surveyapp.db import utcnow
from surveyapp.models import Response, RoundStatus
from surveyapp.operations.invitations import revoke_invitation
from surveyapp.operations.responses import answers_of
from surveyapp.organiser import Organiser
from tests.factories import SHIPPED_SECTIONS as SECTIONS

ABOUT = {"q_role": "team", "q_level": "operativ"}


@pytest.fixture
def invitation(factory, session):
    """An active invitation in an open round, and its token."""
    invitation, token = factory.invitation()
    session.commit()
    return invitation, token


@pytest.fixture
def token(invitation) -> str:
    return invitation[1]


def hidden(page_html: str, name: str) -> str | None:
    match = re.search(rf'name="{name}" value="([^"]*)"', page_html)
    return html.unescape(match.group(1)) if match else None


#: Posted with "Speichern und weiter" on a page left empty: going on without answers is meant.
CONFIRMED_EMPTY = {"confirm_empty": "1"}


def save(client, token, section, fields=None, action="next", **kwargs):
    """Load a section page (as a browser would) and post it with these fields."""
    page = client.get(f"/s/{token}/{section}").text
    data = {"_base": hidden(page, "_base") or "", "action": action, **(fields or {})}
    csrf_token = hidden(page, "csrf_token")
    if csrf_token:
        data["csrf_token"] = csrf_token
    return client.post(f"/s/{token}/{section}", data=data, **kwargs)


def response_of(session, invitation) -> Response | None:
    session.expire_all()
    return session.scalar(sa.select(Response).where(Response.invitation_id == invitation.id))


def stored(session, invitation) -> dict:
    response = response_of(session, invitation)
    return answers_of(session, response) if response is not None else {}


def answer_required(client, token):
    assert save(client, token, "about", ABOUT).status_code == 303


# --- the link -------------------------------------------------------------------------------


def test_the_welcome_page_says_who_runs_it_how_long_it_takes_and_what_happens(
    client, factory, session, app
):
    survey_round = factory.round(min_group_size=4, name="Herbstrunde 2026")
    invitation, token = factory.invitation(factory.team(survey_round))
    session.commit()
    response = client.get(f"/s/{token}")
    assert response.status_code == 200
    page = response.text
    assert "Herbstrunde 2026" in page
    assert app.config["SURVEYAPP_ORGANISER"] in page
    assert "etwa 20 Minuten" in page
    assert "mindestens 4 Personen" in page
    assert f"spätestens {app.config['SURVEYAPP_RETENTION_DAYS']} Tage" in page
    assert "ohne Angaben zu Ihrer Person" in page
    assert f'action="/s/{token}/start"' in page
    assert response.headers["Cache-Control"] == "no-store"
    # the token in the address never reaches another host; our own origin may see it
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response_of(session, invitation) is None  # looking creates nothing


def _without_paths(text: str) -> str:
    return re.sub(r"next=[^\"]*", "next=", text)


@pytest.mark.parametrize(
    ("method", "suffix"),
    [
        ("get", ""),
        ("get", "/info"),
        ("get", "/about"),
        ("get", "/review"),
        ("get", "/done"),
        ("post", "/start"),
        ("post", "/about"),
        ("post", "/submit"),
    ],
)
def test_an_unknown_token_gets_the_ordinary_404_page(client, method, suffix):
    unknown = getattr(client, method)(f"/s/not-a-real-token-{'x' * 40}{suffix}")
    ordinary = client.get("/no/such/page")
    assert unknown.status_code == ordinary.status_code == 404
    assert _without_paths(unknown.text) == _without_paths(ordinary.text)


def test_a_revoked_token_gets_the_same_404_page(client, session, invitation):
    invitation, token = invitation
    assert client.get(f"/s/{token}").status_code == 200
    revoke_invitation(session, invitation, actor=None)
    session.commit()
    revoked = client.get(f"/s/{token}")
    assert revoked.status_code == 404
    assert _without_paths(revoked.text) == _without_paths(client.get("/nothing").text)


def test_an_unknown_section_is_404(client, token):
    assert client.get(f"/s/{token}/nonexistent").status_code == 404


def test_a_token_reaches_its_own_response_only(client, factory, session, invitation):
    first, first_token = invitation
    second, second_token = factory.invitation(first.team)
    session.commit()
    save(client, first_token, "strengths", {"q_strength_biggest": "Nur meine Antwort"})
    assert "Nur meine Antwort" in client.get(f"/s/{first_token}/review").text
    assert "Nur meine Antwort" not in client.get(f"/s/{second_token}/review").text
    assert "Nur meine Antwort" not in client.get(f"/s/{second_token}/strengths").text
    assert stored(session, second) == {}


def test_starting_twice_makes_one_draft_and_goes_to_the_first_page(client, session, invitation):
    invitation, token = invitation
    first = client.post(f"/s/{token}/start")
    second = client.post(f"/s/{token}/start")
    assert first.status_code == second.status_code == 303
    assert first.headers["Location"] == f"/s/{token}/about"
    assert session.scalar(sa.select(sa.func.count(Response.id))) == 1


def test_opening_the_link_again_resumes_at_the_first_page_not_completed(client, token):
    client.post(f"/s/{token}/start")
    assert client.get(f"/s/{token}").headers["Location"] == f"/s/{token}/about"
    answer_required(client, token)
    save(client, token, "mandate", {"q_placement": "amt"})
    resumed = client.get(f"/s/{token}")
    assert resumed.status_code == 303
    assert resumed.headers["Location"] == f"/s/{token}/functions"
    assert "Willkommen zurück" in client.get(resumed.headers["Location"]).text


def test_when_every_page_is_completed_the_link_resumes_at_the_review(client, token):
    answer_required(client, token)
    for section in SECTIONS[1:]:  # left empty, and going on confirmed
        assert save(client, token, section, CONFIRMED_EMPTY).status_code == 303
    assert client.get(f"/s/{token}").headers["Location"] == f"/s/{token}/review"


def test_the_information_page_stays_reachable_after_starting(client, token):
    answer_required(client, token)
    page = client.get(f"/s/{token}/info").text
    assert "Was mit Ihren Antworten geschieht" in page
    assert f'href="/s/{token}/mandate"' in page


def test_pages_are_german_by_default_and_english_when_chosen_and_remembered(client, token):
    assert "Zu Ihrer Person" in client.get(f"/s/{token}/about").text
    switched = client.get(f"/language/en?next=/s/{token}/about")
    assert switched.headers["Location"] == f"/s/{token}/about"
    page = client.get(f"/s/{token}/about")
    assert "About you" in page.text and 'lang="en"' in page.text
    assert "Step 1 of 8" in page.text


# --- one page per section -------------------------------------------------------------------


@pytest.mark.parametrize("number", range(1, len(SECTIONS) + 1))
def test_every_section_has_its_page_with_step_progress_and_named_fields(client, token, number):
    section = SECTIONS[number - 1]
    page = client.get(f"/s/{token}/{section}")
    assert page.status_code == 200
    assert f"Schritt {number} von {len(SECTIONS)}" in page.text
    assert f'<progress max="{len(SECTIONS)}" value="{number}"' in page.text
    assert re.search(r"<title>Schritt \d+ von 8: ", page.text)
    assert 'name="csrf_token"' in page.text and 'name="_base"' in page.text
    assert ('value="back"' in page.text) == (number > 1)


def test_the_field_names_follow_the_documented_scheme(client, token):
    functions = client.get(f"/s/{token}/functions").text
    assert 'name="q_fn_monitoring__importance" id="q_fn_monitoring__importance-1"' in functions
    assert 'name="q_fn_monitoring__performance"' in functions
    strategy = client.get(f"/s/{token}/strategy").text
    assert 'id="q_priorities__3" name="q_priorities__3"' in strategy
    assert 'name="q_audiences" id="q_audiences-politik"' in strategy
    mandate = client.get(f"/s/{token}/mandate").text
    assert 'id="q_mandate_known-na" value="na"' in mandate
    assert 'inputmode="decimal"' in mandate


def test_next_saves_the_page_marks_it_completed_and_goes_on(client, session, invitation):
    invitation, token = invitation
    response = save(client, token, "about", ABOUT)
    assert response.status_code == 303
    assert response.headers["Location"] == f"/s/{token}/mandate"
    assert stored(session, invitation) == {"role": "team", "level": "operativ"}
    assert response_of(session, invitation).completed_sections == ["about"]


def test_the_last_page_leads_to_the_review(client, token):
    reply = save(client, token, "consultation", CONFIRMED_EMPTY)
    assert reply.headers["Location"] == f"/s/{token}/review"


def test_every_item_type_is_stored_in_its_documented_shape(client, session, invitation):
    invitation, token = invitation
    save(
        client,
        token,
        "mandate",
        {
            "q_placement": "amt",
            "q_staff_fte": "2,5",
            "q_mandate_written": "4",
            "q_mandate_known": "na",
        },
    )
    save(
        client,
        token,
        "functions",
        {"q_fn_monitoring__importance": "5", "q_fn_monitoring__performance": "2"},
    )
    save(
        client,
        token,
        "strategy",
        {
            "q_priorities__1": "fn_quality",
            "q_priorities__2": "fn_advice",
            "q_audiences": ["politik", "aemter"],
            "q_visibility": " Mehr ",
        },
    )
    answers = stored(session, invitation)
    assert answers["placement"] == "amt"
    assert answers["staff_fte"] == 2.5
    assert answers["mandate_written"] == 4
    assert answers["mandate_known"] is None and "mandate_known" in answers
    assert answers["fn_monitoring"] == {"importance": 5, "performance": 2}
    assert answers["priorities"] == ["fn_quality", "fn_advice"]
    assert answers["audiences"] == ["politik", "aemter"]
    assert answers["visibility"] == "Mehr"


def test_a_saved_page_shows_its_answers_again(client, token):
    save(client, token, "mandate", {"q_mandate_known": "na", "q_staff_fte": "2.5"})
    page = client.get(f"/s/{token}/mandate").text
    assert 'id="q_mandate_known-na" value="na" checked' in page
    assert 'value="2,5"' in page


def test_back_saves_and_goes_to_the_previous_page_even_with_required_items_open(
    client, session, invitation
):
    invitation, token = invitation
    save(client, token, "mandate", {"q_placement": "amt"})
    back = save(client, token, "about", {"q_role": "team"}, action="back")
    assert back.status_code == 303
    assert back.headers["Location"] == f"/s/{token}/info"
    assert stored(session, invitation)["role"] == "team"
    assert "about" not in response_of(session, invitation).completed_sections
    back = save(client, token, "goals", {"q_topics": ["schule"]}, action="back")
    assert back.headers["Location"] == f"/s/{token}/functions"


def test_back_with_input_that_cannot_be_stored_stays_and_keeps_it(client, session, invitation):
    invitation, token = invitation
    too_long = "x" * 1001
    back = save(client, token, "strengths", {"q_strength_biggest": too_long}, action="back")
    assert back.status_code == 422
    assert too_long in back.text
    assert "strength_biggest" not in stored(session, invitation)


def test_save_stays_on_the_page_and_confirms(client, token):
    response = save(client, token, "goals", {"q_topics": ["schule"]}, action="save")
    assert response.headers["Location"] == f"/s/{token}/goals"
    assert "sind gespeichert" in client.get(response.headers["Location"]).text


def test_clearing_an_answer_removes_it(client, session, invitation):
    invitation, token = invitation
    save(client, token, "strengths", {"q_strength_biggest": "Netzwerk"})
    save(client, token, "strengths", {"q_strength_biggest": "", **CONFIRMED_EMPTY})
    assert "strength_biggest" not in stored(session, invitation)


# --- validation: every rule, shown at the field and in the summary --------------------------

RULES = [
    ("about", {"q_level": "operativ"}, "q_role-leitung", "Bitte wählen Sie eine Antwort aus."),
    ("about", {"q_role": "chef", **{"q_level": "operativ"}}, "q_role-leitung", "angebotenen"),
    ("mandate", {"q_mandate_written": "7"}, "q_mandate_written-1", "angebotenen"),
    ("mandate", {"q_staff_fte": "viele"}, "q_staff_fte", "Bitte geben Sie eine Zahl ein"),
    ("mandate", {"q_staff_fte": "100,5"}, "q_staff_fte", "Zahl von 0 bis 100"),
    (
        "functions",
        {"q_fn_strategy__importance": "4"},
        "q_fn_strategy__performance-1",
        "wie gut diese Aufgabe heute gelingt",
    ),
    (
        "goals",
        {"q_topics": ["schule", "ganztag", "inklusion", "integration", "weiterbildung"]},
        "q_topics-fruehe_bildung",
        "höchstens 4 Antworten",
    ),
    ("strengths", {"q_strength_biggest": "x" * 1001}, "q_strength_biggest", "höchstens 1000"),
    (
        "strategy",
        {"q_priorities__1": "fn_quality", "q_priorities__2": "fn_quality"},
        "q_priorities__2",
        "nur einmal vorkommen",
    ),
    (
        "strategy",
        {"q_priorities__1": "fn_quality", "q_priorities__3": "fn_advice"},
        "q_priorities__2",
        "der Reihe nach",
    ),
]


@pytest.mark.parametrize(("section", "fields", "field_id", "message"), RULES)
def test_a_rule_broken_is_shown_at_the_field_and_linked_from_the_summary(
    client, token, section, fields, field_id, message
):
    response = save(client, token, section, fields)
    assert response.status_code == 422
    page = response.text
    assert page.count('id="error-summary"') == 1
    assert f'<a href="#{field_id}">' in page
    assert f'id="{field_id}"' in page  # the link leads somewhere
    summary = page[page.index('id="error-summary"') : page.index("<h1>")]
    assert message in html.unescape(summary)
    field_part = html.unescape(page[page.index("<form") :])
    assert message in field_part
    item_key = field_id.removeprefix("q_").split("-")[0].split("__")[0]
    error_id = f"q_{item_key}-error"
    assert f'id="{error_id}"' in page
    assert re.search(rf'aria-describedby="[^"]*\b{error_id}\b', page)
    assert "<title>Fehler: Schritt" in page


def test_text_and_number_fields_in_error_are_marked_invalid(client, token):
    page = save(client, token, "mandate", {"q_staff_fte": "-3"}).text
    assert re.search(r'id="q_staff_fte"[^>]*aria-invalid="true"', page)


def test_a_rejected_page_keeps_everything_typed_and_saves_what_is_valid(
    client, session, invitation
):
    invitation, token = invitation
    fields = {
        "q_strength_biggest": "Gut vernetzt",
        "q_weakness_biggest": "<b>zu lang</b> " + "y" * 1000,
        "q_data_used": "2",
        "q_communication_unknown": "na",
    }
    response = save(client, token, "strengths", fields)
    assert response.status_code == 422
    page = response.text
    assert "Gut vernetzt" in page
    assert "&lt;b&gt;zu lang&lt;/b&gt; " + "y" * 1000 in page  # kept, and escaped
    assert 'id="q_data_used-2" value="2" checked' in page
    assert 'id="q_communication_unknown-na" value="na" checked' in page
    answers = stored(session, invitation)
    assert answers["strength_biggest"] == "Gut vernetzt"
    assert answers["data_used"] == 2 and answers["communication_unknown"] is None
    assert "weakness_biggest" not in answers
    assert "strengths" not in response_of(session, invitation).completed_sections


def test_a_decimal_comma_and_point_are_both_accepted(client, session, invitation):
    invitation, token = invitation
    save(client, token, "mandate", {"q_staff_fte": "3,5"})
    assert stored(session, invitation)["staff_fte"] == 3.5
    save(client, token, "mandate", {"q_staff_fte": "4.25"})
    assert stored(session, invitation)["staff_fte"] == 4.25


# --- review and submit ----------------------------------------------------------------------


def test_the_review_lists_answers_in_words_with_a_change_link_per_section(client, token):
    answer_required(client, token)
    save(
        client,
        token,
        "functions",
        {"q_fn_quality__importance": "5", "q_fn_quality__performance": "1"},
    )
    save(client, token, "strengths", {"q_strength_biggest": "<script>alert(1)</script>"})
    page = client.get(f"/s/{token}/review").text
    assert "Mitarbeiterin oder Mitarbeiter des Bildungsbüros" in page
    assert "Wie wichtig ist dies für das Bildungsbüro?: 5 – sehr wichtig" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert" not in page
    for section in SECTIONS:
        assert f'href="/s/{token}/{section}">Ändern' in page
    assert "keine Angabe" in page


def test_submitting_with_required_items_open_is_refused_with_links_to_them(
    client, session, invitation
):
    invitation, token = invitation
    save(client, token, "about", {"q_role": "team"}, action="save")
    assert "Noch offen" in client.get(f"/s/{token}/review").text
    response = client.post(f"/s/{token}/submit")
    assert response.status_code == 422
    assert f'href="/s/{token}/about#q_level-normativ"' in response.text
    assert response_of(session, invitation).status.value == "draft"


def test_submit_goes_to_the_thank_you_page_and_the_link_then_shows_no_answers(
    client, session, invitation
):
    invitation, token = invitation
    answer_required(client, token)
    save(client, token, "strengths", {"q_strength_biggest": "Unser Geheimnis"})
    submitted = client.post(f"/s/{token}/submit")
    assert submitted.status_code == 303
    assert submitted.headers["Location"] == f"/s/{token}/done"
    thanks = client.get(f"/s/{token}/done")
    assert "Vielen Dank" in thanks.text and "Unser Geheimnis" not in thanks.text
    again = client.get(f"/s/{token}")
    assert again.status_code == 200
    assert "abgeschickt" in again.text and "Unser Geheimnis" not in again.text
    for section in ("about", "review"):
        assert client.get(f"/s/{token}/{section}").headers["Location"] == f"/s/{token}"
    assert response_of(session, invitation).submitted


def test_a_submitted_response_cannot_be_changed(client, session, invitation):
    invitation, token = invitation
    answer_required(client, token)
    client.post(f"/s/{token}/submit")
    response = client.post(f"/s/{token}/about", data={"q_role": "leitung", "action": "next"})
    assert response.status_code == 303
    assert stored(session, invitation)["role"] == "team"
    assert client.post(f"/s/{token}/start").headers["Location"] == f"/s/{token}"


def test_a_double_submit_stores_one_response_and_both_clicks_land_on_thank_you(
    client, session, invitation
):
    invitation, token = invitation
    answer_required(client, token)
    first = client.post(f"/s/{token}/submit")
    submitted_at = response_of(session, invitation).submitted_at
    second = client.post(f"/s/{token}/submit")
    assert first.headers["Location"] == second.headers["Location"] == f"/s/{token}/done"
    assert response_of(session, invitation).submitted_at == submitted_at
    assert session.scalar(sa.select(sa.func.count(Response.id))) == 1


def test_done_before_submitting_goes_back_to_the_link(client, token):
    assert client.get(f"/s/{token}/done").headers["Location"] == f"/s/{token}"


# --- closed rounds --------------------------------------------------------------------------


def _close(session, invitation) -> None:
    invitation.team.round.status = RoundStatus.CLOSED
    session.commit()


def test_a_closed_round_says_so_and_keeps_the_draft(client, session, invitation):
    invitation, token = invitation
    answer_required(client, token)
    _close(session, invitation)
    for path in ("", "/about", "/review"):
        page = client.get(f"/s/{token}{path}")
        assert page.status_code == 200
        assert "Die Befragung ist geschlossen" in page.text
        assert "bisher gespeicherten Antworten bleiben erhalten" in page.text
    assert stored(session, invitation) == {"role": "team", "level": "operativ"}


def test_saving_into_a_closed_round_is_refused_with_the_input_shown_back(
    client, session, invitation
):
    invitation, token = invitation
    answer_required(client, token)
    page = client.get(f"/s/{token}/strengths").text
    _close(session, invitation)
    data = {"q_strength_biggest": "Noch schnell", "_base": hidden(page, "_base"), "action": "next"}
    refused = client.post(f"/s/{token}/strengths", data=data)
    assert refused.status_code == 409
    assert "Die Befragung ist geschlossen" in refused.text
    assert "Noch schnell" in refused.text
    assert "strength_biggest" not in stored(session, invitation)
    refused = client.post(f"/s/{token}/submit")
    assert refused.status_code == 409
    assert response_of(session, invitation).status.value == "draft"
    assert stored(session, invitation) == {"role": "team", "level": "operativ"}


def test_a_round_past_its_end_refuses_answers(client, session, invitation):
    invitation, token = invitation
    survey_round = invitation.team.round
    survey_round.opens_at = utcnow() - timedelta(days=10)
    survey_round.closes_at = utcnow() - timedelta(minutes=1)
    session.commit()
    assert "Die Befragung ist geschlossen" in client.get(f"/s/{token}").text
    assert client.post(f"/s/{token}/start").status_code == 409
    assert response_of(session, invitation) is None


def test_a_round_not_yet_open_says_when_it_starts(client, session, invitation):
    invitation, token = invitation
    invitation.team.round.opens_at = utcnow() + timedelta(days=3)
    session.commit()
    page = client.get(f"/s/{token}").text
    assert "noch nicht freigeschaltet" in page
    assert "Sie können ab dem" in page


def test_a_draft_round_is_not_open_yet(client, factory, session):
    _, token = factory.invitation(factory.team(factory.round(status=RoundStatus.DRAFT)))
    session.commit()
    assert "noch nicht freigeschaltet" in client.get(f"/s/{token}").text


def test_a_draft_round_past_its_start_date_names_no_date_but_the_organisers_contact(
    make_app, factory, session
):
    app = make_app(
        SURVEYAPP_ORGANISER_INFO=Organiser(
            name="Transferagentur für Großstädte", email="umfrage@example.org", phone="030 1234"
        )
    )
    survey_round = factory.round(status=RoundStatus.DRAFT)
    survey_round.opens_at = utcnow() - timedelta(days=2)
    _, token = factory.invitation(factory.team(survey_round))
    session.commit()
    page = app.test_client().get(f"/s/{token}").text
    assert "noch nicht freigeschaltet" in page
    assert "Sie können ab dem" not in page
    assert 'href="mailto:umfrage@example.org"' in page
    assert "030 1234" in page


# --- CSRF: refused, but nothing typed is lost -----------------------------------------------


@pytest.fixture
def csrf_on(app_config):
    app_config["WTF_CSRF_ENABLED"] = True
    return app_config


def test_with_csrf_on_the_whole_journey_works_with_the_page_s_token(csrf_on, client, token):
    welcome = client.get(f"/s/{token}").text
    start = client.post(f"/s/{token}/start", data={"csrf_token": hidden(welcome, "csrf_token")})
    assert start.status_code == 303
    assert save(client, token, "about", ABOUT).status_code == 303
    review = client.get(f"/s/{token}/review").text
    submitted = client.post(f"/s/{token}/submit", data={"csrf_token": hidden(review, "csrf_token")})
    assert submitted.headers["Location"] == f"/s/{token}/done"


def test_a_page_without_a_valid_csrf_token_comes_back_filled_in_and_unsaved(
    csrf_on, client, session, invitation
):
    invitation, token = invitation
    page = client.get(f"/s/{token}/strengths").text
    data = {"_base": hidden(page, "_base"), "action": "next", "q_strength_biggest": "Lang getippt"}
    refused = client.post(f"/s/{token}/strengths", data={**data, "csrf_token": "forged"})
    assert refused.status_code == 400
    assert "Lang getippt" in refused.text
    assert "noch einmal" in refused.text
    assert stored(session, invitation) == {}
    retry = client.post(
        f"/s/{token}/strengths", data={**data, "csrf_token": hidden(refused.text, "csrf_token")}
    )
    assert retry.status_code == 303
    assert stored(session, invitation) == {"strength_biggest": "Lang getippt"}


def test_start_and_submit_without_csrf_token_change_nothing(csrf_on, client, session, invitation):
    invitation, token = invitation
    assert client.post(f"/s/{token}/start").status_code == 400
    assert response_of(session, invitation) is None
    assert save(client, token, "about", ABOUT).status_code == 303
    assert client.post(f"/s/{token}/submit").status_code == 400
    assert not response_of(session, invitation).submitted


def test_an_unknown_token_without_csrf_is_still_a_plain_404(csrf_on, client):
    assert client.post("/s/unknown-token/about", data={"q_role": "team"}).status_code == 404


# --- rate limit on wrong tokens -------------------------------------------------------------


@pytest.fixture
def limited(app_config):
    app_config["RATELIMIT_ENABLED"] = True
    app_config["RATELIMIT_STORAGE_URI"] = "memory://"
    return app_config


def test_wrong_tokens_are_rate_limited_per_client(limited, client, token):
    for attempt in range(30):
        assert client.get(f"/s/guess-{attempt}").status_code == 404
    assert client.get("/s/guess-31").status_code == 429
    other = {"REMOTE_ADDR": "10.0.0.7"}
    assert client.get("/s/guess-32", environ_base=other).status_code == 404


def test_a_valid_token_used_often_is_not_limited(limited, client, token):
    for _ in range(40):
        assert client.get(f"/s/{token}/about").status_code == 200


# --- two tabs -------------------------------------------------------------------------------


def test_two_tabs_saving_different_pages_lose_nothing(client, session, invitation):
    invitation, token = invitation
    tab_one = client.get(f"/s/{token}/about").text
    tab_two = client.get(f"/s/{token}/goals").text
    client.post(
        f"/s/{token}/goals",
        data={"_base": hidden(tab_two, "_base"), "q_topics": ["schule"], "action": "next"},
    )
    client.post(f"/s/{token}/about", data={"_base": hidden(tab_one, "_base"), **ABOUT})
    answers = stored(session, invitation)
    assert answers == {"topics": ["schule"], "role": "team", "level": "operativ"}
    assert sorted(response_of(session, invitation).completed_sections) == ["about", "goals"]


def test_two_tabs_saving_the_same_page_lose_nothing(client, session, invitation):
    invitation, token = invitation
    base = hidden(client.get(f"/s/{token}/mandate").text, "_base")
    client.post(f"/s/{token}/mandate", data={"_base": base, "q_placement": "amt"})
    client.post(f"/s/{token}/mandate", data={"_base": base, "q_staff_fte": "4"})
    assert stored(session, invitation) == {"placement": "amt", "staff_fte": 4}
    # the second tab, shown again, now shows both
    assert 'id="q_placement-amt" value="amt" checked' in client.get(f"/s/{token}/mandate").text


def test_two_tabs_changing_the_same_answer_keep_the_last_change(client, session, invitation):
    invitation, token = invitation
    base = hidden(client.get(f"/s/{token}/mandate").text, "_base")
    client.post(f"/s/{token}/mandate", data={"_base": base, "q_placement": "amt"})
    client.post(f"/s/{token}/mandate", data={"_base": base, "q_placement": "dezernat"})
    assert stored(session, invitation)["placement"] == "dezernat"


def _post(url: str, fields: dict) -> int:
    data = urllib.parse.urlencode(fields, doseq=True).encode()
    request = urllib.request.Request(url, data=data, method="POST")
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=30) as reply:
            return reply.status
    except urllib.error.HTTPError as error:
        return error.code


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _at_once(calls) -> list[int]:
    barrier = threading.Barrier(len(calls))
    results: list[int] = [0] * len(calls)

    def run(index: int, call) -> None:
        barrier.wait()
        results[index] = call()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_pages_saved_at_the_same_moment_all_count_as_completed(live_server, session, invitation):
    invitation, token = invitation
    _post(f"{live_server}/s/{token}/start", {})
    calls = [
        (
            lambda key=key: _post(
                f"{live_server}/s/{token}/{key}",
                {"_base": "", **(ABOUT if key == "about" else CONFIRMED_EMPTY)},
            )
        )
        for key in SECTIONS
    ]
    assert _at_once(calls) == [303] * len(SECTIONS)
    assert sorted(response_of(session, invitation).completed_sections) == sorted(SECTIONS)


def test_a_submit_clicked_twice_at_the_same_moment_submits_once(live_server, session, invitation):
    invitation, token = invitation
    assert _post(f"{live_server}/s/{token}/about", {"_base": "", **ABOUT}) == 303
    calls = [lambda: _post(f"{live_server}/s/{token}/submit", {})] * 2
    assert _at_once(calls) == [303, 303]
    response = response_of(session, invitation)
    assert response.submitted
    assert session.scalar(sa.select(sa.func.count(Response.id))) == 1
