"""The web front doors: one blueprint per audience, over one set of models."""

from __future__ import annotations

from dataclasses import replace

from flask import Flask, current_app
from flask_babel import get_locale

from surveyapp.organiser import Organiser


def register_views(app: Flask) -> None:
    """Register every blueprint, the error pages and the template helpers."""
    from surveyapp import i18n
    from surveyapp.request import refuse_unreadable
    from surveyapp.views import assets, main, participant
    from surveyapp.views.converters import IdConverter
    from surveyapp.views.outage import register_outage_handler

    app.url_map.converters["id"] = IdConverter

    app.register_blueprint(main.bp)
    app.register_blueprint(assets.bp)
    app.register_blueprint(i18n.bp)
    app.register_blueprint(participant.bp)
    from surveyapp.views import auth, facilitator

    app.register_blueprint(auth.bp)
    app.register_blueprint(facilitator.bp)
    main.register_error_handlers(app)
    register_outage_handler(app)
    app.before_request(refuse_unreadable)
    app.context_processor(_template_helpers)


def organiser() -> Organiser:
    """Return the configured organiser; ``SURVEYAPP_ORGANISER`` names it everywhere."""
    info = current_app.config.get("SURVEYAPP_ORGANISER_INFO") or Organiser()
    name = current_app.config.get("SURVEYAPP_ORGANISER") or info.name
    return info if info.name == name else replace(info, name=name)


def _template_helpers() -> dict[str, object]:
    from surveyapp.forms.teams import KIND_LABELS

    return {
        "kind_label": KIND_LABELS.__getitem__,
        "current_locale": lambda: str(get_locale() or "de"),
        "has_endpoint": lambda name: name in current_app.view_functions,
        "organiser": organiser(),
    }
