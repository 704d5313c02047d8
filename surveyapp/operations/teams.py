"""Teams: a municipality's group in a round, and the contact accounts that look after it."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _
from sqlalchemy.orm import Session

from surveyapp.models import Municipality, MunicipalityKind, Role, SurveyRound, Team, User
from surveyapp.operations.audit import AuditAction, record
from surveyapp.operations.errors import OperationError
from surveyapp.operations.municipalities import create_municipality
from surveyapp.operations.users import find_or_create_contact


def add_team(
    session: Session,
    survey_round: SurveyRound,
    municipality: Municipality,
    *,
    name: str = "",
    contacts: list[User] | None = None,
    planned_size: int | None = None,
    actor: User | None,
) -> Team:
    """Add a municipality's team to a round; refuses a second team of the same municipality.

    Audited, with the round's name.
    """
    planned_size = _planned(planned_size)
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
        planned_size=planned_size,
    )
    session.add(team)
    session.flush()
    record(
        session,
        AuditAction.TEAM_CREATE,
        actor=actor,
        target=team.display_name,
        round=survey_round.name,
    )
    return team


MAX_PLANNED_SIZE = 500


def _planned(size: int | None) -> int | None:
    if size is not None and not 1 <= size <= MAX_PLANNED_SIZE:
        raise OperationError(
            _("Bitte geben Sie eine Teamgröße von 1 bis %(max)d an.", max=MAX_PLANNED_SIZE),
            field="planned_size",
        )
    return size


def set_planned_size(session: Session, team: Team, size: int | None, *, actor: User | None) -> bool:
    """Set how many people the team is meant to have (None: not known); False if unchanged.

    Audited, with the new size.
    """
    size = _planned(size)
    if team.planned_size == size:
        return False
    team.planned_size = size
    session.flush()
    record(
        session,
        AuditAction.TEAM_PLANNED_SIZE,
        actor=actor,
        target=team.display_name,
        planned_size=size,
    )
    return True


def add_team_of_new_municipality(
    session: Session,
    survey_round: SurveyRound,
    *,
    municipality_name: str,
    state: str = "",
    kind: MunicipalityKind | str = "city",
    name: str = "",
    planned_size: int | None = None,
    actor: User | None,
) -> Team:
    """Create a municipality and add its team to the round (both audited), or neither."""
    municipality = create_municipality(
        session, name=municipality_name, state=state, kind=kind, actor=actor
    )
    return add_team(
        session, survey_round, municipality, name=name, planned_size=planned_size, actor=actor
    )


def add_contact_by_email(
    session: Session,
    team: Team,
    *,
    email: str,
    name: str = "",
    password: str = "",
    actor: User | None,
) -> User:
    """Make the contact account of ``email`` a contact of the team, creating the account
    (with a first ``password``) if there is none; an existing account stays unchanged."""
    user, _created = find_or_create_contact(
        session, email=email, name=name, password=password, actor=actor
    )
    add_contact(session, team, user, actor=actor)
    return user


def add_contact(session: Session, team: Team, user: User, *, actor: User | None) -> bool:
    """Make a municipality contact account a contact of the team; False if it is already.

    Audited when it changes something.
    """
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
    record(
        session,
        AuditAction.TEAM_CONTACT_ADD,
        actor=actor,
        target=team.display_name,
        contact=user.email,
    )
    return True


def remove_contact(session: Session, team: Team, user: User, *, actor: User | None) -> bool:
    """Take a contact off the team (the account stays); False if it was not one. Audited."""
    if not any(contact.id == user.id for contact in team.contacts):
        return False
    team.contacts.remove(user)
    session.flush()
    record(
        session,
        AuditAction.TEAM_CONTACT_REMOVE,
        actor=actor,
        target=team.display_name,
        contact=user.email,
    )
    return True
