"""Every page the app serves is well-formed HTML, enumerated from ``app.url_map``.

Each HTML response (pages and error pages, for the role that may open it) is parsed with
html5lib in strict mode, which follows the HTML standard's parsing algorithm and fails on
every parse error (a stray end tag, an unclosed element, a bad attribute, a missing
doctype). On top: a ``lang`` on ``<html>``, a ``<title>``, ids that are unique, and every
reference to an id (``label for``, ``aria-labelledby``/``-describedby``/``-controls``, a
``#fragment`` link) pointing at an element that exists, so that a label or an error
summary never points at nothing.
"""

from __future__ import annotations

import html5lib
import pytest

from tests.routes import build_route_world, role_clients, rules, url_of
from tests.test_participant_views import save

NS = "{http://www.w3.org/1999/xhtml}"
#: endpoints a contact opens (the rest are opened by an admin, participant pages by the link)
CONTACT_ENDPOINTS = {"facilitator.my_teams", "facilitator.contact_team"}
#: pages the walk must really see (answered 200), so that it cannot pass by seeing nothing
MUST_BE_SHOWN = {
    "participant.section",
    "participant.review",
    "participant.info",
    "facilitator.round_detail",
    "facilitator.team_detail",
    "facilitator.results_overview",
    "facilitator.results_team",
    "facilitator.results_compare",
    "facilitator.preview_section",
    "facilitator.contact_team",
    "facilitator.audit_log",
    "main.privacy",
}
REFERENCES = ("aria-labelledby", "aria-describedby", "aria-controls")


def html_problems(text: str) -> list[str]:
    """What is wrong with one page's HTML (empty when nothing)."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=True)
    try:
        document = parser.parse(text)
    except html5lib.html5parser.ParseError as error:
        line, column = parser.errors[-1][0] if parser.errors else ("?", "?")
        return [f"parse error at {line}:{column}: {error}"]
    problems = []
    if not text.lstrip().lower().startswith("<!doctype html>"):
        problems.append("no <!DOCTYPE html>")
    if not document.get("lang"):
        problems.append("<html> without lang")
    title = document.find(f"{NS}head/{NS}title")
    if title is None or not "".join(title.itertext()).strip():
        problems.append("no <title>")
    ids: dict[str, int] = {}
    for element in document.iter():
        if element.get("id"):
            ids[element.get("id")] = ids.get(element.get("id"), 0) + 1
    problems += [f"id {name!r} used {count} times" for name, count in ids.items() if count > 1]
    for element in document.iter():
        tag = str(element.tag).removeprefix(NS)
        wanted = []
        if tag == "label" and element.get("for"):
            wanted.append(("for", element.get("for")))
        for attribute in REFERENCES:
            wanted += [(attribute, name) for name in (element.get(attribute) or "").split()]
        href = element.get("href") or ""
        if tag == "a" and href.startswith("#") and len(href) > 1:
            wanted.append(("href", href[1:]))
        problems += [
            f"<{tag} {attribute}=…{name!r}> points at no element"
            for attribute, name in wanted
            if name not in ids
        ]
    return problems


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_page_is_well_formed_html_whose_references_resolve(app, session, factory, language):
    world = build_route_world(session, factory)
    clients = role_clients(app, world, ("admin", "facilitator_x", "contact_a"))
    wrong, shown = [], set()
    for rule in rules(app, "GET"):
        if rule.endpoint == "auth.logout":
            continue
        url = url_of(app, rule, world)
        if rule.endpoint.startswith(("participant.", "main.", "i18n.", "static", "assets.")):
            client = clients["participant"]
        elif rule.endpoint in CONTACT_ENDPOINTS or rule.endpoint.startswith("facilitator.my_"):
            client = clients["contact_a"]
        elif rule.endpoint.startswith("facilitator.") and "audit" not in rule.endpoint:
            client = clients["facilitator_x"]
        else:
            client = clients["admin"]
        client.set_cookie("lang", language)
        response = client.get(url)
        if response.mimetype == "text/html":
            if response.status_code == 200:
                shown.add(rule.endpoint)
            for problem in html_problems(response.get_data(as_text=True)):
                wrong.append(f"GET {url} ({rule.endpoint}, {response.status_code}): {problem}")
        response.close()
    assert not wrong, "\n".join(wrong)
    assert MUST_BE_SHOWN <= shown, MUST_BE_SHOWN - shown


@pytest.mark.parametrize("url", ["/no-such-page", "/s/unknown-link", "/login"])
def test_error_pages_and_the_login_are_well_formed_too(client, url):
    response = client.get(url)
    assert response.mimetype == "text/html"
    assert html_problems(response.get_data(as_text=True)) == []


@pytest.mark.parametrize(
    ("section", "fields", "status"),
    [
        ("strengths", {"q_strength_biggest": "x" * 1001}, 422),  # error summary and message
        ("goals", {}, 200),  # a page left empty: the question whether to go on
    ],
)
def test_a_participant_page_that_comes_back_is_well_formed_and_its_links_resolve(
    client, invitation, section, fields, status
):
    _, token = invitation
    response = save(client, token, section, fields)
    assert response.status_code == status
    assert 'role="alert"' in response.text
    assert html_problems(response.text) == []


GOOD = (
    '<!DOCTYPE html><html lang="de"><head><title>T</title></head><body>'
    '<label for="a">A</label><input id="a" aria-describedby="h"><p id="h">x</p>'
    '<a href="#a">to a</a></body></html>'
)


@pytest.mark.parametrize(
    ("broken", "found"),
    [
        (GOOD.replace("<!DOCTYPE html>", ""), "parse error"),
        (GOOD.replace("</p>", "</p></div>"), "parse error"),
        (GOOD.replace('<p id="h">', '<p id="h" class="x" class="y">'), "parse error"),
        (GOOD.replace(' lang="de"', ""), "without lang"),
        (GOOD.replace("<title>T</title>", ""), "no <title>"),
        (GOOD.replace('id="h"', 'id="a"'), "used 2 times"),
        (GOOD.replace('for="a"', 'for="b"'), "points at no element"),
        (GOOD.replace('aria-describedby="h"', 'aria-describedby="h z"'), "points at no"),
        (GOOD.replace('href="#a"', 'href="#nowhere"'), "points at no element"),
    ],
)
def test_the_checker_finds_what_it_is_for(broken, found):
    assert html_problems(GOOD) == []
    assert any(found in problem for problem in html_problems(broken)), html_problems(broken)
