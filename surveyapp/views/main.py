"""The start page, the health check and the error pages."""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from flask import Blueprint, Flask, current_app, render_template
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from surveyapp.db import db
from surveyapp.questionnaire import QuestionnaireChanged
from surveyapp.request import UnreadableInput
from surveyapp.views import organiser

bp = Blueprint("main", __name__)


@bp.get("/")
def index() -> str:
    """Say what this site is; participants arrive through their own link instead."""
    return render_template("index.html")


@bp.get("/datenschutz")
def privacy() -> str:
    """The data-protection notice (Art. 13 GDPR), readable without a link or an account."""
    return render_template(
        "privacy/page.html",
        org=organiser(),
        retention_days=current_app.config["SURVEYAPP_RETENTION_DAYS"],
        k=current_app.config["SURVEYAPP_DEFAULT_K"],
        survey_round=None,
    )


@bp.get("/healthz")
def healthz() -> tuple[dict[str, str], int]:
    """Answer 200 when the database answers, else 503 with Retry-After (see views/outage)."""
    db.session.execute(sa.text("SELECT 1"))
    return {"status": "ok"}, 200


#: Errors of a request's input with a page of their own: what the page says (status 400).
INPUT_ERRORS: dict[type[Exception], LazyString] = {
    CSRFError: _l(
        "Das Formular ist abgelaufen oder wurde nicht von dieser Seite gesendet. "
        "Bitte laden Sie die Seite neu und senden Sie es noch einmal."
    ),
    UnreadableInput: _l(
        "Die gesendeten Angaben enthalten Zeichen, die nicht gelesen werden konnten "
        "(keine gültige UTF-8-Kodierung). Bitte geben Sie sie noch einmal ein."
    ),
}


def error_page(code: int, message: str | LazyString) -> tuple[str, int]:
    return render_template("errors/error.html", code=code, message=message), code


def _input_error_page(message: LazyString) -> Callable[[Exception], tuple[str, int]]:
    return lambda _error: error_page(400, message)


def register_error_handlers(app: Flask) -> None:
    """Render errors as calm pages in the participant's language, revealing nothing."""
    for error_class, message in INPUT_ERRORS.items():
        app.register_error_handler(error_class, _input_error_page(message))

    @app.errorhandler(QuestionnaireChanged)
    def questionnaire_changed(error: QuestionnaireChanged) -> tuple[str, int]:
        # The operator must restore the file; participants get a calm page, no details.
        app.logger.error("refusing a changed questionnaire: %s", error)
        message = _(
            "Der Fragebogen dieser Befragung wird gerade überarbeitet. "
            "Ihre Antworten sind gespeichert; bitte versuchen Sie es später noch einmal."
        )
        return error_page(503, message)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[str, int, list[tuple[str, str]]]:
        code = error.code or 500
        messages = {
            403: _("Sie haben keinen Zugriff auf diese Seite."),
            404: _("Diese Seite gibt es nicht. Bitte prüfen Sie den Link."),
            405: _("Diese Aktion ist hier nicht möglich."),
            413: _("Die gesendeten Daten sind zu groß."),
            429: _(
                "Zu viele Versuche in kurzer Zeit. Bitte warten Sie einen Moment "
                "und versuchen Sie es dann noch einmal."
            ),
        }
        message = messages.get(code, _("Es ist ein Fehler aufgetreten."))
        # keep what the error tells the client beyond the page (Allow, Retry-After, …)
        headers = [(k, v) for k, v in error.get_headers() if k.lower() != "content-type"]
        return render_template("errors/error.html", code=code, message=message), code, headers
