"""PDF reports: one team's report against WeasyPrint on the same template without charts,
and a batch of 80 teams on the machine's cores (as ``surveyapp reports build`` does it).

Pure: a synthetic round (80 teams of 4–9 respondents with sampled answers) is analysed and
rendered without a database; the batch includes the analysis, like the command.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from benchmarks._support import ROOT, TreeMemory, own_peak_mib, row, setting
from surveyapp.analysis import analyse_round, frame_from_dict
from surveyapp.demo.answers import sample_answers
from surveyapp.questionnaire import QuestionnaireRegistry
from surveyapp.reporting import batch
from surveyapp.reporting.jobs import Job, render
from surveyapp.reporting.model import ReportMeta
from surveyapp.reporting.team import team_report

#: The batch size; ``BENCH_REPORT_TEAMS=16`` for a quick look on a busy machine.
TEAMS = setting("BENCH_REPORT_TEAMS", 80)
RUNS = setting("BENCH_REPORT_RUNS", 5)
REPORTS = ROOT / "reports"


def _round(teams: int) -> tuple[Any, Any]:
    questionnaire = QuestionnaireRegistry.from_directory(ROOT / "questionnaires").latest(
        "bildungsbuero-reflexion"
    )
    rng = random.Random(2026)
    answers = {
        team: [
            sample_answers(questionnaire, rng, tendency=rng.uniform(-1, 1))
            for _ in range(rng.randint(4, 9))
        ]
        for team in range(1, teams + 1)
    }
    return questionnaire, frame_from_dict(questionnaire, answers)


def _meta(team_id: int, n: int) -> ReportMeta:
    return ReportMeta(
        municipality=f"Stadt {team_id}",
        team=f"Stadt {team_id}",
        round_name="Herbst 2026",
        workshop_date=date(2026, 11, 5),
        respondents=n,
        invited=n + 2,
        k=3,
        organiser="Transferagentur für Großstädte",
    )


def _median_seconds(job: Job) -> float:
    render(job)  # warm: fonts, templates, matplotlib
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        render(job)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def run() -> list[dict[str, Any]]:
    questionnaire, frame = _round(TEAMS)
    analysis = analyse_round(questionnaire, frame, 3)
    team_id = max(analysis.team_ids, key=lambda t: analysis.team_sizes[t])
    report = team_report(analysis.team(team_id), _meta(team_id, analysis.team_sizes[team_id]), "de")
    job = Job(report, REPORTS / "team", "de", Path("unused"))
    full = _median_seconds(job)
    bare = _median_seconds(Job(report, REPORTS / "team", "de", Path("unused"), charts=False))
    pages = render(job).pages
    one_mib = own_peak_mib()

    workers = 2
    with tempfile.TemporaryDirectory() as folder, TreeMemory(os.getpid()) as memory:
        started = time.perf_counter()
        analysis = analyse_round(questionnaire, frame, 3)
        jobs = [
            Job(
                team_report(analysis.team(t), _meta(t, analysis.team_sizes[t]), "de"),
                REPORTS / "team",
                "de",
                Path(folder) / f"team-{t}.pdf",
            )
            for t in analysis.team_ids
        ]
        prepared = time.perf_counter() - started
        written = batch.build(
            jobs, workers=workers, on_done=lambda result: print(".", end="", file=sys.stderr)
        )
        total = time.perf_counter() - started
    return [
        row(
            "team report with all charts (render, median)",
            full,
            "s",
            floor=bare,
            peak_mib=one_mib,
            target="< 1.5 s",
            note=f"{pages} pages, median of {RUNS}; floor: WeasyPrint on the same template "
            "without the charts; peak: this process",
        ),
        row(
            f"batch of {TEAMS} team reports, {workers} worker processes",
            total,
            "s",
            floor=bare * TEAMS / workers,
            peak_mib=memory.peak_mib,
            target="< 60 s",
            note=f"{len(written)} files; analysis and report data {prepared:.1f} s of it; "
            f"floor: {TEAMS} chartless renders ÷ {workers} workers; "
            "peak = this process and its workers",
        ),
    ]
