"""Loading a round's answers for the analysis: one query, submitted only, attributes as
columns, hidden answers left out and counted; the fingerprint; earlier rounds for the trend."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa

from surveyapp.db import db
from surveyapp.models import Answer
from surveyapp.operations.analysis import (
    analyse,
    analysis_fingerprint,
    earlier_rounds,
    load_round_answers,
    round_fingerprint,
)


@contextmanager
def counted_statements() -> Iterator[list[str]]:
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", count)


def test_round_answers_load_in_one_query_with_attributes_as_columns(factory, session, registry):
    survey_round = factory.round()
    teams = [factory.team(survey_round) for _ in range(3)]
    for number, team in enumerate(teams):
        for seed in range(number + 2):
            factory.response(team, seed=seed)
    questionnaire = registry.get(survey_round.questionnaire_id, survey_round.questionnaire_version)
    round_id, team_ids = survey_round.id, {team.id for team in teams}
    session.flush()
    session.expire_all()
    with counted_statements() as statements:
        frame = load_round_answers(session, round_id, questionnaire)
    assert len(statements) == 1
    assert frame["response_id"].nunique() == 2 + 3 + 4
    assert set(frame["team_id"]) == team_ids
    for attribute in questionnaire.attributes:
        assert attribute.key in frame.columns
        per_response = frame.groupby("response_id")[attribute.key].nunique(dropna=False)
        assert (per_response == 1).all()
    assert not frame["hidden"].any()


def test_drafts_never_count(factory, session, registry):
    survey_round = factory.round()
    team = factory.team(survey_round)
    submitted = factory.response(team, seed=1)
    factory.response(team, seed=2, submitted=False)
    frame = load_round_answers(
        session,
        survey_round.id,
        registry.get(survey_round.questionnaire_id, survey_round.questionnaire_version),
    )
    assert set(frame["response_id"]) == {submitted.id}


def test_hidden_open_answers_are_left_out_of_the_team_and_counted(factory, session, registry):
    survey_round = factory.round()
    team = factory.team(survey_round)
    responses = [
        factory.response(team, answers={"goals_main": f"Ziel {letter}"}) for letter in "CAB"
    ]
    answer = session.scalar(
        sa.select(Answer).where(
            Answer.response_id == responses[0].id, Answer.item_key == "goals_main"
        )
    )
    answer.hidden = True
    session.flush()
    analysis = analyse(session, registry, survey_round)
    (goals,) = [o for o in analysis.team(team.id).open_answers if o.item_key == "goals_main"]
    assert goals.answers == ("Ziel A", "Ziel B")
    assert goals.hidden == 1


def test_fingerprint_changes_on_submission_and_on_hiding(factory, session):
    survey_round = factory.round()
    team = factory.team(survey_round)
    empty = round_fingerprint(session, survey_round.id)
    factory.response(team, seed=1, submitted=False)
    assert round_fingerprint(session, survey_round.id) == empty
    response = factory.response(team, answers={"goals_main": "Ziel"})
    once = round_fingerprint(session, survey_round.id)
    assert once != empty
    answer = session.scalar(sa.select(Answer).where(Answer.response_id == response.id))
    answer.hidden = True
    session.flush()
    hidden = round_fingerprint(session, survey_round.id)
    assert hidden not in (empty, once)
    answer.hidden = False
    session.flush()
    round_id = survey_round.id
    assert round_fingerprint(session, round_id) == once
    with counted_statements() as statements:
        round_fingerprint(session, round_id)
    assert len(statements) == 1


def test_earlier_round_of_the_same_municipality_is_found_for_the_trend(factory, session, registry):
    town = factory.municipality("Altstadt")
    elsewhere = factory.municipality("Neustadt")
    before = factory.round(name="Frühjahr")
    now = factory.round(name="Herbst")
    old_team = factory.team(before, town)
    factory.team(before, elsewhere)
    new_team = factory.team(now, town)
    factory.team(now, factory.municipality("Ohnevorher"))
    for seed in range(3):
        factory.response(old_team, seed=seed)
        factory.response(new_team, seed=seed + 10)
    session.expire_all()
    (earlier,) = earlier_rounds(session, registry, now)
    assert earlier.round_id == before.id
    assert dict(earlier.team_of) == {new_team.id: old_team.id}
    assert earlier_rounds(session, registry, before) == []
    team = analyse(session, registry, now).team(new_team.id)
    assert team.earlier_round_id == before.id
    assert not team.trend.empty
    assert team.trend["reason"].isna().any()


def test_analysis_fingerprint_covers_the_earlier_rounds_of_the_trend(factory, session):
    town = factory.municipality("Altstadt")
    before = factory.round(name="Frühjahr")
    now = factory.round(name="Herbst")
    old_team = factory.team(before, town)
    factory.team(now, town)
    unrelated = factory.team(factory.round(name="Anderswo"), factory.municipality("Neustadt"))
    first = analysis_fingerprint(session, now)
    assert analysis_fingerprint(session, now) == first
    factory.response(unrelated, seed=1)
    assert analysis_fingerprint(session, now) == first
    factory.response(old_team, seed=1)
    late = analysis_fingerprint(session, now)
    assert late != first
    factory.team(now, factory.municipality("Hinzugekommen"))
    assert analysis_fingerprint(session, now) not in (first, late)
