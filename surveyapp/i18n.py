"""Language choice: German by default, English on request, remembered in a cookie."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, Response, has_request_context, redirect, request, url_for

LANGUAGES = ("de", "en")
DEFAULT_LANGUAGE = "de"
COOKIE = "lang"
ONE_YEAR = 365 * 24 * 3600

bp = Blueprint("i18n", __name__)


def select_locale() -> str:
    """Pick the page language: ``?lang=``, then the remembered choice, then German."""
    if not has_request_context():  # CLI commands and operations outside a request
        return DEFAULT_LANGUAGE
    asked = request.args.get("lang")
    if asked in LANGUAGES:
        return asked
    remembered = request.cookies.get(COOKIE)
    if remembered in LANGUAGES:
        return remembered
    return DEFAULT_LANGUAGE


def safe_next(target: str | None, fallback: str) -> str:
    """Return ``target`` if it is a path on this site, else ``fallback`` (no open redirect).

    Backslashes and control characters are refused too: browsers read ``\\`` as ``/`` and
    drop tabs and line breaks, and a line break cannot go into a header at all.
    """
    if not target or "\\" in target or any(ord(char) < 32 or ord(char) == 127 for char in target):
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return fallback
    return target


@bp.get("/language/<code>")
def switch(code: str) -> Response:
    """Remember the chosen language and go back to the page the link was on."""
    target = safe_next(request.args.get("next"), url_for("main.index"))
    response = redirect(target)
    if code in LANGUAGES:
        response.set_cookie(
            COOKIE, code, max_age=ONE_YEAR, httponly=True, samesite="Lax", secure=request.is_secure
        )
    return response
