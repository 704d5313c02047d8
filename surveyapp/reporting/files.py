"""File names, fingerprints and writing report files so that a reader never sees half a PDF."""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path

#: Bump when the code that turns results into a report changes what a report shows.
REPORT_FORMAT = "1"
MANIFEST = ".surveyapp-reports.json"

_UMLAUTS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}
)


def slug(text: str) -> str:
    """A lower-case ASCII file-name part: „Herbst 2026“ → ``herbst-2026``, „Lüdenscheid“ →
    ``luedenscheid``."""
    ascii_text = (
        unicodedata.normalize("NFKD", text.translate(_UMLAUTS)).encode("ascii", "ignore").decode()
    )
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


def round_slug(round_name: str) -> str:
    """The round's part of a file name, year first so that files sort by time:
    „Herbst 2026“ → ``2026-herbst``."""
    parts = slug(round_name).split("-")
    years = [p for p in parts if re.fullmatch(r"(19|20)\d\d", p)]
    if len(years) == 1 and parts[0] != years[0]:
        parts.remove(years[0])
        parts.insert(0, years[0])
    return "-".join(parts)


def team_filename(round_name: str, team_name: str, lang: str = "de") -> str:
    """``2026-herbst_lindenfeld_bericht.pdf`` (``_report.pdf`` in English)."""
    word = "report" if lang == "en" else "bericht"
    return f"{round_slug(round_name)}_{slug(team_name)}_{word}.pdf"


def brief_filename(round_name: str, lang: str = "de") -> str:
    """``2026-herbst_workshop-unterlage.pdf`` (``_workshop-brief.pdf`` in English)."""
    word = "workshop-brief" if lang == "en" else "workshop-unterlage"
    return f"{round_slug(round_name)}_{word}.pdf"


def fingerprint(*parts: object) -> str:
    """sha256 over the given inputs (round fingerprint, template hash, language, names …)."""
    digest = hashlib.sha256(REPORT_FORMAT.encode())
    for part in parts:
        digest.update(b"\0" + str(part).encode())
    return digest.hexdigest()


#: ``.<final name>.<writer's pid>.<random>.tmp``: hidden, and never ending in ``.pdf``
_TEMPORARY = re.compile(r"\.(?P<final>.+)\.(?P<pid>\d+)\.[A-Za-z0-9_]+\.tmp")


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path`` and rename it into place.

    A reader sees the old file or the whole new one; a writer killed halfway leaves only a
    hidden temporary file named after its process, which ``remove_leftovers`` clears.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def leftover_temporaries(folder: Path) -> list[Path]:
    """The temporary files of ``write_atomically`` in ``folder``, finished or not."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if _TEMPORARY.fullmatch(p.name))


def remove_leftovers(folder: Path) -> int:
    """Delete the temporary files whose writer no longer runs (killed halfway); say how many.

    A file of a writer that still runs (another build into the same folder) stays.
    """
    removed = 0
    for temporary in leftover_temporaries(folder):
        match = _TEMPORARY.fullmatch(temporary.name)
        assert match is not None
        if not _running(int(match["pid"])):
            temporary.unlink(missing_ok=True)
            removed += 1
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        pass
    return True


class Manifest:
    """The fingerprints of the files in an output folder, kept in a hidden JSON file."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / MANIFEST
        try:
            loaded = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            loaded = {}
        self.entries: dict[str, str] = loaded if isinstance(loaded, dict) else {}

    def is_current(self, filename: str, wanted: str) -> bool:
        """The file exists and was built from exactly these inputs."""
        return self.entries.get(filename) == wanted and (self.path.parent / filename).is_file()

    def record(self, entries: Iterable[tuple[str, str]]) -> None:
        self.entries.update(entries)
        write_atomically(self.path, json.dumps(self.entries, indent=1, sort_keys=True).encode())


def cached_pdf(folder: Path, key: str, produce: Callable[[], bytes]) -> bytes:
    """The file ``<key>.pdf`` in ``folder`` if it exists, else ``produce()`` written there.

    ``key`` is the fingerprint of everything the PDF shows, so a cached file is never stale;
    every app process (and the command line) can share the folder.
    """
    if not re.fullmatch(r"[0-9a-f]{16,64}", key):
        raise ValueError("cache keys are hex fingerprints")
    path = folder / f"{key}.pdf"
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    data = produce()
    write_atomically(path, data)
    return data
