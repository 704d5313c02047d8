"""The categorical outcomes of the analysis (quadrants, positions, …) as string enums."""

from __future__ import annotations

import enum


class Quadrant(enum.StrEnum):
    """Where a function lies relative to the team's own crosshairs (ANALYSIS.md §2)."""

    #: I ≥ Ī and P < P̄: „Hier ansetzen“ (priority).
    ACT_HERE = "act_here"
    #: I ≥ Ī and P ≥ P̄: „Weiter so“.
    KEEP_UP = "keep_up"
    #: I < Ī and P < P̄: „Geringe Priorität“.
    LOW_PRIORITY = "low_priority"
    #: I < Ī and P ≥ P̄: „Möglicher Überaufwand“.
    POSSIBLE_OVERKILL = "possible_overkill"


class Stability(enum.StrEnum):
    """How often a function is among the top three by S over the bootstrap resamples."""

    STABLE = "stable"  # ≥ 80 %
    LIKELY = "likely"  # 50–79 %
    UNCERTAIN = "uncertain"  # < 50 %


class Level(enum.StrEnum):
    """Fixed anchors on the 1–5 scale (ANALYSIS.md §1)."""

    STRENGTH = "strength"  # mean ≥ 4.0
    NEED = "need"  # mean ≤ 2.5


class Position(enum.StrEnum):
    """A team's mean against the other teams' mean (ANALYSIS.md §6)."""

    ABOVE = "above"
    AROUND = "around"  # within ±0.25
    BELOW = "below"


class Change(enum.StrEnum):
    """The change of a mean since the earlier round (ANALYSIS.md §7)."""

    UP = "up"
    LITTLE = "little"  # |Δ| < 0.5: „kaum verändert“
    DOWN = "down"


class Kind(enum.StrEnum):
    """What a row of a benchmark, trend or perspective table is about."""

    ITEM = "item"  # a likert item (mean as asked)
    DIMENSION = "dimension"  # a dimension score
    IMPORTANCE = "importance"  # a function's importance half
    PERFORMANCE = "performance"  # a function's performance half


STRENGTH_FROM = 4.0
NEED_UP_TO = 2.5
BORDERLINE_WITHIN = 0.25
AROUND_WITHIN = 0.25
LITTLE_CHANGE_BELOW = 0.5
STABLE_FROM = 0.8
LIKELY_FROM = 0.5
MIN_OTHER_TEAMS = 3
TOP_PRIORITIES = 3
MOST_DISPUTED = 5
