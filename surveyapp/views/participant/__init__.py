"""The participant's front door (``/s/<token>``): welcome, one page per section, review, submit.

Each module adds its pages to the one blueprint defined in ``base``.
"""

from __future__ import annotations

from surveyapp.views.participant import (  # noqa: F401  (their routes register on import)
    pages,
    review,
    welcome,
)
from surveyapp.views.participant.base import bp

__all__ = ["bp"]
