"""The registry of questionnaire versions, pins, and `surveyapp questionnaire check`."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from surveyapp.cli.questionnaire import questionnaire_cli
from surveyapp.questionnaire import (
    QuestionnaireChanged,
    QuestionnaireError,
    QuestionnaireRegistry,
    UnknownQuestionnaire,
    parse_questionnaire,
)
from tests.questionnaire_texts import (
    REAL,
    ROOT,
    VALID,
    edit,
    line_of,
    write,
)

# -- registry and pins --------------------------------------------------------------------------


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
