"""Survey rounds: creating, editing, opening, closing and their facilitators."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _
from sqlalchemy.orm import Session

from surveyapp.db import utcnow
from surveyapp.models import Role, RoundStatus, SurveyRound, User
from surveyapp.operations.audit import AuditAction, record
from surveyapp.operations.errors import OperationError
from surveyapp.operations.names import clean_name
from surveyapp.operations.questionnaires import has_responses, repin_unanswered
from surveyapp.operations.users import find_user
from surveyapp.questionnaire import Questionnaire, QuestionnaireChanged, QuestionnaireRegistry

MIN_GROUP_SIZE = 2
#: k above any team's size would withhold every figure; larger is surely a typing mistake.
MAX_GROUP_SIZE = 50
#: Dates a round may name (workshop, open, close): anything else is a typing mistake.
EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(2099, 12, 31)


def group_size_message() -> str:
    """What the form and the operation say about k out of range."""
    return _(
        "Die Mindestgruppengröße muss mindestens %(min)d und höchstens %(max)d sein.",
        min=MIN_GROUP_SIZE,
        max=MAX_GROUP_SIZE,
    )


def date_range_message() -> str:
    """What the form and the operation say about a date out of range."""
    return _(
        "Bitte geben Sie ein Datum zwischen %(first)d und %(last)d an.",
        first=EARLIEST_DATE.year,
        last=LATEST_DATE.year,
    )


def plausible_date(value: date | datetime) -> bool:
    """Tell whether a date (or the date of a time) lies in EARLIEST_DATE…LATEST_DATE."""
    day = value.date() if isinstance(value, datetime) else value
    return EARLIEST_DATE <= day <= LATEST_DATE


def validate_round_settings(
    *,
    min_group_size: int,
    opens_at: datetime | None,
    closes_at: datetime | None,
    workshop_date: date | None = None,
) -> None:
    """Refuse a threshold outside 2–50, dates outside 2000–2099, or a close date that is
    not after the open date."""
    if min_group_size is None or not MIN_GROUP_SIZE <= min_group_size <= MAX_GROUP_SIZE:
        raise OperationError(group_size_message(), field="min_group_size")
    dates = {"workshop_date": workshop_date, "opens_at": opens_at, "closes_at": closes_at}
    for field, value in dates.items():
        if value is not None and not plausible_date(value):
            raise OperationError(date_range_message(), field=field)
    if opens_at is not None and closes_at is not None and closes_at <= opens_at:
        raise OperationError(_("Das Ende muss nach dem Beginn liegen."), field="closes_at")


def _check_round_name(session: Session, name: str, *, current: SurveyRound | None = None) -> str:
    name = clean_name(name)
    if not name:
        raise OperationError(_("Bitte geben Sie einen Namen an."), field="name")
    existing = session.scalar(
        sa.select(SurveyRound).where(sa.func.lower(SurveyRound.name) == name.lower())
    )
    if existing is not None and existing is not current:
        raise OperationError(_("Es gibt schon eine Runde „%(name)s“.", name=name), field="name")
    return name


def _questionnaire(
    registry: QuestionnaireRegistry, questionnaire_id: str, questionnaire_version: int
) -> Questionnaire:
    try:
        return registry.get(questionnaire_id, questionnaire_version)
    except KeyError:
        raise OperationError(
            _(
                "Den Fragebogen %(id)s in Version %(version)s gibt es nicht.",
                id=questionnaire_id,
                version=questionnaire_version,
            ),
            field="questionnaire",
        ) from None


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
    actor: User | None,
) -> SurveyRound:
    """Create a round in draft, pinned to the questionnaire version and its content hash.

    Audited.
    """
    name = _check_round_name(session, name)
    validate_round_settings(
        min_group_size=min_group_size,
        opens_at=opens_at,
        closes_at=closes_at,
        workshop_date=workshop_date,
    )
    questionnaire = _questionnaire(registry, questionnaire_id, questionnaire_version)
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
    record(session, AuditAction.ROUND_CREATE, actor=actor, target=survey_round.name)
    return survey_round


def update_round(
    session: Session,
    registry: QuestionnaireRegistry,
    survey_round: SurveyRound,
    *,
    name: str,
    questionnaire_id: str,
    questionnaire_version: int,
    workshop_date: date | None,
    min_group_size: int,
    opens_at: datetime | None,
    closes_at: datetime | None,
    actor: User | None,
) -> list[str]:
    """Change a round's settings; returns the names of the fields that changed (audited).

    Once answers have arrived the questionnaire is fixed (answers belong to its version),
    and the anonymity threshold k may be raised but not lowered: lowering it after seeing
    the counts could single out a small group. Before that, saving with the same version
    re-pins the round to its file as it is now (``repin_unanswered``).
    """
    name = _check_round_name(session, name, current=survey_round)
    validate_round_settings(
        min_group_size=min_group_size,
        opens_at=opens_at,
        closes_at=closes_at,
        workshop_date=workshop_date,
    )
    answered = has_responses(session, survey_round)
    pinned = (survey_round.questionnaire_id, survey_round.questionnaire_version)
    changed_pin: list[str] = []
    if (questionnaire_id, questionnaire_version) != pinned:
        if answered:
            raise OperationError(
                _("Es liegen schon Antworten vor; der Fragebogen kann nicht mehr geändert werden."),
                field="questionnaire",
            )
        questionnaire = _questionnaire(registry, questionnaire_id, questionnaire_version)
    else:
        questionnaire = None
        if not answered and (questionnaire_id, questionnaire_version) in registry:
            repinned_from = survey_round.questionnaire_hash
            repin_unanswered(session, registry, survey_round)
            if survey_round.questionnaire_hash != repinned_from:
                changed_pin = ["questionnaire_hash"]
    if answered and min_group_size < survey_round.min_group_size:
        raise OperationError(
            _(
                "Es liegen schon Antworten vor; die Mindestgruppengröße kann nur noch "
                "erhöht werden (bisher %(k)d).",
                k=survey_round.min_group_size,
            ),
            field="min_group_size",
        )
    new_values = {
        "name": name,
        "workshop_date": workshop_date,
        "min_group_size": min_group_size,
        "opens_at": opens_at,
        "closes_at": closes_at,
    }
    if questionnaire is not None:
        new_values |= {
            "questionnaire_id": questionnaire.id,
            "questionnaire_version": questionnaire.version,
            "questionnaire_hash": questionnaire.content_hash,
        }
    changed = [key for key, value in new_values.items() if getattr(survey_round, key) != value]
    for key in changed:
        setattr(survey_round, key, new_values[key])
    session.flush()
    changed += changed_pin
    if changed:
        record(
            session, AuditAction.ROUND_UPDATE, actor=actor, target=survey_round.name, fields=changed
        )
    return changed


def set_status(session: Session, survey_round: SurveyRound, status: RoundStatus | str) -> None:
    """Set a round's status without checks (for the demo and tests; front doors use
    ``open_round``, ``close_round`` and ``reopen_round``). Answers are kept in every case."""
    survey_round.status = RoundStatus(status)
    survey_round.closed_at = utcnow() if survey_round.status is RoundStatus.CLOSED else None
    session.flush()


def _refuse_past_end(survey_round: SurveyRound, now: datetime | None) -> None:
    now = now or utcnow()
    if survey_round.closes_at is not None and survey_round.closes_at <= now:
        raise OperationError(
            _(
                "Das Ende der Befragung liegt in der Vergangenheit. Bitte verschieben Sie "
                "zuerst das Ende."
            ),
            field="closes_at",
        )


def open_round(
    session: Session,
    registry: QuestionnaireRegistry,
    survey_round: SurveyRound,
    *,
    actor: User | None,
    now: datetime | None = None,
) -> None:
    """Open a draft round for answers, re-pinned to its questionnaire file as it is now
    (``repin_unanswered``); refuses a questionnaire no longer loaded or a past end."""
    if survey_round.status is not RoundStatus.DRAFT:
        raise OperationError(_("Nur eine Runde im Entwurf kann geöffnet werden."))
    _refuse_past_end(survey_round, now)
    try:
        repin_unanswered(session, registry, survey_round)
    except (KeyError, QuestionnaireChanged):
        raise OperationError(
            _(
                "Der Fragebogen dieser Runde ist nicht (mehr) in der geladenen Fassung "
                "vorhanden. Bitte wählen Sie die Fassung neu."
            ),
            field="questionnaire",
        ) from None
    set_status(session, survey_round, RoundStatus.OPEN)
    record(session, AuditAction.ROUND_OPEN, actor=actor, target=survey_round.name)


def close_round(session: Session, survey_round: SurveyRound, *, actor: User | None) -> None:
    """Close an open round: no new answers; drafts are kept and can be finished on reopening."""
    if survey_round.status is not RoundStatus.OPEN:
        raise OperationError(_("Nur eine offene Runde kann geschlossen werden."))
    set_status(session, survey_round, RoundStatus.CLOSED)
    record(session, AuditAction.ROUND_CLOSE, actor=actor, target=survey_round.name)


def reopen_round(
    session: Session,
    survey_round: SurveyRound,
    *,
    actor: User | None,
    now: datetime | None = None,
) -> None:
    """Open a closed round again; refuses it while its end date lies in the past."""
    if survey_round.status is not RoundStatus.CLOSED:
        raise OperationError(_("Nur eine geschlossene Runde kann wieder geöffnet werden."))
    _refuse_past_end(survey_round, now)
    set_status(session, survey_round, RoundStatus.OPEN)
    record(session, AuditAction.ROUND_REOPEN, actor=actor, target=survey_round.name)


def add_facilitator_by_email(
    session: Session, survey_round: SurveyRound, email: str, *, actor: User | None
) -> User:
    """Let the account with this e-mail address run the round too (see ``add_facilitator``)."""
    user = find_user(session, email)
    if user is None:
        raise OperationError(_("Es gibt kein Konto mit dieser E-Mail-Adresse."), field="email")
    add_facilitator(session, survey_round, user, actor=actor)
    return user


def add_facilitator(
    session: Session, survey_round: SurveyRound, user: User, *, actor: User | None
) -> bool:
    """Let another facilitator (or admin) run this round too; False if they do already."""
    if user.role not in (Role.FACILITATOR, Role.ADMIN):
        raise OperationError(
            _("%(email)s gehört zu keinem Moderationskonto.", email=user.email), field="email"
        )
    if any(existing.id == user.id for existing in survey_round.facilitators):
        return False
    survey_round.facilitators.append(user)
    session.flush()
    record(
        session,
        AuditAction.ROUND_FACILITATOR_ADD,
        actor=actor,
        target=survey_round.name,
        facilitator=user.email,
    )
    return True
