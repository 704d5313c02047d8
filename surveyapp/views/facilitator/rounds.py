"""Rounds: the list, creating and editing, opening and closing, the progress page."""

from __future__ import annotations

from flask import Response, current_app, flash, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from surveyapp import access
from surveyapp.db import db
from surveyapp.forms import ActionForm, local_to_utc, utc_to_local
from surveyapp.forms.rounds import FacilitatorForm, RoundForm
from surveyapp.models import Role, SurveyRound
from surveyapp.operations import rounds as round_ops
from surveyapp.operations.errors import OperationError
from surveyapp.operations.progress import progress_by_round, round_progress
from surveyapp.questionnaire import UnknownQuestionnaire, parse_ref
from surveyapp.views.facilitator.base import (
    ANY_ACCOUNT,
    STAFF,
    allow,
    bp,
    registry,
    round_or_404,
    saving,
)


@bp.get("/")
@allow(*ANY_ACCOUNT)
def index() -> str | Response:
    """The rounds the user runs, with status and counts; contacts go to their teams."""
    if current_user.role is Role.CONTACT:
        return redirect(url_for("facilitator.my_teams"))
    rounds = list(db.session.scalars(access.visible_rounds_query(current_user)))
    progress = progress_by_round(db.session, [r.id for r in rounds])
    return render_template("facilitator/rounds.html", rounds=rounds, progress=progress)


def _round_form(survey_round: SurveyRound | None = None) -> RoundForm:
    form = RoundForm()
    form.questionnaire.choices = registry().choices(str(get_locale() or "de"))
    if survey_round is not None and not form.is_submitted():
        form.name.data = survey_round.name
        form.workshop_date.data = survey_round.workshop_date
        form.questionnaire.data = (
            f"{survey_round.questionnaire_id}@{survey_round.questionnaire_version}"
        )
        form.min_group_size.data = survey_round.min_group_size
        form.opens_at.data = utc_to_local(survey_round.opens_at)
        form.closes_at.data = utc_to_local(survey_round.closes_at)
    elif not form.is_submitted():
        form.min_group_size.data = int(current_app.config["SURVEYAPP_DEFAULT_K"])
        if form.questionnaire.choices:
            form.questionnaire.data = form.questionnaire.choices[-1][0]
    return form


def _settings(form: RoundForm) -> dict[str, object]:
    """The form's values as the operation wants them; an unknown reference raises."""
    try:
        questionnaire_id, version = parse_ref(form.questionnaire.data or "")
    except UnknownQuestionnaire:
        raise OperationError(
            _("Bitte wählen Sie einen vorhandenen Fragebogen."), field="questionnaire"
        ) from None
    return {
        "name": form.name.data or "",
        "questionnaire_id": questionnaire_id,
        "questionnaire_version": version,
        "workshop_date": form.workshop_date.data,
        "min_group_size": form.min_group_size.data,
        "opens_at": local_to_utc(form.opens_at.data),
        "closes_at": local_to_utc(form.closes_at.data),
    }


@bp.route("/rounds/new", methods=["GET", "POST"])
@allow(*STAFF)
def new_round() -> str | Response:
    """Create a round in draft; whoever creates it runs it."""
    form = _round_form()
    if form.validate_on_submit():
        with saving(form):
            survey_round = round_ops.create_round(
                db.session,
                registry(),
                facilitators=[current_user],
                **_settings(form),
                actor=current_user,
            )
            flash(_("Die Runde wurde angelegt. Fügen Sie nun die Teams hinzu."), "success")
            return redirect(url_for("facilitator.round_detail", round_id=survey_round.id))
    return render_template("facilitator/round_form.html", form=form, survey_round=None)


def render_round(
    survey_round: SurveyRound, *, facilitator_form: FacilitatorForm | None = None, status: int = 200
) -> tuple[str, int]:
    """The round page, with a form that failed shown with its errors."""
    try:
        questionnaire = registry().get(
            survey_round.questionnaire_id, survey_round.questionnaire_version
        )
        questionnaire_title = questionnaire.title.get(str(get_locale()))
        questionnaire_loaded = True
    except KeyError:  # the file was removed; the id still says which one it was
        questionnaire_title = survey_round.questionnaire_id
        questionnaire_loaded = False
    return render_template(
        "facilitator/round.html",
        survey_round=survey_round,
        questionnaire_title=questionnaire_title,
        questionnaire_loaded=questionnaire_loaded,
        progress=round_progress(db.session, survey_round),
        action_form=ActionForm(),
        facilitator_form=facilitator_form or FacilitatorForm(formdata=None),
    ), status


@bp.get("/rounds/<id:round_id>")
@allow(*STAFF)
def round_detail(round_id: int) -> tuple[str, int]:
    """One round: its settings, status buttons and every team's progress."""
    return render_round(round_or_404(round_id))


@bp.route("/rounds/<id:round_id>/edit", methods=["GET", "POST"])
@allow(*STAFF)
def edit_round(round_id: int) -> str | Response:
    """Change a round's settings (the questionnaire only until answers arrive)."""
    survey_round = round_or_404(round_id)
    form = _round_form(survey_round)
    answered = round_ops.has_responses(db.session, survey_round)
    if form.validate_on_submit():
        with saving(form):
            round_ops.update_round(
                db.session, registry(), survey_round, **_settings(form), actor=current_user
            )
            flash(_("Die Einstellungen wurden gespeichert."), "success")
            return redirect(url_for("facilitator.round_detail", round_id=survey_round.id))
    return render_template(
        "facilitator/round_form.html", form=form, survey_round=survey_round, answered=answered
    )


STATUS_ACTIONS = {
    "open": lambda r: round_ops.open_round(db.session, registry(), r, actor=current_user),
    "close": lambda r: round_ops.close_round(db.session, r, actor=current_user),
    "reopen": lambda r: round_ops.reopen_round(db.session, r, actor=current_user),
}
STATUS_MESSAGES = {
    "open": _l("Die Runde ist geöffnet; die Einladungslinks funktionieren jetzt."),
    "close": _l("Die Runde ist geschlossen; es werden keine Antworten mehr angenommen."),
    "reopen": _l("Die Runde ist wieder geöffnet."),
}


@bp.post("/rounds/<id:round_id>/status/<any(open, close, reopen):action>")
@allow(*STAFF)
def round_status(round_id: int, action: str) -> Response:
    """Open a draft, close an open round, or reopen a closed one."""
    survey_round = round_or_404(round_id)
    if ActionForm().validate_on_submit():
        with saving():
            STATUS_ACTIONS[action](survey_round)
            flash(str(STATUS_MESSAGES[action]), "success")
    return redirect(url_for("facilitator.round_detail", round_id=round_id))


@bp.post("/rounds/<id:round_id>/facilitators")
@allow(*STAFF)
def add_facilitator(round_id: int) -> Response | tuple[str, int]:
    """Let a colleague with a facilitator account run this round too."""
    survey_round = round_or_404(round_id)
    form = FacilitatorForm()
    if form.validate_on_submit():
        with saving(form):
            user = round_ops.add_facilitator_by_email(
                db.session, survey_round, form.email.data or "", actor=current_user
            )
            flash(_("%(email)s moderiert diese Runde mit.", email=user.email), "success")
            return redirect(url_for("facilitator.round_detail", round_id=round_id))
    return render_round(survey_round, facilitator_form=form, status=400)
