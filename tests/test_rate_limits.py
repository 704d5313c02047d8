"""With Redis as the limiter's storage, several worker processes share one count."""

from __future__ import annotations

import os
import socket
import uuid

import pytest

REDIS = "redis://127.0.0.1:6379"


def _redis_reachable() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture
def workers(make_app):  # noqa: ANN001, ANN201
    """Two app instances, as two gunicorn workers would be, sharing Redis for limits."""
    if not _redis_reachable():
        message = "no Redis on 127.0.0.1:6379 (start redis-server)"
        if os.environ.get("REQUIRE_REDIS") == "1":
            pytest.fail(f"REQUIRE_REDIS=1 but {message}")
        pytest.skip(message)
    config = {
        "RATELIMIT_ENABLED": True,
        "RATELIMIT_STORAGE_URI": REDIS,
        # A storage prefix of this test's own (the limiter object outlives each app, and
        # RATELIMIT_KEY_PREFIX sticks from the first app; storage options do not).
        "RATELIMIT_STORAGE_OPTIONS": {"key_prefix": f"surveyapp-test-{uuid.uuid4().hex}"},
    }
    return make_app(**config), make_app(**config)


def test_wrong_tokens_are_counted_across_workers(workers):
    first, second = (app.test_client() for app in workers)
    for attempt in range(15):
        assert first.get(f"/s/guess-a{attempt}").status_code == 404
        assert second.get(f"/s/guess-b{attempt}").status_code == 404
    assert first.get("/s/guess-last").status_code == 429
    assert second.get("/s/guess-last").status_code == 429


def test_failed_logins_are_counted_across_workers(workers):
    first, second = (app.test_client() for app in workers)
    statuses = []
    for attempt in range(6):
        client = first if attempt % 2 else second
        response = client.post(
            "/login", data={"email": "someone@example.org", "password": "wrong password!"}
        )
        statuses.append(response.status_code)
    assert 429 in statuses, statuses
    assert statuses.index(429) == 5, statuses  # 5 failures per e-mail address, then refused
