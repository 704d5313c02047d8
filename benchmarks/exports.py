"""The round export: a large round's workbook and CSV files, time and memory.

Target (issue 10): 80,000 answer rows in < 10 s, memory flat. The round is written directly
into a SQLite file (80 teams × 15 respondents × every item of the questionnaire, sampled
answers, inserted in bulk), then each export runs once, timed, beside its floor: the same
values written bare (openpyxl's write-only mode, or the csv module) without the app's work.
The process's peak memory is reported after each (flat: the workbook is streamed).
"""

from __future__ import annotations

import csv
import io
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from openpyxl import Workbook

from benchmarks._support import own_peak_mib, row, setting
from benchmarks.participant import QUESTIONNAIRE_ID, bench_config

TEAMS = setting("BENCH_EXPORT_TEAMS", 80)
RESPONDENTS = 15
TARGET_SECONDS = 10.0


def build_round(app: object, teams_count: int = TEAMS, name: str = "Export-Benchmark") -> int:
    """Create the round with submitted responses in bulk; return its id."""
    from flask_migrate import upgrade

    from surveyapp.db import db, utcnow
    from surveyapp.demo.answers import sample_answers
    from surveyapp.models import Answer, Invitation, Response, ResponseStatus
    from surveyapp.operations import municipalities, rounds, teams

    upgrade()
    registry = app.extensions["questionnaires"]
    questionnaire = registry.latest(QUESTIONNAIRE_ID)
    survey_round = rounds.create_round(
        db.session,
        registry,
        name=name,
        questionnaire_id=questionnaire.id,
        questionnaire_version=questionnaire.version,
        actor=None,
    )
    rng = random.Random(1)
    now = utcnow()
    sections = [section.key for section in questionnaire.sections]
    for number in range(teams_count):
        municipality = municipalities.create_municipality(
            db.session, name=f"Stadt {number}", actor=None
        )
        team = teams.add_team(db.session, survey_round, municipality, actor=None)
        invitations = [
            {"team_id": team.id, "token_hash": f"{team.id:04d}{n:060d}", "number": n}
            for n in range(1, RESPONDENTS + 1)
        ]
        ids = db.session.scalars(sa.insert(Invitation).returning(Invitation.id), invitations)
        responses = [
            {
                "invitation_id": invitation_id,
                "team_id": team.id,
                "status": ResponseStatus.SUBMITTED,
                "completed_sections": sections,
                "submitted_at": now,
            }
            for invitation_id in ids
        ]
        response_ids = db.session.scalars(
            sa.insert(Response).returning(Response.id), responses
        ).all()
        answers = [
            {"response_id": response_id, "item_key": key, "value": value}
            for response_id in response_ids
            for key, value in sample_answers(questionnaire, rng, tendency=0.2).items()
        ]
        db.session.execute(sa.insert(Answer), answers)
    db.session.commit()
    return survey_round.id


def _timed(call: Callable[[], object]) -> tuple[float, float, object]:
    """Return wall-clock and CPU seconds of one call, and what it returned."""
    start, cpu = time.perf_counter(), time.process_time()
    result = call()
    return time.perf_counter() - start, time.process_time() - cpu, result


def _bare_xlsx(rows: list[list[tuple]]) -> bytes:
    """The floor: the same sheets' plain values through openpyxl's write-only mode."""
    workbook = Workbook(write_only=True)
    for number, sheet_rows in enumerate(rows):
        sheet = workbook.create_sheet(f"S{number}")
        for values in sheet_rows:
            sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _bare_csv(rows: list[tuple]) -> bytes:
    """The floor: the same rows through the csv module."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def run() -> list[dict[str, Any]]:
    """Build the round, time each export and its floor; rows for the ``make bench`` table."""
    from surveyapp import create_app
    from surveyapp.db import db
    from surveyapp.models import Answer, SurveyRound
    from surveyapp.operations.exports import _Export, export_csv, export_xlsx

    results = []
    with tempfile.TemporaryDirectory(prefix="surveyapp-bench-") as folder:
        app = create_app(bench_config(Path(folder) / "export.db"))
        with app.app_context():
            round_id = build_round(app)
            survey_round = db.session.get(SurveyRound, round_id)
            registry = app.extensions["questionnaires"]
            questionnaire = registry.get(
                survey_round.questionnaire_id, survey_round.questionnaire_version
            )
            stored = db.session.scalar(sa.select(sa.func.count(Answer.id)))
            export = _Export.load(db.session, survey_round, questionnaire)
            long_rows = list(export.long_sheet_rows(db.session))
            wide_rows = list(export.wide_rows(db.session))
            size = (
                f"{TEAMS} teams × {RESPONDENTS} respondents, {stored:,} stored answers, "
                f"{len(long_rows):,} long rows"
            )
            cases = (
                (
                    "round export XLSX (5 sheets)",
                    lambda: export_xlsx(db.session, survey_round, questionnaire),
                    lambda: _bare_xlsx([long_rows, wide_rows]),
                ),
                (
                    "round export CSV long",
                    lambda: export_csv(db.session, survey_round, questionnaire),
                    lambda: _bare_csv(long_rows),
                ),
                (
                    "round export CSV wide",
                    lambda: export_csv(db.session, survey_round, questionnaire, wide=True),
                    lambda: _bare_csv(wide_rows),
                ),
            )
            for name, call, bare in cases:
                wall, cpu, _data = _timed(call)
                floor, _floor_cpu, _ = _timed(bare)
                results.append(
                    row(
                        name,
                        wall,
                        "s",
                        floor=floor,
                        peak_mib=own_peak_mib(),
                        target=f"< {TARGET_SECONDS:.0f} s for 80,000 rows, memory flat",
                        note=f"{size}; {cpu:.2f} s CPU; floor: the same values written bare",
                    )
                )
            db.engine.dispose()
    return results


def main() -> None:
    """Print the rows (``python -m benchmarks exports`` prints them as the shared table)."""
    for item in run():
        print(item)


if __name__ == "__main__":
    main()
