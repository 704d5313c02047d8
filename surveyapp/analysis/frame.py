"""The long answers frame the analysis takes in, and how to build one.

One row per stored answer of a *submitted* response:

==============  =======  ===========================================================
column          dtype    meaning
==============  =======  ===========================================================
response_id     int64    the response (one respondent)
team_id         int64    the response's team
item_key        object   the questionnaire item; None for a response without answers
value           object   the JSON value as stored (int, dict, list, str, float, None)
hidden          bool     a facilitator hid this (open) answer from the team's results
<attribute>     object   one column per attribute item (its key): the respondent's
                         option key, or None when they skipped it
==============  =======  ===========================================================

Drafts never belong in it: the loader selects submitted responses only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from surveyapp.questionnaire import Questionnaire

ANSWER_COLUMNS = ("response_id", "team_id", "item_key", "value", "hidden")
Row = tuple[int, int, str | None, Any, bool]


def attribute_keys(questionnaire: Questionnaire) -> tuple[str, ...]:
    """Return the attribute item keys, which become columns of the frame."""
    keys = tuple(item.key for item in questionnaire.attributes)
    clash = sorted(set(keys) & set(ANSWER_COLUMNS))
    if clash:
        raise ValueError(f"attribute keys clash with frame columns: {', '.join(clash)}")
    return keys


def answers_frame(rows: Iterable[Row], questionnaire: Questionnaire) -> pd.DataFrame:
    """Build the answers frame from ``(response_id, team_id, item_key, value, hidden)`` rows.

    The attribute columns are taken from the rows of the attribute items themselves.
    """
    return frame_from_columns(*columns_of(rows), questionnaire=questionnaire)


def columns_of(rows: Iterable[Sequence[Any]], width: int = 5) -> list[list[Any]]:
    """Transpose rows into columns (``zip(*rows)`` is slow for hundreds of thousands)."""
    rows = rows if isinstance(rows, list) else list(rows)
    return [[row[index] for row in rows] for index in range(width)]


def frame_from_columns(
    response_ids: Sequence[int],
    team_ids: Sequence[int],
    keys: Sequence[str | None],
    values: Sequence[Any],
    hidden: Sequence[bool | None],
    *,
    questionnaire: Questionnaire,
) -> pd.DataFrame:
    """Build the answers frame from its five columns (what the loader reads)."""
    value_column = np.empty(len(values), dtype=object)
    value_column[:] = values
    frame = pd.DataFrame(
        {
            "response_id": np.asarray(response_ids, dtype=np.int64),
            "team_id": np.asarray(team_ids, dtype=np.int64),
            "item_key": np.asarray(keys, dtype=object),
            "value": value_column,
            "hidden": np.asarray([bool(flag) for flag in hidden], dtype=bool),
        }
    )
    return with_attributes(frame, questionnaire)


def with_attributes(frame: pd.DataFrame, questionnaire: Questionnaire) -> pd.DataFrame:
    """Add one column per attribute item holding each respondent's answer (or None)."""
    for key in attribute_keys(questionnaire):
        chosen = frame.loc[frame["item_key"] == key, ["response_id", "value"]]
        by_response = dict(zip(chosen["response_id"], chosen["value"], strict=True))
        frame[key] = frame["response_id"].map(by_response).astype(object)
        frame[key] = frame[key].where(frame[key].notna(), None)
    return frame


def frame_from_dict(
    questionnaire: Questionnaire,
    teams: Mapping[int, Sequence[Mapping[str, Any]]],
    hidden: Iterable[tuple[int, str]] = (),
) -> pd.DataFrame:
    """Build a frame from ``{team_id: [{item_key: value, …} per respondent]}`` (for tests).

    Responses are numbered 1, 2, … in the given order; ``hidden`` lists
    ``(response_id, item_key)`` pairs hidden by the facilitator.
    """
    hidden_pairs = set(hidden)
    rows: list[Row] = []
    response_id = 0
    for team_id, respondents in teams.items():
        for answers in respondents:
            response_id += 1
            if not answers:
                rows.append((response_id, team_id, None, None, False))
            for key, value in answers.items():
                rows.append((response_id, team_id, key, value, (response_id, key) in hidden_pairs))
    return answers_frame(rows, questionnaire)


def empty_frame(questionnaire: Questionnaire) -> pd.DataFrame:
    """Return an answers frame without rows (a round nobody has submitted in yet)."""
    return answers_frame((), questionnaire)
