"""A page left completely empty asks once whether to go on; nothing is lost or wrongly stored.

Rules (README, "Ready for a real round"): "Speichern und weiter" on a page where no item has
an answer comes back with the question and a button to go on anyway (``confirm_empty=1``);
the page is not counted as done until then. Zwischenspeichern and Zurück never ask. A page
the participant went on from empty before is not asked about again; a page whose answers
were all cleared is asked about (and cleared only when confirmed). Missing required answers
are said as errors instead.
"""

from __future__ import annotations

from tests.test_participant_views import (
    ABOUT,
    CONFIRMED_EMPTY,
    hidden,
    response_of,
    save,
    stored,
)

QUESTION = "Sie haben auf dieser Seite noch nichts beantwortet. Möchten Sie trotzdem weiter?"


def completed(session, invitation) -> list[str]:
    response = response_of(session, invitation)
    return list(response.completed_sections) if response is not None else []


def test_going_on_from_an_empty_page_asks_once_and_the_button_goes_on(client, session, invitation):
    invitation, token = invitation
    assert save(client, token, "about", ABOUT).status_code == 303
    before = stored(session, invitation)

    asked = save(client, token, "mandate")
    assert asked.status_code == 200
    assert QUESTION in asked.text and 'role="alert"' in asked.text
    assert asked.text.count('id="confirm-empty"') == 1 and "autofocus" in asked.text
    assert "<title>Hinweis: Schritt 2 von" in asked.text
    # going on is one press away, with the notice's button or "Speichern und weiter" again
    assert 'form="section-form" name="confirm_empty" value="1">Ohne Antwort weiter' in asked.text
    assert hidden(asked.text, "confirm_empty") == "1"
    assert stored(session, invitation) == before and "mandate" not in completed(session, invitation)

    went_on = client.post(
        f"/s/{token}/mandate",
        data={
            "_base": hidden(asked.text, "_base"),
            "csrf_token": hidden(asked.text, "csrf_token") or "",
            "confirm_empty": "1",
        },
    )
    assert went_on.status_code == 303 and went_on.headers["Location"] == f"/s/{token}/functions"
    assert stored(session, invitation) == before
    assert "mandate" in completed(session, invitation)


def test_a_page_gone_on_from_empty_before_is_not_asked_about_again(client, invitation):
    _, token = invitation
    assert save(client, token, "mandate", CONFIRMED_EMPTY).status_code == 303
    again = save(client, token, "mandate")
    assert again.status_code == 303 and again.headers["Location"] == f"/s/{token}/functions"


def test_save_for_later_and_back_never_ask_and_leave_the_page_to_come_back_to(
    client, session, invitation
):
    invitation, token = invitation
    assert save(client, token, "about", ABOUT).status_code == 303
    saved = save(client, token, "mandate", action="save")
    assert saved.status_code == 303 and saved.headers["Location"] == f"/s/{token}/mandate"
    back = save(client, token, "mandate", action="back")
    assert back.status_code == 303 and back.headers["Location"] == f"/s/{token}/about"
    # the link resumes at the empty page, and going on from it still asks
    assert completed(session, invitation) == ["about"]
    assert client.get(f"/s/{token}").headers["Location"] == f"/s/{token}/mandate"
    assert QUESTION in save(client, token, "mandate").text


def test_one_answer_is_enough_to_go_on_without_being_asked(client, session, invitation):
    invitation, token = invitation
    reply = save(client, token, "strengths", {"q_strength_biggest": "Netzwerk"})
    assert reply.status_code == 303
    assert stored(session, invitation) == {"strength_biggest": "Netzwerk"}


def test_missing_required_answers_are_said_as_errors_not_as_the_question(client, invitation):
    _, token = invitation
    page = save(client, token, "about")
    assert page.status_code == 422
    assert 'id="error-summary"' in page.text and QUESTION not in page.text


def test_clearing_every_answer_of_a_page_asks_and_clears_only_when_confirmed(
    client, session, invitation
):
    invitation, token = invitation
    save(client, token, "strengths", {"q_strength_biggest": "Netzwerk"})
    asked = save(client, token, "strengths", {"q_strength_biggest": ""})
    assert asked.status_code == 200 and QUESTION in asked.text
    assert stored(session, invitation) == {"strength_biggest": "Netzwerk"}
    save(client, token, "strengths", {"q_strength_biggest": "", **CONFIRMED_EMPTY})
    assert stored(session, invitation) == {}


def test_an_answer_stored_from_another_tab_counts_as_an_answer(client, session, invitation):
    invitation, token = invitation
    stale = client.get(f"/s/{token}/strengths").text  # this tab shows the page empty
    save(client, token, "strengths", {"q_strength_biggest": "Netzwerk"}, action="save")
    reply = client.post(
        f"/s/{token}/strengths",
        data={
            "_base": hidden(stale, "_base") or "",
            "csrf_token": hidden(stale, "csrf_token") or "",
        },
    )
    assert reply.status_code == 303 and stored(session, invitation) == {
        "strength_biggest": "Netzwerk"
    }


def test_the_question_in_english(client, invitation):
    _, token = invitation
    client.get(f"/language/en?next=/s/{token}/mandate")
    page = save(client, token, "mandate").text
    assert "You have not answered anything on this page yet. Do you want to go on anyway?" in page
    assert "Go on without answering" in page
