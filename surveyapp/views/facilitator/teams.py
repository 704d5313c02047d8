"""Teams: adding a municipality's team to a round, its page, its contact persons."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Response, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from surveyapp.db import db
from surveyapp.forms import ActionForm
from surveyapp.forms.teams import (
    NEW_MUNICIPALITY,
    ContactForm,
    InvitationsForm,
    PlannedSizeForm,
    TeamForm,
)
from surveyapp.models import Municipality, Team, User
from surveyapp.operations import teams as team_ops
from surveyapp.operations.invitations import invitation_rows
from surveyapp.operations.progress import progress_by_team
from surveyapp.views.facilitator.base import (
    STAFF,
    allow,
    bp,
    round_or_404,
    saving,
    stated_minutes,
    team_or_404,
)

#: Where the operations' field names land in the team form.
TEAM_FIELDS = {"name": "new_name", "state": "new_state", "kind": "new_kind"}


def _team_form(round_id: int) -> TeamForm:
    form = TeamForm()
    taken = sa.select(Team.municipality_id).where(Team.round_id == round_id)
    available = db.session.scalars(
        sa.select(Municipality).where(Municipality.id.not_in(taken)).order_by(Municipality.name)
    )
    form.municipality.choices = [("", _("– bitte wählen –"))]
    form.municipality.choices += [(str(m.id), m.name) for m in available]
    form.municipality.choices += [(NEW_MUNICIPALITY, _("Neue Kommune anlegen …"))]
    return form


@bp.route("/rounds/<id:round_id>/teams/new", methods=["GET", "POST"])
@allow(*STAFF)
def new_team(round_id: int) -> str | Response:
    """Add a municipality's team to a round, creating the municipality if it is new."""
    survey_round = round_or_404(round_id)
    form = _team_form(round_id)
    if form.validate_on_submit():
        with saving(form, TEAM_FIELDS):  # nothing half-saved: no municipality without its team
            if form.municipality.data == NEW_MUNICIPALITY:
                team = team_ops.add_team_of_new_municipality(
                    db.session,
                    survey_round,
                    municipality_name=form.new_name.data or "",
                    state=form.new_state.data or "",
                    kind=form.new_kind.data or "city",
                    name=form.name.data or "",
                    planned_size=form.planned_size.data,
                    actor=current_user,
                )
            else:
                municipality = db.session.get(Municipality, int(form.municipality.data))
                team = team_ops.add_team(
                    db.session,
                    survey_round,
                    municipality,
                    name=form.name.data or "",
                    planned_size=form.planned_size.data,
                    actor=current_user,
                )
            flash(_("Das Team „%(name)s“ wurde angelegt.", name=team.display_name), "success")
            return redirect(url_for("facilitator.team_detail", team_id=team.id))
    return render_template("facilitator/team_form.html", form=form, survey_round=survey_round)


def render_team(
    team: Team,
    *,
    contact_form: ContactForm | None = None,
    invitations_form: InvitationsForm | None = None,
    planned_form: PlannedSizeForm | None = None,
    status: int = 200,
) -> tuple[str, int]:
    """The team page, with a form that failed shown with its errors."""
    rows = invitation_rows(db.session, [team.id])
    return render_template(
        "facilitator/team.html",
        team=team,
        progress=progress_by_team(db.session, [team.id])[team.id],
        invitations=[row.invitation for row in rows],
        statuses={row.invitation.id: row.response_status for row in rows},
        contact_form=contact_form or ContactForm(formdata=None),
        planned_form=planned_form or PlannedSizeForm(formdata=None, planned_size=team.planned_size),
        invitations_form=invitations_form or InvitationsForm(formdata=None),
        action_form=ActionForm(),
        minutes=stated_minutes(team.round),
    ), status


@bp.get("/teams/<id:team_id>")
@allow(*STAFF)
def team_detail(team_id: int) -> tuple[str, int]:
    """A team: its progress, its invitation links and its contact persons."""
    return render_team(team_or_404(team_id))


@bp.post("/teams/<id:team_id>/planned-size")
@allow(*STAFF)
def set_planned_size(team_id: int) -> Response | tuple[str, int]:
    """Set the planned team size, the base of the response rate."""
    team = team_or_404(team_id)
    form = PlannedSizeForm()
    if form.validate_on_submit():
        with saving(form):
            team_ops.set_planned_size(db.session, team, form.planned_size.data, actor=current_user)
            flash(_("Die geplante Teamgröße ist gespeichert."), "success")
            return redirect(url_for("facilitator.team_detail", team_id=team.id))
    return render_team(team, planned_form=form, status=400)


@bp.post("/teams/<id:team_id>/contacts")
@allow(*STAFF)
def add_contact(team_id: int) -> Response | tuple[str, int]:
    """Add a contact person: an existing contact account, or a new one with a first password."""
    team = team_or_404(team_id)
    form = ContactForm()
    if form.validate_on_submit():
        with saving(form):
            user = team_ops.add_contact_by_email(
                db.session,
                team,
                email=form.email.data or "",
                name=form.name.data or "",
                password=form.password.data or "",
                actor=current_user,
            )
            flash(_("%(email)s ist Kontaktperson des Teams.", email=user.email), "success")
            return redirect(url_for("facilitator.team_detail", team_id=team.id))
    return render_team(team, contact_form=form, status=400)


@bp.post("/teams/<id:team_id>/contacts/<id:user_id>/remove")
@allow(*STAFF)
def remove_contact(team_id: int, user_id: int) -> Response:
    """Take a contact person off the team; the account itself stays."""
    team = team_or_404(team_id)
    user = db.session.get(User, user_id)
    if ActionForm().validate_on_submit() and user is not None:
        if team_ops.remove_contact(db.session, team, user, actor=current_user):
            db.session.commit()
            flash(_("%(email)s ist keine Kontaktperson mehr.", email=user.email), "success")
    return redirect(url_for("facilitator.team_detail", team_id=team.id))
