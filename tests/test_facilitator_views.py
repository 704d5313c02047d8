"""The facilitator workspace in the browser's place: forms, messages, downloads, audit."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from surveyapp.db import utcnow
from surveyapp.models import (
    AuditEvent,
    Invitation,
    Municipality,
    Response,
    Role,
    RoundStatus,
    SurveyRound,
    Team,
)
from surveyapp.operations.invitations import find_invitation
from tests.factories import DEFAULT_VERSION, QUESTIONNAIRE_ID, login


@pytest.fixture
def own_round(session, factory, facilitator):
    survey_round = factory.round(name="Herbst", facilitators=[facilitator])
    session.commit()
    return survey_round


def actions(session) -> list[str]:
    return list(session.scalars(sa.select(AuditEvent.action).order_by(AuditEvent.id)))


def field_error(html: str, field_id: str) -> str:
    """The message shown at a field (the error paragraph tied to it), or ''."""
    match = re.search(rf'<p class="field__error" id="{field_id}-error">(.*?)</p>', html, re.S)
    return match[1].strip() if match else ""


def round_form(registry, **overrides) -> dict[str, str]:
    questionnaire = registry.get(QUESTIONNAIRE_ID, DEFAULT_VERSION)  # the factory rounds' version
    data = {
        "name": "Frühjahr 2027",
        "workshop_date": "2027-03-18",
        "questionnaire": questionnaire.ref,
        "min_group_size": "3",
        "opens_at": "2027-02-01T08:00",
        "closes_at": "2027-03-10T18:00",
    }
    return data | overrides


# --- rounds -----------------------------------------------------------------------------------


def _k_field(html: str) -> str:
    return re.search(r'<input[^>]*id="min_group_size"[^>]*>', html)[0]


def test_the_new_round_form_offers_the_questionnaires_and_k_3(logged_in, registry):
    html = logged_in.get("/f/rounds/new").text
    assert registry.latest(QUESTIONNAIRE_ID).ref in html
    assert 'value="3"' in _k_field(html)


@pytest.fixture
def k5(app_config):
    app_config["SURVEYAPP_DEFAULT_K"] = 5
    return app_config


def test_the_new_round_form_proposes_the_configured_k(k5, logged_in):
    assert 'value="5"' in _k_field(logged_in.get("/f/rounds/new").text)


def test_creating_a_round_runs_it_and_records_it(logged_in, session, registry, facilitator):
    response = logged_in.post("/f/rounds/new", data=round_form(registry))
    survey_round = session.scalars(sa.select(SurveyRound)).one()
    assert response.headers["Location"] == f"/f/rounds/{survey_round.id}"
    assert survey_round.facilitators == [facilitator]
    assert survey_round.status is RoundStatus.DRAFT
    # 08:00 in Berlin in February is 07:00 UTC.
    assert survey_round.opens_at.hour == 7 and survey_round.opens_at.tzinfo is not None
    assert actions(session)[-1] == "round.create"
    page = logged_in.get(response.headers["Location"]).text
    assert "Frühjahr 2027" in page and "Entwurf" in page
    assert registry.get(QUESTIONNAIRE_ID, DEFAULT_VERSION).title.de in page  # not the file id


@pytest.mark.parametrize(
    "overrides, field_id, message",
    [
        ({"min_group_size": "1"}, "min_group_size", "mindestens 2 und höchstens 50"),
        ({"min_group_size": "zwei"}, "min_group_size", ""),
        ({"closes_at": "2027-01-01T08:00"}, "closes_at", "nach dem Beginn"),
        ({"questionnaire": f"{QUESTIONNAIRE_ID}@99"}, "questionnaire", "gibt es nicht"),
        ({"questionnaire": "kaputt"}, "questionnaire", "vorhandenen Fragebogen"),
        ({"name": ""}, "name", "Namen"),
    ],
)
def test_bad_round_input_is_shown_at_its_field_and_nothing_is_saved(
    logged_in, session, registry, overrides, field_id, message
):
    response = logged_in.post("/f/rounds/new", data=round_form(registry, **overrides))
    assert response.status_code == 200
    error = field_error(response.text, field_id)
    assert error and message in error
    assert f'href="#{field_id}"' in response.text  # the summary links to the field
    assert session.scalar(sa.select(sa.func.count(SurveyRound.id))) == 0


def test_every_mistake_in_the_round_form_is_reported_at_once(logged_in, session, registry):
    data = round_form(registry, name="", min_group_size="1", closes_at="2027-01-01T08:00")
    response = logged_in.post("/f/rounds/new", data=data)
    assert "Namen" in field_error(response.text, "name")
    assert "mindestens 2 und höchstens 50" in field_error(response.text, "min_group_size")
    assert "nach dem Beginn" in field_error(response.text, "closes_at")
    for field_id in ("name", "min_group_size", "closes_at"):
        assert f'href="#{field_id}"' in response.text
    assert session.scalar(sa.select(sa.func.count(SurveyRound.id))) == 0


def test_a_duplicate_round_name_is_shown_at_the_name(logged_in, registry, own_round):
    response = logged_in.post("/f/rounds/new", data=round_form(registry, name="herbst"))
    assert "gibt schon eine Runde" in field_error(response.text, "name")


def test_editing_shows_the_settings_in_local_time_and_saves_changes(
    logged_in, session, registry, own_round
):
    own_round.opens_at = utcnow().replace(month=7, day=1, hour=6, minute=0, second=0, microsecond=0)
    session.commit()
    html = logged_in.get(f"/f/rounds/{own_round.id}/edit").text
    assert 'value="Herbst"' in html
    assert "T08:00" in html  # 06:00 UTC is 08:00 in Berlin in summer
    data = round_form(registry, name="Herbst (neu)", min_group_size="4", opens_at="", closes_at="")
    response = logged_in.post(f"/f/rounds/{own_round.id}/edit", data=data)
    assert response.status_code == 302
    session.refresh(own_round)
    assert (own_round.name, own_round.min_group_size, own_round.opens_at) == (
        "Herbst (neu)",
        4,
        None,
    )
    event = session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "round.update")).one()
    assert "min_group_size" in event.details["fields"]


def test_after_answers_the_questionnaire_cannot_be_changed_in_the_form(
    logged_in, session, registry, factory, own_round
):
    factory.response(factory.team(own_round))
    session.commit()
    html = logged_in.get(f"/f/rounds/{own_round.id}/edit").text
    assert "der Fragebogen bleibt fest" in html
    data = round_form(registry, name="Herbst", questionnaire=f"{QUESTIONNAIRE_ID}@99")
    response = logged_in.post(f"/f/rounds/{own_round.id}/edit", data=data)
    assert "Antworten" in field_error(response.text, "questionnaire")
    response = logged_in.post(
        f"/f/rounds/{own_round.id}/edit",
        data=round_form(registry, name="Herbst", min_group_size="2"),
    )
    assert "erhöht" in field_error(response.text, "min_group_size")


def test_open_close_and_reopen_are_buttons_that_post(logged_in, session, factory, facilitator):
    survey_round = factory.round(status=RoundStatus.DRAFT, facilitators=[facilitator])
    session.commit()
    url = f"/f/rounds/{survey_round.id}"
    assert f'action="{url}/status/open"' in logged_in.get(url).text
    assert logged_in.get(f"{url}/status/open").status_code == 405
    for action, status in [("open", "open"), ("close", "closed"), ("reopen", "open")]:
        response = logged_in.post(f"{url}/status/{action}", follow_redirects=True)
        assert response.status_code == 200
        session.refresh(survey_round)
        assert survey_round.status.value == status
    response = logged_in.post(f"{url}/status/open", follow_redirects=True)
    assert "Nur eine Runde im Entwurf" in response.text
    assert actions(session)[-3:] == ["round.open", "round.close", "round.reopen"]


def test_reopening_after_the_end_date_says_to_move_the_end(
    logged_in, session, factory, facilitator
):
    past = utcnow() - timedelta(hours=1)
    survey_round = factory.round(
        status=RoundStatus.CLOSED,
        facilitators=[facilitator],
        opens_at=past - timedelta(days=3),
        closes_at=past,
    )
    session.commit()
    response = logged_in.post(f"/f/rounds/{survey_round.id}/status/reopen", follow_redirects=True)
    assert "verschieben Sie zuerst das Ende" in response.text


def test_a_colleague_can_be_added_to_run_the_round(logged_in, session, factory, own_round):
    colleague = factory.user(Role.FACILITATOR, email="kollegin@example.org")
    contact = factory.user(Role.CONTACT, email="kontakt@example.org")
    session.commit()
    url = f"/f/rounds/{own_round.id}/facilitators"
    response = logged_in.post(url, data={"email": "nobody@example.org"})
    assert response.status_code == 400 and "kein Konto" in field_error(response.text, "email")
    response = logged_in.post(url, data={"email": contact.email})
    assert "gehört zu keinem Moderationskonto" in field_error(response.text, "email")
    assert logged_in.post(url, data={"email": "Kollegin@example.org"}).status_code == 302
    session.refresh(own_round)
    assert colleague in own_round.facilitators


def test_the_round_page_keeps_its_questionnaire_title_after_a_failed_form(
    logged_in, session, registry, own_round
):
    title = registry.get(own_round.questionnaire_id, own_round.questionnaire_version).title.de
    shown = logged_in.get(f"/f/rounds/{own_round.id}").text
    failed = logged_in.post(f"/f/rounds/{own_round.id}/facilitators", data={"email": "x@y.org"})
    assert failed.status_code == 400
    assert f"{title}, Fassung" in shown and f"{title}, Fassung" in failed.text


# --- municipalities and teams -----------------------------------------------------------------


def test_municipalities_are_added_listed_and_corrected(logged_in, session):
    data = {"name": "Lindenfeld", "state": "Hessen", "kind": "city"}
    assert logged_in.post("/f/municipalities/new", data=data).status_code == 302
    response = logged_in.post("/f/municipalities/new", data=data | {"name": " lindenfeld"})
    assert "gibt es schon" in field_error(response.text, "name")
    assert session.scalar(sa.select(sa.func.count(Municipality.id))) == 1
    municipality = session.scalars(sa.select(Municipality)).one()
    assert "Lindenfeld" in logged_in.get("/f/municipalities").text
    edit = f"/f/municipalities/{municipality.id}/edit"
    assert 'value="Lindenfeld"' in logged_in.get(edit).text
    logged_in.post(edit, data={"name": "Lindenfeld", "state": "Bayern", "kind": "district"})
    session.refresh(municipality)
    assert (municipality.state, municipality.kind.value) == ("Bayern", "district")


def test_a_team_is_added_with_a_new_municipality_in_one_step(logged_in, session, own_round):
    data = {
        "municipality": "new",
        "new_name": "Auental",
        "new_state": "Niedersachsen",
        "new_kind": "district",
        "name": "",
    }
    response = logged_in.post(f"/f/rounds/{own_round.id}/teams/new", data=data)
    team = session.scalars(sa.select(Team)).one()
    assert response.headers["Location"] == f"/f/teams/{team.id}"
    assert (team.municipality.name, team.municipality.kind.value) == ("Auental", "district")
    assert actions(session)[-2:] == ["municipality.create", "team.create"]


def test_a_team_of_an_existing_municipality_and_the_duplicate_refused(
    logged_in, session, factory, own_round
):
    municipality = factory.municipality("Lindenfeld")
    session.commit()
    url = f"/f/rounds/{own_round.id}/teams/new"
    assert f'value="{municipality.id}"' in logged_in.get(url).text
    data = {"municipality": str(municipality.id), "name": "Bildungsbüro Lindenfeld"}
    assert logged_in.post(url, data=data).status_code == 302
    assert f'value="{municipality.id}"' not in logged_in.get(url).text  # has its team now
    data = {"municipality": "new", "new_name": "LINDENFELD", "new_kind": "city"}
    response = logged_in.post(url, data=data)
    assert "gibt es schon" in field_error(response.text, "new_name")
    assert session.scalar(sa.select(sa.func.count(Team.id))) == 1
    response = logged_in.post(url, data={"municipality": "new", "new_name": ""})
    assert field_error(response.text, "new_name")


def test_a_new_municipality_is_not_left_behind_when_its_team_fails(
    logged_in, session, factory, own_round, monkeypatch
):
    from surveyapp.operations import teams as team_ops
    from surveyapp.operations.errors import OperationError

    def refuse(*args, **kwargs):
        raise OperationError("kaputt", field="municipality")

    monkeypatch.setattr(team_ops, "add_team", refuse)
    data = {"municipality": "new", "new_name": "Halbstadt", "new_kind": "city"}
    response = logged_in.post(f"/f/rounds/{own_round.id}/teams/new", data=data)
    assert field_error(response.text, "municipality") == "kaputt"
    assert session.scalar(sa.select(sa.func.count(Municipality.id))) == 0


def test_contacts_are_added_and_removed_without_touching_foreign_passwords(
    logged_in, session, factory, own_round
):
    team = factory.team(own_round)
    existing = factory.user(Role.CONTACT, email="bestand@example.org")
    old_hash = existing.password_hash
    session.commit()
    url = f"/f/teams/{team.id}/contacts"
    response = logged_in.post(url, data={"email": "neu@example.org"})
    assert response.status_code == 400 and field_error(response.text, "password")
    response = logged_in.post(url, data={"email": "neu@example.org", "password": "kurz"})
    assert "12 Zeichen" in field_error(response.text, "password")
    data = {"email": "neu@example.org", "name": "Frau Neu", "password": "ein langes Passwort"}
    assert logged_in.post(url, data=data).status_code == 302
    data = {"email": existing.email, "password": "jemand anderes Passwort"}
    assert logged_in.post(url, data=data).status_code == 302
    session.refresh(team)
    session.refresh(existing)
    assert {c.email for c in team.contacts} == {"neu@example.org", existing.email}
    assert existing.password_hash == old_hash
    logged_in.post(f"/f/teams/{team.id}/contacts/{existing.id}/remove")
    session.refresh(team)
    assert [c.email for c in team.contacts] == ["neu@example.org"]
    assert "team.contact_remove" in actions(session)


# --- invitation links -------------------------------------------------------------------------


def _tokens(html: str) -> list[str]:
    return re.findall(r'<input type="hidden" name="token" value="([^"]+)">', html)


def test_links_are_shown_once_and_can_be_taken_as_csv_or_printout(
    logged_in, session, factory, own_round
):
    team = factory.team(own_round, factory.municipality("Lindenfeld"))
    session.commit()
    response = logged_in.post(f"/f/teams/{team.id}/invitations", data={"count": "3"})
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    links = re.findall(r'href="(http://surveyapp\.test/s/[^"]+)"', response.text)
    assert len(links) == 3
    tokens = sorted(set(_tokens(response.text)))
    assert len(tokens) == 3
    assert all(find_invitation(session, token) for token in tokens)
    assert not set(tokens) & set(session.scalars(sa.select(Invitation.token_hash)))

    csv_response = logged_in.post(
        f"/f/teams/{team.id}/invitations/download.csv", data={"token": tokens}
    )
    assert csv_response.mimetype == "text/csv"
    assert "attachment" in csv_response.headers["Content-Disposition"]
    text = csv_response.data.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert [row["Nr."] for row in rows] == ["1", "2", "3"]
    assert sorted(row["Link"] for row in rows) == sorted(links)
    assert {row["Kommune"] for row in rows} == {"Lindenfeld"}

    printout = logged_in.post(f"/f/teams/{team.id}/invitations/print", data={"token": tokens})
    assert printout.status_code == 200
    assert all(link in printout.text for link in links)
    downloads = session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "invitations.download")
    ).all()
    assert [event.details["format"] for event in downloads] == ["csv", "print"]
    assert all(token not in str(event.details) for event in downloads for token in tokens)


def test_links_of_another_team_cannot_be_written_out(logged_in, session, factory, own_round):
    team, other = factory.team(own_round), factory.team(own_round)
    _invitation, token = factory.invitation(other)
    session.commit()
    response = logged_in.post(
        f"/f/teams/{team.id}/invitations/download.csv",
        data={"token": [token]},
        follow_redirects=True,
    )
    assert response.mimetype == "text/html"
    assert "gehören nicht zu diesem Team" in response.text


def test_a_bad_link_count_is_shown_at_the_field(logged_in, session, factory, own_round):
    team = factory.team(own_round)
    session.commit()
    response = logged_in.post(f"/f/teams/{team.id}/invitations", data={"count": "0"})
    assert response.status_code == 400
    assert "zwischen 1 und 500" in field_error(response.text, "count")
    assert session.scalar(sa.select(sa.func.count(Invitation.id))) == 0


def test_revoking_a_link_stops_it(logged_in, session, factory, own_round):
    team = factory.team(own_round)
    invitation, token = factory.invitation(team)
    session.commit()
    page = logged_in.get(f"/f/teams/{team.id}").text
    assert f'href="/f/invitations/{invitation.id}/revoke"' in page
    confirm = logged_in.get(f"/f/invitations/{invitation.id}/revoke")
    assert "Link Nr. 1 widerrufen?" in confirm.text
    assert f'action="/f/invitations/{invitation.id}/revoke"' not in confirm.text  # posts to itself
    assert find_invitation(session, token) is not None  # looking changes nothing
    response = logged_in.post(f"/f/invitations/{invitation.id}/revoke", follow_redirects=True)
    assert "widerrufen" in response.text
    assert find_invitation(session, token) is None
    assert actions(session)[-1] == "invitation.revoke"


# --- progress ---------------------------------------------------------------------------------


def test_the_round_page_shows_counts_per_team_and_never_answers(
    logged_in, session, factory, own_round
):
    team = factory.team(own_round, factory.municipality("Lindenfeld"))
    factory.response(team, answers={"goals_main": "Geheimes Ziel der Stadt"})
    factory.response(team, answers={"role": "team"}, submitted=False)
    factory.invitation(team)
    factory.team(own_round, factory.municipality("Auental"))
    session.commit()
    html = logged_in.get(f"/f/rounds/{own_round.id}").text
    assert "Geheimes Ziel" not in html
    row = re.search(r"Lindenfeld</a></th>(.*?)</tr>", html, re.S)[1]
    cells = re.findall(r'<td class="num">([^<]*)</td>', row)
    # planned (none), invited, begun, begun but not submitted, submitted, rate
    assert cells == ["–", "3", "2", "1", "1", "33 %"]
    assert 'data-count="submitted">1<' in html
    team_html = logged_in.get(f"/f/teams/{team.id}").text
    assert "Geheimes Ziel" not in team_html
    assert "abgeschickt" in team_html and "begonnen" in team_html


def test_the_rounds_list_shows_status_and_counts(logged_in, session, factory, own_round):
    factory.response(factory.team(own_round))
    session.commit()
    html = logged_in.get("/f/").text
    assert "Herbst" in html and "offen" in html and "100 %" in html


def test_a_contact_sees_the_own_teams_counts(client, session, factory, own_round):
    contact = factory.user(Role.CONTACT)
    team = factory.team(own_round, contacts=[contact])
    factory.response(team, answers={"goals_main": "Nur für die Moderation"})
    session.commit()
    login(client, contact)
    html = client.get(f"/f/my/teams/{team.id}").text
    assert 'data-count="submitted">1<' in html
    assert "Nur für die Moderation" not in html
    # the team's links are listed, but never whether a link was answered: the contact may
    # know who holds which link
    assert "Link Nr. 1 widerrufen" in html
    assert '<th scope="col">Antwort</th>' not in html and "<td>abgeschickt</td>" not in html
    facilitator_page = client.get(f"/f/teams/{team.id}")
    assert facilitator_page.status_code == 403


# --- data protection --------------------------------------------------------------------------


def test_exports_are_downloads_and_are_recorded(logged_in, session, factory, own_round):
    factory.response(factory.team(own_round))
    session.commit()
    csv_response = logged_in.get(f"/f/rounds/{own_round.id}/export.csv")
    assert csv_response.mimetype == "text/csv"
    assert csv_response.headers["Cache-Control"] == "no-store"
    assert f"runde-{own_round.id}-daten.csv" in csv_response.headers["Content-Disposition"]
    assert csv_response.data.decode("utf-8-sig").startswith("Runde;Team-Nr.;")
    wide = logged_in.get(f"/f/rounds/{own_round.id}/export.wide.csv")
    assert f"runde-{own_round.id}-daten-breit.csv" in wide.headers["Content-Disposition"]
    assert wide.data.decode("utf-8-sig").startswith("Antwortbogen;Team-Nr.;")
    xlsx = logged_in.get(f"/f/rounds/{own_round.id}/export.xlsx")
    workbook = load_workbook(io.BytesIO(xlsx.data))
    assert workbook.sheetnames[-1] == "Codebuch"
    events = session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "round.export")).all()
    assert [(e.details["format"], e.target, e.actor) for e in events] == [
        ("csv", "Herbst", "moderation@example.org"),
        ("wide.csv", "Herbst", "moderation@example.org"),
        ("xlsx", "Herbst", "moderation@example.org"),
    ]
    assert logged_in.get(f"/f/rounds/{own_round.id}/export.pdf").status_code == 404


def test_deleting_responses_asks_for_the_rounds_name(logged_in, session, factory, own_round):
    factory.response(factory.team(own_round))
    session.commit()
    url = f"/f/rounds/{own_round.id}/delete-responses"
    assert "Herbst" in logged_in.get(url).text
    response = logged_in.post(url, data={"confirm_name": "herbst"})
    assert response.status_code == 400
    assert "genau so" in field_error(response.text, "confirm_name")
    assert session.scalar(sa.select(sa.func.count(Response.id))) == 1
    response = logged_in.post(url, data={"confirm_name": "Herbst"}, follow_redirects=True)
    assert "Ein Antwortbogen wurde gelöscht" in response.text
    assert session.scalar(sa.select(sa.func.count(Response.id))) == 0
    event = session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "responses.delete")
    ).one()
    assert event.details["responses"] == 1


def test_the_audit_log_is_for_admins_and_lists_who_did_what(client, session, factory):
    admin = factory.user(Role.ADMIN, email="admin@example.org")
    session.commit()
    client.post("/login", data={"email": "admin@example.org", "password": "falsch falsch"})
    login(client, admin)
    html = client.get("/f/audit").text
    assert "login.failed" in html and "admin@example.org" in html
    filtered = client.get("/f/audit?action=login.failed").text
    assert filtered.count('<code class="muted">login.failed</code>') == 1
    assert "Anmeldung fehlgeschlagen" in filtered
    assert '<code class="muted">login</code>' not in filtered


def test_the_audit_log_pages_backwards(client, session, factory):
    from surveyapp.operations import audit

    admin = factory.user(Role.ADMIN)
    for number in range(105):
        audit.record(session, "round.export", actor=admin, target=f"Runde {number}")
    session.commit()
    login(client, admin)
    html = client.get("/f/audit").text
    older = re.search(r'href="(/f/audit\?before=\d+)"', html)[1]
    html = client.get(older).text
    assert "Runde 0<" in html and "Runde 104<" not in html


# --- security of the pages themselves ---------------------------------------------------------


def test_facilitator_pages_are_not_cached(logged_in, own_round):
    for url in ("/f/", f"/f/rounds/{own_round.id}", "/f/municipalities"):
        assert logged_in.get(url).headers["Cache-Control"] == "no-store"


def test_facilitator_forms_need_thecsrf_token_in(csrf_config, app, session, factory, registry):
    facilitator = factory.user(Role.FACILITATOR)
    session.commit()
    client = app.test_client()
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text)[1]
    client.post(
        "/login",
        data={
            "email": facilitator.email,
            "password": "correct horse battery staple",
            "csrf_token": token,
        },
    )
    refused = client.post("/f/rounds/new", data=round_form(registry))
    assert refused.status_code == 400
    assert session.scalar(sa.select(sa.func.count(SurveyRound.id))) == 0
    page = client.get("/f/rounds/new").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)[1]
    accepted = client.post("/f/rounds/new", data=round_form(registry) | {"csrf_token": token})
    assert accepted.status_code == 302
