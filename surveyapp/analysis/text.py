"""Numbers and words for readers, in German and English (no Flask-Babel in the pure core)."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_decimal

from surveyapp.analysis.labels import Change, Level, Position, Quadrant, Stability
from surveyapp.analysis.suppression import Reason, reason_sentence

__all__ = [
    "CROSSHAIR_NOTE",
    "DIAGONAL_NOTE",
    "DISPUTED_LABEL",
    "change_words",
    "format_count_of",
    "format_mean",
    "format_number",
    "format_share",
    "is_english",
    "level_label",
    "position_words",
    "priority_sentence",
    "quadrant_label",
    "reason_sentence",
    "stability_label",
]

Words = tuple[str, str]  # (German, English)


def is_english(locale: str | None) -> bool:
    """Tell whether ``locale`` asks for English (anything else is German)."""
    return bool(locale) and str(locale).lower().startswith("en")


def pick(words: Words, locale: str | None) -> str:
    """Return the German or English variant."""
    return words[1] if is_english(locale) else words[0]


def format_number(value: float | None, locale: str | None = "de", digits: int = 1) -> str:
    """Format ``value`` with ``digits`` decimals, rounding half up: 4.25 → „4,3“ / "4.3".

    Missing values (None, NaN) become an en dash.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    quantum = Decimal(1).scaleb(-digits)
    rounded = Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP)
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    text = format_decimal(rounded, format=pattern + ";−" + pattern, locale=_babel(locale))
    return "0" + text[2:] if text.startswith("−0") and rounded == 0 else text


def format_mean(value: float | None, locale: str | None = "de") -> str:
    """Format a mean the way every page shows it: one decimal."""
    return format_number(value, locale, 1)


def format_share(value: float | None, locale: str | None = "de") -> str:
    """Format a share 0–1 as a whole percentage: „80 %“ / "80%"."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    number = format_number(value * 100, locale, 0)
    return f"{number}\u00a0%" if not is_english(locale) else f"{number}%"


def format_count_of(count: int, total: int, locale: str | None = "de") -> str:
    """Format a count in a small team: „2 von 7“ / "2 of 7"."""
    return f"{count} {pick(('von', 'of'), locale)} {total}"


def _babel(locale: str | None) -> str:
    return "en" if is_english(locale) else "de"


QUADRANT_LABELS: dict[Quadrant, Words] = {
    Quadrant.ACT_HERE: ("Hier ansetzen", "Act here"),
    Quadrant.KEEP_UP: ("Weiter so", "Keep it up"),
    Quadrant.LOW_PRIORITY: ("Geringe Priorität", "Low priority"),
    Quadrant.POSSIBLE_OVERKILL: ("Möglicher Überaufwand", "Possible overkill"),
}
STABILITY_LABELS: dict[Stability, Words] = {
    Stability.STABLE: ("stabil", "stable"),
    Stability.LIKELY: ("wahrscheinlich", "likely"),
    Stability.UNCERTAIN: ("unsicher", "uncertain"),
}
LEVEL_LABELS: dict[Level, Words] = {
    Level.STRENGTH: ("Stärke", "Strength"),
    Level.NEED: ("Entwicklungsbedarf", "Development need"),
}
POSITION_WORDS: dict[Position, Words] = {
    Position.ABOVE: ("über dem Durchschnitt der anderen Teams", "above the other teams' average"),
    Position.AROUND: ("etwa im Durchschnitt der anderen Teams", "around the other teams' average"),
    Position.BELOW: ("unter dem Durchschnitt der anderen Teams", "below the other teams' average"),
}
CHANGE_WORDS: dict[Change, Words] = {
    Change.UP: ("gestiegen", "increased"),
    Change.LITTLE: ("kaum verändert", "hardly changed"),
    Change.DOWN: ("gesunken", "decreased"),
}
CROSSHAIR_NOTE: Words = (
    "Die Linien zeigen den Durchschnitt Ihres Teams; die Lage ist relativ zu Ihren eigenen "
    "Einschätzungen, nicht absolut.",
    "The lines show your team's average; positions are relative to your own ratings, not absolute.",
)
DIAGONAL_NOTE: Words = (
    "Umsetzung bleibt hinter der Bedeutung zurück",
    "Performance falls short of importance",
)
DISPUTED_LABEL: Words = ("Das Team sieht das unterschiedlich", "The team sees this differently")
BORDERLINE_LABEL: Words = ("Grenzfall", "Borderline")
FILLED_UP_NOTE: Words = (
    "Weniger als drei Funktionen liegen im Feld „Hier ansetzen“; ergänzt um die nächsten "
    "nach Priorität.",
    "Fewer than three functions lie in “Act here”; filled up with the next by priority.",
)


def quadrant_label(quadrant: Quadrant | str, locale: str | None = "de") -> str:
    """Return the reader's name of a quadrant („Hier ansetzen“ …)."""
    return pick(QUADRANT_LABELS[Quadrant(quadrant)], locale)


def stability_label(stability: Stability | str, locale: str | None = "de") -> str:
    """Return „stabil“, „wahrscheinlich“ or „unsicher“."""
    return pick(STABILITY_LABELS[Stability(stability)], locale)


def level_label(level: Level | str, locale: str | None = "de") -> str:
    """Return „Stärke“ or „Entwicklungsbedarf“."""
    return pick(LEVEL_LABELS[Level(level)], locale)


def position_words(position: Position | str, locale: str | None = "de") -> str:
    """Return the team's position in words („über dem Durchschnitt der anderen Teams“)."""
    return pick(POSITION_WORDS[Position(position)], locale)


def change_words(change: Change | str, locale: str | None = "de") -> str:
    """Return „gestiegen“, „kaum verändert“ or „gesunken“."""
    return pick(CHANGE_WORDS[Change(change)], locale)


def label(words: Words, locale: str | None = "de") -> str:
    """Return one of the fixed phrases above in the reader's language."""
    return pick(words, locale)


def priority_sentence(
    importance: float,
    performance: float,
    team_importance: float,
    team_performance: float,
    locale: str | None = "de",
) -> str:
    """The one-sentence reason under a function, built from its numbers.

    „Hohe Bedeutung (4,6; Teamschnitt 4,1), geringe Umsetzung (2,3; Teamschnitt 3,2),
    Lücke 2,3.“
    """
    high = importance >= team_importance
    low = performance < team_performance
    if is_english(locale):
        first = "High importance" if high else "Importance below the team average"
        second = "low performance" if low else "performance at or above the team average"
        avg, gap = "team average", "gap"
    else:
        first = "Hohe Bedeutung" if high else "Bedeutung unter dem Teamschnitt"
        second = "geringe Umsetzung" if low else "Umsetzung im oder über dem Teamschnitt"
        avg, gap = "Teamschnitt", "Lücke"
    sep = "; "
    return (
        f"{first} ({format_mean(importance, locale)}{sep}{avg} "
        f"{format_mean(team_importance, locale)}), {second} "
        f"({format_mean(performance, locale)}{sep}{avg} {format_mean(team_performance, locale)}), "
        f"{gap} {format_mean(importance - performance, locale)}."
    )


def suppression_sentence(reason: Reason | str, k: int, locale: str | None = "de") -> str:
    """Alias of :func:`reason_sentence` accepting the reason's string value."""
    return reason_sentence(Reason(reason), k, locale)
