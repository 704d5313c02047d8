"""Teams: a municipality's group in a round, and the contact accounts that look after it."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _
from sqlalchemy.orm import Session

from surveyapp.models import Municipality, Role, SurveyRound, Team, User
from surveyapp.operations.errors import OperationError


def add_team(
    session: Session,
    survey_round: SurveyRound,
    municipality: Municipality,
    *,
    name: str = "",
    contacts: list[User] | None = None,
) -> Team:
    """Add a municipality's team to a round; refuses a second team of the same municipality."""
    exists = session.scalar(
        sa.select(Team.id).where(
            Team.round_id == survey_round.id, Team.municipality_id == municipality.id
        )
    )
    if exists is not None:
        raise OperationError(
            _("%(name)s hat in dieser Runde schon ein Team.", name=municipality.name),
            field="municipality",
        )
    team = Team(
        round=survey_round,
        municipality=municipality,
        name=name.strip(),
        contacts=list(contacts or []),
    )
    session.add(team)
    session.flush()
    return team


def add_contact(session: Session, team: Team, user: User) -> bool:
    """Make a municipality contact account a contact of the team; False if it is already."""
    if user.role is not Role.CONTACT:
        raise OperationError(
            _(
                "%(email)s gehört zu keinem Konto für Kontaktpersonen der Kommunen.",
                email=user.email,
            ),
            field="email",
        )
    if any(contact.id == user.id for contact in team.contacts):
        return False
    team.contacts.append(user)
    session.flush()
    return True


def remove_contact(session: Session, team: Team, user: User) -> bool:
    """Take a contact off the team (the account stays); False if it was not one."""
    if not any(contact.id == user.id for contact in team.contacts):
        return False
    team.contacts.remove(user)
    session.flush()
    return True
