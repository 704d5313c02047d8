"""A round's data, whole, as CSV (long format) and XLSX; safe to open in a spreadsheet.

Exports carry no names and no tokens: a response is known only by its pseudonymous id.
Every text cell that a spreadsheet could read as a formula (starting with ``= + - @``, a
tab or a carriage return) gets a leading apostrophe, in CSV and XLSX alike. Excel with German
regional settings splits a CSV line at semicolons, whatever the separator: so in CSV a
formula character right after a semicolon (and spaces) gets an apostrophe too.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from openpyxl import Workbook
from sqlalchemy.orm import Session

from surveyapp.db import utcnow
from surveyapp.models import Answer, Response, SurveyRound, Team
from surveyapp.operations.progress import progress_by_team

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Where a cell would begin for a spreadsheet that splits at ";": the formula start after it.
_AFTER_SEMICOLON = re.compile(r"(;\s*)(?=[=+\-@])")
CSV_COLUMNS = (
    "round",
    "team_id",
    "team",
    "municipality",
    "response_id",
    "response_status",
    "submitted_at",
    "item_key",
    "value",
)


def neutralise(value: Any) -> Any:
    """Return a cell value that no spreadsheet evaluates: risky text gets a leading ``'``."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralise_csv(value: Any) -> Any:
    """Like ``neutralise``, and also where Excel would start a cell after a semicolon."""
    value = neutralise(value)
    if isinstance(value, str):
        return _AFTER_SEMICOLON.sub(r"\1'", value)
    return value


def _timestamp(value: datetime | None) -> str:
    return value.isoformat(timespec="seconds") if value is not None else ""


def _flatten(item_key: str, value: Any) -> Iterator[tuple[str, Any]]:
    """One row per scalar: a pair of ratings becomes ``key.importance`` and ``key.performance``;
    a list (multiple choice, ranking) stays one row, as a JSON array in its order."""
    if isinstance(value, dict):
        for sub_key in sorted(value):
            yield f"{item_key}.{sub_key}", value[sub_key]
    elif isinstance(value, list):
        yield item_key, json.dumps(value, ensure_ascii=False)
    else:
        yield item_key, value


@dataclass(frozen=True)
class _ResponseInfo:
    id: int
    team: Team
    status: str
    started_at: datetime
    updated_at: datetime
    submitted_at: datetime | None
    locale: str


def _responses(session: Session, survey_round: SurveyRound) -> list[_ResponseInfo]:
    teams = {team.id: team for team in survey_round.teams}
    rows = session.execute(
        sa.select(Response)
        .where(Response.team_id.in_(teams))
        .order_by(Response.team_id, Response.id)
    ).scalars()
    return [
        _ResponseInfo(
            r.id,
            teams[r.team_id],
            r.status.value,
            r.started_at,
            r.updated_at,
            r.submitted_at,
            r.locale,
        )
        for r in rows
    ]


def _answers(session: Session, response_ids: list[int]) -> Iterator[tuple[int, str, Any]]:
    if not response_ids:
        return
    rows = session.execute(
        sa.select(Answer.response_id, Answer.item_key, Answer.value)
        .where(Answer.response_id.in_(response_ids))
        .order_by(Answer.response_id, Answer.id)
    )
    for response_id, item_key, value in rows:
        for key, scalar in _flatten(item_key, value):
            yield response_id, key, scalar


def long_rows(session: Session, survey_round: SurveyRound) -> Iterator[tuple[Any, ...]]:
    """Yield the round's answers in long format, one value per row, in CSV_COLUMNS order."""
    responses = _responses(session, survey_round)
    info = {response.id: response for response in responses}
    for response_id, item_key, value in _answers(session, list(info)):
        response = info[response_id]
        yield (
            survey_round.name,
            response.team.id,
            response.team.display_name,
            response.team.municipality.name,
            response_id,
            response.status,
            _timestamp(response.submitted_at),
            item_key,
            value,
        )


def export_csv(session: Session, survey_round: SurveyRound) -> bytes:
    """Return the round's answers as long-format CSV (see ``rows_to_csv``)."""
    return rows_to_csv(CSV_COLUMNS, long_rows(session, survey_round))


def rows_to_csv(header: tuple[str, ...], rows: Iterable[tuple[Any, ...]]) -> bytes:
    """Return a table as neutralised CSV, UTF-8 with BOM so that Excel reads the umlauts."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([neutralise_csv(cell) for cell in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")


def _append(sheet: Any, row: tuple[Any, ...]) -> None:
    sheet.append([neutralise(cell) for cell in row])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"  # text, never a formula, whatever it starts with


def export_xlsx(session: Session, survey_round: SurveyRound) -> bytes:
    """Return the round as a workbook: sheets ``round``, ``teams``, ``responses``, ``answers``."""
    workbook = Workbook()
    about = workbook.active
    about.title = "round"
    for row in (
        ("name", survey_round.name),
        ("questionnaire", f"{survey_round.questionnaire_id}@{survey_round.questionnaire_version}"),
        ("min_group_size", survey_round.min_group_size),
        ("status", survey_round.status.value),
        (
            "workshop_date",
            survey_round.workshop_date.isoformat() if survey_round.workshop_date else "",
        ),
        ("exported_at", _timestamp(utcnow())),
    ):
        _append(about, row)

    teams = workbook.create_sheet("teams")
    progress = progress_by_team(session, [team.id for team in survey_round.teams])
    _append(
        teams,
        ("team_id", "team", "municipality", "state", "kind", "invited", "started", "submitted"),
    )
    for team in survey_round.teams:
        counts = progress[team.id]
        _append(
            teams,
            (
                team.id,
                team.display_name,
                team.municipality.name,
                team.municipality.state,
                team.municipality.kind.value,
                counts.invited,
                counts.started,
                counts.submitted,
            ),
        )

    responses = workbook.create_sheet("responses")
    _append(
        responses,
        ("response_id", "team_id", "status", "started_at", "updated_at", "submitted_at", "locale"),
    )
    infos = _responses(session, survey_round)
    for info in infos:
        _append(
            responses,
            (
                info.id,
                info.team.id,
                info.status,
                _timestamp(info.started_at),
                _timestamp(info.updated_at),
                _timestamp(info.submitted_at),
                info.locale,
            ),
        )

    answers = workbook.create_sheet("answers")
    _append(answers, ("response_id", "item_key", "value"))
    for row in _answers(session, [info.id for info in infos]):
        _append(answers, row)

    for sheet in workbook.worksheets:
        sheet.freeze_panes = "A2" if sheet.title != "round" else None
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
