"""Diverging bars for Likert statements, drawn by the report's own HTML and CSS.

A Likert distribution is a row of five counts; in the report it is a table row (the
statement as its header cell, the bar, n), so a screen reader reads the counts as numbers
and WeasyPrint lays out a few boxes instead of an SVG with dozens of text elements (the
charts as SVG cost more than half of a report's render time). This module only says where
each segment goes: disagreement left, agreement right, the neutral middle centred.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from surveyapp.charts import palette

#: A segment narrower than this share of the answers keeps its count for readers of the
#: text (screen readers, copy and paste) but does not print it: the digit would not fit.
LABEL_MIN_SHARE = 0.07


@dataclass(frozen=True)
class Segment:
    """One answer point's part of the bar, in per cent of the whole track (−100 %…100 %)."""

    count: int
    left: float
    width: float
    colour: str
    ink: str
    labelled: bool


def diverging(counts: Sequence[int]) -> tuple[Segment, ...]:
    """The five segments of a diverging bar (empty when nobody answered).

    The track spans 100 % disagreement (left edge) to 100 % agreement (right edge), so one
    answer's share takes half as many per cent of the track; the middle point sits
    centred on 50 %. Every point gets a segment, also with count 0 (zero width, which the
    template leaves without text).
    """
    total = sum(counts)
    if total == 0:
        return ()
    shares = [count / total for count in counts]
    left = 50 * (1 - (shares[0] + shares[1] + shares[2] / 2))
    segments = []
    for count, share, colour in zip(counts, shares, palette.LIKERT, strict=True):
        segments.append(
            Segment(
                count=count,
                left=round(left, 3),
                width=round(50 * share, 3),
                colour=colour,
                ink=palette.text_on(colour),
                labelled=share >= LABEL_MIN_SHARE,
            )
        )
        left += 50 * share
    return tuple(segments)
