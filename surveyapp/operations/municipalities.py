"""Municipalities: the cities and districts whose teams take part in rounds."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _
from sqlalchemy.orm import Session

from surveyapp.models import Municipality, MunicipalityKind, User
from surveyapp.operations.audit import AuditAction, record
from surveyapp.operations.errors import OperationError
from surveyapp.operations.names import clean_name

#: The 16 federal states, offered in the municipality form.
FEDERAL_STATES = (
    "Baden-Württemberg",
    "Bayern",
    "Berlin",
    "Brandenburg",
    "Bremen",
    "Hamburg",
    "Hessen",
    "Mecklenburg-Vorpommern",
    "Niedersachsen",
    "Nordrhein-Westfalen",
    "Rheinland-Pfalz",
    "Saarland",
    "Sachsen",
    "Sachsen-Anhalt",
    "Schleswig-Holstein",
    "Thüringen",
)


def create_municipality(
    session: Session,
    *,
    name: str,
    state: str = "",
    kind: MunicipalityKind | str = "city",
    actor: User | None,
) -> Municipality:
    """Add a municipality; refuses a name that exists already (any case). Audited."""
    name = _check_municipality_name(session, name)
    municipality = Municipality(name=name, state=state.strip(), kind=_kind(kind))
    session.add(municipality)
    session.flush()
    record(session, AuditAction.MUNICIPALITY_CREATE, actor=actor, target=municipality.name)
    return municipality


def update_municipality(
    session: Session,
    municipality: Municipality,
    *,
    name: str,
    state: str = "",
    kind: MunicipalityKind | str = "city",
    actor: User | None,
) -> None:
    """Rename a municipality or change its state and kind; the name stays unique. Audited."""
    name = _check_municipality_name(session, name, current=municipality)
    municipality.name = name
    municipality.state = state.strip()
    municipality.kind = _kind(kind)
    session.flush()
    record(session, AuditAction.MUNICIPALITY_UPDATE, actor=actor, target=municipality.name)


def _check_municipality_name(
    session: Session, name: str, *, current: Municipality | None = None
) -> str:
    name = clean_name(name)
    if not name:
        raise OperationError(_("Bitte geben Sie einen Namen an."), field="name")
    existing = find_municipality(session, name)
    if existing is not None and existing is not current:
        raise OperationError(_("Die Kommune „%(name)s“ gibt es schon.", name=name), field="name")
    return name


def _kind(kind: MunicipalityKind | str) -> MunicipalityKind:
    try:
        return MunicipalityKind(kind)
    except ValueError:
        raise OperationError(_("Bitte wählen Sie die Art der Kommune."), field="kind") from None


def find_municipality(session: Session, name: str) -> Municipality | None:
    """Return the municipality with this name, compared without regard to case."""
    wanted = clean_name(name).lower()
    return session.scalar(sa.select(Municipality).where(sa.func.lower(Municipality.name) == wanted))
