"""Flask extensions, created unbound and bound to the app in ``create_app``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_talisman import Talisman
from flask_wtf.csrf import CSRFProtect

babel = Babel()
csrf = CSRFProtect()
login_manager = LoginManager()
migrate = Migrate()
limiter = Limiter(key_func=get_remote_address, default_limits=[])
talisman = Talisman()

View = TypeVar("View", bound=Callable[..., Any])

#: Nothing is loaded from another host: municipal networks and data protection expect it.
CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "img-src": ["'self'", "data:"],
    "style-src": "'self'",
    "script-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}

#: Pages with plotly charts: plotly inserts a <style> element (and style attributes) when it
#: draws, so these pages, and only these, allow inline styles. Scripts stay 'self': the
#: figures travel as JSON data and one static script draws them.
DASHBOARD_CONTENT_SECURITY_POLICY = {
    **CONTENT_SECURITY_POLICY,
    "style-src": ["'self'", "'unsafe-inline'"],
}


def dashboard_page(view: View) -> View:
    """Give a view the dashboard pages' Content-Security-Policy."""
    return talisman(content_security_policy=DASHBOARD_CONTENT_SECURITY_POLICY)(view)
