"""Loading a round's submitted answers for the analysis, and a cheap fingerprint of them.

The only part of the analysis that touches the database: one query per round for the
answers (never one per response or per team); drafts never count.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.orm import Session

from surveyapp.analysis import EarlierRound, RoundAnalysis, analyse_round
from surveyapp.analysis.frame import columns_of, frame_from_columns
from surveyapp.models import Answer, Response, ResponseStatus, SurveyRound, Team
from surveyapp.operations.questionnaires import questionnaire_for_round
from surveyapp.questionnaire import Questionnaire, QuestionnaireRegistry, UnknownQuestionnaire


def load_round_answers(
    session: Session, round_id: int, questionnaire: Questionnaire
) -> pd.DataFrame:
    """Return the round's submitted answers as the long frame of ``surveyapp.analysis.frame``.

    One query: responses of the round's teams that were submitted, outer-joined to their
    answers (a submitted response without any answer still counts as a respondent);
    the respondent attributes become columns. The JSON values are read as text and decoded
    in one go, which is several times faster than one decoding per answer.
    """
    query = (
        sa.select(
            Response.id,
            Response.team_id,
            Answer.item_key,
            sa.cast(Answer.value, sa.Text),
            Answer.hidden,
        )
        .select_from(Response)
        .join(Team, Team.id == Response.team_id)
        .outerjoin(Answer, Answer.response_id == Response.id)
        .where(Team.round_id == round_id, Response.status == ResponseStatus.SUBMITTED)
    )
    rows = _fetch_all(session, query)
    response_ids, team_ids, keys, texts, hidden = columns_of(rows)
    values = json.loads("[" + ",".join(text or "null" for text in texts) + "]")
    return frame_from_columns(
        response_ids, team_ids, keys, values, hidden, questionnaire=questionnaire
    )


def _fetch_all(session: Session, query: sa.Select[Any]) -> list[tuple[Any, ...]]:
    """Run a select through the driver's cursor: plain tuples, no per-row processing.

    The parameters are inlined (only integers and the fixed status value), so that the
    statement runs as it is on SQLite and PostgreSQL alike.
    """
    connection = session.connection()
    sql = str(query.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True}))
    result = connection.exec_driver_sql(sql)
    try:
        return list(result.cursor.fetchall())
    finally:
        result.close()


def round_team_ids(session: Session, round_id: int) -> list[int]:
    """Return the ids of the round's teams (also those without submitted responses)."""
    query = sa.select(Team.id).where(Team.round_id == round_id).order_by(Team.id)
    return list(session.scalars(query))


def _round_date(survey_round: SurveyRound) -> date:
    return survey_round.workshop_date or survey_round.created_at.date()


def earlier_rounds(
    session: Session, registry: QuestionnaireRegistry, survey_round: SurveyRound
) -> list[EarlierRound]:
    """The earlier rounds of the round's municipalities, newest first, with team maps.

    Each team is mapped to its municipality's team in the newest earlier round that had one
    (by workshop date, else creation date). Rounds whose questionnaire file is no longer
    loaded are skipped: there is nothing to compare them with.
    """
    current = {team.municipality_id: team.id for team in survey_round.teams}
    if not current:
        return []
    query = (
        sa.select(Team)
        .join(SurveyRound, SurveyRound.id == Team.round_id)
        .where(Team.municipality_id.in_(current), Team.round_id != survey_round.id)
    )
    candidates = [team for team in session.scalars(query) if _is_earlier(team.round, survey_round)]
    candidates.sort(key=lambda team: (_round_date(team.round), team.round_id), reverse=True)
    chosen: dict[int, dict[int, int]] = {}
    rounds: dict[int, SurveyRound] = {}
    mapped: set[int] = set()
    for team in candidates:
        if team.municipality_id in mapped:
            continue
        mapped.add(team.municipality_id)
        rounds[team.round_id] = team.round
        chosen.setdefault(team.round_id, {})[current[team.municipality_id]] = team.id
    result = []
    for round_id, team_of in chosen.items():
        earlier = rounds[round_id]
        try:
            questionnaire = questionnaire_for_round(registry, earlier)
        except UnknownQuestionnaire:
            continue
        result.append(
            EarlierRound(
                questionnaire=questionnaire,
                answers=load_round_answers(session, round_id, questionnaire),
                k=earlier.min_group_size,
                team_of=team_of,
                round_id=round_id,
                label=earlier.name,
            )
        )
    return result


def _is_earlier(candidate: SurveyRound, survey_round: SurveyRound) -> bool:
    return (_round_date(candidate), candidate.id) < (_round_date(survey_round), survey_round.id)


def analyse(
    session: Session,
    registry: QuestionnaireRegistry,
    survey_round: SurveyRound,
    *,
    with_trend: bool = True,
) -> RoundAnalysis:
    """Load and analyse a round (and, for the trend, its municipalities' earlier rounds)."""
    questionnaire = questionnaire_for_round(registry, survey_round)
    answers = load_round_answers(session, survey_round.id, questionnaire)
    return analyse_round(
        questionnaire,
        answers,
        survey_round.min_group_size,
        teams=round_team_ids(session, survey_round.id),
        earlier=earlier_rounds(session, registry, survey_round) if with_trend else (),
    )


def round_fingerprint(session: Session, round_id: int) -> str:
    """A short hash that changes whenever the round's analysis could change.

    Built in one query from: the number of submitted responses and the last submission
    time, the hidden answers (how many and which), the pinned questionnaire hash and k.
    Used by the dashboard cache and to skip rebuilding unchanged reports.
    """
    hidden = (
        sa.select(
            sa.func.count(Answer.id).label("hidden"),
            sa.func.coalesce(sa.func.sum(Answer.id), 0).label("hidden_ids"),
        )
        .join(Response, Response.id == Answer.response_id)
        .join(Team, Team.id == Response.team_id)
        .where(Team.round_id == round_id, Answer.hidden.is_(True))
        .subquery()
    )
    submitted = (
        sa.select(
            sa.func.count(Response.id).label("responses"),
            sa.func.max(Response.submitted_at).label("last"),
        )
        .join(Team, Team.id == Response.team_id)
        .where(Team.round_id == round_id, Response.status == ResponseStatus.SUBMITTED)
        .subquery()
    )
    query = (
        sa.select(
            SurveyRound.questionnaire_hash,
            SurveyRound.min_group_size,
            submitted.c.responses,
            submitted.c.last,
            hidden.c.hidden,
            hidden.c.hidden_ids,
        )
        .select_from(SurveyRound)
        .join(submitted, sa.true())
        .join(hidden, sa.true())
        .where(SurveyRound.id == round_id)
    )
    row = session.execute(query).one_or_none()
    parts = [str(part) for part in (row or ("missing",))]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def analysis_fingerprint(session: Session, survey_round: SurveyRound) -> str:
    """A hash that changes whenever anything ``analyse`` reads could change.

    The round's own fingerprint, its number of teams (a new team changes the tables even
    without answers), and the fingerprints of every other round that shares one of its
    municipalities: those feed the trend, so a late answer or a hidden answer there must
    not leave a stale trend in a cache or an unchanged report.
    """
    teams = session.scalar(
        sa.select(sa.func.count(Team.id)).where(Team.round_id == survey_round.id)
    )
    municipalities = sa.select(Team.municipality_id).where(Team.round_id == survey_round.id)
    others = session.scalars(
        sa.select(Team.round_id)
        .where(Team.municipality_id.in_(municipalities), Team.round_id != survey_round.id)
        .distinct()
        .order_by(Team.round_id)
    )
    parts = [
        f"{survey_round.id}:{round_fingerprint(session, survey_round.id)}:{teams}",
        *(f"{rid}:{round_fingerprint(session, rid)}" for rid in others),
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]
