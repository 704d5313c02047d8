"""Who may correct a municipality: an admin, or a facilitator who runs every round using it."""

from __future__ import annotations

import sqlalchemy as sa

from surveyapp.models import AuditEvent, Role
from tests.factories import login


def _edit(client, municipality, name):
    return client.post(
        f"/f/municipalities/{municipality.id}/edit",
        data={"name": name, "state": "Hessen", "kind": "city"},
    )


def test_a_facilitator_cannot_rename_a_municipality_another_facilitators_round_uses(
    client, session, factory
):
    owner, other = factory.user(Role.FACILITATOR), factory.user(Role.FACILITATOR)
    lindenfeld = factory.municipality("Lindenfeld")
    factory.team(factory.round(facilitators=[owner]), lindenfeld)
    session.commit()
    login(client, other)
    assert client.get(f"/f/municipalities/{lindenfeld.id}/edit").status_code == 403
    assert _edit(client, lindenfeld, "Umbenannt").status_code == 403
    session.expire_all()
    assert lindenfeld.name == "Lindenfeld"
    listing = client.get("/f/municipalities").text
    assert "Lindenfeld" in listing
    assert f"/f/municipalities/{lindenfeld.id}/edit" not in listing
    assert not session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "municipality.update")
    ).all()


def test_a_municipality_shared_by_two_facilitators_rounds_is_for_admins_only(
    client, session, factory
):
    first, second = factory.user(Role.FACILITATOR), factory.user(Role.FACILITATOR)
    shared = factory.municipality("Lindenfeld")
    factory.team(factory.round(facilitators=[first]), shared)
    factory.team(factory.round(facilitators=[second]), shared)
    admin = factory.user(Role.ADMIN)
    session.commit()
    for facilitator in (first, second):
        login(client, facilitator)
        assert _edit(client, shared, "Umbenannt").status_code == 403
        client.post("/logout")
    login(client, admin)
    assert _edit(client, shared, "Lindenfeld (Kreis)").status_code == 302
    session.expire_all()
    assert shared.name == "Lindenfeld (Kreis)"


def test_the_facilitator_of_every_round_using_it_may_correct_it(client, session, factory):
    owner = factory.user(Role.FACILITATOR)
    colleague = factory.user(Role.FACILITATOR)
    lindenfeld = factory.municipality("Lindenfeld")
    factory.team(factory.round(facilitators=[owner, colleague]), lindenfeld)
    factory.team(factory.round(facilitators=[owner]), factory.municipality("Eichstadt"))
    unused = factory.municipality("Noch nirgends")
    other = factory.user(Role.FACILITATOR)
    session.commit()
    login(client, owner)
    assert f"/f/municipalities/{lindenfeld.id}/edit" in client.get("/f/municipalities").text
    assert _edit(client, lindenfeld, "Lindenfeld an der Lahn").status_code == 302
    client.post("/logout")
    login(client, other)
    assert _edit(client, unused, "Noch nirgends (neu)").status_code == 302
    session.expire_all()
    assert (lindenfeld.name, unused.name) == ("Lindenfeld an der Lahn", "Noch nirgends (neu)")
