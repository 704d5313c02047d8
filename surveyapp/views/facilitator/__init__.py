"""The facilitator workspace (``/f``): rounds, teams, links, progress, exports, audit log.

Each module adds its pages to the one blueprint defined in ``base``.
"""

from __future__ import annotations

from surveyapp.views.facilitator import (  # noqa: F401  (their routes register on import)
    audit_log,
    contact,
    data,
    invitations,
    municipalities,
    questionnaires,
    reports,
    results,
    rounds,
    teams,
)
from surveyapp.views.facilitator.base import bp

__all__ = ["bp"]
