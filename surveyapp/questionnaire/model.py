"""The questionnaire model: immutable, bilingual, and able to check stored answers."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import assert_never

KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LOCALES = ("de", "en")
SCALE_POINTS = 5


class ItemType(StrEnum):
    """The kinds of question. A string enum, so ``item.type == "likert"`` keeps working.

    Every place that treats the types differently is a ``match`` ending in ``assert_never``,
    so that a new type fails loudly wherever it is forgotten (tests/test_item_types.py).
    """

    LIKERT = "likert"
    IMPORTANCE_PERFORMANCE = "importance_performance"
    SINGLE_CHOICE = "single_choice"
    MULTI_CHOICE = "multi_choice"
    RANKING = "ranking"
    TEXT = "text"
    NUMBER = "number"


ITEM_TYPES = tuple(ItemType)
CHOICE_TYPES = (ItemType.SINGLE_CHOICE, ItemType.MULTI_CHOICE, ItemType.RANKING)
#: Section keys taken by the participant's fixed pages, which sit where a section's page
#: would (``/s/<token>/<key>``); tests/test_questionnaire_loader.py checks it against the routes.
RESERVED_SECTION_KEYS = frozenset({"info", "datenschutz", "start", "review", "submit", "done"})
#: The option an attribute item with ``compare`` must offer; never a group of its own.
NO_ANSWER_OPTION = "keine_angabe"
IP_PARTS = ("importance", "performance")


@dataclass(frozen=True)
class Text:
    """A string in German and English."""

    de: str
    en: str

    def get(self, locale: str | None) -> str:
        """Return the text for ``locale``, falling back to German."""
        if locale and locale.split("_")[0].split("-")[0].lower() == "en":
            return self.en
        return self.de

    def __str__(self) -> str:
        return self.de


CANNOT_JUDGE = Text("kann ich nicht beurteilen", "cannot judge")
IMPORTANCE_QUESTION = Text(
    "Wie wichtig ist dies für das Bildungsbüro?", "How important is this for the education office?"
)
PERFORMANCE_QUESTION = Text(
    "Wie gut gelingt dies dem Bildungsbüro heute?",
    "How well does the education office do this today?",
)

BUILTIN_SCALES: Mapping[str, tuple[Text, ...]] = {
    "agreement": (
        Text("stimme gar nicht zu", "strongly disagree"),
        Text("stimme eher nicht zu", "disagree"),
        Text("teils, teils", "partly"),
        Text("stimme eher zu", "agree"),
        Text("stimme voll zu", "strongly agree"),
    ),
    "importance": (
        Text("unwichtig", "not important"),
        Text("wenig wichtig", "slightly important"),
        Text("mittel", "moderately important"),
        Text("wichtig", "important"),
        Text("sehr wichtig", "very important"),
    ),
    "performance": (
        Text("gar nicht gut", "not well at all"),
        Text("eher nicht gut", "not very well"),
        Text("mittel", "moderately well"),
        Text("gut", "well"),
        Text("sehr gut", "very well"),
    ),
}
DEFAULT_LIKERT_SCALE = "agreement"


@dataclass(frozen=True)
class Option:
    """One answer option of a choice or ranking item."""

    key: str
    label: Text


def _is_rating(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= SCALE_POINTS


@dataclass(frozen=True)
class Item:
    """One question; type-specific fields keep their defaults for other types."""

    key: str
    type: ItemType
    label: Text
    help: Text | None = None
    required: bool = False
    line: int | None = None
    #: The key of the item this one continues in the previous version (reworded or split).
    previous_key: str | None = None
    # likert
    dimension: str | None = None
    reverse: bool = False
    allow_na: bool = False
    scale: tuple[Text, ...] = ()
    # importance_performance
    importance_scale: tuple[Text, ...] = ()
    performance_scale: tuple[Text, ...] = ()
    # single_choice, multi_choice, ranking
    options: tuple[Option, ...] = ()
    max_choices: int | None = None
    top_n: int | None = None
    attribute: bool = False
    #: Option keys of an attribute item whose groups may be compared (perspectives).
    compare: tuple[str, ...] = ()
    # text
    multiline: bool = False
    #: The question(s) the team brings to the collegial consultation.
    consultation: bool = False
    max_length: int | None = None
    # number
    min: float | None = None
    max: float | None = None
    unit: Text | None = None
    integer: bool = False

    def __post_init__(self) -> None:
        # Accept the type's name as a plain string too; an unknown type fails here, loudly.
        object.__setattr__(self, "type", ItemType(self.type))

    @property
    def option_keys(self) -> tuple[str, ...]:
        """Return the keys of the options in order."""
        return tuple(option.key for option in self.options)

    def option(self, key: str) -> Option:
        """Return the option with ``key`` (KeyError if there is none)."""
        for option in self.options:
            if option.key == key:
                return option
        raise KeyError(key)

    @property
    def na_label(self) -> Text:
        """Return the label of the "cannot judge" choice."""
        return CANNOT_JUDGE

    def check_value(self, value: object) -> list[str]:
        """Return the problems of a stored answer value (empty when it fits).

        The one rule for the stored shape: the participant form's parser ends with it.
        """
        match self.type:
            case ItemType.LIKERT:
                return self._check_likert(value)
            case ItemType.IMPORTANCE_PERFORMANCE:
                return self._check_importance_performance(value)
            case ItemType.SINGLE_CHOICE:
                return self._check_single_choice(value)
            case ItemType.MULTI_CHOICE:
                return self._check_keys(value, self.max_choices or len(self.options), "choices")
            case ItemType.RANKING:
                return self._check_keys(value, self.top_n or len(self.options), "ranked options")
            case ItemType.TEXT:
                return self._check_text(value)
            case ItemType.NUMBER:
                return self._check_number(value)
            case _:
                assert_never(self.type)

    def _check_likert(self, value: object) -> list[str]:
        if value is None:
            return [] if self.allow_na else ["'cannot judge' is not allowed for this item"]
        if not _is_rating(value):
            return [f"expected an integer from 1 to {SCALE_POINTS}, got {value!r}"]
        return []

    def _check_importance_performance(self, value: object) -> list[str]:
        if not isinstance(value, Mapping):
            return [f"expected {{'importance': 1-5, 'performance': 1-5}}, got {value!r}"]
        problems = []
        for part in IP_PARTS:
            if part not in value:
                problems.append(f"missing '{part}'")
            elif value[part] is None and not self.allow_na:
                problems.append(f"'cannot judge' is not allowed for '{part}' of this item")
            elif value[part] is not None and not _is_rating(value[part]):
                problems.append(f"'{part}' must be an integer from 1 to 5, got {value[part]!r}")
        extra = sorted(str(k) for k in value if k not in IP_PARTS)
        if extra:
            problems.append(f"unexpected keys: {', '.join(extra)}")
        return problems

    def _check_single_choice(self, value: object) -> list[str]:
        if not isinstance(value, str):
            return [f"expected an option key, got {value!r}"]
        if value not in self.option_keys:
            return [f"unknown option {value!r}"]
        return []

    def _check_keys(self, value: object, limit: int, what: str) -> list[str]:
        if not isinstance(value, list):
            return [f"expected a list of option keys, got {value!r}"]
        problems = []
        for key in value:
            if not isinstance(key, str) or key not in self.option_keys:
                problems.append(f"unknown option {key!r}")
        hashable = [key for key in value if isinstance(key, str)]
        if len(set(hashable)) != len(hashable):
            problems.append("options must not repeat")
        if len(value) > limit:
            problems.append(f"at most {limit} {what} allowed, got {len(value)}")
        return problems

    def _check_text(self, value: object) -> list[str]:
        if not isinstance(value, str):
            return [f"expected a string, got {type(value).__name__}"]
        if self.max_length is not None and len(value) > self.max_length:
            return [f"text is longer than {self.max_length} characters ({len(value)})"]
        return []

    def _check_number(self, value: object) -> list[str]:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return [f"expected a number, got {value!r}"]
        if isinstance(value, float) and not math.isfinite(value):
            return [f"expected a finite number, got {value!r}"]
        if self.integer and not (isinstance(value, int) or value.is_integer()):
            return [f"expected a whole number, got {value!r}"]
        if self.min is not None and value < self.min:
            return [f"{value!r} is below the minimum {self.min:g}"]
        if self.max is not None and value > self.max:
            return [f"{value!r} is above the maximum {self.max:g}"]
        return []


@dataclass(frozen=True)
class Section:
    """A page of the questionnaire."""

    key: str
    title: Text
    items: tuple[Item, ...]
    intro: Text | None = None
    line: int | None = None


@dataclass(frozen=True)
class Questionnaire:
    """A loaded, validated questionnaire version."""

    id: str
    version: int
    title: Text
    introduction: Text
    privacy_note: Text
    estimated_minutes: int
    sections: tuple[Section, ...]
    content_hash: str
    source: Path
    dimensions: Mapping[str, Text] = field(default_factory=dict, hash=False)
    scales: Mapping[str, tuple[Text, ...]] = field(default_factory=dict, hash=False)

    @property
    def ref(self) -> str:
        """Return ``id@version``, the questionnaire's reference in select boxes."""
        return f"{self.id}@{self.version}"

    @property
    def items(self) -> tuple[Item, ...]:
        """Return all items in questionnaire order."""
        return tuple(item for section in self.sections for item in section.items)

    def item(self, key: str) -> Item:
        """Return the item with ``key`` (KeyError if there is none)."""
        for item in self.items:
            if item.key == key:
                return item
        raise KeyError(key)

    def section(self, key: str) -> Section:
        """Return the section with ``key`` (KeyError if there is none)."""
        for section in self.sections:
            if section.key == key:
                return section
        raise KeyError(key)

    def section_of(self, item_key: str) -> Section:
        """Return the section holding the item ``item_key``."""
        for section in self.sections:
            if any(item.key == item_key for item in section.items):
                return section
        raise KeyError(item_key)

    @property
    def attributes(self) -> tuple[Item, ...]:
        """Return the items that describe the respondent (the only ones to group by)."""
        return tuple(item for item in self.items if item.attribute)

    @property
    def functions(self) -> tuple[Item, ...]:
        """Return the importance–performance items (the office's functions) in order."""
        return tuple(item for item in self.items if item.type is ItemType.IMPORTANCE_PERFORMANCE)

    @property
    def function_ranking(self) -> Item | None:
        """Return the first ranking item whose options are all function items, if any."""
        function_keys = {item.key for item in self.functions}
        for item in self.items:
            if item.type is ItemType.RANKING and set(item.option_keys) <= function_keys:
                return item
        return None

    @property
    def comparable_attributes(self) -> tuple[Item, ...]:
        """Return the attribute items that declare groups to compare (perspectives)."""
        return tuple(item for item in self.attributes if item.compare)

    @property
    def consultation_items(self) -> tuple[Item, ...]:
        """Return the text items asking for the collegial consultation's question(s)."""
        return tuple(item for item in self.items if item.consultation)

    def dimension_items(self, dimension: str) -> tuple[Item, ...]:
        """Return the likert items of ``dimension`` in order."""
        return tuple(item for item in self.items if item.dimension == dimension)
