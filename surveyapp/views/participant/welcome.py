"""The link itself: welcome, the information page, and starting."""

from __future__ import annotations

from flask import (
    current_app,
    flash,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from surveyapp.db import db
from surveyapp.operations.responses import (
    get_or_start_response,
)
from surveyapp.views import organiser
from surveyapp.views.participant.base import (
    bp,
    closed_page,
    csrf_ok,
    current_locale,
    load_visit,
    render,
    resume_url,
    see_other,
)


@bp.get("/<token>")
def welcome(token: str) -> ResponseReturnValue:
    """The link itself: welcome and start, or resume where the participant left off."""
    visit = load_visit(token)
    if visit.submitted:
        return render("participant/submitted.html", visit)
    if not visit.accepts_answers:
        return closed_page(visit)
    if visit.response is not None:
        flash(_("Willkommen zurück! Ihre bisherigen Antworten sind gespeichert."), "success")
        return see_other(resume_url(visit))
    return render("participant/welcome.html", visit)


@bp.get("/<token>/info")
def info(token: str) -> ResponseReturnValue:
    """The welcome page's information, reachable from every page (what happens with data)."""
    visit = load_visit(token)
    return render("participant/welcome.html", visit, resume_url=resume_url(visit))


@bp.get("/<token>/datenschutz")
def privacy(token: str) -> ResponseReturnValue:
    """The data-protection notice with this round's threshold, linked from every page."""
    visit = load_visit(token)
    return render(
        "participant/privacy.html",
        visit,
        org=organiser(),
        retention_days=current_app.config["SURVEYAPP_RETENTION_DAYS"],
        k=visit.survey_round.min_group_size,
        survey_round=visit.survey_round,
        back_url=url_for(".welcome", token=token),
    )


@bp.post("/<token>/start")
def start(token: str) -> ResponseReturnValue:
    """Create the draft response (a double click makes one) and go to the first page."""
    visit = load_visit(token)
    if visit.submitted:
        return see_other(url_for(".welcome", token=token))
    if not visit.accepts_answers:
        return closed_page(visit, 409)
    if not csrf_ok():
        flash(_("Bitte klicken Sie noch einmal auf „Los geht’s“."), "warning")
        return render("participant/welcome.html", visit, 400)
    visit.response = get_or_start_response(db.session, visit.invitation, locale=current_locale())
    db.session.commit()
    return see_other(resume_url(visit))
