"""Invitation links: create N for a team, take them away as CSV or printout, revoke one.

Only the hashes of the tokens are stored, so a link can be shown only right after it was
created. The page that shows the new links carries them (as hidden fields) into the CSV
download and the printable page; the server checks that each one is an active link of
this team before it writes it out, and stores none of them.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Response, current_app, flash, redirect, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from surveyapp import access
from surveyapp.db import db
from surveyapp.forms import ActionForm
from surveyapp.forms.teams import InvitationsForm
from surveyapp.models import Invitation, Team
from surveyapp.operations import invitations as invitation_ops
from surveyapp.operations.spreadsheet import local_time, rows_to_csv
from surveyapp.qr import qr_svg
from surveyapp.views.facilitator.base import (
    ANY_ACCOUNT,
    STAFF,
    allow,
    bp,
    download,
    invitation_or_404,
    saving,
    stated_minutes,
    team_or_404,
    team_page_url,
)
from surveyapp.views.facilitator.contact import render_contact_team
from surveyapp.views.facilitator.teams import render_team

#: What a view answers: a page (with its status) or a redirect or download.
ResponseValue = str | tuple[str, int] | Response

CSV_HEADER = ("Nr.", "Team", "Kommune", "Link", "Angelegt am")


def _links(issued: list[invitation_ops.IssuedInvitation]) -> list[tuple[int, str, str]]:
    base = current_app.config["SURVEYAPP_BASE_URL"]
    return [
        (item.invitation.number, item.token, invitation_ops.invitation_url(base, item.token))
        for item in issued
    ]


def _create(team: Team, on_invalid: Callable[[InvitationsForm], ResponseValue]) -> ResponseValue:
    """Create new links and show them, once, with the ways to take them away."""
    form = InvitationsForm()
    if form.validate_on_submit():
        with saving(form):
            issued = invitation_ops.create_invitations(
                db.session, team, form.count.data or 0, actor=current_user
            )
            return render_template(
                "facilitator/invitations_created.html",
                team=team,
                team_url=team_page_url(team),
                links=_links(issued),
                action_form=ActionForm(),
                minutes=stated_minutes(team.round),
            )
    return on_invalid(form)


@bp.post("/teams/<id:team_id>/invitations")
@allow(*STAFF)
def create_invitations(team_id: int) -> ResponseValue:
    """Create new links (a facilitator); a refused count comes back on the team page."""
    team = team_or_404(team_id)
    return _create(team, lambda form: render_team(team, invitations_form=form, status=400))


@bp.post("/my/teams/<id:team_id>/invitations")
@allow(*ANY_ACCOUNT)
def contact_create_invitations(team_id: int) -> ResponseValue:
    """Create new links for the contact's own team, audited as the contact."""
    team = team_or_404(team_id, access.can_hand_out_links)
    return _create(team, lambda form: render_contact_team(team, invitations_form=form, status=400))


def _handed_out(team: Team, fmt: str) -> list[invitation_ops.IssuedInvitation] | None:
    """The links the page sent back, audited as handed out; None if refused (flashed)."""
    if not ActionForm().validate_on_submit():
        return None
    with saving():
        return invitation_ops.hand_out_issued(
            db.session, team, request.form.getlist("token"), fmt=fmt, actor=current_user
        )
    return None


@bp.post("/teams/<id:team_id>/invitations/download.csv")
@allow(*ANY_ACCOUNT)
def download_invitations(team_id: int) -> Response:
    """The links just created, as CSV (number, team, municipality, link, created)."""
    team = team_or_404(team_id, access.can_hand_out_links)
    issued = _handed_out(team, "csv")
    if issued is None:
        return redirect(team_page_url(team))
    rows = [
        (
            number,
            team.display_name,
            team.municipality.name,
            link,
            local_time(item.invitation.created_at),
        )
        for (number, _token, link), item in zip(_links(issued), issued, strict=True)
    ]
    return download(rows_to_csv(CSV_HEADER, rows), f"einladungen-team-{team.id}.csv", "text/csv")


@bp.post("/teams/<id:team_id>/invitations/print")
@allow(*ANY_ACCOUNT)
def print_invitations(team_id: int) -> str | Response:
    """The links just created, one card each, to print and hand out."""
    team = team_or_404(team_id, access.can_hand_out_links)
    issued = _handed_out(team, "print")
    if issued is None:
        return redirect(team_page_url(team))
    return render_template(
        "facilitator/invitations_print.html", team=team, links=_links(issued), qr_svg=qr_svg
    )


def _revoke(invitation: Invitation) -> str | Response:
    """Make one link stop working (answers already given through it stay), once confirmed."""
    team_url = team_page_url(invitation.team)
    if request.method == "GET":
        return render_template(
            "facilitator/revoke_invitation.html", invitation=invitation, team_url=team_url
        )
    if ActionForm().validate_on_submit():
        invitation_ops.revoke_invitation(db.session, invitation, actor=current_user)
        db.session.commit()
        flash(_("Link Nr. %(number)d wurde widerrufen.", number=invitation.number), "success")
    return redirect(team_url)


@bp.route("/invitations/<id:invitation_id>/revoke", methods=["GET", "POST"])
@allow(*STAFF)
def revoke_invitation(invitation_id: int) -> str | Response:
    """Revoke a link of a round the facilitator runs."""
    return _revoke(invitation_or_404(invitation_id))


@bp.route("/my/invitations/<id:invitation_id>/revoke", methods=["GET", "POST"])
@allow(*ANY_ACCOUNT)
def contact_revoke_invitation(invitation_id: int) -> str | Response:
    """Revoke a link of the contact's own team, audited as the contact."""
    return _revoke(invitation_or_404(invitation_id, access.can_hand_out_links))
