"""Which result table summarises each item type: one exhaustive dispatch.

A new item type added to the questionnaire model without a summary here fails loudly
(``summary_table_of`` raises, and a test runs it over every type).
"""

from __future__ import annotations

from surveyapp.questionnaire.model import ITEM_TYPES


def summary_table_of(item_type: str) -> str:
    """Return the name of the TeamAnalysis attribute that summarises items of ``item_type``."""
    match item_type:
        case "likert":
            return "items"
        case "importance_performance":
            return "functions"
        case "single_choice" | "multi_choice":
            return "choices"
        case "ranking":
            return "ranking"
        case "text":
            return "open_answers"
        case "number":
            return "numbers"
        case _:
            raise ValueError(f"no analysis summarises items of type {item_type!r}")


def check_every_type_is_summarised() -> None:
    """Raise if an item type of the model has no summary (run by the tests)."""
    for item_type in ITEM_TYPES:
        summary_table_of(item_type)
