"""Disagreement (ANALYSIS.md §4): the split flag, Tastle–Wierman consensus and AD.

All functions work on answer counts over the five points, shape ``(..., 5)``, so that one
call covers every team and item at once.
"""

from __future__ import annotations

import numpy as np

POINT_VALUES = np.arange(1, 6, dtype=float)


def _shares(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    n = counts.sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = counts / n[..., None]
    mean = (shares * POINT_VALUES).sum(axis=-1)
    return n, shares, mean


def consensus(counts: np.ndarray) -> np.ndarray:
    """Tastle–Wierman Cns = 1 + Σ pᵢ · log₂(1 − |i − μ| / 4); NaN where there are no answers.

    1 means everyone gave the same answer, 0 a split between the two extremes.
    """
    n, shares, mean = _shares(counts)
    distance = np.abs(POINT_VALUES - mean[..., None]) / 4
    with np.errstate(invalid="ignore", divide="ignore"):
        terms = np.where(shares > 0, shares * np.log2(1 - distance), 0.0)
    return np.where(n > 0, 1 + terms.sum(axis=-1), np.nan)


def mean_absolute_deviation(counts: np.ndarray) -> np.ndarray:
    """AD = Σ pᵢ · |i − μ| (mean absolute deviation around the mean); NaN without answers."""
    n, shares, mean = _shares(counts)
    deviation = (shares * np.abs(POINT_VALUES - mean[..., None])).sum(axis=-1)
    return np.where(n > 0, deviation, np.nan)


def split(low: np.ndarray, high: np.ndarray, n: np.ndarray) -> np.ndarray:
    """„Das Team sieht das unterschiedlich“: ≥ a quarter (rounded up) low and ≥ a quarter high."""
    quarter = np.ceil(np.asarray(n) / 4)
    return (np.asarray(n) > 0) & (low >= quarter) & (high >= quarter)


def disputed(counts: np.ndarray) -> np.ndarray:
    """The flag for answers on the five points: lows are 1–2, highs 4–5."""
    low = counts[..., 0] + counts[..., 1]
    high = counts[..., 3] + counts[..., 4]
    return split(low, high, counts.sum(axis=-1))
