"""A participant's response: started once, saved page by page, submitted once."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from surveyapp.db import utcnow
from surveyapp.models import Answer, Invitation, Response, ResponseStatus
from surveyapp.operations.errors import OperationError


def get_or_start_response(
    session: Session, invitation: Invitation, *, locale: str = "de"
) -> Response:
    """Return the invitation's response, creating the draft on first use.

    Two requests racing to start (a double click) end with one response: the loser of the
    unique constraint on ``invitation_id`` reads the winner's row.
    """
    existing = session.scalar(sa.select(Response).where(Response.invitation_id == invitation.id))
    if existing is not None:
        return existing
    try:
        with session.begin_nested():
            response = Response(
                invitation_id=invitation.id, team_id=invitation.team_id, locale=locale
            )
            session.add(response)
    except IntegrityError:
        response = session.scalars(
            sa.select(Response).where(Response.invitation_id == invitation.id)
        ).one()
    return response


@functools.cache
def _upsert_statement(dialect: str) -> sa.Executable:
    """Build the insert-or-update of answers once per dialect (it is on every page save)."""
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = insert(Answer.__table__)
    return stmt.on_conflict_do_update(
        index_elements=[Answer.response_id, Answer.item_key],
        set_={"value": stmt.excluded.value, "updated_at": stmt.excluded.updated_at},
    )


def _upsert(session: Session, rows: list[dict[str, Any]]) -> None:
    """Insert or update answers in one executemany."""
    session.execute(_upsert_statement(session.get_bind().dialect.name), rows)


def save_answers(
    session: Session,
    response: Response,
    section_key: str,
    values: Mapping[str, Any],
    *,
    cleared: frozenset[str] | set[str] = frozenset(),
    complete: bool = True,
) -> None:
    """Store a page's answers and, if ``complete``, mark its section as completed.

    Safe when two tabs save at once: each answer is written with an insert-or-update on
    (response, item), so pages never overwrite each other's answers, and the completed
    sections are re-read and extended under the response's row lock, so no mark is lost.
    ``cleared`` names items the participant emptied; their rows are removed. Refuses a
    submitted response, also one submitted by another request a moment ago.
    """
    if response.status is ResponseStatus.SUBMITTED:
        raise _already_submitted()
    # Marks are never removed, so one already loaded needs no re-reading under the lock.
    already_marked = section_key in (response.completed_sections or [])
    now = utcnow()
    # First statement of the transaction is a write: it takes the row lock on PostgreSQL
    # and SQLite's write lock, so everything below sees the latest committed state.
    touched = session.execute(
        sa.update(Response)
        .where(Response.id == response.id, Response.status == ResponseStatus.DRAFT)
        .values(updated_at=now)
        .execution_options(synchronize_session=False)
    )
    if touched.rowcount != 1:
        session.expire(response)
        raise _already_submitted()
    rows = [
        {"response_id": response.id, "item_key": key, "value": value, "updated_at": now}
        for key, value in values.items()
        if key not in cleared
    ]
    if rows:
        _upsert(session, rows)
    if cleared:
        session.execute(
            sa.delete(Answer).where(Answer.response_id == response.id, Answer.item_key.in_(cleared))
        )
    if complete and not already_marked:
        completed = session.scalar(
            sa.select(Response.completed_sections)
            .where(Response.id == response.id)
            .with_for_update()
        )
        if section_key not in (completed or []):
            session.execute(
                sa.update(Response)
                .where(Response.id == response.id)
                .values(completed_sections=[*(completed or []), section_key])
                .execution_options(synchronize_session=False)
            )
    session.flush()
    session.expire(response, ["answers", "completed_sections", "updated_at", "status"])


def _already_submitted() -> OperationError:
    return OperationError(
        _("Diese Antworten wurden schon abgeschickt und können nicht mehr geändert werden.")
    )


def answers_of(session: Session, response: Response) -> dict[str, Any]:
    """Return a response's answers as ``{item_key: value}``."""
    return dict(session.execute(_answers_statement(), {"response_id": response.id}).all())


@functools.cache
def _answers_statement() -> sa.Select:
    return sa.select(Answer.item_key, Answer.value).where(
        Answer.response_id == sa.bindparam("response_id")
    )


def submit_response(session: Session, response: Response) -> bool:
    """Mark a draft as submitted; returns False if it was submitted already.

    The status change is one conditional UPDATE, so a double-clicked submit, even in two
    processes at once, submits exactly once.
    """
    result = session.execute(
        sa.update(Response)
        .where(Response.id == response.id, Response.status == ResponseStatus.DRAFT)
        .values(status=ResponseStatus.SUBMITTED, submitted_at=utcnow(), updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    session.refresh(response)
    return result.rowcount == 1
