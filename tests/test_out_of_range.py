"""Numbers out of range never reach the database: ids in addresses, k, dates."""

from __future__ import annotations

import pytest
from werkzeug.routing import IntegerConverter

from surveyapp.views.converters import MAX_ID, IdConverter
from tests.factories import login

TOO_LARGE = [MAX_ID + 1, 2**63, 2**64 + 5]


def test_every_id_in_an_address_is_bounded_by_the_id_converter(app):
    unbounded = [
        f"{rule.rule} ({name})"
        for rule in app.url_map.iter_rules()
        for name, converter in rule._converters.items()
        if isinstance(converter, IntegerConverter) and not isinstance(converter, IdConverter)
    ]
    assert unbounded == []
    ids = [
        name
        for rule in app.url_map.iter_rules()
        for name, converter in rule._converters.items()
        if name.endswith("_id")
    ]
    assert ids
    for rule in app.url_map.iter_rules():
        for name, converter in rule._converters.items():
            if name.endswith("_id"):
                assert isinstance(converter, IdConverter), rule.rule


def _id_paths(app, value: int) -> list[tuple[str, str]]:  # noqa: ANN001
    """Every id route of the app, with every id set to ``value``."""
    paths = []
    for rule in app.url_map.iter_rules():
        if not any(isinstance(c, IdConverter) for c in rule._converters.values()):
            continue
        path = rule.rule
        for name, converter in rule._converters.items():
            if isinstance(converter, IdConverter):
                path = path.replace(f"<id:{name}>", str(value))
            elif name == "fmt":
                path = path.replace("<any(csv, xlsx):fmt>", "csv")
            elif name == "action":
                path = path.replace("<any(open, close, reopen):action>", "open")
        method = "POST" if "GET" not in rule.methods else "GET"
        paths.append((method, path))
    return paths


@pytest.mark.parametrize("value", TOO_LARGE)
def test_ids_out_of_range_are_404_on_every_route(client, factory, session, app, value):
    login(client, factory.user("admin"))
    session.commit()
    paths = _id_paths(app, value)
    assert len(paths) >= 10
    for method, path in paths:
        response = client.open(path, method=method)
        assert response.status_code == 404, (method, path, response.status_code)


@pytest.mark.parametrize("before", [str(MAX_ID + 1), str(2**63), "-1", "x"])
def test_the_audit_log_ignores_a_position_out_of_range(client, factory, session, before):
    login(client, factory.user("admin"))
    session.commit()
    response = client.get(f"/f/audit?before={before}")
    assert response.status_code == 200
    assert "Anmeldung" in response.text  # the newest entries, as without ?before


def test_a_get_of_the_submit_address_says_post_only(client, factory, session):
    _, token = factory.invitation()
    session.commit()
    for action in ("submit", "start"):
        response = client.get(f"/s/{token}/{action}")
        assert response.status_code == 405
        assert response.headers["Allow"] == "POST"
