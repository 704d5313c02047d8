"""Cells and tables for spreadsheets: formula-safe, valid XLSX text, German CSV and times.

Every text cell that a spreadsheet could read as a formula (starting with ``= + - @``, a tab
or a carriage return) gets a leading apostrophe, in CSV and XLSX alike. Excel with German
regional settings splits a CSV line at semicolons whatever the quoting, so in CSV a formula
character right after a semicolon gets one too. XLSX cells never hold the control characters
the file format forbids: one pasted character must not break a whole export.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

LOCAL_TIME = ZoneInfo("Europe/Berlin")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Where a cell would begin for a spreadsheet that splits at ";": the formula start after it.
_AFTER_SEMICOLON = re.compile(r"(;\s*)(?=[=+\-@])")
DATE_TIME_FORMAT = "DD.MM.YYYY HH:MM"


# --- cells -----------------------------------------------------------------------------------


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


def xlsx_text(value: str) -> str:
    """Drop the control characters an XLSX file cannot hold (tab and line breaks stay)."""
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def local_time(value: datetime | None) -> datetime | None:
    """Return a stored UTC time as German local time without a zone (what a sheet shows)."""
    if value is None:
        return None
    return value.astimezone(LOCAL_TIME).replace(tzinfo=None)


def csv_cell(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.strftime("%d.%m.%Y %H:%M:%S")
    if isinstance(value, float):
        return (
            f"{value:g}".replace(".", ",") if value.is_integer() else str(value).replace(".", ",")
        )
    return neutralise_csv(value)


def rows_to_csv(header: tuple[str, ...], rows: Iterable[Iterable[Any]]) -> bytes:
    """Return a table as CSV for German spreadsheets: ``;``, UTF-8 with BOM, safe cells."""
    return render_csv(header, ([csv_cell(cell) for cell in row] for row in rows))


def render_csv(header: tuple[str, ...], rows: Iterable[Iterable[Any]]) -> bytes:
    """Return rows whose cells went through ``csv_cell`` already as German CSV bytes."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


#: Short texts (codes, column names, statuses) and numbers repeat row after row: each gets
#: one cell object, which a write-only sheet serialises anew wherever it is appended.
_CACHED_TEXT_LENGTH = 40


def _new_cell(sheet: Any, value: Any) -> Any:
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value=neutralise(xlsx_text(value)))
        cell.data_type = "s"  # text, never a formula, whatever it starts with
    elif isinstance(value, datetime):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DATE_TIME_FORMAT
    else:
        cell = WriteOnlyCell(sheet, value=value)
    return cell


def xlsx_row(sheet: Any, row: Iterable[Any], cache: dict[Any, Any] | None = None) -> list[Any]:
    """Return a row for a write-only sheet: text typed as text, dates formatted.

    Every value becomes a cell object: openpyxl writes a plain value into the cell object
    that precedes it in the row, which would change a cell kept for reuse.
    """
    out: list[Any] = []
    for column, value in enumerate(row):
        if value is None:
            out.append(None)
            continue
        reusable = cache is not None and (
            (isinstance(value, str) and len(value) <= _CACHED_TEXT_LENGTH)
            or (isinstance(value, int | float) and not isinstance(value, bool))
        )
        key = (column, type(value), value)  # never the same cell object twice in a row
        cell = cache.get(key) if reusable and cache is not None else None
        if cell is None:
            cell = _new_cell(sheet, value)
            if reusable and cache is not None:
                cache[key] = cell
        elif isinstance(value, str):
            # openpyxl marks the cell before the next one as a number when it moves on
            cell.data_type = "s"
        out.append(cell)
    return out


def write_sheet(
    workbook: Workbook,
    title: str,
    header_rows: list[tuple[Any, ...]],
    rows: Iterable[tuple[Any, ...]],
) -> None:
    """Add one sheet to a write-only workbook: header rows frozen on top, then the rows."""
    sheet = workbook.create_sheet(title)
    if header_rows:
        sheet.freeze_panes = f"A{len(header_rows) + 1}"
    for row in header_rows:
        sheet.append(xlsx_row(sheet, row))
    # A write-only sheet writes each row as it is appended, so a cell object may recur.
    cache: dict[Any, Any] = {}
    for row in rows:
        sheet.append(xlsx_row(sheet, row, cache))
