"""The analysis package's public surface: pure, exhaustive over item types, typed results."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from surveyapp.analysis import (
    ITEM_COLUMNS,
    Part,
    Reason,
    analyse_round,
    frame_from_dict,
    reason_sentence,
)
from surveyapp.analysis.results import TeamAnalysis
from surveyapp.analysis.summaries import summary_table_of
from surveyapp.analysis.text import format_mean, format_share, priority_sentence
from surveyapp.demo.answers import sample_answers
from surveyapp.questionnaire import ItemType, load_questionnaire

ROOT = Path(__file__).resolve().parents[1]


def test_analysis_imports_neither_flask_nor_the_database() -> None:
    """Only the standard library, numpy, pandas, babel and the pure questionnaire package."""
    allowed = {"numpy", "pandas", "babel", "__future__"}
    for module in (ROOT / "surveyapp" / "analysis").glob("*.py"):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top == "surveyapp":
                    assert name.startswith(("surveyapp.analysis", "surveyapp.questionnaire")), (
                        module.name,
                        name,
                    )
                else:
                    assert top in allowed or top in sys.stdlib_module_names, (module.name, name)


def test_every_item_type_has_a_summary_and_an_unknown_type_fails_loudly() -> None:
    for item_type in ItemType:
        assert summary_table_of(item_type) in TeamAnalysis.__dataclass_fields__
    with pytest.raises(AssertionError):
        summary_table_of("slider")


@pytest.mark.parametrize(
    ("value", "de", "en"),
    [(4.25, "4,3", "4.3"), (4.35, "4,4", "4.4"), (-0.04, "0,0", "0.0"), (-0.35, "−0,4", "−0.4")],
)
def test_means_are_shown_with_one_decimal_rounded_half_up(value, de, en) -> None:
    assert format_mean(value, "de") == de
    assert format_mean(value, "en") == en


def test_missing_numbers_and_shares_are_formatted_for_readers() -> None:
    assert format_mean(float("nan")) == "–"
    assert format_share(0.8, "de") == "80\u00a0%"
    assert format_share(0.8, "en") == "80%"


def test_reason_sentences_name_k_in_german_and_english() -> None:
    assert reason_sentence(Reason.FEW_ANSWERS, 3, "de") == (
        "Weniger als 3 Antworten – aus Datenschutzgründen nicht ausgewiesen."
    )
    assert reason_sentence(Reason.TEAM_BELOW_K, 4, "en") == (
        "Fewer than 4 responses – not shown to protect anonymity."
    )
    for reason in Reason:
        assert reason_sentence(reason, 3, "de") and reason_sentence(reason, 3, "en")


def test_priority_sentence_is_built_from_the_numbers() -> None:
    assert priority_sentence(4.6, 2.3, 4.1, 3.2, "de") == (
        "Hohe Bedeutung (4,6; Teamschnitt 4,1), geringe Umsetzung (2,3; Teamschnitt 3,2), "
        "Lücke 2,3."
    )
    assert priority_sentence(4.6, 2.3, 4.1, 3.2, "en") == (
        "High importance (4.6; team average 4.1), low performance (2.3; team average 3.2), gap 2.3."
    )


def test_shipped_questionnaire_is_analysed_end_to_end() -> None:
    import random

    questionnaire = load_questionnaire(ROOT / "questionnaires" / "bildungsbuero-reflexion.yaml")
    teams = {
        team: [sample_answers(questionnaire, random.Random(team * 100 + i)) for i in range(size)]
        for team, size in [(1, 6), (2, 2), (3, 4), (4, 5), (5, 3)]
    }
    analysis = analyse_round(questionnaire, frame_from_dict(questionnaire, teams), 3, teams=[9])
    assert analysis.team_ids == (1, 2, 3, 4, 5, 9)
    assert analysis.team_sizes[9] == 0
    assert tuple(analysis.items.columns) == ITEM_COLUMNS
    team = analysis.team(1)
    assert team.reaches_k and team.n == 6
    assert len(team.priorities) >= 1
    small = analysis.team(2)
    assert not small.reaches_k
    assert [(s.part, s.reason) for s in small.suppressed] == [(Part.TEAM, Reason.TEAM_BELOW_K)]
    assert small.items["mean"].isna().all()
    assert small.priorities == () and small.open_answers[0].answers == ()
