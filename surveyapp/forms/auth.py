"""Logging in."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, PasswordField
from wtforms.validators import InputRequired, Length


class LoginForm(FlaskForm):
    """E-mail address and password; where to go afterwards rides along."""

    email = EmailField(
        _l("E-Mail-Adresse"),
        validators=[InputRequired(_l("Bitte geben Sie Ihre E-Mail-Adresse an.")), Length(max=254)],
    )
    password = PasswordField(
        _l("Passwort"),
        validators=[InputRequired(_l("Bitte geben Sie Ihr Passwort an.")), Length(max=1000)],
    )
    next = HiddenField()
