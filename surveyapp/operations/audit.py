"""Writing and reading the audit log."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from surveyapp.models import AuditEvent, User


class AuditAction(StrEnum):
    """What the audit log records, each with the label the audit page shows.

    Operations record their own events (``record``); a front door never does.
    """

    label: LazyString

    def __new__(cls, value: str, label: LazyString) -> AuditAction:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    LOGIN = "login", _l("Anmeldung")
    LOGIN_FAILED = "login.failed", _l("Anmeldung fehlgeschlagen")
    LOGOUT = "logout", _l("Abmeldung")
    ROUND_CREATE = "round.create", _l("Runde angelegt")
    ROUND_UPDATE = "round.update", _l("Runde geändert")
    ROUND_OPEN = "round.open", _l("Runde geöffnet")
    ROUND_CLOSE = "round.close", _l("Runde geschlossen")
    ROUND_REOPEN = "round.reopen", _l("Runde wieder geöffnet")
    ROUND_FACILITATOR_ADD = "round.facilitator_add", _l("Mitmoderation hinzugefügt")
    ROUND_EXPORT = "round.export", _l("Daten exportiert")
    RESPONSES_DELETE = "responses.delete", _l("Antworten gelöscht")
    ROUND_PURGE_EXPIRED = (
        "round.purge_expired",
        _l("Antworten nach Ablauf der Aufbewahrungsfrist gelöscht"),
    )
    MUNICIPALITY_CREATE = "municipality.create", _l("Kommune angelegt")
    MUNICIPALITY_UPDATE = "municipality.update", _l("Kommune geändert")
    TEAM_CREATE = "team.create", _l("Team angelegt")
    TEAM_PLANNED_SIZE = "team.planned_size", _l("Geplante Teamgröße geändert")
    TEAM_CONTACT_ADD = "team.contact_add", _l("Kontaktperson hinzugefügt")
    TEAM_CONTACT_REMOVE = "team.contact_remove", _l("Kontaktperson entfernt")
    INVITATIONS_CREATE = "invitations.create", _l("Einladungslinks angelegt")
    INVITATIONS_DOWNLOAD = (
        "invitations.download",
        _l("Einladungslinks heruntergeladen oder gedruckt"),
    )
    INVITATIONS_EXPORT = "invitations.export", _l("Liste der Einladungen exportiert")
    INVITATION_REVOKE = "invitation.revoke", _l("Einladungslink widerrufen")
    ANSWER_HIDE = "answer.hide", _l("Freitextantwort ausgeblendet")
    ANSWER_SHOW = "answer.show", _l("Freitextantwort wieder eingeblendet")
    REPORTS_BUILD = "reports.build", _l("Berichte erstellt (Kommandozeile)")
    REPORT_DOWNLOAD = "report.download", _l("Teambericht (PDF) heruntergeladen")
    BRIEF_DOWNLOAD = "brief.download", _l("Workshop-Unterlage (PDF) heruntergeladen")
    USER_CREATE = "user.create", _l("Konto angelegt")
    USER_PASSWORD = "user.password", _l("Passwort geändert")
    USER_ACTIVE = "user.active", _l("Konto aktiviert oder deaktiviert")
    USER_ROLE = "user.role", _l("Rolle geändert")


#: Who acts when no account does: the command line (or, for a failed login, nobody known).
CLI_ACTOR = "cli"


def record(
    session: Session,
    action: AuditAction | str,
    *,
    actor: User | None,
    target: str = "",
    actor_name: str = CLI_ACTOR,
    **details: Any,
) -> AuditEvent:
    """Add an audit entry: ``action`` on ``target``, by ``actor``; called by operations.

    The entry names the account's e-mail address, or ``actor_name`` without an account
    (``cli``: the command line). ``details`` must never hold a password, a token or an
    answer. An action that is not an ``AuditAction`` is refused.
    """
    event = AuditEvent(
        user_id=actor.id if actor is not None else None,
        actor=actor.email if actor is not None else actor_name,
        action=AuditAction(action).value,
        target=target,
        details=details,
    )
    session.add(event)
    return event


def recent_events(
    session: Session, *, limit: int = 100, before: int | None = None, action: str | None = None
) -> list[AuditEvent]:
    """Return audit entries newest first, ``limit`` at a time, older than entry ``before``."""
    query = sa.select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)
    if before is not None:
        query = query.where(AuditEvent.id < before)
    if action:
        query = query.where(AuditEvent.action == action)
    return list(session.scalars(query))
