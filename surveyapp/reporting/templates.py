"""Report templates: a folder with ``template.html``, ``theme.css`` and ``report.yaml``.

``reports/team/`` and ``reports/brief/`` are data beside the package, like the
questionnaires: a facilitator's agency may restyle them without touching the code. The
folder ``reports/common/`` holds what both use (the base stylesheet and macros). A
template's hash covers every file it may use, so a changed template rebuilds its reports.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import yaml
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent
from babel.support import NullTranslations, Translations
from markupsafe import Markup

from surveyapp.charts.print.likert import diverging

LANGUAGES = ("de", "en")
TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"
SHARED = "common"


class ReportTemplateError(Exception):
    """A report template folder is missing a file or its metadata is wrong."""


@dataclass(frozen=True)
class ReportTemplate:
    """A loaded template folder: where it is, what its metadata says, and its hash."""

    folder: Path
    name: str
    title: Mapping[str, str]
    version: int
    digest: str
    shared: Path | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def folders(self) -> tuple[Path, ...]:
        """The folders the renderer may read from: its own, then the shared one."""
        return (self.folder,) if self.shared is None else (self.folder, self.shared)

    def title_in(self, lang: str) -> str:
        return self.title.get(lang) or self.title["de"]


def load_template(folder: Path | str) -> ReportTemplate:
    """Read a template folder and check that it holds what the renderer needs."""
    folder = Path(folder).resolve()
    for required in ("template.html", "theme.css", "report.yaml"):
        if not (folder / required).is_file():
            raise ReportTemplateError(f"{folder}: {required} is missing")
    meta = yaml.safe_load((folder / "report.yaml").read_text(encoding="utf-8")) or {}
    if not isinstance(meta, dict) or not isinstance(meta.get("title"), dict):
        raise ReportTemplateError(f"{folder / 'report.yaml'}: needs a title with de and en")
    if set(meta["title"]) != set(LANGUAGES):
        raise ReportTemplateError(f"{folder / 'report.yaml'}: title needs exactly de and en")
    shared = folder.parent / SHARED
    shared_folder = shared if shared.is_dir() else None
    return ReportTemplate(
        folder=folder,
        name=str(meta.get("name") or folder.name),
        title=meta["title"],
        version=int(meta.get("version", 1)),
        digest=folders_digest((folder, shared_folder) if shared_folder else (folder,)),
        shared=shared_folder,
        extra={k: v for k, v in meta.items() if k not in {"name", "title", "version"}},
    )


def folders_digest(folders: tuple[Path, ...]) -> str:
    """sha256 over every file's relative path and content, in a fixed order."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(f"{folder.name}/{path.relative_to(folder).as_posix()}\0".encode())
            digest.update(path.read_bytes())
            digest.update(b"\0")
    return digest.hexdigest()


@cache
def translations(lang: str) -> NullTranslations:
    """The app's own catalogue (German source strings; English from messages.po)."""
    if lang == "de":
        return NullTranslations()
    return Translations.load(str(TRANSLATIONS), [lang], domain="messages")


def environment(template: ReportTemplate, lang: str) -> jinja2.Environment:
    """A Jinja2 environment that escapes everything and speaks ``lang``.

    One per template folders and language, kept: it keeps the compiled templates (compiling
    the team report's took about 0.04 s per report) and recompiles a file that changed."""
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported report language {lang!r}; use one of {LANGUAGES}")
    return _environment(template.folders, lang)


@cache
def _environment(folders: tuple[Path, ...], lang: str) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(f) for f in folders]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(translations(lang), newstyle=True)
    env.filters.update(
        decimal=lambda value, digits=1: number(value, lang, digits),
        percent=lambda value: format_percent(value, locale=lang),
        longdate=lambda value: (
            format_date(value, format="long", locale=lang) if isinstance(value, date) else ""
        ),
        css_string=css_string,
        diverging=diverging,
    )
    return env


def css_string(value: object) -> Markup:
    """A quoted CSS string that no text can break out of (for page headers and footers)."""
    safe = " .,;:–-()"
    escaped = "".join(c if c.isalnum() or c in safe else f"\\{ord(c):x} " for c in str(value))
    return Markup(f'"{escaped}"')


def number(value: float | int | None, lang: str, digits: int = 1) -> str:
    """A number as the reader's language writes it (4,2 in German), or a dash."""
    if value is None:
        return "–"
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    return format_decimal(value, format=pattern, locale=lang)
