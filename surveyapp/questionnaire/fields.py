"""Reading typed fields (texts, keys, flags, numbers) from parsed YAML, noting problems."""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass

from surveyapp.questionnaire.errors import Problem
from surveyapp.questionnaire.model import BUILTIN_SCALES, KEY_PATTERN, SCALE_POINTS, Text
from surveyapp.questionnaire.yamlsource import LineDict, LineList

KEY_RULE = "use lowercase letters, digits and underscores, starting with a letter"


@dataclass(frozen=True)
class Where:
    """Where a value sits: the item it belongs to and a prefix for the message."""

    item: str | None = None
    prefix: str = ""


def suggest(name: str, choices: tuple[str, ...]) -> str:
    """Return a "did you mean" hint for a misspelt name, or an empty string."""
    close = difflib.get_close_matches(name, choices, n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def is_int(value: object) -> bool:
    """Tell whether ``value`` is an int (YAML's true/false are not)."""
    return isinstance(value, int) and not isinstance(value, bool)


def is_number(value: object) -> bool:
    """Tell whether ``value`` is a finite int or float."""
    return (is_int(value) or isinstance(value, float)) and math.isfinite(value)


class FieldReader:
    """Reads typed fields from parsed YAML and collects every problem found."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.dimensions: dict[str, Text] = {}
        self.scales: dict[str, tuple[Text, ...]] = dict(BUILTIN_SCALES)
        self.item_lines: dict[str, int] = {}
        self.declared: set[str] = set()

    def report(self, where: Where, line: int | None, message: str) -> None:
        """Record one problem."""
        self.problems.append(Problem(self.file, where.item, line, where.prefix + message))

    def fields(
        self,
        data: LineDict,
        where: Where,
        required: tuple[str, ...],
        known: tuple[str, ...],
    ) -> None:
        """Report missing required fields and unknown fields of a mapping."""
        for name in required:
            if name not in data:
                self.report(where, data.line, f"missing required field '{name}'")
        for name in data:
            if name not in known:
                label = name if isinstance(name, str) else repr(name)
                hint = suggest(name, known) if isinstance(name, str) else ""
                self.report(where, self._line(data, name), f"unknown field '{label}'{hint}")

    @staticmethod
    def _line(data: LineDict, name: object) -> int:
        """Return the line of a key of any type."""
        return data.line_of(name) if isinstance(name, str) else data.line

    def mapping(self, value: object, where: Where, what: str, line: int) -> LineDict | None:
        """Return ``value`` if it is a mapping, else report it."""
        if isinstance(value, LineDict):
            return value
        self.report(where, line, f"{what} must be a mapping, got {kind_of(value)}")
        return None

    def text(self, data: LineDict, name: str, where: Where) -> Text | None:
        """Return the bilingual text in field ``name``, reporting missing translations."""
        value = data.get(name)
        line = data.line_of(name)
        if isinstance(value, str):
            self.report(where, line, f"'{name}' needs a German and an English text (de:, en:)")
            return None
        text = self.mapping(value, where, f"'{name}'", line)
        if text is None:
            return None
        self.fields(text, Where(where.item, f"{where.prefix}'{name}': "), (), ("de", "en"))
        parts = {}
        for locale, language in (("de", "German"), ("en", "English")):
            part = text.get(locale)
            if part is None:
                self.report(where, text.line, f"'{name}' is missing the {language} text ({locale})")
            elif not isinstance(part, str):
                self.report(where, text.line_of(locale), f"'{name}.{locale}' must be a string")
            elif not part.strip():
                self.report(where, text.line_of(locale), f"'{name}.{locale}' is empty")
            else:
                parts[locale] = part.strip()
        return Text(parts["de"], parts["en"]) if len(parts) == 2 else None

    def optional_text(self, data: LineDict, name: str, where: Where) -> Text | None:
        """Return the text in ``name`` if present."""
        return self.text(data, name, where) if name in data else None

    def boolean(self, data: LineDict, name: str, where: Where, default: bool = False) -> bool:
        """Return a true/false field."""
        value = data.get(name, default)
        if isinstance(value, bool):
            return value
        self.report(where, data.line_of(name), f"'{name}' must be true or false, got {value!r}")
        return default

    def positive_int(self, data: LineDict, name: str, where: Where) -> int | None:
        """Return a positive integer field (None if absent or invalid)."""
        if name not in data:
            return None
        value = data[name]
        if is_int(value) and value > 0:
            return value
        message = f"'{name}' must be a positive integer, got {value!r}"
        self.report(where, data.line_of(name), message)
        return None

    def key(self, data: LineDict, name: str, where: Where, what: str) -> str | None:
        """Return a key field if it matches the key pattern."""
        value = data.get(name)
        if value is None:
            return None
        if isinstance(value, str) and KEY_PATTERN.match(value):
            return value
        rule = KEY_RULE
        if isinstance(value, bool):
            rule += " (YAML reads yes/no/on/off as true/false: quote it)"
        self.report(where, data.line_of(name), f"invalid {what} {value!r}: {rule}")
        return None

    def first_use(
        self, seen: dict[str, int], key: str, data: LineDict, where: Where, what: str
    ) -> None:
        """Note the line of ``key`` in ``seen``, or report it as a repeat of its first use."""
        line = data.line_of("key")
        if key in seen:
            self.report(where, line, f"duplicate {what} (first on line {seen[key]})")
        else:
            seen[key] = line

    def scale_points(self, value: object, line: int, where: Where) -> tuple[Text, ...] | None:
        """Return five point labels given as a list of de/en mappings."""
        if not isinstance(value, LineList) or len(value) != SCALE_POINTS:
            self.report(where, line, f"a scale must be a list of {SCALE_POINTS} de/en labels")
            return None
        holder = LineDict({f"point {n}": point for n, point in enumerate(value, start=1)})
        holder.line, holder.key_lines = value.line, {}
        points = [self.text(holder, f"point {n}", where) for n in range(1, SCALE_POINTS + 1)]
        return tuple(p for p in points if p is not None) if all(points) else None


def kind_of(value: object) -> str:
    """Describe a parsed YAML value briefly for a message."""
    if isinstance(value, LineDict):
        return "a mapping"
    if isinstance(value, LineList):
        return "a list"
    if value is None:
        return "nothing"
    return f"{type(value).__name__} {value!r}"[:80]
