"""The data model for the whole product; import models from here."""

from __future__ import annotations

from surveyapp.models.accounts import LoginThrottle, Role, User
from surveyapp.models.audit import AuditEvent
from surveyapp.models.responses import (
    Answer,
    Invitation,
    InvitationStatus,
    Response,
    ResponseStatus,
)
from surveyapp.models.rounds import (
    Municipality,
    MunicipalityKind,
    RoundStatus,
    SurveyRound,
    Team,
    round_facilitators,
    team_contacts,
)

__all__ = [
    "Answer",
    "AuditEvent",
    "Invitation",
    "InvitationStatus",
    "LoginThrottle",
    "Municipality",
    "MunicipalityKind",
    "Response",
    "ResponseStatus",
    "Role",
    "RoundStatus",
    "SurveyRound",
    "Team",
    "User",
    "round_facilitators",
    "team_contacts",
]
