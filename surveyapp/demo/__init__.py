"""The demo: a current round (questionnaire version 2) and an earlier one (version 1).

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
    User,
)
from surveyapp.operations import municipalities as municipality_ops
from surveyapp.operations import rounds as round_ops
from surveyapp.operations import teams as team_ops
from surveyapp.operations import users as user_ops
from surveyapp.operations.invitations import create_invitations, hash_token
from surveyapp.operations.responses import get_or_start_response, save_answers, submit_response
from surveyapp.questionnaire import Questionnaire, QuestionnaireRegistry

QUESTIONNAIRE_ID = "bildungsbuero-reflexion"
CURRENT_VERSION = 2
EARLIER_VERSION = 1
FACILITATOR_EMAIL = "moderation@demo.example"
FACILITATOR_PASSWORD = "demo-moderation-2026"
ADMIN_EMAIL = "admin@demo.example"
ADMIN_PASSWORD = "demo-admin-2026"
ROUND_NAME = "Entwicklungsworkshop Bildungsbüros (Demo)"
EARLIER_ROUND_NAME = "Entwicklungsworkshop Bildungsbüros 2025 (Demo)"
UNUSED_LINKS_PER_TEAM = 3


@dataclass(frozen=True)
class DemoTeam:
    """One municipality's team in the current round, and how it answers."""

    name: str
    state: str
    kind: str
    tendency: float  # how well the team rates itself
    spread: float  # how much its members disagree
    #: Where each submitted respondent works (version 2's comparable attribute).
    workplaces: tuple[str, ...]
    drafts: int  # begun, not submitted
    planned: int  # the planned team size
    earlier: int  # submitted responses in the earlier round (0: did not take part)


def _places(inside: int, outside: int) -> tuple[str, ...]:
    return ("bildungsbuero",) * inside + ("ausserhalb",) * outside


#: Lindenfeld can compare perspectives (4 in the office, 4 outside: both reach k = 3);
#: Auental cannot (2 outside, below k); Kreis Hohenmoor is below k as a whole (2 answers).
TEAMS = [
    DemoTeam("Lindenfeld", "Baden-Württemberg", "city", 0.4, 0.6, _places(4, 4), 1, 10, 6),
    DemoTeam("Auental", "Nordrhein-Westfalen", "city", -0.3, 1.4, _places(3, 2), 1, 7, 5),
    DemoTeam("Kreis Hohenmoor", "Niedersachsen", "district", 0.0, 0.9, _places(1, 1), 1, 5, 0),
]


@dataclass
class DemoResult:
    """What the demo created, and the logins and links to show."""

    created: bool
    facilitator_email: str = FACILITATOR_EMAIL
    facilitator_password: str = FACILITATOR_PASSWORD
    admin_email: str = ADMIN_EMAIL
    admin_password: str = ADMIN_PASSWORD
    round_id: int | None = None
    open_links: dict[str, list[str]] = field(default_factory=dict)
    submitted: int = 0


def demo_token(secret_key: str, round_name: str, team_name: str, number: int) -> str:
    """Derive a demo invitation token (256 bits, unguessable without the secret key)."""
    message = f"demo-invitation:{round_name}:{team_name}:{number}".encode()
    digest = hmac.new(secret_key.encode(), message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def _account(session: Session, email: str, password: str, role: Role, name: str) -> User:
    user = user_ops.find_user(session, email)
    if user is None:
        user = user_ops.create_user(
            session, email=email, password=password, role=role, name=name, actor=None
        )
    return user


def build_demo(
    session: Session, registry: QuestionnaireRegistry, *, secret_key: str, seed: int = 2026
) -> DemoResult:
    """Create the demo data unless it exists; return what to print either way.

    The current round uses questionnaire version 2, the earlier one version 1, so that the
    trend has to map the items the versions share.
    """
    facilitator = _account(
        session, FACILITATOR_EMAIL, FACILITATOR_PASSWORD, Role.FACILITATOR, "Demo-Moderation"
    )
    _account(session, ADMIN_EMAIL, ADMIN_PASSWORD, Role.ADMIN, "Demo-Administration")
    existing = session.scalar(sa.select(SurveyRound).where(SurveyRound.name == ROUND_NAME))
    if existing is not None:
        return _describe(session, existing, secret_key, created=False)

    current_questionnaire = registry.get(QUESTIONNAIRE_ID, CURRENT_VERSION)
    earlier_questionnaire = registry.get(QUESTIONNAIRE_ID, EARLIER_VERSION)
    rng = random.Random(seed)
    now = utcnow()
    earlier = round_ops.create_round(
        session,
        registry,
        name=EARLIER_ROUND_NAME,
        questionnaire_id=QUESTIONNAIRE_ID,
        questionnaire_version=EARLIER_VERSION,
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
        questionnaire_id=QUESTIONNAIRE_ID,
        questionnaire_version=CURRENT_VERSION,
        workshop_date=(now + timedelta(days=45)).date(),
        opens_at=now - timedelta(days=14),
        closes_at=now + timedelta(days=30),
        facilitators=[facilitator],
        actor=None,
    )
    for demo in TEAMS:
        municipality = municipality_ops.find_municipality(
            session, demo.name
        ) or municipality_ops.create_municipality(
            session, name=demo.name, state=demo.state, kind=demo.kind, actor=None
        )
        if demo.earlier:
            team = team_ops.add_team(session, earlier, municipality, actor=None)
            for _ in range(demo.earlier):
                answers = sample_answers(
                    earlier_questionnaire, rng, tendency=demo.tendency - 0.4, spread=demo.spread
                )
                _answer(session, team, earlier_questionnaire, answers, secret_key, submit=True)
        team = team_ops.add_team(
            session, current, municipality, planned_size=demo.planned, actor=None
        )
        for number, workplace in enumerate(demo.workplaces):
            answers = sample_answers(
                current_questionnaire, rng, tendency=demo.tendency, spread=demo.spread
            )
            answers["workplace"] = workplace
            answers["tenure"] = "lang" if number % 2 else "kurz"
            _answer(session, team, current_questionnaire, answers, secret_key, submit=True)
        for _ in range(demo.drafts):
            answers = sample_answers(current_questionnaire, rng, tendency=demo.tendency)
            first = current_questionnaire.sections[0].key
            _answer(session, team, current_questionnaire, answers, secret_key, upto=first)
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


def _answer(
    session: Session,
    team: Team,
    questionnaire: Questionnaire,
    answers: dict[str, object],
    secret_key: str,
    *,
    submit: bool = False,
    upto: str | None = None,
) -> None:
    """Answer through a new link: every page and submit, or the pages up to ``upto``."""
    invitation = _issue(session, team, secret_key, 1)[0]
    response = get_or_start_response(session, invitation)
    for section in questionnaire.sections:
        keys = {item.key for item in section.items}
        save_answers(
            session, response, section.key, {k: v for k, v in answers.items() if k in keys}
        )
        if section.key == upto:
            break
    if submit:
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
