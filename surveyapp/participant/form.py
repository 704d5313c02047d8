"""The participant's form for one questionnaire section, built at run time from its items.

Pure: no request, no database. The view hands in the submitted fields as a mapping of
name to list of strings; this module turns them into stored answer values and field errors,
and turns stored values back into form state (what each field shows).

Field names depend on item keys only, so they stay stable across versions and languages:

==========================  ======================================  =========================
item type                   field name(s)                           submitted value(s)
==========================  ======================================  =========================
likert                      ``q_<key>``                             ``1``…``5``, ``na``
importance_performance      ``q_<key>__importance``,                ``1``…``5`` each
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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext

from surveyapp.questionnaire.model import SCALE_POINTS, Item, Section

PREFIX = "q_"
NOT_APPLICABLE = "na"
IP_PARTS = ("importance", "performance")
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
    if item.type == "likert":
        return option_id(name, RATINGS[0])
    if item.type == "importance_performance":
        return option_id(field_name(item.key, IP_PARTS[0]), RATINGS[0])
    if item.type in ("single_choice", "multi_choice"):
        return option_id(name, item.options[0].key)
    if item.type == "ranking":
        return field_name(item.key, 1)
    return name


@dataclass(frozen=True)
class FieldError:
    """A problem with one item: where it is shown and linked to, and what to do about it."""

    item_key: str
    field_id: str
    code: str
    message: Any  # a lazy string, translated when it is rendered


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


def _fail(item: Item, code: str, message: Any, field_id: str | None = None) -> _Invalid:
    return _Invalid(FieldError(item.key, field_id or anchor_id(item), code, message))


def _one(data: FormData, name: str) -> str:
    values = data.get(name) or []
    return values[0].strip() if values else ""


# --- reading submitted fields ---------------------------------------------------------------


def _parse_likert(item: Item, data: FormData, locale: str) -> Any:
    raw = _one(data, field_name(item.key))
    if raw == "":
        return _EMPTY
    if raw == NOT_APPLICABLE and item.allow_na:
        return None
    if raw not in RATINGS:
        raise _fail(item, "invalid", _l("Bitte wählen Sie eine der angebotenen Antworten aus."))
    return int(raw)


def _parse_importance_performance(item: Item, data: FormData, locale: str) -> Any:
    raw = {part: _one(data, field_name(item.key, part)) for part in IP_PARTS}
    if not any(raw.values()):
        return _EMPTY
    for part in IP_PARTS:
        if raw[part] and raw[part] not in RATINGS:
            raise _fail(item, "invalid", _l("Bitte wählen Sie eine der angebotenen Antworten aus."))
    if not raw["importance"]:
        message = _l("Bitte geben Sie auch an, wie wichtig diese Aufgabe für Sie ist.")
        raise _fail(item, "incomplete", message)
    if not raw["performance"]:
        message = _l("Bitte geben Sie auch an, wie gut diese Aufgabe heute gelingt.")
        field_id = option_id(field_name(item.key, "performance"), RATINGS[0])
        raise _fail(item, "incomplete", message, field_id)
    return {part: int(raw[part]) for part in IP_PARTS}


def _parse_single_choice(item: Item, data: FormData, locale: str) -> Any:
    raw = _one(data, field_name(item.key))
    if raw == "":
        return _EMPTY
    if raw not in item.option_keys:
        raise _fail(item, "invalid", _l("Bitte wählen Sie eine der angebotenen Antworten aus."))
    return raw


def _parse_multi_choice(item: Item, data: FormData, locale: str) -> Any:
    raw = [value.strip() for value in data.get(field_name(item.key)) or [] if value.strip()]
    if not raw:
        return _EMPTY
    if any(value not in item.option_keys for value in raw):
        raise _fail(item, "invalid", _l("Bitte wählen Sie eine der angebotenen Antworten aus."))
    chosen = [key for key in item.option_keys if key in raw]  # questionnaire order, no repeats
    limit = item.max_choices or len(item.options)
    if len(chosen) > limit:
        message = lazy_ngettext(
            "Bitte wählen Sie höchstens eine Antwort aus (Sie haben %(count)d gewählt).",
            "Bitte wählen Sie höchstens %(num)d Antworten aus (Sie haben %(count)d gewählt).",
            limit,
            count=len(chosen),
        )
        raise _fail(item, "too_many", message)
    return chosen


def _parse_ranking(item: Item, data: FormData, locale: str) -> Any:
    positions = ranking_positions(item)
    raw = [_one(data, field_name(item.key, place)) for place in range(1, positions + 1)]
    if not any(raw):
        return _EMPTY
    seen: dict[str, int] = {}
    for place, value in enumerate(raw, start=1):
        if not value:
            continue
        if value not in item.option_keys:
            raise _fail(
                item,
                "invalid",
                _l("Bitte wählen Sie eine der angebotenen Antworten aus."),
                field_name(item.key, place),
            )
        if value in seen:
            message = _l(
                "Jede Antwort darf nur einmal vorkommen: „%(option)s“ steht auf Platz "
                "%(first)d und auf Platz %(second)d.",
                option=item.option(value).label.get(locale),
                first=seen[value],
                second=place,
            )
            raise _fail(item, "repeated", message, field_name(item.key, place))
        seen[value] = place
    last = max(place for place, value in enumerate(raw, start=1) if value)
    for place in range(1, last):
        if not raw[place - 1]:
            message = _l(
                "Bitte vergeben Sie die Plätze der Reihe nach: Platz %(empty)d ist leer, "
                "Platz %(later)d nicht.",
                empty=place,
                later=last,
            )
            raise _fail(item, "gap", message, field_name(item.key, place))
    return [value for value in raw if value]


def _parse_text(item: Item, data: FormData, locale: str) -> Any:
    values = data.get(field_name(item.key)) or []
    text = (values[0] if values else "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return _EMPTY
    if item.max_length is not None and len(text) > item.max_length:
        message = _l(
            "Ihr Text hat %(length)d Zeichen; erlaubt sind höchstens %(max)d. "
            "Bitte kürzen Sie ihn.",
            length=len(text),
            max=item.max_length,
        )
        raise _fail(item, "too_long", message)
    return text


def _parse_number(item: Item, data: FormData, locale: str) -> Any:
    raw = _one(data, field_name(item.key)).replace(" ", "")
    if raw == "":
        return _EMPTY
    if not _NUMBER.match(raw):
        if item.integer:
            message = _l("Bitte geben Sie eine ganze Zahl ein, zum Beispiel 3.")
        else:
            message = _l("Bitte geben Sie eine Zahl ein, zum Beispiel 3 oder 2,5.")
        raise _fail(item, "not_a_number", message)
    value = float(raw.replace(",", "."))
    if not math.isfinite(value):
        raise _fail(item, "not_a_number", _l("Bitte geben Sie eine Zahl ein."))
    if item.integer and not value.is_integer():
        raise _fail(item, "not_integer", _l("Bitte geben Sie eine ganze Zahl ein."))
    low, high = item.min, item.max
    if (low is not None and value < low) or (high is not None and value > high):
        if low is not None and high is not None:
            message = _l(
                "Bitte geben Sie eine Zahl von %(min)s bis %(max)s ein.",
                min=format_number(low, locale),
                max=format_number(high, locale),
            )
        elif low is not None:
            message = _l(
                "Die Zahl darf nicht kleiner als %(min)s sein.", min=format_number(low, locale)
            )
        else:
            message = _l(
                "Die Zahl darf nicht größer als %(max)s sein.", max=format_number(high, locale)
            )
        raise _fail(item, "out_of_range", message)
    return int(value) if value.is_integer() else value


_PARSERS = {
    "likert": _parse_likert,
    "importance_performance": _parse_importance_performance,
    "single_choice": _parse_single_choice,
    "multi_choice": _parse_multi_choice,
    "ranking": _parse_ranking,
    "text": _parse_text,
    "number": _parse_number,
}


def item_field_names(item: Item) -> list[str]:
    """Return every form field name an item reads."""
    if item.type == "importance_performance":
        return [field_name(item.key, part) for part in IP_PARTS]
    if item.type == "ranking":
        return [field_name(item.key, place) for place in range(1, ranking_positions(item) + 1)]
    return [field_name(item.key)]


def parse_section(section: Section, data: FormData, locale: str = "de") -> ParsedPage:
    """Read a submitted page: each item becomes a stored value, empty, or an error.

    Whether a required item was answered is decided by :func:`merge_page`, which also knows
    what is stored already.
    """
    page = ParsedPage()
    for item in section.items:
        for name in item_field_names(item):
            submitted = [value for value in data.get(name) or [] if value != ""]
            if submitted:
                page.state[name] = list(submitted)
        try:
            value = _PARSERS[item.type](item, data, locale)
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
    if item.type == "likert":
        return {name: [NOT_APPLICABLE if value is None else str(value)]}
    if item.type == "importance_performance":
        return {field_name(item.key, part): [str(value[part])] for part in IP_PARTS}
    if item.type in ("multi_choice",):
        return {name: [str(key) for key in value]}
    if item.type == "ranking":
        return {field_name(item.key, place): [key] for place, key in enumerate(value, start=1)}
    if item.type == "number":
        return {name: [format_number(value, locale)]}
    return {name: [str(value)]}


def form_state(section: Section, values: Mapping[str, Any], locale: str = "de") -> FormState:
    """Return the form fields that show a section's stored answers."""
    state: FormState = {}
    for item in section.items:
        if item.key in values:
            state.update(item_state(item, values[item.key], locale))
    return state
