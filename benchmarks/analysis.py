"""The analysis of a large round: 400 teams × 15 respondents × 100 items.

Targets (DESIGN.md §7 and issue 11): the pure analysis < 1 s and < 500 MB peak; loading the
round from SQLite and from PostgreSQL < 3 s. Every figure comes with its floor: building a
bare ``pd.DataFrame`` from the same rows. PostgreSQL is measured when
``BENCH_DATABASE_URL`` (or ``TEST_DATABASE_URL``) names a database; the benchmark makes a
schema of its own there and drops it afterwards.
"""

from __future__ import annotations

import gc
import os
import random
import statistics
import tempfile
import time
import tracemalloc
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from benchmarks._support import row, setting
from surveyapp.analysis import analyse_round, answers_frame
from surveyapp.analysis.frame import ANSWER_COLUMNS
from surveyapp.questionnaire import Questionnaire, parse_questionnaire

TEAMS = setting("BENCH_ANALYSIS_TEAMS", 400)
RESPONDENTS = 15
K = 3
RUNS = setting("BENCH_ANALYSIS_RUNS", 3)
TEAM_SAMPLE = 41
DIMENSIONS = 7
LIKERT_PER_DIMENSION = 11  # 77 likert items
FUNCTIONS = 10


def synthetic_questionnaire() -> Questionnaire:
    """100 items: 77 likert in 7 dimensions, 10 functions, ranking, choices, texts, number."""
    lines = [
        "id: bench",
        "version: 1",
        "estimated_minutes: 20",
        "title: {de: Bench, en: Bench}",
        "introduction: {de: Einleitung, en: Introduction}",
        "privacy_note: {de: Datenschutz, en: Privacy}",
        "dimensions:",
        *(f"  d{d}: {{de: D{d}, en: D{d}}}" for d in range(DIMENSIONS)),
        "sections:",
        "  - key: all",
        "    title: {de: Alles, en: Everything}",
        "    items:",
        "      - key: role",
        "        type: single_choice",
        "        attribute: true",
        "        compare: [leitung, team]",
        "        label: {de: Rolle, en: Role}",
        "        options:",
        *(
            f"          - {{key: {key}, label: {{de: {key}, en: {key}}}}}"
            for key in ("leitung", "team", "partner", "keine_angabe")
        ),
    ]
    for d in range(DIMENSIONS):
        for i in range(LIKERT_PER_DIMENSION):
            reverse = ", reverse: true" if i % 4 == 3 else ""
            lines.append(
                f"      - {{key: l{d}_{i}, type: likert, dimension: d{d}, allow_na: true"
                f"{reverse}, label: {{de: L, en: L}}}}"
            )
    for f in range(FUNCTIONS):
        lines.append(
            f"      - {{key: f{f}, type: importance_performance, allow_na: true, "
            "label: {de: F, en: F}}"
        )
    options = "\n".join(
        f"          - {{key: f{f}, label: {{de: F, en: F}}}}" for f in range(FUNCTIONS)
    )
    lines += [
        "      - key: prio",
        "        type: ranking",
        "        top_n: 3",
        "        label: {de: P, en: P}",
        "        options:",
        options,
        "      - key: topics",
        "        type: multi_choice",
        "        label: {de: T, en: T}",
        "        options:",
        *(f"          - {{key: t{t}, label: {{de: T, en: T}}}}" for t in range(8)),
        "      - {key: fte, type: number, min: 0, max: 100, label: {de: N, en: N}}",
        *(f"      - {{key: text{t}, type: text, label: {{de: X, en: X}}}}" for t in range(9)),
    ]
    return parse_questionnaire("\n".join(lines) + "\n", "bench.yaml")


def synthetic_rows(questionnaire: Questionnaire, seed: int = 1) -> list[tuple[Any, ...]]:
    """(response_id, team_id, item_key, value, hidden) rows of a whole round."""
    rng = random.Random(seed)
    rows: list[tuple[Any, ...]] = []
    response_id = 0
    items = questionnaire.items
    for team_id in range(1, TEAMS + 1):
        centre = rng.uniform(2, 4)
        for _ in range(RESPONDENTS):
            response_id += 1
            for item in items:
                rows.append((response_id, team_id, item.key, _value(item, rng, centre), False))
    return rows


def _rating(rng: random.Random, centre: float) -> int:
    return min(5, max(1, round(rng.gauss(centre, 1))))


def _value(item: Any, rng: random.Random, centre: float) -> Any:
    match item.type:
        case "likert":
            return None if rng.random() < 0.05 else _rating(rng, centre)
        case "importance_performance":
            return {"importance": _rating(rng, centre + 0.8), "performance": _rating(rng, centre)}
        case "single_choice":
            return rng.choice(("leitung", "team", "team", "team", "partner", "keine_angabe"))
        case "ranking":
            return rng.sample(item.option_keys, 3)
        case "multi_choice":
            return rng.sample(item.option_keys, 2)
        case "number":
            return rng.randint(1, 20)
        case _:
            return rng.choice(("Mehr Zeit", "Bessere Daten", "Klare Ziele", ""))


def _median_seconds(work: Callable[[], object], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _traced_peak_mib(work: Callable[[], object]) -> float:
    gc.collect()
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def pure_rows(
    questionnaire: Questionnaire, rows: list[tuple[Any, ...]], floor: float
) -> list[dict[str, Any]]:
    """The pure part: frame building, the round's tables, and one team's own results."""
    floor_mib = _traced_peak_mib(lambda: pd.DataFrame(rows, columns=list(ANSWER_COLUMNS)))
    frame = answers_frame(rows, questionnaire)
    build = _median_seconds(lambda: answers_frame(rows, questionnaire))
    build_mib = _traced_peak_mib(lambda: answers_frame(rows, questionnaire))
    analyse = _median_seconds(lambda: analyse_round(questionnaire, frame, K))
    analyse_mib = _traced_peak_mib(lambda: analyse_round(questionnaire, frame, K))
    analysis = analyse_round(questionnaire, frame, K)
    analysis.team(analysis.team_ids[0])  # the round-wide caches (benchmark, open answers)
    team_mib = _traced_peak_mib(lambda: analysis.team(analysis.team_ids[1]))
    per_team = []
    for team_id in analysis.team_ids[2 : TEAM_SAMPLE + 1]:
        start = time.perf_counter()
        analysis.team(team_id)
        per_team.append((time.perf_counter() - start) * 1000)
    teams = statistics.median(per_team)
    size = f"{TEAMS} teams × {RESPONDENTS} respondents × {len(questionnaire.items)} items"
    return [
        row(
            "analyse_round (pure, round tables)",
            analyse,
            "s",
            floor=floor,
            peak_mib=analyse_mib,
            target="< 1 s, < 500 MB",
            note=f"{size}; {len(rows):,} answers; floor = bare pd.DataFrame of the same rows "
            f"({floor_mib:.0f} MiB); peak = memory allocated while analysing (tracemalloc)",
        ),
        row(
            "answers frame from rows (attributes as columns)",
            build,
            "s",
            floor=floor,
            peak_mib=build_mib,
            note="answers_frame(): what the loader does after the query; peak: tracemalloc",
        ),
        row(
            "one team's own results (.team(), median)",
            teams,
            "ms",
            peak_mib=team_mib,
            note=f"median of {TEAM_SAMPLE - 1} teams: bootstrap of 1,000 resamples, "
            "perspectives, benchmark, trend, open answers",
        ),
    ]


def _database_rows(
    uri: str, label: str, questionnaire: Questionnaire, rows: list[tuple[Any, ...]], floor: float
) -> dict[str, Any]:
    """Fill a database with the round and time load_round_answers against the floor."""
    from flask_migrate import upgrade

    from surveyapp import create_app
    from surveyapp.db import db
    from surveyapp.operations.analysis import load_round_answers

    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": uri,
            "SECRET_KEY": "benchmark-secret-key-not-for-production",
            "TESTING": True,
        }
    )
    with app.app_context():
        upgrade()
        _fill(db, rows)
        session = db.session
        load = _median_seconds(lambda: load_round_answers(session, 1, questionnaire))
        load_mib = _traced_peak_mib(lambda: load_round_answers(session, 1, questionnaire))
        session.remove()
        db.engine.dispose()
    return row(
        f"load a round from {label}",
        load,
        "s",
        floor=floor,
        peak_mib=load_mib,
        target="< 3 s",
        note="load_round_answers: one query, JSON decoded, attribute columns; floor = a bare "
        "pd.DataFrame of the same rows in memory; peak: tracemalloc",
    )


def _fill(db: Any, rows: list[tuple[Any, ...]]) -> None:
    """Insert the round: small tables with SQLAlchemy Core, the answers through the driver
    (executemany on SQLite, COPY on PostgreSQL), so that filling takes seconds."""
    import json

    from surveyapp.models import Invitation, Municipality, Response, SurveyRound, Team

    now = pd.Timestamp.now(tz="UTC").to_pydatetime()
    session = db.session
    session.execute(
        db.insert(SurveyRound),
        [
            {
                "id": 1,
                "name": "Bench",
                "questionnaire_id": "bench",
                "questionnaire_version": 1,
                "questionnaire_hash": "0" * 64,
                "status": "closed",
            }
        ],
    )
    teams = range(1, TEAMS + 1)
    session.execute(db.insert(Municipality), [{"id": t, "name": f"M{t}"} for t in teams])
    session.execute(
        db.insert(Team), [{"id": t, "round_id": 1, "municipality_id": t} for t in teams]
    )
    responses = sorted({(r[0], r[1]) for r in rows})
    session.execute(
        db.insert(Invitation),
        [
            {"id": rid, "team_id": tid, "token_hash": uuid.uuid4().hex * 2, "number": rid}
            for rid, tid in responses
        ],
    )
    session.execute(
        db.insert(Response),
        [
            {
                "id": rid,
                "invitation_id": rid,
                "team_id": tid,
                "status": "submitted",
                "submitted_at": now,
            }
            for rid, tid in responses
        ],
    )
    session.commit()
    postgresql = db.engine.dialect.name == "postgresql"
    stamp = now if postgresql else now.strftime("%Y-%m-%d %H:%M:%S.%f")
    answers = [
        (rid, key, json.dumps(value), hidden, stamp) for rid, _tid, key, value, hidden in rows
    ]
    connection = db.engine.raw_connection()
    try:
        cursor = connection.cursor()
        columns = "response_id, item_key, value, hidden, updated_at"
        if postgresql:
            with cursor.copy(f"COPY answers ({columns}) FROM STDIN") as copy:
                for answer in answers:
                    copy.write_row(answer)
        else:
            cursor.executemany(f"INSERT INTO answers ({columns}) VALUES (?, ?, ?, ?, ?)", answers)
        connection.commit()
    finally:
        connection.close()


def database_rows(
    questionnaire: Questionnaire, rows: list[tuple[Any, ...]], floor: float
) -> list[dict[str, Any]]:
    """Loading from SQLite, and from PostgreSQL when a database URL is given."""
    import sqlalchemy as sa

    result = []
    with tempfile.TemporaryDirectory() as folder:
        uri = f"sqlite:///{Path(folder) / 'bench.db'}"
        result.append(_database_rows(uri, "SQLite", questionnaire, rows, floor))
    base = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL")
    if base:
        schema = f"bench_{uuid.uuid4().hex[:12]}"
        admin = sa.create_engine(base)
        with admin.begin() as connection:
            connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
        try:
            url = sa.engine.make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
            uri = url.render_as_string(hide_password=False)
            result.append(_database_rows(uri, "PostgreSQL", questionnaire, rows, floor))
        finally:
            with admin.begin() as connection:
                connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()
    return result


def run() -> list[dict[str, Any]]:
    """Measure the pure analysis, then loading from the databases."""
    questionnaire = synthetic_questionnaire()
    rows = synthetic_rows(questionnaire)
    floor = _median_seconds(lambda: pd.DataFrame(rows, columns=list(ANSWER_COLUMNS)))
    return pure_rows(questionnaire, rows, floor) + database_rows(questionnaire, rows, floor)
