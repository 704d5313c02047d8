"""Rounds: settings, status buttons, co-facilitators, deletion of responses."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    DateTimeLocalField,
    EmailField,
    IntegerField,
    SelectField,
    StringField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from surveyapp.operations.names import clean_name
from surveyapp.operations.rounds import (
    MAX_GROUP_SIZE,
    MIN_GROUP_SIZE,
    date_range_message,
    group_size_message,
    plausible_date,
)

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class PlausibleDate:
    """A date or time within the years a round may name (else a message at the field)."""

    def __call__(self, form: FlaskForm, field: DateField) -> None:
        if field.data is not None and not plausible_date(field.data):
            raise ValidationError(date_range_message())


class RoundForm(FlaskForm):
    """A round's settings; the questionnaire is checked by the operation, not the select."""

    name = StringField(
        _l("Name der Runde"),
        validators=[InputRequired(_l("Bitte geben Sie einen Namen an.")), Length(max=200)],
    )
    workshop_date = DateField(_l("Datum des Workshops"), validators=[Optional(), PlausibleDate()])
    questionnaire = SelectField(
        _l("Fragebogen und Fassung"),
        validate_choice=False,
        validators=[InputRequired(_l("Bitte wählen Sie einen Fragebogen."))],
    )
    min_group_size = IntegerField(
        _l("Mindestgruppengröße (k)"),
        validators=[
            InputRequired(_l("Bitte geben Sie eine ganze Zahl an.")),
            NumberRange(min=MIN_GROUP_SIZE, max=MAX_GROUP_SIZE, message=group_size_message()),
        ],
    )
    opens_at = DateTimeLocalField(
        _l("Beginn der Befragung"), format=DATETIME_FORMAT, validators=[Optional(), PlausibleDate()]
    )
    closes_at = DateTimeLocalField(
        _l("Ende der Befragung"), format=DATETIME_FORMAT, validators=[Optional(), PlausibleDate()]
    )

    def validate_closes_at(self, field: DateTimeLocalField) -> None:
        """Checked here as well as in the operation, so that all mistakes show at once."""
        if field.data and self.opens_at.data and field.data <= self.opens_at.data:
            raise ValidationError(_l("Das Ende muss nach dem Beginn liegen."))


class FacilitatorForm(FlaskForm):
    """Add a co-facilitator to a round by their account's e-mail address."""

    email = EmailField(
        _l("E-Mail-Adresse der Moderation"),
        validators=[InputRequired(_l("Bitte geben Sie eine E-Mail-Adresse an.")), Length(max=254)],
    )


class DeleteResponsesForm(FlaskForm):
    """Confirm the deletion of all responses by typing the round's name."""

    confirm_name = StringField(
        _l("Name der Runde zur Bestätigung"),
        validators=[InputRequired(_l("Bitte geben Sie den Namen der Runde ein.")), Length(max=200)],
    )

    def __init__(self, *args: Any, round_name: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.round_name = round_name

    def validate_confirm_name(self, field: StringField) -> None:
        """The name as shown (spaces collapsed): the person meant this round."""
        if clean_name(field.data or "") != self.round_name:
            raise ValidationError(
                _l("Bitte geben Sie den Namen der Runde genau so ein, wie er angezeigt wird.")
            )
