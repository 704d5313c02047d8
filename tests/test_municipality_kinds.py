"""A municipality is a kreisfreie Stadt, a Kreis, or a kreisangehörige Stadt or Gemeinde."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from surveyapp.models import Municipality, MunicipalityKind, Team
from surveyapp.operations import municipalities as municipality_ops
from surveyapp.operations.errors import OperationError
from surveyapp.operations.exports import KIND_NAMES


def test_a_team_of_a_kreisangehoerige_stadt_is_added_stored_and_named(
    logged_in, facilitator, session, factory
):
    client = logged_in
    survey_round = factory.round(facilitators=[facilitator])
    session.commit()
    form = client.get(f"/f/rounds/{survey_round.id}/teams/new").text
    assert 'value="town"' in form and "Kreisangehörige Stadt oder Gemeinde" in form
    data = {"municipality": "new", "new_name": "Bad Auental", "new_kind": "town"}
    assert client.post(f"/f/rounds/{survey_round.id}/teams/new", data=data).status_code == 302
    team = session.scalars(sa.select(Team)).one()
    assert team.municipality.kind is MunicipalityKind.TOWN
    assert "Kreisangehörige Stadt oder Gemeinde" in client.get(f"/f/teams/{team.id}").text
    english = client.get(f"/f/teams/{team.id}?lang=en").text
    assert "Town or municipality within a district" in english
    assert "Kreisangehörige Stadt oder Gemeinde" in client.get("/f/municipalities").text


def test_every_kind_has_a_name_in_the_exports():
    assert set(KIND_NAMES) == {kind.value for kind in MunicipalityKind}


def test_the_migrated_database_takes_the_new_kind_and_still_refuses_others(session):
    insert = sa.text(
        "INSERT INTO municipalities (name, state, kind, created_at) VALUES (:n, '', :k, :t)"
    )
    now = "2026-11-29 05:00:00"
    session.execute(insert, {"n": "Bad Auental", "k": "town", "t": now})
    session.commit()
    assert session.scalars(sa.select(Municipality.kind)).all() == [MunicipalityKind.TOWN]
    with pytest.raises(IntegrityError):
        session.execute(insert, {"n": "Dorf", "k": "village", "t": now})
        session.flush()
    session.rollback()


def test_an_unknown_kind_is_refused_by_the_operation(session):
    with pytest.raises(OperationError) as refused:
        municipality_ops.create_municipality(session, name="Dorf", kind="village", actor=None)
    assert (refused.value.field, str(refused.value.message)) == (
        "kind",
        "Bitte wählen Sie die Art der Kommune.",
    )
