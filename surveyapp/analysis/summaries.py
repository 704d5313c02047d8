"""Which result table summarises each item type: one exhaustive dispatch.

A new item type added to the questionnaire model without a summary here fails loudly
(``assert_never`` for the type checker; tests/test_analysis_api.py runs it over every type).
"""

from __future__ import annotations

from typing import assert_never

from surveyapp.questionnaire import ItemType


def summary_table_of(item_type: ItemType) -> str:
    """Return the name of the TeamAnalysis attribute that summarises items of ``item_type``."""
    match item_type:
        case ItemType.LIKERT:
            return "items"
        case ItemType.IMPORTANCE_PERFORMANCE:
            return "functions"
        case ItemType.SINGLE_CHOICE | ItemType.MULTI_CHOICE:
            return "choices"
        case ItemType.RANKING:
            return "ranking"
        case ItemType.TEXT:
            return "open_answers"
        case ItemType.NUMBER:
            return "numbers"
        case _:
            assert_never(item_type)
