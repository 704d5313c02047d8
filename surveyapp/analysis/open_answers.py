"""Open answers (ANALYSIS.md §8): non-empty, not hidden, alphabetical, without attributes."""

from __future__ import annotations

from surveyapp.analysis.prepared import Prepared
from surveyapp.analysis.results import OpenAnswers
from surveyapp.analysis.suppression import Reason

#: Per team id and text item: the visible non-empty answers and how many were hidden.
Texts = dict[int, dict[str, tuple[list[str], int]]]


def texts_by_team(prepared: Prepared) -> Texts:
    """Every non-empty open answer, grouped by team and item (hidden ones only counted)."""
    keys = {item.key for item in prepared.questionnaire.items if item.type == "text"}
    rest = prepared.rest
    rows = rest.loc[rest["item_key"].isin(keys)]
    grouped: Texts = {}
    for team_id, key, value, hidden in zip(
        rows["team_id"], rows["item_key"], rows["value"], rows["hidden"], strict=True
    ):
        text = value.strip() if isinstance(value, str) else ""
        if not text:
            continue
        visible, hidden_count = grouped.setdefault(int(team_id), {}).get(key, ([], 0))
        if hidden:
            hidden_count += 1
        else:
            visible.append(text)
        grouped[int(team_id)][key] = (visible, hidden_count)
    return grouped


def alphabetical(texts: list[str]) -> tuple[str, ...]:
    """Sort case-insensitively (ties by the exact text): an order that reveals nothing."""
    return tuple(sorted(texts, key=lambda text: (text.casefold(), text)))


def open_answers(
    prepared: Prepared,
    team_id: int,
    *,
    below_k: bool = False,
    only_consultation: bool = False,
    texts: Texts | None = None,
) -> tuple[OpenAnswers, ...]:
    """The team's answers per text item; withheld for a team under k unless ``below_k``.

    ``below_k`` is for the facilitator's workshop brief only (the facilitator can already see
    all answers); a team's own report and dashboard page never pass it.
    """
    size = int(prepared.team_sizes[prepared.team_position(team_id)])
    shown = below_k or size >= prepared.k
    by_team = texts if texts is not None else texts_by_team(prepared)
    team_texts = by_team.get(team_id, {})
    result = []
    for item in prepared.questionnaire.items:
        if item.type != "text" or (only_consultation and not item.consultation):
            continue
        visible, hidden = team_texts.get(item.key, ([], 0))
        result.append(
            OpenAnswers(
                item_key=item.key,
                consultation=item.consultation,
                answers=alphabetical(visible) if shown else (),
                hidden=hidden,
                reason=None if shown else Reason.TEAM_BELOW_K.value,
            )
        )
    return tuple(result)
