"""Questionnaire fields the analysis reads: allow_na on functions, compare, previous_key,
consultation, and ranking items that rank the functions."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from surveyapp.questionnaire import (
    Problem,
    QuestionnaireError,
    QuestionnaireRegistry,
    load_questionnaire,
    parse_questionnaire,
)

ROOT = Path(__file__).resolve().parents[1]

BASE = textwrap.dedent(
    """\
    id: fields-check
    version: 1
    estimated_minutes: 5
    title: {de: Check, en: Check}
    introduction: {de: Einleitung, en: Introduction}
    privacy_note: {de: Datenschutz, en: Privacy}
    dimensions:
      cooperation: {de: Zusammenarbeit, en: Cooperation}
    sections:
      - key: about
        title: {de: Person, en: Person}
        items:
          - key: role
            type: single_choice
            attribute: true
            compare: [leitung, team]
            label: {de: Rolle, en: Role}
            options:
              - key: leitung
                label: {de: Leitung, en: Head}
              - key: team
                label: {de: Team, en: Staff}
              - key: keine_angabe
                label: {de: keine Angabe, en: not stated}
      - key: work
        title: {de: Arbeit, en: Work}
        items:
          - key: coop_good
            type: likert
            dimension: cooperation
            label: {de: Gut, en: Good}
          - key: fn_a
            type: importance_performance
            allow_na: true
            label: {de: A, en: A}
          - key: fn_b
            type: importance_performance
            label: {de: B, en: B}
          - key: priorities
            type: ranking
            top_n: 1
            label: {de: Prioritäten, en: Priorities}
            options:
              - key: fn_a
                label: {de: A, en: A}
              - key: fn_b
                label: {de: B, en: B}
          - key: question
            type: text
            consultation: true
            label: {de: Frage, en: Question}
    """
)


def edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"{old!r} must occur once"
    return text.replace(old, new)


def line_of(text: str, snippet: str) -> int:
    return text.count("\n", 0, text.index(snippet)) + 1


def problems_of(tmp_path: Path, text: str) -> list[Problem]:
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(QuestionnaireError) as caught:
        load_questionnaire(path)
    return caught.value.problems


def test_fields_are_read_into_the_model() -> None:
    questionnaire = parse_questionnaire(BASE)
    role = questionnaire.item("role")
    assert role.compare == ("leitung", "team")
    assert questionnaire.comparable_attributes == (role,)
    assert questionnaire.item("fn_a").allow_na is True
    assert questionnaire.item("fn_b").allow_na is False
    assert questionnaire.consultation_items == (questionnaire.item("question"),)
    assert [item.key for item in questionnaire.functions] == ["fn_a", "fn_b"]
    assert questionnaire.function_ranking == questionnaire.item("priorities")
    assert questionnaire.item("coop_good").previous_key is None


def test_ranking_of_other_options_does_not_rank_the_functions() -> None:
    head, _, tail = BASE.rpartition("key: fn_b")  # the ranking's option, not the item
    text = head + "key: other" + tail
    assert parse_questionnaire(text).function_ranking is None


@pytest.mark.parametrize(
    ("value", "problems"),
    [
        ({"importance": None, "performance": 4}, []),
        ({"importance": 5, "performance": None}, []),
        ({"importance": None, "performance": None}, []),
        (
            {"importance": 0, "performance": None},
            ["'importance' must be an integer from 1 to 5, got 0"],
        ),
        ({"performance": None}, ["missing 'importance'"]),
    ],
)
def test_function_with_allow_na_accepts_cannot_judge_on_either_half(value, problems) -> None:
    assert parse_questionnaire(BASE).item("fn_a").check_value(value) == problems


def test_function_without_allow_na_refuses_cannot_judge() -> None:
    item = parse_questionnaire(BASE).item("fn_b")
    assert item.check_value({"importance": None, "performance": 3}) == [
        "'cannot judge' is not allowed for 'importance' of this item"
    ]
    assert item.check_value({"importance": 2, "performance": 3}) == []


@pytest.mark.parametrize(
    ("old", "new", "snippet", "message"),
    [
        (
            "compare: [leitung, team]",
            "compare: [leitung, keine_angabe]",
            "compare:",
            "'keine_angabe' is never a group to compare",
        ),
        (
            "compare: [leitung, team]",
            "compare: [leitung, chef]",
            "compare:",
            "'compare' names 'chef', which is not an option key",
        ),
        (
            "compare: [leitung, team]",
            "compare: [leitung]",
            "compare:",
            "'compare' must be a list of at least 2 option keys",
        ),
        (
            "compare: [leitung, team]",
            "compare: [leitung, leitung, team]",
            "compare:",
            "'compare' names 'leitung' twice",
        ),
        (
            "attribute: true\n",
            "attribute: false\n",
            "compare:",
            "only attribute items (attribute: true) can declare 'compare'",
        ),
        (
            "compare: [leitung, team]\n",
            "compare: [leitung, team]\n        required: true\n",
            "required: true",
            "an item with 'compare' must not be required (it offers 'keine_angabe')",
        ),
        (
            "          - key: keine_angabe\n"
            "            label: {de: keine Angabe, en: not stated}\n",
            "",
            "options:",
            "an item with 'compare' needs an option with key 'keine_angabe'",
        ),
        (
            "consultation: true",
            "consultation: sometimes",
            "consultation:",
            "'consultation' must be true or false, got 'sometimes'",
        ),
        (
            "    type: likert\n",
            "    type: likert\n        consultation: true\n",
            "consultation: true",
            "field 'consultation' does not apply to likert items",
        ),
        (
            "    allow_na: true\n",
            "    allow_na: 1\n",
            "allow_na:",
            "'allow_na' must be true or false, got 1",
        ),
        (
            "      - key: coop_good\n",
            "      - key: coop_good\n        previous_key: Bad\n",
            "previous_key:",
            "invalid previous_key 'Bad': use lowercase letters",
        ),
    ],
)
def test_invalid_analysis_fields_are_reported_with_file_line_and_item(
    tmp_path: Path, old: str, new: str, snippet: str, message: str
) -> None:
    text = BASE.replace(old, new, 1)
    assert text != BASE
    problems = problems_of(tmp_path, text)
    assert len(problems) == 1, problems
    (problem,) = problems
    assert message in problem.message
    assert problem.line == line_of(text, snippet)
    assert problem.file == str(tmp_path / "broken.yaml")
    assert problem.item is not None


def write(directory: Path, name: str, text: str) -> None:
    (directory / name).write_text(text, encoding="utf-8")


def newer(text: str) -> str:
    """Version 2 of BASE, whose coop_good item is reworded as coop_better."""
    text = edit(text, "version: 1", "version: 2")
    return edit(
        text,
        "      - key: coop_good\n",
        "      - key: coop_better\n        previous_key: coop_good\n",
    )


def test_registry_accepts_a_previous_key_of_the_same_type(tmp_path: Path) -> None:
    write(tmp_path, "fields-check.v1.yaml", BASE)
    write(tmp_path, "fields-check.yaml", newer(BASE))
    registry = QuestionnaireRegistry.from_directory(tmp_path)
    latest = registry.latest("fields-check")
    assert latest.item("coop_better").previous_key == "coop_good"
    assert registry.previous(latest) is registry.get("fields-check", 1)
    assert registry.previous(registry.get("fields-check", 1)) is None


def test_registry_refuses_a_previous_key_missing_in_the_earlier_version(tmp_path: Path) -> None:
    write(tmp_path, "fields-check.v1.yaml", BASE)
    text = newer(BASE).replace("previous_key: coop_good", "previous_key: coop_gone")
    write(tmp_path, "fields-check.yaml", text)
    with pytest.raises(QuestionnaireError) as caught:
        QuestionnaireRegistry.from_directory(tmp_path)
    (problem,) = caught.value.problems
    assert str(problem) == (
        f"{tmp_path / 'fields-check.yaml'}:{line_of(text, '- key: coop_better')}: "
        f"item 'coop_better': previous_key 'coop_gone' is not an item of version 1 "
        f"({tmp_path / 'fields-check.v1.yaml'})"
    )


def test_registry_refuses_a_previous_key_of_another_type(tmp_path: Path) -> None:
    write(tmp_path, "fields-check.v1.yaml", BASE)
    write(
        tmp_path,
        "fields-check.yaml",
        newer(BASE).replace("previous_key: coop_good", "previous_key: fn_b"),
    )
    with pytest.raises(QuestionnaireError) as caught:
        QuestionnaireRegistry.from_directory(tmp_path)
    (problem,) = caught.value.problems
    assert problem.item == "coop_better"
    assert problem.message == (
        "previous_key 'fn_b' is a importance_performance item in version 1, but this item is likert"
    )


def test_previous_key_without_an_earlier_version_loaded_is_not_checked(tmp_path: Path) -> None:
    write(tmp_path, "fields-check.yaml", newer(BASE))
    registry = QuestionnaireRegistry.from_directory(tmp_path)
    assert registry.previous(registry.latest("fields-check")) is None


def test_shipped_questionnaires_load_with_the_new_fields() -> None:
    registry = QuestionnaireRegistry.from_directory(ROOT / "questionnaires")
    first = registry.get("bildungsbuero-reflexion", 1)
    assert first.function_ranking is not None
    assert first.function_ranking.key == "priorities"
