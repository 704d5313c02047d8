"""Dashboards: server time of the team page and the round overview, and a page's weight.

Targets (DESIGN.md §7, issue 12): team page < 150 ms and round overview < 500 ms server
time with the analysis cached, for the demo round and a synthetic round of 400 teams × 15
respondents; a dashboard page with everything it loads, compressed, < 1.5 MB on the first
visit and < 100 KB on a repeat visit. Server time is measured in process (Flask's test
client, median of several views after one warm-up view that fills the cache); the floor is
``/healthz`` (one database round trip) in the same process.
"""

from __future__ import annotations

import gzip
import re
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks._support import own_peak_mib, percentile, row, setting
from benchmarks.exports import build_round
from benchmarks.participant import _timed, bench_config

VIEWS = 15
LARGE_TEAMS = setting("BENCH_DASHBOARD_TEAMS", 400)
PASSWORD = "benchmark-password-1234"


def _times_ms(call: Callable[[], object], count: int = VIEWS) -> list[float]:
    return _timed(call, count)


def _get(client: Any, url: str) -> Any:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response


def _login(client: Any, email: str, password: str) -> None:
    page = client.get("/login").text
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    token = token or re.search(r'name="csrf_token" value="([^"]+)"', page)
    data = {"email": email, "password": password, "csrf_token": token.group(1) if token else ""}
    assert client.post("/login", data=data).status_code == 302


def _page_rows(client: Any, label: str, team_id: int, round_id: int) -> list[dict[str, Any]]:
    """Warm each page once (analysis and figures computed, then cached), then time views."""
    team_url, overview_url = f"/f/teams/{team_id}/results", f"/f/rounds/{round_id}/results"
    start = time.perf_counter()
    _get(client, overview_url)
    cold = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    _get(client, team_url)
    cold_team = (time.perf_counter() - start) * 1000
    floor = statistics.median(_times_ms(lambda: _get(client, "/healthz")))
    team = _times_ms(lambda: _get(client, team_url))
    overview = _times_ms(lambda: _get(client, overview_url))
    return [
        row(
            f"team page, server time ({label}, cached)",
            statistics.median(team),
            "ms",
            floor=floor,
            target="< 150 ms",
            note=f"median of {VIEWS}, p95 {percentile(team, 95):.0f} ms; first view after a "
            f"change {cold_team:.0f} ms (one team's bootstrap and its figures)",
        ),
        row(
            f"round overview, server time ({label}, cached)",
            statistics.median(overview),
            "ms",
            floor=floor,
            target="< 500 ms",
            note=f"median of {VIEWS}, p95 {percentile(overview, 95):.0f} ms; first view "
            f"after a change {cold:.0f} ms (the whole round analysed)",
        ),
    ]


def _weight_rows(client: Any, team_id: int) -> list[dict[str, Any]]:
    """What a browser fetches for the team page: HTML, styles, scripts, plotly (compressed)."""
    html = _get(client, f"/f/teams/{team_id}/results")
    assets = re.findall(r'(?:src|href)="(/(?:static|assets)/[^"]+)"', html.text)
    fetched = {}
    for url in assets:
        response = client.get(url, headers={"Accept-Encoding": "br, gzip"})
        body = response.get_data()
        if "Content-Encoding" not in response.headers:
            body = gzip.compress(body)  # what a proxy in front would send
        fetched[url] = len(body)
    page = len(gzip.compress(html.get_data()))
    first = page + sum(fetched.values())
    plotly = sum(size for url, size in fetched.items() if "/assets/" in url)
    # a repeat visit: plotly is kept for a year; the small static files are revalidated (304)
    repeat = page
    return [
        row(
            "team page weight, first visit (compressed)",
            first / 1024,
            "KiB",
            target="< 1.5 MB",
            note=f"HTML {page / 1024:.0f} KiB gzip (raw {len(html.get_data()) / 1024:.0f} KiB), "
            f"plotly.js {plotly / 1024:.0f} KiB brotli, CSS+JS "
            f"{(first - page - plotly) / 1024:.0f} KiB; {len(fetched)} files",
        ),
        row(
            "team page weight, repeat visit (compressed)",
            repeat / 1024,
            "KiB",
            target="< 100 KB",
            note="the HTML; plotly.js is cached for a year, CSS and JS answer 304",
        ),
    ]


def _demo(directory: Path) -> list[dict[str, Any]]:
    from flask_migrate import upgrade

    from surveyapp import create_app
    from surveyapp.db import db
    from surveyapp.demo import FACILITATOR_EMAIL, FACILITATOR_PASSWORD, build_demo

    app = create_app(bench_config(directory / "demo.db"))
    with app.app_context():
        upgrade()
        result = build_demo(
            db.session, app.extensions["questionnaires"], secret_key=app.config["SECRET_KEY"]
        )
        db.session.commit()
        from surveyapp.models import SurveyRound

        survey_round = db.session.get(SurveyRound, result.round_id)
        team_id = survey_round.teams[0].id
        client = app.test_client()
        _login(client, FACILITATOR_EMAIL, FACILITATOR_PASSWORD)
        rows = _page_rows(client, "demo round", team_id, survey_round.id)
        rows += _weight_rows(client, team_id)
        db.engine.dispose()
    return rows


def _large(directory: Path) -> list[dict[str, Any]]:
    from surveyapp import create_app
    from surveyapp.db import db
    from surveyapp.models import Role, SurveyRound
    from surveyapp.operations import users

    app = create_app(bench_config(directory / "large.db"))
    with app.app_context():
        round_id = build_round(app, LARGE_TEAMS, name="Dashboard-Benchmark")
        users.create_user(
            db.session, email="admin@bench.example", password=PASSWORD, role=Role.ADMIN, actor=None
        )
        db.session.commit()
        team_id = db.session.get(SurveyRound, round_id).teams[0].id
        client = app.test_client()
        _login(client, "admin@bench.example", PASSWORD)
        rows = _page_rows(client, f"{LARGE_TEAMS} teams × 15", team_id, round_id)
        db.engine.dispose()
    return rows


def run() -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory() as folder:
        rows = _demo(Path(folder)) + _large(Path(folder))
    peak = own_peak_mib()
    return [{**item, "peak_mib": item.get("peak_mib") or peak} for item in rows]
