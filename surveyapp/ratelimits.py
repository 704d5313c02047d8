"""Counting failures (wrong invitation links, wrong passwords) in the limiter's storage.

Only failures are counted and only failures are refused: a valid link or a successful
login never meets a limit here. With more than one worker process the storage must be
shared (``RATELIMIT_STORAGE_URI=redis://…``); gunicorn refuses to start several workers on
the per-process ``memory://`` storage (see ``gunicorn.conf.py``).
"""

from __future__ import annotations

import time

from flask import current_app
from limits import parse
from werkzeug.exceptions import TooManyRequests

from surveyapp.extensions import limiter


def count_failure(scope: str, checks: list[tuple[str, str]]) -> None:
    """Count one failure against each ``(limit, key)``; raise 429 once any is exhausted.

    The 429 carries Retry-After: the seconds until the exhausted window frees a place.
    """
    if not current_app.config.get("RATELIMIT_ENABLED", True):
        return
    strategy = limiter.limiter
    for spec, key in checks:
        item = parse(spec)
        if not strategy.hit(item, scope, key):
            reset_at, _remaining = strategy.get_window_stats(item, scope, key)
            raise TooManyRequests(retry_after=max(1, round(reset_at - time.time())))
