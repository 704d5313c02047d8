"""The demo: a round with three municipalities and plausible, seeded answers.

Running it again changes nothing and prints the same links: the demo's invitation tokens
are derived from the secret key, so they can be shown again although only hashes are stored.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import random
from dataclasses import dataclass, field
from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from surveyapp.db import utcnow
from surveyapp.demo.answers import sample_answers
from surveyapp.models import (
    Invitation,
    Response,
    ResponseStatus,
    Role,
    RoundStatus,
    SurveyRound,
    Team,
)
from surveyapp.operations import municipalities as municipality_ops
from surveyapp.operations import rounds as round_ops
from surveyapp.operations import teams as team_ops
from surveyapp.operations import users as user_ops
from surveyapp.operations.invitations import create_invitations, hash_token
from surveyapp.operations.responses import get_or_start_response, save_answers, submit_response
from surveyapp.questionnaire import QuestionnaireRegistry

QUESTIONNAIRE_ID = "bildungsbuero-reflexion"
FACILITATOR_EMAIL = "moderation@demo.example"
FACILITATOR_PASSWORD = "demo-moderation-2026"
ROUND_NAME = "Entwicklungsworkshop Bildungsbüros (Demo)"
EARLIER_ROUND_NAME = "Entwicklungsworkshop Bildungsbüros 2025 (Demo)"
UNUSED_LINKS_PER_TEAM = 3

#: name, federal state, kind, tendency (how well the team rates itself), spread (disagreement)
MUNICIPALITIES = [
    ("Lindenfeld", "Baden-Württemberg", "city", 0.4, 0.6),
    ("Auental", "Nordrhein-Westfalen", "city", -0.3, 1.4),
    ("Kreis Hohenmoor", "Niedersachsen", "district", 0.0, 0.9),
]


@dataclass
class DemoResult:
    """What the demo created, and the links to show."""

    created: bool
    facilitator_email: str = FACILITATOR_EMAIL
    facilitator_password: str = FACILITATOR_PASSWORD
    round_id: int | None = None
    open_links: dict[str, list[str]] = field(default_factory=dict)
    submitted: int = 0


def demo_token(secret_key: str, round_name: str, team_name: str, number: int) -> str:
    """Derive a demo invitation token (256 bits, unguessable without the secret key)."""
    message = f"demo-invitation:{round_name}:{team_name}:{number}".encode()
    digest = hmac.new(secret_key.encode(), message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def build_demo(
    session: Session, registry: QuestionnaireRegistry, *, secret_key: str, seed: int = 2026
) -> DemoResult:
    """Create the demo data unless it exists; return what to print either way."""
    facilitator = user_ops.find_user(session, FACILITATOR_EMAIL)
    if facilitator is None:
        facilitator = user_ops.create_user(
            session,
            email=FACILITATOR_EMAIL,
            password=FACILITATOR_PASSWORD,
            role=Role.FACILITATOR,
            name="Demo-Moderation",
            actor=None,
        )
    existing = session.scalar(sa.select(SurveyRound).where(SurveyRound.name == ROUND_NAME))
    if existing is not None:
        return _describe(session, existing, secret_key, created=False)

    questionnaire = registry.latest(QUESTIONNAIRE_ID)
    rng = random.Random(seed)
    now = utcnow()
    earlier = round_ops.create_round(
        session,
        registry,
        name=EARLIER_ROUND_NAME,
        questionnaire_id=questionnaire.id,
        questionnaire_version=questionnaire.version,
        # within the retention period, so that `rounds purge-expired` leaves it alone
        workshop_date=(now - timedelta(days=120)).date(),
        opens_at=now - timedelta(days=160),
        closes_at=now - timedelta(days=130),
        facilitators=[facilitator],
        actor=None,
    )
    current = round_ops.create_round(
        session,
        registry,
        name=ROUND_NAME,
        questionnaire_id=questionnaire.id,
        questionnaire_version=questionnaire.version,
        workshop_date=(now + timedelta(days=45)).date(),
        opens_at=now - timedelta(days=14),
        closes_at=now + timedelta(days=30),
        facilitators=[facilitator],
        actor=None,
    )
    for index, (name, state, kind, tendency, spread) in enumerate(MUNICIPALITIES):
        municipality = municipality_ops.find_municipality(
            session, name
        ) or municipality_ops.create_municipality(
            session, name=name, state=state, kind=kind, actor=None
        )
        if index < 2:  # two municipalities took part in the earlier round too
            team = team_ops.add_team(session, earlier, municipality, actor=None)
            _answer(
                session,
                team,
                questionnaire,
                rng,
                secret_key,
                rng.randint(5, 8),
                tendency=tendency - 0.4,
                spread=spread,
            )
        team = team_ops.add_team(session, current, municipality, actor=None)
        _answer(
            session,
            team,
            questionnaire,
            rng,
            secret_key,
            rng.randint(6, 10),
            tendency=tendency,
            spread=spread,
        )
        _issue(session, team, secret_key, UNUSED_LINKS_PER_TEAM)
    round_ops.set_status(session, earlier, RoundStatus.CLOSED)
    round_ops.set_status(session, current, RoundStatus.OPEN)
    return _describe(session, current, secret_key, created=True)


def _issue(session: Session, team: Team, secret_key: str, count: int) -> list[Invitation]:
    """Create demo invitations whose tokens can be derived again for printing."""
    issued = create_invitations(
        session,
        team,
        count,
        actor=None,
        token_for=lambda number: demo_token(secret_key, team.round.name, team.display_name, number),
    )
    return [item.invitation for item in issued]


def _answer(session, team, questionnaire, rng, secret_key, count, *, tendency, spread) -> None:
    """Give ``count`` submitted responses to a team, answered with the team's tendency."""
    for invitation in _issue(session, team, secret_key, count):
        response = get_or_start_response(session, invitation)
        answers = sample_answers(questionnaire, rng, tendency=tendency, spread=spread)
        for section in questionnaire.sections:
            keys = {item.key for item in section.items}
            save_answers(
                session, response, section.key, {k: v for k, v in answers.items() if k in keys}
            )
        submit_response(session, response)


def _describe(
    session: Session, survey_round: SurveyRound, secret_key: str, *, created: bool
) -> DemoResult:
    result = DemoResult(created=created, round_id=survey_round.id)
    for team in survey_round.teams:
        links = []
        for invitation in sorted(team.invitations, key=lambda i: i.number):
            if invitation.response is not None:
                continue
            token = demo_token(secret_key, survey_round.name, team.display_name, invitation.number)
            if hash_token(token) == invitation.token_hash:
                links.append(token)
        result.open_links[team.display_name] = links
    result.submitted = _count_submitted(session, survey_round)
    return result


def _count_submitted(session: Session, survey_round: SurveyRound) -> int:
    return (
        session.scalar(
            sa.select(sa.func.count(Response.id))
            .join(Team, Team.id == Response.team_id)
            .where(Team.round_id == survey_round.id, Response.status == ResponseStatus.SUBMITTED)
        )
        or 0
    )
