"""Questionnaires as versioned YAML files: the model, its validating loader and a registry."""

from __future__ import annotations

from surveyapp.questionnaire.errors import (
    Problem,
    QuestionnaireChanged,
    QuestionnaireError,
    UnknownQuestionnaire,
)
from surveyapp.questionnaire.loader import load_questionnaire, parse_questionnaire
from surveyapp.questionnaire.model import (
    CANNOT_JUDGE,
    IMPORTANCE_QUESTION,
    ITEM_TYPES,
    PERFORMANCE_QUESTION,
    Item,
    ItemType,
    Option,
    Questionnaire,
    Section,
    Text,
)
from surveyapp.questionnaire.registry import QuestionnaireRegistry, parse_ref

__all__ = [
    "CANNOT_JUDGE",
    "IMPORTANCE_QUESTION",
    "ITEM_TYPES",
    "PERFORMANCE_QUESTION",
    "Item",
    "ItemType",
    "Option",
    "Problem",
    "Questionnaire",
    "QuestionnaireChanged",
    "QuestionnaireError",
    "QuestionnaireRegistry",
    "Section",
    "Text",
    "UnknownQuestionnaire",
    "load_questionnaire",
    "parse_questionnaire",
    "parse_ref",
]
