"""gunicorn's settings file, read from the working folder (``gunicorn wsgi:app`` finds it).

Refuses to start several workers whose rate limits would each count alone: with the
per-process ``memory://`` storage, N workers would allow N times every documented limit.
"""

from __future__ import annotations

from typing import Any

from surveyapp.config import check_workers


def on_starting(server: Any) -> None:
    """Before any worker starts: several workers need a shared limiter storage."""
    check_workers(server.cfg.workers)
