"""The aggregated results as flat tables for CSV and XLSX: one sheet per part, one row per
team and item / dimension / function; withheld figures empty, with the reason beside them."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from surveyapp.analysis.round import RoundAnalysis
from surveyapp.analysis.suppression import Reason, reason_sentence

PART_COLUMNS: dict[str, tuple[str, ...]] = {
    "items": (
        "item_key", "label", "dimension", "reverse", "n", "n_na", "mean", "median", "sd",
        "count_1", "count_2", "count_3", "count_4", "count_5", "cns", "ad", "disputed", "level",
    ),
    "dimensions": (
        "dimension", "label", "n_items", "n", "mean", "median", "sd",
        "count_1", "count_2", "count_3", "count_4", "count_5", "cns", "ad", "disputed", "level",
    ),
    "functions": (
        "item_key", "label", "n_importance", "n_na_importance", "n_performance",
        "n_na_performance", "importance", "performance", "gap", "sd_importance",
        "sd_performance", "disputed_importance", "disputed_performance", "placed", "quadrant",
        "borderline", "score", "priority_rank", "filled_up",
    ),
}  # fmt: skip
TEAM_COLUMNS = ("team_id", "team", "team_n")
REASON_COLUMNS = ("reason", "reason_text")


def export_tables(
    analysis: RoundAnalysis, team_names: Mapping[int, str], locale: str = "de"
) -> dict[str, pd.DataFrame]:
    """Return the sheets ``items``, ``dimensions`` and ``functions`` of every team."""
    questionnaire = analysis.questionnaire
    sources = {
        "items": analysis.items,
        "dimensions": analysis.dimensions,
        "functions": analysis.functions,
    }
    sheets = {}
    for part, table in sources.items():
        key = "dimension" if part == "dimensions" else "item_key"
        if part == "dimensions":
            labels = {name: text.get(locale) for name, text in questionnaire.dimensions.items()}
        else:
            labels = {item.key: item.label.get(locale) for item in questionnaire.items}
        sheet = table.assign(
            label=table[key].map(labels),
            team=table["team_id"].map(team_names),
            team_n=table["team_id"].map(analysis.team_sizes),
            reason_text=table["reason"].map(
                lambda reason: (
                    reason_sentence(Reason(reason), analysis.k, locale)
                    if isinstance(reason, str)
                    else None
                )
            ),
        )
        sheets[part] = sheet.loc[:, [*TEAM_COLUMNS, *PART_COLUMNS[part], *REASON_COLUMNS]]
    return sheets


def combined_table(sheets: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """All sheets in one long table with a ``part`` column (for the single CSV file)."""
    frames = []
    for part, sheet in sheets.items():
        key = "dimension" if part == "dimensions" else "item_key"
        frames.append(sheet.rename(columns={key: "key"}).assign(part=part))
    combined = pd.concat(frames, ignore_index=True)
    first = ["team_id", "team", "team_n", "part", "key", "label"]
    rest = [c for c in combined.columns if c not in first and c not in REASON_COLUMNS]
    return combined.loc[:, [*first, *rest, *REASON_COLUMNS]]
