"""Locust scenario of the deadline rush (run by benchmarks/rush.py, never on its own).

Every participant user takes one invitation token from ``RUSH_TOKENS`` (a JSON file) and
answers the whole questionnaire once like a browser: it opens each page, reads the CSRF
token and the page's base from the form, saves the page and finally submits. A facilitator
user (named on locust's command line; ``RUSH_FACILITATOR`` = email:password) logs in and
opens the round's results pages in a loop while the rush runs. ``RUSH_BARE=1`` makes the
participants POST to the bare endpoint ``/ok`` instead. When every participant is done the
run stops; ``RUSH_SUMMARY`` receives the completion times as JSON.
"""

from __future__ import annotations

import json
import os
import re
import threading
import time

from locust import HttpUser, between, events, task
from locust.exception import StopUser

HIDDEN = re.compile(r'name="(csrf_token|_base)" value="([^"]*)"')
_lock = threading.Lock()
_tokens: list[dict] = (
    json.loads(open(os.environ["RUSH_TOKENS"]).read()) if os.environ.get("RUSH_TOKENS") else []
)
_done: list[float] = []
_started = time.time()


def _hidden(text: str) -> dict[str, str]:
    return dict(HIDDEN.findall(text))


class Participant(HttpUser):
    """One team member answering every page once, then submitting."""

    wait_time = between(0.0, 0.2)  # reading and clicking, compressed
    weight = 1

    def on_start(self) -> None:
        with _lock:
            self.job = _tokens.pop() if _tokens else None

    @task
    def answer_everything(self) -> None:
        if os.environ.get("RUSH_BARE") == "1":
            self.client.post("/ok", data={"x": "1"}, name="bare POST /ok")
            return
        if self.job is None:
            raise StopUser()
        token = self.job["token"]
        welcome = self.client.get(f"/s/{token}", name="welcome")
        self.client.post(
            f"/s/{token}/start", data=_hidden(welcome.text), name="start", allow_redirects=False
        )
        for section in self.job["pages"]:
            url = f"/s/{token}/{section['key']}"
            page = self.client.get(url, name="page GET")
            fields = {**_hidden(page.text), **section["fields"], "action": "next"}
            with self.client.post(
                url, data=fields, name="page save", allow_redirects=False, catch_response=True
            ) as reply:
                if reply.status_code != 303:
                    reply.failure(f"save answered {reply.status_code}")
            self.wait()
        review = self.client.get(f"/s/{token}/review", name="review")
        with self.client.post(
            f"/s/{token}/submit",
            data=_hidden(review.text),
            name="submit",
            allow_redirects=False,
            catch_response=True,
        ) as reply:
            if reply.status_code != 303:
                reply.failure(f"submit answered {reply.status_code}")
        with _lock:
            _done.append(time.time())
            finished = len(_done) == int(os.environ["RUSH_PARTICIPANTS"])
        if finished:
            self.environment.runner.quit()
        raise StopUser()


class Facilitator(HttpUser):
    """Opens the dashboard pages (and, once they exist, builds reports) during the rush."""

    fixed_count = 1
    wait_time = between(0.5, 1.0)

    def on_start(self) -> None:
        email, password = os.environ["RUSH_FACILITATOR"].split(":", 1)
        login = self.client.get("/login", name="login GET")
        data = {**_hidden(login.text), "email": email, "password": password}
        self.client.post("/login", data=data, name="login", allow_redirects=False)

    @task
    def dashboard(self) -> None:
        for url in json.loads(os.environ.get("RUSH_DASHBOARD_URLS", "[]")):
            self.client.get(url, name="facilitator: " + re.sub(r"\d+", "<id>", url))


@events.quitting.add_listener
def _summary(environment, **_kwargs) -> None:
    path = os.environ.get("RUSH_SUMMARY")
    if path:
        with open(path, "w") as out:
            json.dump({"started": _started, "done": _done}, out)
