"""The round's aggregated results (per team and item / dimension / function) as CSV and XLSX.

Figures withheld by the anonymity rule are empty cells with the reason beside them
(``reason``, ``reason_text``). Cells go through the raw export's functions
(``operations/spreadsheet.py``): German CSV (``;``, decimal comma, UTF-8 with BOM) and XLSX
text cells that are never formulas.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterator
from typing import Any

import pandas as pd
from openpyxl import Workbook
from sqlalchemy.orm import Session

from surveyapp.analysis.export_tables import combined_table, export_tables
from surveyapp.models import SurveyRound
from surveyapp.operations.analysis import analyse
from surveyapp.operations.spreadsheet import rows_to_csv, write_sheet
from surveyapp.questionnaire import QuestionnaireRegistry

WHOLE_NUMBERS = {
    "team_n", "n", "n_na", "n_items", "n_importance", "n_na_importance", "n_performance",
    "n_na_performance", "priority_rank", "count_1", "count_2", "count_3", "count_4", "count_5",
}  # fmt: skip


def _cell(column: str, value: Any) -> Any:
    """A plain Python value; missing figures become None (empty cells)."""
    if value is None or value is pd.NA:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if column in WHOLE_NUMBERS and value.is_integer():
            return int(value)
    return value


def _rows(table: pd.DataFrame) -> Iterator[tuple[Any, ...]]:
    columns = list(table.columns)
    for row in table.itertuples(index=False):
        yield tuple(_cell(column, value) for column, value in zip(columns, row, strict=True))


def _sheets(
    session: Session, registry: QuestionnaireRegistry, survey_round: SurveyRound
) -> dict[str, pd.DataFrame]:
    analysis = analyse(session, registry, survey_round, with_trend=False)
    names = {team.id: team.display_name for team in survey_round.teams}
    return export_tables(analysis, names)


def results_csv(
    session: Session, registry: QuestionnaireRegistry, survey_round: SurveyRound
) -> bytes:
    """All teams' results in one CSV file, one row per team and item/dimension/function."""
    table = combined_table(_sheets(session, registry, survey_round))
    return rows_to_csv(tuple(table.columns), _rows(table))


def results_xlsx(
    session: Session, registry: QuestionnaireRegistry, survey_round: SurveyRound
) -> bytes:
    """The results as a workbook with the sheets ``items``, ``dimensions``, ``functions``."""
    workbook = Workbook(write_only=True)
    for name, table in _sheets(session, registry, survey_round).items():
        write_sheet(workbook, name, [tuple(table.columns)], _rows(table))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
