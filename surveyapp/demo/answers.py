"""Plausible, valid sample answers for demos and tests, reproducible from a seeded RNG."""

from __future__ import annotations

import math
import random
import zlib
from collections.abc import Sequence
from typing import assert_never

from surveyapp.questionnaire.model import SCALE_POINTS, Item, ItemType, Questionnaire

NA_PROBABILITY = 0.05
SECOND_SENTENCE_PROBABILITY = 0.3

# Who answers: many staff and partners, few heads and Dezernenten; mostly operative work
# (version 1); in version 2 about half work in the office, few say nothing about themselves.
CHOICE_WEIGHTS: dict[str, dict[str, float]] = {
    "role": {"leitung": 1.0, "team": 5.0, "partner": 4.0, "verwaltungsspitze": 0.7},
    "level": {"normativ": 1.0, "strategisch": 3.0, "operativ": 5.0},
    "workplace": {"bildungsbuero": 5.0, "ausserhalb": 4.0, "keine_angabe": 0.3},
    "tenure": {"kurz": 3.0, "lang": 5.0, "keine_angabe": 0.3},
    "placement": {
        "stabsstelle": 3.0,
        "stabsstelle_landrat": 1.0,
        "dezernat": 5.0,
        "amt": 4.0,
        "andere": 0.5,
        "unbekannt": 1.0,
    },
    "mandate_document": {"beschluss": 5.0, "verwaltung": 2.0, "konzept": 2.0, "nein": 1.0},
    "staff_changes": {"keine": 0.2, "unbekannt": 0.2},
}
NUMBER_RANGES: dict[str, tuple[float, float]] = {
    "staff_fte": (1.5, 12.0),
    "staff_permanent_fte": (0.5, 6.0),
}

PHRASES: dict[str, tuple[str, ...]] = {
    "goals_main": (
        "Ein kommunales Bildungsmonitoring aufbauen, das regelmäßig berichtet.",
        "Die Übergänge von der Kita in die Grundschule besser begleiten.",
        "Mehr Jugendliche ohne Umwege in eine Ausbildung bringen.",
        "Die Bildungsangebote der Stadt für Familien leichter auffindbar machen.",
        "Die Zusammenarbeit von Schul-, Jugend- und Sozialamt verbindlich regeln.",
        "Bildungsgerechtigkeit in den benachteiligten Stadtteilen erhöhen.",
    ),
    "added_value_example": (
        "Beim Ganztagsausbau hat das Bildungsbüro alle beteiligten Ämter an einen Tisch gebracht.",
        "Der Bildungsbericht hat dem Ausschuss gezeigt, wo Schulabbrüche gehäuft auftreten.",
        "Ohne das Bildungsbüro gäbe es die Förderung für den Übergang Schule – Beruf nicht.",
        "Die Bildungskonferenz hat Schulen, Träger und Kammern zum ersten Mal zusammengebracht.",
        "Bei der Aufnahme geflüchteter Kinder hat das Bildungsbüro schnell Plätze koordiniert.",
    ),
    "strength_biggest": (
        "Das Team kennt die Akteure vor Ort sehr gut und ist hervorragend vernetzt.",
        "Die Daten des Bildungsmonitorings sind verlässlich und werden ernst genommen.",
        "Das Bildungsbüro kann zwischen den Ämtern vermitteln, ohne selbst Partei zu sein.",
        "Hohe fachliche Kompetenz und großes Engagement im Team.",
        "Kurze Wege zur Verwaltungsspitze.",
    ),
    "weakness_biggest": (
        "Zu viele Aufgaben für zu wenige, oft befristete Stellen.",
        "Unser Auftrag ist nicht schriftlich festgelegt und wird immer wieder in Frage gestellt.",
        "Die Fachämter sehen uns eher als Konkurrenz denn als Unterstützung.",
        "Wir kommen an viele Daten nur mit großem Aufwand heran.",
        "Außerhalb der Verwaltung kennt uns kaum jemand.",
        "Es fehlt eine klare Priorisierung, wir verzetteln uns in Projekten.",
    ),
    "future_goals": (
        "Ein vom Rat beschlossenes Leitbild für die kommunale Bildungslandschaft.",
        "Ein fest etabliertes Bildungsmonitoring mit jährlichem Kurzbericht.",
        "Alle Stellen im Bildungsbüro sind dauerhaft im Haushalt verankert.",
        "Eine Bildungskonferenz, die Prioritäten setzt und deren Empfehlungen umgesetzt werden.",
        "Ein gemeinsames Übergangsmanagement Schule – Beruf mit Arbeitsagentur und Kammern.",
    ),
    "sustainability_strategies": (
        "Den Auftrag des Bildungsbüros durch einen Ratsbeschluss absichern.",
        "Projektstellen schrittweise in dauerhafte Stellen überführen.",
        "Erfolge regelmäßig im Ausschuss berichten und sichtbar machen.",
        "Verbündete in den Fachämtern gewinnen und gemeinsame Ziele vereinbaren.",
        "Weniger Projekte, dafür mit klarer Wirkungslogik.",
    ),
    "visibility": (
        "Einen kurzen Newsletter für Schulen und Träger herausgeben.",
        "Den Bildungsbericht in einfacher Sprache zusammenfassen und öffentlich vorstellen.",
        "Regelmäßig in den Stadtteilen präsent sein, nicht nur im Rathaus.",
        "Ein gemeinsames Logo und einen klaren Auftritt auf der Website der Stadt.",
        "Erfolgsgeschichten mit der Pressestelle aufbereiten.",
    ),
    "consultation_question": (
        "Wie können wir unseren Auftrag gegenüber den Fachämtern klarer vertreten?",
        "Wie priorisieren wir unsere Aufgaben, wenn ständig neue hinzukommen?",
        "Wie bekommen wir Zugang zu den Schuldaten, die wir für das Monitoring brauchen?",
        "Wie gelingt es, Projektstellen dauerhaft zu sichern?",
        "Wie machen wir die Wirkung unserer Arbeit für die Politik sichtbar?",
    ),
    "new_tasks": (
        "Koordination des Ganztagsausbaus an den Grundschulen.",
        "Bildungsangebote für neu zugewanderte Familien.",
        "Berichte für den neuen Schulentwicklungsplan.",
        "Die Geschäftsführung des Netzwerks Übergang Schule – Beruf.",
    ),
    "stop_tasks": (
        "Die Organisation einzelner Fachtage könnte die Volkshochschule übernehmen.",
        "Kleinere Förderprojekte ohne Bezug zu unseren Zielen zurückstellen.",
        "Die Pflege der Angebotsdatenbank an das Jugendamt abgeben.",
        "Eigene Veranstaltungen seltener, dafür gezielter anbieten.",
    ),
    "consultation_tried": (
        "Wir haben die Fachämter zu einem Workshop eingeladen; es kamen nur zwei.",
        "Ein Konzept liegt der Verwaltungsspitze vor, eine Entscheidung steht aus.",
        "Wir haben eine Kooperationsvereinbarung mit dem Schulamt entworfen.",
        "Bisher nur Einzelgespräche, noch nichts Verbindliches.",
    ),
    "consultation_background": (
        "Seit der Neuorganisation der Verwaltung ist unklar, wer für den Ganztag zuständig ist.",
        "Drei von fünf Stellen laufen im nächsten Jahr aus.",
        "Das Schulamt liefert Daten nur auf Anfrage und mit großer Verzögerung.",
        "Die neue Dezernentin möchte andere Schwerpunkte setzen als ihr Vorgänger.",
        "Unser Bildungsbericht wird im Ausschuss kaum diskutiert.",
    ),
}
GENERIC_PHRASES = (
    "Dazu sollten wir uns im Team noch einmal austauschen.",
    "Das hängt stark von der Unterstützung der Verwaltungsspitze ab.",
    "Hier sehe ich noch deutlichen Entwicklungsbedarf.",
    "Das gelingt bereits gut und sollte beibehalten werden.",
)


def _bias(key: str) -> float:
    """Return a fixed offset in [-0.6, 0.6] per key, so that profiles are not flat."""
    return (zlib.crc32(key.encode()) % 1001) / 1000 * 1.2 - 0.6


def _rating(rng: random.Random, centre: float, spread: float) -> int:
    """Draw a 1–5 rating around ``centre``."""
    value = centre + rng.gauss(0.0, spread)
    return int(min(SCALE_POINTS, max(1, round(value))))


def _weighted_sample(rng: random.Random, item: Item, count: int) -> list[str]:
    """Pick ``count`` distinct option keys, favouring some options over others."""
    weights = CHOICE_WEIGHTS.get(item.key, {})
    pool = {key: weights.get(key, math.exp(2 * _bias(key))) for key in item.option_keys}
    picked: list[str] = []
    for _ in range(min(count, len(pool))):
        keys = list(pool)
        choice = rng.choices(keys, weights=[pool[key] for key in keys])[0]
        picked.append(choice)
        del pool[choice]
    return picked


def _likert(item: Item, rng: random.Random, tendency: float, spread: float) -> int | None:
    if item.allow_na and rng.random() < NA_PROBABILITY:
        return None
    agreement = _rating(rng, 3.3 + tendency + _bias(item.key), spread)
    return SCALE_POINTS + 1 - agreement if item.reverse else agreement


def _importance_performance(
    item: Item, rng: random.Random, tendency: float, spread: float
) -> dict[str, int | None]:
    bias = _bias(item.key)
    answer: dict[str, int | None] = {
        "importance": _rating(rng, 4.0 + bias / 2, spread * 0.7),
        "performance": _rating(rng, 3.0 + tendency + bias, spread),
    }
    if item.allow_na and rng.random() < 2 * NA_PROBABILITY:
        answer["performance"] = None  # how well the office does it is harder to judge
    return answer


def _text(item: Item, rng: random.Random) -> str:
    phrases: Sequence[str] = PHRASES.get(item.key, GENERIC_PHRASES)
    count = 2 if len(phrases) > 1 and rng.random() < SECOND_SENTENCE_PROBABILITY else 1
    text = " ".join(rng.sample(list(phrases), count))
    return text[: item.max_length] if item.max_length else text


def _number(item: Item, rng: random.Random) -> float | int:
    low = item.min if item.min is not None else 0.0
    high = item.max if item.max is not None else max(low, 0.0) + 100.0
    typical_low, typical_high = NUMBER_RANGES.get(item.key, (low, high))
    if max(low, typical_low) <= min(high, typical_high):
        low, high = max(low, typical_low), min(high, typical_high)
    if item.integer:
        return rng.randint(math.ceil(low), math.floor(high))
    value = round(rng.uniform(low, high) * 2) / 2
    return min(high, max(low, value))


def sample_answer(
    item: Item, rng: random.Random, *, tendency: float = 0.0, spread: float = 1.0
) -> object:
    """Return one plausible valid answer value for ``item``."""
    spread = abs(spread)
    match item.type:
        case ItemType.LIKERT:
            return _likert(item, rng, tendency, spread)
        case ItemType.IMPORTANCE_PERFORMANCE:
            return _importance_performance(item, rng, tendency, spread)
        case ItemType.SINGLE_CHOICE:
            return _weighted_sample(rng, item, 1)[0]
        case ItemType.MULTI_CHOICE:
            limit = item.max_choices or len(item.options)
            return _weighted_sample(rng, item, rng.randint(1, min(limit, 4)))
        case ItemType.RANKING:
            return _weighted_sample(rng, item, item.top_n or len(item.options))
        case ItemType.TEXT:
            return _text(item, rng)
        case ItemType.NUMBER:
            return _number(item, rng)
        case _:
            assert_never(item.type)


def sample_answers(
    questionnaire: Questionnaire,
    rng: random.Random,
    *,
    tendency: float = 0.0,
    spread: float = 1.0,
) -> dict[str, object]:
    """Return one respondent's answers to every item; ``tendency`` shifts ratings (±2)."""
    return {
        item.key: sample_answer(item, rng, tendency=tendency, spread=spread)
        for item in questionnaire.items
    }
