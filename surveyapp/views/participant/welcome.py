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
    Visit,
    answering,
    bp,
    csrf_ok,
    current_locale,
    load_visit,
    render,
    resume_url,
    see_other,
    sent_to,
)


def _submitted_page(visit: Visit) -> ResponseReturnValue:
    return render("participant/submitted.html", visit)


@bp.get("/<token>")
@answering(when_submitted=_submitted_page)
def welcome(visit: Visit) -> ResponseReturnValue:
    """The link itself: welcome and start, or resume where the participant left off."""
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
@answering(when_submitted=sent_to(".welcome"))
def start(visit: Visit) -> ResponseReturnValue:
    """Create the draft response (a double click makes one) and go to the first page."""
    if not csrf_ok():
        flash(_("Bitte klicken Sie noch einmal auf „Los geht’s“."), "warning")
        return render("participant/welcome.html", visit, 400)
    visit.response = get_or_start_response(db.session, visit.invitation, locale=current_locale())
    db.session.commit()
    return see_other(resume_url(visit))
