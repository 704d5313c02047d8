"""Perspectives (ANALYSIS.md §5): comparable groups of an attribute, with complementary
suppression — a breakdown is shown only when every group with a valid answer reaches k."""

from __future__ import annotations

import numpy as np
import pandas as pd

from surveyapp.analysis.labels import Kind
from surveyapp.analysis.prepared import Prepared
from surveyapp.analysis.results import PERSPECTIVE_COLUMNS
from surveyapp.analysis.suppression import Part, Reason, Suppression


def _sources(prepared: Prepared, scores: pd.DataFrame, rows: np.ndarray):
    """(kind, key) labels and the team's values for every figure that can be broken down."""
    labels: list[tuple[str, str]] = []
    blocks = []
    for kind, matrix in (
        (Kind.ITEM, prepared.likert),
        (Kind.IMPORTANCE, prepared.importance),
        (Kind.PERFORMANCE, prepared.performance),
    ):
        labels.extend((kind.value, key) for key in matrix.keys)
        blocks.append(matrix.values[rows])
    labels.extend((Kind.DIMENSION.value, key) for key in scores.columns)
    blocks.append(scores.to_numpy(float)[rows])
    return labels, np.hstack(blocks) if blocks else np.empty((len(rows), 0))


def perspectives(
    prepared: Prepared, scores: pd.DataFrame, team_id: int
) -> tuple[pd.DataFrame, tuple[Suppression, ...]]:
    """The shown group means of a team that reaches k, and the withheld breakdowns."""
    k = prepared.k
    position = prepared.team_position(team_id)
    rows = np.flatnonzero(prepared.respondents["team"].to_numpy() == position)
    if len(rows) < k or not prepared.questionnaire.comparable_attributes:
        return pd.DataFrame(columns=list(PERSPECTIVE_COLUMNS)), ()
    labels, values = _sources(prepared, scores, rows)
    valid = ~np.isnan(values)
    records = []
    withheld = []
    for attribute in prepared.questionnaire.comparable_attributes:
        group = prepared.respondents[attribute.key].to_numpy(object)[rows]
        present = {str(name) for name in group}
        names = [key for key in attribute.option_keys if key in present]
        names += sorted(present - set(names))  # values no option has (kept as groups)
        member = np.array([[str(g) == name for g in group] for name in names])  # (groups, rows)
        counts = member.astype(np.int64) @ valid.astype(np.int64)  # (groups, figures)
        sums = member.astype(float) @ np.where(valid, values, 0.0)
        squares = member.astype(float) @ np.where(valid, values, 0.0) ** 2
        compared = np.array([name in attribute.compare for name in names])
        small = ((counts > 0) & (counts < k)).any(axis=0)
        shown_groups = ((counts > 0) & compared[:, None]).sum(axis=0)
        total = counts.sum(axis=0)
        for column, (kind, key) in enumerate(labels):
            if total[column] < k:
                continue  # the figure itself is withheld for the team, with its own reason
            if small[column] or shown_groups[column] < 2:
                reason = Reason.SMALL_GROUP if small[column] else Reason.ONE_GROUP
                withheld.append(
                    Suppression(Part.PERSPECTIVE, f"{kind}:{key}", reason, k, attribute.key)
                )
                continue
            for index, name in enumerate(names):
                n = int(counts[index, column])
                if not compared[index] or n == 0:
                    continue
                mean = sums[index, column] / n
                variance = (squares[index, column] - n * mean**2) / (n - 1) if n > 1 else np.nan
                sd = float(np.sqrt(max(variance, 0.0))) if n > 1 else np.nan
                records.append((team_id, attribute.key, kind, key, name, n, mean, sd))
    return pd.DataFrame(records, columns=list(PERSPECTIVE_COLUMNS)), tuple(withheld)
