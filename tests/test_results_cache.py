"""The per-process results cache: reused while the fingerprint holds, recomputed after."""

from __future__ import annotations

from surveyapp.results_cache import ResultsCache


def test_a_value_is_computed_once_per_fingerprint():
    cache = ResultsCache()
    calls = []
    for _ in range(3):
        assert cache.get(("round", 1), "fp-a", lambda: calls.append(1) or "A") == "A"
    assert len(calls) == 1 and cache.computed == 1


def test_a_changed_fingerprint_recomputes_the_value():
    cache = ResultsCache()
    assert cache.get(1, "before", lambda: "old") == "old"
    assert cache.get(1, "after", lambda: "new") == "new"
    assert cache.get(1, "after", lambda: "never") == "new"


def test_the_least_recently_used_round_is_dropped_first():
    cache = ResultsCache(size=2)
    cache.get(1, "f", lambda: "one")
    cache.get(2, "f", lambda: "two")
    cache.get(1, "f", lambda: "not again")  # 1 is now the most recent
    cache.get(3, "f", lambda: "three")  # drops 2
    assert cache.get(1, "f", lambda: "recomputed") == "one"
    assert cache.get(2, "f", lambda: "recomputed") == "recomputed"
