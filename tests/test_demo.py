"""``surveyapp demo`` builds a plausible round once and is safe to run again."""

from __future__ import annotations

import re

import sqlalchemy as sa

from surveyapp.demo import (
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    EARLIER_ROUND_NAME,
    FACILITATOR_EMAIL,
    FACILITATOR_PASSWORD,
    ROUND_NAME,
)
from surveyapp.models import (
    Answer,
    Invitation,
    Municipality,
    Response,
    ResponseStatus,
    Role,
    RoundStatus,
    SurveyRound,
    Team,
    User,
)
from surveyapp.operations.invitations import find_invitation


def _counts(session) -> dict[str, int]:
    return {
        model.__name__: session.scalar(sa.select(sa.func.count()).select_from(model))
        for model in (User, Municipality, SurveyRound, Team, Invitation, Response, Answer)
    }


def test_demo_creates_a_round_with_three_municipalities_and_submitted_answers(
    runner, session, registry
):
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    assert "Created the demo round" in result.output
    assert FACILITATOR_EMAIL in result.output and FACILITATOR_PASSWORD in result.output
    assert ADMIN_EMAIL in result.output and ADMIN_PASSWORD in result.output
    admin = session.scalars(sa.select(User).where(User.email == ADMIN_EMAIL)).one()
    assert admin.role is Role.ADMIN

    current = session.scalars(sa.select(SurveyRound).where(SurveyRound.name == ROUND_NAME)).one()
    assert current.status is RoundStatus.OPEN and current.accepts_answers()
    assert current.questionnaire_version == 2
    assert len(current.teams) == 3
    questionnaire = registry.get(current.questionnaire_id, current.questionnaire_version)
    item_keys = {item.key for item in questionnaire.items}
    for team in current.teams:
        assert team.planned_size
        submitted = [r for r in team.responses if r.status is ResponseStatus.SUBMITTED]
        assert [r for r in team.responses if r.status is ResponseStatus.DRAFT]
        for response in submitted:
            answers = {a.item_key: a.value for a in response.answers}
            assert set(answers) <= item_keys
            required = {i.key for i in questionnaire.items if i.required}
            assert required <= set(answers)
            for key, value in answers.items():
                assert questionnaire.item(key).check_value(value) == [], (key, value)


def _workplaces(team) -> list[str]:
    return sorted(
        a.value
        for r in team.responses
        if r.status is ResponseStatus.SUBMITTED
        for a in r.answers
        if a.item_key == "workplace"
    )


def test_demo_teams_allow_perspectives_fall_short_of_them_and_fall_under_k(runner, session):
    runner.invoke(args=["demo"])
    current = session.scalars(sa.select(SurveyRound).where(SurveyRound.name == ROUND_NAME)).one()
    k = current.min_group_size
    shapes = {}
    for team in current.teams:
        places = _workplaces(team)
        groups = {place: places.count(place) for place in set(places)}
        shapes[team.display_name] = (len(places), groups)
    # one team can compare inside and outside the office, one cannot, one is under k
    assert shapes["Lindenfeld"] == (8, {"bildungsbuero": 4, "ausserhalb": 4})
    assert shapes["Auental"] == (5, {"bildungsbuero": 3, "ausserhalb": 2})
    assert min(shapes["Auental"][1].values()) < k <= shapes["Auental"][0]
    assert shapes["Kreis Hohenmoor"][0] == 2 < k


def test_demo_earlier_round_uses_version_1_with_two_of_the_municipalities(runner, session):
    runner.invoke(args=["demo"])
    earlier = session.scalars(
        sa.select(SurveyRound).where(SurveyRound.name == EARLIER_ROUND_NAME)
    ).one()
    assert earlier.questionnaire_version == 1 and earlier.status is RoundStatus.CLOSED
    assert sorted(team.display_name for team in earlier.teams) == ["Auental", "Lindenfeld"]
    for team in earlier.teams:
        assert all(r.status is ResponseStatus.SUBMITTED for r in team.responses)
        assert len(team.responses) >= 5


def test_demo_prints_working_invitation_links(runner, session):
    result = runner.invoke(args=["demo"])
    tokens = re.findall(r"http://surveyapp\.test/s/([A-Za-z0-9_-]+)", result.output)
    assert len(tokens) == 3 * 2
    for token in tokens:
        invitation = find_invitation(session, token)
        assert invitation is not None
        assert invitation.response is None


def test_demo_run_twice_neither_duplicates_nor_destroys(runner, session):
    first = runner.invoke(args=["demo"])
    before = _counts(session)
    second = runner.invoke(args=["demo"])
    assert second.exit_code == 0, second.output
    assert "exists already" in second.output and "nothing was changed" in second.output
    assert _counts(session) == before
    links = re.compile(r"http://\S+/s/\S+")
    assert links.findall(first.output) == links.findall(second.output)


def test_demo_answers_differ_between_teams(runner, session):
    runner.invoke(args=["demo"])
    current = session.scalars(sa.select(SurveyRound).where(SurveyRound.name == ROUND_NAME)).one()
    means = []
    for team in current.teams:
        values = [
            a.value
            for r in team.responses
            for a in r.answers
            if isinstance(a.value, dict) and "performance" in a.value
        ]
        rated = [v["performance"] for v in values if v["performance"] is not None]
        means.append(sum(rated) / len(rated))
    assert max(means) - min(means) > 0.3


def test_demo_refuses_to_run_outside_debug_mode_unless_told_so(app, session):
    app.testing = False  # a production-like app: neither debug nor testing
    runner = app.test_cli_runner()
    refused = runner.invoke(args=["demo"])
    assert refused.exit_code == 1 and "--allow-published-password" in refused.output
    assert session.scalar(sa.select(sa.func.count(SurveyRound.id))) == 0
    allowed = runner.invoke(args=["demo", "--links", "1", "--allow-published-password"])
    assert allowed.exit_code == 0, allowed.output
