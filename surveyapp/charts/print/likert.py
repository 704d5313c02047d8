"""Diverging stacked bars for Likert statements, the neutral middle centred."""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.lines import Line2D

from surveyapp.charts import palette
from surveyapp.charts.print.base import (
    CM,
    FULL_WIDTH_CM,
    Chart,
    LikertRow,
    rows_figure,
    to_chart,
    wrap,
)


def likert(
    rows: Sequence[LikertRow],
    *,
    alt: str,
    point_labels: tuple[str, str, str, str, str],
    count_of: str,
    cannot_judge: str,
    flag_label: str,
    cannot_judge_note: str,
    legend: bool = True,
) -> Chart:
    """Diverging stacked bars: disagreement left, agreement right, the middle centred.

    Each segment carries its count; at the right each row says „n von N“ and how many could
    not judge. ``count_of`` is a format string with ``{n}`` (e.g. ``"n = {n}"``).
    """
    # Rows grow with their wrapped labels; the y axis counts centimetres from the bottom.
    labels = [wrap(r.label, 40) for r in rows]
    heights = [max(0.8, 0.3 * (label.count("\n") + 1) + 0.3) for label in labels]
    total_cm = sum(heights)
    positions = [total_cm - sum(heights[:i]) - heights[i] / 2 for i in range(len(rows))]
    figure, axis = rows_figure(1, total_cm, left=0.36, right=0.83, bottom_cm=1.6 if legend else 0.6)
    for y, row in zip(positions, rows, strict=True):
        total = sum(row.counts)
        if total == 0:
            continue
        shares = [c / total for c in row.counts]
        left = -(shares[0] + shares[1] + shares[2] / 2)
        for index, share in enumerate(shares):
            colour = palette.LIKERT[index]
            if share > 0:
                axis.barh(
                    y, share, left=left, color=colour, height=0.5, edgecolor="white", linewidth=0.5
                )
                if share >= 0.07:
                    axis.text(
                        left + share / 2,
                        y,
                        str(row.counts[index]),
                        ha="center",
                        va="center",
                        fontsize=6.5,
                        color=palette.text_on(colour),
                    )
            left += share
        note = count_of.format(n=total)
        if row.n_na:
            note += f" (+{row.n_na} {cannot_judge})"
        if row.flagged:
            note = "◆ " + note
        axis.text(
            1.02,
            y,
            note,
            transform=axis.get_yaxis_transform(),
            va="center",
            fontsize=6.5,
            color=palette.INK,
        )
    axis.axvline(0, color=palette.MUTED, linewidth=0.8)
    axis.set_yticks(positions)
    axis.set_yticklabels(labels, fontsize=7, linespacing=1.1)
    axis.set_ylim(0, total_cm)
    axis.set_xlim(-1, 1)
    axis.set_xticks([-1, -0.5, 0, 0.5, 1])
    axis.set_xticklabels(["100 %", "50 %", "0", "50 %", "100 %"])
    axis.spines["left"].set_visible(False)
    axis.tick_params(axis="y", length=0)
    if not legend:  # the page shows one key for all the charts of a chapter
        return to_chart(figure, alt, FULL_WIDTH_CM)
    handles = [
        Line2D([], [], color=colour, linewidth=7, label=label)
        for colour, label in zip(palette.LIKERT, point_labels, strict=True)
    ]
    height_cm = figure.get_figheight() / CM
    figure.legend(
        handles=handles,
        loc="lower center",
        ncol=5,
        frameon=False,
        fontsize=6.5,
        handlelength=1.2,
        columnspacing=1.2,
        bbox_to_anchor=(0.5, 0.45 / height_cm),
        borderaxespad=0,
    )
    notes = ["◆ " + flag_label] if any(r.flagged for r in rows) else []
    notes += [cannot_judge_note] if any(r.n_na for r in rows) else []
    if notes:
        figure.text(
            0.5, 0.05 / height_cm, "    ".join(notes), ha="center", va="bottom", fontsize=6.5
        )
    return to_chart(figure, alt, FULL_WIDTH_CM)
