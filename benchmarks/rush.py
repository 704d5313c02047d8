"""The deadline rush with Locust (headless): N participants answer the whole questionnaire at
once against gunicorn (2 workers) on SQLite and on PostgreSQL.

Per database: participants completed per minute, p50/p95/p99 of a page save, errors, the
ratio of the save percentiles to the same server's bare endpoint (same client, same user
count), and the p95 of a page save while a facilitator opens the results pages (the target:
within twice the quiet p95). Loopback only; bounded by ``RUSH_PARTICIPANTS`` (default 40)
and ``RUSH_SECONDS`` per run (default 90). PostgreSQL runs when ``BENCH_DATABASE_URL`` or
``TEST_DATABASE_URL`` names a server (a schema of its own is made and dropped).
"""

from __future__ import annotations

import csv
import json
import os
import random
import re
import secrets
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from benchmarks._support import ROOT, TreeMemory, gunicorn, row, setting

PARTICIPANTS = setting("RUSH_PARTICIPANTS", 40)
SECONDS = setting("RUSH_SECONDS", 90)
BARE_SECONDS = 15
PREFILLED_TEAMS = 4  # teams with submitted answers, so the results pages have data
PREFILLED_PER_TEAM = 6
FACILITATOR = ("rush-facilitator@example.org", "rush benchmark password 1")
LOCUSTFILE = Path(__file__).resolve().parent / "scenarios" / "rush_locustfile.py"


def prepare(uri: str) -> dict[str, Any]:
    """Migrate, make an open round with prefilled teams and two teams of fresh invitations
    (one for the quiet rush, one for the rush with a facilitator watching)."""
    from flask_migrate import upgrade

    from surveyapp import create_app
    from surveyapp.db import db
    from surveyapp.demo.answers import sample_answers
    from surveyapp.operations import municipalities, rounds, teams, users
    from surveyapp.operations.invitations import create_invitations
    from surveyapp.operations.responses import get_or_start_response, save_answers, submit_response
    from surveyapp.participant.form import form_state

    app = create_app({"SQLALCHEMY_DATABASE_URI": uri, "SECRET_KEY": "x" * 40})
    with app.app_context():
        upgrade()
        session = db.session
        registry = app.extensions["questionnaires"]
        questionnaire = registry.latest("bildungsbuero-reflexion")
        facilitator = users.create_user(
            session, email=FACILITATOR[0], password=FACILITATOR[1], role="facilitator", actor=None
        )
        survey_round = rounds.create_round(
            session,
            registry,
            name="Rush",
            questionnaire_id=questionnaire.id,
            questionnaire_version=questionnaire.version,
            facilitators=[facilitator],
            actor=None,
        )
        rounds.set_status(session, survey_round, "open")
        rng = random.Random(14)
        team_list = []
        for number in range(PREFILLED_TEAMS + 2):
            municipality = municipalities.create_municipality(
                session, name=f"Rushstadt {number}", actor=None
            )
            team_list.append(teams.add_team(session, survey_round, municipality, actor=None))
        team_ids = [team.id for team in team_list]
        for team in team_list[:PREFILLED_TEAMS]:
            for issued in create_invitations(session, team, PREFILLED_PER_TEAM, actor=None):
                response = get_or_start_response(session, issued.invitation)
                answers = sample_answers(questionnaire, rng)
                for section in questionnaire.sections:
                    page = {i.key: answers[i.key] for i in section.items}
                    save_answers(session, response, section.key, page, complete=True)
                submit_response(session, response)
        jobs: dict[str, list] = {"quiet": [], "watched": []}
        for run, team in zip(jobs, team_list[PREFILLED_TEAMS:], strict=True):
            for issued in create_invitations(session, team, PARTICIPANTS, actor=None):
                answers = sample_answers(questionnaire, rng)
                pages = [
                    {
                        "key": section.key,
                        "fields": form_state(
                            section, {i.key: answers[i.key] for i in section.items}
                        ),
                    }
                    for section in questionnaire.sections
                ]
                jobs[run].append({"token": issued.token, "pages": pages})
        session.commit()
        round_id = survey_round.id
        db.engine.dispose()
    dashboards = [f"/f/rounds/{round_id}/results"] + [
        f"/f/teams/{team_id}/results" for team_id in team_ids[:2]
    ]
    if any(rule.rule.endswith("/report.pdf") for rule in app.url_map.iter_rules()):
        # the report of a team, rebuilt whenever the round's answers change (they do)
        dashboards.append(f"/f/teams/{team_ids[0]}/report.pdf")
    return {**jobs, "dashboards": dashboards}


@contextmanager
def sqlite_database() -> Iterator[str]:
    with tempfile.TemporaryDirectory(prefix="surveyapp-rush-") as folder:
        yield f"sqlite:///{folder}/rush.db"


@contextmanager
def postgres_database(server: str) -> Iterator[str]:
    import sqlalchemy as sa

    schema = f"rush_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(server)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    url = sa.engine.make_url(server).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def locust(port: int, users: list[str], count: int, seconds: int, env: dict[str, str]):
    """Run Locust headless against the port; return {request name: stats row} and summary."""
    with tempfile.TemporaryDirectory(prefix="surveyapp-locust-") as folder:
        prefix = Path(folder) / "run"
        summary = Path(folder) / "summary.json"
        command = [
            sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless",
            "--users", str(count), "--spawn-rate", str(count), "--run-time", f"{seconds}s",
            "--host", f"http://127.0.0.1:{port}", "--csv", str(prefix), "--only-summary",
            "--loglevel", "WARNING", "--exit-code-on-error", "0", *users,
        ]  # fmt: skip
        run_env = {**os.environ, **env, "RUSH_SUMMARY": str(summary)}
        done_run = subprocess.run(command, cwd=ROOT, env=run_env, timeout=seconds + 60,
                                  capture_output=True, text=True)  # fmt: skip
        if done_run.returncode != 0:
            raise RuntimeError(f"locust failed:\n{done_run.stderr[-3000:]}")
        with open(f"{prefix}_stats.csv") as stats:
            rows = {line["Name"]: line for line in csv.DictReader(stats)}
        done = json.loads(summary.read_text()) if summary.exists() else {"done": []}
    return rows, done


def _ms(stats: dict[str, str], column: str) -> float:
    return float(stats[column])


def rush(uri: str, label: str) -> list[dict[str, Any]]:
    """The three runs on one database: the bare endpoint, the quiet rush, the watched rush."""
    env = {
        "DATABASE_URL": uri,
        "SECRET_KEY": secrets.token_urlsafe(32),
        "SESSION_COOKIE_SECURE": "0",
        "RATELIMIT_ENABLED": "0",
    }
    results = {}
    with gunicorn("benchmarks.participant:bare_app()", env, "/ok") as (port, _process):
        bare, _ = locust(port, ["Participant"], PARTICIPANTS, BARE_SECONDS, {"RUSH_BARE": "1"})
    bare = bare["bare POST /ok"]
    world = prepare(uri)
    for watched in (False, True):
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as tokens:
            json.dump(world["watched" if watched else "quiet"], tokens)
        run_env = {
            "RUSH_TOKENS": tokens.name,
            "RUSH_PARTICIPANTS": str(PARTICIPANTS),
            "RUSH_FACILITATOR": ":".join(FACILITATOR),
            "RUSH_DASHBOARD_URLS": json.dumps(world["dashboards"]),
        }
        users = ["Participant", "Facilitator"] if watched else ["Participant"]
        with gunicorn("wsgi:app", env, "/healthz") as (port, process):
            with TreeMemory(process.pid) as memory:
                stats, done = locust(port, users, PARTICIPANTS + watched, SECONDS, run_env)
        os.unlink(tokens.name)
        results[watched] = (stats, done, memory.peak_mib)
    names = list(
        dict.fromkeys("facilitator: " + re.sub(r"\d+", "<id>", url) for url in world["dashboards"])
    )
    return _rows(label, bare, results, names)


def _rows(
    label: str, bare: dict[str, str], results: dict, facilitator: list[str]
) -> list[dict[str, Any]]:
    stats, done, peak = results[False]
    save = stats["page save"]
    completed = len(done["done"])
    minutes = (max(done["done"]) - done["started"]) / 60 if done["done"] else float("nan")
    errors = sum(int(line["Failure Count"]) for name, line in stats.items() if name != "Aggregated")
    note = f"{PARTICIPANTS} participants at once, gunicorn 2 workers, Locust headless"
    rows = [
        row(
            f"rush {label}: completed per minute",
            completed / minutes,
            "per min",
            peak_mib=peak,
            note=f"{completed}/{PARTICIPANTS} completed; {note}",
        ),
        row(f"rush {label}: errors", errors, "count", note="failed requests of every kind"),
    ]
    for column, p in (("50%", "p50"), ("95%", "p95"), ("99%", "p99")):
        rows.append(
            row(
                f"rush {label}: page save {p}",
                _ms(save, column),
                "ms",
                floor=_ms(bare, column),
                peak_mib=peak,
                note="floor: bare POST /ok, same server, client and users",
            )
        )
    watched, _done, watched_peak = results[True]
    rows.append(
        row(
            f"rush {label} + facilitator on the results pages: page save p95",
            _ms(watched["page save"], "95%"),
            "ms",
            floor=_ms(save, "95%"),
            peak_mib=watched_peak,
            target="ratio ≤ 2",
            note="floor: the quiet rush's p95",
        )
    )
    for name in facilitator:
        line = watched.get(name)
        if line is None:  # still rendering when the last participant submitted
            rows.append(
                row(
                    f"rush {label}: {name} p95",
                    float("nan"),
                    "ms",
                    note="no request finished before the rush ended",
                )
            )
            continue
        rows.append(
            row(
                f"rush {label}: {name} p95",
                _ms(line, "95%"),
                "ms",
                note=f"{line['Request Count']} requests, {line['Failure Count']} failed",
            )
        )
    return rows  # fmt: skip


def run() -> list[dict[str, Any]]:
    rows = []
    with sqlite_database() as uri:
        rows += rush(uri, "SQLite")
    server = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL")
    if server:
        try:
            with postgres_database(server) as uri:
                rows += rush(uri, "PostgreSQL")
        except Exception as error:  # keep SQLite's rows; say what failed
            rows.append(row("rush PostgreSQL: FAILED", float("nan"), "", note=str(error)[:200]))
    else:
        rows.append(row("rush PostgreSQL", float("nan"), "", note="set BENCH_DATABASE_URL"))
    return rows
