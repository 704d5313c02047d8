"""``surveyapp analysis show``: key results per team in the terminal, the whole team as JSON."""

from __future__ import annotations

import json

from surveyapp.db import db


def build(factory, sizes=(4, 2)):
    survey_round = factory.round(name="Herbst")
    teams = [
        factory.team(survey_round, factory.municipality(f"Stadt {i}")) for i in range(len(sizes))
    ]
    for team, size in zip(teams, sizes, strict=True):
        for seed in range(size):
            factory.response(team, seed=seed + 10 * team.id)
    db.session.commit()
    return survey_round, teams


def test_show_prints_priorities_disputed_items_and_what_was_withheld(factory, runner):
    survey_round, (big, small) = build(factory)
    result = runner.invoke(args=["analysis", "show", "--round", str(survey_round.id)])
    assert result.exit_code == 0, result.output
    assert f"Team {big.id} – Stadt 0: 4 submitted responses (k = 3)" in result.output
    assert "Priorities (importance–performance):" in result.output
    assert "Most disputed items:" in result.output
    assert "Suppressed:" in result.output
    assert f"Team {small.id} – Stadt 1: 2 submitted responses (k = 3)" in result.output
    assert "Fewer than 3 responses – not shown to protect anonymity." in result.output


def test_show_json_has_the_documented_keys(factory, runner):
    survey_round, (big, _small) = build(factory)
    result = runner.invoke(
        args=["analysis", "show", "--round", str(survey_round.id), "--team", str(big.id), "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["team_id"] == big.id and data["n"] == 4 and data["reaches_k"] is True
    assert data["round_id"] == survey_round.id and data["team"] == "Stadt 0"
    assert set(data["functions"]["fn_coordination"]) >= {"importance", "performance", "gap"}
    assert data["dimensions"]["mandate"]["n"] == 4
    assert "mean" in data["items"]["mandate_written"]
    assert isinstance(data["suppressed"], list)
    assert {"part", "key", "reason", "sentence"} <= set(data["suppressed"][0])


def test_show_refuses_a_team_of_another_round(factory, runner):
    survey_round, _teams = build(factory, sizes=(1,))
    result = runner.invoke(
        args=["analysis", "show", "--round", str(survey_round.id), "--team", "999"]
    )
    assert result.exit_code == 1
    assert f"--team: round {survey_round.id} has no team 999" in result.output
