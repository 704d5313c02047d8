"""Several gunicorn workers serve the same database, SQLite or PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tests.conftest import _free_port

ROOT = Path(__file__).resolve().parent.parent


def _get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=10) as response:  # loopback only
        return response.status, response.read().decode()


def test_two_gunicorn_workers_serve_the_app(db_uri):
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": db_uri,
        "SECRET_KEY": "gunicorn-test-secret-key-0123456789",
        "SESSION_COOKIE_SECURE": "0",
        "RATELIMIT_ENABLED": "0",  # two workers on memory:// are refused (test below)
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "wsgi:app",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if _get(f"{base}/healthz")[0] == 200:
                    break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.2)
        with ThreadPoolExecutor(max_workers=8) as pool:
            results = list(pool.map(_get, [f"{base}/healthz"] * 30 + [f"{base}/"] * 30))
        assert [status for status, _ in results] == [200] * 60
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=15)
    assert "Traceback" not in output, output


def test_gunicorn_stops_on_the_development_key_and_says_why(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    # an instance folder of its own: `make demo` leaves instance/secret_key in the checkout
    env.update(DATABASE_URL=f"sqlite:///{tmp_path}/x.db", SURVEYAPP_INSTANCE_PATH=str(tmp_path))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--workers",
            "1",
            "--bind",
            f"127.0.0.1:{_free_port()}",
            "wsgi:app",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    # gunicorn logs the worker's exception and halts instead of restarting it forever
    assert (
        "ConfigError: SECRET_KEY: the built-in development key is refused outside debug mode"
        in result.stderr
    )
    assert "Worker failed to boot" in result.stderr


def test_the_instance_folder_can_be_moved_so_a_demo_key_in_the_checkout_is_not_read(
    tmp_path, monkeypatch
):
    from surveyapp import create_app

    (tmp_path / "secret_key").write_text("a-key-from-the-moved-instance-folder\n")
    monkeypatch.setenv("SURVEYAPP_INSTANCE_PATH", str(tmp_path))
    monkeypatch.delenv("SECRET_KEY", raising=False)
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.db"})
    assert app.instance_path == str(tmp_path)
    assert app.config["SECRET_KEY"] == "a-key-from-the-moved-instance-folder"


def test_gunicorn_refuses_several_workers_that_would_each_count_limits_alone(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("RATELIMIT_")}
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path}/x.db", SECRET_KEY="gunicorn-test-secret-key-0123456789"
    )
    command = [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{_free_port()}"]
    result = subprocess.run(
        [*command, "--workers", "2", "wsgi:app"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "RATELIMIT_STORAGE_URI: 2 workers on memory:// would each count" in result.stderr
