"""Reading the items of a questionnaire, type by type."""

from __future__ import annotations

import math
from typing import assert_never

from surveyapp.questionnaire.fields import FieldReader, Where, is_int, is_number, suggest
from surveyapp.questionnaire.model import (
    CHOICE_TYPES,
    DEFAULT_LIKERT_SCALE,
    ITEM_TYPES,
    NO_ANSWER_OPTION,
    Item,
    ItemType,
    Option,
)
from surveyapp.questionnaire.yamlsource import LineDict, LineList

ITEM_REQUIRED = ("key", "type", "label")
ITEM_OPTIONAL = ("help", "required", "previous_key")
TYPE_FIELDS: dict[ItemType, tuple[str, ...]] = {
    ItemType.LIKERT: ("dimension", "reverse", "allow_na", "scale"),
    ItemType.IMPORTANCE_PERFORMANCE: ("allow_na",),
    ItemType.SINGLE_CHOICE: ("options", "attribute", "compare"),
    ItemType.MULTI_CHOICE: ("options", "max_choices"),
    ItemType.RANKING: ("options", "top_n"),
    ItemType.TEXT: ("multiline", "max_length", "consultation"),
    ItemType.NUMBER: ("min", "max", "unit", "integer"),
}
ALL_ITEM_FIELDS = (
    ITEM_REQUIRED
    + ITEM_OPTIONAL
    + tuple(sorted({name for names in TYPE_FIELDS.values() for name in names}))
)
OPTION_FIELDS = ("key", "label")
TEXT_DEFAULT_MAX_LENGTH = {False: 300, True: 3000}


class ItemReader(FieldReader):
    """Reads items and their type-specific fields."""

    def read_item(self, data: LineDict, where: Where) -> Item | None:
        """Read one item, checking the fields that its type allows."""
        raw_key = data.get("key")
        if isinstance(raw_key, str):
            where = Where(raw_key)
        key = self.key(data, "key", where, "item key")
        if key is not None:
            self.first_use(self.item_lines, key, data, where, "item key")
        raw_kind = data.get("type")
        kind: ItemType | None = None
        if isinstance(raw_kind, str) and raw_kind in ITEM_TYPES:
            kind = ItemType(raw_kind)
        elif "type" in data:
            hint = suggest(raw_kind, ITEM_TYPES) if isinstance(raw_kind, str) else ""
            self.report(
                where,
                data.line_of("type"),
                f"unknown item type {raw_kind!r}{hint}; expected one of {', '.join(ITEM_TYPES)}",
            )
        self.item_fields(data, where, kind)
        fields: dict[str, object] = {
            "label": self.text(data, "label", where) if "label" in data else None,
            "help": self.optional_text(data, "help", where),
            "required": self.boolean(data, "required", where),
            "previous_key": self.key(data, "previous_key", where, "previous_key"),
        }
        if kind is not None:
            fields.update(self.type_fields(kind, data, where))
        if key is None or kind is None or fields["label"] is None:
            return None
        return Item(key=key, type=kind, line=data.line, **fields)

    def type_fields(self, kind: ItemType, data: LineDict, where: Where) -> dict[str, object]:
        """Read the fields that belong to the item's type."""
        match kind:
            case ItemType.LIKERT:
                return self.read_likert(data, where)
            case ItemType.IMPORTANCE_PERFORMANCE:
                return self.read_importance_performance(data, where)
            case ItemType.SINGLE_CHOICE:
                return self.read_single_choice(data, where)
            case ItemType.MULTI_CHOICE:
                return self.read_multi_choice(data, where)
            case ItemType.RANKING:
                return self.read_ranking(data, where)
            case ItemType.TEXT:
                return self.read_text(data, where)
            case ItemType.NUMBER:
                return self.read_number(data, where)
            case _:
                assert_never(kind)

    def item_fields(self, data: LineDict, where: Where, kind: ItemType | None) -> None:
        """Report missing and unknown fields, and fields that do not fit the type."""
        self.fields(data, where, ITEM_REQUIRED, ALL_ITEM_FIELDS)
        if kind is None:
            return
        allowed = ITEM_REQUIRED + ITEM_OPTIONAL + TYPE_FIELDS[kind]
        for name in data:
            if name in ALL_ITEM_FIELDS and name not in allowed:
                if name == "attribute":
                    message = "only single_choice items can be respondent attributes"
                else:
                    message = f"field '{name}' does not apply to {kind} items"
                self.report(where, data.line_of(name), message)
        if kind in CHOICE_TYPES and "options" not in data:
            self.report(where, data.line, "missing required field 'options'")

    def read_likert(self, data: LineDict, where: Where) -> dict[str, object]:
        """Read the likert fields: dimension, reverse, allow_na, scale."""
        dimension = data.get("dimension")
        if "dimension" not in data:
            self.report(where, data.line, "likert item needs a 'dimension'")
        elif not isinstance(dimension, str) or dimension not in self.declared:
            declared = ", ".join(sorted(self.declared)) or "none"
            self.report(
                where,
                data.line_of("dimension"),
                f"dimension {dimension!r} is not declared in 'dimensions' (declared: {declared})",
            )
        scale = self.scales.get(DEFAULT_LIKERT_SCALE, ())
        if "scale" in data:
            raw, line = data["scale"], data.line_of("scale")
            if isinstance(raw, str):
                if raw in self.scales:
                    scale = self.scales[raw]
                else:
                    known = ", ".join(self.scales)
                    self.report(where, line, f"unknown scale {raw!r} (known: {known})")
            else:
                scale = self.scale_points(raw, line, where) or scale
        return {
            "dimension": dimension,
            "reverse": self.boolean(data, "reverse", where),
            "allow_na": self.boolean(data, "allow_na", where),
            "scale": scale,
        }

    def read_importance_performance(self, data: LineDict, where: Where) -> dict[str, object]:
        """Importance–performance items take their two scales from the questionnaire."""
        return {
            "allow_na": self.boolean(data, "allow_na", where),
            "importance_scale": self.scales["importance"],
            "performance_scale": self.scales["performance"],
        }

    def read_options(self, data: LineDict, where: Where) -> tuple[Option, ...]:
        """Read a list of at least two options with distinct keys."""
        if "options" not in data:
            return ()
        raw, line = data["options"], data.line_of("options")
        if not isinstance(raw, LineList) or len(raw) < 2:
            count = len(raw) if isinstance(raw, LineList) else 0
            self.report(where, line, f"needs a list of at least 2 options, got {count}")
            if not isinstance(raw, LineList):
                return ()
        options: list[Option] = []
        seen: dict[str, int] = {}
        for number, entry in enumerate(raw, start=1):
            option_where = Where(where.item, f"{where.prefix}option {number}: ")
            option = self.mapping(entry, option_where, "an option", getattr(entry, "line", line))
            if option is None:
                continue
            key = self.key(option, "key", option_where, "option key")
            if key is not None:
                option_where = Where(where.item, f"{where.prefix}option '{key}': ")
                self.first_use(seen, key, option, option_where, "option key")
            self.fields(option, option_where, OPTION_FIELDS, OPTION_FIELDS)
            label = self.text(option, "label", option_where) if "label" in option else None
            if key is not None and label is not None:
                options.append(Option(key, label))
        return tuple(options)

    def limit(self, data: LineDict, name: str, where: Where, count: int) -> int:
        """Read ``max_choices``/``top_n``: 1 up to the number of options (the default)."""
        if name not in data or count == 0:
            return count
        value = data[name]
        if not is_int(value) or value < 1:
            self.report(where, data.line_of(name), f"'{name}' must be a positive integer")
        elif value > count:
            self.report(
                where,
                data.line_of(name),
                f"'{name}' ({value}) is larger than the number of options ({count})",
            )
        else:
            return int(value)
        return count

    def read_single_choice(self, data: LineDict, where: Where) -> dict[str, object]:
        """Read the options, the attribute flag and the groups to compare."""
        options = self.read_options(data, where)
        attribute = self.boolean(data, "attribute", where)
        return {
            "options": options,
            "attribute": attribute,
            "compare": self.read_compare(data, where, options, attribute),
        }

    def read_compare(
        self, data: LineDict, where: Where, options: tuple[Option, ...], attribute: bool
    ) -> tuple[str, ...]:
        """Read ``compare``: at least two option keys of an optional attribute item."""
        if "compare" not in data:
            return ()
        raw, line = data["compare"], data.line_of("compare")
        if not attribute:
            self.report(where, line, "only attribute items (attribute: true) can declare 'compare'")
        if not isinstance(raw, LineList) or len(raw) < 2:
            self.report(where, line, "'compare' must be a list of at least 2 option keys")
            return ()
        keys = [option.key for option in options]
        groups: list[str] = []
        for key in raw:
            if key == NO_ANSWER_OPTION:
                self.report(where, line, f"'{NO_ANSWER_OPTION}' is never a group to compare")
            elif not isinstance(key, str) or key not in keys:
                self.report(where, line, f"'compare' names {key!r}, which is not an option key")
            elif key in groups:
                self.report(where, line, f"'compare' names {key!r} twice")
            else:
                groups.append(key)
        if keys and NO_ANSWER_OPTION not in keys:
            message = f"an item with 'compare' needs an option with key '{NO_ANSWER_OPTION}'"
            self.report(where, data.line_of("options"), message)
        if data.get("required") is True:
            message = "an item with 'compare' must not be required (it offers 'keine_angabe')"
            self.report(where, data.line_of("required"), message)
        return tuple(groups)

    def read_multi_choice(self, data: LineDict, where: Where) -> dict[str, object]:
        """Read the options and the maximum number of picks."""
        options = self.read_options(data, where)
        return {
            "options": options,
            "max_choices": self.limit(data, "max_choices", where, len(options)),
        }

    def read_ranking(self, data: LineDict, where: Where) -> dict[str, object]:
        """Read the options and how many of them to rank."""
        options = self.read_options(data, where)
        return {"options": options, "top_n": self.limit(data, "top_n", where, len(options))}

    def read_text(self, data: LineDict, where: Where) -> dict[str, object]:
        """Read multiline and max_length (with a default per kind)."""
        multiline = self.boolean(data, "multiline", where)
        max_length = self.positive_int(data, "max_length", where)
        return {
            "multiline": multiline,
            "max_length": max_length or TEXT_DEFAULT_MAX_LENGTH[multiline],
            "consultation": self.boolean(data, "consultation", where),
        }

    def read_number(self, data: LineDict, where: Where) -> dict[str, object]:
        """Read min, max, unit and the integer flag."""
        bounds: dict[str, object] = {}
        for name in ("min", "max"):
            value = data.get(name)
            if value is not None and not is_number(value):
                self.report(where, data.line_of(name), f"'{name}' must be a number, got {value!r}")
                value = None
            bounds[name] = value
        low, high = bounds["min"], bounds["max"]
        integer = self.boolean(data, "integer", where)
        if low is not None and high is not None:
            if low > high:
                self.report(where, data.line_of("min"), f"min ({low}) is greater than max ({high})")
            elif integer and math.ceil(low) > math.floor(high):
                message = f"no whole number lies between min ({low}) and max ({high})"
                self.report(where, data.line_of("min"), message)
        return {**bounds, "unit": self.optional_text(data, "unit", where), "integer": integer}
