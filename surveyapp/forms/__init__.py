"""The facilitator side's forms (Flask-WTF), with German labels and messages.

Forms check the shape of the input (present, a number, a date); the rules of the domain
(unique names, k ≥ 2, close after open) live in the operations, whose ``OperationError``
is put back at the field it names by ``show_error``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from flask import current_app
from flask_wtf import FlaskForm

from surveyapp.operations.errors import OperationError


class ActionForm(FlaskForm):
    """A button that changes something: carries only the CSRF token."""


def show_error(
    form: FlaskForm, error: OperationError, fields: Mapping[str, str] | None = None
) -> None:
    """Attach an operation's message to the form field it names (or to the whole form).

    ``fields`` maps an operation's field name to the form's, where they differ.
    """
    name = (fields or {}).get(error.field or "", error.field)
    field = form._fields.get(name) if name else None
    if field is None:
        form.form_errors.append(error.message)
        return
    if isinstance(field.errors, tuple):  # WTForms uses a tuple until validation ran
        field.errors = []
    field.errors.append(error.message)


def _zone() -> ZoneInfo:
    return ZoneInfo(current_app.config.get("BABEL_DEFAULT_TIMEZONE", "Europe/Berlin"))


def local_to_utc(value: datetime | None) -> datetime | None:
    """Read a naive date and time typed in the office's time zone as UTC."""
    if value is None:
        return None
    return value.replace(tzinfo=_zone()).astimezone(UTC)


def utc_to_local(value: datetime | None) -> datetime | None:
    """Show a stored UTC time in the office's time zone, naive, for a form field."""
    if value is None:
        return None
    return value.astimezone(_zone()).replace(tzinfo=None)
