"""The one place that calls WeasyPrint: a template and its context in, PDF bytes out."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

from surveyapp.reporting.fetcher import TemplateFilesFetcher
from surveyapp.reporting.templates import ReportTemplate, environment

#: Tagged PDF (structure tree, figure alt text, document language and title in the metadata).
PDF_VARIANT = "pdf/ua-1"

#: While a document is laid out, the young generation is collected only every this many
#: allocations: WeasyPrint allocates hundreds of thousands of short-lived objects (boxes,
#: Pango layouts), and with Python's default (700) a third of a report's CPU time went to
#: collections that found almost nothing (measured, see README "Reports (PDF)").
RENDER_GC_THRESHOLD = 100_000
_gc_lock = threading.Lock()

#: One font configuration per thread, kept from report to report: a new one per document
#: starts Pango's font map and its caches cold (about 6 % of a report's render time). The
#: reports use no @font-face, so nothing of one document stays in it for the next.
_fonts = threading.local()
_gc_users = 0
_gc_saved: tuple[int, ...] = gc.get_threshold()


@dataclass(frozen=True)
class RenderedReport:
    """The PDF, how many pages it has, and what the fetcher refused (normally nothing)."""

    pdf: bytes
    pages: int
    refused: tuple[str, ...]


def render_html(template: ReportTemplate, context: Mapping[str, Any], *, lang: str) -> str:
    """The template's HTML for ``context``, every value escaped."""
    env = environment(template, lang)
    return env.get_template("template.html").render(
        **context, lang=lang, report_title=template.title_in(lang)
    )


def render_pdf(template: ReportTemplate, context: Mapping[str, Any], *, lang: str) -> bytes:
    """Render ``template`` with ``context`` in ``lang`` to PDF bytes."""
    return render_report(template, context, lang=lang).pdf


def render_report(
    template: ReportTemplate, context: Mapping[str, Any], *, lang: str
) -> RenderedReport:
    """Render and also say how many pages came out and what was refused."""
    return html_to_pdf(render_html(template, context, lang=lang), template)


def html_to_pdf(html: str, template: ReportTemplate) -> RenderedReport:
    """Lay out ``html`` with the template folder as its only source of files.

    Each document has its own image cache (WeasyPrint's default): a cache shared across
    documents kept every report's charts (their ``data:`` URIs) until the worker ended."""
    fetcher = TemplateFilesFetcher(*template.folders)
    with fewer_collections():
        document = HTML(
            string=html, base_url=template.folder.as_uri() + "/", url_fetcher=fetcher
        ).render(pdf_variant=PDF_VARIANT, font_config=_font_config())
        pdf = document.write_pdf(pdf_variant=PDF_VARIANT)
    return RenderedReport(pdf=pdf, pages=len(document.pages), refused=tuple(fetcher.refused))


def _font_config() -> FontConfiguration:
    """This thread's font configuration, made on its first report."""
    config = getattr(_fonts, "config", None)
    if config is None:
        config = _fonts.config = FontConfiguration()
    return config


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Raise the young generation's threshold while any thread renders (or draws the
    charts of a report), then restore it."""
    global _gc_users, _gc_saved
    with _gc_lock:
        if _gc_users == 0:
            _gc_saved = gc.get_threshold()
            gc.set_threshold(RENDER_GC_THRESHOLD, *_gc_saved[1:])
        _gc_users += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_users -= 1
            if _gc_users == 0:
                gc.set_threshold(*_gc_saved)
