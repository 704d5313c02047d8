"""The answers frame turned into numeric respondent × item matrices, once per analysis."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from surveyapp.analysis.frame import attribute_keys
from surveyapp.analysis.summaries import summary_table_of
from surveyapp.questionnaire import ItemType, Questionnaire
from surveyapp.questionnaire.model import NO_ANSWER_OPTION


@dataclass(frozen=True)
class Matrix:
    """Ratings of some items by every respondent: values 1–5 (NaN if none) and "cannot judge"."""

    keys: tuple[str, ...]
    values: np.ndarray  # (respondents, items) float, NaN where no valid rating
    na: np.ndarray  # (respondents, items) bool, True where "cannot judge"


@dataclass(frozen=True)
class Prepared:
    """A round's answers, ready for vectorised statistics."""

    questionnaire: Questionnaire
    k: int
    #: Every team of the round in ascending id order (also those without responses).
    team_ids: np.ndarray
    #: One row per respondent (index response_id): team_id, team (position in team_ids),
    #: and one column per attribute (skipped compare attributes filled with "keine_angabe").
    respondents: pd.DataFrame
    likert: Matrix
    importance: Matrix
    performance: Matrix
    #: The rows of the other item types (choices, ranking, text, number), not hidden ones
    #: excepted: columns response_id, team_id, item_key, value, hidden.
    rest: pd.DataFrame

    @property
    def team_sizes(self) -> np.ndarray:
        """Submitted responses per team, aligned with ``team_ids``."""
        return np.bincount(self.respondents["team"].to_numpy(), minlength=len(self.team_ids))

    def team_position(self, team_id: int) -> int:
        """Return the position of ``team_id`` in ``team_ids`` (KeyError if unknown)."""
        position = int(np.searchsorted(self.team_ids, team_id))
        if position >= len(self.team_ids) or self.team_ids[position] != team_id:
            raise KeyError(team_id)
        return position


def _matrix(
    keys: tuple[str, ...],
    rows: np.ndarray,
    columns: np.ndarray,
    values: np.ndarray,
    na: np.ndarray,
    respondents: int,
) -> Matrix:
    matrix = np.full((respondents, len(keys)), np.nan)
    cannot = np.zeros((respondents, len(keys)), dtype=bool)
    valid = (values >= 1) & (values <= 5) & (values == np.floor(values))
    matrix[rows[valid], columns[valid]] = values[valid]
    cannot[rows[na], columns[na]] = True
    return Matrix(keys, matrix, cannot)


_MISSING = -1.0
_ITEMS, _FUNCTIONS, _OTHER, _NONE = 0, 1, 2, 3


def _numbers(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Ratings as floats (NaN where none) and the "cannot judge" flags (stored null)."""
    try:
        numbers = np.array(values, dtype=float)  # None becomes NaN
    except (TypeError, ValueError):  # a stray non-number: treated as no answer
        numbers = pd.to_numeric(pd.Series(values, dtype=object), errors="coerce").to_numpy(float)
    return numbers, np.equal(values, None)


def _half(values: np.ndarray, part: str) -> tuple[np.ndarray, np.ndarray]:
    """One half of importance–performance dicts: numbers and "cannot judge" (null)."""
    halves = np.array(
        [value.get(part, _MISSING) if value.__class__ is dict else _MISSING for value in values],
        dtype=object,
    )
    numbers, na = _numbers(halves)
    numbers[numbers == _MISSING] = np.nan
    return numbers, na


def _columns(all_keys: list[str], keys: tuple[str, ...]) -> np.ndarray:
    """Map item codes (positions in ``all_keys``) to columns of a matrix over ``keys``."""
    lookup = np.full(len(all_keys), -1, dtype=np.int64)
    for column, key in enumerate(keys):
        lookup[all_keys.index(key)] = column
    return lookup


def prepare(
    questionnaire: Questionnaire, answers: pd.DataFrame, k: int, teams: Iterable[int] = ()
) -> Prepared:
    """Turn the long answers frame into matrices; ``teams`` adds teams without responses."""
    if k < 2:
        raise ValueError(f"k must be at least 2, got {k}")
    items = questionnaire.items
    all_keys = [item.key for item in items]
    tables = [summary_table_of(item.type) for item in items]
    kind_of = np.array(
        [_ITEMS if t == "items" else _FUNCTIONS if t == "functions" else _OTHER for t in tables]
        + [_NONE]
    )
    codes = pd.Index(all_keys).get_indexer(answers["item_key"]).astype(np.int64)
    kinds = kind_of[codes]  # code -1 picks _NONE

    first = answers.drop_duplicates("response_id")
    team_ids = np.union1d(
        np.unique(first["team_id"].to_numpy(np.int64)), np.asarray(list(teams), dtype=np.int64)
    )
    respondents = pd.DataFrame(
        {"team_id": first["team_id"].to_numpy(np.int64)},
        index=pd.Index(first["response_id"].to_numpy(np.int64), name="response_id"),
    )
    respondents["team"] = np.searchsorted(team_ids, respondents["team_id"].to_numpy())
    for item in questionnaire.attributes:
        column = first[item.key].to_numpy(object) if item.key in first else None
        if column is None:
            column = np.full(len(first), None, dtype=object)
        if item.compare:
            column = np.where(pd.isna(column), NO_ANSWER_OPTION, column)
        respondents[item.key] = column
    attribute_keys(questionnaire)

    row_of = pd.Index(respondents.index)
    rows = row_of.get_indexer(answers["response_id"].to_numpy(np.int64))
    values = answers["value"].to_numpy(object)
    count = len(respondents)

    likert_keys = tuple(item.key for item in items if item.type == ItemType.LIKERT)
    mask = kinds == _ITEMS
    numbers, na = _numbers(values[mask])
    columns = _columns(all_keys, likert_keys)[codes[mask]]
    likert = _matrix(likert_keys, rows[mask], columns, numbers, na, count)

    function_keys = tuple(item.key for item in questionnaire.functions)
    mask = kinds == _FUNCTIONS
    function_columns = _columns(all_keys, function_keys)[codes[mask]]
    halves = {}
    for part in ("importance", "performance"):
        numbers, na = _half(values[mask], part)
        halves[part] = _matrix(function_keys, rows[mask], function_columns, numbers, na, count)

    rest_mask = kinds == _OTHER
    rest = answers.loc[rest_mask, ["response_id", "team_id", "item_key", "value", "hidden"]]
    return Prepared(
        questionnaire=questionnaire,
        k=k,
        team_ids=team_ids,
        respondents=respondents,
        likert=likert,
        importance=halves["importance"],
        performance=halves["performance"],
        rest=rest.reset_index(drop=True),
    )
