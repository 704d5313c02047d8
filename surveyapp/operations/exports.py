"""A round's data, whole, for German spreadsheets: CSV (long or wide) and an XLSX workbook.

Exports carry no names and no tokens: a response is known only by its pseudonymous number.
They do not identify people through their attributes either: an attribute value (e.g. a
role) held by fewer than k respondents of a team is left blank, and when that blank could be
told apart from the others, the next smallest values too (see ``hidden_attribute_values``).

German spreadsheets: CSV separated by ``;``, UTF-8 with a byte-order mark, German headers,
decimal commas, times in German local time. Columns and codes come from
:mod:`surveyapp.questionnaire.codebook` ("kb" = cannot judge, empty = not answered).

Safe to open: every text cell that a spreadsheet could read as a formula (starting with
``= + - @``, a tab or a carriage return) gets a leading apostrophe; Excel with German regional
settings splits a CSV line at semicolons whatever the quoting, so in CSV a formula character
right after a semicolon gets one too. XLSX cells never hold control characters that the file
format forbids (one pasted character must not break the round's export). The workbook is
written in openpyxl's write-only mode, so memory stays flat and time linear in the rows.
"""

from __future__ import annotations

import io
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from openpyxl import Workbook
from sqlalchemy.orm import Session

from surveyapp.db import utcnow
from surveyapp.models import Answer, Response, SurveyRound, Team
from surveyapp.operations.progress import progress_by_team
from surveyapp.operations.spreadsheet import (
    FORMULA_STARTS,
    csv_cell,
    local_time,
    neutralise,
    neutralise_csv,
    render_csv,
    rows_to_csv,
    write_sheet,
    xlsx_text,
)
from surveyapp.questionnaire import Questionnaire
from surveyapp.questionnaire.codebook import (
    CANNOT_JUDGE_CODE,
    CODEBOOK_HEADER,
    cells,
    codebook_rows,
    questionnaire_variables,
)

STATUS_NAMES = {"draft": "begonnen", "submitted": "abgeschickt"}
KIND_NAMES = {"city": "Stadt", "district": "Kreis", "town": "kreisangehörige Stadt/Gemeinde"}
LONG_HEADER = (
    "Runde",
    "Team-Nr.",
    "Team",
    "Kommune",
    "Antwortbogen",
    "Status",
    "Abgeschickt am",
    "Variable",
    "Wert",
)
LONG_SHEET_HEADER = ("Antwortbogen", "Team-Nr.", "Variable", "Wert")
RESPONSE_HEADER = (
    "Antwortbogen",
    "Team-Nr.",
    "Team",
    "Kommune",
    "Status",
    "Begonnen am",
    "Zuletzt gespeichert",
    "Abgeschickt am",
    "Sprache",
)
TEAM_HEADER = (
    "Team-Nr.",
    "Team",
    "Kommune",
    "Bundesland",
    "Art",
    "eingeladen",
    "begonnen",
    "abgeschickt",
)


# --- what is exported --------------------------------------------------------------------------


@dataclass(frozen=True)
class _ResponseInfo:
    id: int
    team: Team
    status: str
    started_at: datetime
    updated_at: datetime
    submitted_at: datetime | None
    locale: str

    def header_cells(self) -> tuple[Any, ...]:
        return (
            self.id,
            self.team.id,
            self.team.display_name,
            self.team.municipality.name,
            STATUS_NAMES.get(self.status, self.status),
            local_time(self.started_at),
            local_time(self.updated_at),
            local_time(self.submitted_at),
            self.locale,
        )


def _responses(session: Session, survey_round: SurveyRound) -> list[_ResponseInfo]:
    teams = {team.id: team for team in survey_round.teams}
    rows = session.execute(
        sa.select(Response)
        .where(Response.team_id.in_(teams))
        .order_by(Response.team_id, Response.id)
    ).scalars()
    return [
        _ResponseInfo(
            r.id,
            teams[r.team_id],
            r.status.value,
            r.started_at,
            r.updated_at,
            r.submitted_at,
            r.locale,
        )
        for r in rows
    ]


def _answer_query(survey_round: SurveyRound) -> sa.Select[Any]:
    return (
        sa.select(Answer.response_id, Answer.item_key, Answer.value)
        .join(Response, Response.id == Answer.response_id)
        .join(Team, Team.id == Response.team_id)
        .where(Team.round_id == survey_round.id)
    )


def hidden_attribute_values(values: Iterable[str | None], k: int) -> set[str]:
    """Return the values of one attribute in one team that must be exported blank.

    ``values`` holds one entry per respondent (None = not answered). A value held by fewer
    than k respondents is hidden; if the blank cells (hidden and unanswered) would then be
    fewer than k, the smallest shown values are hidden too, so that no blank can be worked
    out as the team minus the others.
    """
    counts = Counter(values)
    blank = counts.pop(None, 0)
    hidden = {value for value, count in counts.items() if count < k}
    if not hidden:
        return set()
    blank += sum(counts[value] for value in hidden)
    shown = sorted((count, str(value)) for value, count in counts.items() if value not in hidden)
    while blank < k and shown:
        count, value = shown.pop(0)
        hidden.add(value)
        blank += count
    return {value for value in hidden if value is not None}


def _blanked(
    session: Session,
    survey_round: SurveyRound,
    questionnaire: Questionnaire | None,
    responses: list[_ResponseInfo],
) -> set[tuple[int, str]]:
    """Return the (response, attribute item) pairs whose values are exported blank."""
    keys = [item.key for item in questionnaire.attributes] if questionnaire else []
    if not keys or not responses:
        return set()
    stored: dict[tuple[int, str], Any] = {
        (response_id, key): value
        for response_id, key, value in session.execute(
            _answer_query(survey_round).where(Answer.item_key.in_(keys))
        )
    }
    by_team: dict[int, list[int]] = defaultdict(list)
    for info in responses:
        by_team[info.team.id].append(info.id)
    blanked = set()
    k = survey_round.min_group_size
    for response_ids in by_team.values():
        for key in keys:
            values = [stored.get((response_id, key)) for response_id in response_ids]
            hidden = hidden_attribute_values(values, k)
            blanked.update(
                (response_id, key)
                for response_id, value in zip(response_ids, values, strict=True)
                if value in hidden
            )
    return blanked


def _coded_answers(
    session: Session,
    survey_round: SurveyRound,
    questionnaire: Questionnaire | None,
    blanked: set[tuple[int, str]],
) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield each response's coded cells by column, in the order of the responses."""
    items = {item.key: item for item in questionnaire.items} if questionnaire else {}
    query = _answer_query(survey_round).order_by(Response.team_id, Response.id, Answer.id)
    current: int | None = None
    row: dict[str, Any] = {}
    for response_id, key, value in session.execute(query.execution_options(yield_per=5000)):
        if response_id != current:
            if current is not None:
                yield current, row
            current, row = response_id, {}
        if (response_id, key) in blanked:
            continue
        item = items.get(key)
        if item is None:  # not in the pinned file (it was removed): keep the raw value
            row[key] = (
                json.dumps(value, ensure_ascii=False) if isinstance(value, list | dict) else value
            )
        else:
            row.update(cells(item, value))
    if current is not None:
        yield current, row


@dataclass
class _Export:
    survey_round: SurveyRound
    questionnaire: Questionnaire | None
    responses: list[_ResponseInfo]
    blanked: set[tuple[int, str]]

    @classmethod
    def load(
        cls, session: Session, survey_round: SurveyRound, questionnaire: Questionnaire | None
    ) -> _Export:
        responses = _responses(session, survey_round)
        return cls(
            survey_round,
            questionnaire,
            responses,
            _blanked(session, survey_round, questionnaire, responses),
        )

    def columns(self) -> list[str]:
        if self.questionnaire is None:
            return []
        return [variable.name for variable in questionnaire_variables(self.questionnaire)]

    def labels(self) -> list[str]:
        if self.questionnaire is None:
            return []
        return [variable.label for variable in questionnaire_variables(self.questionnaire)]

    def coded(self, session: Session) -> Iterator[tuple[_ResponseInfo, dict[str, Any]]]:
        info = {response.id: response for response in self.responses}
        for response_id, row in _coded_answers(
            session, self.survey_round, self.questionnaire, self.blanked
        ):
            yield info[response_id], row

    def long_cells(self, session: Session) -> Iterator[tuple[_ResponseInfo, str, Any]]:
        """Yield (response, column, value) for every answered column, in column order.

        A multiple choice gives only its chosen options here (the wide table has the 0s).
        """
        order = self.columns()
        known = set(order)
        unchosen = {
            variable.name
            for variable in (
                questionnaire_variables(self.questionnaire) if self.questionnaire else []
            )
            if variable.item.type == "multi_choice"
        }
        for response, row in self.coded(session):
            named = [name for name in order if name in row]
            named += [name for name in row if name not in known]
            for name in named:
                value = row[name]
                if not (value == 0 and name in unchosen):
                    yield response, name, value

    def long_csv_rows(self, session: Session) -> Iterator[list[Any]]:
        """Yield the long table's rows as CSV cells (each response's columns rendered once)."""
        current: _ResponseInfo | None = None
        prefix: list[Any] = []
        for response, name, value in self.long_cells(session):
            if response is not current:
                current = response
                prefix = [
                    csv_cell(cell)
                    for cell in (
                        self.survey_round.name,
                        response.team.id,
                        response.team.display_name,
                        response.team.municipality.name,
                        response.id,
                        STATUS_NAMES.get(response.status, response.status),
                        local_time(response.submitted_at),
                    )
                ]
            yield [*prefix, name, csv_cell(value)]

    def long_sheet_rows(self, session: Session) -> Iterator[tuple[Any, ...]]:
        """Yield the workbook's long rows: response, team, column, value (the rest is wide)."""
        for response, name, value in self.long_cells(session):
            yield response.id, response.team.id, name, value

    def wide_rows(self, session: Session) -> Iterator[tuple[Any, ...]]:
        columns = self.columns()
        answered = {response.id: row for response, row in self.coded(session)}
        for response in self.responses:
            row = answered.get(response.id, {})
            yield (*response.header_cells(), *(row.get(name) for name in columns))


# --- the files -------------------------------------------------------------------------------


def export_csv(
    session: Session,
    survey_round: SurveyRound,
    questionnaire: Questionnaire | None = None,
    *,
    wide: bool = False,
) -> bytes:
    """Return the round's answers as CSV: long (one value per row) or wide (one row each)."""
    export = _Export.load(session, survey_round, questionnaire)
    if wide:
        return rows_to_csv((*RESPONSE_HEADER, *export.columns()), export.wide_rows(session))
    return render_csv(LONG_HEADER, export.long_csv_rows(session))


def _about_rows(survey_round: SurveyRound, questionnaire: Questionnaire | None) -> list[tuple]:
    k = survey_round.min_group_size
    return [
        ("Runde", survey_round.name),
        (
            "Fragebogen",
            f"{survey_round.questionnaire_id}, Fassung {survey_round.questionnaire_version}",
        ),
        ("Titel", questionnaire.title.de if questionnaire else ""),
        ("Mindestgruppengröße k", k),
        ("Status", survey_round.status.value),
        (
            "Workshop",
            survey_round.workshop_date.strftime("%d.%m.%Y") if survey_round.workshop_date else "",
        ),
        ("Exportiert am", local_time(utcnow())),
        ("Zeiten", "deutsche Ortszeit (Europe/Berlin)"),
        ("Code kb", "kann ich nicht beurteilen (keine Bewertung, nicht „nicht beantwortet“)"),
        ("leere Zelle", "nicht beantwortet"),
        (
            "Angaben zur Person",
            f"Werte, die weniger als {k} Personen eines Teams angegeben haben, bleiben leer, "
            "ebenso nötigenfalls die nächstkleineren, damit niemand erkennbar wird.",
        ),
        (
            "Blätter",
            "Teams; Antworten lang (ein Wert je Zeile); Antworten breit (ein Bogen je "
            "Zeile); Codebuch",
        ),
    ]


def _team_rows(session: Session, survey_round: SurveyRound) -> Iterator[tuple[Any, ...]]:
    progress = progress_by_team(session, [team.id for team in survey_round.teams])
    for team in survey_round.teams:
        counts = progress[team.id]
        yield (
            team.id,
            team.display_name,
            team.municipality.name,
            team.municipality.state,
            KIND_NAMES.get(team.municipality.kind.value, team.municipality.kind.value),
            counts.invited,
            counts.started,
            counts.submitted,
        )


def export_xlsx(
    session: Session, survey_round: SurveyRound, questionnaire: Questionnaire | None = None
) -> bytes:
    """Return the round as a workbook: Runde, Teams, Antworten lang/breit, Codebuch."""
    export = _Export.load(session, survey_round, questionnaire)
    workbook = Workbook(write_only=True)
    write_sheet(workbook, "Runde", [], _about_rows(survey_round, questionnaire))
    write_sheet(workbook, "Teams", [TEAM_HEADER], _team_rows(session, survey_round))
    write_sheet(workbook, "Antworten lang", [LONG_SHEET_HEADER], export.long_sheet_rows(session))
    blank = ("",) * len(RESPONSE_HEADER)
    write_sheet(
        workbook,
        "Antworten breit",
        [(*RESPONSE_HEADER, *export.columns()), (*blank, *export.labels())],
        export.wide_rows(session),
    )
    codebook = codebook_rows(questionnaire, survey_round.min_group_size) if questionnaire else []
    write_sheet(workbook, "Codebuch", [CODEBOOK_HEADER], codebook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


__all__ = [
    "CANNOT_JUDGE_CODE",
    "FORMULA_STARTS",
    "export_csv",
    "export_xlsx",
    "hidden_attribute_values",
    "neutralise",
    "neutralise_csv",
    "rows_to_csv",
    "xlsx_text",
]
