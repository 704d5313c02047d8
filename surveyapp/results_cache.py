"""Computed results kept per process while what they were computed from is unchanged.

A round's analysis (and the figures drawn from it) is computed once and reused by every
page view until the round's *fingerprint* changes: ``operations.analysis.round_fingerprint``
changes when a response of the round is submitted or deleted, an answer is hidden or shown,
or k or the questionnaire changes. Each worker process keeps its own cache; the fingerprint
query (one cheap statement per view) keeps them all correct without any message between them.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")

#: Rounds are few and a 400-team round's results take some MB: keep a handful.
DEFAULT_SIZE = 32


class ResultsCache:
    """A small least-recently-used mapping from a key to (fingerprint, value)."""

    def __init__(self, size: int = DEFAULT_SIZE) -> None:
        self.size = size
        self._entries: OrderedDict[Hashable, tuple[str, Any]] = OrderedDict()
        self._lock = threading.Lock()
        self.computed = 0  # how many values were computed (for tests and the benchmark)

    def get(self, key: Hashable, fingerprint: str, compute: Callable[[], T]) -> T:
        """Return the value for ``key`` computed at ``fingerprint``; compute it if needed."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and entry[0] == fingerprint:
                self._entries.move_to_end(key)
                return entry[1]
        # computed outside the lock: a slow round must not hold up the pages of the others
        value = compute()
        with self._lock:
            self.computed += 1
            self._entries[key] = (fingerprint, value)
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
