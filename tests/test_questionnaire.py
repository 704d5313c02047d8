"""Questionnaire files: format, validation messages, registry and pins, sample answers, CLI."""

from __future__ import annotations

import random
import re
import statistics
import textwrap
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from surveyapp.cli.questionnaire import questionnaire_cli
from surveyapp.demo.answers import sample_answers
from surveyapp.questionnaire import (
    Item,
    Problem,
    Questionnaire,
    QuestionnaireChanged,
    QuestionnaireError,
    QuestionnaireRegistry,
    Text,
    UnknownQuestionnaire,
    load_questionnaire,
    parse_questionnaire,
)

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "questionnaires" / "bildungsbuero-reflexion.yaml"

VALID = textwrap.dedent(
    """\
    id: team-check
    version: 1
    estimated_minutes: 5
    title: {de: Team-Check, en: Team check}
    introduction: {de: Einleitung, en: Introduction}
    privacy_note: {de: Datenschutz, en: Privacy}
    dimensions:
      cooperation: {de: Zusammenarbeit, en: Cooperation}
    sections:
      - key: about
        title: {de: Zu Ihrer Person, en: About you}
        items:
          - key: role
            type: single_choice
            attribute: true
            required: true
            label: {de: Rolle, en: Role}
            options:
              - key: leitung
                label: {de: Leitung, en: Head}
              - key: team
                label: {de: Team, en: Staff}
      - key: work
        title: {de: Arbeit, en: Work}
        intro: {de: "Wie arbeiten Sie?", en: "How do you work?"}
        items:
          - key: coop_good
            type: likert
            dimension: cooperation
            allow_na: true
            label: {de: Wir arbeiten gut zusammen., en: We work well together.}
          - key: coop_silos
            type: likert
            dimension: cooperation
            reverse: true
            label: {de: Jeder arbeitet für sich., en: Everyone works alone.}
          - key: fn_coord
            type: importance_performance
            label: {de: Koordination, en: Coordination}
          - key: topics
            type: multi_choice
            max_choices: 2
            label: {de: Themen, en: Topics}
            options:
              - key: schule
                label: {de: Schule, en: School}
              - key: kita
                label: {de: Kita, en: Nursery}
              - key: beruf
                label: {de: Beruf, en: Work}
          - key: priorities
            type: ranking
            top_n: 2
            label: {de: Prioritäten, en: Priorities}
            options:
              - key: fn_a
                label: {de: A, en: A}
              - key: fn_b
                label: {de: B, en: B}
              - key: fn_c
                label: {de: C, en: C}
          - key: wish
            type: text
            max_length: 20
            label: {de: Wunsch, en: Wish}
          - key: fte
            type: number
            min: 0
            max: 10
            unit: {de: Stellen, en: positions}
            label: {de: Stellen, en: Positions}
    """
)


def edit(text: str, *replacements: tuple[str, str]) -> str:
    """Apply replacements that must each match exactly once."""
    for old, new in replacements:
        assert text.count(old) == 1, f"{old!r} must occur once"
        text = text.replace(old, new)
    return text


def line_of(text: str, snippet: str, occurrence: int = 1) -> int:
    """Return the 1-based line of the n-th occurrence of ``snippet``."""
    position = -1
    for _ in range(occurrence):
        position = text.index(snippet, position + 1)
    return text.count("\n", 0, position) + 1


def problems_of(tmp_path: Path, text: str | bytes, name: str = "broken.yaml") -> list[Problem]:
    """Write a broken file, load it and return the problems it raised."""
    path = tmp_path / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    with pytest.raises(QuestionnaireError) as caught:
        load_questionnaire(path)
    assert all(problem.file == str(path) for problem in caught.value.problems)
    return caught.value.problems


def only_problem(tmp_path: Path, text: str) -> Problem:
    problems = problems_of(tmp_path, text)
    assert len(problems) == 1, problems
    return problems[0]


@pytest.fixture(scope="module")
def real() -> Questionnaire:
    return load_questionnaire(REAL)


@pytest.fixture(scope="module")
def small() -> Questionnaire:
    return parse_questionnaire(VALID, "small.yaml")


# -- the format ---------------------------------------------------------------------------------


def test_valid_file_loads_into_the_model(tmp_path: Path) -> None:
    path = tmp_path / "ok.yaml"
    path.write_text(VALID, encoding="utf-8")
    q = load_questionnaire(path)
    assert (q.id, q.version, q.estimated_minutes, q.source) == ("team-check", 1, 5, path)
    assert q.title == Text("Team-Check", "Team check")
    assert [s.key for s in q.sections] == ["about", "work"]
    assert [i.key for i in q.items][:3] == ["role", "coop_good", "coop_silos"]
    assert q.section("work").intro.en == "How do you work?"
    assert q.dimensions == {"cooperation": Text("Zusammenarbeit", "Cooperation")}
    assert [i.key for i in q.attributes] == ["role"]
    assert q.item("coop_good").line == line_of(VALID, "- key: coop_good")
    assert q.item("coop_silos").reverse and not q.item("coop_silos").allow_na
    assert len(q.item("coop_good").scale) == 5
    assert q.item("topics").max_choices == 2
    assert q.item("priorities").top_n == 2
    assert q.item("fte").unit == Text("Stellen", "positions")
    assert q.item("wish").max_length == 20
    with pytest.raises(KeyError):
        q.item("nope")


def test_content_hash_is_the_sha256_of_the_raw_bytes(tmp_path: Path) -> None:
    import hashlib

    path = tmp_path / "ok.yaml"
    path.write_text(VALID, encoding="utf-8")
    assert load_questionnaire(path).content_hash == hashlib.sha256(path.read_bytes()).hexdigest()


def test_text_falls_back_to_german() -> None:
    text = Text("Hallo", "Hello")
    assert (text.get("de"), text.get("en"), text.get("en_GB"), text.get("fr")) == (
        "Hallo",
        "Hello",
        "Hello",
        "Hallo",
    )
    assert text.get(None) == "Hallo"


def test_scales_can_be_declared_at_top_level_and_chosen_per_item() -> None:
    labels = "\n".join(f"    - {{de: P{n}, en: P{n}}}" for n in range(1, 6))
    text = edit(
        VALID,
        ("dimensions:\n", f"scales:\n  frequency:\n{labels}\ndimensions:\n"),
        ("    reverse: true\n", "    reverse: true\n        scale: frequency\n"),
    )
    q = parse_questionnaire(text)
    assert [t.de for t in q.item("coop_silos").scale] == ["P1", "P2", "P3", "P4", "P5"]
    assert q.item("coop_good").scale[0].de == "stimme gar nicht zu"


def test_readme_example_is_a_valid_questionnaire() -> None:
    readme = (ROOT / "questionnaires" / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(.*?)```", readme, re.S)
    assert example is not None
    q = parse_questionnaire(example.group(1), "README.md")
    assert q.id == "team-check"


def test_questionnaire_package_is_pure_python_without_flask_or_sqlalchemy() -> None:
    import ast

    for module in (ROOT / "surveyapp" / "questionnaire").glob("*.py"):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            assert not any(n.split(".")[0] in {"flask", "sqlalchemy"} for n in names), module


def test_questionnaire_is_hashable_and_comparable(small: Questionnaire) -> None:
    again = parse_questionnaire(VALID, "small.yaml")
    assert again == small and hash(again) == hash(small)


def test_problem_reads_file_line_item_message() -> None:
    assert str(Problem("q.yaml", "role", 12, "boom")) == "q.yaml:12: item 'role': boom"
    assert str(Problem("q.yaml", None, 3, "boom")) == "q.yaml:3: boom"
    assert str(Problem("q.yaml", None, None, "boom")) == "q.yaml: boom"


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


# -- stored answer values -----------------------------------------------------------------------

CHECKS = [
    ("coop_good", 1, True),
    ("coop_good", 5, True),
    ("coop_good", None, True),
    ("coop_silos", None, False),
    ("coop_good", 0, False),
    ("coop_good", 6, False),
    ("coop_good", "3", False),
    ("coop_good", True, False),
    ("coop_good", 3.0, False),
    ("fn_coord", {"importance": 5, "performance": 2}, True),
    ("fn_coord", {"importance": 5}, False),
    ("fn_coord", {"importance": 5, "performance": 6}, False),
    ("fn_coord", {"importance": 5, "performance": 2, "why": 1}, False),
    ("fn_coord", [5, 2], False),
    ("role", "leitung", True),
    ("role", "boss", False),
    ("role", ["leitung"], False),
    ("topics", ["schule", "beruf"], True),
    ("topics", [], True),
    ("topics", ["schule", "schule"], False),
    ("topics", ["schule", "kita", "beruf"], False),
    ("topics", ["uni"], False),
    ("topics", "schule", False),
    ("priorities", ["fn_c", "fn_a"], True),
    ("priorities", ["fn_c", "fn_a", "fn_b"], False),
    ("priorities", ["fn_c", "fn_c"], False),
    ("priorities", [["fn_a"]], False),
    ("wish", "Mehr Zeit", True),
    ("wish", "x" * 21, False),
    ("wish", 5, False),
    ("fte", 0, True),
    ("fte", 7.5, True),
    ("fte", 10.5, False),
    ("fte", -1, False),
    ("fte", "5", False),
    ("fte", True, False),
    ("fte", float("nan"), False),
]


@pytest.mark.parametrize(("key", "value", "valid"), CHECKS)
def test_check_value_accepts_only_the_stored_shape(
    small: Questionnaire, key: str, value: object, valid: bool
) -> None:
    problems = small.item(key).check_value(value)
    assert (problems == []) is valid, problems
    assert all(isinstance(p, str) and p for p in problems)


def test_integer_number_item_refuses_fractions() -> None:
    item = Item(key="n", type="number", label=Text("n", "n"), min=0, max=9, integer=True)
    assert item.check_value(3) == [] and item.check_value(3.0) == []
    assert item.check_value(3.5) == ["expected a whole number, got 3.5"]


# -- registry and pins --------------------------------------------------------------------------


def write(directory: Path, name: str, text: str) -> Path:
    directory.mkdir(exist_ok=True)
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def test_registry_keeps_several_versions_of_one_questionnaire(tmp_path: Path) -> None:
    write(tmp_path, "team-check.yaml", VALID.replace("version: 1", "version: 2"))
    write(tmp_path, "team-check.v1.yaml", VALID)
    write(tmp_path, "notes.txt", "not a questionnaire")
    registry = QuestionnaireRegistry.from_directory(tmp_path)
    assert registry.versions("team-check") == [1, 2]
    assert registry.versions("other") == []
    assert registry.latest("team-check").version == 2
    assert registry.get("team-check", 1).source == tmp_path / "team-check.v1.yaml"
    assert [(q.id, q.version) for q in registry.all()] == [("team-check", 1), ("team-check", 2)]
    assert registry.choices() == [("team-check@1", "Team-Check"), ("team-check@2", "Team-Check")]
    assert registry.choices("en")[0] == ("team-check@1", "Team check")
    assert registry.by_ref("team-check@2") is registry.latest("team-check")


def test_registry_refuses_two_files_with_the_same_id_and_version(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", VALID)
    write(tmp_path, "b.yaml", VALID)
    with pytest.raises(QuestionnaireError) as caught:
        QuestionnaireRegistry.from_directory(tmp_path)
    (problem,) = caught.value.problems
    assert problem.file == str(tmp_path / "b.yaml")
    assert "questionnaire 'team-check' version 1 is also defined in" in problem.message
    assert str(tmp_path / "a.yaml") in problem.message


def test_registry_reports_the_problems_of_every_broken_file(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", VALID.replace("top_n: 2", "top_n: 5"))
    write(tmp_path, "b.yaml", VALID.replace("id: team-check", "id: Team"))
    write(tmp_path, "c.yaml", VALID.replace("id: team-check", "id: fine"))
    with pytest.raises(QuestionnaireError) as caught:
        QuestionnaireRegistry.from_directory(tmp_path)
    assert sorted(Path(p.file).name for p in caught.value.problems) == ["a.yaml", "b.yaml"]


def test_registry_refuses_a_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(QuestionnaireError, match="questionnaire directory not found"):
        QuestionnaireRegistry.from_directory(tmp_path / "nope")


def test_registry_loads_the_shipped_questionnaires() -> None:
    registry = QuestionnaireRegistry.from_directory(ROOT / "questionnaires")
    assert registry.latest("bildungsbuero-reflexion").version >= 1


def test_unknown_questionnaire_is_a_clear_key_error(tmp_path: Path) -> None:
    registry = QuestionnaireRegistry([parse_questionnaire(VALID)])
    with pytest.raises(UnknownQuestionnaire) as caught:
        registry.get("team-check", 7)
    assert isinstance(caught.value, KeyError)
    assert str(caught.value).startswith(
        "questionnaire 'team-check' version 7 is not loaded (loaded versions: 1)"
    )
    with pytest.raises(UnknownQuestionnaire, match="no questionnaire with id 'nope'"):
        registry.latest("nope")
    with pytest.raises(UnknownQuestionnaire, match="id@version"):
        registry.by_ref("team-check")


def test_verify_pin_accepts_the_unchanged_file(tmp_path: Path) -> None:
    write(tmp_path, "team-check.yaml", VALID)
    pinned = QuestionnaireRegistry.from_directory(tmp_path).get("team-check", 1).content_hash
    registry = QuestionnaireRegistry.from_directory(tmp_path)
    assert registry.verify_pin("team-check", 1, pinned).version == 1


def test_verify_pin_refuses_a_changed_file_and_asks_for_a_new_version(tmp_path: Path) -> None:
    path = write(tmp_path, "team-check.yaml", VALID)
    pinned = QuestionnaireRegistry.from_directory(tmp_path).get("team-check", 1).content_hash
    write(tmp_path, "team-check.yaml", VALID.replace("Wunsch", "Ihr Wunsch"))
    registry = QuestionnaireRegistry.from_directory(tmp_path)
    with pytest.raises(QuestionnaireChanged) as caught:
        registry.verify_pin("team-check", 1, pinned)
    assert isinstance(caught.value, QuestionnaireError)
    (problem,) = caught.value.problems
    assert problem.message == (
        f"the file {path} for team-check version 1 changed after a round pinned it; publish "
        "the change as a new version (copy the file, raise `version`) and restore the original"
    )
    write(tmp_path, "team-check.yaml", VALID)
    restored = QuestionnaireRegistry.from_directory(tmp_path)
    assert restored.verify_pin("team-check", 1, pinned).content_hash == pinned


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


# -- command line --------------------------------------------------------------------------------


def test_cli_check_prints_ok_for_valid_files(tmp_path: Path) -> None:
    path = write(tmp_path, "ok.yaml", VALID)
    result = CliRunner().invoke(questionnaire_cli, ["check", str(path), str(REAL)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [f"{path}: OK", f"{REAL}: OK"]


def test_cli_check_prints_every_error_and_exits_1(tmp_path: Path) -> None:
    good = write(tmp_path, "good.yaml", VALID)
    bad = write(
        tmp_path, "bad.yaml", edit(VALID, ("top_n: 2", "top_n: 5"), ("id: team-check", "id: Team"))
    )
    result = CliRunner().invoke(questionnaire_cli, ["check", str(good), str(bad)])
    assert result.exit_code == 1
    assert f"{good}: OK" in result.output
    assert f"{bad}:1: invalid id 'Team'" in result.output
    assert f"{bad}:{line_of(VALID, 'top_n')}: item 'priorities': 'top_n' (5)" in result.output
    assert f"{bad}: OK" not in result.output


def test_cli_check_accepts_a_directory_and_finds_duplicate_versions(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", VALID)
    write(tmp_path, "b.yaml", VALID)
    result = CliRunner().invoke(questionnaire_cli, ["check", str(tmp_path)])
    assert result.exit_code == 1
    assert "version 1 is also defined in" in result.output


def test_cli_check_shipped_questionnaires() -> None:
    result = CliRunner().invoke(questionnaire_cli, ["check", str(ROOT / "questionnaires")])
    assert result.exit_code == 0, result.output
    assert f"{REAL}: OK" in result.output


def test_cli_check_reports_a_missing_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(questionnaire_cli, ["check", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 1
    assert "nope.yaml: cannot read the file" in result.output


# -- arbitrary input: only QuestionnaireError, never anything else -------------------------------


def _load_or_refuse(raw: str | bytes) -> None:
    try:
        result = parse_questionnaire(raw, "fuzz.yaml")
    except QuestionnaireError as exc:
        assert exc.problems and all(isinstance(p.message, str) for p in exc.problems)
        str(exc)
    else:
        assert isinstance(result, Questionnaire)


scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=12)
    | st.sampled_from(["de", "en", "likert", "ranking", "key", "options", "cooperation"])
)
yaml_values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(scalars.filter(lambda v: not isinstance(v, float)), children, max_size=4)
    ),
    max_leaves=25,
)
VALID_DATA = yaml.safe_load(VALID)


def _paths(value: object, prefix: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Return every path into a nested structure of dicts and lists."""
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _paths(child, (*prefix, index))
    return found


VALID_PATHS = _paths(VALID_DATA)[1:]


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_arbitrary_text_gives_a_questionnaire_or_its_error(text: str) -> None:
    _load_or_refuse(text)


@settings(max_examples=200, deadline=None)
@given(st.binary())
def test_arbitrary_bytes_give_a_questionnaire_or_its_error(raw: bytes) -> None:
    _load_or_refuse(raw)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, len(VALID)), st.integers(0, 5), st.text(max_size=5)),
        min_size=1,
        max_size=4,
    )
)
def test_edited_questionnaire_text_gives_a_questionnaire_or_its_error(
    edits: list[tuple[int, int, str]],
) -> None:
    text = VALID
    for position, length, insert in edits:
        text = text[:position] + insert + text[position + length :]
    _load_or_refuse(text)


@settings(max_examples=200, deadline=None)
@given(yaml_values)
def test_arbitrary_yaml_structures_give_a_questionnaire_or_its_error(value: object) -> None:
    _load_or_refuse(yaml.safe_dump(value, allow_unicode=True))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(VALID_PATHS), yaml_values), min_size=1, max_size=3))
def test_mutated_questionnaires_give_a_questionnaire_or_its_error(
    mutations: list[tuple[tuple[object, ...], object]],
) -> None:
    import copy

    data = copy.deepcopy(VALID_DATA)
    for path, value in mutations:
        node = data
        try:
            for step in path[:-1]:
                node = node[step]
            node[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed or replaced this path
    _load_or_refuse(yaml.safe_dump(data, allow_unicode=True))


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
