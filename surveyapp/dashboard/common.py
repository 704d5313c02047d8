"""Small helpers every page builder shares: labels from the questionnaire, cells, tables."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd
from plotly.graph_objects import Figure

from surveyapp.analysis import reason_sentence
from surveyapp.analysis.suppression import Reason
from surveyapp.analysis.text import pick
from surveyapp.charts.panel import Column, Panel, Table, figure_json
from surveyapp.charts.web.base import mean_text as cached_mean
from surveyapp.questionnaire import Questionnaire

Words = tuple[str, str]
DIMENSION: Words = ("Dimension", "Dimension")
FUNCTION: Words = ("Funktion", "Function")
STATEMENT: Words = ("Aussage", "Statement")
TEAM: Words = ("Team", "Team")
N: Words = ("n", "n")
MEAN: Words = ("Mittelwert", "Mean")
NOTE: Words = ("Hinweis", "Note")


def is_missing(value: Any) -> bool:
    """None, NaN or pandas' NA: a figure that is not there."""
    return value is None or (not isinstance(value, str | tuple | list) and bool(pd.isna(value)))


def mean_or_none(value: Any) -> float | None:
    return None if is_missing(value) else float(value)


def count_text(value: Any) -> str:
    return "–" if is_missing(value) else str(int(value))


def mean_text(value: Any, locale: str) -> str:
    return cached_mean(mean_or_none(value), locale)


def why(reason: Any, k: int, locale: str) -> str:
    """The sentence for a reason value from a table ('' when the row is shown)."""
    return (
        "" if is_missing(reason) or reason is None else reason_sentence(Reason(reason), k, locale)
    )


def dimension_label(questionnaire: Questionnaire, key: str, locale: str) -> str:
    text = questionnaire.dimensions.get(key)
    return text.get(locale) if text is not None else key


def item_label(questionnaire: Questionnaire, key: str, locale: str) -> str:
    try:
        return questionnaire.item(key).label.get(locale)
    except KeyError:
        return key


def columns(locale: str, *spec: tuple[Words, bool]) -> tuple[Column, ...]:
    return tuple(Column(pick(words, locale), numeric) for words, numeric in spec)


def table(caption: str, cols: Sequence[Column], rows: Iterable[Sequence[str]]) -> Table:
    return Table(caption, tuple(cols), tuple(tuple(row) for row in rows))


def panel(key: str, figure: Figure | None, data: Table | None, locale: str) -> Panel:
    return Panel(key, figure_json(figure, locale) if figure is not None else None, data)


def by_key(frame: pd.DataFrame, column: str) -> dict[str, Any]:
    """Rows of a table by the value of ``column`` (as named tuples)."""
    return {str(getattr(row, column)): row for row in frame.itertuples(index=False)}
