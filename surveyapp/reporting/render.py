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

#: No cyclic garbage collection while a document is drawn and laid out, then one collection
#: of the young generation only: WeasyPrint allocates hundreds of thousands of objects
#: (boxes, Pango layouts; about 130,000 of them end up as cyclic garbage per team report).
#: With Python's default threshold (700) a third of a report's CPU time went to collections
#: that found almost nothing; with a raised threshold (100,000) the collections moved
#: everything that was still in use into the older generations and the next collection of
#: those took up to 0.6 s. Without collections everything the report made stays young, and
#: one collection of the young generation afterwards (0.05–0.1 s) frees it all (measured,
#: see README "Reports (PDF)").
_gc_lock = threading.Lock()

#: One font configuration per thread, kept from report to report: a new one per document
#: starts Pango's font map and its caches cold (about 6 % of a report's render time). The
#: reports use no @font-face, so nothing of one document stays in it for the next.
_fonts = threading.local()
_gc_users = 0
_gc_was_enabled = True


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
        # In a function of its own, so that the document is garbage when the block ends.
        pdf, pages = _lay_out(html, template, fetcher)
    return RenderedReport(pdf=pdf, pages=pages, refused=tuple(fetcher.refused))


def _lay_out(
    html: str, template: ReportTemplate, fetcher: TemplateFilesFetcher
) -> tuple[bytes, int]:
    document = HTML(
        string=html, base_url=template.folder.as_uri() + "/", url_fetcher=fetcher
    ).render(pdf_variant=PDF_VARIANT, font_config=_font_config())
    return document.write_pdf(pdf_variant=PDF_VARIANT), len(document.pages)


def _font_config() -> FontConfiguration:
    """This thread's font configuration, made on its first report."""
    config = getattr(_fonts, "config", None)
    if config is None:
        config = _fonts.config = FontConfiguration()
    return config


@contextmanager
def fewer_collections() -> Iterator[None]:
    """No cyclic garbage collection while any thread renders (or draws the charts of a
    report); when the last one is done, one collection of the young generation."""
    global _gc_users, _gc_was_enabled
    with _gc_lock:
        if _gc_users == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_users += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_users -= 1
            last = _gc_users == 0
            if last and _gc_was_enabled:
                gc.enable()
        if last:
            gc.collect(0)
