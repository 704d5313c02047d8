"""Every place that treats item types differently handles every type (a new one fails loudly)."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from surveyapp.demo.answers import sample_answer
from surveyapp.participant.form import (
    anchor_id,
    form_state,
    item_field_names,
    item_state,
    parse_section,
)
from surveyapp.participant.merge import required_error
from surveyapp.participant.progress import describe_answer
from surveyapp.questionnaire import Item, ItemType, Option, Section, Text, parse_questionnaire
from surveyapp.questionnaire.codebook import cells, codebook_rows, variables
from surveyapp.questionnaire.items import TYPE_FIELDS
from surveyapp.questionnaire.model import BUILTIN_SCALES, Questionnaire
from surveyapp.questionnaire.timing import item_seconds
from tests.questionnaire_texts import VALID

ROOT = Path(__file__).resolve().parent.parent
OPTIONS = (Option("a", Text("A", "A")), Option("b", Text("B", "B")), Option("c", Text("C", "C")))

#: One item of every type with a valid stored value; a new type must be added here first.
EXAMPLES: dict[ItemType, tuple[Item, Any]] = {
    ItemType.LIKERT: (
        Item("l", ItemType.LIKERT, Text("L", "L"), scale=BUILTIN_SCALES["agreement"]),
        3,
    ),
    ItemType.IMPORTANCE_PERFORMANCE: (
        Item(
            "ip",
            ItemType.IMPORTANCE_PERFORMANCE,
            Text("IP", "IP"),
            importance_scale=BUILTIN_SCALES["importance"],
            performance_scale=BUILTIN_SCALES["performance"],
        ),
        {"importance": 4, "performance": 2},
    ),
    ItemType.SINGLE_CHOICE: (
        Item("s", ItemType.SINGLE_CHOICE, Text("S", "S"), options=OPTIONS),
        "b",
    ),
    ItemType.MULTI_CHOICE: (
        Item("m", ItemType.MULTI_CHOICE, Text("M", "M"), options=OPTIONS, max_choices=2),
        ["a", "c"],
    ),
    ItemType.RANKING: (
        Item("r", ItemType.RANKING, Text("R", "R"), options=OPTIONS, top_n=2),
        ["c", "a"],
    ),
    ItemType.TEXT: (Item("t", ItemType.TEXT, Text("T", "T"), max_length=20), "Zeile 1\nZeile 2"),
    ItemType.NUMBER: (Item("n", ItemType.NUMBER, Text("N", "N"), min=0, max=10), 2.5),
}


def _message(item: Item) -> str:
    from surveyapp import create_app
    from surveyapp.views.participant.messages import error_message
    from tests.conftest import BASE_CONFIG

    app = create_app({**BASE_CONFIG, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    with app.test_request_context():
        return error_message(required_error(item), item, "de")


def _page(item: Item) -> Section:
    return Section("page", Text("P", "P"), (item,))


def _round_trip(item: Item, value: Any) -> Any:
    section = _page(item)
    page = parse_section(section, form_state(section, {item.key: value}))
    assert page.errors == {}
    return page.values[item.key]


def _codebook_explains(item: Item) -> bool:
    text = Text("Q", "Q")
    questionnaire = Questionnaire("q", 1, text, text, text, 1, (_page(item),), "", ROOT)
    rows = list(codebook_rows(questionnaire, k=3))
    return len(rows) == len(variables(item)) and all(row[3] and row[4] and row[7] for row in rows)


def _cells_fill_the_columns(item: Item, value: Any) -> bool:
    filled = cells(item, value)
    return bool(filled) and set(filled) <= {variable.name for variable in variables(item)}


DISPATCHERS: dict[str, Callable[[Item, Any], object]] = {
    "Item.check_value": lambda item, value: item.check_value(value) == [],
    "form.anchor_id": lambda item, value: anchor_id(item).startswith(f"q_{item.key}"),
    "form.item_field_names": lambda item, value: bool(item_field_names(item)),
    "form.item_state": lambda item, value: bool(item_state(item, value)),
    "form.parse_section": lambda item, value: _round_trip(item, value) == value,
    "progress.describe_answer": lambda item, value: bool(describe_answer(item, value, "en")),
    "views.participant.messages (required)": lambda item, value: bool(_message(item)),
    "codebook (variables, labels, codes)": lambda item, value: _codebook_explains(item),
    "codebook.cells": _cells_fill_the_columns,
    "timing.item_seconds": lambda item, value: item_seconds(item) > 0,
    "demo.answers.sample_answer": lambda item, value: (
        item.check_value(sample_answer(item, random.Random(1))) == []
    ),
}


def test_every_item_type_has_an_example():
    assert set(EXAMPLES) == set(ItemType)


@pytest.mark.parametrize("dispatcher", DISPATCHERS)
@pytest.mark.parametrize("item_type", list(ItemType))
def test_every_dispatcher_handles_every_item_type(dispatcher, item_type):
    item, value = EXAMPLES[item_type]
    assert DISPATCHERS[dispatcher](item, value)


def test_the_loader_reads_every_item_type():
    assert set(TYPE_FIELDS) == set(ItemType)
    questionnaire = parse_questionnaire(VALID)
    assert {item.type for item in questionnaire.items} == set(ItemType)


def test_the_item_template_has_a_branch_for_every_type_and_no_silent_default():
    template = (ROOT / "surveyapp/templates/participant/_items.html").read_text(encoding="utf-8")
    macro = template[template.index("{% macro item_field(item) %}") :]
    branches = re.findall(r'item\.type == "(\w+)"', macro)
    assert sorted(branches) == sorted(ItemType)
    assert "{% else %}{{ pf.unknown_item_type(item) }}" in macro


def test_an_unknown_item_type_fails_when_the_item_is_made():
    with pytest.raises(ValueError, match="slider"):
        Item("x", "slider", Text("X", "X"))


def test_item_types_compare_equal_to_their_names():
    assert ItemType.LIKERT == "likert" and f"{ItemType.RANKING}" == "ranking"
    assert Item("x", "likert", Text("X", "X")).type is ItemType.LIKERT
