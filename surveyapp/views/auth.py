"""Logging in and out (facilitators, admins and municipality contacts).

A login renews the session (nothing from before survives, a fresh CSRF token follows),
is rate-limited per address and per e-mail, and is written to the audit log, failed or not.
"""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from surveyapp import access
from surveyapp.db import db
from surveyapp.extensions import limiter
from surveyapp.forms import ActionForm
from surveyapp.forms.auth import LoginForm
from surveyapp.i18n import safe_next
from surveyapp.operations import audit
from surveyapp.operations import users as user_ops
from surveyapp.operations.errors import OperationError

bp = Blueprint("auth", __name__)

LOGIN_LIMIT_PER_ADDRESS = "10 per minute"
LOGIN_LIMIT_PER_EMAIL = "5 per minute; 20 per hour"


def _login_email() -> str:
    """Rate-limit key: the e-mail address tried, so one account cannot be guessed from many IPs."""
    return "login-email:" + (request.form.get("email") or "").strip().lower()[:254]


def _attempted_address(text: str) -> str:
    """The address tried, for the audit log, if it is one: a password typed into the wrong
    field must not end up in the log."""
    try:
        return user_ops.normalise_email(text)[:200]
    except OperationError:
        return ""


def _failed(response: Response) -> bool:
    """Only failed attempts count against an e-mail address (a success redirects)."""
    return response.status_code != 302


@bp.after_request
def _no_store(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(LOGIN_LIMIT_PER_ADDRESS, methods=["POST"])
@limiter.limit(LOGIN_LIMIT_PER_EMAIL, methods=["POST"], key_func=_login_email, deduct_when=_failed)
def login() -> str | Response:
    """Show the login form; on success renew the session and go where the user wanted."""
    if current_user.is_authenticated:
        return redirect(url_for(access.home_endpoint(current_user)))
    form = LoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        user = user_ops.authenticate(db.session, form.email.data or "", form.password.data or "")
        if user is None:
            audit.record(
                db.session,
                "login.failed",
                actor="anonymous",
                target=_attempted_address(form.email.data or ""),
                address=request.remote_addr or "",
            )
            db.session.commit()
            form.password.errors = [_("E-Mail-Adresse oder Passwort stimmen nicht.")]
        else:
            target = safe_next(form.next.data, url_for(access.home_endpoint(user)))
            session.clear()  # a new session: nothing set before the login survives it
            g.pop("csrf_token", None)
            login_user(user, remember=False)
            user_ops.record_login(db.session, user)
            audit.record(db.session, "login", user=user, target=user.email)
            db.session.commit()
            return redirect(target)
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
def logout() -> Response:
    """End every session of the account (a POST with CSRF token, so no other site can log
    anyone out); a copy of the cookie opens nothing afterwards."""
    form = ActionForm()
    if current_user.is_authenticated and form.validate_on_submit():
        audit.record(db.session, "logout", user=current_user, target=current_user.email)
        user_ops.end_sessions(db.session, current_user)  # in every browser, copies included
        db.session.commit()
        logout_user()
        session.clear()
        flash(_("Sie sind abgemeldet."), "success")
    return redirect(url_for("auth.login"))
