"""Building many reports at once, in worker processes that are replaced after some jobs.

WeasyPrint's memory grows while one process renders document after document, so each
worker renders at most ``JOBS_PER_WORKER`` reports and is then replaced. Workers start from
a fork server that has already imported WeasyPrint and matplotlib, so a new worker is ready
at once and shares no database connection with the parent.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed

from surveyapp.reporting import jobs as job_module
from surveyapp.reporting.jobs import Job, JobResult

JOBS_PER_WORKER = 20


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def build(
    jobs: Sequence[Job], *, workers: int | None = None, on_done: Callable[[JobResult], None]
) -> list[JobResult]:
    """Run every job, calling ``on_done`` in this process as each file is written.

    With one worker (or one job) everything runs in this process. A job that fails stops the
    batch with its exception; the files written so far stay (each was written atomically).
    """
    workers = workers or default_workers()
    results: list[JobResult] = []
    for result in _results(jobs, workers):
        on_done(result)
        results.append(result)
    return results


def _results(jobs: Sequence[Job], workers: int) -> Iterator[JobResult]:
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield job_module.run(job)
        return
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["surveyapp.reporting.jobs"])
    with ProcessPoolExecutor(
        max_workers=min(workers, len(jobs)),
        mp_context=context,
        max_tasks_per_child=JOBS_PER_WORKER,
    ) as pool:
        futures = [pool.submit(job_module.run, job) for job in jobs]
        try:
            for future in as_completed(futures):
                yield future.result()
        except BaseException:
            for future in futures:
                future.cancel()
            raise
