"""Where a participant stands: the step of a section, where to resume, what is missing."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, assert_never

from surveyapp.participant.form import format_number
from surveyapp.questionnaire.model import (
    IMPORTANCE_QUESTION,
    IP_PARTS,
    PERFORMANCE_QUESTION,
    Item,
    ItemType,
    Questionnaire,
    Section,
)


def step_of(questionnaire: Questionnaire, section_key: str) -> int:
    """Return the 1-based step number of a section."""
    for number, section in enumerate(questionnaire.sections, start=1):
        if section.key == section_key:
            return number
    raise KeyError(section_key)


def neighbours(questionnaire: Questionnaire, section_key: str) -> tuple[str | None, str | None]:
    """Return the keys of the sections before and after (None at either end)."""
    keys = [section.key for section in questionnaire.sections]
    index = keys.index(section_key)
    before = keys[index - 1] if index > 0 else None
    after = keys[index + 1] if index + 1 < len(keys) else None
    return before, after


def resume_section(questionnaire: Questionnaire, completed: Iterable[str]) -> str | None:
    """Return the first section not yet completed, or None when all are (go to the review)."""
    done = set(completed)
    for section in questionnaire.sections:
        if section.key not in done:
            return section.key
    return None


@dataclass(frozen=True)
class Missing:
    """A required item without an answer, with the section to go back to."""

    section: Section
    item: Item


def missing_required(questionnaire: Questionnaire, answers: Mapping[str, Any]) -> list[Missing]:
    """Return the required items without an answer, in questionnaire order."""
    return [
        Missing(section, item)
        for section in questionnaire.sections
        for item in section.items
        if item.required and item.key not in answers
    ]


def _rating(point: int, labels: tuple[Any, ...], locale: str) -> str:
    label = labels[point - 1].get(locale) if 0 < point <= len(labels) else ""
    return f"{point} – {label}" if label else str(point)


def describe_answer(item: Item, value: Any, locale: str = "de") -> list[str]:
    """Return an answer as lines of readable text, for the review page."""
    match item.type:
        case ItemType.LIKERT:
            if value is None:
                return [item.na_label.get(locale)]
            return [_rating(value, item.scale, locale)]
        case ItemType.IMPORTANCE_PERFORMANCE:
            scales = {"importance": item.importance_scale, "performance": item.performance_scale}
            questions = {"importance": IMPORTANCE_QUESTION, "performance": PERFORMANCE_QUESTION}
            return [
                f"{questions[part].get(locale)}: "
                + (
                    item.na_label.get(locale)
                    if value.get(part) is None
                    else _rating(value[part], scales[part], locale)
                )
                for part in IP_PARTS
            ]
        case ItemType.SINGLE_CHOICE:
            return [item.option(value).label.get(locale)]
        case ItemType.MULTI_CHOICE:
            return [item.option(key).label.get(locale) for key in value]
        case ItemType.RANKING:
            return [
                f"{place}. {item.option(key).label.get(locale)}"
                for place, key in enumerate(value, start=1)
            ]
        case ItemType.NUMBER:
            unit = f" {item.unit.get(locale)}" if item.unit else ""
            return [f"{format_number(value, locale)}{unit}"]
        case ItemType.TEXT:
            return str(value).split("\n")
        case _:
            assert_never(item.type)
