"""Every text field of every form fits the columns it is stored in (no 500 on a long entry)."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField
from wtforms.validators import Length

from surveyapp.db import db
from surveyapp.models import AuditEvent, Municipality, Role, SurveyRound, Team, User
from tests.factories import login

#: Where each text field of each form ends up: the columns it is stored in (the audit log's
#: ``target`` too), or () for a field that is only compared or hashed, never stored.
STORED_IN: dict[tuple[str, str], tuple[sa.Column, ...]] = {
    ("LoginForm", "email"): (AuditEvent.target,),  # a failed login records the address
    ("LoginForm", "password"): (),
    ("RoundForm", "name"): (SurveyRound.name, AuditEvent.target),
    ("FacilitatorForm", "email"): (),  # looked up, never stored
    ("DeleteResponsesForm", "confirm_name"): (),
    ("MunicipalityForm", "name"): (Municipality.name, AuditEvent.target),
    ("TeamForm", "new_name"): (Municipality.name, AuditEvent.target),
    ("TeamForm", "name"): (Team.name, AuditEvent.target),
    ("ContactForm", "email"): (User.email, AuditEvent.target),
    ("ContactForm", "name"): (User.name,),
    ("ContactForm", "password"): (),
}


def _forms() -> list[type[FlaskForm]]:
    found, todo = [], list(FlaskForm.__subclasses__())
    while todo:
        form = todo.pop()
        found.append(form)
        todo.extend(form.__subclasses__())
    return [form for form in found if form.__module__.startswith("surveyapp.")]


def _text_fields(form: type[FlaskForm]):
    for name in dir(form):
        unbound = getattr(form, name)
        field_class = getattr(unbound, "field_class", None)
        if field_class is None or not issubclass(field_class, StringField):
            continue
        if issubclass(field_class, HiddenField):
            continue
        validators = unbound.kwargs.get("validators") or (unbound.args[1:2] or [[]])[0]
        maxima = [v.max for v in validators if isinstance(v, Length) and v.max >= 0]
        yield name, min(maxima) if maxima else None


def test_every_text_field_has_a_maximum_that_fits_its_columns(app):
    forms = _forms()
    assert len(forms) >= 8
    seen = set()
    for form in forms:
        for name, maximum in _text_fields(form):
            key = (form.__name__, name)
            seen.add(key)
            assert maximum is not None, f"{key}: a text field needs Length(max=…)"
            assert key in STORED_IN, f"{key}: say in STORED_IN which columns it is stored in"
            for column in STORED_IN[key]:
                length = column.type.length
                assert length is not None and maximum <= length, (
                    f"{key}: the form allows {maximum} characters, {column} holds {length}"
                )
    assert seen == set(STORED_IN), set(STORED_IN) - seen


def test_every_string_column_has_a_length(app):
    for table in db.metadata.sorted_tables:
        for column in table.columns:
            if isinstance(column.type, sa.String) and not isinstance(column.type, sa.Enum):
                assert column.type.length, f"{table.name}.{column.name} has no length"


@pytest.mark.parametrize("length", [201, 254])
def test_a_contact_with_the_longest_address_the_form_allows_is_added(
    client, session, factory, length
):
    email = ("k" * 60 + "@" + "lindenfeld.de").rjust(length, "k")
    assert len(email) == length
    facilitator = factory.user(Role.FACILITATOR)
    team = factory.team(factory.round(facilitators=[facilitator]))
    session.commit()
    login(client, facilitator)
    response = client.post(
        f"/f/teams/{team.id}/contacts",
        data={"email": email, "password": "ein langes erstes Passwort"},
    )
    assert response.status_code == 302, response.text
    events = session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "user.create", AuditEvent.target == email)
    ).all()
    assert [event.target for event in events] == [email]
