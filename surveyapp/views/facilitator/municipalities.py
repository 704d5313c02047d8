"""Municipalities: shared by every facilitator (a name, a federal state, city or district).

Every facilitator may read and add them; correcting one is for admins and for a facilitator
who runs every round that uses it (``access.can_edit_municipality``).
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import selectinload

from surveyapp import access
from surveyapp.db import db
from surveyapp.forms.teams import MunicipalityForm
from surveyapp.models import Municipality, SurveyRound, Team
from surveyapp.operations import municipalities as municipality_ops
from surveyapp.views.facilitator.base import STAFF, allow, bp, saving


@bp.get("/municipalities")
@allow(*STAFF)
def municipalities() -> str:
    """Every municipality, by name (no rounds, no teams: those belong to their facilitators)."""
    items = db.session.scalars(
        sa.select(Municipality)
        .order_by(Municipality.name)
        .options(
            selectinload(Municipality.teams)
            .selectinload(Team.round)
            .selectinload(SurveyRound.facilitators)
        )
    )
    return render_template(
        "facilitator/municipalities.html",
        municipalities=list(items),
        can_edit=lambda municipality: access.can_edit_municipality(current_user, municipality),
    )


def _fields(form: MunicipalityForm) -> dict[str, str]:
    return {
        "name": form.name.data or "",
        "state": form.state.data or "",
        "kind": form.kind.data or "city",
    }


@bp.route("/municipalities/new", methods=["GET", "POST"])
@allow(*STAFF)
def new_municipality() -> str | Response:
    """Add a municipality."""
    form = MunicipalityForm()
    if form.validate_on_submit():
        with saving(form):
            municipality = municipality_ops.create_municipality(
                db.session, **_fields(form), actor=current_user
            )
            flash(_("Die Kommune „%(name)s“ wurde angelegt.", name=municipality.name), "success")
            return redirect(url_for("facilitator.municipalities"))
    return render_template("facilitator/municipality_form.html", form=form, municipality=None)


@bp.route("/municipalities/<id:municipality_id>/edit", methods=["GET", "POST"])
@allow(*STAFF)
def edit_municipality(municipality_id: int) -> str | Response:
    """Correct a municipality's name, federal state or kind."""
    municipality = db.session.get(Municipality, municipality_id)
    if municipality is None:
        abort(404)
    if not access.can_edit_municipality(current_user, municipality):
        abort(403)  # used by a round someone else runs: ask them or an admin
    form = MunicipalityForm(obj=municipality)
    if not form.is_submitted():
        form.kind.data = municipality.kind.value
    if form.validate_on_submit():
        with saving(form):
            municipality_ops.update_municipality(
                db.session, municipality, **_fields(form), actor=current_user
            )
            flash(_("Die Angaben wurden gespeichert."), "success")
            return redirect(url_for("facilitator.municipalities"))
    return render_template(
        "facilitator/municipality_form.html", form=form, municipality=municipality
    )
