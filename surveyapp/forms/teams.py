"""Municipalities, teams, contacts and invitation links."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, IntegerField, PasswordField, RadioField, SelectField, StringField
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from surveyapp.models import MunicipalityKind
from surveyapp.operations.invitations import MAX_PER_CALL
from surveyapp.operations.municipalities import FEDERAL_STATES

NEW_MUNICIPALITY = "new"


def _planned_size_field(label: str) -> IntegerField:
    return IntegerField(
        label,
        validators=[
            Optional(),
            NumberRange(min=1, max=500, message=_l("Bitte geben Sie eine Zahl von 1 bis 500 an.")),
        ],
    )


#: How each kind of municipality is named on the pages (the exports name it in German).
KIND_LABELS = {
    MunicipalityKind.CITY: _l("Stadt (kreisfrei)"),
    MunicipalityKind.DISTRICT: _l("Kreis"),
    MunicipalityKind.TOWN: _l("Kreisangehörige Stadt oder Gemeinde"),
}


def _kind_choices() -> list[tuple[str, object]]:
    return [(kind.value, label) for kind, label in KIND_LABELS.items()]


def _state_choices() -> list[tuple[str, object]]:
    return [("", _l("– bitte wählen –"))] + [(state, state) for state in FEDERAL_STATES]


class MunicipalityForm(FlaskForm):
    """A municipality's name, federal state and kind."""

    name = StringField(
        _l("Name der Kommune"),
        validators=[InputRequired(_l("Bitte geben Sie einen Namen an.")), Length(max=200)],
    )
    state = SelectField(_l("Bundesland"), choices=_state_choices, validators=[Optional()])
    kind = RadioField(_l("Art"), choices=_kind_choices, default="city")


class TeamForm(FlaskForm):
    """A team: an existing municipality, or a new one entered on the spot."""

    municipality = SelectField(
        _l("Kommune"), validators=[InputRequired(_l("Bitte wählen Sie eine Kommune."))]
    )
    new_name = StringField(_l("Name der neuen Kommune"), validators=[Length(max=200)])
    new_state = SelectField(_l("Bundesland"), choices=_state_choices, validators=[Optional()])
    new_kind = RadioField(_l("Art"), choices=_kind_choices, default="city")
    name = StringField(
        _l("Bezeichnung des Teams (optional)"), validators=[Optional(), Length(max=200)]
    )
    planned_size = _planned_size_field(_l("Geplante Teamgröße (optional)"))

    def validate_new_name(self, field: StringField) -> None:
        if self.municipality.data == NEW_MUNICIPALITY and not (field.data or "").strip():
            raise ValidationError(_l("Bitte geben Sie den Namen der neuen Kommune an."))


class PlannedSizeForm(FlaskForm):
    """How many people the team is meant to have (the base of the response rate)."""

    planned_size = _planned_size_field(_l("Geplante Teamgröße"))


class ContactForm(FlaskForm):
    """A contact person of the team: an existing contact account, or a new one."""

    email = EmailField(
        _l("E-Mail-Adresse"),
        validators=[InputRequired(_l("Bitte geben Sie eine E-Mail-Adresse an.")), Length(max=254)],
    )
    name = StringField(_l("Name (optional)"), validators=[Optional(), Length(max=200)])
    password = PasswordField(
        _l("Erstes Passwort (nur für ein neues Konto)"), validators=[Optional(), Length(max=1000)]
    )


class InvitationsForm(FlaskForm):
    """How many new links to create."""

    count = IntegerField(
        _l("Anzahl neuer Links"),
        default=5,
        validators=[
            InputRequired(_l("Bitte geben Sie eine ganze Zahl an.")),
            NumberRange(
                min=1,
                max=MAX_PER_CALL,
                message=_l("Die Anzahl muss zwischen 1 und %(max)d liegen.", max=MAX_PER_CALL),
            ),
        ],
    )
