"""plotly's JavaScript, served by the app itself from the installed plotly package.

Municipal networks and data protection rules expect that no page loads anything from
another host, so the dashboards never use a CDN. The file is served compressed (brotli or
gzip, as the browser accepts) under a URL that names plotly.js's version, and may be kept
by the browser for a year: a new plotly version is a new URL.

The installed plotly ships only the full bundle (``package_data/plotly.min.js``, 4.8 MB,
1.2 MB with brotli); a partial bundle would be smaller but is not part of the package.
"""

from __future__ import annotations

from importlib.resources import files

from flask import Blueprint, Response, abort, request
from plotly.offline import get_plotlyjs_version

from surveyapp.compression import ENCODINGS, CompressedFile

bp = Blueprint("assets", __name__, url_prefix="/assets")

PLOTLY_VERSION = get_plotlyjs_version()
PLOTLY_FILE = f"plotly-{PLOTLY_VERSION}.min.js"
ONE_YEAR = 365 * 24 * 3600

_plotly = CompressedFile(
    lambda: files("plotly").joinpath("package_data", "plotly.min.js").read_bytes()
)


def _choose_encoding() -> str:
    accepted = request.accept_encodings
    for encoding in ENCODINGS:
        if accepted[encoding] > 0:  # quality 0 means "not this one"
            return encoding
    return "identity"


@bp.get("/<string:filename>")
def plotly_js(filename: str) -> Response:
    """Serve plotly.min.js of the installed version; any other name is unknown here."""
    if filename != PLOTLY_FILE:
        abort(404)
    encoding = _choose_encoding()
    etag = f"plotly-{PLOTLY_VERSION}-{encoding}"
    headers = {
        "Cache-Control": f"public, max-age={ONE_YEAR}, immutable",
        "Vary": "Accept-Encoding",
        "ETag": f'"{etag}"',
    }
    if request.if_none_match.contains(etag):
        return Response(status=304, headers=headers)
    body = _plotly.variant(encoding)
    response = Response(body, mimetype="text/javascript", headers=headers)
    if encoding != "identity":
        response.headers["Content-Encoding"] = encoding
    return response
