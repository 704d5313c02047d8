"""Exports for German spreadsheets: long and wide CSV, the workbook, the codebook, anonymity."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from surveyapp.models import Role
from surveyapp.operations.exports import (
    FORMULA_STARTS,
    LONG_HEADER,
    export_csv,
    export_xlsx,
    hidden_attribute_values,
    neutralise,
)
from surveyapp.operations.spreadsheet import xlsx_text


def read_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte-order mark, for Excel"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


@pytest.fixture
def questionnaire(registry, answered_round):
    return registry.get(answered_round.questionnaire_id, answered_round.questionnaire_version)


@pytest.fixture
def registry(app):
    return app.extensions["questionnaires"]


@pytest.fixture
def answered_round(session, factory):
    """Three staff, one head (a role held by one person), two drafts without a role."""
    survey_round = factory.round(name="Export")
    team = factory.team(survey_round, factory.municipality("=Formelstadt"))
    factory.response(
        team,
        answers={
            "role": "leitung",
            "goals_main": '=HYPERLINK("https://evil.example","klick")',
            "fn_coordination": {"importance": 5, "performance": 2},
            "topics": ["schule", "inklusion"],
            "priorities": ["fn_monitoring", "fn_strategy"],
            "staff_fte": 4.5,
            "mandate_known": None,
        },
    )
    for _ in range(3):
        factory.response(team, answers={"role": "team", "mandate_known": 4})
    factory.response(team, answers={"goals_main": "+49 30 1234"}, submitted=False)
    factory.response(team, answers={"goals_main": "später"}, submitted=False)
    return survey_round


@pytest.mark.parametrize(
    "text, safe",
    [
        ("=1+1", "'=1+1"),
        ("+49", "'+49"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("harmlos", "harmlos"),
        (-2, -2),
        (None, None),
    ],
)
def test_cells_that_could_be_formulas_are_neutralised(text, safe):
    assert neutralise(text) == safe


def test_the_long_csv_has_german_headers_semicolons_and_safe_cells(
    session, answered_round, questionnaire
):
    rows = read_csv(export_csv(session, answered_round, questionnaire))
    assert tuple(rows[0].keys()) == LONG_HEADER
    first = [row for row in rows if row["Antwortbogen"] == rows[0]["Antwortbogen"]]
    values = {row["Variable"]: row["Wert"] for row in first}
    wide = read_csv(export_csv(session, answered_round, questionnaire, wide=True))[0]
    assert values["goals_main"] == '\'=HYPERLINK("https://evil.example","klick")'
    assert values["fn_coordination.importance"] == "5"
    assert values["fn_coordination.performance"] == "2"
    assert values["topics.schule"] == "1" and "topics.fruehe_bildung" not in values
    assert wide["topics.schule"] == "1" and wide["topics.fruehe_bildung"] == "0"
    assert values["priorities.1"] == "fn_monitoring" and values["priorities.2"] == "fn_strategy"
    assert values["staff_fte"] == "4,5"
    assert {row["Kommune"] for row in rows} == {"'=Formelstadt"}
    assert {row["Status"] for row in rows} == {"abgeschickt", "begonnen"}
    # German local time, as a German spreadsheet reads it
    submitted = rows[0]["Abgeschickt am"]
    assert len(submitted) == 19 and submitted[2] == "." and submitted[5] == "."


def test_cannot_judge_is_its_own_code_and_not_answered_stays_empty(
    session, answered_round, questionnaire
):
    rows = read_csv(export_csv(session, answered_round, questionnaire, wide=True))
    head, staff = rows[0], rows[1]
    assert head["mandate_known"] == "kb"
    assert staff["mandate_known"] == "4"
    assert staff["mandate_written"] == ""  # not answered
    assert staff["topics.schule"] == ""  # the multiple choice was not answered at all


def test_the_wide_csv_has_one_row_per_response_and_a_column_per_variable(
    session, answered_round, questionnaire
):
    rows = read_csv(export_csv(session, answered_round, questionnaire, wide=True))
    assert len(rows) == 6
    assert len({row["Antwortbogen"] for row in rows}) == 6
    columns = list(rows[0])
    assert columns[:2] == ["Antwortbogen", "Team-Nr."]
    for name in ("fn_coordination.importance", "fn_coordination.performance", "priorities.3"):
        assert name in columns
    assert columns.index("role") < columns.index("fn_coordination.importance")


def test_an_attribute_held_by_fewer_than_k_of_a_team_is_exported_blank(
    session, answered_round, questionnaire
):
    wide = read_csv(export_csv(session, answered_round, questionnaire, wide=True))
    roles = [row["role"] for row in wide]
    # the head is alone in the role: blank, like the two drafts that never answered it
    assert roles == ["", "team", "team", "team", "", ""]
    long = read_csv(export_csv(session, answered_round, questionnaire))
    assert {row["Wert"] for row in long if row["Variable"] == "role"} == {"team"}
    # the long table lists chosen options only; the wide one has 1 and 0
    assert "topics.fruehe_bildung" not in {row["Variable"] for row in long}
    workbook = load_workbook(io.BytesIO(export_xlsx(session, answered_round, questionnaire)))
    sheet = list(workbook["Antworten breit"].values)
    role_column = sheet[0].index("role")
    assert "leitung" not in [row[role_column] for row in sheet[2:]]
    notes = [row for row in workbook["Codebuch"].values if row[0] == "role"]
    assert "weniger als 3 Personen eines Teams" in notes[0][8]


@pytest.mark.parametrize(
    "values, k, hidden",
    [
        (["team"] * 5 + ["leitung"], 3, {"leitung", "team"}),  # the one blank would be the head
        (["team"] * 5 + ["leitung"] + [None] * 2, 3, {"leitung"}),  # three blanks hide her
        (["team"] * 3 + ["partner"] * 3, 3, set()),
        (["team"] * 4 + ["partner"] * 2 + ["leitung"], 3, {"partner", "leitung"}),
        (["team"] * 4 + ["partner"] + ["leitung"] + ["amt"] * 3, 3, {"partner", "leitung", "amt"}),
        ([None, None, "team"], 3, {"team"}),
        ([], 3, set()),
    ],
)
def test_hidden_attribute_values_leave_no_blank_that_can_be_told_apart(values, k, hidden):
    assert hidden_attribute_values(values, k) == hidden


def test_the_workbook_has_long_and_wide_sheets_a_codebook_and_no_formulas(
    session, answered_round, questionnaire
):
    workbook = load_workbook(io.BytesIO(export_xlsx(session, answered_round, questionnaire)))
    assert workbook.sheetnames == [
        "Runde",
        "Teams",
        "Antworten lang",
        "Antworten breit",
        "Codebuch",
    ]
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
    teams = list(workbook["Teams"].values)
    assert teams[0][:3] == ("Team-Nr.", "Team", "Kommune")
    assert teams[1][2] == "'=Formelstadt"
    assert teams[1][5:] == (6, 6, 4)
    long = list(workbook["Antworten lang"].values)
    assert long[0] == ("Antwortbogen", "Team-Nr.", "Variable", "Wert")
    assert ("fn_coordination.importance", 5) in {row[2:] for row in long}
    assert ("mandate_known", "kb") in {row[2:] for row in long}
    wide = list(workbook["Antworten breit"].values)
    assert wide[1][wide[0].index("fn_coordination.importance")].endswith("– Wichtigkeit")
    assert wide[2][wide[0].index("staff_fte")] == 4.5
    assert wide[2][wide[0].index("Abgeschickt am")].year >= 2026  # a real date cell
    assert workbook["Antworten breit"].freeze_panes == "A3"
    codebook = {row[0]: row for row in workbook["Codebuch"].values}
    assert codebook["Variable"][:4] == ("Variable", "Frage", "Teil", "Fragetext")
    likert = codebook["impact_dispensable"]
    assert likert[5] == "Wirkung und Mehrwert" and likert[6] == "ja"
    assert "1 = stimme gar nicht zu" in likert[7] and "kb = kann ich nicht beurteilen" in likert[7]
    assert "leer = nicht beantwortet" in likert[7]
    assert "leitung = Leitung des Bildungsbüros" in codebook["role"][7]
    assert codebook["topics.schule"][7].startswith("1 = gewählt; 0 = nicht gewählt")
    about = dict(workbook["Runde"].values)
    assert about["Mindestgruppengröße k"] == 3
    assert "kann ich nicht beurteilen" in about["Code kb"]


def test_control_characters_in_stored_text_do_not_break_the_workbook(session, factory, registry):
    survey_round = factory.round(name="Steuer\x02zeichen")
    team = factory.team(survey_round, factory.municipality("Stadt\x1f A"), name="Team\x0b B")
    factory.response(team, answers={"goals_main": "Ziel A\x01 Ziel B\x1b\nund C\tmit Tab"})
    session.commit()
    questionnaire = registry.get(survey_round.questionnaire_id, survey_round.questionnaire_version)
    workbook = load_workbook(io.BytesIO(export_xlsx(session, survey_round, questionnaire)))
    texts = [cell for row in workbook["Antworten breit"].values for cell in row]
    assert "Ziel A Ziel B\nund C\tmit Tab" in texts
    assert "Stadt A" in texts and "Team B" in texts
    assert dict(workbook["Runde"].values)["Runde"] == "Steuerzeichen"
    assert xlsx_text("a\x07b\x0c\x0ec\n\t\r") == "abc\n\t\r"


def test_exports_name_no_person_and_no_token(session, factory, answered_round, questionnaire):
    team = answered_round.teams[0]
    _invitation, token = factory.invitation(team)
    contact = factory.user(Role.CONTACT, email="kontakt@example.org")
    team.contacts.append(contact)
    session.flush()
    blobs = [
        export_csv(session, answered_round, questionnaire),
        export_csv(session, answered_round, questionnaire, wide=True),
        export_xlsx(session, answered_round, questionnaire),
    ]
    for secret in (token, contact.email):
        assert not [blob for blob in blobs if secret.encode() in blob]


def test_without_its_questionnaire_file_a_round_still_exports_its_raw_answers(
    session, answered_round
):
    rows = read_csv(export_csv(session, answered_round, None))
    assert '["schule", "inklusion"]' in {row["Wert"] for row in rows}
    assert not [r for r in rows if str(r["Wert"]).startswith(FORMULA_STARTS)]
    load_workbook(io.BytesIO(export_xlsx(session, answered_round, None)))


def test_repeated_cells_in_a_write_only_sheet_stay_text_and_keep_their_values():
    from openpyxl import Workbook

    from surveyapp.operations.spreadsheet import write_sheet

    workbook = Workbook(write_only=True)
    rows = [(1, "'=Stadt", 2.5, None, "kb", "kb"), (1, "'=Stadt", 3, None, "kb", "kb")] * 2
    write_sheet(workbook, "T", [("a", "b", "c", "d", "e", "f")], rows)
    buffer = io.BytesIO()
    workbook.save(buffer)
    values = list(load_workbook(buffer)["T"].values)[1:]
    assert (
        values == [(1, "'=Stadt", 2.5, None, "kb", "kb"), (1, "'=Stadt", 3, None, "kb", "kb")] * 2
    )
