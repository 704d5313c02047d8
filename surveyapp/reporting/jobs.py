"""One report = one job: its data, its template, its language and where it goes.

Jobs are plain picklable data, so that the batch can hand them to worker processes; a job
draws its charts, renders and writes its file itself, and returns how it went.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from surveyapp.charts import palette
from surveyapp.reporting.figures import brief_charts, team_charts
from surveyapp.reporting.files import write_atomically
from surveyapp.reporting.model import Brief, TeamReport
from surveyapp.reporting.render import RenderedReport, fewer_collections, render_report
from surveyapp.reporting.templates import load_template


@dataclass(frozen=True)
class Job:
    """Render ``data`` with the template in ``template_folder`` to ``target``."""

    data: TeamReport | Brief
    template_folder: Path
    lang: str
    target: Path
    fingerprint: str = ""
    charts: bool = True


@dataclass(frozen=True)
class JobResult:
    target: Path
    fingerprint: str
    pages: int
    seconds: float
    refused: tuple[str, ...]


def context(data: TeamReport | Brief, lang: str, *, charts: bool = True) -> dict[str, Any]:
    """What the template sees: the data, its charts and the fixed sentences."""
    if isinstance(data, TeamReport):
        drawn = team_charts(data, lang) if charts else {}
        return {
            "report": data,
            "meta": data.meta,
            "summary": data.summary,
            "charts": drawn,
            "likert_colours": palette.LIKERT,
        }
    return {"brief": data, "charts": brief_charts(data, lang) if charts else {}}


def render(job: Job) -> RenderedReport:
    """The PDF of a job, without writing it."""
    template = load_template(job.template_folder)
    with fewer_collections():
        drawn = context(job.data, job.lang, charts=job.charts)
        return render_report(template, drawn, lang=job.lang)


def run(job: Job) -> JobResult:
    """Render a job and write its file atomically."""
    started = time.perf_counter()
    rendered = render(job)
    write_atomically(job.target, rendered.pdf)
    return JobResult(
        target=job.target,
        fingerprint=job.fingerprint,
        pages=rendered.pages,
        seconds=time.perf_counter() - started,
        refused=rendered.refused,
    )
