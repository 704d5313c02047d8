"""Participant pages: latency in process, and page saves per second under gunicorn.

Targets (DESIGN.md §7): page GET and page save POST each < 20 ms median; page saves per
second with 2 gunicorn workers on SQLite ≥ 50 % of the same server answering a bare
``return "ok"``. Everything runs on loopback, bounded in requests and in time.
"""

from __future__ import annotations

import http.client
import re
import secrets
import statistics
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask

from benchmarks._support import TreeMemory, gunicorn, own_peak_mib, percentile, row, setting

QUESTIONNAIRE_ID = "bildungsbuero-reflexion"
PAGE = "functions"  # the heaviest page: ten importance–performance pairs
IN_PROCESS_REQUESTS = setting("BENCH_PARTICIPANT_REQUESTS", 300)
LOAD_CLIENTS = 8
LOAD_MAX_REQUESTS = 2000
LOAD_MAX_SECONDS = float(setting("BENCH_PARTICIPANT_SECONDS", 15))
WORKERS = 2


def page_fields() -> dict[str, str]:
    """A full answer to the functions page, as a browser posts it ("save and go on")."""
    fields = {"action": "next"}
    for number, key in enumerate(
        (
            "coordination",
            "monitoring",
            "strategy",
            "bodies",
            "transparency",
            "transitions",
            "quality",
            "projects",
            "communication",
            "advice",
        )
    ):
        fields[f"q_fn_{key}__importance"] = str(1 + number % 5)
        fields[f"q_fn_{key}__performance"] = str(5 - number % 5)
    return fields


def bench_config(database: Path) -> dict[str, object]:
    """Production-like settings (CSRF on, rate limits on) on a SQLite file."""
    return {
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
        "SECRET_KEY": "benchmark-" + "x" * 40,
        "SESSION_COOKIE_SECURE": False,
        "REMEMBER_COOKIE_SECURE": False,
    }


def prepare_database(database: Path, invitations: int) -> list[str]:
    """Migrate a fresh SQLite file, create an open round with one team; return tokens."""
    from flask_migrate import upgrade

    from surveyapp import create_app
    from surveyapp.db import db
    from surveyapp.operations import municipalities, rounds, teams
    from surveyapp.operations.invitations import create_invitations

    app = create_app(bench_config(database))
    with app.app_context():
        upgrade()
        registry = app.extensions["questionnaires"]
        questionnaire = registry.latest(QUESTIONNAIRE_ID)
        survey_round = rounds.create_round(
            db.session,
            registry,
            name="Benchmark",
            questionnaire_id=questionnaire.id,
            questionnaire_version=questionnaire.version,
            actor=None,
        )
        rounds.set_status(db.session, survey_round, "open")
        municipality = municipalities.create_municipality(
            db.session, name="Benchmarkstadt", actor=None
        )
        team = teams.add_team(db.session, survey_round, municipality, actor=None)
        issued = create_invitations(db.session, team, invitations, actor=None)
        db.session.commit()
        db.engine.dispose()
    return [item.token for item in issued]


def hidden(page: str, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]*)"', page)
    return match.group(1) if match else ""


# --- in process -----------------------------------------------------------------------------


def _timed(call: Callable[[], object], count: int) -> list[float]:
    times = []
    for _ in range(count):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return times


def in_process(database: Path, token: str) -> list[tuple[str, list[float]]]:
    """Time page GETs and page save POSTs through Flask's test client, and the floor: the
    same client asking a bare Flask app."""
    import logging

    from surveyapp import create_app

    logging.getLogger("flask_limiter").setLevel(logging.ERROR)
    app = create_app(bench_config(database))
    client = app.test_client()
    url = f"/s/{token}/{PAGE}"
    page = client.get(url).text
    fields = {**page_fields(), "csrf_token": hidden(page, "csrf_token"), "_base": ""}

    def get() -> None:
        assert client.get(url).status_code == 200

    def post() -> None:
        assert client.post(url, data=fields).status_code == 303

    bare = bare_app().test_client()

    def floor() -> None:
        assert bare.post("/ok", data=fields).status_code == 200

    for call in (get, post, floor):
        _timed(call, 20)  # warm-up: imports, templates, connection pool
    return [
        (f"page GET /s/<token>/{PAGE}", _timed(get, IN_PROCESS_REQUESTS)),
        (f"page save POST /s/<token>/{PAGE}", _timed(post, IN_PROCESS_REQUESTS)),
        ("bare Flask POST (floor)", _timed(floor, IN_PROCESS_REQUESTS)),
    ]


# --- under gunicorn -------------------------------------------------------------------------


def serve_app() -> Flask:
    """The surveyapp for gunicorn (``benchmarks.participant:serve_app()``), from env vars.

    Adds ``/bench/ok``: a bare ``return "ok"`` that still passes through the app's own
    request hooks (session, CSRF, rate limiter, security headers, locale).
    """
    import logging

    from surveyapp import create_app
    from surveyapp.extensions import csrf

    logging.getLogger("flask_limiter").setLevel(logging.ERROR)
    app = create_app()
    app.add_url_rule("/bench/ok", "bench_ok", csrf.exempt(lambda: "ok"), methods=["POST"])
    return app


def bare_app() -> Flask:
    """A bare Flask app answering ``ok``: the ceiling for the same server and client."""
    app = Flask("bare")

    @app.route("/ok", methods=["GET", "POST"])
    def ok() -> str:
        return "ok"

    return app


@dataclass
class Client:
    """One simulated participant: a path, a cookie and a form body."""

    path: str
    body: bytes
    headers: dict[str, str]


def _request(port: int, method: str, path: str, body: bytes = b"", headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request(method, path, body=body, headers=headers or {})
    reply = connection.getresponse()
    data = reply.read()
    connection.close()
    return reply, data


def participant_clients(port: int, tokens: list[str]) -> list[Client]:
    """Open each participant's page once, as a browser would, to get cookie and CSRF token."""
    clients = []
    for token in tokens:
        path = f"/s/{token}/{PAGE}"
        reply, data = _request(port, "GET", path)
        cookie = (reply.getheader("Set-Cookie") or "").split(";", 1)[0]
        page = data.decode()
        fields = {**page_fields(), "csrf_token": hidden(page, "csrf_token"), "_base": ""}
        headers = {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}
        clients.append(Client(path, urllib.parse.urlencode(fields).encode(), headers))
    return clients


def drive(port: int, clients: list[Client], expected: int) -> tuple[int, float, int]:
    """POST from LOAD_CLIENTS threads until LOAD_MAX_REQUESTS or LOAD_MAX_SECONDS."""
    lock = threading.Lock()
    state = {"sent": 0, "failed": 0}
    deadline = time.monotonic() + LOAD_MAX_SECONDS

    def work(client: Client) -> None:
        while time.monotonic() < deadline:
            with lock:
                if state["sent"] >= LOAD_MAX_REQUESTS:
                    return
                state["sent"] += 1
            reply, _ = _request(port, "POST", client.path, client.body, client.headers)
            if reply.status != expected:
                with lock:
                    state["failed"] += 1

    start = time.perf_counter()
    threads = [threading.Thread(target=work, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    return state["sent"], elapsed, state["failed"]


def under_gunicorn(database: Path, tokens: list[str]) -> list[tuple]:
    """Page saves per second, and bare ``ok`` responses per second, same server and client."""
    env = {
        "DATABASE_URL": f"sqlite:///{database}",
        "SECRET_KEY": secrets.token_urlsafe(32),
        "SESSION_COOKIE_SECURE": "0",
        # valid links meet no rate limit; two workers on memory:// would be refused
        "RATELIMIT_ENABLED": "0",
    }
    results = []
    with gunicorn("benchmarks.participant:serve_app()", env, "/healthz") as (port, process):
        clients = participant_clients(port, tokens[:LOAD_CLIENTS])
        with TreeMemory(process.pid) as memory:
            results.append(("page save (POST, 303)", *drive(port, clients, 303), memory))
        same = [Client("/bench/ok", c.body, c.headers) for c in clients]
        with TreeMemory(process.pid) as memory:
            results.append(('"ok" inside surveyapp', *drive(port, same, 200), memory))
    with gunicorn("benchmarks.participant:bare_app()", env, "/ok") as (port, process):
        bare = [Client("/ok", c.body, c.headers) for c in clients]
        with TreeMemory(process.pid) as memory:
            results.append(('bare Flask "ok"', *drive(port, bare, 200), memory))
    return results


# --- report ---------------------------------------------------------------------------------


def run() -> list[dict[str, Any]]:
    """Both parts as rows of the ``make bench`` table."""
    with tempfile.TemporaryDirectory(prefix="surveyapp-bench-") as folder:
        database = Path(folder) / "bench.db"
        tokens = prepare_database(database, LOAD_CLIENTS + 1)
        get, post, floor = in_process(database, tokens[-1])
        peak = own_peak_mib()
        rows = []
        floor_p50, floor_p95 = statistics.median(floor[1]), percentile(floor[1], 95)
        for name, times in (get, post):
            note = f"in process, SQLite, CSRF on, {len(times)} requests after 20 warm-up"
            rows.append(
                row(
                    f"{name} p50",
                    statistics.median(times),
                    "ms",
                    floor=floor_p50,
                    peak_mib=peak,
                    target="< 20 ms",
                    note=note,
                )
            )
            rows.append(
                row(
                    f"{name} p95",
                    percentile(times, 95),
                    "ms",
                    floor=floor_p95,
                    peak_mib=peak,
                    note=note,
                )
            )
        (_, saves, save_s, save_failed, save_mem), inside, (_, bare, bare_s, _, bare_mem) = (
            under_gunicorn(database, tokens)
        )
        note = (
            f"gunicorn {WORKERS} sync workers, SQLite, {LOAD_CLIENTS} clients, "
            f"≤ {LOAD_MAX_REQUESTS} requests or {LOAD_MAX_SECONDS:.0f} s; {save_failed} failed"
        )
        rows.append(
            row(
                "page saves per second (gunicorn)",
                saves / save_s,
                "per s",
                floor=bare / bare_s,
                peak_mib=save_mem.peak_mib,
                target="ratio ≥ 0.5",
                note=note,
            )
        )
        rows.append(
            row(
                '"ok" inside surveyapp per second (gunicorn)',
                inside[1] / inside[2],
                "per s",
                floor=bare / bare_s,
                peak_mib=inside[4].peak_mib,
                note="the app's request hooks without the page's work",
            )
        )
        return rows
