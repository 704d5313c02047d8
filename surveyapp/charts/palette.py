"""The colours every chart shares, web (plotly) and print (matplotlib) alike.

Both schemes are colour-blind safe, and no chart relies on colour alone: bars carry their
counts, points their labels, suppressed cells a hatch and a reason.

- Categories: the Okabe–Ito palette (Okabe & Ito 2008, "Color Universal Design"), eight
  colours distinguishable with every common form of colour-vision deficiency.
- Likert: a diverging red–blue scheme after ColorBrewer's RdBu (Brewer 2003, rated
  colour-blind safe) with a light grey neutral, so that "teils, teils" sits in the middle
  without looking like a gap; "cannot judge" is a darker grey and is drawn apart.
"""

from __future__ import annotations

from typing import Final

#: Okabe–Ito, in the order charts take them (black last: it is reserved for text and marks).
OKABE_ITO: Final[dict[str, str]] = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "bluish_green": "#009E73",
    "vermillion": "#D55E00",
    "sky_blue": "#56B4E9",
    "reddish_purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
}
CATEGORICAL: Final[tuple[str, ...]] = tuple(OKABE_ITO.values())

#: Five Likert points from 1 (negative) to 5 (positive); index 2 is the neutral middle.
LIKERT: Final[tuple[str, ...]] = ("#CA0020", "#F4A582", "#DDDDDD", "#92C5DE", "#0571B0")
#: "kann ich nicht beurteilen": not a value, so not on the diverging scale.
CANNOT_JUDGE: Final[str] = "#8C8C8C"
#: Withheld figures (fewer than k answers): a hatch in this grey on white.
SUPPRESSED: Final[str] = "#9E9E9E"

#: Text and structural lines (axes, crosshairs, the diagonal).
INK: Final[str] = "#1A1A1A"
MUTED: Final[str] = "#595959"
GRID: Final[str] = "#E5E5E5"

#: Roles in a comparison of a team with the others: the team itself, and the others.
TEAM: Final[str] = OKABE_ITO["blue"]
BENCHMARK: Final[str] = OKABE_ITO["orange"]
TREND_EARLIER: Final[str] = OKABE_ITO["sky_blue"]


def categorical(index: int) -> str:
    """Return the category colour for the ``index``-th series (cycling after seven)."""
    return CATEGORICAL[index % (len(CATEGORICAL) - 1)]


def likert_scale() -> list[list[float | str]]:
    """Return the diverging Likert colours as a continuous scale from 1 to 5 (plotly form)."""
    return [[i / (len(LIKERT) - 1), colour] for i, colour in enumerate(LIKERT)]


def text_on(background: str) -> str:
    """Return black or white, whichever reads better on ``background`` (WCAG luminance)."""
    red, green, blue = (int(background.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4))

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)
    # contrast against black (L+0.05)/0.05 vs white 1.05/(L+0.05): equal at L ≈ 0.179
    return "#000000" if luminance > 0.179 else "#FFFFFF"
