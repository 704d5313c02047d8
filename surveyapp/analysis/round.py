"""The entry point: a round's answers in, a :class:`RoundAnalysis` out, teams on demand."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from surveyapp.analysis.benchmark import benchmark_all, team_means
from surveyapp.analysis.dimensions import dimension_table, respondent_scores
from surveyapp.analysis.importance_performance import RESAMPLES, SEED, function_table
from surveyapp.analysis.items import choice_table, item_table, number_table
from surveyapp.analysis.open_answers import Texts, open_answers, texts_by_team
from surveyapp.analysis.prepared import Prepared, prepare
from surveyapp.analysis.ranking import ranking_table
from surveyapp.analysis.results import EarlierRound, OpenAnswers, TeamAnalysis
from surveyapp.analysis.team import analyse_team
from surveyapp.questionnaire import Questionnaire


@dataclass(frozen=True)
class RoundAnalysis:
    """One round analysed: every team's tables at once, and :meth:`team` for one team.

    ``items``, ``dimensions``, ``functions``, ``ranking``, ``choices`` and ``numbers`` hold
    all teams (columns in :mod:`surveyapp.analysis.results`; ``functions`` here without the
    bootstrap stability, which :meth:`team` adds).
    """

    questionnaire: Questionnaire = field(repr=False)
    k: int
    team_ids: tuple[int, ...]
    #: team_id → submitted responses.
    team_sizes: dict[int, int]
    items: pd.DataFrame = field(repr=False)
    dimensions: pd.DataFrame = field(repr=False)
    functions: pd.DataFrame = field(repr=False)
    ranking: pd.DataFrame = field(repr=False)
    choices: pd.DataFrame = field(repr=False)
    numbers: pd.DataFrame = field(repr=False)
    prepared: Prepared = field(repr=False)
    #: Respondent dimension scores (index response_id); internal, never shown per person.
    scores: pd.DataFrame = field(repr=False)
    earlier: tuple[EarlierRound, ...] = field(default=(), repr=False)
    seed: int = SEED
    resamples: int = RESAMPLES
    _cache: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def overview(self) -> pd.DataFrame:
        """One row per team: team_id, n (submitted responses), reaches_k."""
        sizes = [self.team_sizes[team_id] for team_id in self.team_ids]
        return pd.DataFrame(
            {
                "team_id": list(self.team_ids),
                "n": sizes,
                "reaches_k": [size >= self.k for size in sizes],
            }
        )

    def means(self) -> pd.DataFrame:
        """Every team's means in one long table: team_id, kind, key, mean, n, reason."""
        if "means" not in self._cache:
            self._cache["means"] = team_means(self.items, self.dimensions, self.functions)
        return self._cache["means"]

    def rows_of(self, table: pd.DataFrame, team_id: int) -> pd.DataFrame:
        """The team's rows of a round table (round tables are team-major, equal blocks)."""
        position = self.prepared.team_position(team_id)
        width = len(table) // len(self.team_ids)
        return table.iloc[position * width : (position + 1) * width].reset_index(drop=True)

    def benchmark(self, team_id: int) -> pd.DataFrame:
        """The team's benchmark rows (computed for all teams at once, then kept)."""
        if "benchmark" not in self._cache:
            table = benchmark_all(self.means())
            self._cache["benchmark"] = (table, table.groupby("team_id").indices)
        table, rows = self._cache["benchmark"]
        return table.iloc[rows.get(team_id, [])].reset_index(drop=True)

    def texts(self) -> Texts:
        """Every team's non-empty open answers (kept after the first call)."""
        if "texts" not in self._cache:
            self._cache["texts"] = texts_by_team(self.prepared)
        return self._cache["texts"]

    def team(self, team_id: int) -> TeamAnalysis:
        """Return the analysis of one team (computed once, then kept)."""
        if team_id not in self._cache:
            self._cache[team_id] = analyse_team(self, team_id)
        return self._cache[team_id]

    def consultation_questions(self, team_id: int) -> tuple[OpenAnswers, ...]:
        """The team's consultation questions for the facilitator's brief — also under k."""
        return open_answers(
            self.prepared, team_id, below_k=True, only_consultation=True, texts=self.texts()
        )

    def earlier_analysis(self, earlier: EarlierRound) -> RoundAnalysis:
        """The analysis of an earlier round (computed once), for the trend."""
        key = ("earlier", id(earlier))
        if key not in self._cache:
            self._cache[key] = analyse_round(
                earlier.questionnaire, earlier.answers, earlier.k, teams=earlier.team_of.values()
            )
        return self._cache[key]


def analyse_round(
    questionnaire: Questionnaire,
    answers: pd.DataFrame,
    k: int,
    *,
    teams: Iterable[int] = (),
    earlier: Sequence[EarlierRound] = (),
    seed: int = SEED,
    resamples: int = RESAMPLES,
) -> RoundAnalysis:
    """Analyse a round: ``answers`` is the long frame of :mod:`surveyapp.analysis.frame`.

    ``teams`` adds teams without submitted responses; ``earlier`` lists earlier rounds for
    the trend, newest first (a team is compared with the first one that has its
    municipality); ``seed`` and ``resamples`` fix the bootstrap of the priorities' stability.
    """
    prepared = prepare(questionnaire, answers, k, teams)
    scores = respondent_scores(prepared)
    return RoundAnalysis(
        questionnaire=questionnaire,
        k=k,
        team_ids=tuple(int(team_id) for team_id in prepared.team_ids),
        team_sizes={
            int(team_id): int(size)
            for team_id, size in zip(prepared.team_ids, prepared.team_sizes, strict=True)
        },
        items=item_table(prepared),
        dimensions=dimension_table(prepared, scores),
        functions=function_table(prepared),
        ranking=ranking_table(prepared),
        choices=choice_table(prepared),
        numbers=number_table(prepared),
        prepared=prepared,
        scores=scores,
        earlier=tuple(earlier),
        seed=seed,
        resamples=resamples,
    )
