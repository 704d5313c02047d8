"""Survey rounds, municipalities and teams."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _
from sqlalchemy.orm import Session

from surveyapp.models import Municipality, MunicipalityKind, RoundStatus, SurveyRound, Team, User
from surveyapp.operations.errors import OperationError
from surveyapp.questionnaire import QuestionnaireRegistry

MIN_GROUP_SIZE = 2


def create_municipality(
    session: Session, *, name: str, state: str = "", kind: MunicipalityKind | str = "city"
) -> Municipality:
    """Add a municipality; refuses a name that exists already (any case)."""
    name = " ".join(name.split())
    if not name:
        raise OperationError(_("Bitte geben Sie einen Namen an."), field="name")
    if find_municipality(session, name) is not None:
        raise OperationError(_("Die Kommune „%(name)s“ gibt es schon.", name=name), field="name")
    municipality = Municipality(name=name, state=state.strip(), kind=MunicipalityKind(kind))
    session.add(municipality)
    session.flush()
    return municipality


def find_municipality(session: Session, name: str) -> Municipality | None:
    """Return the municipality with this name, compared without regard to case."""
    wanted = " ".join(name.split()).lower()
    return session.scalar(sa.select(Municipality).where(sa.func.lower(Municipality.name) == wanted))


def validate_round_settings(
    *,
    min_group_size: int,
    opens_at: datetime | None,
    closes_at: datetime | None,
) -> None:
    """Refuse a threshold below 2 or a close date that is not after the open date."""
    if min_group_size < MIN_GROUP_SIZE:
        raise OperationError(
            _("Die Mindestgruppengröße muss mindestens %(n)d sein.", n=MIN_GROUP_SIZE),
            field="min_group_size",
        )
    if opens_at is not None and closes_at is not None and closes_at <= opens_at:
        raise OperationError(_("Das Ende muss nach dem Beginn liegen."), field="closes_at")


def create_round(
    session: Session,
    registry: QuestionnaireRegistry,
    *,
    name: str,
    questionnaire_id: str,
    questionnaire_version: int,
    workshop_date: date | None = None,
    min_group_size: int = 3,
    opens_at: datetime | None = None,
    closes_at: datetime | None = None,
    facilitators: list[User] | None = None,
) -> SurveyRound:
    """Create a round in draft, pinned to the questionnaire version and its content hash."""
    name = " ".join(name.split())
    if not name:
        raise OperationError(_("Bitte geben Sie einen Namen an."), field="name")
    if session.scalar(sa.select(SurveyRound.id).where(SurveyRound.name == name)) is not None:
        raise OperationError(_("Es gibt schon eine Runde „%(name)s“.", name=name), field="name")
    validate_round_settings(min_group_size=min_group_size, opens_at=opens_at, closes_at=closes_at)
    try:
        questionnaire = registry.get(questionnaire_id, questionnaire_version)
    except KeyError:
        raise OperationError(
            _(
                "Den Fragebogen %(id)s in Version %(version)s gibt es nicht.",
                id=questionnaire_id,
                version=questionnaire_version,
            ),
            field="questionnaire",
        ) from None
    survey_round = SurveyRound(
        name=name,
        workshop_date=workshop_date,
        questionnaire_id=questionnaire.id,
        questionnaire_version=questionnaire.version,
        questionnaire_hash=questionnaire.content_hash,
        min_group_size=min_group_size,
        opens_at=opens_at,
        closes_at=closes_at,
        status=RoundStatus.DRAFT,
        facilitators=list(facilitators or []),
    )
    session.add(survey_round)
    session.flush()
    return survey_round


def set_status(session: Session, survey_round: SurveyRound, status: RoundStatus | str) -> None:
    """Open, close or reopen a round; answers already saved are kept in every case."""
    survey_round.status = RoundStatus(status)
    session.flush()


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
