"""A database outage: a calm 503 with Retry-After that needs no database to render.

Whatever the database driver says when the server is gone (refused connections, a dropped
connection, a full pool) ends here instead of in a 500. A participant's page that could not
be saved comes back filled in with what was posted, to send again a minute later; nothing
typed is lost. Recovery needs no restart: the pool checks connections before use.
"""

from __future__ import annotations

from flask import Flask, current_app, g, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from sqlalchemy import exc

from surveyapp.db import db

#: Seconds a client is asked to wait before trying again.
RETRY_AFTER_SECONDS = 30
OUTAGE_ERRORS: tuple[type[Exception], ...] = (
    exc.OperationalError,
    exc.InterfaceError,
    exc.TimeoutError,
)


def register_outage_handler(app: Flask) -> None:
    """Answer every database outage with :func:`database_unavailable`."""
    for error in OUTAGE_ERRORS:
        app.register_error_handler(error, database_unavailable)


def database_unavailable(error: Exception) -> ResponseReturnValue:
    """503 with Retry-After: JSON for the health check, a calm page for everyone else."""
    forget_failed_request(error)
    headers = retry_later()
    if request.endpoint == "main.healthz":
        return {"status": "database unavailable"}, 503, headers
    message = _(
        "Die Anwendung ist gerade nicht erreichbar. Bereits gespeicherte Angaben bleiben "
        "erhalten; bitte versuchen Sie es in einer Minute noch einmal."
    )
    return render_template("errors/error.html", code=503, message=message), 503, headers


def forget_failed_request(error: Exception) -> None:
    """Log the outage, give up the broken transaction, and render without the database."""
    current_app.logger.error("database unavailable on %s", request.path, exc_info=error)
    try:
        db.session.rollback()
    except exc.SQLAlchemyError:
        pass  # the connection is gone; the pool replaces it when the server is back
    # Rendering must not load the logged-in account from the database that just failed.
    g._login_user = current_app.login_manager.anonymous_user()


def retry_later() -> dict[str, str]:
    """The headers of every outage response."""
    return {"Retry-After": str(RETRY_AFTER_SECONDS)}
