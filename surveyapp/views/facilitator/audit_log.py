"""The audit log, for admins: who logged in, exported, downloaded or deleted what, when."""

from __future__ import annotations

from flask import render_template, request

from surveyapp.db import db
from surveyapp.operations.audit import AuditAction, recent_events
from surveyapp.views.converters import parse_id
from surveyapp.views.facilitator.base import ADMIN, allow, bp

PAGE_SIZE = 100


@bp.get("/audit")
@allow(*ADMIN)
def audit_log() -> str:
    """The newest entries first, a page at a time, optionally one action only."""
    before = request.args.get("before", type=parse_id)
    action = request.args.get("action", "")
    if action not in set(AuditAction):
        action = ""
    events = recent_events(db.session, limit=PAGE_SIZE + 1, before=before, action=action or None)
    older = events[PAGE_SIZE - 1].id if len(events) > PAGE_SIZE else None
    return render_template(
        "facilitator/audit.html",
        events=events[:PAGE_SIZE],
        actions=list(AuditAction),
        labels={action.value: action.label for action in AuditAction},
        action=action,
        older=older,
    )
