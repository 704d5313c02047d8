"""The questionnaire a round uses, checked against the version and content it pinned."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from surveyapp.models import Response, SurveyRound, Team
from surveyapp.questionnaire import Questionnaire, QuestionnaireChanged, QuestionnaireRegistry


def questionnaire_for_round(
    session: Session, registry: QuestionnaireRegistry, survey_round: SurveyRound
) -> Questionnaire:
    """Return the round's pinned questionnaire, refusing a file changed after answers came in.

    A round without any response yet follows an edited file (its pin is updated), since no
    answer can be misread; once answers exist, a changed file raises QuestionnaireChanged,
    whose message says to publish the change as a new version.
    """
    try:
        return registry.verify_pin(
            survey_round.questionnaire_id,
            survey_round.questionnaire_version,
            survey_round.questionnaire_hash,
        )
    except QuestionnaireChanged:
        if has_responses(session, survey_round):
            raise
    questionnaire = registry.get(survey_round.questionnaire_id, survey_round.questionnaire_version)
    survey_round.questionnaire_hash = questionnaire.content_hash
    session.flush()
    return questionnaire


def has_responses(session: Session, survey_round: SurveyRound) -> bool:
    """Tell whether anyone has started answering in this round."""
    query = (
        sa.select(Response.id)
        .join(Team, Team.id == Response.team_id)
        .where(Team.round_id == survey_round.id)
        .limit(1)
    )
    return session.scalar(query) is not None
