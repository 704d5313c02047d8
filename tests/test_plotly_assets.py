"""plotly's JavaScript comes from this app: compressed, cached for a year under its version,
and only the dashboard pages relax the style policy that plotly needs."""

from __future__ import annotations

import gzip
from importlib.resources import files

import brotli
import pytest

from surveyapp.views.assets import PLOTLY_FILE, PLOTLY_VERSION

URL = f"/assets/{PLOTLY_FILE}"
ORIGINAL = files("plotly").joinpath("package_data", "plotly.min.js").read_bytes()


def test_the_url_names_the_plotly_js_version_of_the_installed_package():
    assert PLOTLY_VERSION.count(".") == 2
    assert f"plotly.js v{PLOTLY_VERSION}" in ORIGINAL[:200].decode()
    assert PLOTLY_FILE == f"plotly-{PLOTLY_VERSION}.min.js"


@pytest.mark.parametrize(
    ("accept", "encoding", "decode"),
    [
        ("gzip, deflate, br, zstd", "br", brotli.decompress),
        ("gzip, deflate", "gzip", gzip.decompress),
        ("br;q=0, gzip", "gzip", gzip.decompress),
        ("", None, lambda body: body),
    ],
)
def test_plotly_is_served_in_the_best_encoding_the_browser_accepts(
    client, accept, encoding, decode
):
    response = client.get(URL, headers={"Accept-Encoding": accept})
    assert response.status_code == 200
    assert response.headers.get("Content-Encoding") == encoding
    assert "Accept-Encoding" in response.headers["Vary"]
    assert response.mimetype == "text/javascript"
    assert decode(response.get_data()) == ORIGINAL


def test_compressed_plotly_is_well_under_a_third_of_its_size(client):
    response = client.get(URL, headers={"Accept-Encoding": "br"})
    assert len(response.get_data()) < len(ORIGINAL) / 3


def test_plotly_is_cached_for_a_year_and_revalidated_by_its_etag(client):
    first = client.get(URL, headers={"Accept-Encoding": "gzip"})
    assert first.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    again = client.get(
        URL, headers={"Accept-Encoding": "gzip", "If-None-Match": first.headers["ETag"]}
    )
    assert again.status_code == 304 and again.get_data() == b""


def test_no_other_file_is_served_under_the_assets_path(client):
    assert client.get("/assets/plotly-0.0.1.min.js").status_code == 404
    assert client.get("/assets/..%2F__init__.py").status_code == 404
