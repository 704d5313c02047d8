"""Reports as PDF: a template folder and plain report data in, PDF bytes out.

Pure: nothing here imports Flask or the database. ``render`` is the one place that calls
WeasyPrint, with a URL fetcher that refuses everything but the template's own files;
``model`` is what a report shows, ``figures`` draws its charts, ``jobs`` and ``batch`` build
files, in worker processes when there are many.
"""

from __future__ import annotations

from surveyapp.reporting.render import RenderedReport, render_html, render_pdf, render_report
from surveyapp.reporting.templates import ReportTemplate, ReportTemplateError, load_template

__all__ = [
    "RenderedReport",
    "ReportTemplate",
    "ReportTemplateError",
    "load_template",
    "render_html",
    "render_pdf",
    "render_report",
]
