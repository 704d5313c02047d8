"""Names are unique without regard to case in every alphabet, on both databases.

SQLite's built-in ``lower()`` folds only ASCII letters: "Überlingen" and "überlingen" were
two names to the check but one to the unique index, so the second gave a 500.
"""

from __future__ import annotations

import pytest

from surveyapp.models import Role
from surveyapp.operations import municipalities as municipality_ops
from surveyapp.operations.errors import OperationError
from tests.factories import login

NAMES = ["Überlingen", "Ölsnitz/Vogtl.", "ÄRZTESTADT", "Łódź", "Ćmielów"]


@pytest.mark.parametrize("name", NAMES)
def test_a_municipality_name_with_a_capital_umlaut_is_found_in_any_case(session, factory, name):
    created = factory.municipality(name)
    session.commit()
    for spelling in (name, name.lower(), name.upper()):
        assert municipality_ops.find_municipality(session, spelling) is created, spelling
    with pytest.raises(OperationError):
        municipality_ops.create_municipality(session, name=name.lower(), actor=None)


def test_the_same_umlaut_name_twice_is_a_field_message_not_a_server_error(client, session, factory):
    login(client, factory.user(Role.FACILITATOR))
    session.commit()
    data = {"name": "Überlingen", "state": "Baden-Württemberg", "kind": "city"}
    assert client.post("/f/municipalities/new", data=data).status_code == 302
    again = client.post("/f/municipalities/new", data={**data, "name": "überlingen"})
    assert again.status_code == 200
    assert "gibt es schon" in again.text


def test_a_round_name_with_a_capital_umlaut_is_unique_in_any_case(session, factory):
    factory.round(name="Überprüfung 2026")
    session.commit()
    with pytest.raises(OperationError):
        factory.round(name="ÜBERPRÜFUNG 2026")
