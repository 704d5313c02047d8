"""Handing out a round's data: the answers (``exports``) and the aggregated results
(``result_exports``), each download audited as ``round.export`` with its format."""

from __future__ import annotations

from typing import Literal

from sqlalchemy.orm import Session

from surveyapp.models import SurveyRound, User
from surveyapp.operations.audit import AuditAction, record
from surveyapp.operations.exports import export_csv, export_xlsx
from surveyapp.operations.result_exports import results_csv, results_xlsx
from surveyapp.questionnaire import QuestionnaireRegistry

AnswersFormat = Literal["csv", "wide.csv", "xlsx"]
ResultsFormat = Literal["csv", "xlsx"]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: Each format of the answers: the file name's end and the media type.
ANSWER_FILES: dict[str, tuple[str, str]] = {
    "csv": ("daten.csv", "text/csv"),
    "wide.csv": ("daten-breit.csv", "text/csv"),
    "xlsx": ("daten.xlsx", XLSX),
}
MIMETYPES: dict[str, str] = {"csv": "text/csv", "xlsx": XLSX}


def export_round(
    session: Session,
    registry: QuestionnaireRegistry,
    survey_round: SurveyRound,
    fmt: AnswersFormat,
    *,
    actor: User | None,
) -> bytes:
    """Return every answer of the round, long or wide (pseudonymous; audited).

    Without its questionnaire file (removed) the answers are exported raw, without codebook.
    """
    try:
        questionnaire = registry.get(
            survey_round.questionnaire_id, survey_round.questionnaire_version
        )
    except KeyError:
        questionnaire = None
    if fmt == "xlsx":
        data = export_xlsx(session, survey_round, questionnaire)
    else:
        data = export_csv(session, survey_round, questionnaire, wide=fmt == "wide.csv")
    record(session, AuditAction.ROUND_EXPORT, actor=actor, target=survey_round.name, format=fmt)
    return data


def export_results(
    session: Session,
    registry: QuestionnaireRegistry,
    survey_round: SurveyRound,
    fmt: ResultsFormat,
    *,
    actor: User | None,
) -> bytes:
    """Return the round's aggregated results per team as CSV or XLSX (audited)."""
    writer = results_csv if fmt == "csv" else results_xlsx
    data = writer(session, registry, survey_round)
    record(
        session,
        AuditAction.ROUND_EXPORT,
        actor=actor,
        target=survey_round.name,
        format=f"results.{fmt}",
    )
    return data
