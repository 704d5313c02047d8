"""Open answers (ANALYSIS.md §8): non-empty, not hidden, alphabetical, without attributes."""

from __future__ import annotations

import pandas as pd

from surveyapp.analysis.prepared import Prepared
from surveyapp.analysis.results import OpenAnswers
from surveyapp.analysis.suppression import Reason


def _texts(prepared: Prepared, team_id: int) -> pd.DataFrame:
    keys = [item.key for item in prepared.questionnaire.items if item.type == "text"]
    rest = prepared.rest
    rows = rest.loc[(rest["team_id"] == team_id) & rest["item_key"].isin(keys)]
    texts = rows["value"].map(lambda value: value.strip() if isinstance(value, str) else "")
    return rows.assign(text=texts).loc[texts != ""]


def alphabetical(texts: list[str]) -> tuple[str, ...]:
    """Sort case-insensitively (ties by the exact text): an order that reveals nothing."""
    return tuple(sorted(texts, key=lambda text: (text.casefold(), text)))


def open_answers(
    prepared: Prepared, team_id: int, *, below_k: bool = False, only_consultation: bool = False
) -> tuple[OpenAnswers, ...]:
    """The team's answers per text item; withheld for a team under k unless ``below_k``.

    ``below_k`` is for the facilitator's workshop brief only (the facilitator can already see
    all answers); a team's own report and dashboard page never pass it.
    """
    size = int(prepared.team_sizes[prepared.team_position(team_id)])
    shown = below_k or size >= prepared.k
    texts = _texts(prepared, team_id)
    result = []
    for item in prepared.questionnaire.items:
        if item.type != "text" or (only_consultation and not item.consultation):
            continue
        rows = texts.loc[texts["item_key"] == item.key]
        visible = rows.loc[~rows["hidden"].astype(bool), "text"].tolist()
        result.append(
            OpenAnswers(
                item_key=item.key,
                consultation=item.consultation,
                answers=alphabetical(visible) if shown else (),
                hidden=int(rows["hidden"].astype(bool).sum()),
                reason=None if shown else Reason.TEAM_BELOW_K.value,
            )
        )
    return tuple(result)
