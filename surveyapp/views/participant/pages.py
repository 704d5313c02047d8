"""One page per section: show it, save it, and go on, back, or stay."""

from __future__ import annotations

from dataclasses import dataclass

from flask import (
    current_app,
    flash,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from werkzeug.exceptions import MethodNotAllowed

from surveyapp.db import db
from surveyapp.operations.errors import OperationError
from surveyapp.operations.responses import (
    answers_of,
    get_or_start_response,
    save_answers,
)
from surveyapp.participant import form as pf
from surveyapp.participant.form import FieldError, FormState, item_state, parse_section
from surveyapp.participant.merge import (
    BASE_FIELD,
    base_after,
    base_of,
    decode_base,
    empty_unconfirmed,
    encode_base,
    merge_page,
    passed_empty,
)
from surveyapp.participant.progress import (
    neighbours,
    step_of,
)
from surveyapp.questionnaire import (
    IMPORTANCE_QUESTION,
    PERFORMANCE_QUESTION,
    Section,
)
from surveyapp.views.outage import (
    OUTAGE_ERRORS,
    database_unavailable,
    forget_failed_request,
    retry_later,
)
from surveyapp.views.participant.base import (
    ACTIONS,
    POST_ONLY,
    SUMMARY_LABEL_CHARS,
    Visit,
    bp,
    closed_page,
    csrf_ok,
    current_locale,
    form_lists,
    load_visit,
    render,
    see_other,
)
from surveyapp.views.participant.messages import error_message

#: Hidden field naming the page's questionnaire version: the page can come back filled in
#: while the database (which knows the token's questionnaire) is unreachable.
QUESTIONNAIRE_FIELD = "_q"
#: Posted as "1" when the participant goes on from a page left empty after being asked.
CONFIRM_EMPTY_FIELD = "confirm_empty"


@dataclass(frozen=True)
class ShownError:
    """An error as the page shows it: the field it links to and the translated sentence."""

    field_id: str
    message: str


def _shown(
    section: Section, errors: dict[str, list[FieldError]], locale: str
) -> dict[str, list[ShownError]]:
    """Translate the form's error codes, item by item."""
    return {
        item.key: [
            ShownError(error.field_id, error_message(error, item, locale))
            for error in errors[item.key]
        ]
        for item in section.items
        if item.key in errors
    }


def _summary(section: Section, errors: dict[str, list[ShownError]], locale: str) -> list:
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
    confirm_empty: bool = False,
    status: int = 200,
) -> ResponseReturnValue:
    locale = current_locale()
    shown = _shown(section, errors or {}, locale)
    before, _after = neighbours(visit.questionnaire, section.key)
    return render(
        "participant/section.html",
        visit,
        status,
        section=section,
        step=step_of(visit.questionnaire, section.key),
        steps=len(visit.questionnaire.sections),
        has_previous=before is not None,
        state=state,
        base=base,
        errors=shown,
        summary=_summary(section, shown, locale),
        notice=notice,
        confirm_empty=confirm_empty,
        confirm_empty_field=CONFIRM_EMPTY_FIELD,
        pf=pf,
        base_field=BASE_FIELD,
        questionnaire_field=QUESTIONNAIRE_FIELD,
        ip_questions={"importance": IMPORTANCE_QUESTION, "performance": PERFORMANCE_QUESTION},
    )


@bp.route("/<token>/<section_key>", methods=["GET", "POST"])
def section(token: str, section_key: str) -> ResponseReturnValue:
    """Show a section's page, or save it and move on, back, or stay."""
    if request.method == "GET" and section_key in POST_ONLY:
        # /s/<token>/submit and /start exist, for POST only; say so rather than "not found".
        raise MethodNotAllowed(valid_methods=["POST"])
    visit = load_visit(token)
    page_section = visit.section(section_key)
    if visit.submitted:
        return see_other(url_for(".welcome", token=token))
    if request.method == "GET":
        if not visit.accepts_answers:
            return closed_page(visit)
        stored = visit.answers()
        return _render_section(
            visit,
            page_section,
            state=pf.form_state(page_section, stored, current_locale()),
            base=encode_base(base_of(page_section, stored)),
        )
    return _save_section(visit, page_section)


def _save_section(visit: Visit, section: Section) -> ResponseReturnValue:
    locale = current_locale()
    page = parse_section(section, form_lists(), request.unreadable_fields)
    posted_base = request.form.get(BASE_FIELD)
    if not visit.accepts_answers:
        notice = _(
            "Die Befragung ist geschlossen; diese Seite konnte nicht mehr gespeichert werden. "
            "Ihre zuvor gespeicherten Antworten bleiben erhalten."
        )
        return _render_section(
            visit, section, state=page.state, base=posted_base or "", notice=notice, status=409
        )
    if not csrf_ok():
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
    stored = answers_of(db.session, response)
    changes = merge_page(section, page, base, stored)
    unconfirmed = empty_unconfirmed(
        section,
        page,
        changes,
        confirmed=request.form.get(CONFIRM_EMPTY_FIELD) == "1",
        passed_empty_before=passed_empty(section, response.completed_sections or [], stored),
    )
    if action == "next" and unconfirmed:
        db.session.commit()  # the response, if this post started it; nothing of the page
        return _render_section(
            visit, section, state=page.state, base=posted_base or "", confirm_empty=True
        )
    complete = not page.errors and not changes.missing and not unconfirmed
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
        return see_other(url_for(".welcome", token=visit.token))
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
    return see_other(_after_save_url(visit, section, action))


def _shown_back_during_outage(error: Exception) -> ResponseReturnValue:
    """The database is gone: a posted page comes back filled in, to send again later.

    The questionnaire comes from the page itself (``_q``), since the token cannot be looked
    up; the page shows only what this client just sent.
    """
    args = request.view_args or {}
    if request.endpoint != "participant.section" or request.method != "POST":
        return database_unavailable(error)
    try:
        questionnaire = current_app.extensions["questionnaires"].by_ref(
            request.form.get(QUESTIONNAIRE_FIELD, "")
        )
        section = questionnaire.section(args.get("section_key", ""))
    except (KeyError, ValueError):
        return database_unavailable(error)
    forget_failed_request(error)
    page = parse_section(section, form_lists(), request.unreadable_fields)
    visit = Visit(args.get("token", ""), None, None, questionnaire, None)
    notice = _(
        "Ihre Eingaben auf dieser Seite konnten gerade nicht gespeichert werden, weil die "
        "Anwendung nicht erreichbar ist. Sie stehen unten noch im Formular: bitte senden Sie "
        "sie in einer Minute noch einmal."
    )
    page_html, status = _render_section(
        visit,
        section,
        state=page.state,
        base=request.form.get(BASE_FIELD) or "",
        notice=notice,
        status=503,
    )
    return page_html, status, retry_later()


for _outage in OUTAGE_ERRORS:
    bp.register_error_handler(_outage, _shown_back_during_outage)


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
