"""The facilitator blueprint, its access gate and the helpers every page uses.

Access is closed by default: a view without an ``@allow(...)`` declaration answers 403 to
everyone. ``allow`` says which roles may open a page at all; the object a page shows is then
checked with the rules in ``surveyapp.access`` (not yours: 404, as if it did not exist).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import TracebackType
from typing import TypeVar

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm

from surveyapp import access
from surveyapp.db import db
from surveyapp.forms import show_error
from surveyapp.models import Invitation, Role, SurveyRound, Team
from surveyapp.operations.errors import OperationError
from surveyapp.questionnaire import QuestionnaireRegistry

bp = Blueprint("facilitator", __name__, url_prefix="/f")

STAFF = (Role.ADMIN, Role.FACILITATOR)
ADMIN = (Role.ADMIN,)
ANY_ACCOUNT = (Role.ADMIN, Role.FACILITATOR, Role.CONTACT)

View = TypeVar("View", bound=Callable[..., object])
#: An access rule of ``surveyapp.access`` about a team: (user, team) -> allowed?
TeamRule = Callable[[object, Team], bool]


def allow(*roles: Role) -> Callable[[View], View]:
    """Declare the roles that may open a view (checked before the view runs)."""

    def decorate(view: View) -> View:
        view.allowed_roles = frozenset(roles)
        return view

    return decorate


@bp.before_request
def _gate() -> Response | None:
    if not current_user.is_authenticated:
        flash(_("Bitte melden Sie sich an."), "info")
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    view = current_app.view_functions.get(request.endpoint or "")
    roles = getattr(view, "allowed_roles", None)
    if not roles or current_user.role not in roles:
        abort(403)
    return None


@bp.after_request
def _no_store(response: Response) -> Response:
    """Pages with names and counts are not kept in any cache."""
    response.headers["Cache-Control"] = "no-store"
    return response


def registry() -> QuestionnaireRegistry:
    return current_app.extensions["questionnaires"]


def stated_minutes(survey_round: SurveyRound) -> int | None:
    """The duration the round's questionnaire states to participants; None if not loaded."""
    try:
        questionnaire = registry().get(
            survey_round.questionnaire_id, survey_round.questionnaire_version
        )
    except KeyError:
        return None
    return questionnaire.estimated_minutes


def round_or_404(round_id: int) -> SurveyRound:
    """The round, if the current user runs it (or is an admin); else 404."""
    survey_round = db.session.get(SurveyRound, round_id)
    if survey_round is None or not access.can_view_round(current_user, survey_round):
        abort(404)
    return survey_round


def team_or_404(team_id: int, rule: TeamRule = access.can_manage_team) -> Team:
    """The team, if the access ``rule`` lets the current user at it (by default: runs its
    round, or is an admin); else 404."""
    team = db.session.get(Team, team_id)
    if team is None or not rule(current_user, team):
        abort(404)
    return team


def invitation_or_404(invitation_id: int, rule: TeamRule = access.can_manage_team) -> Invitation:
    """The invitation, if the access ``rule`` lets the current user at its team; else 404."""
    invitation = db.session.get(Invitation, invitation_id)
    if invitation is None or not rule(current_user, invitation.team):
        abort(404)
    return invitation


def team_page_url(team: Team) -> str:
    """The team's page for the current user: the facilitator's, or the contact's own."""
    if access.can_manage_team(current_user, team):
        return url_for("facilitator.team_detail", team_id=team.id)
    return url_for("facilitator.contact_team", team_id=team.id)


def download(data: bytes, filename: str, mimetype: str) -> Response:
    """A file download that no cache keeps."""
    response = Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class saving:
    """Run a view's one operation: commit if it succeeds; if it refuses, roll back and show
    its message at the form field it names (or, without a form, as a flash message).

    A refusal is swallowed, so the view goes on after the ``with`` block and renders the
    form again; ``refused`` tells it that this happened. Any other error rolls back and
    propagates.
    """

    def __init__(self, form: FlaskForm | None = None, fields: Mapping[str, str] | None = None):
        self.form = form
        self.fields = fields
        self.refused = False

    def __enter__(self) -> saving:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> bool:
        if error is None:
            db.session.commit()
            return False
        db.session.rollback()
        if not isinstance(error, OperationError):
            return False
        self.refused = True
        if self.form is None:
            flash(error.message, "error")
        else:
            show_error(self.form, error, self.fields)
        return True
