"""The shared chart colours: colour-blind-safe schemes, readable text on every fill."""

from __future__ import annotations

import pytest

from surveyapp.charts import palette


def _luminance(colour: str) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_categories_are_the_okabe_ito_colours():
    assert set(palette.CATEGORICAL) == {
        "#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
    }  # fmt: skip
    assert palette.CATEGORICAL[-1] == "#000000"  # black is kept for text and marks
    assert palette.categorical(7) == palette.categorical(0)


def test_likert_scheme_diverges_around_a_grey_middle():
    assert len(palette.LIKERT) == 5
    middle = palette.LIKERT[2]
    assert middle[1:3] == middle[3:5] == middle[5:7]  # a neutral grey, no hue
    # the darker the further from the middle, on both sides
    lum = [_luminance(c) for c in palette.LIKERT]
    assert lum[0] < lum[1] < lum[2] > lum[3] > lum[4]
    assert palette.CANNOT_JUDGE not in palette.LIKERT


def test_plotly_scale_runs_from_the_negative_to_the_positive_end():
    scale = palette.likert_scale()
    assert scale[0] == [0.0, palette.LIKERT[0]] and scale[-1] == [1.0, palette.LIKERT[-1]]


@pytest.mark.parametrize("fill", [*palette.LIKERT, palette.CANNOT_JUDGE, *palette.CATEGORICAL])
def test_text_drawn_on_any_fill_is_readable(fill):
    assert _contrast(palette.text_on(fill), fill) >= 4.5
