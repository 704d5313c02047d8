"""Security headers on every page the app serves, enumerated from ``app.url_map``.

Every response, pages, downloads, static files and error pages alike: a
Content-Security-Policy that runs no inline script and loads nothing from elsewhere, framing
refused, no MIME sniffing, a referrer policy, and HSTS when the request came over HTTPS. HTML
pages also hold no inline script, no event-handler attribute and no ``javascript:`` URL, and
style attributes only where the page's policy allows them (the dashboards, for plotly).
"""

from __future__ import annotations

import re

import pytest

from tests.routes import build_route_world, role_clients, rules, url_of

INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>")
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"""(?:href|src|action)\s*=\s*["']?\s*javascript:""", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[^>]+\sstyle\s*=", re.IGNORECASE)
#: endpoints a contact opens (the rest are opened by an admin, participant pages by the link)
CONTACT_ENDPOINTS = {"facilitator.my_teams", "facilitator.contact_team"}


def policy(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


def header_problems(response, *, https: bool) -> list[str]:
    """What is wrong with one response's security headers (empty when nothing)."""
    headers = response.headers
    problems = []
    csp = policy(headers.get("Content-Security-Policy", ""))
    scripts = csp.get("script-src", csp.get("default-src", []))
    if not scripts:
        problems.append("no Content-Security-Policy script source")
    if {"'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:", "https:"} & set(scripts):
        problems.append(f"script-src allows {scripts}")
    for directive, sources in csp.items():
        foreign = [s for s in sources if "." in s or s.endswith(":") and s != "data:"]
        if foreign:
            problems.append(f"{directive} loads from elsewhere: {foreign}")
    if csp.get("frame-ancestors") != ["'none'"] and headers.get("X-Frame-Options") != "DENY":
        problems.append("framing is not refused")
    if csp.get("object-src") != ["'none'"]:
        problems.append("object-src is not 'none'")
    if headers.get("X-Content-Type-Options") != "nosniff":
        problems.append("no X-Content-Type-Options: nosniff")
    if headers.get("Referrer-Policy") not in ("same-origin", "no-referrer", "strict-origin"):
        problems.append(f"Referrer-Policy {headers.get('Referrer-Policy')!r}")
    hsts = headers.get("Strict-Transport-Security", "")
    if https and not re.search(r"max-age=(\d{8,})", hsts):
        problems.append(f"HTTPS without a year of HSTS: {hsts!r}")
    if response.mimetype == "text/html":
        html = response.get_data(as_text=True)
        for name, pattern in (
            ("an inline script", INLINE_SCRIPT),
            ("an event-handler attribute", EVENT_HANDLER),
            ("a javascript: URL", JAVASCRIPT_URL),
        ):
            if pattern.search(html):
                problems.append(f"{name}: {pattern.search(html)[0][:80]}")
        styles = csp.get("style-src", csp.get("default-src", []))
        if "'unsafe-inline'" not in styles and STYLE_ATTRIBUTE.search(html):
            problems.append("a style attribute the policy blocks")
    return problems


@pytest.mark.parametrize("scheme", ["http", "https"])
def test_every_page_carries_the_security_headers(app, session, factory, scheme):
    world = build_route_world(session, factory)
    base_url = f"{scheme}://surveyapp.test"
    clients = role_clients(app, world, ("admin", "contact_a"), base_url)
    wrong, seen = [], set()
    for rule in rules(app, "GET"):
        url = url_of(app, rule, world)
        if rule.endpoint.startswith(("participant.", "main.", "i18n.", "static", "assets.")):
            client = clients["participant"]
        elif rule.endpoint in CONTACT_ENDPOINTS:
            client = clients["contact_a"]
        else:
            client = clients["admin"]
        response = client.get(url, base_url=base_url)
        if response.status_code >= 500:
            wrong.append(f"GET {url}: {response.status_code}")
        for problem in header_problems(response, https=scheme == "https"):
            wrong.append(f"GET {url} ({rule.endpoint}, {response.status_code}): {problem}")
        seen.add(response.mimetype)
        response.close()
    assert not wrong, "\n".join(wrong)
    assert {"text/html", "text/css", "text/csv"} <= seen, seen


@pytest.mark.parametrize(
    ("method", "url", "data"),
    [
        ("GET", "/no-such-page", None),  # 404
        ("GET", "/s/unknown-link", None),  # 404 of the participant side
        ("GET", "/f/audit", None),  # 302 to the login
        ("POST", "/f/", {}),  # 405
        ("GET", "/healthz", None),  # JSON
    ],
)
def test_error_pages_and_redirects_carry_them_too(client, method, url, data):
    response = client.open(url, method=method, data=data, base_url="https://surveyapp.test")
    assert response.status_code < 500
    assert header_problems(response, https=True) == []


def test_the_inline_checks_catch_what_they_are_for():
    """The detector itself: an inline script, a handler, a javascript: link are found."""
    from werkzeug.wrappers import Response

    headers = {
        "Content-Security-Policy": "default-src 'self'; object-src 'none'; frame-ancestors 'none'",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
    }
    clean = Response(
        '<p>ok</p><script src="/a.js"></script>', headers=headers, mimetype="text/html"
    )
    assert header_problems(clean, https=False) == []
    for html in (
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        '<a href="javascript:alert(1)">x</a>',
        '<p style="color:red">x</p>',
    ):
        response = Response(html, headers=headers, mimetype="text/html")
        assert header_problems(response, https=False), html
    assert header_problems(Response("x", headers=headers), https=True)  # no HSTS
