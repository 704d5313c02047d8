"""Municipalities, survey rounds and the teams that answer in them."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from surveyapp.db import UTCDateTime, db, string_enum, utcnow

if TYPE_CHECKING:
    from surveyapp.models.accounts import User
    from surveyapp.models.responses import Invitation, Response


class MunicipalityKind(enum.StrEnum):
    """A kreisfreie Stadt, a Landkreis, or a town or municipality within a Landkreis."""

    CITY = "city"
    DISTRICT = "district"
    #: a kreisangehörige Stadt or Gemeinde (it runs an office of its own inside a Kreis)
    TOWN = "town"


class RoundStatus(enum.StrEnum):
    """Draft (being prepared), open (accepting answers) or closed."""

    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"


round_facilitators = sa.Table(
    "round_facilitators",
    db.metadata,
    sa.Column("round_id", sa.ForeignKey("survey_rounds.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("user_id", sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)

team_contacts = sa.Table(
    "team_contacts",
    db.metadata,
    sa.Column("team_id", sa.ForeignKey("teams.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("user_id", sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)


class Municipality(db.Model):
    """A city or district whose Bildungsbüro takes part in rounds."""

    __tablename__ = "municipalities"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200), unique=True)
    state: Mapped[str] = mapped_column(sa.String(60), default="")
    kind: Mapped[MunicipalityKind] = mapped_column(
        string_enum(MunicipalityKind, "municipality_kind"), default=MunicipalityKind.CITY
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    teams: Mapped[list[Team]] = relationship(back_populates="municipality")

    def __repr__(self) -> str:
        return f"<Municipality {self.id} {self.name}>"


class SurveyRound(db.Model):
    """One survey before one workshop, pinned to one questionnaire version."""

    __tablename__ = "survey_rounds"
    __table_args__ = (
        sa.CheckConstraint("min_group_size >= 2", name="min_group_size_at_least_2"),
        sa.CheckConstraint(
            "closes_at IS NULL OR opens_at IS NULL OR closes_at > opens_at",
            name="closes_after_opens",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200), unique=True)
    workshop_date: Mapped[date | None] = mapped_column(sa.Date)
    questionnaire_id: Mapped[str] = mapped_column(sa.String(100))
    questionnaire_version: Mapped[int]
    #: sha256 of the questionnaire file when the round was created; a changed file is refused.
    questionnaire_hash: Mapped[str] = mapped_column(sa.String(64))
    #: The anonymity threshold k: no figure for a group of fewer respondents.
    min_group_size: Mapped[int] = mapped_column(default=3)
    opens_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[RoundStatus] = mapped_column(
        string_enum(RoundStatus, "round_status"), default=RoundStatus.DRAFT
    )
    #: When the round was last closed by hand; cleared on reopening.
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    teams: Mapped[list[Team]] = relationship(
        back_populates="round",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Team.id",
    )
    facilitators: Mapped[list[User]] = relationship(secondary=round_facilitators)

    def accepts_answers(self, now: datetime | None = None) -> bool:
        """Tell whether participants may save and submit answers now."""
        now = now or utcnow()
        if self.status is not RoundStatus.OPEN:
            return False
        if self.opens_at is not None and now < self.opens_at:
            return False
        return self.closes_at is None or now < self.closes_at

    def draft_past_start(self, now: datetime | None = None) -> bool:
        """Tell whether the round is still a draft although its start date has passed."""
        now = now or utcnow()
        starts = self.opens_at
        return self.status is RoundStatus.DRAFT and starts is not None and starts <= now

    def ended_at(self, now: datetime | None = None) -> datetime | None:
        """When the round stopped taking answers: closed by hand or past its close date."""
        now = now or utcnow()
        ends = []
        if self.status is RoundStatus.CLOSED and self.closed_at is not None:
            ends.append(self.closed_at)
        if self.closes_at is not None and self.closes_at <= now:
            ends.append(self.closes_at)
        return min(ends) if ends else None

    def __repr__(self) -> str:
        return f"<SurveyRound {self.id} {self.name}>"


class Team(db.Model):
    """A municipality's team taking part in one round."""

    __tablename__ = "teams"
    __table_args__ = (sa.UniqueConstraint("round_id", "municipality_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        sa.ForeignKey("survey_rounds.id", ondelete="CASCADE"), index=True
    )
    municipality_id: Mapped[int] = mapped_column(
        sa.ForeignKey("municipalities.id", ondelete="RESTRICT"), index=True
    )
    #: Optional label shown instead of the municipality's name ("Bildungsbüro Musterstadt").
    name: Mapped[str] = mapped_column(sa.String(200), default="")
    #: How many people the team is meant to have: the base of the response rate.
    planned_size: Mapped[int | None] = mapped_column(sa.Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    round: Mapped[SurveyRound] = relationship(back_populates="teams")
    municipality: Mapped[Municipality] = relationship(back_populates="teams")
    contacts: Mapped[list[User]] = relationship(secondary=team_contacts)
    invitations: Mapped[list[Invitation]] = relationship(
        back_populates="team", cascade="all, delete-orphan", passive_deletes=True
    )
    responses: Mapped[list[Response]] = relationship(
        back_populates="team", cascade="all, delete-orphan", passive_deletes=True, viewonly=False
    )

    @property
    def display_name(self) -> str:
        return self.name or self.municipality.name

    def __repr__(self) -> str:
        return f"<Team {self.id} round={self.round_id} municipality={self.municipality_id}>"
