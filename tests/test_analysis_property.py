"""Random rounds: no returned number comes from a group under k, and no small group can be
recovered by subtraction (the linear-algebra audit of ANALYSIS.md §5, done with numpy)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from surveyapp.analysis import analyse_round, frame_from_dict
from tests.analysis_fixtures import hand_questionnaire

QUESTIONNAIRE = hand_questionnaire()
RATING = st.one_of(st.none(), st.integers(1, 5))
GROUPS = ("leitung", "team", "partner", "keine_angabe")


@st.composite
def respondent(draw) -> dict:
    answers: dict = {}
    role = draw(st.sampled_from((None, "leitung", "team", "partner", "keine_angabe")))
    if role is not None:
        answers["role"] = role
    for key in ("c1", "c2", "c3"):
        if draw(st.booleans()) or key == "c1":
            value = draw(RATING)
            answers[key] = value if key == "c3" or value is not None else 3
    for key in ("f_a", "f_d"):
        half = st.integers(1, 5) if key == "f_a" else RATING
        answers[key] = {"importance": draw(half), "performance": draw(half)}
    return answers


ROUNDS = st.dictionaries(
    st.integers(1, 9), st.lists(respondent(), min_size=0, max_size=9), min_size=1, max_size=6
)


def recoverable(published: np.ndarray, cell: int) -> bool:
    """Whether the cell's value follows from the published linear equations over the cells:
    its indicator vector lies in their row space (sdcTable / GaussSuppression audit)."""
    indicator = np.zeros(published.shape[1])
    indicator[cell] = 1
    if published.size == 0:
        return False
    stacked = np.vstack([published, indicator])
    return np.linalg.matrix_rank(stacked) == np.linalg.matrix_rank(published)


def test_audit_finds_the_one_person_left_over() -> None:
    # Cells: leitung (5 people), team (1 person). Published: the total and leitung.
    published = np.array([[1.0, 1.0], [1.0, 0.0]])
    assert recoverable(published, 1)
    assert not recoverable(np.array([[1.0, 1.0]]), 1)


def group_sizes(rows: list[dict], key: str, kind: str) -> dict[str, int]:
    """Respondents with a valid answer per role group (skipped role = keine_angabe)."""
    sizes: dict[str, int] = {}
    for answers in rows:
        value = answers.get(key)
        if kind in ("importance", "performance"):
            value = value.get(kind) if isinstance(value, dict) else None
        if value is None:
            continue
        group = answers.get("role") or "keine_angabe"
        sizes[group] = sizes.get(group, 0) + 1
    return sizes


def check_team(analysis, team_id: int, rows: list[dict], k: int) -> None:
    team = analysis.team(team_id)
    if len(rows) < k:
        numeric = ["mean", "median", "sd", "cns", "ad"] + [f"count_{p}" for p in range(1, 6)]
        assert team.items[numeric].isna().all().all()
        assert team.dimensions[numeric].isna().all().all()
        assert team.functions[["importance", "performance", "importance_1"]].isna().all().all()
        assert team.perspectives.empty and team.priorities == ()
        assert team.choices["count"].isna().all() and team.numbers["median"].isna().all()
        assert all(answers.answers == () for answers in team.open_answers)
        return
    shown = team.items.loc[team.items["reason"].isna()]
    assert (shown["n"] >= k).all()
    counts = shown[[f"count_{p}" for p in range(1, 6)]].sum(axis=1)
    assert (counts == shown["n"]).all()
    hidden = team.items.loc[team.items["reason"].notna()]
    assert hidden["mean"].isna().all() and hidden["count_1"].isna().all()
    assert (team.dimensions.loc[team.dimensions["reason"].isna(), "n"] >= k).all()
    placed = team.functions.loc[team.functions["placed"].astype(bool)]
    assert ((placed["n_importance"] >= k) & (placed["n_performance"] >= k)).all()
    for (attribute, kind, key), breakdown in team.perspectives.groupby(
        ["attribute", "kind", "key"]
    ):
        assert attribute == "role" and "keine_angabe" not in set(breakdown["group"])
        assert (breakdown["n"] >= k).all()
        if kind == "dimension":
            continue
        sizes = group_sizes(rows, key, "item" if kind == "item" else kind)
        assert all(size >= k for size in sizes.values()), (key, sizes)
        assert dict(zip(breakdown["group"], breakdown["n"], strict=True)) == {
            group: size for group, size in sizes.items() if group in ("leitung", "team")
        }
        # The audit: cells are the groups; published are the team total and the shown groups.
        cells = sorted(sizes)
        published = [np.ones(len(cells))]
        published += [np.eye(len(cells))[cells.index(group)] for group in breakdown["group"]]
        for index, group in enumerate(cells):
            if sizes[group] < k:
                assert not recoverable(np.array(published), index)
    benchmark = team.benchmark.loc[team.benchmark["reason"].isna()]
    assert (benchmark["other_teams"] >= 3).all()


def check_benchmark_contributions(analysis, k: int) -> None:
    means = analysis.means()
    contributors = means.loc[means["reason"].isna()]
    assert (contributors["n"] >= k).all()
    for team_id in analysis.team_ids:
        benchmark = analysis.team(team_id).benchmark
        for row in benchmark.loc[benchmark["reason"].isna()].itertuples():
            others = contributors.loc[
                (contributors["kind"] == row.kind)
                & (contributors["key"] == row.key)
                & (contributors["team_id"] != team_id)
            ]
            assert len(others) == row.other_teams >= 3
            assert math.isclose(others["mean"].mean(), row.others_mean)
            # Audit: cells are the team means; this team sees its own and the others' mean.
            cells = [team_id] + list(others["team_id"])
            published = np.array([np.eye(len(cells))[0], [0.0] + [1.0] * len(others)])
            assert not any(recoverable(published, index) for index in range(1, len(cells)))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rounds=ROUNDS, k=st.integers(2, 4))
def test_no_figure_comes_from_a_group_under_k(rounds: dict[int, list[dict]], k: int) -> None:
    frame = frame_from_dict(QUESTIONNAIRE, rounds)
    analysis = analyse_round(QUESTIONNAIRE, frame, k, teams=list(rounds), resamples=50)
    assert set(analysis.team_ids) == set(rounds)
    for team_id, rows in rounds.items():
        assert analysis.team_sizes[team_id] == len(rows)
        check_team(analysis, team_id, rows, k)
    check_benchmark_contributions(analysis, k)
    assert isinstance(analysis.overview, pd.DataFrame)
