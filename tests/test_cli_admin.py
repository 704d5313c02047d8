"""The administrative command line: users, rounds, teams, invitations."""

from __future__ import annotations

import csv
import io
import re

import pytest
import sqlalchemy as sa

from surveyapp.models import (
    AuditEvent,
    Invitation,
    Municipality,
    Role,
    RoundStatus,
    SurveyRound,
    Team,
)
from surveyapp.operations import users as user_ops
from surveyapp.operations.invitations import find_invitation
from tests.factories import QUESTIONNAIRE_ID

SECRET = "a long and secret password"


@pytest.fixture
def invoke(runner, monkeypatch):
    """Run a command; SURVEYAPP_PASSWORD is unset unless a test sets it."""
    monkeypatch.delenv("SURVEYAPP_PASSWORD", raising=False)

    def run(*args: str, input: str | None = None, env: dict[str, str] | None = None):
        return runner.invoke(args=list(args), input=input, env=env)

    return run


def actions(session) -> list[str]:
    return list(session.scalars(sa.select(AuditEvent.action).order_by(AuditEvent.id)))


# --- users ------------------------------------------------------------------------------------


def test_users_create_asks_for_the_password_twice_and_never_echoes_it(invoke, session):
    result = invoke(
        "users",
        "create",
        "--email",
        "Moderation@Example.org",
        "--role",
        "facilitator",
        input=f"{SECRET}\n{SECRET}\n",
    )
    assert result.exit_code == 0, result.output
    assert SECRET not in result.output
    assert "Created facilitator account moderation@example.org." in result.output
    user = user_ops.find_user(session, "moderation@example.org")
    assert user.role is Role.FACILITATOR and user.check_password(SECRET)
    assert actions(session) == ["user.create"]
    assert SECRET not in str(session.scalars(sa.select(AuditEvent.details)).all())


def test_users_create_reads_the_password_from_the_environment(invoke, session):
    result = invoke(
        "users",
        "create",
        "--email",
        "a@example.org",
        "--role",
        "admin",
        env={"SURVEYAPP_PASSWORD": SECRET},
    )
    assert result.exit_code == 0, result.output
    assert SECRET not in result.output
    assert user_ops.find_user(session, "a@example.org").check_password(SECRET)


def test_users_create_refuses_mismatched_confirmation(invoke, session):
    result = invoke(
        "users",
        "create",
        "--email",
        "a@example.org",
        "--role",
        "admin",
        input=f"{SECRET}\nsomething else\n",
    )
    assert result.exit_code != 0
    assert user_ops.find_user(session, "a@example.org") is None


@pytest.mark.parametrize(
    "args, env, problem",
    [
        (["--email", "not-an-address", "--role", "admin"], {}, "--email:"),
        (["--email", "a@example.org", "--role", "king"], {}, "Invalid value for '--role'"),
        (
            ["--email", "a@example.org", "--role", "admin"],
            {"SURVEYAPP_PASSWORD": "short"},
            "--password:",
        ),
    ],
)
def test_users_create_refuses_bad_input_in_one_line(invoke, session, args, env, problem):
    result = invoke("users", "create", *args, env=env)
    assert result.exit_code != 0
    assert problem in result.output
    assert "Traceback" not in result.output
    assert session.scalar(sa.select(sa.func.count()).select_from(sa.table("users"))) == 0


def test_users_create_refuses_an_existing_address_before_asking(invoke, factory, session):
    factory.user(Role.ADMIN, email="a@example.org")
    session.commit()
    result = invoke("users", "create", "--email", "A@example.org", "--role", "admin")
    assert result.exit_code == 1
    assert "exists already" in result.output
    assert "Password" not in result.output


def test_users_set_password_replaces_it_silently(invoke, factory, session):
    user = factory.user(Role.FACILITATOR, email="f@example.org")
    session.commit()
    result = invoke(
        "users", "set-password", "--email", "f@example.org", input=f"{SECRET}\n{SECRET}\n"
    )
    assert result.exit_code == 0, result.output
    assert SECRET not in result.output
    session.refresh(user)
    assert user.check_password(SECRET)
    assert invoke("users", "set-password", "--email", "nobody@example.org").exit_code == 1
    assert actions(session) == ["user.create", "user.password"]


def test_users_list_deactivate_and_activate(invoke, factory, session):
    user = factory.user(Role.CONTACT, email="c@example.org")
    session.commit()
    assert "c@example.org\tcontact\tactive\tlast login: never" in invoke("users", "list").output
    assert invoke("users", "deactivate", "--email", "c@example.org").exit_code == 0
    session.refresh(user)
    assert not user.active
    assert invoke("users", "activate", "--email", "c@example.org").exit_code == 0
    session.refresh(user)
    assert user.active


# --- rounds -----------------------------------------------------------------------------------


def test_rounds_create_pins_the_newest_questionnaire_by_default(invoke, factory, session, registry):
    factory.user(Role.FACILITATOR, email="f@example.org")
    session.commit()
    result = invoke(
        "rounds",
        "create",
        "--name",
        "Herbst",
        "--workshop-date",
        "2026-11-05",
        "--opens-at",
        "2026-09-01 08:00",
        "--closes-at",
        "2026-10-15 18:00",
        "--facilitator",
        "f@example.org",
    )
    assert result.exit_code == 0, result.output
    survey_round = session.scalars(sa.select(SurveyRound)).one()
    latest = registry.latest(QUESTIONNAIRE_ID)
    assert (survey_round.questionnaire_id, survey_round.questionnaire_version) == (
        latest.id,
        latest.version,
    )
    assert survey_round.min_group_size == 3
    assert survey_round.opens_at.hour == 6  # 08:00 in Berlin in September
    assert [u.email for u in survey_round.facilitators] == ["f@example.org"]
    assert f"Created round {survey_round.id} 'Herbst' (draft" in result.output


@pytest.mark.parametrize(
    "args, problem",
    [
        (["-k", "1"], "--min-group-size:"),
        (["--opens-at", "2026-09-02", "--closes-at", "2026-09-01"], "--closes-at:"),
        (["--questionnaire", f"{QUESTIONNAIRE_ID}@99"], "--questionnaire:"),
        (["--questionnaire", "nonsense"], "--questionnaire:"),
        (["--facilitator", "nobody@example.org"], "--facilitator:"),
    ],
)
def test_rounds_create_refuses_bad_input_and_saves_nothing(invoke, session, args, problem):
    result = invoke("rounds", "create", "--name", "Herbst", *args)
    assert result.exit_code == 1, result.output
    assert problem in result.output
    assert session.scalar(sa.select(sa.func.count(SurveyRound.id))) == 0


def test_rounds_list_and_show_give_status_and_counts(invoke, factory, session):
    facilitator = factory.user(Role.FACILITATOR, email="f@example.org")
    survey_round = factory.round(name="Mine", facilitators=[facilitator])
    factory.round(name="Other")
    team = factory.team(survey_round, factory.municipality("Lindenfeld"))
    factory.response(team)
    factory.invitation(team)
    session.commit()
    everything = invoke("rounds", "list").output
    assert "Mine" in everything and "Other" in everything
    mine = invoke("rounds", "list", "--facilitator", "f@example.org").output
    assert "Mine" in mine and "Other" not in mine
    assert "invited 2, started 1, submitted 1, rate 50 %" in mine
    shown = invoke("rounds", "show", "--round", str(survey_round.id)).output
    assert "Lindenfeld" in shown and "submitted 1" in shown
    assert invoke("rounds", "show", "--round", "999").exit_code == 1


def test_rounds_open_close_and_reopen(invoke, factory, session):
    survey_round = factory.round(status=RoundStatus.DRAFT)
    session.commit()
    round_id = str(survey_round.id)
    assert invoke("rounds", "close", "--round", round_id).exit_code == 1
    assert invoke("rounds", "open", "--round", round_id).exit_code == 0
    session.refresh(survey_round)
    assert survey_round.status is RoundStatus.OPEN
    assert invoke("rounds", "close", "--round", round_id).exit_code == 0
    session.refresh(survey_round)
    assert survey_round.status is RoundStatus.CLOSED
    assert invoke("rounds", "open", "--round", round_id).exit_code == 0
    session.refresh(survey_round)
    assert survey_round.status is RoundStatus.OPEN
    assert actions(session) == ["round.create", "round.open", "round.close", "round.reopen"]


def test_rounds_questionnaires_lists_the_versions(invoke, registry):
    assert registry.latest(QUESTIONNAIRE_ID).ref in invoke("rounds", "questionnaires").output


# --- teams ------------------------------------------------------------------------------------


def test_teams_add_with_a_new_municipality_and_a_contact(invoke, factory, session):
    survey_round = factory.round()
    factory.user(Role.CONTACT, email="c@example.org")
    session.commit()
    result = invoke(
        "teams",
        "add",
        "--round",
        str(survey_round.id),
        "--municipality",
        "Auental",
        "--create-municipality",
        "--state",
        "Hessen",
        "--kind",
        "district",
        "--contact",
        "c@example.org",
    )
    assert result.exit_code == 0, result.output
    team = session.scalars(sa.select(Team)).one()
    assert (team.municipality.name, team.municipality.kind.value) == ("Auental", "district")
    assert [c.email for c in team.contacts] == ["c@example.org"]
    listed = invoke("teams", "list", "--round", str(survey_round.id)).output
    assert "Auental" in listed and "c@example.org" in listed


@pytest.mark.parametrize(
    "extra, problem",
    [
        ([], "--municipality: no municipality"),
        (["--create-municipality", "--contact", "nobody@example.org"], "--contact:"),
    ],
)
def test_teams_add_refuses_and_leaves_nothing_half_saved(invoke, factory, session, extra, problem):
    survey_round = factory.round()
    session.commit()
    result = invoke(
        "teams", "add", "--round", str(survey_round.id), "--municipality", "Neustadt", *extra
    )
    assert result.exit_code == 1
    assert problem in result.output
    assert session.scalar(sa.select(sa.func.count(Municipality.id))) == 0
    assert session.scalar(sa.select(sa.func.count(Team.id))) == 0


def test_teams_add_refuses_a_duplicate_municipality_and_a_second_team(invoke, factory, session):
    survey_round = factory.round()
    municipality = factory.municipality("Lindenfeld")
    factory.team(survey_round, municipality)
    session.commit()
    args = ["teams", "add", "--round", str(survey_round.id), "--municipality", "lindenfeld"]
    result = invoke(*args, "--create-municipality")
    assert result.exit_code == 1 and "--name:" in result.output
    result = invoke(*args)
    assert result.exit_code == 1 and "--municipality:" in result.output
    assert invoke("teams", "add", "--round", "999", "--municipality", "x").exit_code == 1


# --- invitations ------------------------------------------------------------------------------


def test_invitations_create_prints_one_working_url_per_line(invoke, factory, session):
    team = factory.team()
    session.commit()
    result = runner_result = invoke(
        "invitations",
        "create",
        "--round",
        str(team.round_id),
        "--team",
        str(team.id),
        "--count",
        "3",
    )
    assert runner_result.exit_code == 0, result.output
    urls = [line for line in result.stdout.splitlines() if line]
    assert len(urls) == 3
    assert all(url.startswith("http://surveyapp.test/s/") for url in urls)
    assert all(find_invitation(session, url.rsplit("/", 1)[1]) for url in urls)
    assert "Created 3 links" in result.stderr
    created = sa.select(AuditEvent).where(AuditEvent.action == "invitations.create")
    event = session.scalars(created).one()
    assert event.actor == "cli" and event.details["numbers"] == [1, 2, 3]
    assert not any(url.rsplit("/", 1)[1] in str(event.details) for url in urls)


def test_invitations_create_refuses_a_team_of_another_round_and_bad_counts(
    invoke, factory, session
):
    team = factory.team()
    other_round = factory.round()
    session.commit()
    result = invoke(
        "invitations",
        "create",
        "--round",
        str(other_round.id),
        "--team",
        str(team.id),
        "--count",
        "1",
    )
    assert result.exit_code == 1 and "--team:" in result.output
    result = invoke(
        "invitations",
        "create",
        "--round",
        str(team.round_id),
        "--team",
        str(team.id),
        "--count",
        "0",
    )
    assert result.exit_code == 1 and "--count:" in result.output
    assert session.scalar(sa.select(sa.func.count(Invitation.id))) == 0


def test_invitations_export_lists_numbers_and_status_never_tokens(
    invoke, factory, session, tmp_path
):
    survey_round = factory.round()
    team = factory.team(survey_round, factory.municipality("Lindenfeld"))
    other = factory.team(survey_round, factory.municipality("Auental"))
    _invitation, token = factory.invitation(team)
    factory.response(team)
    factory.invitation(other)
    session.commit()
    result = invoke("invitations", "export", "--round", str(survey_round.id))
    assert result.exit_code == 0, result.output
    assert token not in result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff")), delimiter=";"))
    assert [(r["Kommune"], r["Nr."], r["Status"], r["Antwort"]) for r in rows] == [
        ("Lindenfeld", "1", "aktiv", "keine"),
        ("Lindenfeld", "2", "aktiv", "abgeschickt"),
        ("Auental", "1", "aktiv", "keine"),
    ]
    assert re.fullmatch(r"\d\d\.\d\d\.\d{4} \d\d:\d\d:\d\d", rows[0]["Angelegt am"])
    target = tmp_path / "links.csv"
    result = invoke(
        "invitations",
        "export",
        "--round",
        str(survey_round.id),
        "--team",
        str(other.id),
        "--output",
        str(target),
    )
    assert result.exit_code == 0
    assert len(target.read_text(encoding="utf-8-sig").splitlines()) == 2
    assert actions(session)[-2:] == ["invitations.export", "invitations.export"]


@pytest.fixture
def k5(app_config):
    app_config["SURVEYAPP_DEFAULT_K"] = 5
    return app_config


def test_cli_round_without_k_takes_the_configured_default(k5, runner, session, factory):
    factory.user(Role.FACILITATOR, email="f@example.org")
    session.commit()
    result = runner.invoke(
        args=["rounds", "create", "--name", "Herbst", "--facilitator", "f@example.org"]
    )
    assert result.exit_code == 0, result.output
    assert session.scalars(sa.select(SurveyRound)).one().min_group_size == 5
