"""The audit log, for admins: who logged in, exported, downloaded or deleted what, when."""

from __future__ import annotations

from flask import render_template, request
from flask_babel import lazy_gettext as _l

from surveyapp.db import db
from surveyapp.operations.audit import ACTIONS, recent_events
from surveyapp.views.converters import parse_id
from surveyapp.views.facilitator.base import ADMIN, allow, bp

PAGE_SIZE = 100

#: What each recorded action means, for people reading the log (the code stays visible).
ACTION_LABELS = {
    "login": _l("Anmeldung"),
    "login.failed": _l("Anmeldung fehlgeschlagen"),
    "logout": _l("Abmeldung"),
    "round.create": _l("Runde angelegt"),
    "round.update": _l("Runde geändert"),
    "round.open": _l("Runde geöffnet"),
    "round.close": _l("Runde geschlossen"),
    "round.reopen": _l("Runde wieder geöffnet"),
    "round.facilitator_add": _l("Mitmoderation hinzugefügt"),
    "round.export": _l("Daten exportiert"),
    "responses.delete": _l("Antworten gelöscht"),
    "round.purge_expired": _l("Antworten nach Ablauf der Aufbewahrungsfrist gelöscht"),
    "municipality.create": _l("Kommune angelegt"),
    "municipality.update": _l("Kommune geändert"),
    "team.create": _l("Team angelegt"),
    "team.contact_add": _l("Kontaktperson hinzugefügt"),
    "team.contact_remove": _l("Kontaktperson entfernt"),
    "invitations.create": _l("Einladungslinks angelegt"),
    "invitations.download": _l("Einladungslinks heruntergeladen oder gedruckt"),
    "reports.build": _l("Berichte erstellt (Kommandozeile)"),
    "report.download": _l("Teambericht (PDF) heruntergeladen"),
    "brief.download": _l("Workshop-Unterlage (PDF) heruntergeladen"),
    "invitations.export": _l("Liste der Einladungen exportiert"),
    "invitation.revoke": _l("Einladungslink widerrufen"),
    "answer.hide": _l("Freitextantwort ausgeblendet"),
    "answer.show": _l("Freitextantwort wieder eingeblendet"),
    "user.create": _l("Konto angelegt"),
    "user.password": _l("Passwort geändert"),
    "user.active": _l("Konto aktiviert oder deaktiviert"),
    "user.role": _l("Rolle geändert"),
}


@bp.get("/audit")
@allow(*ADMIN)
def audit_log() -> str:
    """The newest entries first, a page at a time, optionally one action only."""
    before = request.args.get("before", type=parse_id)
    action = request.args.get("action", "")
    if action not in ACTIONS:
        action = ""
    events = recent_events(db.session, limit=PAGE_SIZE + 1, before=before, action=action or None)
    older = events[PAGE_SIZE - 1].id if len(events) > PAGE_SIZE else None
    return render_template(
        "facilitator/audit.html",
        events=events[:PAGE_SIZE],
        actions=ACTIONS,
        labels=ACTION_LABELS,
        action=action,
        older=older,
    )
