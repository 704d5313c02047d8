"""What every benchmark module shares: the row format, ratios, peak memory, a gunicorn.

The convention (see benchmarks/README.md): a module ``benchmarks/<name>.py`` exposes
``run() -> list[dict]``; each dict is made by :func:`row`. ``python -m benchmarks`` finds
every such module, runs it and prints one table.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import resource
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def setting(name: str, default: int) -> int:
    """A size or duration knob from the environment (``BENCH_…``, listed in
    benchmarks/README.md); the default is what ``make bench`` measures."""
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw else default


def row(
    name: str,
    value: float,
    unit: str,
    *,
    floor: float | None = None,
    peak_mib: float | None = None,
    target: str = "",
    note: str = "",
) -> dict[str, Any]:
    """One line of the table: a figure, its floor in the same unit, and value ÷ floor.

    The floor is what the same machine does for the same measure with the app's work left
    out (a bare endpoint, building the DataFrame, WeasyPrint without charts): the ratio
    stays comparable when the machine is busy, the absolute figure does not.
    """
    ratio = value / floor if floor else None
    return {
        "name": name,
        "value": round(value, 3),
        "unit": unit,
        "floor": None if floor is None else round(floor, 3),
        "ratio": None if ratio is None else round(ratio, 3),
        "peak_mib": None if peak_mib is None else round(peak_mib, 1),
        "target": target,
        "note": note,
    }


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (0 < p < 100), interpolated; the single value for one sample."""
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(p) - 1]


def own_peak_mib() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class TreeMemory:
    """Samples the resident memory of a process and its children; keeps the peak sum."""

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        self.pid = pid
        self.interval = interval
        self.peak_mib = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                parent = psutil.Process(self.pid)
                processes = [parent, *parent.children(recursive=True)]
                total = sum(p.memory_info().rss for p in processes if p.is_running())
                self.peak_mib = max(self.peak_mib, total / 2**20)
            except psutil.Error:
                pass
            self._stop.wait(self.interval)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def limiter_env() -> dict[str, str]:
    """Rate limits as in production: shared in Redis when it answers on 127.0.0.1:6379
    (several workers on ``memory://`` are refused), otherwise switched off."""
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            pass
    except OSError:
        return {"RATELIMIT_ENABLED": "0"}
    return {"RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def gunicorn(
    app_spec: str, env: dict[str, str], probe: str, workers: int = 2
) -> Iterator[tuple[int, subprocess.Popen]]:
    """Run gunicorn with sync workers on a free loopback port; yield (port, process)."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--workers",
        str(workers),
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        app_spec,
    ]
    process = subprocess.Popen(
        command, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), **env}
    )
    try:
        deadline = time.monotonic() + 120  # importing the app is slow on a busy machine
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                connection.request("GET", probe)
                if connection.getresponse().status < 500:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError(f"gunicorn did not start: {' '.join(command)}")
            time.sleep(0.1)
        yield port, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
