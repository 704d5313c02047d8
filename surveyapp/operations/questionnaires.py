"""The questionnaire a round uses, checked against the version and content it pinned.

One rule for a questionnaire file edited after a round pinned it: while nobody has answered,
the round follows the edit, but only through ``repin_unanswered``, which opening a round and
saving its settings call; once answers exist the pin is fixed (publish the change as a new
version). Reading a round's questionnaire (``questionnaire_for_round``) never writes.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from surveyapp.models import Response, SurveyRound, Team
from surveyapp.questionnaire import Questionnaire, QuestionnaireRegistry


def questionnaire_for_round(
    registry: QuestionnaireRegistry, survey_round: SurveyRound
) -> Questionnaire:
    """Return the round's pinned questionnaire; read-only.

    Raises QuestionnaireChanged when the file changed since the round pinned it (its
    message says what to do) and KeyError when the version is no longer loaded.
    """
    return registry.verify_pin(
        survey_round.questionnaire_id,
        survey_round.questionnaire_version,
        survey_round.questionnaire_hash,
    )


def repin_unanswered(
    session: Session, registry: QuestionnaireRegistry, survey_round: SurveyRound
) -> Questionnaire:
    """Pin a round without answers to its questionnaire file as the file is now.

    Raises QuestionnaireChanged if the file changed and answers exist already (they belong
    to the pinned content), KeyError if the version is no longer loaded.
    """
    questionnaire = registry.get(survey_round.questionnaire_id, survey_round.questionnaire_version)
    if questionnaire.content_hash != survey_round.questionnaire_hash:
        if has_responses(session, survey_round):
            return questionnaire_for_round(registry, survey_round)  # raises, with the advice
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
