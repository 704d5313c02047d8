"""A real gunicorn for tests (2 sync workers, loopback), and participants that talk to it.

``Gunicorn`` starts ``wsgi:app`` on the test's database and can be killed (SIGKILL) and
started again; its output is kept in a file so a test can read what it logged.
``Participant`` answers the whole questionnaire like a browser: it reads the CSRF token and
the page's base from each form, saves every page and submits, and notes every save the
server acknowledged (303) so a test can compare them with the database.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from surveyapp.participant.form import form_state
from surveyapp.questionnaire import Questionnaire
from tests.conftest import _free_port

ROOT = Path(__file__).resolve().parent.parent
SECRET_KEY = "rush-test-secret-key-0123456789abcdef"
HTML_FIELD = re.compile(r'name="(csrf_token|_base)" value="([^"]*)"')


class Gunicorn:
    """gunicorn serving the app on ``database``; ``start()``, ``kill()``, ``stop()``."""

    def __init__(
        self, database: str, log: Path, workers: int = 2, log_level: str = "warning", **env: str
    ) -> None:
        self.log_level = log_level
        self.database = database
        self.log = log
        self.workers = workers
        self.env = env
        self.port = _free_port()
        self.process: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60) -> None:
        env = {
            **os.environ,
            "DATABASE_URL": self.database,
            "SECRET_KEY": SECRET_KEY,
            "SESSION_COOKIE_SECURE": "0",
            "RATELIMIT_ENABLED": "0",
            **self.env,
        }
        command = [sys.executable, "-m", "gunicorn", "--workers", str(self.workers)]
        command += ["--bind", f"127.0.0.1:{self.port}", "--log-level", self.log_level, "wsgi:app"]
        with self.log.open("a") as output:
            self.process = subprocess.Popen(
                command,
                cwd=ROOT,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while True:
            try:
                if requests.get(f"{self.base}/healthz", timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not start:\n{self.output()}")
            time.sleep(0.2)

    def kill(self) -> None:
        """SIGKILL the master and its workers at once, as a crash or the OOM killer would."""
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def output(self) -> str:
        return self.log.read_text() if self.log.exists() else ""


class InProcess:
    """Flask's test client behind the few ``requests.Session`` calls a Participant makes."""

    def __init__(self, client: Any) -> None:
        self.client = client

    def request(self, method: str, url: str, **kwargs: Any) -> Any:
        kwargs.pop("allow_redirects", None), kwargs.pop("timeout", None)
        reply = self.client.open(url, method=method, data=kwargs.get("data"))
        reply.text = reply.get_data(as_text=True)
        return reply

    def get(self, url: str, **kwargs: Any) -> Any:
        return self.request("GET", url, **kwargs)


@dataclass
class Participant:
    """One team member with a browser of their own (cookies, CSRF token from each page)."""

    base: str
    token: str
    questionnaire: Questionnaire
    answers: dict[str, Any]
    statuses: list[int] = field(default_factory=list)
    acknowledged: dict[str, dict[str, Any]] = field(default_factory=dict)
    submitted: bool = False
    last_page: str = ""
    http: Any = None  # a requests.Session, or InProcess(app.test_client())

    def __post_init__(self) -> None:
        if self.http is None:
            self.http = requests.Session()

    def _request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        reply = self.http.request(
            method, self.base + path, allow_redirects=False, timeout=60, **kwargs
        )
        self.statuses.append(reply.status_code)
        return reply

    def _form(self, path: str) -> dict[str, str]:
        reply = self._request("GET", path)
        assert reply.status_code == 200, (path, reply.status_code)
        return dict(HTML_FIELD.findall(reply.text))

    def start(self) -> None:
        hidden = self._form(f"/s/{self.token}")
        reply = self._request("POST", f"/s/{self.token}/start", data=hidden)
        assert reply.status_code == 303, reply.status_code

    def save(self, section_index: int) -> None:
        """Open one page, fill in this participant's answers, save and go on."""
        status = self.try_save(section_index)
        assert status == 303, (self.questionnaire.sections[section_index].key, status)

    def try_save(self, section_index: int) -> int:
        """Like ``save``, but return the status of the save instead of insisting on 303.

        A refused GET (a closed round shows no form) returns its status without posting.
        """
        hidden = self.open_page(section_index)
        if isinstance(hidden, int):
            return hidden
        return self.post_page(section_index, hidden)

    def open_page(self, section_index: int) -> dict[str, str] | int:
        """GET a page; return its hidden fields (CSRF token, base), or the status if not 200."""
        section = self.questionnaire.sections[section_index]
        reply = self._request("GET", f"/s/{self.token}/{section.key}")
        if reply.status_code != 200:
            return reply.status_code
        return dict(HTML_FIELD.findall(reply.text))

    def post_page(self, section_index: int, hidden: dict[str, str]) -> int:
        """POST this participant's answers to a page opened before; note an acknowledgement."""
        section = self.questionnaire.sections[section_index]
        keys = {item.key for item in section.items}
        page = {key: value for key, value in self.answers.items() if key in keys}
        fields = {name: values for name, values in form_state(section, page).items()}
        if not fields:  # nothing to say on this page: go on without being asked
            fields = {"confirm_empty": "1"}
        reply = self._request(
            "POST",
            f"/s/{self.token}/{section.key}",
            data={**hidden, **fields, "action": "next"},
        )
        self.last_page = reply.text
        if reply.status_code == 303:
            self.acknowledged[section.key] = page
        return reply.status_code

    def submit(self) -> None:
        hidden = self._form(f"/s/{self.token}/review")
        reply = self._request("POST", f"/s/{self.token}/submit", data=hidden)
        assert reply.status_code == 303, reply.status_code
        assert reply.headers["Location"].endswith(f"/s/{self.token}/done")
        self.submitted = True

    def answer_everything(self) -> None:
        self.start()
        for index in range(len(self.questionnaire.sections)):
            self.save(index)
        self.submit()
