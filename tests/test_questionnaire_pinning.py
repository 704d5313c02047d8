"""A round pins its questionnaire: one rule for a file edited after pinning; reads never write."""

from __future__ import annotations

import shutil

import pytest

from surveyapp.models import RoundStatus
from surveyapp.operations import rounds as round_ops
from surveyapp.operations.errors import OperationError
from surveyapp.operations.questionnaires import questionnaire_for_round, repin_unanswered
from surveyapp.questionnaire import QuestionnaireChanged, QuestionnaireRegistry
from tests.conftest import ROOT

SOURCE = ROOT / "questionnaires" / "bildungsbuero-reflexion.v1.yaml"


@pytest.fixture
def folder(tmp_path):
    shutil.copy(SOURCE, tmp_path / SOURCE.name)
    return tmp_path


def _edit(folder) -> QuestionnaireRegistry:
    path = folder / SOURCE.name
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    return QuestionnaireRegistry.from_directory(folder)


def test_a_round_gets_its_pinned_questionnaire(session, factory, folder):
    registry = QuestionnaireRegistry.from_directory(folder)
    survey_round = factory.round()
    questionnaire = questionnaire_for_round(registry, survey_round)
    assert questionnaire.content_hash == survey_round.questionnaire_hash


# One rule for a file edited after a round pinned it (operations/questionnaires.py):


def test_reading_a_round_s_questionnaire_never_re_pins_it(session, factory, folder):
    survey_round = factory.round(status=RoundStatus.DRAFT)
    session.commit()
    pinned = survey_round.questionnaire_hash
    with pytest.raises(QuestionnaireChanged, match="new version"):
        questionnaire_for_round(_edit(folder), survey_round)
    assert survey_round.questionnaire_hash == pinned and not session.dirty


def test_a_round_without_answers_follows_an_edited_file_when_opened(session, factory, folder):
    survey_round = factory.round(status=RoundStatus.DRAFT)
    registry = _edit(folder)
    round_ops.open_round(session, registry, survey_round, actor=None)
    assert survey_round.status is RoundStatus.OPEN
    assert questionnaire_for_round(registry, survey_round).content_hash == (
        survey_round.questionnaire_hash
    )


def test_a_round_without_answers_follows_an_edited_file_when_its_settings_are_saved(
    session, factory, folder
):
    survey_round = factory.round()
    registry = _edit(folder)
    changed = round_ops.update_round(session, registry, survey_round, **_same(survey_round))
    assert changed == ["questionnaire_hash"]
    assert questionnaire_for_round(registry, survey_round)


def test_once_answers_exist_an_edited_file_is_refused_everywhere(session, factory, folder):
    team = factory.team(factory.round(status=RoundStatus.DRAFT))
    factory.response(team)
    survey_round, registry = team.round, _edit(folder)
    with pytest.raises(QuestionnaireChanged, match="new version"):
        repin_unanswered(session, registry, survey_round)
    with pytest.raises(QuestionnaireChanged):
        questionnaire_for_round(registry, survey_round)
    with pytest.raises(OperationError) as caught:
        round_ops.open_round(session, registry, survey_round, actor=None)
    assert caught.value.field == "questionnaire"
    assert round_ops.update_round(session, registry, survey_round, **_same(survey_round)) == []


def _same(survey_round):
    """The round's settings unchanged, as its edit form sends them back."""
    keys = ("name", "questionnaire_id", "questionnaire_version", "workshop_date")
    keys += ("min_group_size", "opens_at", "closes_at")
    return {key: getattr(survey_round, key) for key in keys} | {"actor": None}


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
