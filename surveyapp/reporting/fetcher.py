"""The only URL fetcher WeasyPrint gets: the report template's own files, nothing else.

A report shows answers that anybody with an invitation link could type, so nothing in it
may make the renderer reach out: no web address, no file outside the template folder, no
other scheme. Charts arrive as ``data:`` URIs of SVG (and PNG) images, which need no fetch
of their own; everything else is refused and noted in ``refused``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

log = logging.getLogger(__name__)

#: Inline images the charts use; anything else inline (HTML, scripts) is refused too.
ALLOWED_DATA_TYPES = ("data:image/svg+xml", "data:image/png")


class ReportFetchRefused(ValueError):
    """A report asked for something outside its template folder."""


class TemplateFilesFetcher(URLFetcher):
    """Serve files from the given folders (by real path) and inline images; refuse the rest."""

    def __init__(self, *folders: Path) -> None:
        super().__init__(timeout=1, allowed_protocols=("file", "data"), allow_redirects=False)
        self.roots = tuple(folder.resolve() for folder in folders)
        self.refused: list[str] = []

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        if url.startswith("data:"):
            if url.lower().startswith(ALLOWED_DATA_TYPES):
                return super().fetch(url, headers)
            return self._refuse(url)
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            return self._refuse(url)
        path = Path(unquote(parts.path)).resolve()
        if not path.is_file() or not any(path.is_relative_to(root) for root in self.roots):
            return self._refuse(url)
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), _content_type(path))

    def _refuse(self, url: str) -> URLFetcherResponse:
        shown = url if len(url) < 120 else url[:117] + "…"
        self.refused.append(shown)
        log.warning("report asked for %s; refused (only its template's own files)", shown)
        raise ReportFetchRefused(f"refused: {shown}")


def _content_type(path: Path) -> dict[str, str]:
    types = {
        ".css": "text/css",
        ".svg": "image/svg+xml",
        ".png": "image/png",
        ".woff2": "font/woff2",
        ".ttf": "font/ttf",
        ".otf": "font/otf",
    }
    return {"Content-Type": types.get(path.suffix.lower(), "application/octet-stream")}
