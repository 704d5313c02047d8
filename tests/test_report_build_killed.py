"""A report build killed halfway (SIGKILL, workers included) leaves no half-written PDF.

``surveyapp reports build`` runs as a real process on the test's database (SQLite or
PostgreSQL) with two worker processes. As soon as the manifest names a finished report the
whole process group is killed, as a crash or the OOM killer would. Then every PDF in the
folder must open, no temporary file may look like a report, and a second build without
``--force`` must skip what the manifest says is finished, build the rest and clear the
leftovers of the killed writers. A second test kills one writer of a large file while it
writes: the finished file at the final name stays as it was.
"""

from __future__ import annotations

import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pypdf
import pytest

from surveyapp.reporting.files import MANIFEST, leftover_temporaries, remove_leftovers
from tests.report_round import make_report_round

ROOT = Path(__file__).resolve().parent.parent
EVERY_FILE = 4  # three teams and the brief: with two workers, two at most are done at once
DEADLINE = 120  # seconds for a whole build on a busy machine


#: A one-page template: the files are written exactly as with the shipped ones, in seconds.
SMALL_TEMPLATE = {
    "report.yaml": "title: {de: Kurz, en: Short}\n",
    "theme.css": "@page { size: A4 }\n",
    "template.html": '<!DOCTYPE html><html lang="{{ lang }}"><head><meta charset="utf-8">'
    "<title>{{ report_title }}</title></head><body><h1>{{ report_title }}</h1></body></html>",
}


@pytest.fixture
def round_with_teams(factory):
    return make_report_round(factory).survey_round


@pytest.fixture
def templates(tmp_path) -> Path:
    folder = tmp_path / "templates"
    for kind in ("team", "brief"):
        (folder / kind).mkdir(parents=True)
        for name, text in SMALL_TEMPLATE.items():
            (folder / kind / name).write_text(text, encoding="utf-8")
    return folder


def _command(
    db_uri: str, templates: Path, round_id: int, out: Path, *args: str
) -> tuple[list[str], dict]:
    command = [sys.executable, "-c", "from surveyapp.cli import main; main()", "reports"]
    command += ["build", "--round", str(round_id), "--out", str(out), *args]
    env = {**os.environ, "DATABASE_URL": db_uri, "SURVEYAPP_REPORTS": str(templates)}
    env["SECRET_KEY"] = "kill-test-secret-0123456789"
    return command, env


def _manifest(out: Path) -> dict[str, str]:
    try:
        return json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}


def _build_and_kill(db_uri: str, templates: Path, round_id: int, out: Path, log: Path) -> None:
    """Start a build with two workers and SIGKILL its process group after the first file."""
    command, env = _command(db_uri, templates, round_id, out, "--jobs", "2")
    with log.open("w") as output:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + DEADLINE
        while not _manifest(out):
            assert process.poll() is None, f"the build ended before a file:\n{log.read_text()}"
            assert time.monotonic() < deadline, f"no report after {DEADLINE} s:\n{log.read_text()}"
            time.sleep(0.02)
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    # the workers and the fork server die too: nothing writes behind the test's back
    while _living_members(process.pid):
        assert time.monotonic() < deadline + 10, "a worker survived SIGKILL of its group"
        time.sleep(0.02)


def _living_members(group: int) -> list[int]:
    """Processes of the group that still run (a zombie waiting to be reaped writes nothing)."""
    living = []
    for process in psutil.process_iter(["status"]):
        try:
            if os.getpgid(process.pid) == group and process.info["status"] != "zombie":
                living.append(process.pid)
        except (ProcessLookupError, psutil.Error):
            pass
    return living


def assert_complete(pdf: Path) -> None:
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF"), pdf.name
    assert len(pypdf.PdfReader(io.BytesIO(data), strict=True).pages) >= 1, pdf.name


def test_a_build_killed_halfway_leaves_only_whole_reports_and_the_rerun_finishes(
    round_with_teams, templates, db_uri, tmp_path
):
    out = tmp_path / "reports"
    _build_and_kill(db_uri, templates, round_with_teams.id, out, tmp_path / "killed.log")

    finished = _manifest(out)
    pdfs = sorted(out.glob("*.pdf"))
    missing = set(finished) - {pdf.name for pdf in pdfs}
    assert not missing, f"the manifest names reports that were never written: {missing}"
    assert 1 <= len(finished) < EVERY_FILE, "the kill came after the whole build"
    for pdf in pdfs:  # a file at a final name is whole, listed in the manifest or not
        assert_complete(pdf)
    for leftover in leftover_temporaries(out):
        assert not leftover.name.endswith(".pdf") and leftover.name.startswith(".")

    # what a writer killed while writing leaves behind; a stranger's file is not touched
    dead_writer = _a_dead_pid()
    stale = out / f".{next(iter(finished))}.{dead_writer}.abcd1234.tmp"
    stale.write_bytes(b"%PDF-1.7\nhalf a report")
    stranger = out / "notizen.tmp"
    stranger.write_text("not ours")

    command, env = _command(db_uri, templates, round_with_teams.id, out, "--jobs", "2")
    rerun = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=DEADLINE
    )
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    unchanged = set(re.findall(r"^unchanged  .*/([^/]+\.pdf)$", rerun.stdout, re.MULTILINE))
    written = set(re.findall(r"^written    .*/([^/]+\.pdf) ", rerun.stdout, re.MULTILINE))
    assert unchanged == set(finished)  # skipped by their fingerprints
    assert len(written) == EVERY_FILE - len(finished) and not written & unchanged

    manifest = _manifest(out)
    assert set(manifest) == {pdf.name for pdf in out.glob("*.pdf")} == unchanged | written
    assert all(re.fullmatch(r"[0-9a-f]{64}", value) for value in manifest.values())
    assert {name: manifest[name] for name in finished} == finished
    for pdf in out.glob("*.pdf"):
        assert_complete(pdf)
    assert not stale.exists() and not leftover_temporaries(out)
    assert stranger.read_text() == "not ours"

    again = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=DEADLINE
    )
    assert again.returncode == 0 and "up to date" in again.stdout, again.stdout + again.stderr


def _a_dead_pid() -> int:
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def test_a_writer_killed_while_writing_leaves_the_old_file_and_a_hidden_temporary(tmp_path):
    """Killed between creating its temporary file and renaming it, a writer of a large file
    leaves the finished file as it was; the next build removes what it left."""
    target = tmp_path / "2026-herbst_lindenfeld_bericht.pdf"
    target.write_bytes(b"%PDF-1.7 the finished report %%EOF")
    write = (
        "import sys; from pathlib import Path; "
        "from surveyapp.reporting.files import write_atomically; "
        "write_atomically(Path(sys.argv[1]), b'%PDF-1.7' + bytes(64 * 2**20))"
    )
    writer = subprocess.Popen([sys.executable, "-c", write, str(target)], cwd=ROOT)
    deadline = time.monotonic() + DEADLINE
    while not leftover_temporaries(tmp_path):  # the temporary file exists: writing has begun
        assert writer.poll() is None, "the writer ended before it was killed"
        assert time.monotonic() < deadline
        time.sleep(0.001)
    writer.kill()
    writer.wait(timeout=10)

    assert target.read_bytes() == b"%PDF-1.7 the finished report %%EOF"
    [leftover] = leftover_temporaries(tmp_path)
    assert leftover.name.startswith(".") and not leftover.name.endswith(".pdf")
    assert sorted(tmp_path.glob("*.pdf")) == [target]
    assert remove_leftovers(tmp_path) == 1 and not leftover_temporaries(tmp_path)
