"""The facilitator's brief: every team's page, then what the teams of a round share.

Built from the round's analysis like the team reports (numbers copied, never made). The
consultation questions of every team are listed, also of teams under k (ANALYSIS.md §8:
the facilitator can already see all answers), grouped by the functions and topics they
concern: a question goes under every topic whose words it uses (the word lists live in the
brief template's ``report.yaml``, so an agency can adapt them), else under the team's first
priority, else under "further questions".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from surveyapp.analysis import Level, RoundAnalysis
from surveyapp.reporting.model import Brief, BriefTeam, CountRow, QuestionGroup, ReportMeta
from surveyapp.reporting.team import Labels, team_report
from surveyapp.reporting.templates import translations


def brief(
    analysis: RoundAnalysis,
    metas: Mapping[int, ReportMeta],
    lang: str,
    *,
    round_name: str,
    workshop_date: object,
    organiser: str,
    topics: Mapping[str, Sequence[str]] = {},  # noqa: B006 (read only)
) -> Brief:
    """The brief of a round; ``metas`` holds the teams to list, in order."""
    _ = translations(lang).gettext
    labels = Labels(analysis.questionnaire, lang)
    teams: list[BriefTeam] = []
    priorities: Counter[str] = Counter()
    weak: Counter[str] = Counter()
    weak_needs: Counter[str] = Counter()
    weak_teams: dict[str, set[int]] = {}
    counted = 0
    questions: list[tuple[str, str, str | None]] = []  # team, question, first priority key
    for team_id, meta in metas.items():
        team = analysis.team(team_id)
        report = team_report(team, meta, lang)
        asked = tuple(
            answer for block in analysis.consultation_questions(team_id) for answer in block.answers
        )
        first = team.priorities[0].item_key if team.reaches_k and team.priorities else None
        questions += [(meta.team, question, first) for question in asked]
        teams.append(
            BriefTeam(
                meta=meta,
                withheld=report.withheld,
                priorities=report.summary.priorities,
                strengths=report.summary.strengths,
                needs=report.summary.needs,
                disputed=report.summary.disputed,
                consultation=asked,
            )
        )
        if not team.reaches_k:
            continue
        counted += 1
        priorities.update(p.item_key for p in team.priorities if not p.filled_up)
        shown = team.dimensions.loc[team.dimensions["reason"].isna()]
        if len(shown):
            lowest = str(shown.sort_values("mean").iloc[0]["dimension"])
            needs = [str(d) for d in shown.loc[shown["level"] == Level.NEED, "dimension"]]
            weak[lowest] += 1
            weak_needs.update(needs)
            for key in {lowest, *needs}:
                weak_teams.setdefault(key, set()).add(team_id)
    weak_keys = sorted(weak_teams, key=lambda d: (-len(weak_teams[d]), -weak_needs[d], d))
    return Brief(
        round_name=round_name,
        workshop_date=workshop_date,
        organiser=organiser,
        k=analysis.k,
        teams=tuple(teams),
        shared_priorities=tuple(
            CountRow(labels.function_short(key), count, counted)
            for key, count in sorted(priorities.items(), key=lambda kv: (-kv[1], kv[0]))
        ),
        weak_dimensions=tuple(
            CountRow(
                labels.dimension(key),
                len(weak_teams[key]),
                counted,
                _("%(need)d × Entwicklungsbedarf, %(lowest)d × niedrigster Wert des Teams")
                % {"need": weak_needs[key], "lowest": weak[key]},
            )
            for key in weak_keys
        ),
        question_groups=tuple(group_questions(questions, labels, topics, lang)),
        teams_counted=counted,
    )


def group_questions(
    questions: list[tuple[str, str, str | None]],
    labels: Labels,
    topics: Mapping[str, Sequence[str]],
    lang: str,
) -> list[QuestionGroup]:
    """``(team, question, team's first priority)`` grouped under the topics whose words
    each question uses (in ``topics`` order), else its team's first priority, else
    „Weitere Anliegen“ at the end."""
    _ = translations(lang).gettext
    groups: dict[str, list[tuple[str, str]]] = {}
    for team, question, first in questions:
        lowered = question.lower()
        matched = [key for key, stems in topics.items() if any(s in lowered for s in stems)]
        if not matched and first:
            matched = [first]
        for key in matched or [""]:
            groups.setdefault(key, []).append((team, question))
    order = [key for key in topics if key in groups]
    order += sorted(key for key in groups if key and key not in topics)
    order += [""] if "" in groups else []
    return [
        QuestionGroup(_topic(key, labels) or _("Weitere Anliegen"), tuple(groups[key]))
        for key in order
    ]


def _topic(key: str, labels: Labels) -> str:
    if not key:
        return ""
    if key in labels.q.dimensions:
        return labels.dimension(key)
    try:
        return labels.function_short(key)
    except KeyError:
        return key
