"""The shipped questionnaire: sections, attributes, functions, wording, and sample answers."""

from __future__ import annotations

import random
import statistics

import pytest

from surveyapp.demo.answers import sample_answers
from surveyapp.questionnaire import (
    Questionnaire,
)

# -- the real questionnaire ----------------------------------------------------------------------


def test_real_questionnaire_has_every_section_in_order(real: Questionnaire) -> None:
    assert (real.id, real.version) == ("bildungsbuero-reflexion", 1)
    assert [s.key for s in real.sections] == [
        "about",
        "mandate",
        "functions",
        "goals",
        "added_value",
        "strengths",
        "strategy",
        "consultation",
    ]
    assert 15 <= real.estimated_minutes <= 25


def test_real_questionnaire_asks_role_and_level_as_coarse_attributes(real: Questionnaire) -> None:
    assert [i.key for i in real.attributes] == ["role", "level"]
    assert real.item("role").option_keys == ("leitung", "team", "partner", "verwaltungsspitze")
    assert real.item("level").option_keys == ("normativ", "strategisch", "operativ")
    assert all(i.required for i in real.attributes)


def test_real_questionnaire_rates_ten_functions_for_importance_and_performance(
    real: Questionnaire,
) -> None:
    functions = real.section("functions").items
    assert len(functions) == 10
    assert all(i.type == "importance_performance" and i.key.startswith("fn_") for i in functions)


def test_real_questionnaire_ranking_options_are_the_function_items(real: Questionnaire) -> None:
    ranking = real.item("priorities")
    assert ranking.type == "ranking" and ranking.top_n == 3
    assert ranking.option_keys == tuple(i.key for i in real.section("functions").items)


def test_every_dimension_has_at_least_three_likert_items(real: Questionnaire) -> None:
    assert list(real.dimensions) == [
        "mandate",
        "resources",
        "anchoring",
        "cooperation",
        "data",
        "communication",
        "impact",
    ]
    for dimension in real.dimensions:
        assert len(real.dimension_items(dimension)) >= 3, dimension
    strengths = [i for i in real.section("strengths").items if i.type == "likert"]
    assert {i.dimension for i in strengths} == set(real.dimensions)
    assert all(i.allow_na for i in strengths)


def test_real_questionnaire_has_reverse_worded_items(real: Questionnaire) -> None:
    reverse = [i for i in real.items if i.reverse]
    assert len(reverse) >= 4
    assert real.item("mandate_unclear").reverse


def test_real_questionnaire_covers_the_workshop_questions(real: Questionnaire) -> None:
    assert real.item("placement").type == "single_choice"
    assert real.item("topics").type == "multi_choice" and real.item("topics").max_choices
    for key in (
        "goals_main",
        "strength_biggest",
        "weakness_biggest",
        "future_goals",
        "sustainability_strategies",
        "visibility",
        "consultation_question",
    ):
        assert real.item(key).type == "text", key
    assert real.item("consultation_question").multiline
    assert {real.item("audiences").type, real.item("channels").type} == {"multi_choice"}
    assert real.section_of("consultation_question").key == "consultation"


def test_real_questionnaire_privacy_note_explains_anonymity(real: Questionnaire) -> None:
    note = real.privacy_note
    assert "anonym" in note.de and "keine Namen" in note.de
    assert "anonymous" in note.en and "names" in note.en


def test_real_questionnaire_leaves_threshold_and_deletion_to_the_round(real) -> None:
    """k and the retention period are set per round and per installation, and the welcome
    page states them; a fixed number in the file would contradict them."""
    note = real.privacy_note
    for word in ("drei", "3", "gelöscht", "Tage"):
        assert word not in note.de
    for word in ("three", "3", "deleted", "days"):
        assert word not in note.en


# -- sample answers ------------------------------------------------------------------------------


@pytest.mark.parametrize(("tendency", "spread"), [(0.0, 1.0), (-2.0, 0.0), (2.0, 3.0)])
def test_sample_answers_are_valid_for_every_item(
    real: Questionnaire, small: Questionnaire, tendency: float, spread: float
) -> None:
    for questionnaire in (real, small):
        for seed in range(25):
            answers = sample_answers(
                questionnaire, random.Random(seed), tendency=tendency, spread=spread
            )
            assert list(answers) == [i.key for i in questionnaire.items]
            for item in questionnaire.items:
                assert item.check_value(answers[item.key]) == [], (item.key, answers[item.key])


def test_sample_answers_are_deterministic_for_a_seed(real: Questionnaire) -> None:
    first = sample_answers(real, random.Random(42), tendency=0.5)
    assert first == sample_answers(real, random.Random(42), tendency=0.5)
    assert first != sample_answers(real, random.Random(43), tendency=0.5)


def _mean_agreement(real: Questionnaire, tendency: float) -> float:
    rng = random.Random(7)
    values = []
    for _ in range(40):
        answers = sample_answers(real, rng, tendency=tendency)
        for item in real.items:
            value = answers[item.key]
            if item.type == "likert" and value is not None:
                values.append(6 - value if item.reverse else value)
    return statistics.mean(values)


def test_sample_tendency_shifts_agreement_and_spread_controls_disagreement(
    real: Questionnaire,
) -> None:
    assert _mean_agreement(real, 1.0) > _mean_agreement(real, 0.0) + 0.5
    assert _mean_agreement(real, -1.0) < _mean_agreement(real, 0.0) - 0.5
    item = real.item("mandate_known")
    rng = random.Random(3)
    calm = {sample_answers(real, rng, spread=0.0)[item.key] for _ in range(20)} - {None}
    wild = {sample_answers(real, rng, spread=2.5)[item.key] for _ in range(20)} - {None}
    assert len(calm) == 1 and len(wild) >= 4


def test_sample_roles_are_mostly_staff_and_text_is_german(real: Questionnaire) -> None:
    rng = random.Random(11)
    answers = [sample_answers(real, rng) for _ in range(300)]
    roles = [a["role"] for a in answers]
    assert roles.count("team") > 2 * roles.count("leitung")
    assert roles.count("partner") > roles.count("verwaltungsspitze")
    questions = {a["consultation_question"] for a in answers}
    assert len(questions) >= 3 and all(q.startswith("Wie") for q in questions)
    assert any("ä" in a["weakness_biggest"] or "ö" in a["weakness_biggest"] for a in answers)
