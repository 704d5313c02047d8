"""The typed results: frozen dataclasses around DataFrames with documented columns.

Charts, dashboards, reports, exports and the CLI draw only from these; no figure is computed
twice. Every table has a ``reason`` column: ``None`` where the row's figures are shown, else
the :class:`~surveyapp.analysis.suppression.Reason` value (a string) why they are withheld —
then every figure of that row is NaN (counts included) and a page prints
``reason_sentence(reason, k, locale)`` instead.

Columns (one row per team and key unless said otherwise; ``team_id`` is always first):

``ITEM_COLUMNS`` – likert items, as asked (not reversed):
    item_key, dimension, reverse (bool), n (valid answers), n_na ("cannot judge", counted
    apart), mean, median, sd (ddof=1; NaN for n = 1), count_1 … count_5 (answers per point),
    cns (Tastle–Wierman consensus 0–1), ad (mean absolute deviation), disputed (bool:
    „Das Team sieht das unterschiedlich“), level ("strength"/"need"/None, judged on the
    scored direction, i.e. 6 − mean for reverse-worded items), reason.
``DIMENSION_COLUMNS`` – respondent dimension scores (reverse items reversed first; a score
    only for respondents who answered at least half of the dimension's items, rounded up):
    dimension, n_items, n (respondents with a score), mean, median, sd, count_1 … count_5
    (scores rounded half up to the nearest point), cns (of that rounded distribution), ad
    (of the scores themselves), disputed (≥ a quarter of the scores ≤ 2.5 and ≥ a quarter
    ≥ 3.5), level, reason.
``FUNCTION_COLUMNS`` – importance–performance items (the office's functions):
    item_key, n_importance, n_na_importance, n_performance, n_na_performance, importance (I),
    performance (P), gap (G = I − P), sd_importance, sd_performance, importance_1 … _5,
    performance_1 … _5 (distributions), cns_importance, cns_performance,
    disputed_importance, disputed_performance, placed (bool: ≥ k ratings on both halves),
    quadrant (:class:`Quadrant` value), borderline (bool: within 0.25 of a crosshair),
    score (S = I × G, NaN unless G > 0), priority_rank (1, 2, … for the strategy
    priorities, NaN otherwise), filled_up (bool: a priority outside „Hier ansetzen“ that
    fills the top three), reason (``few_ratings`` for functions not placed).
    In :attr:`TeamAnalysis.functions` also: stability (share of bootstrap resamples in which
    the function is among the top three by S), stability_label (:class:`Stability` value).
``RANKING_COLUMNS`` – the team's own ranking item, Borda-counted:
    item_key (the function), points, named (respondents who ranked it at all),
    first_places, rank (1 = most points; ties: more first places, then questionnaire
    order), reason.
``CHOICE_COLUMNS`` – single and multiple choice items that are not attributes, one row per
    option: item_key, option, count, share (count / n), n (respondents who answered), reason.
``NUMBER_COLUMNS`` – number items: item_key, n, median, min, max, reason.
``PERSPECTIVE_COLUMNS`` – only the breakdowns that may be shown (every group with a valid
    answer, "keine Angabe" included, reaches k): attribute, kind (:class:`Kind`), key,
    group (option key; never "keine_angabe"), n, mean, sd. Withheld breakdowns are listed
    in :attr:`TeamAnalysis.suppressed` (part "perspective", detail = attribute key).
``BENCHMARK_COLUMNS`` – the team against the other teams of the round that reach k (each
    team weighted equally): kind, key, team_mean, others_mean, others_min, others_max,
    other_teams (how many qualified), position (:class:`Position` value), reason.
``TREND_COLUMNS`` – the same municipality's team in an earlier round: kind, key,
    earlier_key (the key in the earlier version), earlier_team_id, mean_now, mean_then,
    n_now, n_then, delta (now − then), change (:class:`Change` value), reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from surveyapp.analysis.labels import Quadrant, Stability
from surveyapp.analysis.suppression import Suppression
from surveyapp.analysis.text import FILLED_UP_NOTE, label, priority_sentence
from surveyapp.questionnaire import Questionnaire

POINTS = (1, 2, 3, 4, 5)
COUNTS = tuple(f"count_{point}" for point in POINTS)

ITEM_COLUMNS = (
    ("team_id", "item_key", "dimension", "reverse", "n", "n_na", "mean", "median", "sd")
    + COUNTS
    + ("cns", "ad", "disputed", "level", "reason")
)
DIMENSION_COLUMNS = (
    ("team_id", "dimension", "n_items", "n", "mean", "median", "sd")
    + COUNTS
    + ("cns", "ad", "disputed", "level", "reason")
)
FUNCTION_COLUMNS = (
    (
        "team_id",
        "item_key",
        "n_importance",
        "n_na_importance",
        "n_performance",
        "n_na_performance",
        "importance",
        "performance",
        "gap",
        "sd_importance",
        "sd_performance",
    )
    + tuple(f"importance_{point}" for point in POINTS)
    + tuple(f"performance_{point}" for point in POINTS)
    + (
        "cns_importance",
        "cns_performance",
        "disputed_importance",
        "disputed_performance",
        "placed",
        "quadrant",
        "borderline",
        "score",
        "priority_rank",
        "filled_up",
        "reason",
    )
)
TEAM_FUNCTION_COLUMNS = FUNCTION_COLUMNS + ("stability", "stability_label")
RANKING_COLUMNS = ("team_id", "item_key", "points", "named", "first_places", "rank", "reason")
CHOICE_COLUMNS = ("team_id", "item_key", "option", "count", "share", "n", "reason")
NUMBER_COLUMNS = ("team_id", "item_key", "n", "median", "min", "max", "reason")
PERSPECTIVE_COLUMNS = ("team_id", "attribute", "kind", "key", "group", "n", "mean", "sd")
BENCHMARK_COLUMNS = (
    "team_id",
    "kind",
    "key",
    "team_mean",
    "others_mean",
    "others_min",
    "others_max",
    "other_teams",
    "position",
    "reason",
)
TREND_COLUMNS = (
    "team_id",
    "kind",
    "key",
    "earlier_key",
    "earlier_team_id",
    "mean_now",
    "mean_then",
    "n_now",
    "n_then",
    "delta",
    "change",
    "reason",
)


@dataclass(frozen=True)
class Crosshair:
    """The team's data-centred crosshairs: mean I and mean P over its placed functions."""

    importance: float
    performance: float
    functions: int


@dataclass(frozen=True)
class Priority:
    """One strategy priority (ANALYSIS.md §2), in rank order."""

    item_key: str
    rank: int
    importance: float
    performance: float
    gap: float
    score: float
    quadrant: Quadrant
    borderline: bool
    #: True when the function is outside „Hier ansetzen“ and only fills up the top three.
    filled_up: bool
    stability: float
    stability_label: Stability
    crosshair: Crosshair

    def reason(self, locale: str | None = "de") -> str:
        """The sentence a reader sees: „Hohe Bedeutung (4,6; Teamschnitt 4,1), …“."""
        return priority_sentence(
            self.importance,
            self.performance,
            self.crosshair.importance,
            self.crosshair.performance,
            locale,
        )

    @staticmethod
    def filled_up_note(locale: str | None = "de") -> str:
        """The sentence saying that the top three were filled up from outside the quadrant."""
        return label(FILLED_UP_NOTE, locale)


@dataclass(frozen=True)
class RankingAgreement:
    """Where the importance–performance priorities and the team's own ranking agree."""

    #: Functions in the top three of both, in priority order.
    both: tuple[str, ...]
    #: In the top three priorities only.
    priorities_only: tuple[str, ...]
    #: In the top three of the team's ranking only.
    ranking_only: tuple[str, ...]


@dataclass(frozen=True)
class OpenAnswers:
    """A text item's answers of one team: sorted alphabetically, without any attribute."""

    item_key: str
    consultation: bool
    #: Non-empty, not hidden; empty when withheld (then ``reason`` says why).
    answers: tuple[str, ...]
    #: How many answers the facilitator hid (said in the report's method appendix).
    hidden: int
    reason: str | None


@dataclass(frozen=True)
class EarlierRound:
    """An earlier round to compare with: its questionnaire, answers frame, k and team map."""

    questionnaire: Questionnaire
    answers: pd.DataFrame
    k: int
    #: Current team id → the same municipality's team id in the earlier round.
    team_of: Mapping[int, int]
    round_id: int | None = None
    label: str = ""


@dataclass(frozen=True)
class TeamAnalysis:
    """Everything shown for one team; tables are documented in this module's docstring."""

    team_id: int
    k: int
    #: Submitted responses of the team.
    n: int
    reaches_k: bool
    questionnaire: Questionnaire = field(repr=False)
    items: pd.DataFrame = field(repr=False)
    dimensions: pd.DataFrame = field(repr=False)
    functions: pd.DataFrame = field(repr=False)
    crosshair: Crosshair | None
    priorities: tuple[Priority, ...]
    ranking: pd.DataFrame = field(repr=False)
    ranking_agreement: RankingAgreement | None
    #: The team's most disputed likert items: flagged items by Cns ascending, at most five.
    disputed: tuple[str, ...]
    perspectives: pd.DataFrame = field(repr=False)
    benchmark: pd.DataFrame = field(repr=False)
    trend: pd.DataFrame = field(repr=False)
    earlier_round_id: int | None
    open_answers: tuple[OpenAnswers, ...]
    choices: pd.DataFrame = field(repr=False)
    numbers: pd.DataFrame = field(repr=False)
    #: Every withheld part with its reason, for a page to say what is missing and why.
    suppressed: tuple[Suppression, ...]

    @property
    def filled_up(self) -> bool:
        """Tell whether the top three had to be filled up from outside „Hier ansetzen“."""
        return any(priority.filled_up for priority in self.priorities)
