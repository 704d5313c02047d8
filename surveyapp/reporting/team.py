"""A team's analysis turned into the plain data of its report (numbers copied, never made).

Every figure comes from :class:`~surveyapp.analysis.TeamAnalysis`; this module only picks,
orders, labels and puts the analysis' own sentences (reasons, positions, changes) beside
them, in the reader's language.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pandas as pd

from surveyapp.analysis import Part, Reason, TeamAnalysis, reason_sentence
from surveyapp.analysis import text as words
from surveyapp.analysis.labels import TOP_PRIORITIES
from surveyapp.questionnaire import Questionnaire
from surveyapp.reporting.model import (
    Comparison,
    DimensionRow,
    Finding,
    FunctionRow,
    ItemBlock,
    ItemRow,
    OpenAnswers,
    RankingRow,
    ReportMeta,
    Summary,
    TeamReport,
)
from surveyapp.reporting.templates import number, translations

SUMMARY_DIMENSIONS = 2


def missing(raw: Any) -> bool:
    """True for None and NaN: a cell the analysis left empty."""
    return raw is None or (not isinstance(raw, str) and bool(pd.isna(raw)))


def value(raw: Any) -> float | None:
    """A figure from a table, or None where the table holds NaN (withheld or undefined)."""
    return None if missing(raw) else float(raw)


class Labels:
    """The questionnaire's names for items, functions and dimensions in one language."""

    def __init__(self, questionnaire: Questionnaire, lang: str) -> None:
        self.q = questionnaire
        self.lang = lang
        ranking = questionnaire.function_ranking
        self.short = {o.key: o.label.get(lang) for o in ranking.options} if ranking else {}

    def item(self, key: str) -> str:
        return self.q.item(key).label.get(self.lang)

    def function(self, key: str) -> str:
        return self.item(key)

    def function_short(self, key: str) -> str:
        return self.short.get(key) or self.item(key)

    def dimension(self, key: str) -> str:
        text = self.q.dimensions.get(key)
        return text.get(self.lang) if text is not None else key

    def option(self, item_key: str, option_key: str) -> str:
        return self.q.item(item_key).option(option_key).label.get(self.lang)


def team_report(analysis: TeamAnalysis, meta: ReportMeta, lang: str) -> TeamReport:
    """The report data of one team; a team under k gets the sentence why and nothing else."""
    if not analysis.reaches_k:
        return TeamReport(meta=meta, withheld=reason_sentence(Reason.TEAM_BELOW_K, meta.k, lang))
    labels = Labels(analysis.questionnaire, lang)
    functions = _functions(analysis, labels)
    dimensions, benchmark_withheld = _dimensions(analysis, labels)
    ranking = _ranking(analysis, labels)
    perspectives, perspectives_withheld = _perspectives(analysis, labels)
    trend, trend_withheld = _trend(analysis, labels, meta)
    open_blocks = [_open(block, labels, meta.k) for block in analysis.open_answers]
    consultation = [
        b for b, a in zip(open_blocks, analysis.open_answers, strict=True) if a.consultation
    ]
    return TeamReport(
        meta=meta,
        summary=_summary(analysis, labels, functions, dimensions, ranking),
        dimensions=tuple(dimensions),
        benchmark_withheld=benchmark_withheld,
        functions=tuple(functions),
        mean_importance=analysis.crosshair.importance if analysis.crosshair else None,
        mean_performance=analysis.crosshair.performance if analysis.crosshair else None,
        ranking=tuple(ranking),
        ranking_withheld=_ranking_withheld(analysis, lang),
        items=tuple(_items(analysis, labels)),
        perspectives=tuple(perspectives),
        perspectives_withheld=perspectives_withheld,
        trend=trend,
        trend_withheld=trend_withheld,
        open_answers=tuple(
            b for b, a in zip(open_blocks, analysis.open_answers, strict=True) if not a.consultation
        ),
        consultation=_merged(consultation, labels),
        suppressed=tuple(suppressed_lines(analysis, labels)),
        hidden_answers=sum(block.hidden for block in analysis.open_answers),
    )


def _functions(analysis: TeamAnalysis, labels: Labels) -> list[FunctionRow]:
    lang, k = labels.lang, analysis.k
    priorities = {p.item_key: p for p in analysis.priorities}
    rows = []
    for row in analysis.functions.itertuples(index=False):
        priority = priorities.get(row.item_key)
        placed = bool(row.placed) and missing(row.reason)
        rows.append(
            FunctionRow(
                label=labels.function(row.item_key),
                short=labels.function_short(row.item_key),
                importance=value(row.importance) if placed else None,
                performance=value(row.performance) if placed else None,
                gap=value(row.gap) if placed else None,
                quadrant=words.quadrant_label(row.quadrant, lang) if placed else "",
                reason=priority.reason(lang) if priority else "",
                rank=priority.rank if priority else None,
                stability=words.stability_label(priority.stability_label, lang) if priority else "",
                borderline=bool(row.borderline) if placed else False,
                priority=priority is not None and not priority.filled_up,
                withheld="" if placed else reason_sentence(Reason(row.reason), k, lang),
            )
        )
    return rows


def _dimensions(analysis: TeamAnalysis, labels: Labels) -> tuple[list[DimensionRow], str]:
    lang, k = labels.lang, analysis.k
    bench = analysis.benchmark
    bench = bench.loc[bench["kind"] == "dimension"].set_index("key") if len(bench) else bench
    rows = []
    reasons = set()
    for row in analysis.dimensions.itertuples(index=False):
        other = bench.loc[row.dimension] if row.dimension in getattr(bench, "index", ()) else None
        shown = other is not None and missing(other["reason"])
        if other is not None and not missing(other["reason"]):
            reasons.add(other["reason"])
        rows.append(
            DimensionRow(
                label=labels.dimension(row.dimension),
                n=int(row.n) if value(row.n) is not None else 0,
                mean=value(row.mean),
                sd=value(row.sd),
                level=words.level_label(row.level, lang) if not missing(row.level) else "",
                position=words.position_words(other["position"], lang) if shown else "",
                others_mean=value(other["others_mean"]) if shown else None,
                others_low=value(other["others_min"]) if shown else None,
                others_high=value(other["others_max"]) if shown else None,
                flagged=bool(row.disputed) if missing(row.reason) else False,
                withheld=""
                if missing(row.reason)
                else reason_sentence(Reason(row.reason), k, lang),
            )
        )
    withheld = ""
    if reasons and not any(r.others_mean is not None for r in rows):
        withheld = reason_sentence(Reason(sorted(reasons)[0]), k, lang)
    return rows, withheld


def _ranking(analysis: TeamAnalysis, labels: Labels) -> list[RankingRow]:
    table = analysis.ranking
    shown = table.loc[table["reason"].isna() & (table["points"].fillna(0) > 0)]
    return [
        RankingRow(labels.function_short(r.item_key), int(r.points), int(r.named), int(r.rank))
        for r in shown.sort_values("rank").itertuples(index=False)
    ]


def _ranking_withheld(analysis: TeamAnalysis, lang: str) -> str:
    reasons = analysis.ranking["reason"].dropna()
    return reason_sentence(Reason(reasons.iloc[0]), analysis.k, lang) if len(reasons) else ""


def _summary(
    analysis: TeamAnalysis,
    labels: Labels,
    functions: list[FunctionRow],
    dimensions: list[DimensionRow],
    ranking: list[RankingRow],
) -> Summary:
    _ = translations(labels.lang).gettext
    fmt = lambda figure: number(figure, labels.lang)  # noqa: E731
    shown = sorted((d for d in dimensions if d.mean is not None), key=lambda d: -(d.mean or 0))
    strengths = [Finding(d.label, fmt(d.mean), d.level) for d in shown[:SUMMARY_DIMENSIONS]]
    needs = [
        Finding(d.label, fmt(d.mean), d.level)
        for d in reversed(shown[-SUMMARY_DIMENSIONS:])
        if d not in shown[:SUMMARY_DIMENSIONS]
    ]
    items = analysis.items.set_index("item_key")
    disputed = []
    for key in analysis.disputed:
        row = items.loc[key]
        low, middle, high = (
            int(row.count_1 + row.count_2),
            int(row.count_3),
            int(row.count_4 + row.count_5),
        )
        disputed.append(
            Finding(
                labels.item(key),
                _("%(low)d ablehnend, %(middle)d teils, teils, %(high)d zustimmend")
                % {"low": low, "middle": middle, "high": high},
            )
        )
    ranked = {f.rank: f for f in functions if f.rank}
    return Summary(
        priorities=tuple(ranked[rank] for rank in sorted(ranked))[:TOP_PRIORITIES],
        priorities_note=analysis.priorities[0].filled_up_note(labels.lang)
        if analysis.filled_up
        else "",
        strengths=tuple(strengths),
        needs=tuple(needs),
        disputed=tuple(disputed),
        own_ranking=tuple(r.label for r in ranking[:3]),
        agreement=_agreement(analysis, labels),
    )


def _agreement(analysis: TeamAnalysis, labels: Labels) -> str:
    _ = translations(labels.lang).gettext
    agreement = analysis.ranking_agreement
    if agreement is None or not (agreement.both or agreement.priorities_only):
        return ""
    names = lambda keys: "; ".join(f"„{labels.function_short(k)}“" for k in keys)  # noqa: E731
    parts = []
    if agreement.both:
        parts.append(
            _("Analyse und eigene Rangfolge sehen beide vorn: %(names)s.")
            % {"names": names(agreement.both)}
        )
    if agreement.priorities_only:
        parts.append(
            _("Nur nach der Analyse vorn: %(names)s.") % {"names": names(agreement.priorities_only)}
        )
    if agreement.ranking_only:
        parts.append(
            _("Nur in der eigenen Rangfolge vorn: %(names)s.")
            % {"names": names(agreement.ranking_only)}
        )
    if not agreement.both:
        parts.append(
            _("Beide Sichten zeigen auf verschiedene Funktionen – eine Frage für den Workshop.")
        )
    return " ".join(parts)


def _items(analysis: TeamAnalysis, labels: Labels) -> list[ItemBlock]:
    k, lang = analysis.k, labels.lang
    by_dimension: dict[str, list[ItemRow]] = {}
    for row in analysis.items.itertuples(index=False):
        shown = missing(row.reason)
        by_dimension.setdefault(row.dimension, []).append(
            ItemRow(
                label=labels.item(row.item_key),
                counts=tuple(int(getattr(row, f"count_{p}")) for p in range(1, 6))
                if shown
                else None,
                n=int(row.n) if shown else 0,
                n_na=int(row.n_na) if shown else 0,
                mean=value(row.mean) if shown else None,
                reversed=bool(row.reverse),
                flagged=bool(row.disputed) if shown else False,
                withheld="" if shown else reason_sentence(Reason(row.reason), k, lang),
            )
        )
    return [
        ItemBlock(labels.dimension(key), tuple(by_dimension[key]))
        for key in analysis.questionnaire.dimensions
        if key in by_dimension
    ]


def _perspectives(analysis: TeamAnalysis, labels: Labels) -> tuple[list[Comparison], str]:
    table = analysis.perspectives
    found = []
    for attribute in analysis.questionnaire.comparable_attributes:
        rows = table.loc[(table["attribute"] == attribute.key) & (table["kind"] == "dimension")]
        if rows.empty:
            continue
        groups = [g for g in attribute.compare if g in set(rows["group"])]
        values = []
        for dimension in analysis.questionnaire.dimensions:
            these = rows.loc[rows["key"] == dimension].set_index("group")
            if these.empty:
                continue
            values.append(
                (
                    labels.dimension(dimension),
                    tuple(value(these["mean"].get(g)) for g in groups),
                    "",
                )
            )
        found.append(
            Comparison(
                columns=tuple(labels.option(attribute.key, g) for g in groups),
                rows=tuple(values),
                title=attribute.label.get(labels.lang),
            )
        )
    withheld = ""
    if not found:
        reasons = [s.reason for s in analysis.suppressed if s.part is Part.PERSPECTIVE]
        withheld = (
            reason_sentence(Counter(reasons).most_common(1)[0][0], analysis.k, labels.lang)
            if reasons
            else ""
        )
    return found, withheld


def _trend(
    analysis: TeamAnalysis, labels: Labels, meta: ReportMeta
) -> tuple[Comparison | None, str]:
    table = analysis.trend
    lang, k = labels.lang, analysis.k
    shown = (
        table.loc[(table["kind"] == "dimension") & table["reason"].isna()] if len(table) else table
    )
    if len(table) == 0 or shown.empty:
        reasons = [s.reason for s in analysis.suppressed if s.part is Part.TREND]
        reason = reasons[0] if reasons else Reason.NO_EARLIER
        return None, reason_sentence(reason, k, lang)
    _ = translations(lang).gettext
    return (
        Comparison(
            columns=(_("frühere Runde"), _("diese Runde")),
            rows=tuple(
                (
                    labels.dimension(row.key),
                    (value(row.mean_then), value(row.mean_now)),
                    words.change_words(row.change, lang),
                )
                for row in shown.itertuples(index=False)
            ),
            title=_("Dimensionen: %(earlier)s und %(now)s")
            % {"earlier": meta.earlier_round or _("frühere Runde"), "now": meta.round_name},
        ),
        "",
    )


def _open(block: Any, labels: Labels, k: int) -> OpenAnswers:
    return OpenAnswers(
        question=labels.item(block.item_key),
        answers=tuple(block.answers),
        withheld=reason_sentence(Reason(block.reason), k, labels.lang)
        if not missing(block.reason)
        else "",
    )


def _merged(blocks: list[OpenAnswers], labels: Labels) -> OpenAnswers | None:
    if not blocks:
        return None
    return OpenAnswers(
        question=blocks[0].question,
        answers=tuple(a for b in blocks for a in b.answers),
        withheld=next((b.withheld for b in blocks if b.withheld), ""),
    )


def suppressed_lines(analysis: TeamAnalysis, labels: Labels) -> list[str]:
    """What the report leaves out and why, one line per part (counted where many)."""
    _ = translations(labels.lang).gettext
    names = {
        Part.ITEM: labels.item,
        Part.DIMENSION: labels.dimension,
        Part.FUNCTION: labels.function_short,
        Part.CHOICE: labels.item,
        Part.NUMBER: labels.item,
    }
    lines: list[str] = []
    grouped: Counter[tuple[Part, Reason, str | None]] = Counter()
    for entry in analysis.suppressed:
        sentence = reason_sentence(entry.reason, analysis.k, labels.lang)
        if entry.part in names and entry.key:
            lines.append(f"{names[entry.part](entry.key)}: {sentence}")
        else:
            grouped[(entry.part, entry.reason, entry.detail)] += 1
    parts = {
        Part.PERSPECTIVE: _("Perspektiven"),
        Part.BENCHMARK: _("Vergleich mit anderen Teams"),
        Part.TREND: _("Entwicklung seit der letzten Runde"),
        Part.RANKING: _("Eigene Rangfolge"),
        Part.OPEN_ANSWERS: _("Freitextantworten"),
        Part.TEAM: _("Alle Ergebnisse"),
    }
    for (part, reason, detail), count in grouped.items():
        title = parts.get(part, str(part))
        if part is Part.PERSPECTIVE and detail:
            title += " – " + analysis.questionnaire.item(detail).label.get(labels.lang)
        if count > 1:
            title += " " + _("(%(n)d Angaben)") % {"n": count}
        lines.append(f"{title}: {reason_sentence(reason, analysis.k, labels.lang)}")
    return lines
