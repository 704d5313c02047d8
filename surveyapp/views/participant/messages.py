"""The participant's error messages: the pure form's error codes, said in their language."""

from __future__ import annotations

from typing import assert_never

from flask_babel import gettext as _
from flask_babel import ngettext

from surveyapp.participant.form import FieldError, format_number
from surveyapp.questionnaire import Item, ItemType


def _required(item: Item) -> str:
    match item.type:
        case ItemType.MULTI_CHOICE:
            return _("Bitte wählen Sie mindestens eine Antwort aus.")
        case ItemType.RANKING:
            return _("Bitte wählen Sie mindestens für Platz 1 eine Antwort aus.")
        case ItemType.TEXT:
            return _("Bitte geben Sie eine Antwort ein.")
        case ItemType.NUMBER:
            return _("Bitte geben Sie eine Zahl ein.")
        case ItemType.LIKERT | ItemType.IMPORTANCE_PERFORMANCE | ItemType.SINGLE_CHOICE:
            return _("Bitte wählen Sie eine Antwort aus.")
        case _:
            assert_never(item.type)


def _out_of_range(low: float | None, high: float | None, locale: str) -> str:
    if low is not None and high is not None:
        return _(
            "Bitte geben Sie eine Zahl von %(min)s bis %(max)s ein.",
            min=format_number(low, locale),
            max=format_number(high, locale),
        )
    if low is not None:
        return _("Die Zahl darf nicht kleiner als %(min)s sein.", min=format_number(low, locale))
    return _("Die Zahl darf nicht größer als %(max)s sein.", max=format_number(high or 0, locale))


def error_message(error: FieldError, item: Item, locale: str) -> str:
    """Return the sentence that tells the participant what is wrong with ``item``."""
    params = error.params
    match error.code:
        case "required":
            return _required(item)
        case "invalid":
            return _("Bitte wählen Sie eine der angebotenen Antworten aus.")
        case "incomplete" if params["missing"] == "importance":
            return _("Bitte geben Sie auch an, wie wichtig diese Aufgabe für Sie ist.")
        case "incomplete":
            return _("Bitte geben Sie auch an, wie gut diese Aufgabe heute gelingt.")
        case "too_many":
            return ngettext(
                "Bitte wählen Sie höchstens eine Antwort aus (Sie haben %(count)d gewählt).",
                "Bitte wählen Sie höchstens %(num)d Antworten aus (Sie haben %(count)d gewählt).",
                params["limit"],
                count=params["count"],
            )
        case "repeated":
            return _(
                "Jede Antwort darf nur einmal vorkommen: „%(option)s“ steht auf Platz "
                "%(first)d und auf Platz %(second)d.",
                option=item.option(params["option"]).label.get(locale),
                first=params["first"],
                second=params["second"],
            )
        case "gap":
            return _(
                "Bitte vergeben Sie die Plätze der Reihe nach: Platz %(empty)d ist leer, "
                "Platz %(later)d nicht.",
                empty=params["empty"],
                later=params["later"],
            )
        case "too_long":
            return _(
                "Ihr Text hat %(length)d Zeichen; erlaubt sind höchstens %(max)d. "
                "Bitte kürzen Sie ihn.",
                length=params["length"],
                max=params["max"],
            )
        case "unreadable":
            return _(
                "Ein Teil dieser Eingabe kam unleserlich an (keine gültige Zeichenkodierung) "
                "und wurde nicht gespeichert. Bitte prüfen Sie die markierten Zeichen (�)."
            )
        case "not_a_number" if params["integer"]:
            return _("Bitte geben Sie eine ganze Zahl ein, zum Beispiel 3.")
        case "not_a_number":
            return _("Bitte geben Sie eine Zahl ein, zum Beispiel 3 oder 2,5.")
        case "not_integer":
            return _("Bitte geben Sie eine ganze Zahl ein.")
        case "out_of_range":
            return _out_of_range(params["min"], params["max"], locale)
    raise ValueError(f"no message for the error code {error.code!r}")
