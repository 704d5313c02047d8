"""Logging in and out (facilitators, admins and municipality contacts).

A login renews the session (nothing from before survives, a fresh CSRF token follows) and
is written to the audit log, failed or not. Failures are limited per address (10 a minute)
and per e-mail address with a growing delay (``operations/login_throttle.py``); a browser
that logged in to the account before skips that delay, so an attacker's failures never
keep the owner out. A logout ends every session of the account.
"""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_user, logout_user
from itsdangerous import BadSignature, URLSafeSerializer

from surveyapp import access
from surveyapp.db import db
from surveyapp.extensions import limiter
from surveyapp.forms import ActionForm
from surveyapp.forms.auth import LoginForm
from surveyapp.i18n import safe_next
from surveyapp.models import User
from surveyapp.operations import login_throttle as throttle
from surveyapp.operations import users as user_ops

bp = Blueprint("auth", __name__)

#: Failed logins one address may make per minute (against any accounts).
LOGIN_LIMIT_PER_ADDRESS = "10 per minute"
#: A browser that logged in to an account is known to it for this long (skips its lock).
DEVICE_COOKIE = "known_device"
DEVICE_COOKIE_DAYS = 365


def _failed(response: Response) -> bool:
    """Only failed attempts count against an address (a success redirects)."""
    return response.status_code != 302


@bp.after_request
def _no_store(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(LOGIN_LIMIT_PER_ADDRESS, methods=["POST"], deduct_when=_failed)
def login() -> str | Response | tuple[str, int, dict[str, str]]:
    """Show the login form; on success renew the session and go where the user wanted."""
    if current_user.is_authenticated:
        return redirect(url_for(access.home_endpoint(current_user)))
    form = LoginForm(next=request.args.get("next", ""))
    if not form.validate_on_submit():
        return render_template("auth/login.html", form=form)
    email = form.email.data or ""
    known = user_ops.find_user(db.session, email)
    wait = 0 if _known_device(known) else throttle.seconds_locked(db.session, email)
    if wait:
        # No password is checked while the address is locked, right or wrong.
        form.password.errors = [_locked_message(wait)]
        return render_template("auth/login.html", form=form), 429, {"Retry-After": str(wait)}
    user = user_ops.log_in(
        db.session, email, form.password.data or "", address=request.remote_addr or ""
    )
    if user is None:
        wait = throttle.record_failure(db.session, email)
        db.session.commit()
        message = _("E-Mail-Adresse oder Passwort stimmen nicht.")
        form.password.errors = [message + " " + _locked_message(wait) if wait else message]
        return render_template("auth/login.html", form=form)
    target = safe_next(form.next.data, url_for(access.home_endpoint(user)))
    session.clear()  # a new session: nothing set before the login survives it
    g.pop("csrf_token", None)
    login_user(user, remember=False)
    throttle.clear(db.session, email)
    db.session.commit()
    response = redirect(target)
    _remember_device(response, user)
    return response


def _locked_message(seconds: int) -> str:
    return ngettext(
        "Zu viele Versuche mit falschem Passwort: die Anmeldung mit dieser Adresse ist für "
        "eine Sekunde gesperrt.",
        "Zu viele Versuche mit falschem Passwort: die Anmeldung mit dieser Adresse ist für "
        "%(num)d Sekunden gesperrt. Bitte warten Sie so lange.",
        seconds,
    )


def _device_serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key, salt="surveyapp-known-device")


def _known_device(user: User | None) -> bool:
    """Tell whether this browser logged in to the account before (a signed cookie says so):
    such browsers skip the lock, so that failures elsewhere never keep the owner out."""
    if user is None:
        return False
    try:
        ids = _device_serializer().loads(request.cookies.get(DEVICE_COOKIE, ""))
    except BadSignature:
        return False
    return isinstance(ids, list) and user.id in ids


def _remember_device(response: Response, user: User) -> None:
    try:
        ids = _device_serializer().loads(request.cookies.get(DEVICE_COOKIE, ""))
    except BadSignature:
        ids = []
    ids = [user.id] + [i for i in ids if isinstance(i, int) and i != user.id][:4]
    response.set_cookie(
        DEVICE_COOKIE,
        _device_serializer().dumps(ids),
        max_age=DEVICE_COOKIE_DAYS * 24 * 3600,
        httponly=True,
        samesite="Lax",
        secure=current_app.config["SESSION_COOKIE_SECURE"],
    )


@bp.post("/logout")
def logout() -> Response:
    """End every session of the account (a POST with CSRF token, so no other site can log
    anyone out); a copy of the cookie opens nothing afterwards."""
    form = ActionForm()
    if current_user.is_authenticated and form.validate_on_submit():
        user_ops.log_out(db.session, current_user)  # in every browser, copies included
        db.session.commit()
        logout_user()
        session.clear()
        flash(_("Sie sind abgemeldet."), "success")
    return redirect(url_for("auth.login"))
