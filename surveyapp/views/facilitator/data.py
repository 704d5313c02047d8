"""Data protection: export a round's data whole, delete its responses whole."""

from __future__ import annotations

from flask import Response, current_app, flash, redirect, render_template, url_for
from flask_babel import ngettext
from flask_login import current_user

from surveyapp.db import db
from surveyapp.forms import show_error
from surveyapp.forms.rounds import DeleteResponsesForm
from surveyapp.models import SurveyRound
from surveyapp.operations import audit
from surveyapp.operations.deletion import delete_round_responses
from surveyapp.operations.errors import OperationError
from surveyapp.operations.exports import export_csv, export_xlsx
from surveyapp.operations.progress import round_progress
from surveyapp.operations.result_exports import results_csv, results_xlsx
from surveyapp.questionnaire import Questionnaire
from surveyapp.views.facilitator.base import (
    STAFF,
    allow,
    bp,
    download,
    registry,
    round_or_404,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


EXPORTS = {
    "csv": ("daten.csv", "text/csv"),
    "wide.csv": ("daten-breit.csv", "text/csv"),
    "xlsx": ("daten.xlsx", XLSX),
}


def _questionnaire(survey_round: SurveyRound) -> Questionnaire | None:
    try:
        return registry().get(survey_round.questionnaire_id, survey_round.questionnaire_version)
    except KeyError:  # the file was removed: the answers are exported raw, without codebook
        return None


@bp.get("/rounds/<id:round_id>/export.<any(csv, xlsx, 'wide.csv'):fmt>")
@allow(*STAFF)
def export_round(round_id: int, fmt: str) -> Response:
    """Download every answer of the round (pseudonymous response ids, no names)."""
    survey_round = round_or_404(round_id)
    questionnaire = _questionnaire(survey_round)
    if fmt == "xlsx":
        data = export_xlsx(db.session, survey_round, questionnaire)
    else:
        data = export_csv(db.session, survey_round, questionnaire, wide=fmt == "wide.csv")
    audit.record(
        db.session, "round.export", user=current_user, target=survey_round.name, format=fmt
    )
    db.session.commit()
    suffix, mimetype = EXPORTS[fmt]
    return download(data, f"runde-{survey_round.id}-{suffix}", mimetype)


@bp.get("/rounds/<id:round_id>/results.<any(csv, xlsx):fmt>")
@allow(*STAFF)
def export_results(round_id: int, fmt: str) -> Response:
    """Download the aggregated results per team (withheld figures empty, with the reason)."""
    survey_round = round_or_404(round_id)
    registry = current_app.extensions["questionnaires"]
    if fmt == "csv":
        data, mimetype = results_csv(db.session, registry, survey_round), "text/csv"
    else:
        data, mimetype = results_xlsx(db.session, registry, survey_round), XLSX
    audit.record(
        db.session,
        "round.export",
        user=current_user,
        target=survey_round.name,
        format=f"results.{fmt}",
    )
    db.session.commit()
    return download(data, f"runde-{survey_round.id}-ergebnisse.{fmt}", mimetype)


@bp.route("/rounds/<id:round_id>/delete-responses", methods=["GET", "POST"])
@allow(*STAFF)
def delete_responses(round_id: int) -> str | Response | tuple[str, int]:
    """Delete every response of the round, after the round's name has been typed."""
    survey_round = round_or_404(round_id)
    form = DeleteResponsesForm()
    if form.validate_on_submit():
        try:
            deleted = delete_round_responses(
                db.session, survey_round, confirmation=form.confirm_name.data or ""
            )
        except OperationError as error:
            db.session.rollback()
            show_error(form, error)
        else:
            audit.record(
                db.session,
                "responses.delete",
                user=current_user,
                target=survey_round.name,
                responses=deleted.responses,
                answers=deleted.answers,
                revoked_links=deleted.revoked_links,
            )
            db.session.commit()
            flash(
                ngettext(
                    "Ein Antwortbogen wurde gelöscht; %(links)d offene Links wurden widerrufen.",
                    "%(num)d Antwortbögen wurden gelöscht; %(links)d offene Links wurden "
                    "widerrufen.",
                    deleted.responses,
                    links=deleted.revoked_links,
                ),
                "success",
            )
            return redirect(url_for("facilitator.round_detail", round_id=survey_round.id))
    status = 400 if form.errors else 200
    return render_template(
        "facilitator/delete_responses.html",
        form=form,
        survey_round=survey_round,
        progress=round_progress(db.session, survey_round).total,
    ), status
