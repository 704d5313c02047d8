"""Who runs the survey and answers for its data: the facts of the data-protection notice.

Art. 13 GDPR asks the controller to tell participants, before they answer, who is
responsible, whom to contact, why and on which legal basis data are processed, who receives
them, how long they are kept, their rights and the supervisory authority. The facts that
differ between organisers are configured here, from a small YAML file
(``SURVEYAPP_ORGANISER_FILE``) and environment variables that win over it; the rest of the
notice is the app's own text (``templates/privacy.html``).

Pure: reads a mapping and a file, imports no Flask.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path

import yaml

from surveyapp.questionnaire.model import Text


class OrganiserConfigError(ValueError):
    """The organiser file or a variable is malformed; the message names which."""


DEFAULT_LEGAL_BASIS = Text(
    "Ihre Einwilligung (Art. 6 Abs. 1 Buchst. a DSGVO), die Sie durch das Ausfüllen und "
    "Abschicken des Fragebogens erteilen. Sie können sie jederzeit mit Wirkung für die Zukunft "
    "widerrufen.",
    "Your consent (Art. 6(1)(a) GDPR), which you give by filling in and submitting the "
    "questionnaire. You may withdraw it at any time with effect for the future.",
)
DEFAULT_SUPERVISORY_AUTHORITY = Text(
    "die Datenschutz-Aufsichtsbehörde des Bundeslandes, in dem der Verantwortliche seinen Sitz "
    "hat, oder jede andere Datenschutz-Aufsichtsbehörde",
    "the data protection supervisory authority of the federal state where the controller is "
    "established, or any other supervisory authority",
)

#: field name → environment variable; the YAML file uses the field names as keys.
VARIABLES = {
    "name": "SURVEYAPP_ORGANISER",
    "contact_name": "SURVEYAPP_ORGANISER_CONTACT",
    "email": "SURVEYAPP_ORGANISER_EMAIL",
    "phone": "SURVEYAPP_ORGANISER_PHONE",
    "address": "SURVEYAPP_ORGANISER_ADDRESS",
    "controller": "SURVEYAPP_CONTROLLER",
    "dpo": "SURVEYAPP_DPO",
    "legal_basis": "SURVEYAPP_LEGAL_BASIS",
    "supervisory_authority": "SURVEYAPP_SUPERVISORY_AUTHORITY",
}
TEXT_FIELDS = ("legal_basis", "supervisory_authority")


@dataclass(frozen=True)
class Organiser:
    """The organiser and controller of the survey, as participants are told."""

    name: str = "Transferagentur für Großstädte"
    contact_name: str = ""
    email: str = ""
    phone: str = ""
    #: Postal address, lines separated by newlines or " | ".
    address: str = ""
    #: The controller (Verantwortlicher) with its address; empty means the organiser itself.
    controller: str = ""
    #: Contact of the data protection officer, if the controller has one.
    dpo: str = ""
    legal_basis: Text = DEFAULT_LEGAL_BASIS
    supervisory_authority: Text = DEFAULT_SUPERVISORY_AUTHORITY

    @property
    def address_lines(self) -> list[str]:
        """Return the postal address as lines."""
        return _lines(self.address)

    @property
    def controller_lines(self) -> list[str]:
        """Return the controller and its address as lines (the organiser when not set)."""
        if self.controller:
            return _lines(self.controller)
        return [self.name, *self.address_lines]

    @property
    def has_contact(self) -> bool:
        """Tell whether participants have an e-mail address or phone number to ask."""
        return bool(self.email or self.phone)


def _lines(value: str) -> list[str]:
    parts = value.replace(" | ", "\n").splitlines()
    return [part.strip() for part in parts if part.strip()]


def _text(name: str, value: object) -> Text:
    if isinstance(value, str):
        return Text(value, value)
    if isinstance(value, Mapping) and set(value) == {"de", "en"}:
        if all(isinstance(part, str) and part.strip() for part in value.values()):
            return Text(str(value["de"]).strip(), str(value["en"]).strip())
    raise OrganiserConfigError(f"{name}: expected a text or a mapping with 'de' and 'en'")


def _read_file(path: Path) -> dict[str, object]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise OrganiserConfigError(
            f"SURVEYAPP_ORGANISER_FILE: cannot read {path}: {error}"
        ) from error
    except yaml.YAMLError as error:
        raise OrganiserConfigError(
            f"SURVEYAPP_ORGANISER_FILE: {path} is not YAML: {error}"
        ) from error
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise OrganiserConfigError(f"SURVEYAPP_ORGANISER_FILE: {path} must hold a mapping")
    unknown = sorted(set(map(str, data)) - set(VARIABLES))
    if unknown:
        raise OrganiserConfigError(
            f"SURVEYAPP_ORGANISER_FILE: unknown keys {', '.join(unknown)} in {path}; "
            f"known: {', '.join(VARIABLES)}"
        )
    return data


def load_organiser(environ: Mapping[str, str] | None = None) -> Organiser:
    """Read the organiser from ``SURVEYAPP_ORGANISER_FILE`` and the variables that override it."""
    environ = os.environ if environ is None else environ
    values: dict[str, object] = {}
    path = environ.get("SURVEYAPP_ORGANISER_FILE", "")
    if path:
        values.update(_read_file(Path(path)))
    for name, variable in VARIABLES.items():
        if environ.get(variable, "").strip():
            values[name] = environ[variable].strip()
    known = {item.name for item in fields(Organiser)}
    settings: dict[str, object] = {}
    for name, value in values.items():
        if name not in known or value is None:
            continue
        if name in TEXT_FIELDS:
            settings[name] = _text(name, value)
        elif isinstance(value, str | int):
            settings[name] = str(value).strip()
        else:
            raise OrganiserConfigError(f"{name}: expected a text, got {type(value).__name__}")
    return Organiser(**settings)
