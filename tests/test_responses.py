"""Responses as operations: started once, saved while a draft, submitted exactly once."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from surveyapp.db import utcnow
from surveyapp.models import Response, ResponseStatus
from surveyapp.operations.errors import OperationError
from surveyapp.operations.responses import answers_of, save_answers, submit_response


def test_a_second_submit_changes_nothing(session, factory):
    response = factory.response(submitted=False)
    assert submit_response(session, response) is True
    first = response.submitted_at
    assert submit_response(session, response) is False
    assert response.submitted_at == first


def test_saving_into_a_response_submitted_meanwhile_is_refused(session, factory):
    response = factory.response(answers={"role": "team"}, submitted=False)
    session.commit()
    # another request submits; this request's object still says draft
    session.execute(
        sa.update(Response)
        .where(Response.id == response.id)
        .values(status=ResponseStatus.SUBMITTED, submitted_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    assert response.status is ResponseStatus.DRAFT
    with pytest.raises(OperationError):
        save_answers(session, response, "about", {"role": "leitung"})
    session.rollback()
    assert answers_of(session, response)["role"] == "team"
