"""The demo's municipality contact: one team's contact person, to show what a team sees."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from surveyapp.models import SurveyRound
from surveyapp.operations import teams as team_ops
from surveyapp.operations import users as user_ops

CONTACT_EMAIL = "kontakt@demo.example"
CONTACT_PASSWORD = "demo-kontakt-2026"
#: The team whose contact the demo account is (the first team if there is none by that name).
CONTACT_MUNICIPALITY = "Lindenfeld"


@dataclass(frozen=True)
class DemoContact:
    email: str
    password: str
    team_id: int
    team_name: str


def ensure_demo_contact(session: Session, survey_round: SurveyRound) -> DemoContact | None:
    """Make the demo contact account a contact of one of the round's teams (idempotent)."""
    teams = sorted(survey_round.teams, key=lambda team: team.id)
    if not teams:
        return None
    team = next((t for t in teams if t.municipality.name == CONTACT_MUNICIPALITY), teams[0])
    user, _created = user_ops.find_or_create_contact(
        session, email=CONTACT_EMAIL, name="Demo-Kontakt", password=CONTACT_PASSWORD, actor=None
    )
    team_ops.add_contact(session, team, user, actor=None)
    return DemoContact(CONTACT_EMAIL, CONTACT_PASSWORD, team.id, team.display_name)
