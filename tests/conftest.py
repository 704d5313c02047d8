"""Fixtures: an app per test on a clean database (SQLite always, PostgreSQL when asked).

Set ``TEST_DATABASE_URL=postgresql+psycopg://…`` to run every database test on PostgreSQL
too. Each test session migrates a schema of its own there (so parallel runs do not meet)
and empties it after every test; on SQLite each test gets a copy of a migrated template.
"""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
import threading
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask, g
from flask_migrate import upgrade
from werkzeug.serving import make_server

from surveyapp import create_app
from surveyapp.db import db
from surveyapp.models import Role
from tests.factories import Factory, login

ROOT = Path(__file__).resolve().parent.parent
TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")
BACKENDS = ["sqlite"] + (["postgresql"] if TEST_DATABASE_URL else [])
BASE_CONFIG = {
    "TESTING": True,
    "SECRET_KEY": "test-secret-key-not-for-production",
    "WTF_CSRF_ENABLED": False,
    "RATELIMIT_ENABLED": False,
    "SESSION_COOKIE_SECURE": False,
    "REMEMBER_COOKIE_SECURE": False,
    "SURVEYAPP_BASE_URL": "http://surveyapp.test",
}


def pytest_sessionstart(session: pytest.Session) -> None:
    """Compile the translation catalogues when they are missing or older than their source.

    Every app of the run gets an empty instance folder of its own, so that what ``make demo``
    leaves in ``instance/`` (its key, its database) changes no test.
    """
    os.environ["SURVEYAPP_INSTANCE_PATH"] = tempfile.mkdtemp(prefix="surveyapp-instance-")
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po in (ROOT / "surveyapp" / "translations").glob("*/LC_MESSAGES/messages.po"):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            with po.open("rb") as source:
                catalog = read_po(source)
            with mo.open("wb") as target:
                write_mo(target, catalog)


def _migrate(uri: str) -> None:
    app = create_app({**BASE_CONFIG, "SQLALCHEMY_DATABASE_URI": uri})
    with app.app_context():
        upgrade()
        db.engine.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated once per session; tests get copies of it."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    _migrate(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def postgres_uri() -> Iterator[str]:
    """A schema of this session's own in TEST_DATABASE_URL, migrated once, dropped at the end."""
    if not TEST_DATABASE_URL:
        pytest.skip("TEST_DATABASE_URL is not set")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(TEST_DATABASE_URL)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    url = sa.engine.make_url(TEST_DATABASE_URL).update_query_dict(
        {"options": f"-csearch_path={schema}"}
    )
    uri = url.render_as_string(hide_password=False)
    try:
        _migrate(uri)
        yield uri
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def db_uri(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URI of a clean, migrated database of the parametrised kind."""
    if request.param == "sqlite":
        path = tmp_path / "test.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
        return
    uri = request.getfixturevalue("postgres_uri")
    yield uri
    engine = sa.create_engine(uri)
    with engine.begin() as conn:
        tables = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
        conn.execute(sa.text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture
def app_config() -> dict[str, object]:
    """Settings for this test's app; override the fixture or update it to change them."""
    return dict(BASE_CONFIG)


@pytest.fixture
def csrf_config(app_config: dict[str, object]) -> dict[str, object]:
    """This test's app checks CSRF tokens, as in production (the others leave them off)."""
    app_config["WTF_CSRF_ENABLED"] = True
    return app_config


@pytest.fixture
def app(db_uri: str, app_config: dict[str, object]) -> Iterator[Flask]:
    """The application on a clean database, with an application context pushed."""
    app = create_app({**app_config, "SQLALCHEMY_DATABASE_URI": db_uri})
    _isolate_requests(app)
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


def _isolate_requests(app: Flask) -> None:
    """Start every test request with an empty ``flask.g``, as in production.

    The ``app`` fixture keeps one application context pushed for the whole test and test
    requests reuse it, so without this ``g`` (Flask-Login's cached user, the CSRF token, the
    chosen language) would leak from one request, and one client, into the next.
    """

    @app.before_request
    def _fresh_g() -> None:
        for name in list(vars(g)):
            delattr(g, name)


@pytest.fixture
def make_app(db_uri: str, app_config: dict[str, object]):
    """Build further apps on this test's database (e.g. two "workers"); closed afterwards."""
    made: list[Flask] = []

    def make(**overrides: object) -> Flask:
        extra = create_app({**app_config, "SQLALCHEMY_DATABASE_URI": db_uri, **overrides})
        _isolate_requests(extra)
        made.append(extra)
        return extra

    yield make
    for extra in made:
        with extra.app_context():
            db.engine.dispose()


@pytest.fixture
def client(app: Flask):
    return app.test_client()


@pytest.fixture
def runner(app: Flask):
    return app.test_cli_runner()


@pytest.fixture
def session(app: Flask):
    """The SQLAlchemy session of the app under test."""
    return db.session


@pytest.fixture
def factory(app: Flask) -> Factory:
    """Makes users, municipalities, rounds, teams, invitations and responses."""
    return Factory(db.session, app.extensions["questionnaires"])


@pytest.fixture
def registry(app: Flask):
    return app.extensions["questionnaires"]


@pytest.fixture
def facilitator(session, factory):
    """A facilitator account (moderation@example.org), saved."""
    user = factory.user(Role.FACILITATOR, email="moderation@example.org")
    session.commit()
    return user


@pytest.fixture
def logged_in(client, facilitator):
    """The test client, logged in as the facilitator."""
    assert login(client, facilitator).status_code == 302
    return client


@pytest.fixture
def invitation(factory, session):
    """An active invitation in an open round (questionnaire version 1), and its token."""
    invitation, token = factory.invitation()
    session.commit()
    return invitation, token


# --- a real server and a real browser -------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def live_server(app: Flask) -> Iterator[str]:
    """Serve the test app on a free local port in a thread; yields its base URL."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    app.config["SURVEYAPP_BASE_URL"] = base
    server = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base
    finally:
        server.shutdown()
        thread.join(timeout=5)
        server.server_close()


CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; skipped without it unless REQUIRE_BROWSER=1."""
    if not os.path.exists(CHROMIUM):
        message = f"no Chromium at {CHROMIUM}: install it with `apt-get install -y chromium`"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but {message}")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server: str):
    """A fresh browser context and page, cookies and storage of its own."""
    context = browser.new_context(base_url=live_server, locale="de-DE")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def assert_accessible():
    """Run axe-core on a page and fail with the list of violations, if any."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page, context: str = "") -> None:
        results = axe.run(page)
        violations = results.response["violations"]
        details = "\n".join(
            f"- {v['id']} ({v['impact']}): {v['help']} at "
            + ", ".join(str(node["target"]) for node in v["nodes"][:5])
            for v in violations
        )
        assert not violations, f"axe-core found violations on {context or page.url}:\n{details}"

    return check


# --- report the PostgreSQL tests in the summary ---------------------------------------------


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    counts: Counter[str] = Counter()
    for outcome in ("passed", "failed", "error", "skipped"):
        for report in terminalreporter.stats.get(outcome, []):
            nodeid = getattr(report, "nodeid", "")
            if report.when in ("call", "setup") and "[postgresql" in nodeid:
                if outcome != "passed" or report.when == "call":
                    counts[outcome] += 1
    if TEST_DATABASE_URL:
        summary = ", ".join(f"{n} {k}" for k, n in sorted(counts.items())) or "none ran"
        terminalreporter.write_line(f"PostgreSQL tests: {summary}")
    else:
        terminalreporter.write_line("PostgreSQL tests: not run (TEST_DATABASE_URL is not set)")


@pytest.fixture(scope="module")
def real():  # the shipped questionnaire
    from surveyapp.questionnaire import load_questionnaire
    from tests.questionnaire_texts import REAL

    return load_questionnaire(REAL)


@pytest.fixture(scope="module")
def small():  # the test questionnaire with one item of every type
    from surveyapp.questionnaire import parse_questionnaire
    from tests.questionnaire_texts import VALID

    return parse_questionnaire(VALID, "small.yaml")
