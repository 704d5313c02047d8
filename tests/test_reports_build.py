"""``surveyapp reports build``: one PDF per team and the brief, read back; unchanged skipped."""

from __future__ import annotations

from pathlib import Path

import pytest

from surveyapp.analysis.text import priority_sentence
from surveyapp.reporting.files import MANIFEST
from tests.pdf_reading import flat, pdf_tags, pdf_text
from tests.report_round import EXPECTED, HOSTILE, make_report_round


@pytest.fixture
def report_round(factory):
    return make_report_round(factory)


def _build(runner, report_round, out: Path, *args: str, ok: bool = True):
    round_id = str(report_round.survey_round.id)
    result = runner.invoke(args=["reports", "build", "--round", round_id, "--out", str(out), *args])
    assert (result.exit_code == 0) is ok, result.output
    return result


def test_build_writes_every_team_and_the_brief_with_their_contents(
    runner, report_round, registry, tmp_path
):
    result = _build(runner, report_round, tmp_path, "--jobs", "1")
    files = sorted(p.name for p in tmp_path.glob("*.pdf"))
    assert files == [
        "2026-herbst_auental_bericht.pdf",
        "2026-herbst_birkenau_bericht.pdf",
        "2026-herbst_lindenfeld_bericht.pdf",
        "2026-herbst_workshop-unterlage.pdf",
    ]
    assert result.output.count("written    ") == 4

    survey_round = report_round.survey_round
    questionnaire = registry.get(survey_round.questionnaire_id, survey_round.questionnaire_version)
    pdf = (tmp_path / "2026-herbst_lindenfeld_bericht.pdf").read_bytes()
    text = flat(pdf_text(pdf))
    assert "Lindenfeld" in text and "Herbst 2026" in text
    summary = text[text.index("Auf einen Blick") :]
    positions = [summary.index(questionnaire.item(key).label.de) for key in EXPECTED]
    assert positions == sorted(positions)
    assert priority_sentence(5, 1, 3.5, 3.3) in text  # Ī = 3,5 and P̄ = 3,3 over ten functions
    assert HOSTILE in text
    tags = pdf_tags(pdf)
    assert tags.lang == "de" and tags.marked and "/Table" in tags.roles
    assert tags.figure_alts and all(alt for alt in tags.figure_alts)

    small = flat(pdf_text((tmp_path / "2026-herbst_birkenau_bericht.pdf").read_bytes()))
    assert "Warum dieser Bericht keine Zahlen enthält" in small
    assert "Birkenau-Frage" not in small

    brief = flat(pdf_text((tmp_path / "2026-herbst_workshop-unterlage.pdf").read_bytes()))
    for name in ("Lindenfeld", "Birkenau", "Auental"):
        assert name in brief
    assert "Birkenau-Frage 0?" in brief and "Birkenau-Frage 1?" in brief


def test_build_skips_unchanged_reports_and_rebuilds_what_changed(
    runner, report_round, factory, session, tmp_path
):
    birkenau = str(report_round.birkenau.id)
    _build(runner, report_round, tmp_path, "--team", birkenau, "--jobs", "2")
    assert (tmp_path / MANIFEST).is_file()

    again = _build(runner, report_round, tmp_path, "--team", birkenau)
    assert "written" not in again.output and "up to date" in again.output

    factory.invitation(report_round.auental)  # another team's cover changes, not Birkenau's
    session.commit()
    assert "written" not in _build(runner, report_round, tmp_path, "--team", birkenau).output

    factory.invitation(report_round.birkenau)  # Birkenau's response rate changes
    session.commit()
    assert "written" in _build(runner, report_round, tmp_path, "--team", birkenau).output

    forced = _build(runner, report_round, tmp_path, "--team", birkenau, "--force")
    assert "written" in forced.output


def test_build_refuses_a_team_of_another_round(runner, report_round, factory, tmp_path):
    other = factory.team()
    factory.session.commit()
    result = _build(runner, report_round, tmp_path, "--team", str(other.id), ok=False)
    assert "--team" in result.output
