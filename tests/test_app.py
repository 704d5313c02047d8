"""The application factory, configuration, security headers, language and error pages."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from surveyapp import create_app
from surveyapp.config import DEV_SECRET_KEY, ConfigError

ROOT = Path(__file__).resolve().parent.parent


def test_create_app_touches_no_database(tmp_path):
    path = tmp_path / "never-created" / "app.db"
    create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"})
    assert not path.exists()


def test_default_secret_key_is_refused_outside_debug_and_testing(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        create_app(
            {"SECRET_KEY": DEV_SECRET_KEY, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.db"}
        )


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("not a url", "not a database URL"),
        ("mysql://root@localhost/x", "unsupported database 'mysql'"),
        ("postgresql+psycopg2://root@localhost/x", "psycopg 3 driver"),
    ],
)
def test_malformed_database_url_is_refused_with_its_name(url, problem):
    with pytest.raises(ConfigError, match="DATABASE_URL") as info:
        create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url})
    assert problem in str(info.value)


@pytest.mark.parametrize("scheme", ["postgres", "postgresql"])
def test_plain_postgres_urls_mean_psycopg_3(monkeypatch, scheme):
    monkeypatch.setenv("DATABASE_URL", f"{scheme}://root@127.0.0.1/test")
    app = create_app({"TESTING": True})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://root@127.0.0.1/test"


def _surveyapp(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from surveyapp.cli import main; main()", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={**os.environ, "SECRET_KEY": "x" * 40, **env},
    )


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("just some words", "DATABASE_URL: not a database URL"),
        ("nonsense://", "DATABASE_URL: unsupported database"),
        ("postgresql+psycopg://nobody@127.0.0.1:1/none", "DATABASE_URL: cannot use the database"),
    ],
)
def test_cli_reports_a_bad_database_url_in_one_line_and_exits_1(url, expected):
    result = _surveyapp("db", "upgrade", env={"DATABASE_URL": url})
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert expected in lines[0]
    assert "Traceback" not in result.stderr


def test_cli_says_to_migrate_when_the_database_is_empty(tmp_path):
    database = {"DATABASE_URL": f"sqlite:///{tmp_path}/empty.db"}
    result = _surveyapp("demo", "--allow-published-password", env=database)
    assert result.returncode == 1
    assert "run `surveyapp db upgrade` first" in result.stderr
    assert "Traceback" not in result.stderr


def test_pages_are_german_by_default(client):
    response = client.get("/")
    assert response.status_code == 200
    assert b'<html lang="de">' in response.data
    assert "Selbstreflexion für Bildungsbüros" in response.text


def test_english_is_switchable_and_remembered(client):
    switched = client.get("/language/en?next=/")
    assert switched.status_code == 302
    assert switched.headers["Location"] == "/"
    page = client.get("/")
    assert b'<html lang="en">' in page.data
    assert "Self-reflection for education offices" in page.text


def test_unknown_pages_get_a_calm_german_404(client):
    response = client.get("/does-not-exist")
    assert response.status_code == 404
    assert "Diese Seite gibt es nicht" in response.text


def test_security_headers_forbid_other_hosts(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    # Links carry tokens: no other site may see the address; our own CSRF check needs it.
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_pages_load_nothing_from_other_hosts(client):
    html = client.get("/").text
    assert "http://" not in html.replace("http://www.w3.org", "")
    assert "https://" not in html


def test_health_check_answers_when_the_database_does(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}


BROKEN_QUESTIONNAIRE = "id: Bad\nversion: 0\n"


def test_app_refuses_to_start_on_an_invalid_questionnaire_and_names_it(tmp_path):
    from surveyapp.questionnaire import QuestionnaireError

    (tmp_path / "broken.yaml").write_text(BROKEN_QUESTIONNAIRE, encoding="utf-8")
    with pytest.raises(QuestionnaireError) as info:
        create_app({"TESTING": True, "SURVEYAPP_QUESTIONNAIRES": str(tmp_path)})
    assert all("broken.yaml" in str(problem) for problem in info.value.problems)


def test_cli_lists_the_problems_of_an_invalid_questionnaire_without_a_traceback(tmp_path):
    (tmp_path / "broken.yaml").write_text(BROKEN_QUESTIONNAIRE, encoding="utf-8")
    result = _surveyapp(
        "db",
        "upgrade",
        env={
            "SURVEYAPP_QUESTIONNAIRES": str(tmp_path),
            "DATABASE_URL": f"sqlite:///{tmp_path}/x.db",
        },
    )
    assert result.returncode == 1
    assert "invalid questionnaire files" in result.stderr
    assert "broken.yaml:2: 'version' must be a positive integer" in result.stderr
    assert "Traceback" not in result.stderr


def test_questionnaire_check_works_without_a_secret_key_or_a_database(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from surveyapp.cli import main; main()",
            "questionnaire",
            "check",
            str(ROOT / "questionnaires" / "bildungsbuero-reflexion.yaml"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        env={**env, "DATABASE_URL": "not a url"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("bildungsbuero-reflexion.yaml: OK")


def test_behind_a_proxy_the_client_address_and_https_come_from_forwarded_headers(make_app):
    from flask import request

    app = make_app(SURVEYAPP_PROXIES=1)
    seen = {}

    @app.get("/_probe")
    def probe() -> str:
        seen.update(addr=request.remote_addr, secure=request.is_secure)
        return "ok"

    app.test_client().get(
        "/_probe", headers={"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https"}
    )
    assert seen == {"addr": "203.0.113.7", "secure": True}


def test_csrf_protected_forms_work_over_https_behind_a_proxy(make_app):
    import re

    app = make_app(SURVEYAPP_PROXIES=1, WTF_CSRF_ENABLED=True)
    client = app.test_client()
    https = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "umfrage.example.de"}
    page = client.get("/login", headers=https)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token, "the login form carries a CSRF token"
    response = client.post(
        "/login",
        data={"csrf_token": token.group(1), "email": "nobody@example.org", "password": "x" * 12},
        headers={**https, "Referer": "https://umfrage.example.de/login"},
    )
    assert response.status_code != 400, response.text
    assert "Das Formular ist abgelaufen" not in response.text
