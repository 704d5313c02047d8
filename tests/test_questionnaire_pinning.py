"""A round pins its questionnaire; a file edited after answers arrived is refused."""

from __future__ import annotations

import shutil

import pytest

from surveyapp.operations.questionnaires import questionnaire_for_round
from surveyapp.questionnaire import QuestionnaireChanged, QuestionnaireRegistry
from tests.conftest import ROOT

SOURCE = ROOT / "questionnaires" / "bildungsbuero-reflexion.yaml"


@pytest.fixture
def folder(tmp_path):
    shutil.copy(SOURCE, tmp_path / SOURCE.name)
    return tmp_path


def _edit(folder) -> QuestionnaireRegistry:  # noqa: ANN001
    path = folder / SOURCE.name
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    return QuestionnaireRegistry.from_directory(folder)


def test_a_round_gets_its_pinned_questionnaire(session, factory, folder):
    registry = QuestionnaireRegistry.from_directory(folder)
    survey_round = factory.round()
    questionnaire = questionnaire_for_round(session, registry, survey_round)
    assert questionnaire.content_hash == survey_round.questionnaire_hash


def test_a_file_edited_after_answers_arrived_is_refused(session, factory, folder):
    team = factory.team()
    factory.response(team)
    with pytest.raises(QuestionnaireChanged, match="new version"):
        questionnaire_for_round(session, _edit(folder), team.round)


def test_a_round_without_answers_follows_an_edited_file(session, factory, folder):
    survey_round = factory.round()
    old_hash = survey_round.questionnaire_hash
    registry = _edit(folder)
    questionnaire = questionnaire_for_round(session, registry, survey_round)
    assert survey_round.questionnaire_hash == questionnaire.content_hash != old_hash


def test_participants_get_a_calm_page_when_the_file_changed_after_answers(
    app, client, session, factory, folder, caplog
):
    team = factory.team()
    factory.response(team)
    invitation, token = factory.invitation(team)
    session.commit()
    app.extensions["questionnaires"] = _edit(folder)

    page = client.get(f"/s/{token}")

    assert page.status_code == 503
    assert "wird gerade überarbeitet" in page.text
    assert "new version" not in page.text  # the operator's advice goes to the log only
    assert any("new version" in record.getMessage() for record in caplog.records)
