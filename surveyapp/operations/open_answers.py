"""Open answers seen by the facilitator, and hiding a single one from the team's results.

A facilitator may hide an open answer (for example one that names a person) from the team's
dashboard page and report, and show it again (ANALYSIS.md §8). The answer itself is kept
(exports are the full record); the analysis leaves hidden answers out and counts them.
Each change is written to the audit log by the operation itself, with the answer's id and
question, never its text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from surveyapp.models import Answer, Response, ResponseStatus, User
from surveyapp.operations import audit


@dataclass(frozen=True)
class OpenAnswer:
    """One non-empty open answer of a submitted response, for the facilitator's list."""

    answer_id: int
    item_key: str
    text: str
    hidden: bool


def team_open_answers(
    session: Session, team_id: int, item_keys: Iterable[str]
) -> dict[str, list[OpenAnswer]]:
    """The team's open answers per question, hidden ones included, sorted alphabetically
    (an order that reveals nothing about who answered when)."""
    keys = list(item_keys)
    query = (
        sa.select(Answer.id, Answer.item_key, Answer.value, Answer.hidden)
        .join(Response, Response.id == Answer.response_id)
        .where(
            Response.team_id == team_id,
            Response.status == ResponseStatus.SUBMITTED,
            Answer.item_key.in_(keys),
        )
    )
    grouped: dict[str, list[OpenAnswer]] = {key: [] for key in keys}
    for answer_id, item_key, value, hidden in session.execute(query):
        text = value.strip() if isinstance(value, str) else ""
        if text:
            grouped[item_key].append(OpenAnswer(answer_id, item_key, text, bool(hidden)))
    for answers in grouped.values():
        answers.sort(key=lambda answer: (answer.text.casefold(), answer.text))
    return grouped


def set_answer_hidden(
    session: Session, answer: Answer, *, hidden: bool, actor: User | None
) -> bool:
    """Hide an open answer from the team's results, or show it again; audited.

    Returns False (and records nothing) when the answer is already in that state.
    """
    if bool(answer.hidden) is hidden:
        return False
    answer.hidden = hidden
    team = answer.response.team
    audit.record(
        session,
        audit.AuditAction.ANSWER_HIDE if hidden else audit.AuditAction.ANSWER_SHOW,
        actor=actor,
        target=team.display_name,
        round=team.round.name,
        item=answer.item_key,
        answer=answer.id,
    )
    session.flush()
    return True
