"""The participant's form for one questionnaire section, built at run time from its items.

Pure: no request, no database. The view hands in the submitted fields as a mapping of
name to list of strings; this module turns them into stored answer values and field errors,
and turns stored values back into form state (what each field shows).

Field names depend on item keys only, so they stay stable across versions and languages:

==========================  ======================================  =========================
item type                   field name(s)                           submitted value(s)
==========================  ======================================  =========================
likert                      ``q_<key>``                             ``1``…``5``, ``na``
importance_performance      ``q_<key>__importance``,                ``1``…``5`` each, ``na``
                            ``q_<key>__performance``
single_choice               ``q_<key>``                             an option key
multi_choice                ``q_<key>`` (repeated)                  option keys
ranking                     ``q_<key>__1`` … ``q_<key>__N``         an option key or empty
text                        ``q_<key>``                             the text
number                      ``q_<key>``                             ``12``, ``2,5`` or ``2.5``
==========================  ======================================  =========================

Element ids: a text, number or select field has its name as id; a radio button or check box
has ``<name>-<value>``. The error message of an item has the id ``q_<key>-error``.

Every page also carries the hidden field ``_base`` (see :mod:`surveyapp.participant.merge`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NoReturn, assert_never

from surveyapp.questionnaire.model import IP_PARTS, SCALE_POINTS, Item, ItemType, Section

PREFIX = "q_"
NOT_APPLICABLE = "na"
RATINGS = tuple(str(point) for point in range(1, SCALE_POINTS + 1))
_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")

FormData = Mapping[str, Sequence[str]]
FormState = dict[str, list[str]]
#: What a parser returns for an item the participant left empty.
_EMPTY = object()


def field_name(item_key: str, part: str | int | None = None) -> str:
    """Return the form field name for an item, or for one part of it (a rating, a rank)."""
    name = f"{PREFIX}{item_key}"
    return name if part is None else f"{name}__{part}"


def option_id(name: str, value: str) -> str:
    """Return the element id of the radio button or check box for ``value``."""
    return f"{name}-{value}"


def error_id(item_key: str) -> str:
    """Return the element id of an item's error message."""
    return f"{field_name(item_key)}-error"


def ranking_positions(item: Item) -> int:
    """Return how many places a ranking item offers."""
    return item.top_n or len(item.options)


def anchor_id(item: Item) -> str:
    """Return the id of an item's first control: where an error summary link leads."""
    name = field_name(item.key)
    match item.type:
        case ItemType.LIKERT:
            return option_id(name, RATINGS[0])
        case ItemType.IMPORTANCE_PERFORMANCE:
            return option_id(field_name(item.key, IP_PARTS[0]), RATINGS[0])
        case ItemType.SINGLE_CHOICE | ItemType.MULTI_CHOICE:
            return option_id(name, item.options[0].key)
        case ItemType.RANKING:
            return field_name(item.key, 1)
        case ItemType.TEXT | ItemType.NUMBER:
            return name
        case _:
            assert_never(item.type)


def unknown_item_type(item: Item) -> NoReturn:
    """Fail loudly for an item type that the page template has no widget for."""
    raise ValueError(f"no form widget for item type {item.type!r} (item {item.key!r})")


@dataclass(frozen=True)
class FieldError:
    """A problem with one item: where it is shown and linked to, and what went wrong.

    ``code`` and ``params`` say what went wrong; the participant views turn them into a
    sentence in the participant's language (:mod:`surveyapp.views.participant.messages`).
    """

    item_key: str
    field_id: str
    code: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass
class ParsedPage:
    """A submitted page: valid answers, items left empty, items in error, what was typed."""

    values: dict[str, Any] = field(default_factory=dict)
    empty: set[str] = field(default_factory=set)
    errors: dict[str, list[FieldError]] = field(default_factory=dict)
    state: FormState = field(default_factory=dict)


class _Invalid(Exception):
    def __init__(self, error: FieldError) -> None:
        super().__init__(error.code)
        self.error = error


def _fail(item: Item, code: str, field_id: str | None = None, **params: Any) -> _Invalid:
    return _Invalid(FieldError(item.key, field_id or anchor_id(item), code, params))


def _one(data: FormData, name: str) -> str:
    values = data.get(name) or []
    return values[0].strip() if values else ""


# --- reading submitted fields ---------------------------------------------------------------


def _parse_likert(item: Item, data: FormData) -> Any:
    raw = _one(data, field_name(item.key))
    if raw == "":
        return _EMPTY
    if raw == NOT_APPLICABLE and item.allow_na:
        return None
    if raw not in RATINGS:
        raise _fail(item, "invalid")
    return int(raw)


def _parse_importance_performance(item: Item, data: FormData) -> Any:
    raw = {part: _one(data, field_name(item.key, part)) for part in IP_PARTS}
    if not any(raw.values()):
        return _EMPTY
    allowed = (*RATINGS, NOT_APPLICABLE) if item.allow_na else RATINGS
    for part in IP_PARTS:
        if raw[part] and raw[part] not in allowed:
            raise _fail(item, "invalid")
    if not raw["importance"]:
        raise _fail(item, "incomplete", missing="importance")
    if not raw["performance"]:
        field_id = option_id(field_name(item.key, "performance"), RATINGS[0])
        raise _fail(item, "incomplete", field_id, missing="performance")
    # "cannot judge" on either half is stored as null for that half only
    return {part: None if raw[part] == NOT_APPLICABLE else int(raw[part]) for part in IP_PARTS}


def _parse_single_choice(item: Item, data: FormData) -> Any:
    raw = _one(data, field_name(item.key))
    if raw == "":
        return _EMPTY
    if raw not in item.option_keys:
        raise _fail(item, "invalid")
    return raw


def _parse_multi_choice(item: Item, data: FormData) -> Any:
    raw = [value.strip() for value in data.get(field_name(item.key)) or [] if value.strip()]
    if not raw:
        return _EMPTY
    if any(value not in item.option_keys for value in raw):
        raise _fail(item, "invalid")
    chosen = [key for key in item.option_keys if key in raw]  # questionnaire order, no repeats
    limit = item.max_choices or len(item.options)
    if len(chosen) > limit:
        raise _fail(item, "too_many", limit=limit, count=len(chosen))
    return chosen


def _parse_ranking(item: Item, data: FormData) -> Any:
    positions = ranking_positions(item)
    raw = [_one(data, field_name(item.key, place)) for place in range(1, positions + 1)]
    if not any(raw):
        return _EMPTY
    seen: dict[str, int] = {}
    for place, value in enumerate(raw, start=1):
        if not value:
            continue
        if value not in item.option_keys:
            raise _fail(item, "invalid", field_name(item.key, place))
        if value in seen:
            raise _fail(
                item,
                "repeated",
                field_name(item.key, place),
                option=value,
                first=seen[value],
                second=place,
            )
        seen[value] = place
    last = max(place for place, value in enumerate(raw, start=1) if value)
    for place in range(1, last):
        if not raw[place - 1]:
            raise _fail(item, "gap", field_name(item.key, place), empty=place, later=last)
    return [value for value in raw if value]


def _parse_text(item: Item, data: FormData) -> Any:
    values = data.get(field_name(item.key)) or []
    text = (values[0] if values else "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return _EMPTY
    if item.max_length is not None and len(text) > item.max_length:
        raise _fail(item, "too_long", length=len(text), max=item.max_length)
    return text


def _parse_number(item: Item, data: FormData) -> Any:
    raw = _one(data, field_name(item.key)).replace(" ", "")
    if raw == "":
        return _EMPTY
    if not _NUMBER.match(raw):
        raise _fail(item, "not_a_number", integer=item.integer)
    value = float(raw.replace(",", "."))
    if not math.isfinite(value):
        raise _fail(item, "not_a_number", integer=item.integer)
    if item.integer and not value.is_integer():
        raise _fail(item, "not_integer")
    low, high = item.min, item.max
    if (low is not None and value < low) or (high is not None and value > high):
        raise _fail(item, "out_of_range", min=low, max=high)
    return int(value) if value.is_integer() else value


def _read_item(item: Item, data: FormData) -> Any:
    match item.type:
        case ItemType.LIKERT:
            return _parse_likert(item, data)
        case ItemType.IMPORTANCE_PERFORMANCE:
            return _parse_importance_performance(item, data)
        case ItemType.SINGLE_CHOICE:
            return _parse_single_choice(item, data)
        case ItemType.MULTI_CHOICE:
            return _parse_multi_choice(item, data)
        case ItemType.RANKING:
            return _parse_ranking(item, data)
        case ItemType.TEXT:
            return _parse_text(item, data)
        case ItemType.NUMBER:
            return _parse_number(item, data)
        case _:
            assert_never(item.type)


def _parse_item(item: Item, data: FormData) -> Any:
    """Read one item's fields into its stored value (or ``_EMPTY``); raise ``_Invalid``.

    The value ends with :meth:`Item.check_value`, the one rule for the stored shape; the
    readers before it only find out what to tell the participant.
    """
    value = _read_item(item, data)
    if value is not _EMPTY and item.check_value(value):
        raise _fail(item, "invalid")
    return value


def item_field_names(item: Item) -> list[str]:
    """Return every form field name an item reads."""
    match item.type:
        case ItemType.IMPORTANCE_PERFORMANCE:
            return [field_name(item.key, part) for part in IP_PARTS]
        case ItemType.RANKING:
            return [field_name(item.key, place) for place in range(1, ranking_positions(item) + 1)]
        case (
            ItemType.LIKERT
            | ItemType.SINGLE_CHOICE
            | ItemType.MULTI_CHOICE
            | ItemType.TEXT
            | ItemType.NUMBER
        ):
            return [field_name(item.key)]
        case _:
            assert_never(item.type)


def parse_section(section: Section, data: FormData, unreadable: Collection[str] = ()) -> ParsedPage:
    """Read a submitted page: each item becomes a stored value, empty, or an error.

    ``unreadable`` names the fields that held bytes which are not UTF-8: their items are
    refused (code ``unreadable``), never stored with a guess. Whether a required item was
    answered is decided by :func:`merge_page`, which also knows what is stored already.
    """
    page = ParsedPage()
    for item in section.items:
        names = item_field_names(item)
        for name in names:
            submitted = [value for value in data.get(name) or [] if value != ""]
            if submitted:
                page.state[name] = list(submitted)
        if any(name in unreadable for name in names):
            page.errors[item.key] = [FieldError(item.key, anchor_id(item), "unreadable")]
            continue
        try:
            value = _parse_item(item, data)
        except _Invalid as invalid:
            page.errors[item.key] = [invalid.error]
            continue
        if value is _EMPTY:
            page.empty.add(item.key)
        else:
            page.values[item.key] = value
    return page


# --- stored values back into the form -------------------------------------------------------


def format_number(value: float, locale: str = "de") -> str:
    """Write a number as a participant would type it (decimal comma in German)."""
    if float(value).is_integer():
        return str(int(value))
    text = f"{value:.10f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if locale.startswith("de") else text


def item_state(item: Item, value: Any, locale: str = "de") -> FormState:
    """Return the form fields that show a stored answer value."""
    name = field_name(item.key)
    match item.type:
        case ItemType.LIKERT:
            return {name: [NOT_APPLICABLE if value is None else str(value)]}
        case ItemType.IMPORTANCE_PERFORMANCE:
            return {
                field_name(item.key, part): [
                    NOT_APPLICABLE if value.get(part) is None else str(value[part])
                ]
                for part in IP_PARTS
            }
        case ItemType.MULTI_CHOICE:
            return {name: [str(key) for key in value]}
        case ItemType.RANKING:
            return {field_name(item.key, place): [key] for place, key in enumerate(value, start=1)}
        case ItemType.NUMBER:
            return {name: [format_number(value, locale)]}
        case ItemType.SINGLE_CHOICE | ItemType.TEXT:
            return {name: [str(value)]}
        case _:
            assert_never(item.type)


def form_state(section: Section, values: Mapping[str, Any], locale: str = "de") -> FormState:
    """Return the form fields that show a section's stored answers."""
    state: FormState = {}
    for item in section.items:
        if item.key in values:
            state.update(item_state(item, values[item.key], locale))
    return state
