"""How long a questionnaire takes, estimated from the number and kind of its items.

Pure. The seconds per item are typical reading-and-answering times for a self-administered
web questionnaire on a computer (a rating statement about 8 s; a pair of ratings 15 s;
a choice grows with its options; an open question answered in two or three sentences
about 75 s, a short one-line answer 25 s), plus 15 s per page for its title and
introduction. The estimate is stated to participants, so the questionnaire's own
``estimated_minutes`` is checked against it (tests/test_questionnaire_v2.py).
"""

from __future__ import annotations

import math
from typing import assert_never

from surveyapp.questionnaire.model import Item, ItemType, Questionnaire

SECONDS_PER_PAGE = 15
SECONDS_PER_OPTION = 1.5


def item_seconds(item: Item) -> float:
    """Return the typical seconds to read and answer one item."""
    options = len(item.options) * SECONDS_PER_OPTION
    match item.type:
        case ItemType.LIKERT:
            return 8
        case ItemType.IMPORTANCE_PERFORMANCE:
            return 15
        case ItemType.SINGLE_CHOICE:
            return 5 + options
        case ItemType.MULTI_CHOICE:
            return 8 + options
        case ItemType.RANKING:
            return 25 + options
        case ItemType.NUMBER:
            return 12
        case ItemType.TEXT:
            return 75 if item.multiline else 25
        case _:
            assert_never(item.type)


def estimate_minutes(questionnaire: Questionnaire) -> int:
    """Return the estimated minutes, rounded up."""
    seconds = SECONDS_PER_PAGE * len(questionnaire.sections)
    seconds += sum(item_seconds(item) for item in questionnaire.items)
    return math.ceil(seconds / 60)
