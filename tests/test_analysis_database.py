"""The anonymity rule end to end on both databases: answers stored through the real
operations, loaded in one query, analysed; what a team under k, an item under k, the
benchmark and the perspectives give."""

from __future__ import annotations

import random

from surveyapp.analysis import Part, Reason
from surveyapp.demo.answers import sample_answers
from surveyapp.operations.analysis import analyse


def test_anonymity_rule_on_stored_answers(factory, session, registry):
    survey_round = factory.round()
    questionnaire = registry.get(survey_round.questionnaire_id, survey_round.questionnaire_version)
    teams = [factory.team(survey_round) for _ in range(5)]
    sizes = [4, 3, 3, 3, 2]
    comparable = questionnaire.comparable_attributes
    for team, size in zip(teams, sizes, strict=True):
        for number in range(size):
            answers = sample_answers(questionnaire, random.Random(team.id * 10 + number))
            if team is teams[0]:
                answers["mandate_written"] = None if number < 2 else 4
                for attribute in comparable:
                    answers[attribute.key] = attribute.compare[0 if number < 3 else 1]
            factory.response(team, answers=answers)
    analysis = analyse(session, registry, survey_round)

    small = analysis.team(teams[4].id)
    assert [(s.part, s.reason) for s in small.suppressed] == [(Part.TEAM, Reason.TEAM_BELOW_K)]
    assert small.items["mean"].isna().all() and small.dimensions["mean"].isna().all()

    first = analysis.team(teams[0].id)
    item = first.items.set_index("item_key").loc["mandate_written"]
    assert (item["n"], item["n_na"], item["reason"]) == (2, 2, Reason.FEW_ANSWERS)
    shown = first.benchmark.loc[first.benchmark["reason"].isna()]
    assert not shown.empty and (shown["other_teams"] == 3).all()
    if comparable:  # three of one group and one of another: no group is shown
        assert first.perspectives.empty
        assert Reason.SMALL_GROUP in {s.reason for s in first.suppressed if s.part == "perspective"}

    second = analysis.team(teams[1].id)  # others: teams 1, 3, 4 (team 5 is under k)
    assert (second.benchmark.loc[second.benchmark["reason"].isna(), "other_teams"] == 3).all()
