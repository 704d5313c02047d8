"""Failed logins per e-mail address: a growing delay instead of a lock-out for everyone.

The first ``FREE_FAILURES`` failures cost nothing; each further one locks the address for
twice as long as the one before (15 s, 30 s, 1 min, … at most 15 min). While an address is
locked no password is checked for it, right or wrong; the page says how long to wait. A
successful login clears the count. Browsers that logged in to the account before skip the
lock (see ``views/auth.py``), so an attacker's failures do not keep the owner out.

Counted in the database: every worker process sees the same count, whatever the limiter's
storage. Addresses are kept as digests, so the table names no one.
"""

from __future__ import annotations

import hashlib
import math
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from surveyapp.db import utcnow
from surveyapp.models import LoginThrottle

FREE_FAILURES = 5
FIRST_DELAY_SECONDS = 15
MAX_DELAY_SECONDS = 15 * 60
#: A count with no failure for this long is forgotten.
FORGET_AFTER = timedelta(days=1)


def _digest(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


def delay_after(failures: int) -> int:
    """Seconds an address is locked after its ``failures``-th failure in a row."""
    if failures < FREE_FAILURES:
        return 0
    return min(FIRST_DELAY_SECONDS * 2 ** (failures - FREE_FAILURES), MAX_DELAY_SECONDS)


def seconds_locked(session: Session, email: str, now: datetime | None = None) -> int:
    """Seconds until logins for this address are checked again; 0 when they are now."""
    row = session.get(LoginThrottle, _digest(email))
    if row is None or row.locked_until is None:
        return 0
    remaining = (row.locked_until - (now or utcnow())).total_seconds()
    return max(0, math.ceil(remaining))


def record_failure(session: Session, email: str, now: datetime | None = None) -> int:
    """Count a failed login for the address; return the seconds it is now locked for."""
    now = now or utcnow()
    digest = _digest(email)
    session.execute(
        sa.delete(LoginThrottle).where(LoginThrottle.last_failure_at < now - FORGET_AFTER)
    )
    failures = _increment(session, digest, now)
    if failures is None:
        try:
            with session.begin_nested():  # two workers may insert the first failure at once
                session.add(LoginThrottle(email_digest=digest, failures=1, last_failure_at=now))
            failures = 1
        except IntegrityError:
            failures = _increment(session, digest, now) or 1
    delay = delay_after(failures)
    if delay:
        session.execute(
            sa.update(LoginThrottle)
            .where(LoginThrottle.email_digest == digest)
            .values(locked_until=now + timedelta(seconds=delay))
        )
    session.flush()
    return delay


def _increment(session: Session, digest: str, now: datetime) -> int | None:
    return session.execute(
        sa.update(LoginThrottle)
        .where(LoginThrottle.email_digest == digest)
        .values(failures=LoginThrottle.failures + 1, last_failure_at=now)
        .returning(LoginThrottle.failures)
    ).scalar()


def clear(session: Session, email: str) -> None:
    """Forget the failures of an address (after a successful login)."""
    session.execute(sa.delete(LoginThrottle).where(LoginThrottle.email_digest == _digest(email)))
