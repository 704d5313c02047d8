"""Failed logins per e-mail address: a growing delay, shared by every worker through the
database; a browser that logged in before is never kept out by someone else's failures."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from surveyapp.db import utcnow
from surveyapp.models import LoginThrottle, Role
from surveyapp.operations import login_throttle as throttle
from tests.factories import PASSWORD, login

WRONG = "wrong password, wrong"


def test_the_delay_doubles_from_the_fifth_failure_up_to_fifteen_minutes():
    delays = [throttle.delay_after(n) for n in range(1, 14)]
    assert delays == [0, 0, 0, 0, 15, 30, 60, 120, 240, 480, 900, 900, 900]


def _attempt(app, email, password=WRONG, n=0, client=None):
    """A login attempt from an address of its own (only the per-e-mail count can stop it)."""
    client = client or app.test_client()
    return client.post(
        "/login",
        data={"email": email, "password": password},
        environ_base={"REMOTE_ADDR": f"10.9.{n // 250}.{n % 250}"},
    )


def _unlock(session) -> None:
    """Let the lock run out (as if its seconds had passed)."""
    session.execute(sa.update(LoginThrottle).values(locked_until=utcnow() - timedelta(seconds=1)))
    session.commit()


@pytest.mark.parametrize("exists", [True, False], ids=["account", "no-account"])
def test_failures_lock_the_address_for_longer_each_time(app, session, factory, exists):
    email = "owner@example.org"
    if exists:
        factory.user(Role.FACILITATOR, email=email)
        session.commit()
    statuses = [_attempt(app, email, n=n).status_code for n in range(5)]
    assert statuses == [200] * 5  # the fifth failure locks, and says so
    locked = _attempt(app, email.upper(), n=5)
    assert locked.status_code == 429
    assert 10 <= int(locked.headers["Retry-After"]) <= 15
    assert "15 Sekunden gesperrt" in locked.text
    _unlock(session)
    again = _attempt(app, email, n=6)
    assert again.status_code == 200
    assert "30 Sekunden gesperrt" in again.text  # the sixth failure doubles the delay
    assert 25 <= int(_attempt(app, email, n=7).headers["Retry-After"]) <= 30


def test_while_locked_not_even_the_right_password_is_checked_then_it_works_and_clears(
    app, session, factory
):
    user = factory.user(Role.FACILITATOR)
    session.commit()
    for n in range(5):
        _attempt(app, user.email, n=n)
    assert _attempt(app, user.email, PASSWORD, n=9).status_code == 429
    _unlock(session)
    assert _attempt(app, user.email, PASSWORD, n=10).status_code == 302
    assert session.scalar(sa.select(sa.func.count()).select_from(LoginThrottle)) == 0


def test_the_owners_browser_is_never_kept_out_by_someone_elses_failures(app, session, factory):
    user = factory.user(Role.FACILITATOR)
    session.commit()
    owner = app.test_client()
    assert login(owner, user).status_code == 302
    assert owner.post("/logout").status_code == 302
    for n in range(8):
        _attempt(app, user.email, n=n)  # an attacker, from many addresses
    assert _attempt(app, user.email, PASSWORD, n=20).status_code == 429  # a new browser waits
    assert login(owner, user).status_code == 302  # the owner's browser gets in at once
    assert owner.get("/f/").status_code == 200


def test_the_count_is_shared_by_every_worker(make_app, app, session, factory):
    user = factory.user(Role.FACILITATOR)
    session.commit()
    workers = [make_app(), make_app()]
    statuses = [_attempt(workers[n % 2], user.email, n=n).status_code for n in range(6)]
    assert statuses == [200] * 5 + [429]
