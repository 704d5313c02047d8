"""Spreadsheet columns of a questionnaire: variables, their coded cells, and the codebook.

Pure: the same columns serve the long table (one row per answered variable), the wide
table (one row per response, one column per variable) and the codebook that explains them.
Codes: ratings 1–5; ``kb`` = "kann ich nicht beurteilen", kept apart from an empty cell =
not answered (a text code, so that a spreadsheet's AVERAGE skips it); a single choice is its
option key; a multiple choice gives one 1/0 column per option; a ranking one column per
place holding the option key.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, assert_never

from surveyapp.questionnaire.model import IP_PARTS, Item, ItemType, Questionnaire, Text

CANNOT_JUDGE_CODE = "kb"
NOT_ANSWERED_NOTE = "leer = nicht beantwortet"
CODEBOOK_HEADER = (
    "Variable",
    "Frage",
    "Teil",
    "Fragetext",
    "Typ",
    "Dimension",
    "umgepolt",
    "Codes",
    "Hinweis",
)
TYPE_NAMES = {
    ItemType.LIKERT: "Zustimmung (1–5)",
    ItemType.IMPORTANCE_PERFORMANCE: "Wichtigkeit und Umsetzung (je 1–5)",
    ItemType.SINGLE_CHOICE: "Einfachauswahl",
    ItemType.MULTI_CHOICE: "Mehrfachauswahl",
    ItemType.RANKING: "Rangfolge",
    ItemType.TEXT: "Freitext",
    ItemType.NUMBER: "Zahl",
}
PART_NAMES = {"importance": "Wichtigkeit", "performance": "Umsetzung heute"}


@dataclass(frozen=True)
class Variable:
    """One spreadsheet column: an item, or one part of it (a half, a place, an option)."""

    name: str
    item: Item
    part: str = ""

    @property
    def label(self) -> str:
        """Return the German column label: the question, and which part of it."""
        text = self.item.label.de
        match self.item.type:
            case ItemType.IMPORTANCE_PERFORMANCE:
                return f"{text} – {PART_NAMES[self.part]}"
            case ItemType.RANKING:
                return f"{text} – Platz {self.part}"
            case ItemType.MULTI_CHOICE:
                return f"{text} – {self.item.option(self.part).label.de}"
            case ItemType.LIKERT | ItemType.SINGLE_CHOICE | ItemType.TEXT | ItemType.NUMBER:
                return text
            case _:
                assert_never(self.item.type)


def variables(item: Item) -> list[Variable]:
    """Return the columns of an item, in the order a spreadsheet shows them."""
    match item.type:
        case ItemType.IMPORTANCE_PERFORMANCE:
            return [Variable(f"{item.key}.{part}", item, part) for part in IP_PARTS]
        case ItemType.RANKING:
            places = range(1, (item.top_n or len(item.options)) + 1)
            return [Variable(f"{item.key}.{place}", item, str(place)) for place in places]
        case ItemType.MULTI_CHOICE:
            return [Variable(f"{item.key}.{key}", item, key) for key in item.option_keys]
        case ItemType.LIKERT | ItemType.SINGLE_CHOICE | ItemType.TEXT | ItemType.NUMBER:
            return [Variable(item.key, item)]
        case _:
            assert_never(item.type)


def questionnaire_variables(questionnaire: Questionnaire) -> list[Variable]:
    """Return every column of a questionnaire in questionnaire order."""
    return [variable for item in questionnaire.items for variable in variables(item)]


def _rating(value: Any) -> Any:
    return CANNOT_JUDGE_CODE if value is None else value


def cells(item: Item, value: Any) -> dict[str, Any]:
    """Return the coded cells of a stored answer by column name; unanswered columns are absent."""
    match item.type:
        case ItemType.LIKERT:
            return {item.key: _rating(value)}
        case ItemType.IMPORTANCE_PERFORMANCE:
            if not isinstance(value, dict):
                return {}
            return {f"{item.key}.{part}": _rating(value.get(part)) for part in IP_PARTS}
        case ItemType.RANKING:
            return {f"{item.key}.{place}": key for place, key in enumerate(value or [], start=1)}
        case ItemType.MULTI_CHOICE:
            chosen = set(value or [])
            return {f"{item.key}.{key}": int(key in chosen) for key in item.option_keys}
        case ItemType.SINGLE_CHOICE | ItemType.TEXT | ItemType.NUMBER:
            return {item.key: value}
        case _:
            assert_never(item.type)


def _scale_codes(scale: tuple[Text, ...], allow_na: bool) -> str:
    codes = [f"{number} = {label.de}" for number, label in enumerate(scale, start=1)]
    if allow_na:
        codes.append(f"{CANNOT_JUDGE_CODE} = kann ich nicht beurteilen")
    return "; ".join([*codes, NOT_ANSWERED_NOTE])


def _codes(variable: Variable) -> str:
    item = variable.item
    match item.type:
        case ItemType.LIKERT:
            return _scale_codes(item.scale, item.allow_na)
        case ItemType.IMPORTANCE_PERFORMANCE:
            part = variable.part
            scale = item.importance_scale if part == "importance" else item.performance_scale
            return _scale_codes(scale, item.allow_na)
        case ItemType.SINGLE_CHOICE | ItemType.RANKING:
            options = [f"{option.key} = {option.label.de}" for option in item.options]
            return "; ".join([*options, NOT_ANSWERED_NOTE])
        case ItemType.MULTI_CHOICE:
            return f"1 = gewählt; 0 = nicht gewählt; {NOT_ANSWERED_NOTE}"
        case ItemType.NUMBER:
            return _number_codes(item)
        case ItemType.TEXT:
            return f"Text; {NOT_ANSWERED_NOTE}"
        case _:
            assert_never(item.type)


def _number_codes(item: Item) -> str:
    bounds = [f"min. {item.min:g}" if item.min is not None else ""]
    bounds.append(f"max. {item.max:g}" if item.max is not None else "")
    unit = f" {item.unit.de}" if item.unit else ""
    described = ", ".join(bound for bound in bounds if bound)
    return f"Zahl{unit}{' (' + described + ')' if described else ''}; {NOT_ANSWERED_NOTE}"


def _note(variable: Variable, k: int) -> str:
    item = variable.item
    notes = []
    if item.attribute:
        notes.append(
            f"Angabe zur Person: Werte, die weniger als {k} Personen eines Teams angegeben "
            "haben, bleiben leer (Anonymität); leer heißt dann auch: zu selten, um sie zu zeigen"
        )
    if item.compare:
        notes.append(f"vergleichbare Gruppen: {', '.join(item.compare)}")
    if item.previous_key:
        notes.append(f"setzt Frage {item.previous_key} der vorigen Fassung fort")
    if item.consultation:
        notes.append("Anliegen für die Kollegiale Beratung")
    return "; ".join(notes)


def codebook_rows(questionnaire: Questionnaire, k: int) -> Iterator[tuple[Any, ...]]:
    """Yield one codebook row per column, in CODEBOOK_HEADER order."""
    for variable in questionnaire_variables(questionnaire):
        item = variable.item
        part = PART_NAMES.get(variable.part, variable.part)
        yield (
            variable.name,
            item.key,
            part,
            variable.label,
            TYPE_NAMES[item.type],
            questionnaire.dimensions[item.dimension].de if item.dimension else "",
            "ja" if item.reverse else "",
            _codes(variable),
            _note(variable, k),
        )
