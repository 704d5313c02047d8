"""A team of four with known answers: every figure written out by hand (k = 3).

Answers (c2 reverse-worded, c3 with "cannot judge"; functions as importance/performance):

    respondent  role      c1 c2 c3 | f_a  f_b  f_c  f_d  | prio
    R1          leitung    5  1  4 | 5/2  4/4  3/3  4/1  | f_a, f_d
    R2          team       4  2  –  | 5/1  4/3  2/4  –/2  | f_a, f_b
    R3          team       1  5  2 | 4/3  5/4  3/2  5/–  | f_d, f_a
    R4          (skipped)  2  4  1 | 4/2  3/5  2/3  4/2  | f_b, f_c
"""

from __future__ import annotations

import math

import pytest

from surveyapp.analysis import Quadrant, Stability, TeamAnalysis, analyse_round, frame_from_dict
from surveyapp.analysis.labels import Level
from tests.analysis_fixtures import TEAM_OF_FOUR, hand_questionnaire

approx = pytest.approx


@pytest.fixture(scope="module")
def team() -> TeamAnalysis:
    questionnaire = hand_questionnaire()
    frame = frame_from_dict(questionnaire, {1: TEAM_OF_FOUR})
    return analyse_round(questionnaire, frame, 3).team(1)


def row(table, column: str, key: str) -> dict:
    (found,) = table.loc[table[column] == key].to_dict("records")
    return found


def test_item_statistics_of_a_split_item(team: TeamAnalysis) -> None:
    c1 = row(team.items, "item_key", "c1")
    assert (c1["n"], c1["n_na"], c1["mean"], c1["median"]) == (4, 0, 3.0, 3.0)
    assert c1["sd"] == approx(math.sqrt(10 / 3))  # deviations 2, 1, −2, −1
    assert [c1[f"count_{p}"] for p in range(1, 6)] == [1, 1, 0, 1, 1]
    assert c1["disputed"]  # ≥ 1 of 4 answers at 1–2 and ≥ 1 at 4–5
    # Cns = 1 + ¼(log₂ ½ + log₂ ¾ + log₂ ¾ + log₂ ½)
    assert c1["cns"] == approx(1 + (2 * math.log2(0.5) + 2 * math.log2(0.75)) / 4)
    assert c1["cns"] == approx(0.2924813)
    assert c1["ad"] == approx(1.5)
    assert c1["reason"] is None


def test_reverse_worded_item_is_shown_as_asked(team: TeamAnalysis) -> None:
    c2 = row(team.items, "item_key", "c2")
    assert c2["reverse"] and c2["mean"] == 3.0
    assert [c2[f"count_{p}"] for p in range(1, 6)] == [1, 1, 0, 1, 1]


def test_cannot_judge_is_counted_apart_and_never_a_value(team: TeamAnalysis) -> None:
    c3 = row(team.items, "item_key", "c3")
    assert (c3["n"], c3["n_na"]) == (3, 1)
    assert c3["mean"] == approx(7 / 3)
    assert c3["median"] == 2.0
    assert c3["sd"] == approx(math.sqrt(7 / 3))
    assert c3["level"] == Level.NEED  # 2,3 ≤ 2,5
    assert c3["cns"] == approx(0.5039663)


def test_dimension_reverses_first_and_scores_half_answered_respondents(team) -> None:
    # scores: R1 (5+5+4)/3, R2 (4+4)/2, R3 (1+1+2)/3, R4 (2+2+1)/3
    coop = row(team.dimensions, "dimension", "coop")
    assert (coop["n_items"], coop["n"]) == (3, 4)
    assert coop["mean"] == approx(35 / 12)
    assert coop["median"] == approx(17 / 6)
    assert coop["sd"] == approx(math.sqrt(74.75 / 27))
    assert [coop[f"count_{p}"] for p in range(1, 6)] == [1, 1, 0, 1, 1]
    assert coop["ad"] == approx(17 / 12)
    assert coop["disputed"]  # two scores ≤ 2,5 and two ≥ 3,5
    assert coop["level"] is None


def test_importance_and_performance_per_function(team: TeamAnalysis) -> None:
    functions = team.functions.set_index("item_key")
    assert functions.loc["f_a", ["importance", "performance", "gap"]].tolist() == [4.5, 2.0, 2.5]
    assert functions.loc["f_b", ["importance", "performance", "gap"]].tolist() == [4.0, 4.0, 0.0]
    assert functions.loc["f_c", ["importance", "performance", "gap"]].tolist() == [2.5, 3.0, -0.5]
    f_d = functions.loc["f_d"]
    assert (f_d["n_importance"], f_d["n_na_importance"]) == (3, 1)
    assert (f_d["n_performance"], f_d["n_na_performance"]) == (3, 1)
    assert f_d["importance"] == approx(13 / 3) and f_d["performance"] == approx(5 / 3)
    assert f_d["gap"] == approx(8 / 3)
    assert functions["placed"].all()


def test_crosshairs_are_the_team_means_and_quadrants_follow(team: TeamAnalysis) -> None:
    assert team.crosshair.importance == approx(23 / 6)  # (4,5 + 4 + 2,5 + 4,33) / 4
    assert team.crosshair.performance == approx(8 / 3)  # (2 + 4 + 3 + 1,67) / 4
    functions = team.functions.set_index("item_key")
    assert functions["quadrant"].to_dict() == {
        "f_a": Quadrant.ACT_HERE,
        "f_b": Quadrant.KEEP_UP,
        "f_c": Quadrant.POSSIBLE_OVERKILL,
        "f_d": Quadrant.ACT_HERE,
    }
    assert functions["borderline"].to_dict() == {
        "f_a": False,
        "f_b": True,  # |4,0 − 3,83| ≤ 0,25
        "f_c": False,
        "f_d": False,
    }


def test_priorities_are_ranked_by_importance_weighted_gap(team: TeamAnalysis) -> None:
    functions = team.functions.set_index("item_key")
    assert functions.loc["f_a", "score"] == approx(11.25)  # 4,5 × 2,5
    assert functions.loc["f_d", "score"] == approx(104 / 9)  # 13/3 × 8/3
    assert math.isnan(functions.loc["f_b", "score"]) and math.isnan(functions.loc["f_c", "score"])
    assert [(p.item_key, p.rank, p.filled_up) for p in team.priorities] == [
        ("f_d", 1, False),
        ("f_a", 2, False),
    ]
    assert not team.filled_up  # nothing outside the quadrant has a positive gap
    assert team.priorities[0].reason("de") == (
        "Hohe Bedeutung (4,3; Teamschnitt 3,8), geringe Umsetzung (1,7; Teamschnitt 2,7), "
        "Lücke 2,7."
    )


def test_stability_is_a_reproducible_share_with_its_label(team: TeamAnalysis) -> None:
    shares = team.functions.set_index("item_key")["stability"]
    assert ((shares >= 0) & (shares <= 1)).all()
    again = analyse_round(
        team.questionnaire, frame_from_dict(team.questionnaire, {1: TEAM_OF_FOUR}), 3
    ).team(1)
    assert again.functions["stability"].tolist() == team.functions["stability"].tolist()
    for priority in team.priorities:
        expected = (
            Stability.STABLE
            if priority.stability >= 0.8
            else Stability.LIKELY
            if priority.stability >= 0.5
            else Stability.UNCERTAIN
        )
        assert priority.stability_label == expected


def test_team_ranking_is_borda_counted_with_ties_by_first_places_then_order(team) -> None:
    ranking = team.ranking.set_index("item_key")
    assert ranking.loc[:, ["points", "named", "first_places", "rank"]].to_dict("index") == {
        "f_a": {"points": 5, "named": 3, "first_places": 2, "rank": 1},
        "f_b": {"points": 3, "named": 2, "first_places": 1, "rank": 2},
        "f_c": {"points": 1, "named": 1, "first_places": 0, "rank": 4},
        "f_d": {"points": 3, "named": 2, "first_places": 1, "rank": 3},
    }
    agreement = team.ranking_agreement
    assert agreement.both == ("f_d", "f_a")
    assert agreement.priorities_only == ()
    assert agreement.ranking_only == ("f_b",)


def test_most_disputed_items_by_consensus_ascending(team: TeamAnalysis) -> None:
    assert team.disputed == ("c1", "c2", "c3")


def test_choices_and_numbers(team: TeamAnalysis) -> None:
    topics = team.choices.set_index("option")
    assert topics.loc["kita", ["count", "n"]].tolist() == [1, 3]
    assert topics.loc["schule", "share"] == approx(2 / 3)
    assert "role" not in set(team.choices["item_key"])  # attributes are never counted
    fte = row(team.numbers, "item_key", "fte")
    assert (fte["n"], fte["median"], fte["min"], fte["max"]) == (4, 3.75, 2.0, 10.0)


def test_open_answers_alphabetical_without_empty_ones(team: TeamAnalysis) -> None:
    wish, note = team.open_answers
    assert wish.consultation and not note.consultation
    assert wish.answers == ("anders arbeiten", "Bessere Daten", "Wie steuern wir?")
    assert note.answers == ()
    assert wish.hidden == 0


def test_perspectives_of_a_team_with_one_leader_are_withheld(team: TeamAnalysis) -> None:
    assert team.perspectives.empty
    reasons = {s.reason for s in team.suppressed if s.part == "perspective"}
    assert reasons == {"small_group"}


def test_stability_is_certain_when_every_resample_agrees() -> None:
    questionnaire = hand_questionnaire()
    same = {"f_a": {"importance": 5, "performance": 1}, "f_b": {"importance": 3, "performance": 3}}
    team = analyse_round(questionnaire, frame_from_dict(questionnaire, {1: [same] * 3}), 3).team(1)
    shares = team.functions.set_index("item_key")["stability"]
    assert shares["f_a"] == 1.0 and shares["f_b"] == 0.0
    assert math.isnan(shares["f_c"])  # nobody rated it: not placed, no stability
    (priority,) = team.priorities
    assert (priority.item_key, priority.stability_label) == ("f_a", Stability.STABLE)
