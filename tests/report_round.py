"""A round whose reports have known contents: priorities, an under-k team, hostile text."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from typing import Any

from surveyapp.demo.answers import sample_answers
from surveyapp.models import SurveyRound, Team, User
from tests.factories import QUESTIONNAIRE_ID, Factory

#: Version 2 flags the consultation question, which the brief lists for every team.
VERSION = 2
HOSTILE = '<script>alert(1)</script> <img src="http://evil.example/x.png"> Daten'
#: function → (importance, performance) for every Lindenfeld respondent
RATINGS = {"fn_monitoring": (5, 1), "fn_communication": (5, 2), "fn_strategy": (4, 2)}
#: the expected strategy priorities, in order (S = I × G: 20, 15, 8)
EXPECTED = ("fn_monitoring", "fn_communication", "fn_strategy")


@dataclass
class ReportRound:
    survey_round: SurveyRound
    lindenfeld: Team
    birkenau: Team  # two responses: under k = 3
    auental: Team
    facilitator: User


def _answers(factory: Factory, seed: int, **overrides: Any) -> dict[str, Any]:
    questionnaire = factory.registry.get(QUESTIONNAIRE_ID, VERSION)
    answers = sample_answers(questionnaire, random.Random(seed))
    for item in questionnaire.functions:
        importance, performance = RATINGS.get(item.key, (3, 4))
        answers[item.key] = {"importance": importance, "performance": performance}
    answers.update(overrides)
    return answers


def make_report_round(factory: Factory) -> ReportRound:
    facilitator = factory.user("facilitator")
    survey_round = factory.round(
        name="Herbst 2026",
        facilitators=[facilitator],
        workshop_date=date(2026, 11, 5),
        version=VERSION,
    )
    teams = {
        name: factory.team(survey_round, factory.municipality(name))
        for name in ("Lindenfeld", "Birkenau", "Auental")
    }
    for seed in range(3):
        extra = {"strength_biggest": HOSTILE} if seed == 0 else {}
        factory.response(teams["Lindenfeld"], answers=_answers(factory, seed, **extra))
    for seed in range(2):
        factory.response(
            teams["Birkenau"],
            answers=_answers(factory, 10 + seed, consultation_question=f"Birkenau-Frage {seed}?"),
        )
    for seed in range(3):
        factory.response(teams["Auental"], seed=20 + seed)
    factory.session.commit()
    return ReportRound(
        survey_round, teams["Lindenfeld"], teams["Birkenau"], teams["Auental"], facilitator
    )
