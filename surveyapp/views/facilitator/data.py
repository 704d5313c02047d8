"""Data protection: export a round's data whole, delete its responses whole."""

from __future__ import annotations

from flask import Response, flash, redirect, render_template, url_for
from flask_babel import ngettext
from flask_login import current_user

from surveyapp.db import db
from surveyapp.forms.rounds import DeleteResponsesForm
from surveyapp.operations import round_export
from surveyapp.operations.deletion import delete_round_responses
from surveyapp.operations.progress import round_progress
from surveyapp.operations.round_export import (
    ANSWER_FILES,
    MIMETYPES,
    AnswersFormat,
    ResultsFormat,
)
from surveyapp.views.facilitator.base import STAFF, allow, bp, download, registry, round_or_404


@bp.get("/rounds/<id:round_id>/export.<any(csv, xlsx, 'wide.csv'):fmt>")
@allow(*STAFF)
def export_round(round_id: int, fmt: AnswersFormat) -> Response:
    """Download every answer of the round (pseudonymous response ids, no names)."""
    survey_round = round_or_404(round_id)
    data = round_export.export_round(db.session, registry(), survey_round, fmt, actor=current_user)
    db.session.commit()
    suffix, mimetype = ANSWER_FILES[fmt]
    return download(data, f"runde-{survey_round.id}-{suffix}", mimetype)


@bp.get("/rounds/<id:round_id>/results.<any(csv, xlsx):fmt>")
@allow(*STAFF)
def export_results(round_id: int, fmt: ResultsFormat) -> Response:
    """Download the aggregated results per team (withheld figures empty, with the reason)."""
    survey_round = round_or_404(round_id)
    data = round_export.export_results(
        db.session, registry(), survey_round, fmt, actor=current_user
    )
    db.session.commit()
    return download(data, f"runde-{survey_round.id}-ergebnisse.{fmt}", MIMETYPES[fmt])


@bp.route("/rounds/<id:round_id>/delete-responses", methods=["GET", "POST"])
@allow(*STAFF)
def delete_responses(round_id: int) -> str | Response | tuple[str, int]:
    """Delete every response of the round, after the round's name has been typed."""
    survey_round = round_or_404(round_id)
    form = DeleteResponsesForm(round_name=survey_round.name)
    if form.validate_on_submit():
        deleted = delete_round_responses(db.session, survey_round, actor=current_user)
        db.session.commit()
        flash(
            ngettext(
                "Ein Antwortbogen wurde gelöscht; %(links)d offene Links wurden widerrufen.",
                "%(num)d Antwortbögen wurden gelöscht; %(links)d offene Links wurden widerrufen.",
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
