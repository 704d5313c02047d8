"""The participant's front door: the invitation link, one page per section, review, submit.

The token in the URL authenticates the participant and reaches that invitation's response
only. Unknown and revoked tokens get the site's ordinary 404 page, and a client collecting
too many of them is rate-limited. Every page step saves; nothing typed is ever dropped: a
page that cannot be saved (a validation error, a stale form, a closed round) comes back
with everything the participant entered.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_wtf.csrf import validate_csrf
from werkzeug.wrappers import Response as HTTPResponse
from wtforms import ValidationError

from surveyapp.db import db, utcnow
from surveyapp.extensions import csrf, limiter
from surveyapp.models import Invitation, Response, RoundStatus, SurveyRound
from surveyapp.operations.errors import OperationError
from surveyapp.operations.invitations import find_invitation
from surveyapp.operations.questionnaires import questionnaire_for_round
from surveyapp.operations.responses import (
    answers_of,
    get_or_start_response,
    save_answers,
    submit_response,
)
from surveyapp.participant import form as pf
from surveyapp.participant.form import FieldError, FormState, item_state, parse_section
from surveyapp.participant.merge import (
    BASE_FIELD,
    base_after,
    base_of,
    decode_base,
    encode_base,
    merge_page,
)
from surveyapp.participant.progress import (
    describe_answer,
    missing_required,
    neighbours,
    resume_section,
    step_of,
)
from surveyapp.questionnaire import (
    IMPORTANCE_QUESTION,
    PERFORMANCE_QUESTION,
    Questionnaire,
    Section,
)

#: Wrong tokens a client may try per minute; only failed look-ups (404) count.
TOKEN_FAILURE_LIMIT = "30/minute"
ACTIONS = ("next", "back", "save")
SUMMARY_LABEL_CHARS = 90

bp = Blueprint("participant", __name__, url_prefix="/s")
# The token must be checked (and failures counted) before the form's CSRF token, and a
# stale form must come back filled in rather than as an error page: so the views check
# CSRF themselves (see _csrf_ok), on every POST, instead of the global before_request hook.
csrf.exempt(bp)
limiter.shared_limit(
    TOKEN_FAILURE_LIMIT,
    scope="participant-token-failures",
    deduct_when=lambda response: response.status_code == 404,
)(bp)


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


def _visit(token: str) -> Visit:
    invitation = find_invitation(db.session, token)
    if invitation is None:
        abort(404)
    survey_round = invitation.team.round
    questionnaire = questionnaire_for_round(
        db.session, current_app.extensions["questionnaires"], survey_round
    )
    return Visit(token, invitation, survey_round, questionnaire, invitation.response)


def _locale() -> str:
    return str(get_locale() or "de")


def _csrf_ok() -> bool:
    """Check the form's CSRF token (the link authenticates; this stops cross-site posts)."""
    if not current_app.config.get("WTF_CSRF_ENABLED", True):
        return True
    try:
        validate_csrf(request.form.get("csrf_token"))
    except ValidationError:
        return False
    return True


def _form_lists() -> dict[str, list[str]]:
    return {name: request.form.getlist(name) for name in request.form}


def _resume_url(visit: Visit) -> str:
    completed = visit.response.completed_sections if visit.response is not None else []
    key = resume_section(visit.questionnaire, completed)
    if key is None:
        return url_for(".review", token=visit.token)
    return url_for(".section", token=visit.token, section_key=key)


def _see_other(url: str) -> HTTPResponse:
    return redirect(url, code=303)


def _render(template: str, visit: Visit, status: int = 200, **context: Any) -> ResponseReturnValue:
    return render_template(
        template, visit=visit, questionnaire=visit.questionnaire, locale=_locale(), **context
    ), status


def _closed(visit: Visit, status: int = 200) -> ResponseReturnValue:
    """Say that the round does not take answers now; saved answers stay saved."""
    survey_round = visit.survey_round
    not_yet = survey_round.status is RoundStatus.DRAFT or (
        survey_round.opens_at is not None and utcnow() < survey_round.opens_at
    )
    return _render("participant/closed.html", visit, status, not_yet=not_yet)


# --- welcome, information, start ------------------------------------------------------------


@bp.get("/<token>")
def welcome(token: str) -> ResponseReturnValue:
    """The link itself: welcome and start, or resume where the participant left off."""
    visit = _visit(token)
    if visit.submitted:
        return _render("participant/submitted.html", visit)
    if not visit.accepts_answers:
        return _closed(visit)
    if visit.response is not None:
        flash(_("Willkommen zurück! Ihre bisherigen Antworten sind gespeichert."), "success")
        return _see_other(_resume_url(visit))
    return _render("participant/welcome.html", visit)


@bp.get("/<token>/info")
def info(token: str) -> ResponseReturnValue:
    """The welcome page's information, reachable from every page (what happens with data)."""
    visit = _visit(token)
    return _render("participant/welcome.html", visit, resume_url=_resume_url(visit))


@bp.post("/<token>/start")
def start(token: str) -> ResponseReturnValue:
    """Create the draft response (a double click makes one) and go to the first page."""
    visit = _visit(token)
    if visit.submitted:
        return _see_other(url_for(".welcome", token=token))
    if not visit.accepts_answers:
        return _closed(visit, 409)
    if not _csrf_ok():
        flash(_("Bitte klicken Sie noch einmal auf „Los geht’s“."), "warning")
        return _render("participant/welcome.html", visit, 400)
    visit.response = get_or_start_response(db.session, visit.invitation, locale=_locale())
    db.session.commit()
    return _see_other(_resume_url(visit))


# --- one page per section -------------------------------------------------------------------


def _summary(section: Section, errors: dict[str, list[FieldError]], locale: str) -> list:
    """Return (field id, message) pairs for the error summary, in page order."""
    entries = []
    for item in section.items:
        for error in errors.get(item.key, []):
            label = item.label.get(locale)
            if len(label) > SUMMARY_LABEL_CHARS:
                label = label[:SUMMARY_LABEL_CHARS].rsplit(" ", 1)[0] + " …"
            entries.append((error.field_id, f"{label} – {error.message}"))
    return entries


def _render_section(
    visit: Visit,
    section: Section,
    *,
    state: FormState,
    base: str,
    errors: dict[str, list[FieldError]] | None = None,
    notice: str | None = None,
    status: int = 200,
) -> ResponseReturnValue:
    errors = errors or {}
    before, _after = neighbours(visit.questionnaire, section.key)
    return _render(
        "participant/section.html",
        visit,
        status,
        section=section,
        step=step_of(visit.questionnaire, section.key),
        steps=len(visit.questionnaire.sections),
        has_previous=before is not None,
        state=state,
        base=base,
        errors=errors,
        summary=_summary(section, errors, _locale()),
        notice=notice,
        pf=pf,
        base_field=BASE_FIELD,
        ip_questions={"importance": IMPORTANCE_QUESTION, "performance": PERFORMANCE_QUESTION},
    )


@bp.route("/<token>/<section_key>", methods=["GET", "POST"])
def section(token: str, section_key: str) -> ResponseReturnValue:
    """Show a section's page, or save it and move on, back, or stay."""
    visit = _visit(token)
    page_section = visit.section(section_key)
    if visit.submitted:
        return _see_other(url_for(".welcome", token=token))
    if request.method == "GET":
        if not visit.accepts_answers:
            return _closed(visit)
        stored = visit.answers()
        return _render_section(
            visit,
            page_section,
            state=pf.form_state(page_section, stored, _locale()),
            base=encode_base(base_of(page_section, stored)),
        )
    return _save_section(visit, page_section)


def _save_section(visit: Visit, section: Section) -> ResponseReturnValue:
    locale = _locale()
    page = parse_section(section, _form_lists(), locale)
    posted_base = request.form.get(BASE_FIELD)
    if not visit.accepts_answers:
        notice = _(
            "Die Befragung ist geschlossen; diese Seite konnte nicht mehr gespeichert werden. "
            "Ihre zuvor gespeicherten Antworten bleiben erhalten."
        )
        return _render_section(
            visit, section, state=page.state, base=posted_base or "", notice=notice, status=409
        )
    if not _csrf_ok():
        notice = _(
            "Ihre Eingaben sind noch nicht gespeichert, weil die Sitzung abgelaufen ist. "
            "Bitte prüfen Sie sie und klicken Sie noch einmal auf „Speichern und weiter“."
        )
        return _render_section(
            visit, section, state=page.state, base=posted_base or "", notice=notice, status=400
        )

    action = request.form.get("action", "next")
    action = action if action in ACTIONS else "next"
    response = visit.response or get_or_start_response(db.session, visit.invitation, locale=locale)
    base = decode_base(section, posted_base)
    changes = merge_page(section, page, base, answers_of(db.session, response))
    complete = not page.errors and not changes.missing
    try:
        save_answers(
            db.session,
            response,
            section.key,
            changes.write,
            cleared=changes.clear,
            complete=complete,
        )
    except OperationError:  # submitted in another tab a moment ago
        db.session.rollback()
        return _see_other(url_for(".welcome", token=visit.token))
    db.session.commit()
    visit.response = response

    errors = dict(page.errors)
    if action == "next":
        for error in changes.missing:
            errors.setdefault(error.item_key, []).append(error)
    if errors:
        state = dict(page.state)
        for key, value in changes.kept.items():
            state.update(item_state(visit.questionnaire.item(key), value, locale))
        return _render_section(
            visit,
            section,
            state=state,
            base=encode_base(base_after(section, base, changes, page)),
            errors=errors,
            status=422,
        )
    return _see_other(_after_save_url(visit, section, action))


def _after_save_url(visit: Visit, section: Section, action: str) -> str:
    before, after = neighbours(visit.questionnaire, section.key)
    if action == "save":
        flash(_("Ihre Antworten auf dieser Seite sind gespeichert."), "success")
        return url_for(".section", token=visit.token, section_key=section.key)
    if action == "back":
        if before is None:
            return url_for(".info", token=visit.token)
        return url_for(".section", token=visit.token, section_key=before)
    if after is None:
        return url_for(".review", token=visit.token)
    return url_for(".section", token=visit.token, section_key=after)


# --- review, submit, thank you --------------------------------------------------------------


def _render_review(visit: Visit, *, notice: str | None = None, status: int = 200):  # noqa: ANN202
    answers = visit.answers()
    locale = _locale()
    described = {
        key: describe_answer(visit.questionnaire.item(key), value, locale)
        for key, value in answers.items()
        if _known_item(visit.questionnaire, key)
    }
    missing_links = [
        (
            url_for(".section", token=visit.token, section_key=missing.section.key)
            + "#"
            + pf.anchor_id(missing.item),
            missing.item.label.get(locale),
        )
        for missing in missing_required(visit.questionnaire, answers)
    ]
    return _render(
        "participant/review.html",
        visit,
        status,
        described=described,
        missing_links=missing_links,
        show_errors=status == 422,
        notice=notice,
        steps=len(visit.questionnaire.sections),
    )


def _known_item(questionnaire: Questionnaire, key: str) -> bool:
    try:
        questionnaire.item(key)
    except KeyError:
        return False
    return True


@bp.get("/<token>/review")
def review(token: str) -> ResponseReturnValue:
    """All answers, a change link per section, and the submit button."""
    visit = _visit(token)
    if visit.submitted:
        return _see_other(url_for(".welcome", token=token))
    if not visit.accepts_answers:
        return _closed(visit)
    return _render_review(visit)


@bp.post("/<token>/submit")
def submit(token: str) -> ResponseReturnValue:
    """Submit once; a second click (or a second tab) lands on the thank-you page too."""
    visit = _visit(token)
    if visit.submitted:
        return _see_other(url_for(".done", token=token))
    if not visit.accepts_answers:
        return _closed(visit, 409)
    if not _csrf_ok():
        notice = _("Bitte klicken Sie noch einmal auf „Antworten abschicken“.")
        return _render_review(visit, notice=notice, status=400)
    if visit.response is None or missing_required(visit.questionnaire, visit.answers()):
        return _render_review(visit, status=422)
    submit_response(db.session, visit.response)
    db.session.commit()
    return _see_other(url_for(".done", token=token))


@bp.get("/<token>/done")
def done(token: str) -> ResponseReturnValue:
    """The thank-you page; shows no answers."""
    visit = _visit(token)
    if not visit.submitted:
        return _see_other(url_for(".welcome", token=token))
    return _render("participant/done.html", visit)
