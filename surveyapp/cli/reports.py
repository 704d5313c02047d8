"""``surveyapp reports build``: every team's report and the workshop brief as PDF files."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from tqdm import tqdm

from surveyapp.cli.rounds import find_round
from surveyapp.cli.transaction import in_transaction
from surveyapp.db import db
from surveyapp.models import SurveyRound
from surveyapp.operations import reports as report_ops
from surveyapp.reporting import batch
from surveyapp.reporting.files import Manifest, remove_leftovers
from surveyapp.reporting.jobs import Job, JobResult
from surveyapp.views import organiser

reports_cli = AppGroup("reports", help="Build the PDF reports of a round.")


@reports_cli.command("build")
@click.option("--round", "round_id", required=True, type=int, help="The round's id.")
@click.option("--team", "team_ids", multiple=True, type=int, help="Only this team (repeatable).")
@click.option("--brief", "only_brief", is_flag=True, help="The workshop brief (facilitators).")
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the PDF files (created if missing).",
)
@click.option("--lang", type=click.Choice(["de", "en"]), default="de", show_default=True)
@click.option(
    "--jobs",
    "workers",
    type=click.IntRange(min=1),
    help="Worker processes (default: one per core).",
)
@click.option("--force", is_flag=True, help="Rebuild files whose inputs did not change.")
@in_transaction
def build_command(
    round_id: int,
    team_ids: tuple[int, ...],
    only_brief: bool,
    out: Path,
    lang: str,
    workers: int | None,
    force: bool,
) -> None:
    """Build each team's report and the brief; unchanged ones are skipped.

    Without --team and --brief, every team of the round and the brief are built. A report
    is rebuilt only when its answers, the template, the language or its cover changed.
    """
    started = time.perf_counter()
    survey_round = find_round(round_id)
    teams = report_ops.teams_of(survey_round)
    if team_ids:
        known = {team.id: team for team in teams}
        unknown = [str(t) for t in team_ids if t not in known]
        if unknown:
            raise click.ClickException(f"--team: round {round_id} has no team {', '.join(unknown)}")
        teams = [known[t] for t in team_ids]
    elif only_brief:
        teams = []
    with_brief = only_brief or not team_ids
    templates = report_ops.Templates.load(current_app.config["SURVEYAPP_REPORTS"])
    name = organiser().name
    planned = report_ops.plan(
        db.session,
        survey_round,
        templates,
        teams=teams,
        with_brief=with_brief,
        lang=lang,
        organiser=name,
    )
    manifest = Manifest(out)
    if removed := remove_leftovers(out):
        click.echo(f"removed {removed} temporary file(s) of an interrupted build")
    stale = [p for p in planned if force or not manifest.is_current(p.filename, p.fingerprint)]
    for item in planned:
        if item not in stale:
            click.echo(f"unchanged  {out / item.filename}")
    if not stale:
        click.echo(f"All {len(planned)} reports are up to date.")
        return
    jobs = _jobs(survey_round, stale, templates, out, lang, name)
    progress = tqdm(total=len(jobs), unit="PDF", desc="Rendering", file=sys.stderr)

    def done(result: JobResult) -> None:
        manifest.record([(result.target.name, result.fingerprint)])
        progress.update()
        progress.write(
            f"written    {result.target}  ({result.pages} pages, {result.seconds:.1f} s)"
        )

    try:
        batch.build(jobs, workers=workers, on_done=done)
    finally:
        progress.close()
    report_ops.note_reports_built(db.session, survey_round, files=len(jobs), lang=lang, actor=None)
    click.echo(
        f"{len(jobs)} written, {len(planned) - len(jobs)} unchanged, in "
        f"{time.perf_counter() - started:.1f} s."
    )


def _jobs(
    survey_round: SurveyRound,
    stale: list[report_ops.Planned],
    templates: report_ops.Templates,
    out: Path,
    lang: str,
    name: str,
) -> list[Job]:
    """Load and analyse the round once, then one job per stale report."""
    analysis = report_ops.analysed(
        db.session, current_app.extensions["questionnaires"], survey_round
    )
    wanted = {p.team_id for p in stale if p.kind == report_ops.TEAM}
    teams = [t for t in report_ops.teams_of(survey_round) if t.id in wanted]
    data = report_ops.team_reports(
        db.session, analysis, survey_round, teams, lang=lang, organiser=name
    )
    jobs: list[Job] = []
    for item in stale:
        if item.kind == report_ops.TEAM:
            report, folder = data[item.team_id], templates.team.folder
        else:
            report = report_ops.round_brief(
                db.session, analysis, survey_round, templates.brief, lang=lang, organiser=name
            )
            folder = templates.brief.folder
        jobs.append(Job(report, folder, lang, out / item.filename, item.fingerprint))
    return jobs
