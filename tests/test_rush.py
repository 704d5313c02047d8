"""The deadline rush, as a test: 30 participants answer the whole questionnaire at once
against gunicorn (2 workers) on the test's database, SQLite or PostgreSQL.

Each one reads its CSRF token from each page like a browser, saves every page and submits;
some click submit twice at the same moment. Afterwards every submission is stored exactly
once, every answer is there, no answer landed in another's response, and no request got a
5xx. Bounded: 30 participants, about 600 requests, a deadline of a few minutes even on a busy
machine (the figures of the rush are the benchmark's, ``benchmarks/rush.py``).
"""

from __future__ import annotations

import random
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa

from surveyapp.demo.answers import sample_answers
from surveyapp.models import Invitation, Response
from surveyapp.operations.responses import answers_of
from surveyapp.questionnaire import ItemType, Questionnaire
from tests.servers import Gunicorn, Participant

PARTICIPANTS = 30
DEADLINE_SECONDS = 240


def distinct_answers(questionnaire: Questionnaire, number: int) -> dict[str, object]:
    """Plausible answers to every item; every free text names its author, to spot mixing."""
    answers = sample_answers(questionnaire, random.Random(number))
    for item in questionnaire.items:
        if item.type is ItemType.MULTI_CHOICE:  # stored in the questionnaire's order
            chosen = set(answers[item.key])
            answers[item.key] = [option.key for option in item.options if option.key in chosen]
        if item.type is ItemType.TEXT:
            answers[item.key] = f"Teilnehmer {number:02d} zu {item.key}: Ziel {number * 7919}"
    return answers


@pytest.fixture
def server(db_uri, tmp_path):
    gunicorn = Gunicorn(db_uri, tmp_path / "gunicorn.log")
    yield gunicorn
    gunicorn.stop()


def crowd(session, factory, base: str, count: int) -> list[Participant]:
    team = factory.team()
    questionnaire = factory.registry.get(
        team.round.questionnaire_id, team.round.questionnaire_version
    )
    tokens = [factory.invitation(team)[1] for _ in range(count)]
    session.commit()
    return [
        Participant(base, token, questionnaire, distinct_answers(questionnaire, number))
        for number, token in enumerate(tokens)
    ]


def stored_by_token(session, participants: list[Participant]) -> dict[str, list[Response]]:
    from surveyapp.operations.invitations import find_invitation

    session.expire_all()
    found = {}
    for participant in participants:
        invitation = find_invitation(session, participant.token)
        found[participant.token] = list(
            session.scalars(sa.select(Response).where(Response.invitation_id == invitation.id))
        )
    return found


def test_thirty_participants_at_once_lose_nothing_and_mix_nothing(session, factory, server):
    participants = crowd(session, factory, server.base, PARTICIPANTS)
    server.start()
    double_clickers = set(range(0, PARTICIPANTS, 5))

    def journey(index: int) -> None:
        participant = participants[index]
        participant.start()
        for number in range(len(participant.questionnaire.sections)):
            participant.save(number)
        if index in double_clickers:
            # two submits at the same moment, from two tabs of the same browser
            barrier = threading.Barrier(2)

            def click() -> None:
                barrier.wait()
                participant.submit()

            twice = [threading.Thread(target=click) for _ in range(2)]
            for thread in twice:
                thread.start()
            for thread in twice:
                thread.join(timeout=60)
        else:
            participant.submit()

    with ThreadPoolExecutor(max_workers=PARTICIPANTS) as pool:
        futures = [pool.submit(journey, index) for index in range(PARTICIPANTS)]
        for future in futures:
            future.result(timeout=DEADLINE_SECONDS)
    server.stop()

    statuses = [status for p in participants for status in p.statuses]
    assert [s for s in statuses if s >= 500] == []
    assert len(statuses) >= PARTICIPANTS * (2 * len(participants[0].questionnaire.sections) + 4)
    stored = stored_by_token(session, participants)
    for participant in participants:
        responses = stored[participant.token]
        assert len(responses) == 1, participant.token  # exactly once
        response = responses[0]
        assert response.submitted
        assert answers_of(session, response) == participant.answers  # nothing lost or mixed
    total = session.scalar(sa.select(sa.func.count(Response.id)))
    assert total == PARTICIPANTS
    assert session.scalar(sa.select(sa.func.count(Invitation.id))) == PARTICIPANTS
    assert "Traceback" not in server.output(), server.output()
