"""Aggregated result exports: per team and item / dimension / function, withheld cells empty
with the reason beside them, formula-safe, downloadable from the round page."""

from __future__ import annotations

import csv
import io

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from surveyapp.models import AuditEvent, Role
from surveyapp.operations.result_exports import results_csv, results_xlsx
from tests.factories import login


@pytest.fixture
def answered(session, factory):
    facilitator = factory.user(Role.FACILITATOR, email="moderation@example.org")
    survey_round = factory.round(name="Herbst", facilitators=[facilitator])
    big = factory.team(survey_round, factory.municipality("=HYPERLINK(1)"))
    small = factory.team(survey_round, factory.municipality("Klein"))
    for seed in range(3):
        factory.response(big, seed=seed)
    factory.response(small, seed=9)
    session.commit()
    return survey_round, big, small, facilitator


def test_csv_has_one_row_per_team_and_key_and_blank_withheld_cells(session, registry, answered):
    survey_round, big, small, _ = answered
    rows = list(
        csv.DictReader(
            io.StringIO(results_csv(session, registry, survey_round).decode("utf-8-sig")),
            delimiter=";",
        )
    )
    questionnaire = registry.get(survey_round.questionnaire_id, survey_round.questionnaire_version)
    per_team = len(
        [i for i in questionnaire.items if i.type in ("likert", "importance_performance")]
    )
    per_team += len(questionnaire.dimensions)
    assert len(rows) == 2 * per_team
    assert {row["part"] for row in rows} == {"items", "dimensions", "functions"}
    big_item = next(
        r for r in rows if r["team_id"] == str(big.id) and r["key"] == "mandate_written"
    )
    assert big_item["team"] == "'=HYPERLINK(1)"  # formula-safe
    assert big_item["mean"] != "" or big_item["reason"] == "few_answers"
    small_rows = [r for r in rows if r["team_id"] == str(small.id)]
    assert all(r["mean"] == "" and r["importance"] == "" and r["count_1"] == "" for r in small_rows)
    assert {r["reason"] for r in small_rows} == {"team_below_k"}
    assert small_rows[0]["reason_text"] == (
        "Weniger als 3 Antworten – aus Datenschutzgründen nicht ausgewiesen."
    )
    assert {r["team_n"] for r in small_rows} == {"1"}


def test_xlsx_has_a_sheet_per_part_and_no_formulas(session, registry, answered):
    survey_round, big, _small, _ = answered
    workbook = load_workbook(io.BytesIO(results_xlsx(session, registry, survey_round)))
    assert workbook.sheetnames == ["items", "dimensions", "functions"]
    functions = workbook["functions"]
    header = [cell.value for cell in functions[1]]
    assert header[:4] == ["team_id", "team", "team_n", "item_key"]
    assert header[-2:] == ["reason", "reason_text"]
    values = [cell.value for row in functions.iter_rows(min_row=2) for cell in row]
    assert "'=HYPERLINK(1)" in values
    assert not any(isinstance(v, str) and v.startswith("=") for v in values)


def test_round_page_links_the_result_downloads_and_they_are_recorded(client, session, answered):
    survey_round, *_rest, facilitator = answered
    login(client, facilitator)
    page = client.get(f"/f/rounds/{survey_round.id}").get_data(as_text=True)
    assert f"/f/rounds/{survey_round.id}/results.csv" in page
    assert f"/f/rounds/{survey_round.id}/results.xlsx" in page
    response = client.get(f"/f/rounds/{survey_round.id}/results.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert f"runde-{survey_round.id}-ergebnisse.csv" in response.headers["Content-Disposition"]
    assert client.get(f"/f/rounds/{survey_round.id}/results.xlsx").status_code == 200
    formats = session.scalars(
        sa.select(AuditEvent.details).where(AuditEvent.action == "round.export")
    ).all()
    assert [details["format"] for details in formats] == ["results.csv", "results.xlsx"]
