"""The participant views say the pure form's error codes as sentences, in German and English."""

from __future__ import annotations

import pytest
from flask_babel import force_locale

from surveyapp import create_app
from surveyapp.participant.form import FieldError
from surveyapp.questionnaire import Item, ItemType, Option, Text
from surveyapp.views.participant.messages import error_message
from tests.conftest import BASE_CONFIG

RANKING = Item(
    "prio",
    ItemType.RANKING,
    Text("Prioritäten", "Priorities"),
    options=(Option("a", Text("Schule", "School")), Option("b", Text("Kita", "Nursery"))),
)
NUMBER = Item("fte", ItemType.NUMBER, Text("Stellen", "Positions"), min=0, max=100)


@pytest.fixture(scope="module")
def app():
    app = create_app({**BASE_CONFIG, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    with app.test_request_context():
        yield app


def say(code: str, item: Item = RANKING, locale: str = "de", **params: object) -> str:
    with force_locale(locale):
        return error_message(FieldError(item.key, "x", code, params), item, locale)


@pytest.mark.usefixtures("app")
@pytest.mark.parametrize(
    ("code", "item", "params", "german", "english"),
    [
        (
            "repeated",
            RANKING,
            {"option": "a", "first": 1, "second": 3},
            "Jede Antwort darf nur einmal vorkommen: „Schule“ steht auf Platz 1 und auf Platz 3.",
            "School",
        ),
        (
            "too_many",
            RANKING,
            {"limit": 2, "count": 3},
            "Bitte wählen Sie höchstens 2 Antworten aus (Sie haben 3 gewählt).",
            "no more than 2",
        ),
        (
            "too_long",
            RANKING,
            {"length": 11, "max": 10},
            "Ihr Text hat 11 Zeichen; erlaubt sind höchstens 10. Bitte kürzen Sie ihn.",
            "11",
        ),
        (
            "out_of_range",
            NUMBER,
            {"min": 0, "max": 100.5},
            "Bitte geben Sie eine Zahl von 0 bis 100,5 ein.",
            "100.5",
        ),
        ("out_of_range", NUMBER, {"min": 1, "max": None}, "kleiner als 1", "1"),
        ("gap", RANKING, {"empty": 1, "later": 2}, "Platz 1 ist leer, Platz 2 nicht", "2"),
        ("incomplete", RANKING, {"missing": "importance"}, "wie wichtig", "important"),
        ("incomplete", RANKING, {"missing": "performance"}, "wie gut", "well"),
        ("not_a_number", NUMBER, {"integer": True}, "ganze Zahl", "whole number"),
        ("not_a_number", NUMBER, {"integer": False}, "2,5", "2.5"),
        ("not_integer", NUMBER, {}, "ganze Zahl", "whole number"),
        ("invalid", RANKING, {}, "angebotenen Antworten", "answers offered"),
        ("required", RANKING, {}, "Platz 1", "first place"),
    ],
)
def test_each_error_code_becomes_a_sentence_in_both_languages(code, item, params, german, english):
    assert german in say(code, item, "de", **params)
    english_text = say(code, item, "en", **params)
    assert english in english_text and english_text != say(code, item, "de", **params)


@pytest.mark.usefixtures("app")
def test_an_unknown_error_code_is_a_programming_error_not_a_blank_message():
    with pytest.raises(ValueError, match="no_such_code"):
        say("no_such_code")
