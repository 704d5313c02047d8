"""The charts of a report, drawn from its plain data, each with alt text stating the finding."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from surveyapp.charts import print as charts
from surveyapp.reporting.model import Brief, Comparison, CountRow, TeamReport
from surveyapp.reporting.templates import number, translations


def _names(pairs: Sequence[tuple[str, float]], fmt: Callable[[float], str]) -> str:
    return "; ".join(f"{label} ({fmt(value)})" for label, value in pairs)


def team_charts(report: TeamReport, lang: str) -> dict[str, charts.Chart]:
    """Every chart of a team report, by name (the Likert distributions are HTML: see
    ``surveyapp.charts.print.likert``)."""
    if report.under_k:
        return {}
    _ = translations(lang).gettext
    ngettext = translations(lang).ngettext
    fmt = lambda value: number(value, lang)  # noqa: E731
    found: dict[str, charts.Chart] = {}
    shown = [d for d in report.dimensions if d.mean is not None]
    if shown:
        ordered = sorted(shown, key=lambda d: d.mean or 0, reverse=True)
        alt = _("Dimensionsprofil. Höchster Wert: %(high)s. Niedrigster Wert: %(low)s.") % {
            "high": _names([(ordered[0].label, ordered[0].mean or 0)], fmt),
            "low": _names([(ordered[-1].label, ordered[-1].mean or 0)], fmt),
        }
        above = [
            d.label
            for d in shown
            if d.others_mean is not None and d.position and (d.mean or 0) - d.others_mean > 0.25
        ]
        below = [
            d.label
            for d in shown
            if d.others_mean is not None and d.position and d.others_mean - (d.mean or 0) > 0.25
        ]
        if above or below:
            alt += " " + _(
                "Über dem Durchschnitt der anderen Teams: %(above)s. Darunter: %(below)s."
            ) % {"above": ", ".join(above) or _("keine"), "below": ", ".join(below) or _("keine")}
        found["profile"] = charts.profile(
            [
                charts.ScaleRow(d.label, d.mean, d.others_mean, d.others_low, d.others_high)
                for d in report.dimensions
            ],
            alt=alt,
            scale_label=_("Mittelwert (1 = trifft nicht zu, 5 = trifft voll zu)"),
            team_label=_("Ihr Team"),
            others_label=_("andere Teams (Mittel)"),
            range_label=_("Spanne der anderen Teams"),
            withheld_label=_("nicht ausgewiesen"),
            number=fmt,
        )
    placed = [
        f
        for f in report.functions
        if f.importance is not None and f.performance is not None and not f.withheld
    ]
    if placed and report.mean_importance is not None and report.mean_performance is not None:
        priorities = [f for f in placed if f.priority]
        alt = _(
            "Matrix aus Bedeutung und Umsetzung mit %(n)d Funktionen. Im Feld „Hier "
            "ansetzen“ (hohe Bedeutung, geringe Umsetzung): %(names)s. Teamschnitt: "
            "Bedeutung %(i)s, Umsetzung %(p)s."
        ) % {
            "n": len(placed),
            "names": "; ".join(
                _("%(label)s (Bedeutung %(i)s, Umsetzung %(p)s)")
                % {"label": f.label, "i": fmt(f.importance or 0), "p": fmt(f.performance or 0)}
                for f in priorities
            )
            or _("keine"),
            "i": fmt(report.mean_importance),
            "p": fmt(report.mean_performance),
        }
        numbers = {id(f): index for index, f in enumerate(report.functions, start=1)}
        found["matrix"] = charts.matrix(
            [  # numbered as in the table "Alle Funktionen" below the chart
                charts.MatrixPoint(
                    str(numbers[id(f)]), f.importance or 0, f.performance or 0, f.priority
                )
                for f in placed
            ],
            alt=alt,
            mean_importance=report.mean_importance,
            mean_performance=report.mean_performance,
            importance_label=_("Bedeutung für uns (1–5)"),
            performance_label=_("Umsetzung heute (1–5)"),
            quadrant_labels=(
                _("Hier ansetzen"),
                _("Weiter so"),
                _("Geringe Priorität"),
                _("Möglicher Überaufwand"),
            ),
            diagonal_label=_("oberhalb: Umsetzung bleibt hinter der Bedeutung zurück"),
        )
    if report.ranking:
        top = report.ranking[:3]
        found["ranking"] = charts.bars(
            [
                charts.BarRow(
                    r.label,
                    r.points,
                    _("1 Punkt (eine Person)")  # one point: one person's third place
                    if r.points == 1
                    else ngettext(
                        "%(points)d Punkte (eine Person)",
                        "%(points)d Punkte (%(num)d Personen)",
                        r.named_by,
                    )
                    % {"points": r.points, "num": r.named_by},
                )
                for r in report.ranking
            ],
            alt=_("Eigene Rangfolge des Teams. Vorn: %(names)s.")
            % {
                "names": "; ".join(
                    _("%(label)s (%(points)d Punkte)") % {"label": r.label, "points": r.points}
                    for r in top
                )
            },
            axis_label=_("Punkte (Platz 1 = 3 Punkte, Platz 2 = 2, Platz 3 = 1)"),
        )
    for index, comparison in enumerate(report.perspectives):
        chart = _comparison(comparison, lang, connect=False)
        if chart is not None:
            found[f"perspective-{index}"] = chart
    if report.trend is not None:
        chart = _comparison(report.trend, lang, connect=True)
        if chart is not None:
            found["trend"] = chart
    return found


def _comparison(comparison: Comparison, lang: str, *, connect: bool) -> charts.Chart | None:
    _ = translations(lang).gettext
    rows = [r for r in comparison.rows if any(v is not None for v in r[1])]
    if comparison.withheld or not rows:
        return None
    fmt = lambda value: number(value, lang)  # noqa: E731
    if connect:
        parts = []
        for label, values, note in rows:
            if values[0] is not None and values[-1] is not None:
                parts.append(f"{label}: {fmt(values[0])} → {fmt(values[-1])} ({note})")
        alt = (
            _("Vergleich mit %(earlier)s.") % {"earlier": comparison.columns[0]}
            + " "
            + "; ".join(parts)
            + "."
        )
    else:

        def spread(row: tuple[str, tuple[float | None, ...], str]) -> float:
            present = [v for v in row[1] if v is not None]
            return max(present) - min(present) if len(present) > 1 else 0.0

        widest = max(rows, key=spread)
        alt = _(
            "Vergleich der Perspektiven %(groups)s. Größter Unterschied bei %(label)s: %(values)s."
        ) % {
            "groups": ", ".join(comparison.columns),
            "label": widest[0],
            "values": ", ".join(
                f"{c} {fmt(v)}"
                for c, v in zip(comparison.columns, widest[1], strict=True)
                if v is not None
            ),
        }
    return charts.groups(
        [charts.GroupRow(label, values) for label, values, _note in rows],
        alt=alt,
        group_labels=comparison.columns,
        scale_label=_("Mittelwert (1–5)"),
        connect=connect,
    )


def brief_charts(brief: Brief, lang: str) -> dict[str, charts.Chart]:
    """The round-wide charts of the workshop brief."""
    _ = translations(lang).gettext
    found: dict[str, charts.Chart] = {}
    if brief.shared_priorities:
        found["shared"] = _teams_chart(
            brief.shared_priorities,
            _("Funktionen, die viele Teams priorisieren. Am häufigsten: %(names)s."),
            _("Teams mit dieser Funktion unter ihren drei Prioritäten"),
            _,
        )
    if brief.weak_dimensions:
        found["weak"] = _teams_chart(
            brief.weak_dimensions,
            _("Dimensionen, die in vielen Teams schwach sind. Am häufigsten: %(names)s."),
            _("Teams mit Entwicklungsbedarf oder niedrigstem Wert in dieser Dimension"),
            _,
        )
    return found


def _teams_chart(
    rows: Sequence[CountRow], alt: str, axis_label: str, _: Callable[[str], str]
) -> charts.Chart:
    """Bars of how many of the round's teams share each row; ``alt`` names the first three."""
    rows = list(rows)
    return charts.bars(
        [
            charts.BarRow(
                r.label, r.teams, _("%(n)d von %(of)d Teams") % {"n": r.teams, "of": r.of}
            )
            for r in rows
        ],
        alt=alt
        % {
            "names": "; ".join(
                _("%(label)s (%(n)d von %(of)d Teams)")
                % {"label": r.label, "n": r.teams, "of": r.of}
                for r in rows[:3]
            )
        },
        axis_label=axis_label,
    )
