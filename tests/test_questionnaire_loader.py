"""Loading a questionnaire file: every kind of mistake reported with its file, line and item."""

from __future__ import annotations

from pathlib import Path

import pytest

from surveyapp.questionnaire import (
    QuestionnaireError,
    load_questionnaire,
    parse_questionnaire,
)
from tests.questionnaire_texts import (
    VALID,
    edit,
    line_of,
    only_problem,
    problems_of,
)

# -- every kind of error, with its message -------------------------------------------------------

# (case id, replacements, item, message fragment, snippet whose line the problem points at)
BROKEN = [
    (
        "missing required top-level field",
        [("estimated_minutes: 5\n", "")],
        None,
        "missing required field 'estimated_minutes'",
        "id: team-check",
    ),
    (
        "missing required item field",
        [("        label: {de: Wunsch, en: Wish}\n", "")],
        "wish",
        "missing required field 'label'",
        "- key: wish",
    ),
    (
        "missing required section field",
        [("    title: {de: Arbeit, en: Work}\n", "")],
        None,
        "section 'work': missing required field 'title'",
        "- key: work",
    ),
    (
        "unknown top-level field",
        [("estimated_minutes: 5", "estimated_minutes: 5\ntitel: x")],
        None,
        "unknown field 'titel' (did you mean 'title'?)",
        "titel: x",
    ),
    (
        "unknown section field",
        [("    intro: {de:", "    intr: {de:")],
        None,
        "section 'work': unknown field 'intr' (did you mean 'intro'?)",
        "intr:",
    ),
    (
        "unknown item field",
        [("label: {de: Wunsch", "lable: {de: Wunsch")],
        "wish",
        "unknown field 'lable' (did you mean 'label'?)",
        "lable:",
    ),
    (
        "unknown option field",
        [("label: {de: Kita, en: Nursery}", "label: {de: Kita, en: Nursery}\n            hint: x")],
        "topics",
        "option 'kita': unknown field 'hint'",
        "hint: x",
    ),
    (
        "unknown language in a text",
        [("{de: Wunsch, en: Wish}", "{de: Wunsch, en: Wish, fr: Souhait}")],
        "wish",
        "'label': unknown field 'fr'",
        "fr: Souhait",
    ),
    (
        "unknown item type",
        [
            (
                "type: likert\n        dimension: cooperation\n        allow_na",
                "type: likret\n        dimension: cooperation\n        allow_na",
            )
        ],
        "coop_good",
        "unknown item type 'likret' (did you mean 'likert'?)",
        "type: likret",
    ),
    (
        "field that does not belong to the type",
        [("max_choices: 2", "max_choices: 2\n        top_n: 2")],
        "topics",
        "field 'top_n' does not apply to multi_choice items",
        "top_n: 2\n        label: {de: Themen",
    ),
    (
        "invalid item key",
        [("key: coop_good", "key: Coop-Good")],
        "Coop-Good",
        "invalid item key 'Coop-Good'",
        "key: Coop-Good",
    ),
    (
        "item key read as a boolean by YAML",
        [("key: wish", "key: no")],
        None,
        "invalid item key False",
        "key: no",
    ),
    (
        "duplicate item key across sections",
        [("key: fte", "key: role")],
        "role",
        f"duplicate item key (first on line {line_of(VALID, 'key: role')})",
        "key: role\n        type: number",
    ),
    (
        "duplicate section key",
        [("- key: work", "- key: about")],
        None,
        f"section 'about': duplicate section key (first on line {line_of(VALID, 'key: about')})",
        "- key: about\n    title: {de: Arbeit",
    ),
    (
        "duplicate option key",
        [("key: kita", "key: schule")],
        "topics",
        "option 'schule': duplicate option key",
        "key: schule\n            label: {de: Kita",
    ),
    (
        "missing English translation",
        [("{de: Kita, en: Nursery}", "{de: Kita}")],
        "topics",
        "option 'kita': 'label' is missing the English text (en)",
        "{de: Kita}",
    ),
    (
        "missing German translation",
        [("{de: Wunsch, en: Wish}", "{en: Wish}")],
        "wish",
        "'label' is missing the German text (de)",
        "{en: Wish}",
    ),
    (
        "empty translation",
        [("title: {de: Team-Check, en: Team check}", "title: {de: Team-Check, en: ''}")],
        None,
        "'title.en' is empty",
        "title: {de: Team-Check",
    ),
    (
        "text given as a plain string",
        [("introduction: {de: Einleitung, en: Introduction}", "introduction: Einleitung")],
        None,
        "'introduction' needs a German and an English text (de:, en:)",
        "introduction:",
    ),
    (
        "likert item without dimension",
        [("    dimension: cooperation\n        reverse", "    reverse")],
        "coop_silos",
        "likert item needs a 'dimension'",
        "- key: coop_silos",
    ),
    (
        "likert dimension not declared",
        [("dimension: cooperation\n        reverse", "dimension: coperation\n        reverse")],
        "coop_silos",
        "dimension 'coperation' is not declared in 'dimensions' (declared: cooperation)",
        "dimension: coperation",
    ),
    (
        "unknown scale",
        [("    reverse: true\n", "    reverse: true\n        scale: frequency\n")],
        "coop_silos",
        "unknown scale 'frequency'",
        "scale: frequency",
    ),
    (
        "ranking top_n larger than its options",
        [("top_n: 2", "top_n: 5")],
        "priorities",
        "'top_n' (5) is larger than the number of options (3)",
        "top_n: 5",
    ),
    (
        "choice item with fewer than two options",
        [
            (
                "          - key: team\n            label: {de: Team, en: Staff}\n",
                "",
            )
        ],
        "role",
        "needs a list of at least 2 options, got 1",
        "options:",
    ),
    (
        "choice item without options",
        [("        options:\n          - key: fn_a", "        choices:\n          - key: fn_a")],
        "priorities",
        "missing required field 'options'",
        "- key: priorities",
    ),
    (
        "max_choices below one",
        [("max_choices: 2", "max_choices: 0")],
        "topics",
        "'max_choices' must be a positive integer",
        "max_choices: 0",
    ),
    (
        "max_choices above the number of options",
        [("max_choices: 2", "max_choices: 4")],
        "topics",
        "'max_choices' (4) is larger than the number of options (3)",
        "max_choices: 4",
    ),
    (
        "text max_length not positive",
        [("max_length: 20", "max_length: 0")],
        "wish",
        "'max_length' must be a positive integer, got 0",
        "max_length: 0",
    ),
    (
        "number min greater than max",
        [("min: 0", "min: 11")],
        "fte",
        "min (11) is greater than max (10)",
        "min: 11",
    ),
    (
        "number bound not a number",
        [("max: 10", "max: ten")],
        "fte",
        "'max' must be a number, got 'ten'",
        "max: ten",
    ),
    (
        "attribute flag on another item type",
        [("max_choices: 2", "max_choices: 2\n        attribute: true")],
        "topics",
        "only single_choice items can be respondent attributes",
        "attribute: true\n        label: {de: Themen",
    ),
    (
        "flag that is not true or false",
        [("reverse: true", "reverse: sometimes")],
        "coop_silos",
        "'reverse' must be true or false, got 'sometimes'",
        "reverse: sometimes",
    ),
    (
        "version zero",
        [("version: 1", "version: 0")],
        None,
        "'version' must be a positive integer, got 0",
        "version: 0",
    ),
    (
        "version as a string",
        [("version: 1", "version: '1'")],
        None,
        "'version' must be a positive integer, got '1'",
        "version:",
    ),
    (
        "version as a float",
        [("version: 1", "version: 1.5")],
        None,
        "'version' must be a positive integer, got 1.5",
        "version:",
    ),
    (
        "id not a slug",
        [("id: team-check", "id: Team Check")],
        None,
        "invalid id 'Team Check': use lowercase letters, digits and hyphens",
        "id: Team Check",
    ),
    (
        "duplicate key in one YAML mapping",
        [
            (
                "    label: {de: Wunsch, en: Wish}\n",
                "    label: {de: Wunsch, en: Wish}\n        label: {de: Wunsch 2, en: Wish 2}\n",
            )
        ],
        None,
        f"duplicate key 'label' in one mapping (first on line {line_of(VALID, 'de: Wunsch')})",
        "label: {de: Wunsch 2",
    ),
    (
        "sections not a list",
        [("sections:\n  - key: about", "sections: about\nold:\n  - key: about")],
        None,
        "'sections' must be a non-empty list of sections",
        "sections: about",
    ),
]


@pytest.mark.parametrize(
    ("replacements", "item", "message", "at"),
    [case[1:] for case in BROKEN],
    ids=[case[0] for case in BROKEN],
)
def test_broken_file_is_reported_with_item_line_and_message(
    tmp_path: Path,
    replacements: list[tuple[str, str]],
    item: str | None,
    message: str,
    at: str,
) -> None:
    text = edit(VALID, *replacements)
    problems = problems_of(tmp_path, text)
    matching = [p for p in problems if message in p.message]
    assert matching, f"no problem says {message!r}: {[str(p) for p in problems]}"
    assert matching[0].item == item
    assert matching[0].line == line_of(text, at)


def test_yaml_syntax_error_is_reported_with_its_line(tmp_path: Path) -> None:
    text = edit(VALID, ("label: {de: Wunsch, en: Wish}", "label: {de: Wunsch, en: Wish}}"))
    problem = only_problem(tmp_path, text)
    assert problem.message.startswith("YAML syntax error")
    assert problem.line == line_of(text, "Wish}}")


def test_top_level_that_is_not_a_mapping_is_refused(tmp_path: Path) -> None:
    problem = only_problem(tmp_path, "- id: team-check\n- version: 1\n")
    assert problem.message == "the top level must be a mapping, got a list"


def test_empty_file_is_refused(tmp_path: Path) -> None:
    assert only_problem(tmp_path, "# nothing here\n").message == "the file is empty"


def test_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    problem = only_problem(tmp_path, VALID.replace("für", "f\xfcr").encode("latin-1"))
    assert problem.message == "the file is not UTF-8"
    assert problem.line == line_of(VALID, "für")


def test_missing_file_is_reported_not_raised_as_oserror(tmp_path: Path) -> None:
    with pytest.raises(QuestionnaireError, match="cannot read the file"):
        load_questionnaire(tmp_path / "missing.yaml")


def test_all_problems_of_a_file_are_reported_at_once(tmp_path: Path) -> None:
    text = edit(
        VALID,
        ("estimated_minutes: 5", "estimated_minutes: 5\ntitel: x"),
        (
            "type: likert\n        dimension: cooperation\n        allow_na",
            "type: likret\n        dimension: cooperation\n        allow_na",
        ),
        ("top_n: 2", "top_n: 5"),
    )
    path = tmp_path / "three.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(QuestionnaireError) as caught:
        load_questionnaire(path)
    assert len(caught.value.problems) == 3
    assert str(caught.value).splitlines() == [
        f"{path}:{line_of(text, 'titel')}: unknown field 'titel' (did you mean 'title'?)",
        f"{path}:{line_of(text, 'likret')}: item 'coop_good': unknown item type 'likret' "
        "(did you mean 'likert'?); expected one of likert, importance_performance, "
        "single_choice, multi_choice, ranking, text, number",
        f"{path}:{line_of(text, 'top_n')}: item 'priorities': "
        "'top_n' (5) is larger than the number of options (3)",
    ]


def test_integer_item_without_a_whole_number_in_range_is_refused():
    text = edit(
        VALID,
        ("min: 0\n        max: 10\n", "min: 2.2\n        max: 2.8\n        integer: true\n"),
    )
    with pytest.raises(QuestionnaireError) as caught:
        parse_questionnaire(text)
    assert any("no whole number lies between" in p.message for p in caught.value.problems)


def test_a_section_named_like_a_participant_page_is_refused_with_file_line_and_key(
    tmp_path: Path,
) -> None:
    text = edit(VALID, ("  - key: work\n", "  - key: review\n"))
    problem = only_problem(tmp_path, text)
    assert problem.line == line_of(text, "- key: review")
    assert "section key 'review' is the name of a participant page" in problem.message
    assert str(problem).startswith(f"{tmp_path / 'broken.yaml'}:{problem.line}: ")


def test_every_fixed_participant_page_is_a_reserved_section_key() -> None:
    from surveyapp import create_app
    from surveyapp.questionnaire.model import RESERVED_SECTION_KEYS
    from tests.conftest import BASE_CONFIG

    app = create_app({**BASE_CONFIG, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    fixed = {
        rule.rule.split("/")[-1]
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("participant.") and rule.rule.count("/") == 3
    } - {"<section_key>"}
    assert fixed and fixed <= RESERVED_SECTION_KEYS
