"""Building many reports at once, in worker processes that are replaced after some jobs.

WeasyPrint's memory grows while one process renders document after document, so each
worker renders at most ``JOBS_PER_WORKER`` reports and is then replaced. Workers start from
a fork server that has already imported WeasyPrint and matplotlib, so a new worker is ready
at once and shares no database connection with the parent.

The pool is ``multiprocessing.Pool``, not ``concurrent.futures.ProcessPoolExecutor``: on
Python 3.11–3.13 the executor's ``max_tasks_per_child`` stops replacing workers once they
reach their limit and the batch hangs (CPython gh-115634; a batch of 80 reports on two
workers stopped after 40).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence

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
    jobs: Sequence[Job],
    *,
    workers: int | None = None,
    on_done: Callable[[JobResult], None],
    jobs_per_worker: int = JOBS_PER_WORKER,
) -> list[JobResult]:
    """Run every job, calling ``on_done`` in this process as each file is written.

    With one worker (or one job) everything runs in this process. A job that fails stops the
    batch with its exception; the files written so far stay (each was written atomically).
    """
    workers = workers or default_workers()
    results: list[JobResult] = []
    for result in _results(jobs, workers, jobs_per_worker):
        on_done(result)
        results.append(result)
    return results


def _results(jobs: Sequence[Job], workers: int, jobs_per_worker: int) -> Iterator[JobResult]:
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield job_module.run(job)
        return
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["surveyapp.reporting.jobs"])
    # Leaving the block (also by an exception from a job) terminates the workers.
    with context.Pool(processes=min(workers, len(jobs)), maxtasksperchild=jobs_per_worker) as pool:
        yield from pool.imap_unordered(job_module.run, jobs)
