"""Test data factories: small functions that make valid objects with sensible defaults."""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from surveyapp.demo.answers import sample_answers
from surveyapp.models import (
    Invitation,
    Municipality,
    Response,
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
from surveyapp.operations.invitations import create_invitations
from surveyapp.operations.responses import get_or_start_response, save_answers, submit_response
from surveyapp.questionnaire import QuestionnaireRegistry

QUESTIONNAIRE_ID = "bildungsbuero-reflexion"
#: The version the journey and workspace specifications were written against (its required
#: role and level, its eight pages); specifications of version 2 ask for ``version=2``.
DEFAULT_VERSION = 1
#: The section keys of that version, in order: the one list the participant tests walk
#: (tests/test_questionnaire_shipped.py spells it out once).
SHIPPED_SECTIONS = tuple(
    section.key
    for section in QuestionnaireRegistry.from_directory(
        Path(__file__).resolve().parent.parent / "questionnaires"
    )
    .get(QUESTIONNAIRE_ID, DEFAULT_VERSION)
    .sections
)
PASSWORD = "correct horse battery staple"


@dataclass
class Factory:
    """Makes test objects in the given session; every call flushes, none commits."""

    session: Session
    registry: QuestionnaireRegistry

    def __post_init__(self) -> None:
        self._counter = itertools.count(1)

    def _n(self) -> int:
        return next(self._counter)

    def user(
        self,
        role: Role | str = Role.FACILITATOR,
        *,
        email: str | None = None,
        password: str = PASSWORD,
        name: str = "",
    ) -> User:
        """An account; the password is ``PASSWORD`` unless given."""
        email = email or f"{Role(role).value}{self._n()}@example.org"
        return user_ops.create_user(
            self.session, email=email, password=password, role=role, name=name, actor=None
        )

    def municipality(self, name: str | None = None, **kwargs: Any) -> Municipality:
        return municipality_ops.create_municipality(
            self.session, name=name or f"Stadt {self._n()}", actor=None, **kwargs
        )

    def round(
        self,
        *,
        name: str | None = None,
        status: RoundStatus | str = RoundStatus.OPEN,
        facilitators: list[User] | None = None,
        min_group_size: int = 3,
        version: int | None = None,
        **kwargs: Any,
    ) -> SurveyRound:
        """A round on the real questionnaire (DEFAULT_VERSION unless told), open unless told."""
        questionnaire = self.registry.get(QUESTIONNAIRE_ID, version or DEFAULT_VERSION)
        survey_round = round_ops.create_round(
            self.session,
            self.registry,
            name=name or f"Runde {self._n()}",
            questionnaire_id=questionnaire.id,
            questionnaire_version=questionnaire.version,
            min_group_size=min_group_size,
            facilitators=facilitators,
            actor=None,
            **kwargs,
        )
        round_ops.set_status(self.session, survey_round, status)
        return survey_round

    def team(
        self,
        survey_round: SurveyRound | None = None,
        municipality: Municipality | None = None,
        **kwargs: Any,
    ) -> Team:
        return team_ops.add_team(
            self.session,
            survey_round or self.round(),
            municipality or self.municipality(),
            actor=None,
            **kwargs,
        )

    def invitation(self, team: Team | None = None) -> tuple[Invitation, str]:
        """An invitation and its token."""
        issued = create_invitations(self.session, team or self.team(), 1, actor=None)[0]
        return issued.invitation, issued.token

    def response(
        self,
        team: Team | None = None,
        *,
        answers: dict[str, Any] | None = None,
        submitted: bool = True,
        seed: int | None = None,
    ) -> Response:
        """A response with the given answers, or plausible sampled ones for every item."""
        team = team or self.team()
        invitation, _ = self.invitation(team)
        response = get_or_start_response(self.session, invitation)
        questionnaire = self.registry.get(
            team.round.questionnaire_id, team.round.questionnaire_version
        )
        if answers is None:
            answers = sample_answers(
                questionnaire, random.Random(seed if seed is not None else self._n())
            )
        for section in questionnaire.sections:
            page = {i.key: answers[i.key] for i in section.items if i.key in answers}
            save_answers(self.session, response, section.key, page)
        if submitted:
            submit_response(self.session, response)
        return response


def login(client: Any, user: User | str, password: str = PASSWORD) -> Any:
    """Log a test client in through the login form; returns the response (a redirect)."""
    email = user if isinstance(user, str) else user.email
    return client.post("/login", data={"email": email, "password": password})
