"""The operations behind the facilitator workspace: rounds, teams, links, progress, data."""

from __future__ import annotations

import base64
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa

from surveyapp.db import utcnow
from surveyapp.forms.rounds import DeleteResponsesForm
from surveyapp.models import (
    Answer,
    AuditEvent,
    Invitation,
    Municipality,
    Response,
    Role,
    RoundStatus,
    SurveyRound,
    Team,
)
from surveyapp.operations import municipalities as municipality_ops
from surveyapp.operations import rounds as round_ops
from surveyapp.operations import teams as team_ops
from surveyapp.operations import users as user_ops
from surveyapp.operations.deletion import delete_round_responses
from surveyapp.operations.errors import OperationError
from surveyapp.operations.invitations import (
    create_invitations,
    find_invitation,
    hand_out_issued,
    invitation_rows,
    new_token,
    revoke_invitation,
)
from surveyapp.operations.progress import Progress, progress_by_round, round_progress
from surveyapp.operations.responses import get_or_start_response, save_answers, submit_response
from tests.factories import DEFAULT_VERSION, QUESTIONNAIRE_ID


@pytest.fixture(autouse=True)
def _request(app):
    """Messages are translated lazily, for the language of a request; give them one."""
    with app.test_request_context():
        yield


def count(session, model) -> int:
    return session.scalar(sa.select(sa.func.count()).select_from(model))


def settings(registry, **overrides):
    questionnaire = registry.get(QUESTIONNAIRE_ID, DEFAULT_VERSION)  # the factory rounds' version
    values = {
        "name": "Herbst 2026",
        "questionnaire_id": questionnaire.id,
        "questionnaire_version": questionnaire.version,
        "workshop_date": date(2026, 11, 5),
        "min_group_size": 3,
        "opens_at": datetime(2026, 9, 1, 8, tzinfo=UTC),
        "closes_at": datetime(2026, 10, 15, 22, tzinfo=UTC),
    }
    return values | overrides


# --- creating rounds: bad input is refused at its field, nothing half-saved -------------------


def test_a_round_is_created_in_draft_pinned_to_its_questionnaire(session, registry, factory):
    facilitator = factory.user(Role.FACILITATOR)
    survey_round = round_ops.create_round(
        session, registry, facilitators=[facilitator], **settings(registry), actor=None
    )
    questionnaire = registry.get(QUESTIONNAIRE_ID, DEFAULT_VERSION)
    assert survey_round.status is RoundStatus.DRAFT
    assert survey_round.questionnaire_hash == questionnaire.content_hash
    assert survey_round.facilitators == [facilitator]


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"min_group_size": 1}, "min_group_size"),
        ({"closes_at": datetime(2026, 8, 1, tzinfo=UTC)}, "closes_at"),
        ({"closes_at": datetime(2026, 9, 1, 8, tzinfo=UTC)}, "closes_at"),
        ({"questionnaire_version": 999}, "questionnaire"),
        ({"questionnaire_id": "no-such-questionnaire"}, "questionnaire"),
        ({"name": "   "}, "name"),
    ],
)
def test_bad_round_settings_are_refused_at_their_field(session, registry, overrides, field):
    with pytest.raises(OperationError) as caught:
        round_ops.create_round(session, registry, **settings(registry, **overrides), actor=None)
    assert caught.value.field == field
    session.rollback()
    assert count(session, SurveyRound) == 0


def test_a_round_name_is_unique_regardless_of_case(session, registry):
    round_ops.create_round(session, registry, **settings(registry), actor=None)
    with pytest.raises(OperationError) as caught:
        round_ops.create_round(
            session, registry, **settings(registry, name="HERBST  2026"), actor=None
        )
    assert caught.value.field == "name"


# --- editing ----------------------------------------------------------------------------------


def test_everything_is_editable_before_answers_arrive(session, registry, factory):
    survey_round = factory.round(status=RoundStatus.DRAFT)
    changed = round_ops.update_round(
        session, registry, survey_round, **settings(registry, min_group_size=2), actor=None
    )
    assert set(changed) >= {"name", "workshop_date", "min_group_size", "opens_at", "closes_at"}
    assert survey_round.min_group_size == 2


def test_after_answers_the_questionnaire_is_fixed_and_k_can_only_rise(session, registry, factory):
    survey_round = factory.round(min_group_size=3)
    factory.response(factory.team(survey_round), submitted=False)
    base = settings(registry, name=survey_round.name, min_group_size=3)
    with pytest.raises(OperationError) as caught:
        round_ops.update_round(
            session, registry, survey_round, **base | {"questionnaire_version": 99}, actor=None
        )
    assert caught.value.field == "questionnaire"
    with pytest.raises(OperationError) as caught:
        round_ops.update_round(
            session, registry, survey_round, **base | {"min_group_size": 2}, actor=None
        )
    assert caught.value.field == "min_group_size"
    assert survey_round.min_group_size == 3
    round_ops.update_round(
        session, registry, survey_round, **base | {"min_group_size": 5}, actor=None
    )
    assert survey_round.min_group_size == 5


def test_a_renamed_round_keeps_its_name_unique(session, registry, factory):
    factory.round(name="Taken")
    survey_round = factory.round(name="Mine")
    with pytest.raises(OperationError) as caught:
        round_ops.update_round(
            session, registry, survey_round, **settings(registry, name="taken"), actor=None
        )
    assert caught.value.field == "name"


# --- status -----------------------------------------------------------------------------------


def test_a_round_opens_closes_and_reopens_keeping_its_answers(session, registry, factory):
    survey_round = factory.round(status=RoundStatus.DRAFT)
    response = factory.response(factory.team(survey_round), submitted=False)
    round_ops.open_round(session, registry, survey_round, actor=None)
    assert survey_round.accepts_answers()
    round_ops.close_round(session, survey_round, actor=None)
    assert not survey_round.accepts_answers()
    round_ops.reopen_round(session, survey_round, actor=None)
    assert survey_round.status is RoundStatus.OPEN
    assert session.get(Response, response.id) is not None


@pytest.mark.parametrize(
    "status, action",
    [
        (RoundStatus.OPEN, "open"),
        (RoundStatus.CLOSED, "close"),
        (RoundStatus.DRAFT, "close"),
        (RoundStatus.OPEN, "reopen"),
        (RoundStatus.DRAFT, "reopen"),
    ],
)
def test_status_changes_that_make_no_sense_are_refused(session, registry, factory, status, action):
    survey_round = factory.round(status=status)
    change = {
        "open": lambda: round_ops.open_round(session, registry, survey_round, actor=None),
        "close": lambda: round_ops.close_round(session, survey_round, actor=None),
        "reopen": lambda: round_ops.reopen_round(session, survey_round, actor=None),
    }[action]
    with pytest.raises(OperationError):
        change()
    assert survey_round.status is status


def test_a_round_whose_end_has_passed_is_not_opened_again(session, registry, factory):
    past = utcnow() - timedelta(days=1)
    survey_round = factory.round(
        status=RoundStatus.CLOSED, opens_at=past - timedelta(days=10), closes_at=past
    )
    with pytest.raises(OperationError) as caught:
        round_ops.reopen_round(session, survey_round, actor=None)
    assert caught.value.field == "closes_at"


def test_a_round_whose_questionnaire_version_is_gone_is_not_opened(session, registry, factory):
    survey_round = factory.round(status=RoundStatus.DRAFT)
    survey_round.questionnaire_version = 99
    with pytest.raises(OperationError) as caught:
        round_ops.open_round(session, registry, survey_round, actor=None)
    assert caught.value.field == "questionnaire"
    assert survey_round.status is RoundStatus.DRAFT


def test_only_facilitator_accounts_can_run_a_round(session, factory):
    survey_round = factory.round()
    colleague = factory.user(Role.FACILITATOR)
    assert round_ops.add_facilitator(session, survey_round, colleague, actor=None)
    assert not round_ops.add_facilitator(session, survey_round, colleague, actor=None)
    with pytest.raises(OperationError):
        round_ops.add_facilitator(session, survey_round, factory.user(Role.CONTACT), actor=None)


# --- municipalities and teams -----------------------------------------------------------------


def test_a_duplicate_municipality_is_refused_at_the_name(session, factory):
    factory.municipality("Lindenfeld")
    with pytest.raises(OperationError) as caught:
        municipality_ops.create_municipality(session, name=" lindenfeld ", actor=None)
    assert caught.value.field == "name"
    assert count(session, Municipality) == 1


def test_a_municipality_can_be_corrected_but_not_renamed_onto_another(session, factory):
    first = factory.municipality("Auental")
    factory.municipality("Lindenfeld")
    municipality_ops.update_municipality(
        session, first, name="Auental", state="Hessen", kind="district", actor=None
    )
    assert (first.state, first.kind.value) == ("Hessen", "district")
    with pytest.raises(OperationError):
        municipality_ops.update_municipality(session, first, name="LINDENFELD", actor=None)
    with pytest.raises(OperationError) as caught:
        municipality_ops.update_municipality(
            session, first, name="Auental", kind="village", actor=None
        )
    assert caught.value.field == "kind"


def test_a_municipality_has_one_team_per_round(session, factory):
    survey_round = factory.round()
    municipality = factory.municipality()
    factory.team(survey_round, municipality)
    with pytest.raises(OperationError) as caught:
        factory.team(survey_round, municipality)
    assert caught.value.field == "municipality"
    factory.team(factory.round(), municipality)  # another round is fine


def test_contacts_must_be_contact_accounts(session, factory):
    team = factory.team()
    contact = factory.user(Role.CONTACT)
    assert team_ops.add_contact(session, team, contact, actor=None)
    assert not team_ops.add_contact(session, team, contact, actor=None)
    with pytest.raises(OperationError):
        team_ops.add_contact(session, team, factory.user(Role.FACILITATOR), actor=None)
    assert team_ops.remove_contact(session, team, contact, actor=None)
    assert not team_ops.remove_contact(session, team, contact, actor=None)
    assert user_ops.find_user(session, contact.email) is not None


def test_adding_a_contact_never_changes_an_existing_accounts_password(session, factory):
    existing = factory.user(Role.CONTACT, email="kontakt@example.org")
    old_hash = existing.password_hash
    user, created = user_ops.find_or_create_contact(
        session, email="Kontakt@Example.org", password="a brand new password", actor=None
    )
    assert (user, created) == (existing, False)
    assert existing.password_hash == old_hash
    with pytest.raises(OperationError) as caught:
        user_ops.find_or_create_contact(session, email="new@example.org", actor=None)
    assert caught.value.field == "password"
    user, created = user_ops.find_or_create_contact(
        session, email="new@example.org", password="long enough password", actor=None
    )
    assert created and user.role is Role.CONTACT


# --- invitations ------------------------------------------------------------------------------


def hand_out(session, team, tokens):
    return hand_out_issued(session, team, tokens, fmt="csv", actor=None)


def test_issued_tokens_can_be_reclaimed_only_for_their_own_team(session, factory):
    team, other = factory.team(), factory.team()
    issued = create_invitations(session, team, 3, actor=None)
    tokens = [item.token for item in issued]
    reclaimed = hand_out(session, team, list(reversed(tokens)))
    assert [item.invitation.number for item in reclaimed] == [1, 2, 3]
    with pytest.raises(OperationError):
        hand_out(session, other, tokens)
    with pytest.raises(OperationError):
        hand_out(session, team, [*tokens, "made-up-token"])
    revoke_invitation(session, issued[0].invitation, actor=None)
    with pytest.raises(OperationError):
        hand_out(session, team, tokens)
    with pytest.raises(OperationError):
        hand_out(session, team, [])


def test_a_revoked_link_stops_working_and_its_answers_stay(session, factory):
    team = factory.team()
    invitation, token = factory.invitation(team)
    response = get_or_start_response(session, invitation)
    revoke_invitation(session, invitation, actor=None)
    assert find_invitation(session, token) is None
    assert invitation.revoked_at is not None
    assert session.get(Response, response.id) is not None


def test_invitation_rows_show_status_never_tokens(session, factory):
    team = factory.team()
    factory.invitation(team)
    factory.response(team, submitted=True)
    rows = invitation_rows(session, [team.id])
    assert [(row.invitation.number, row.response_status) for row in rows] == [
        (1, "none"),
        (2, "submitted"),
    ]


# --- progress ---------------------------------------------------------------------------------


def test_progress_counts_invited_started_submitted_and_last_activity(session, factory):
    survey_round = factory.round()
    team, quiet = factory.team(survey_round), factory.team(survey_round)
    factory.response(team, submitted=True)
    draft = factory.response(team, submitted=False)
    create_invitations(session, team, 2, actor=None)
    revoked_unused = create_invitations(session, team, 1, actor=None)[0].invitation
    revoke_invitation(session, revoked_unused, actor=None)
    revoke_invitation(session, draft.invitation, actor=None)  # revoked after use: still counts
    progress = round_progress(session, survey_round)
    by_team = dict(progress.teams)
    assert by_team[team] == Progress(
        invited=4, started=2, submitted=1, last_activity=by_team[team].last_activity
    )
    assert by_team[team].percent == 25
    assert by_team[team].last_activity is not None and by_team[team].last_activity.tzinfo
    assert by_team[quiet] == Progress()
    assert by_team[quiet].rate is None
    assert progress.total.invited == 4
    assert progress_by_round(session, [survey_round.id])[survey_round.id].submitted == 1


@pytest.fixture
def answered_round(session, factory):
    survey_round = factory.round(name="Export")
    team = factory.team(survey_round, factory.municipality("=Formelstadt"))
    factory.response(team, answers={"goals_main": "x"})
    factory.response(team, answers={"goals_main": "y"}, submitted=False)
    return survey_round


# --- deletion ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "accepted"), [(" Export ", True), ("export", False)])
def test_the_deletion_form_asks_for_the_round_s_exact_name(app, typed, accepted):
    with app.test_request_context(method="POST", data={"confirm_name": typed}):
        form = DeleteResponsesForm(round_name="Export")
        assert form.validate() is accepted
    if not accepted:
        assert "genau so" in form.confirm_name.errors[0]


def test_deleting_a_rounds_responses_removes_them_all_and_nothing_else(
    session, factory, answered_round
):
    other_team = factory.team(factory.round(name="Other"))
    factory.response(other_team)
    team = answered_round.teams[0]
    create_invitations(session, team, 2, actor=None)
    deleted = delete_round_responses(session, answered_round, actor=None)
    assert (deleted.responses, deleted.revoked_links) == (2, 4)
    assert deleted.answers > 0
    remaining = session.scalars(sa.select(Response.team_id)).all()
    assert remaining == [other_team.id]
    assert (
        session.scalar(
            sa.select(sa.func.count(Answer.id)).join(Response).where(Response.team_id == team.id)
        )
        == 0
    )
    assert {i.status.value for i in session.get(Team, team.id).invitations} == {"revoked"}
    assert session.get(SurveyRound, answered_round.id) is not None
    assert count(session, Invitation) == 5


def test_a_link_whose_answers_were_deleted_collects_no_new_ones(session, factory):
    survey_round = factory.round(name="Gone")
    invitation, token = factory.invitation(factory.team(survey_round))
    response = get_or_start_response(session, invitation)
    save_answers(session, response, "about", {"role": "team"})
    submit_response(session, response)
    delete_round_responses(session, survey_round, actor=None)
    assert find_invitation(session, token) is None


def test_tokens_carry_256_random_bits():
    tokens = {new_token() for _ in range(100)}
    assert len(tokens) == 100
    for token in tokens:
        assert len(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))) >= 32


# --- every operation records its own audit event ------------------------------------------------


def test_operations_record_their_audit_event_with_the_acting_account(session, registry, factory):
    actor = factory.user(Role.FACILITATOR)
    contact = factory.user(Role.CONTACT)
    place = municipality_ops.create_municipality(session, name="Auental", actor=actor)
    municipality_ops.update_municipality(session, place, name="Auental", kind="city", actor=actor)
    open_ended = settings(registry, closes_at=None)
    survey_round = round_ops.create_round(session, registry, **open_ended, actor=actor)
    round_ops.update_round(session, registry, survey_round, **open_ended, actor=actor)
    round_ops.open_round(session, registry, survey_round, actor=actor)
    team = team_ops.add_team(session, survey_round, place, actor=actor)
    team_ops.add_contact(session, team, contact, actor=actor)
    issued = create_invitations(session, team, 2, actor=actor)
    hand_out_issued(session, team, [issued[0].token], fmt="print", actor=actor)
    revoke_invitation(session, issued[1].invitation, actor=actor)
    team_ops.remove_contact(session, team, contact, actor=actor)
    round_ops.close_round(session, survey_round, actor=actor)
    delete_round_responses(session, survey_round, actor=actor)
    events = session.scalars(
        sa.select(AuditEvent).where(AuditEvent.actor == actor.email).order_by(AuditEvent.id)
    ).all()
    assert [event.action for event in events] == [
        "municipality.create",
        "municipality.update",
        "round.create",
        "round.open",
        "team.create",
        "team.contact_add",
        "invitations.create",
        "invitations.download",
        "invitation.revoke",
        "team.contact_remove",
        "round.close",
        "responses.delete",
    ]  # round.update changed nothing, so it is not recorded
    assert {event.user_id for event in events} == {actor.id}


def test_an_operation_that_changes_nothing_records_nothing(session, registry, factory):
    survey_round = factory.round(facilitators=[colleague := factory.user(Role.FACILITATOR)])
    before = count(session, AuditEvent)
    assert not round_ops.add_facilitator(session, survey_round, colleague, actor=None)
    assert count(session, AuditEvent) == before
