"""What was withheld and why: the anonymity rule's vocabulary, and the one check it rests on."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd


class Part(enum.StrEnum):
    """The part of a team's results a withheld figure belongs to."""

    TEAM = "team"
    ITEM = "item"
    DIMENSION = "dimension"
    FUNCTION = "function"
    RANKING = "ranking"
    PERSPECTIVE = "perspective"
    BENCHMARK = "benchmark"
    TREND = "trend"
    OPEN_ANSWERS = "open_answers"
    CHOICE = "choice"
    NUMBER = "number"


class Reason(enum.StrEnum):
    """Why a figure is withheld; each has a one-sentence explanation in text.py."""

    #: The team has fewer than k submitted responses: no figures at all.
    TEAM_BELOW_K = "team_below_k"
    #: Fewer than k valid answers (after "cannot judge") for this item or dimension.
    FEW_ANSWERS = "few_answers"
    #: A function has fewer than k ratings on its importance or its performance half.
    FEW_RATINGS = "few_ratings"
    #: A perspective group (also "keine Angabe") is below k: no group of it is shown.
    SMALL_GROUP = "small_group"
    #: Fewer than two comparable groups answered: there is nothing to compare.
    ONE_GROUP = "one_group"
    #: Fewer than three other teams reach k: the benchmark could reveal a single team.
    FEW_TEAMS = "few_teams"
    #: No team of the same municipality in an earlier round (or the item is new).
    NO_EARLIER = "no_earlier"
    #: The earlier round's team (or its answers to this item) is below k.
    EARLIER_BELOW_K = "earlier_below_k"


@dataclass(frozen=True)
class Suppression:
    """One withheld figure (or group of figures): where it is and why."""

    part: Part
    key: str | None
    reason: Reason
    k: int
    #: For perspectives the attribute key; for open answers nothing.
    detail: str | None = None

    def sentence(self, locale: str | None = "de") -> str:
        """Return the one sentence a page or report prints instead of the figure."""
        return reason_sentence(self.reason, self.k, locale)


#: The sentence for each reason, German and English; ``{k}`` is the round's threshold.
REASON_SENTENCES: dict[Reason, tuple[str, str]] = {
    Reason.TEAM_BELOW_K: (
        "Weniger als {k} Antworten – aus Datenschutzgründen nicht ausgewiesen.",
        "Fewer than {k} responses – not shown to protect anonymity.",
    ),
    Reason.FEW_ANSWERS: (
        "Weniger als {k} Antworten – aus Datenschutzgründen nicht ausgewiesen.",
        "Fewer than {k} answers – not shown to protect anonymity.",
    ),
    Reason.FEW_RATINGS: (
        "Zu wenige Einschätzungen (weniger als {k} je Frage) – nicht eingeordnet.",
        "Too few ratings (fewer than {k} per question) – not placed.",
    ),
    Reason.SMALL_GROUP: (
        "Mindestens eine Gruppe hat weniger als {k} Antworten – aus Datenschutzgründen wird "
        "keine Gruppe gezeigt.",
        "At least one group has fewer than {k} answers – to protect anonymity no group is shown.",
    ),
    Reason.ONE_GROUP: (
        "Nur eine Gruppe hat geantwortet – es gibt nichts zu vergleichen.",
        "Only one group answered – there is nothing to compare.",
    ),
    Reason.FEW_TEAMS: (
        "Weniger als drei andere Teams mit mindestens {k} Antworten – kein Vergleich, damit "
        "kein einzelnes Team erkennbar wird.",
        "Fewer than three other teams with at least {k} answers – no comparison, so that no "
        "single team can be recognised.",
    ),
    Reason.NO_EARLIER: (
        "Keine frühere Runde mit vergleichbaren Fragen.",
        "No earlier round with comparable questions.",
    ),
    Reason.EARLIER_BELOW_K: (
        "In der früheren Runde weniger als {k} Antworten – kein Vergleich über die Zeit.",
        "Fewer than {k} answers in the earlier round – no comparison over time.",
    ),
}


def reason_sentence(reason: Reason, k: int, locale: str | None = "de") -> str:
    """Return the sentence explaining ``reason`` in German or English."""
    german, english = REASON_SENTENCES[reason]
    english_wanted = bool(locale) and str(locale).lower().startswith("en")
    return (english if english_wanted else german).format(k=k)


def reaches_k(counts: pd.Series | np.ndarray | int, k: int) -> pd.Series | np.ndarray | bool:
    """Tell whether a group of ``counts`` respondents (or answers) may be shown."""
    return counts >= k


def breakdown_publishable(counts: Mapping[str, int], k: int) -> bool:
    """Tell whether a breakdown of one figure into groups may be shown (ANALYSIS.md §5).

    ``counts`` holds every group's number of valid answers, the groups that are never shown
    ("keine Angabe", groups not compared) included. Only when every group with at least one
    answer reaches k is no group recoverable as the total minus the others. Dashboards use
    this for any breakdown they offer (filters, team × round), on the server.
    """
    return all(count >= k for count in counts.values() if count > 0)
