"""What the reports need from the database: names and counts, fingerprints, the analysis.

The CLI and the download views both come here; the rendering itself is pure
(``surveyapp.reporting``). Nothing here changes the database but the audit log: a download
and a batch build each record their event.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from surveyapp.analysis import RoundAnalysis
from surveyapp.models import SurveyRound, Team, User
from surveyapp.operations.analysis import analyse, analysis_fingerprint
from surveyapp.operations.audit import AuditAction, record
from surveyapp.operations.progress import progress_by_team
from surveyapp.questionnaire import QuestionnaireRegistry
from surveyapp.reporting import ReportTemplate, jobs, load_template
from surveyapp.reporting.brief import brief
from surveyapp.reporting.files import brief_filename, cached_pdf, fingerprint, team_filename
from surveyapp.reporting.jobs import Job
from surveyapp.reporting.model import Brief, ReportMeta, TeamReport
from surveyapp.reporting.team import team_report

TEAM = "team"
BRIEF = "brief"


@dataclass(frozen=True)
class Planned:
    """A report to build: which, its file name and the fingerprint of its inputs."""

    kind: str
    team_id: int | None
    filename: str
    fingerprint: str


@dataclass(frozen=True)
class Templates:
    """The two report templates of a reports folder (``SURVEYAPP_REPORTS``)."""

    team: ReportTemplate
    brief: ReportTemplate

    @classmethod
    def load(cls, folder: Path | str) -> Templates:
        return cls(load_template(Path(folder) / TEAM), load_template(Path(folder) / BRIEF))


def teams_of(survey_round: SurveyRound) -> list[Team]:
    """The round's teams in the order reports list them (by name)."""
    return sorted(survey_round.teams, key=lambda team: (team.display_name.lower(), team.id))


def report_metas(
    session: Session, survey_round: SurveyRound, teams: Sequence[Team], organiser: str
) -> dict[int, ReportMeta]:
    """The cover facts of each team: names, round, respondents and invited."""
    progress = progress_by_team(session, [team.id for team in teams])
    return {
        team.id: ReportMeta(
            municipality=team.municipality.name,
            team=team.display_name,
            round_name=survey_round.name,
            workshop_date=survey_round.workshop_date,
            respondents=progress[team.id].submitted,
            invited=progress[team.id].invited,
            k=survey_round.min_group_size,
            organiser=organiser,
        )
        for team in teams
    }


def plan(
    session: Session,
    survey_round: SurveyRound,
    templates: Templates,
    *,
    teams: Sequence[Team],
    with_brief: bool,
    lang: str,
    organiser: str,
) -> list[Planned]:
    """The reports to build and their fingerprints, without loading a single answer.

    A fingerprint covers the round's answers and those of the earlier rounds of the same
    municipalities (``analysis_fingerprint``: submissions, hidden answers, questionnaire, k,
    teams), the template
    files, the language and everything on the cover.
    """
    inputs = [
        survey_round.id,
        analysis_fingerprint(session, survey_round),
    ]
    metas = report_metas(session, survey_round, teams_of(survey_round), organiser)
    planned = [
        Planned(
            TEAM,
            team.id,
            team_filename(survey_round.name, team.display_name, lang),
            fingerprint(*inputs, templates.team.digest, lang, team.id, metas[team.id]),
        )
        for team in teams
    ]
    if with_brief:
        planned.append(
            Planned(
                BRIEF,
                None,
                brief_filename(survey_round.name, lang),
                fingerprint(*inputs, templates.brief.digest, lang, sorted(metas.items())),
            )
        )
    return planned


def analysed(
    session: Session, registry: QuestionnaireRegistry, survey_round: SurveyRound
) -> RoundAnalysis:
    """The round's analysis with the earlier rounds for the trend."""
    return analyse(session, registry, survey_round)


def _with_earlier(meta: ReportMeta, analysis: RoundAnalysis, team_id: int) -> ReportMeta:
    for earlier in analysis.earlier:
        if team_id in earlier.team_of:
            return dataclasses.replace(meta, earlier_round=earlier.label)
    return meta


def team_reports(
    session: Session,
    analysis: RoundAnalysis,
    survey_round: SurveyRound,
    teams: Sequence[Team],
    *,
    lang: str,
    organiser: str,
) -> dict[int, TeamReport]:
    """The report data of the given teams."""
    metas = report_metas(session, survey_round, teams, organiser)
    return {
        team.id: team_report(
            analysis.team(team.id), _with_earlier(metas[team.id], analysis, team.id), lang
        )
        for team in teams
    }


def round_brief(
    session: Session,
    analysis: RoundAnalysis,
    survey_round: SurveyRound,
    template: ReportTemplate,
    *,
    lang: str,
    organiser: str,
) -> Brief:
    """The workshop brief of the round, every team included."""
    metas = report_metas(session, survey_round, teams_of(survey_round), organiser)
    topics = template.extra.get("topics") or {}
    return brief(
        analysis,
        metas,
        lang,
        round_name=survey_round.name,
        workshop_date=survey_round.workshop_date,
        organiser=organiser,
        topics={str(k): [str(w).lower() for w in v] for k, v in topics.items()},
    )


def download_team_report(
    session: Session,
    team: Team,
    templates: Templates,
    *,
    analysis: Callable[[], RoundAnalysis],
    lang: str,
    organiser: str,
    cache: Path,
    actor: User | None,
) -> tuple[str, bytes]:
    """A team's report for download: its file name and the PDF (rendered once per inputs),
    recorded in the audit log (``report.download``).

    ``analysis`` gives the round's analysis when the PDF has to be rendered: the caller's
    cached one (the results pages compute the same), so a download during collection does
    not analyse the round once more.
    """
    survey_round = team.round
    planned = plan(
        session,
        survey_round,
        templates,
        teams=[team],
        with_brief=False,
        lang=lang,
        organiser=organiser,
    )[0]

    def produce() -> bytes:
        data = team_reports(
            session, analysis(), survey_round, [team], lang=lang, organiser=organiser
        )[team.id]
        return jobs.render(Job(data, templates.team.folder, lang, cache / planned.filename)).pdf

    pdf = cached_pdf(cache, planned.fingerprint, produce)
    record(
        session,
        AuditAction.REPORT_DOWNLOAD,
        actor=actor,
        target=team.display_name,
        round=survey_round.name,
        lang=lang,
    )
    return planned.filename, pdf


def download_brief(
    session: Session,
    survey_round: SurveyRound,
    templates: Templates,
    *,
    analysis: Callable[[], RoundAnalysis],
    lang: str,
    organiser: str,
    cache: Path,
    actor: User | None,
) -> tuple[str, bytes]:
    """The round's workshop brief for download: its file name and the PDF, recorded in the
    audit log (``brief.download``); ``analysis`` as for ``download_team_report``."""
    planned = plan(
        session,
        survey_round,
        templates,
        teams=[],
        with_brief=True,
        lang=lang,
        organiser=organiser,
    )[0]

    def produce() -> bytes:
        data = round_brief(
            session, analysis(), survey_round, templates.brief, lang=lang, organiser=organiser
        )
        return jobs.render(Job(data, templates.brief.folder, lang, cache / planned.filename)).pdf

    pdf = cached_pdf(cache, planned.fingerprint, produce)
    record(session, AuditAction.BRIEF_DOWNLOAD, actor=actor, target=survey_round.name, lang=lang)
    return planned.filename, pdf


def note_reports_built(
    session: Session, survey_round: SurveyRound, *, files: int, lang: str, actor: User | None
) -> None:
    """Record a batch of reports built on the command line (``reports.build``)."""
    record(
        session,
        AuditAction.REPORTS_BUILD,
        actor=actor,
        target=survey_round.name,
        files=files,
        lang=lang,
    )
