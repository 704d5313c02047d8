"""Response progress: how many were invited, started and submitted, and when last active.

Counts only, never answers. A revoked link still counts as invited when a response came
through it, so that the response rate never exceeds 100 %.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from surveyapp.models import (
    Invitation,
    InvitationStatus,
    Response,
    ResponseStatus,
    SurveyRound,
    Team,
)


@dataclass(frozen=True)
class Progress:
    """The counts of a team, a round or any group of teams."""

    invited: int = 0
    started: int = 0
    submitted: int = 0
    last_activity: datetime | None = None
    #: The planned team size (summed over teams; a team without one counts its invited).
    planned: int | None = None

    @property
    def in_progress(self) -> int:
        """Responses begun but not yet submitted ("begonnen, nicht abgeschickt")."""
        return self.started - self.submitted

    @property
    def base(self) -> int:
        """What the response rate divides by: the planned size, else the invited."""
        return self.planned or self.invited

    @property
    def rate(self) -> float | None:
        """Submitted per planned (without a plan: per invited), 0–1; None without a base."""
        return self.submitted / self.base if self.base else None

    @property
    def percent(self) -> int | None:
        """The response rate in whole percent, or None."""
        rate = self.rate
        return None if rate is None else round(rate * 100)

    def __add__(self, other: Progress) -> Progress:
        times = [t for t in (self.last_activity, other.last_activity) if t is not None]
        planned = self.base + other.base if self.planned or other.planned else None
        return Progress(
            invited=self.invited + other.invited,
            started=self.started + other.started,
            submitted=self.submitted + other.submitted,
            last_activity=max(times) if times else None,
            planned=planned,
        )


def _total(items: Iterable[Progress]) -> Progress:
    total = Progress()
    for item in items:
        total = total + item
    return total


def progress_by_team(session: Session, team_ids: Iterable[int]) -> dict[int, Progress]:
    """Return the progress of each given team (teams without links get zeros)."""
    ids = list(team_ids)
    if not ids:
        return {}
    invited_rows = session.execute(
        sa.select(Invitation.team_id, sa.func.count(Invitation.id))
        .outerjoin(Response, Response.invitation_id == Invitation.id)
        .where(
            Invitation.team_id.in_(ids),
            sa.or_(Invitation.status == InvitationStatus.ACTIVE, Response.id.is_not(None)),
        )
        .group_by(Invitation.team_id)
    )
    invited = {team_id: count for team_id, count in invited_rows}
    submitted_case = sa.case((Response.status == ResponseStatus.SUBMITTED, 1), else_=0)
    response_rows = session.execute(
        sa.select(
            Response.team_id,
            sa.func.count(Response.id),
            sa.func.coalesce(sa.func.sum(submitted_case), 0),
            sa.func.max(Response.updated_at),
        )
        .where(Response.team_id.in_(ids))
        .group_by(Response.team_id)
    )
    responses = {row[0]: tuple(row[1:]) for row in response_rows}
    planned_rows = session.execute(sa.select(Team.id, Team.planned_size).where(Team.id.in_(ids)))
    planned = {team_id: size for team_id, size in planned_rows}
    result = {}
    for team_id in ids:
        started, submitted, last = responses.get(team_id, (0, 0, None))
        result[team_id] = Progress(
            invited=invited.get(team_id, 0),
            started=int(started),
            submitted=int(submitted),
            last_activity=last,
            planned=planned.get(team_id),
        )
    return result


@dataclass(frozen=True)
class RoundProgress:
    """A round's teams with their progress, and the round's total."""

    teams: list[tuple[Team, Progress]]
    total: Progress


def round_progress(session: Session, survey_round: SurveyRound) -> RoundProgress:
    """Return each team's progress in a round (by display name) and the round's total."""
    teams = sorted(survey_round.teams, key=lambda team: team.display_name.lower())
    by_team = progress_by_team(session, [team.id for team in teams])
    rows = [(team, by_team[team.id]) for team in teams]
    return RoundProgress(rows, _total(progress for _, progress in rows))


def progress_by_round(session: Session, round_ids: Iterable[int]) -> dict[int, Progress]:
    """Return the total progress of each given round."""
    ids = list(round_ids)
    if not ids:
        return {}
    teams = session.execute(sa.select(Team.id, Team.round_id).where(Team.round_id.in_(ids)))
    team_round = {team_id: round_id for team_id, round_id in teams}
    by_team = progress_by_team(session, team_round)
    result = {round_id: Progress() for round_id in ids}
    for team_id, progress in by_team.items():
        result[team_round[team_id]] = result[team_round[team_id]] + progress
    return result
