"""Who may see what: the access rules as plain functions, used by views and CLI alike.

- An **admin** sees and changes everything.
- A **facilitator** sees and changes the rounds they run (and their teams, invitations,
  exports); municipalities are shared master data that every facilitator may read and add,
  but only correct when every round that uses them is theirs.
- A **municipality contact** sees only the teams they are a contact of, and only counts;
  they may create, hand out and revoke their own team's links.

The functions take the user and the object and never touch the request, so that the
command line and the tests ask exactly the same questions as the web pages.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from surveyapp.models import (
    Municipality,
    Role,
    SurveyRound,
    Team,
    User,
    round_facilitators,
    team_contacts,
)


def _role(user: Any) -> Role | None:
    """Return the role of a logged-in, active account; None for anyone else."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    if not getattr(user, "active", False):
        return None
    return user.role


def is_admin(user: Any) -> bool:
    """Tell whether the account may see everything."""
    return _role(user) is Role.ADMIN


def is_staff(user: Any) -> bool:
    """Tell whether the account runs rounds (a facilitator or an admin)."""
    return _role(user) in (Role.ADMIN, Role.FACILITATOR)


def can_view_round(user: Any, survey_round: SurveyRound) -> bool:
    """An admin, or a facilitator of this round; whoever may see a round may also run it."""
    if is_admin(user):
        return True
    return _role(user) is Role.FACILITATOR and any(
        facilitator.id == user.id for facilitator in survey_round.facilitators
    )


def can_manage_team(user: Any, team: Team) -> bool:
    """Change a team (contacts, invitations): whoever runs its round."""
    return can_view_round(user, team.round)


def can_view_team(user: Any, team: Team) -> bool:
    """See a team's progress: whoever runs its round, or one of the team's contacts."""
    if can_manage_team(user, team):
        return True
    return _role(user) is not None and any(contact.id == user.id for contact in team.contacts)


def can_hand_out_links(user: Any, team: Team) -> bool:
    """Create, download, print and revoke a team's links: whoever runs its round, or one of
    the team's contacts (who hands the links out in the municipality; audited as themselves).
    The same people who may see the team's progress, but a rule of its own."""
    return can_view_team(user, team)


def can_edit_municipality(user: Any, municipality: Municipality) -> bool:
    """Rename a municipality or change its state and kind: an admin, or a facilitator who
    runs every round that uses it (a new name shows in those rounds and their exports).
    A municipality no round uses yet may be corrected by every facilitator."""
    if is_admin(user):
        return True
    return _role(user) is Role.FACILITATOR and all(
        can_view_round(user, team.round) for team in municipality.teams
    )


def all_rounds_query() -> sa.Select[tuple[SurveyRound]]:
    """Return a query of every round, newest first (for admins and the command line)."""
    return sa.select(SurveyRound).order_by(SurveyRound.created_at.desc(), SurveyRound.id.desc())


def visible_rounds_query(user: Any) -> sa.Select[tuple[SurveyRound]]:
    """Return a query of the rounds the account may see, newest first."""
    query = all_rounds_query()
    if is_admin(user):
        return query
    if _role(user) is Role.FACILITATOR:
        return query.join(round_facilitators).where(round_facilitators.c.user_id == user.id)
    return query.where(sa.false())


def contact_teams_query(user: Any) -> sa.Select[tuple[Team]]:
    """Return a query of the teams the account is a contact of."""
    if _role(user) is None:
        return sa.select(Team).where(sa.false())
    return (
        sa.select(Team)
        .join(team_contacts)
        .where(team_contacts.c.user_id == user.id)
        .order_by(Team.id.desc())
    )


def home_endpoint(user: User) -> str:
    """The page an account lands on after logging in."""
    return "facilitator.index" if is_staff(user) else "facilitator.my_teams"
