"""The server log holds neither invitation tokens nor answers, even for a failing request."""

from __future__ import annotations

import logging

import pytest
import sqlalchemy as sa

from surveyapp.logs import mask_tokens
from tests.test_participant_views import save

SECRET_ANSWER = "Unser geheimes Ziel 4711"


@pytest.fixture
def production_errors(app_config):
    """Unhandled exceptions become the 500 page and a log entry, as in production."""
    app_config["PROPAGATE_EXCEPTIONS"] = False
    return app_config


def _refuse_answers(session) -> None:
    """Make every write of an answer fail inside the database, as a broken disk would."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(
            sa.text(
                "CREATE TRIGGER refuse BEFORE INSERT ON answers "
                "BEGIN SELECT RAISE(ABORT, 'refused'); END"
            )
        )
    else:
        session.execute(
            sa.text(
                "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS "
                "$$ BEGIN RAISE EXCEPTION 'refused'; END $$"
            )
        )
        session.execute(
            sa.text(
                "CREATE TRIGGER refuse BEFORE INSERT ON answers "
                "FOR EACH ROW EXECUTE FUNCTION refuse()"
            )
        )
    session.commit()


def _allow_answers(session) -> None:
    session.rollback()
    if session.get_bind().dialect.name == "sqlite":
        session.execute(sa.text("DROP TRIGGER refuse"))
    else:
        session.execute(sa.text("DROP TRIGGER refuse ON answers"))
        session.execute(sa.text("DROP FUNCTION refuse()"))
    session.commit()


def test_tokens_are_masked_in_any_text():
    token = "246disNQ37B3sElzQ_8LI3HBZrePUMCN3PSwcKaxeY4"
    line = f'127.0.0.1 - "POST /s/{token}/goals HTTP/1.1" 500 http://x.test/s/{token}'
    assert (
        mask_tokens(line) == '127.0.0.1 - "POST /s/246d…/goals HTTP/1.1" 500 http://x.test/s/246d…'
    )


def test_the_log_of_a_failing_save_holds_neither_the_token_nor_the_answer(
    production_errors, app, client, factory, session, caplog
):
    _, token = factory.invitation()
    session.commit()
    assert app.config["SQLALCHEMY_ENGINE_OPTIONS"]["hide_parameters"] is True
    _refuse_answers(session)
    try:
        with caplog.at_level(logging.DEBUG):
            response = save(client, token, "goals", {"q_goals_main": SECRET_ANSWER})
    finally:
        _allow_answers(session)
    assert response.status_code == 500
    logged = "\n".join(
        record.getMessage() + "\n" + (record.exc_text or "") for record in caplog.records
    )
    assert f"/s/{token[:4]}…/goals" in logged  # the failure was logged, with the path masked
    assert "refused" in logged  # with its cause
    assert token not in logged
    assert token[4:12] not in logged
    assert SECRET_ANSWER not in logged
    assert "4711" not in logged
