"""What a report shows, as plain data: the analysis results turned into words and rows.

The templates print these and nothing else; every number here was computed by the analysis
package (``surveyapp.reporting.team`` and ``.brief`` copy it over) and every withheld figure
arrives as the sentence that replaces it. Plain frozen dataclasses, so that a job can be sent
to a worker process and a test can build a report by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class ReportMeta:
    """The cover: who, which round, how many answered."""

    municipality: str
    team: str
    round_name: str
    workshop_date: date | None
    respondents: int
    invited: int
    k: int
    organiser: str
    earlier_round: str = ""

    @property
    def response_rate(self) -> float | None:
        return self.respondents / self.invited if self.invited else None


@dataclass(frozen=True)
class Finding:
    """One line of the summary: a label, its figure in words, and a qualifier."""

    label: str
    figure: str
    note: str = ""


@dataclass(frozen=True)
class FunctionRow:
    """A function of the importance–performance analysis (a priority when ``rank`` is set)."""

    label: str
    importance: float | None
    performance: float | None
    gap: float | None
    quadrant: str
    reason: str
    rank: int | None = None
    stability: str = ""
    borderline: bool = False
    priority: bool = False
    withheld: str = ""
    short: str = ""


@dataclass(frozen=True)
class RankingRow:
    """A function in the team's own ranking (Borda points)."""

    label: str
    points: int
    named_by: int
    rank: int


@dataclass(frozen=True)
class DimensionRow:
    """A dimension's score, its label on the fixed anchors and its place among the teams."""

    label: str
    n: int
    mean: float | None
    sd: float | None = None
    level: str = ""
    position: str = ""
    others_mean: float | None = None
    others_low: float | None = None
    others_high: float | None = None
    flagged: bool = False
    withheld: str = ""


@dataclass(frozen=True)
class ItemRow:
    """A Likert item as it was asked: its distribution, n, "cannot judge" and the flag."""

    label: str
    counts: tuple[int, int, int, int, int] | None
    n: int
    n_na: int = 0
    mean: float | None = None
    reversed: bool = False
    flagged: bool = False
    withheld: str = ""


@dataclass(frozen=True)
class ItemBlock:
    """The items of one dimension."""

    title: str
    items: tuple[ItemRow, ...]


@dataclass(frozen=True)
class Comparison:
    """Rows with one value per column: perspectives (groups) or a trend (then, now)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[float | None, ...], str], ...]
    title: str = ""
    withheld: str = ""


@dataclass(frozen=True)
class OpenAnswers:
    """A text question and the team's answers (sorted so that they reveal nothing)."""

    question: str
    answers: tuple[str, ...]
    withheld: str = ""


@dataclass(frozen=True)
class Summary:
    """The one-page summary."""

    priorities: tuple[FunctionRow, ...] = ()
    priorities_note: str = ""
    strengths: tuple[Finding, ...] = ()
    needs: tuple[Finding, ...] = ()
    disputed: tuple[Finding, ...] = ()
    own_ranking: tuple[str, ...] = ()
    agreement: str = ""


@dataclass(frozen=True)
class TeamReport:
    """Everything the team report shows (or, for a team under k, why it shows nothing)."""

    meta: ReportMeta
    withheld: str = ""
    summary: Summary = field(default_factory=Summary)
    dimensions: tuple[DimensionRow, ...] = ()
    benchmark_withheld: str = ""
    functions: tuple[FunctionRow, ...] = ()
    mean_importance: float | None = None
    mean_performance: float | None = None
    ranking: tuple[RankingRow, ...] = ()
    ranking_withheld: str = ""
    items: tuple[ItemBlock, ...] = ()
    perspectives: tuple[Comparison, ...] = ()
    perspectives_withheld: str = ""
    trend: Comparison | None = None
    trend_withheld: str = ""
    open_answers: tuple[OpenAnswers, ...] = ()
    consultation: OpenAnswers | None = None
    suppressed: tuple[str, ...] = ()
    hidden_answers: int = 0

    @property
    def under_k(self) -> bool:
        return bool(self.withheld)


@dataclass(frozen=True)
class BriefTeam:
    """One team's page in the facilitator's brief."""

    meta: ReportMeta
    withheld: str = ""
    priorities: tuple[FunctionRow, ...] = ()
    strengths: tuple[Finding, ...] = ()
    needs: tuple[Finding, ...] = ()
    disputed: tuple[Finding, ...] = ()
    consultation: tuple[str, ...] = ()


@dataclass(frozen=True)
class CountRow:
    """Across teams: how many teams show something (a priority, a weak dimension)."""

    label: str
    teams: int
    of: int
    detail: str = ""


@dataclass(frozen=True)
class QuestionGroup:
    """Consultation questions of several teams gathered under one function or topic."""

    topic: str
    questions: tuple[tuple[str, str], ...]  # (team, question)


@dataclass(frozen=True)
class Brief:
    """The facilitator's workshop brief for a whole round."""

    round_name: str
    workshop_date: date | None
    organiser: str
    k: int
    teams: tuple[BriefTeam, ...]
    shared_priorities: tuple[CountRow, ...] = ()
    weak_dimensions: tuple[CountRow, ...] = ()
    question_groups: tuple[QuestionGroup, ...] = ()
    teams_counted: int = 0
