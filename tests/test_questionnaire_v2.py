"""Questionnaire version 2: what it asks, how long it takes, and how it continues version 1."""

from __future__ import annotations

from pathlib import Path

import pytest

from surveyapp.questionnaire import QuestionnaireRegistry
from surveyapp.questionnaire.model import NO_ANSWER_OPTION, ItemType
from surveyapp.questionnaire.timing import estimate_minutes

ROOT = Path(__file__).resolve().parent.parent
REGISTRY = QuestionnaireRegistry.from_directory(ROOT / "questionnaires")
V1 = REGISTRY.get("bildungsbuero-reflexion", 1)
V2 = REGISTRY.get("bildungsbuero-reflexion", 2)


def test_version_2_is_the_latest_and_version_1_stays_loadable():
    assert REGISTRY.latest("bildungsbuero-reflexion") is V2
    assert V1.source.name == "bildungsbuero-reflexion.v1.yaml"
    assert V1.item("role").required  # version 1 as it was answered, unchanged


def test_its_stated_duration_is_the_estimate_and_between_20_and_25_minutes():
    assert V2.estimated_minutes == estimate_minutes(V2)
    assert 20 <= V2.estimated_minutes <= 25
    assert f"etwa {V2.estimated_minutes} Minuten" in V2.introduction.de


def test_respondent_attributes_are_optional_coarse_and_declare_their_comparable_groups():
    assert [item.key for item in V2.attributes] == ["workplace", "tenure"]
    for item in V2.attributes:
        assert not item.required
        assert NO_ANSWER_OPTION in item.option_keys
        assert NO_ANSWER_OPTION not in item.compare
        assert len(item.option_keys) == 3  # two groups and "keine Angabe"
    assert not any(item.required for item in V2.items)


def test_every_function_may_be_answered_with_cannot_judge_on_either_half():
    functions = [item for item in V2.items if item.type == ItemType.IMPORTANCE_PERFORMANCE]
    assert len(functions) == 10 and all(item.allow_na for item in functions)
    assert {item.key for item in functions} == {
        item.key for item in V1.items if item.type == ItemType.IMPORTANCE_PERFORMANCE
    }


def test_a_function_has_the_same_label_wherever_it_appears():
    ranking = V2.item("priorities")
    assert ranking.top_n == 3
    for option in ranking.options:
        assert option.label == V2.item(option.key).label


def test_double_barrelled_items_are_split_and_continue_their_version_1_item():
    continued = {item.key: item.previous_key for item in V2.items if item.previous_key is not None}
    assert continued == {
        "leadership_support": "mandate_backing",
        "leadership_conflict": "mandate_backing",
        "resources_budget_adequate": "resources_budget",
        "impact_replaceable": "impact_dispensable",
        "data_used_committees": "data_used",
        "data_used_offices": "data_used",
    }
    for old in set(continued.values()):
        assert V1.item(old).type == V2.item(next(k for k, v in continued.items() if v == old)).type


def test_unchanged_items_keep_their_version_1_keys_and_types():
    shared = {item.key for item in V1.items} & {item.key for item in V2.items}
    assert len(shared) >= 35
    for key in shared:
        assert V1.item(key).type == V2.item(key).type, key
    assert "role" not in shared  # the attribute changed its groups: a new key, never mixed


@pytest.mark.parametrize(
    "key, kind",
    [
        ("placement", ItemType.SINGLE_CHOICE),
        ("staff_fte", ItemType.NUMBER),
        ("staff_permanent_fte", ItemType.NUMBER),
        ("mandate_document", ItemType.SINGLE_CHOICE),
        ("budget_own", ItemType.SINGLE_CHOICE),
        ("staff_changes", ItemType.MULTI_CHOICE),
    ],
)
def test_facts_are_asked_as_facts(key, kind):
    assert V2.item(key).type == kind
    assert V2.section_of(key).key == "facts"


def test_it_covers_what_the_seed_asks_and_version_1_missed():
    keys = {item.key for item in V2.items}
    assert {"role_today", "role_future", "role_shared"} <= keys  # self-understanding and role
    assert {"levels_translation", "levels_reach", "levels_feedback", "levels_gap"} <= keys
    assert {"stop_tasks", "new_tasks", "staff_changes"} <= keys
    assert {"consultation_question", "consultation_tried", "consultation_advice"} <= keys
    assert [item.key for item in V2.consultation_items] == ["consultation_question"]
    placements = V2.item("placement").option_keys
    assert "stabsstelle_landrat" in placements  # fits a Kreis too


def test_performance_is_asked_neutrally_not_as_we():
    from surveyapp.questionnaire import PERFORMANCE_QUESTION

    assert PERFORMANCE_QUESTION.de == "Wie gut gelingt dies dem Bildungsbüro heute?"


def test_likert_items_are_balanced_and_every_scale_point_is_labelled():
    likert = [item for item in V2.items if item.type == ItemType.LIKERT]
    reversed_items = [item for item in likert if item.reverse]
    assert 0.15 <= len(reversed_items) / len(likert) <= 0.4
    for item in likert:
        assert len(item.scale) == 5 and all(point.de and point.en for point in item.scale)
        assert item.allow_na
        assert " nicht " not in f" {item.label.de} ", item.key  # no hard negations
