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
def workers(make_app):
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


# --- memory storage, one process: what each limit means -------------------------------------


@pytest.fixture
def limited(app_config):
    app_config["RATELIMIT_ENABLED"] = True
    app_config["RATELIMIT_STORAGE_OPTIONS"] = {"key_prefix": f"t-{uuid.uuid4().hex}"}
    return app_config


def test_a_valid_link_is_never_refused_even_from_an_address_over_its_limit(
    limited, app, client, factory, session
):
    _, token = factory.invitation()
    session.commit()
    for attempt in range(30):
        assert client.get(f"/s/wrong-token-{attempt}").status_code == 404
    refused = client.get("/s/wrong-token-31")
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) > 0
    assert client.get(f"/s/{token}").status_code == 200  # a colleague behind the same NAT


def test_wrong_links_from_many_addresses_meet_a_global_ceiling(limited, app, client):
    statuses = [
        client.get(
            f"/s/wrong-token-{n}", environ_base={"REMOTE_ADDR": f"10.0.{n // 250}.{n % 250}"}
        ).status_code
        for n in range(101)
    ]
    assert statuses == [404] * 100 + [429]


def test_participant_responses_carry_no_rate_limit_headers(limited, app, client, factory, session):
    _, token = factory.invitation()
    session.commit()
    for path in (f"/s/{token}", f"/s/{token}/about", "/s/unknown-token"):
        response = client.get(path)
        assert "Retry-After" not in response.headers, path
        assert not any(name.startswith("X-RateLimit") for name, _ in response.headers), path
