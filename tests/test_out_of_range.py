"""Numbers out of range never reach the database: ids in addresses, k, dates."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from werkzeug.routing import IntegerConverter

from surveyapp.models import SurveyRound
from surveyapp.views.converters import MAX_ID, IdConverter
from tests.factories import login
from tests.test_facilitator_views import round_form

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


#: Values tried for the other arguments of an id route, until the route accepts one.
OTHER_VALUES = ("csv", "close", "hide", "en")


def _id_paths(app, value: int) -> list[tuple[str, str]]:
    """Every id route of the app, with every id set to ``value``."""
    adapter = app.url_map.bind("surveyapp.test")
    paths = []
    for rule in app.url_map.iter_rules():
        converters = rule._converters
        if not any(isinstance(c, IdConverter) for c in converters.values()):
            continue
        ids = {name: MAX_ID for name, c in converters.items() if isinstance(c, IdConverter)}
        others = [name for name in converters if name not in ids]
        path = None
        for candidate in OTHER_VALUES:
            try:
                path = adapter.build(rule.endpoint, {**ids, **dict.fromkeys(others, candidate)})
            except Exception:  # the candidate is not one this route takes
                continue
            break
        assert path is not None, f"no values for {rule.rule}: extend OTHER_VALUES"
        method = "GET" if "GET" in rule.methods else "POST"
        paths.append((method, path.replace(str(MAX_ID), str(value))))
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


# --- k and dates ----------------------------------------------------------------------------


@pytest.mark.parametrize("k", ["51", str(2**31), str(2**63), "1"])
def test_k_out_of_range_is_refused_at_the_field(client, factory, session, registry, k):
    login(client, factory.user("facilitator"))
    session.commit()
    response = client.post("/f/rounds/new", data=round_form(registry, min_group_size=k))
    assert response.status_code == 200
    assert "Die Mindestgruppengröße muss mindestens 2 und höchstens 50 sein." in response.text
    assert session.scalar(sa.select(sa.func.count()).select_from(SurveyRound)) == 0


@pytest.mark.parametrize(
    "field",
    [
        ("workshop_date", "0001-01-01"),
        ("opens_at", "0001-01-01T00:00"),
        ("closes_at", "9999-12-31T23:59"),
        ("opens_at", "1999-12-31T08:00"),
    ],
)
def test_dates_out_of_range_are_refused_at_the_field(client, factory, session, registry, field):
    login(client, factory.user("facilitator"))
    session.commit()
    name, value = field
    response = client.post("/f/rounds/new", data=round_form(registry, **{name: value}))
    assert response.status_code == 200
    assert "Bitte geben Sie ein Datum zwischen 2000 und 2099 an." in response.text
    assert session.scalar(sa.select(sa.func.count()).select_from(SurveyRound)) == 0


def test_k_out_of_range_is_refused_by_the_command_line_too(runner, factory, session):
    factory.user("facilitator", email="f@example.org")
    session.commit()
    result = runner.invoke(
        args=["rounds", "create", "--name", "R", "-k", str(2**31), "--facilitator", "f@example.org"]
    )
    assert result.exit_code == 1
    assert "at least 2 and at most 50" in result.output
    assert "Traceback" not in result.output
