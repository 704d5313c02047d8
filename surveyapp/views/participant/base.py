"""The participant blueprint and what every participant page uses: the visit a token opens.

The token in the URL authenticates the participant and reaches that invitation's response
only. Unknown and revoked tokens get the site's ordinary 404 page, and a client collecting
too many of them (or too many clients together) get 429 instead; a valid token is never
refused. Every page step saves; nothing typed is ever dropped: a
page that cannot be saved (a validation error, a stale form, a closed round) comes back
with everything the participant entered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import validate_csrf
from werkzeug.wrappers import Response as HTTPResponse
from wtforms import ValidationError

from surveyapp.db import db, utcnow
from surveyapp.extensions import csrf
from surveyapp.models import Invitation, Response, RoundStatus, SurveyRound
from surveyapp.operations.invitations import find_invitation
from surveyapp.operations.questionnaires import questionnaire_for_round
from surveyapp.operations.responses import (
    answers_of,
)
from surveyapp.participant.progress import (
    resume_section,
)
from surveyapp.questionnaire import (
    Questionnaire,
    Section,
)
from surveyapp.ratelimits import count_failure

#: Wrong tokens a client (an address) may try per minute before it gets 429 instead of 404.
TOKEN_FAILURE_LIMIT = "30/minute"
#: Wrong tokens per minute from all addresses together (a scan from many addresses).
TOKEN_FAILURE_CEILING = "100/minute"
ACTIONS = ("next", "back", "save")
#: Addresses under a token that only take a POST (a GET answers 405, not 404).
POST_ONLY = ("start", "submit")
SUMMARY_LABEL_CHARS = 90

bp = Blueprint("participant", __name__, url_prefix="/s")
# The token must be checked (and failures counted) before the form's CSRF token, and a
# stale form must come back filled in rather than as an error page: so the views check
# CSRF themselves (see csrf_ok), on every POST, instead of the global before_request hook.
csrf.exempt(bp)


@bp.after_request
def _no_store(response: HTTPResponse) -> HTTPResponse:
    """Keep answers out of browser and proxy caches (shared computers in offices)."""
    response.headers["Cache-Control"] = "no-store"
    return response


@dataclass
class Visit:
    """What a token opens: its invitation, round, questionnaire and response (if started)."""

    token: str
    invitation: Invitation
    survey_round: SurveyRound
    questionnaire: Questionnaire
    response: Response | None

    @property
    def submitted(self) -> bool:
        return self.response is not None and self.response.submitted

    @property
    def accepts_answers(self) -> bool:
        return self.survey_round.accepts_answers()

    def section(self, key: str) -> Section:
        try:
            return self.questionnaire.section(key)
        except KeyError:
            abort(404)

    def answers(self) -> dict[str, Any]:
        return answers_of(db.session, self.response) if self.response is not None else {}


def load_visit(token: str) -> Visit:
    invitation = find_invitation(db.session, token)
    if invitation is None:
        # Only wrong tokens are counted, and only they are refused: a valid link always
        # opens, also from an office whose colleagues share one address. (Tokens have 256
        # bits; the limits keep scanners away, guessing is hopeless anyway.)
        count_failure(
            "participant-wrong-token",
            [(TOKEN_FAILURE_LIMIT, get_remote_address()), (TOKEN_FAILURE_CEILING, "all")],
        )
        abort(404)
    survey_round = invitation.team.round
    questionnaire = questionnaire_for_round(current_app.extensions["questionnaires"], survey_round)
    return Visit(token, invitation, survey_round, questionnaire, invitation.response)


def current_locale() -> str:
    return str(get_locale() or "de")


def csrf_ok() -> bool:
    """Check the form's CSRF token (the link authenticates; this stops cross-site posts)."""
    if not current_app.config.get("WTF_CSRF_ENABLED", True):
        return True
    try:
        validate_csrf(request.form.get("csrf_token"))
    except ValidationError:
        return False
    return True


def form_lists() -> dict[str, list[str]]:
    return {name: request.form.getlist(name) for name in request.form}


def resume_url(visit: Visit) -> str:
    completed = visit.response.completed_sections if visit.response is not None else []
    key = resume_section(visit.questionnaire, completed)
    if key is None:
        return url_for(".review", token=visit.token)
    return url_for(".section", token=visit.token, section_key=key)


def see_other(url: str) -> HTTPResponse:
    return redirect(url, code=303)


def render(template: str, visit: Visit, status: int = 200, **context: Any) -> ResponseReturnValue:
    return render_template(
        template, visit=visit, questionnaire=visit.questionnaire, locale=current_locale(), **context
    ), status


def closed_page(visit: Visit, status: int = 200) -> ResponseReturnValue:
    """Say that the round does not take answers now; saved answers stay saved."""
    survey_round = visit.survey_round
    now = utcnow()
    starts_later = survey_round.opens_at is not None and now < survey_round.opens_at
    not_yet = survey_round.status is RoundStatus.DRAFT or (
        survey_round.status is RoundStatus.OPEN and starts_later
    )
    # a date is named only while it lies ahead: a draft past its start date says "not yet"
    opens_on = survey_round.opens_at if not_yet and starts_later else None
    return render("participant/closed.html", visit, status, not_yet=not_yet, opens_on=opens_on)


VisitView = Callable[[Visit], ResponseReturnValue]
TokenView = Callable[[str], ResponseReturnValue]


def sent_to(endpoint: str) -> VisitView:
    """Send a visit to another of its pages (an endpoint of this blueprint)."""
    return lambda visit: see_other(url_for(endpoint, token=visit.token))


def answering(*, when_submitted: VisitView) -> Callable[[VisitView], TokenView]:
    """Open the token's visit for a page that leads to answering or submitting.

    A submitted response gets ``when_submitted``; a round that takes no answers now gets
    the closed page (409 to a POST, which it refuses); otherwise the view runs on the visit.
    """

    def decorate(view: VisitView) -> TokenView:
        @wraps(view)
        def open_visit(token: str) -> ResponseReturnValue:
            visit = load_visit(token)
            if visit.submitted:
                return when_submitted(visit)
            if not visit.accepts_answers:
                return closed_page(visit, 409 if request.method == "POST" else 200)
            return view(visit)

        return open_visit

    return decorate
