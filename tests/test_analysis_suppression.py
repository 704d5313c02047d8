"""The anonymity rule, case by case (k = 3): under k nothing leaves the analysis but a reason."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from surveyapp.analysis import (
    EarlierRound,
    Part,
    Position,
    Reason,
    analyse_round,
    frame_from_dict,
)
from surveyapp.analysis.labels import Change
from tests.analysis_fixtures import TEAM_OF_FOUR, hand_questionnaire, ip

approx = pytest.approx


def answers(c1: int, role: str | None = None, **more) -> dict:
    base = {"c1": c1, "c2": 6 - c1, "c3": c1, "f_a": ip(c1, 2), "f_b": ip(3, 3)}
    if role is not None:
        base["role"] = role
    return {**base, **more}


def analyse(teams: dict, k: int = 3, **kwargs):
    questionnaire = kwargs.pop("questionnaire", hand_questionnaire())
    return analyse_round(questionnaire, frame_from_dict(questionnaire, teams), k, **kwargs)


def figures(table: pd.DataFrame, keep: tuple[str, ...]) -> pd.DataFrame:
    return table.drop(columns=[c for c in table.columns if c in keep or c == "reason"])


def test_team_under_k_gets_no_figures_at_all_only_the_reason() -> None:
    team = analyse({1: TEAM_OF_FOUR[:2]}).team(1)
    assert not team.reaches_k and team.n == 2
    assert [(s.part, s.key, s.reason) for s in team.suppressed] == [
        (Part.TEAM, None, Reason.TEAM_BELOW_K)
    ]
    assert team.suppressed[0].sentence("de") == (
        "Weniger als 3 Antworten – aus Datenschutzgründen nicht ausgewiesen."
    )
    for table, keep in (
        (team.items, ("team_id", "item_key", "dimension", "reverse", "n", "n_na")),
        (team.dimensions, ("team_id", "dimension", "n_items", "n")),
        (team.ranking, ("team_id", "item_key")),
        (team.choices, ("team_id", "item_key", "option", "n")),
        (team.numbers, ("team_id", "item_key", "n")),
    ):
        assert (table["reason"] == Reason.TEAM_BELOW_K).all()
        assert figures(table, keep).isna().all().all(), table
    assert (
        team.functions[["importance", "performance", "gap", "quadrant", "score"]].isna().all().all()
    )
    assert team.functions[[f"importance_{p}" for p in range(1, 6)]].isna().all().all()
    assert team.priorities == () and team.crosshair is None and team.disputed == ()
    assert team.perspectives.empty and team.ranking_agreement is None
    assert all(o.answers == () and o.reason == Reason.TEAM_BELOW_K for o in team.open_answers)


def test_item_with_fewer_than_k_valid_answers_is_suppressed_with_its_distribution() -> None:
    team = analyse({1: TEAM_OF_FOUR[1:]}).team(1)  # R2 says "cannot judge" to c3
    c3 = team.items.set_index("item_key").loc["c3"]
    assert (c3["n"], c3["n_na"], c3["reason"]) == (2, 1, Reason.FEW_ANSWERS)
    assert all(pd.isna(c3[f"count_{p}"]) for p in range(1, 6))
    assert math.isnan(c3["mean"]) and pd.isna(c3["disputed"])
    assert (Part.ITEM, "c3", Reason.FEW_ANSWERS) in [
        (s.part, s.key, s.reason) for s in team.suppressed
    ]
    assert team.items.set_index("item_key").loc["c1", "reason"] is None


def test_dimension_with_fewer_than_k_scores_is_suppressed() -> None:
    # Only one respondent answers at least two of the three coop items.
    teams = {1: [{"c1": 4, "c2": 2}, {"c1": 3}, {"c3": 5}]}
    dimension = analyse(teams).team(1).dimensions.iloc[0]
    assert (dimension["n"], dimension["reason"]) == (1, Reason.FEW_ANSWERS)
    assert math.isnan(dimension["mean"]) and pd.isna(dimension["count_4"])


def test_function_needs_k_ratings_on_both_halves_to_be_placed() -> None:
    rows = [answers(4, f_d=ip(5, 1)), answers(5, f_d=ip(5, None)), answers(3, f_d=ip(4, None))]
    team = analyse({1: rows}).team(1)
    functions = team.functions.set_index("item_key")
    assert not functions.loc["f_d", "placed"]
    assert functions.loc["f_d", "reason"] == Reason.FEW_RATINGS
    assert math.isnan(functions.loc["f_d", "importance"])  # not shown, though 3 rated it
    assert (functions.loc["f_d", "n_importance"], functions.loc["f_d", "n_performance"]) == (3, 1)
    # f_d takes no part in the crosshairs: f_a (4,0 / 2,0) and f_b (3,0 / 3,0) only
    assert team.crosshair.importance == approx(3.5) and team.crosshair.performance == approx(2.5)


# -- perspectives ---------------------------------------------------------------------------


def test_perspectives_shown_when_every_group_reaches_k() -> None:
    rows = [answers(5, "leitung")] * 3 + [answers(2, "team")] * 3
    shown = analyse({1: rows}).team(1).perspectives
    c1 = shown.loc[(shown["kind"] == "item") & (shown["key"] == "c1")]
    assert c1[["group", "n", "mean"]].to_dict("records") == [
        {"group": "leitung", "n": 3, "mean": 5.0},
        {"group": "team", "n": 3, "mean": 2.0},
    ]
    coop = shown.loc[(shown["kind"] == "dimension") & (shown["key"] == "coop")]
    assert coop["mean"].tolist() == [5.0, 2.0]


def test_five_of_one_group_and_one_of_another_shows_no_group() -> None:
    rows = [answers(5, "leitung")] * 5 + [answers(1, "team")]
    team = analyse({1: rows}).team(1)
    assert team.perspectives.empty
    withheld = [s for s in team.suppressed if s.part == Part.PERSPECTIVE]
    assert {s.reason for s in withheld} == {Reason.SMALL_GROUP}
    assert {s.detail for s in withheld} == {"role"}
    assert "item:c1" in {s.key for s in withheld}


def test_skipped_attribute_counts_as_keine_angabe_for_suppression() -> None:
    # Leitung and team reach k, but one person skipped the role: team − groups would be them.
    rows = [answers(5, "leitung")] * 3 + [answers(2, "team")] * 3 + [answers(1)]
    team = analyse({1: rows}).team(1)
    assert team.perspectives.empty
    assert {s.reason for s in team.suppressed if s.part == Part.PERSPECTIVE} == {Reason.SMALL_GROUP}


def test_keine_angabe_reaching_k_is_never_shown_as_a_group() -> None:
    rows = [answers(5, "leitung")] * 3 + [answers(2, "team")] * 3 + [answers(1)] * 3
    shown = analyse({1: rows}).team(1).perspectives
    assert set(shown["group"]) == {"leitung", "team"}


def test_an_uncompared_group_under_k_also_withholds_the_breakdown() -> None:
    rows = [answers(5, "leitung")] * 3 + [answers(2, "team")] * 3 + [answers(1, "partner")]
    assert analyse({1: rows}).team(1).perspectives.empty


def test_a_breakdown_with_only_one_group_has_nothing_to_compare() -> None:
    rows = [answers(5, "leitung")] * 3 + [answers(1)] * 3
    team = analyse({1: rows}).team(1)
    assert team.perspectives.empty
    assert {s.reason for s in team.suppressed if s.part == Part.PERSPECTIVE} == {Reason.ONE_GROUP}


def test_perspectives_are_decided_per_item_after_cannot_judge() -> None:
    # c3: one leader says "cannot judge", so the leaders' group has 2 valid answers there.
    rows = [answers(5, "leitung")] * 2 + [answers(5, "leitung", c3=None)]
    rows += [answers(2, "team")] * 3
    team = analyse({1: rows}).team(1)
    keys = set(team.perspectives.loc[team.perspectives["kind"] == "item", "key"])
    assert keys == {"c1", "c2"}
    assert ("item:c3", Reason.SMALL_GROUP) in {(s.key, s.reason) for s in team.suppressed}


# -- benchmark ------------------------------------------------------------------------------


def test_benchmark_needs_three_other_teams_reaching_k_each_weighted_equally() -> None:
    teams = {
        1: [answers(2)] * 3,
        2: [answers(3)] * 3,
        3: [answers(4)] * 6,  # a larger team still counts once
        4: [answers(5)] * 3,
        5: [answers(1)] * 2,  # under k: left out
    }
    analysis = analyse(teams)
    c1 = analysis.team(1).benchmark.set_index(["kind", "key"]).loc[("item", "c1")]
    assert (c1["team_mean"], c1["others_mean"], c1["others_min"], c1["others_max"]) == (
        2.0,
        4.0,
        3.0,
        5.0,
    )
    assert c1["other_teams"] == 3 and c1["position"] == Position.BELOW
    around = analysis.team(3).benchmark.set_index(["kind", "key"]).loc[("item", "c1")]
    assert around["others_mean"] == approx(10 / 3) and around["position"] == Position.ABOVE
    assert analysis.team(2).benchmark.set_index(["kind", "key"]).loc[
        ("item", "c1"), "position"
    ] == (Position.BELOW)


def test_benchmark_withheld_with_only_two_other_qualifying_teams() -> None:
    teams = {1: [answers(2)] * 3, 2: [answers(3)] * 3, 3: [answers(4)] * 3, 4: [answers(5)] * 2}
    team = analyse(teams).team(1)
    rated = team.benchmark.loc[~team.benchmark["key"].isin(["f_c", "f_d"])]  # nobody rated
    assert (rated["reason"] == Reason.FEW_TEAMS).all()
    assert team.benchmark[["others_mean", "others_min", "others_max"]].isna().all().all()
    assert [(s.part, s.key, s.reason) for s in team.suppressed if s.part == Part.BENCHMARK] == [
        (Part.BENCHMARK, None, Reason.FEW_TEAMS)
    ]


def test_benchmark_position_around_within_a_quarter_point() -> None:
    teams = {1: [answers(4)] * 2 + [answers(3)] * 2, 2: [answers(3)] * 3}
    teams |= {3: [answers(4)] * 3, 4: [answers(3)] * 3}
    c1 = analyse(teams).team(1).benchmark.set_index(["kind", "key"]).loc[("item", "c1")]
    assert (c1["team_mean"], c1["others_mean"], c1["position"]) == (3.5, approx(10 / 3), "around")


# -- trend ----------------------------------------------------------------------------------


def earlier(teams: dict, team_of: dict, k: int = 3) -> EarlierRound:
    old = hand_questionnaire(1)
    return EarlierRound(old, frame_from_dict(old, teams), k, team_of, round_id=7, label="2025")


def rename_c3(rows: list[dict]) -> list[dict]:
    return [
        {("c3_old" if key == "c3" else key): value for key, value in row.items()} for row in rows
    ]


def test_trend_compares_shared_and_mapped_items_when_both_rounds_reach_k() -> None:
    before = earlier({50: rename_c3([answers(2)] * 3)}, {1: 50})
    team = analyse({1: [answers(4)] * 2 + [answers(3)]}, earlier=[before]).team(1)
    trend = team.trend.set_index(["kind", "key"])
    assert team.earlier_round_id == 7
    c1 = trend.loc[("item", "c1")]
    assert (c1["mean_then"], c1["mean_now"], c1["earlier_team_id"]) == (2.0, approx(11 / 3), 50)
    assert c1["delta"] == approx(5 / 3) and c1["change"] == Change.UP
    assert trend.loc[("item", "c3"), "earlier_key"] == "c3_old"  # mapped by previous_key
    assert trend.loc[("item", "c3"), "delta"] == approx(5 / 3)
    assert trend.loc[("dimension", "coop"), "delta"] == approx(5 / 3)
    assert trend.loc[("importance", "f_a"), "delta"] == approx(5 / 3)
    assert trend.loc[("performance", "f_a"), "change"] == Change.LITTLE  # 2 → 2


def test_trend_change_below_half_a_point_is_hardly_changed() -> None:
    before = earlier({50: rename_c3([answers(3)] * 3)}, {1: 50})
    team = analyse({1: [answers(3)] * 2 + [answers(4)]}, earlier=[before]).team(1)
    c1 = team.trend.set_index(["kind", "key"]).loc[("item", "c1")]
    assert c1["delta"] == approx(1 / 3) and c1["change"] == Change.LITTLE


def test_trend_withheld_when_the_earlier_team_was_under_k() -> None:
    before = earlier({50: rename_c3([answers(2)] * 2)}, {1: 50})
    team = analyse({1: [answers(4)] * 3}, earlier=[before]).team(1)
    rated = team.trend.loc[~team.trend["key"].isin(["f_c", "f_d"])]
    assert (rated["reason"] == Reason.EARLIER_BELOW_K).all()
    assert team.trend[["mean_then", "mean_now", "delta"]].isna().all().all()
    assert (Part.TREND, None, Reason.EARLIER_BELOW_K) in [
        (s.part, s.key, s.reason) for s in team.suppressed
    ]


def test_no_trend_without_an_earlier_team_of_the_municipality() -> None:
    before = earlier({50: rename_c3([answers(2)] * 3)}, {9: 50})
    team = analyse({1: [answers(4)] * 3}, earlier=[before]).team(1)
    assert team.trend.empty and team.earlier_round_id is None
    assert (Part.TREND, None, Reason.NO_EARLIER) in [
        (s.part, s.key, s.reason) for s in team.suppressed
    ]


# -- open answers and the facilitator's brief -----------------------------------------------


def test_hidden_open_answers_are_left_out_and_counted() -> None:
    questionnaire = hand_questionnaire()
    rows = [answers(3, wish=text) for text in ("b", "A", "c")]
    frame = frame_from_dict(questionnaire, {1: rows}, hidden=[(2, "wish")])
    (wish, _note) = analyse_round(questionnaire, frame, 3).team(1).open_answers
    assert wish.answers == ("b", "c") and wish.hidden == 1


def test_consultation_questions_of_a_team_under_k_only_for_the_facilitator_brief() -> None:
    analysis = analyse({1: [answers(3, wish="Wie weiter?"), answers(2, wish="Mit wem?")]})
    assert analysis.team(1).open_answers[0].answers == ()
    (brief,) = analysis.consultation_questions(1)
    assert brief.item_key == "wish" and brief.answers == ("Mit wem?", "Wie weiter?")


def test_k_below_two_is_refused() -> None:
    with pytest.raises(ValueError, match="k must be at least 2"):
        analyse({1: [answers(3)]}, k=1)


def test_breakdown_publishable_only_when_every_answering_group_reaches_k() -> None:
    from surveyapp.analysis.suppression import breakdown_publishable

    assert breakdown_publishable({"leitung": 3, "team": 4, "keine_angabe": 0}, 3)
    assert not breakdown_publishable({"leitung": 5, "team": 1}, 3)
    assert not breakdown_publishable({"leitung": 3, "team": 3, "keine_angabe": 2}, 3)
