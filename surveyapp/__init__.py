"""surveyapp: self-assessment surveys, dashboards and reports for Bildungsbüros."""

from __future__ import annotations

import os
from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from surveyapp import config as config_module
from surveyapp.db import configure_sqlite, db
from surveyapp.extensions import (
    CONTENT_SECURITY_POLICY,
    babel,
    csrf,
    limiter,
    login_manager,
    migrate,
    talisman,
)
from surveyapp.i18n import select_locale
from surveyapp.logs import install_token_masking
from surveyapp.request import CleanRequest

MIGRATIONS = os.path.join(os.path.dirname(__file__), "migrations")


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the application; reads settings and files, touches no database and no network."""
    # The instance folder holds the demo's database and key; tests point it elsewhere.
    instance_path = os.environ.get("SURVEYAPP_INSTANCE_PATH") or None
    if instance_path is not None:
        instance_path = os.path.abspath(instance_path)
    app = Flask(__name__, instance_relative_config=True, instance_path=instance_path)
    app.request_class = CleanRequest
    app.config.update(
        SQLALCHEMY_TRACK_MODIFICATIONS=False,
        BABEL_DEFAULT_LOCALE="de",
        BABEL_DEFAULT_TIMEZONE="Europe/Berlin",
        # A participant may pause for hours; the token lives as long as the session.
        WTF_CSRF_TIME_LIMIT=None,
        PERMANENT_SESSION_LIFETIME=timedelta(days=14),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        RATELIMIT_HEADERS_ENABLED=True,
        MAX_CONTENT_LENGTH=2 * 1024 * 1024,
    )
    app.config.update(config_module.from_environment(app.instance_path))
    if test_config is not None:
        app.config.update(test_config)
    engine_options = dict(app.config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
    # SQL parameters hold answers: never in a log line or a traceback.
    engine_options.setdefault("hide_parameters", True)
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        # A server may drop idle connections; a file on local disk cannot.
        engine_options.setdefault("pool_pre_ping", True)
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = engine_options
    install_token_masking()
    if app.debug:
        app.config["SESSION_COOKIE_SECURE"] = False
        app.config["REMEMBER_COOKIE_SECURE"] = False
    config_module.check(app.config, debug=app.debug)

    if app.config["SURVEYAPP_PROXIES"] > 0:
        # Behind N proxies, trust their X-Forwarded-* headers: the client's address (rate
        # limits) and https (secure cookies, CSRF referrer check) come from there.
        hops = app.config["SURVEYAPP_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    _init_extensions(app)
    _load_questionnaires(app)
    _register_blueprints(app)
    _register_cli(app)
    return app


def _init_extensions(app: Flask) -> None:
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    if uri.startswith("sqlite"):
        _ensure_sqlite_folder(uri)
    db.init_app(app)
    with app.app_context():
        engine = db.engine
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", configure_sqlite)
    migrate.init_app(app, db, directory=MIGRATIONS, render_as_batch=True, compare_type=True)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.session_protection = "strong"
    talisman.init_app(
        app,
        force_https=False,  # TLS ends at the proxy; see README "Production"
        session_cookie_secure=app.config["SESSION_COOKIE_SECURE"],
        content_security_policy=CONTENT_SECURITY_POLICY,
        frame_options="DENY",
        referrer_policy="same-origin",  # CSRF checks the referrer over https
        strict_transport_security=not app.debug,
    )

    from surveyapp.models import User
    from surveyapp.views.converters import MAX_ID

    @login_manager.user_loader
    def load_user(login_id: str) -> User | None:
        # "<id>.<session_version>": a session from before a logout, a password or role
        # change or a deactivation names an older version and opens nothing.
        user_id, _, version = login_id.partition(".")
        if not (user_id.isdigit() and version.isdigit()) or int(user_id) > MAX_ID:
            return None
        user = db.session.get(User, int(user_id))
        if user is None or not user.active or user.session_version != int(version):
            return None
        return user


def _ensure_sqlite_folder(uri: str) -> None:
    path = sa.engine.make_url(uri).database
    if path and path != ":memory:":
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)


def _load_questionnaires(app: Flask) -> None:
    """Validate every questionnaire file; an invalid one stops the app with its problems."""
    from surveyapp.questionnaire import QuestionnaireRegistry

    app.extensions["questionnaires"] = QuestionnaireRegistry.from_directory(
        app.config["SURVEYAPP_QUESTIONNAIRES"]
    )


def _register_blueprints(app: Flask) -> None:
    from surveyapp.views import register_views

    register_views(app)


def _register_cli(app: Flask) -> None:
    from surveyapp.cli import register_commands

    register_commands(app)
