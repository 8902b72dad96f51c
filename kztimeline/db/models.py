"""SQLAlchemy models: the relational shape of a sourced timeline.

Alembic owns the schema (``migrations/``); these models describe it for the ORM and for ``alembic check``, and a
test proves both agree. Vocabularies (event types, kinds, metrics) are plain strings checked by the loader against
:mod:`kztimeline.taxonomy`, so extending a vocabulary needs no table rebuild. Every child table carries a
``position`` so that lists come back in the order the curator wrote them.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, Float, ForeignKey, Index, Integer, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SLUG = String(200)


class Base(DeclarativeBase):
    """Declarative base with a naming convention, so every constraint has a stable name for migrations."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class DatedMixin:
    """The date block shared by events, statements and figures (see docs/seeds-format.md)."""

    date_start: Mapped[dt.date] = mapped_column(Date, index=True)
    date_end: Mapped[dt.date | None] = mapped_column(Date)  # the last day of a duration
    date_latest: Mapped[dt.date | None] = mapped_column(Date)  # the latest possible day of a window of uncertainty
    date_precision: Mapped[str] = mapped_column(String(20))
    time: Mapped[str | None] = mapped_column(String(5))
    timezone: Mapped[str] = mapped_column(String(64))
    date_note: Mapped[str | None] = mapped_column(Text)


class Article(Base):
    """A news article: metadata plus its full raw text, against which every excerpt is checked."""

    __tablename__ = "articles"

    id: Mapped[str] = mapped_column(SLUG, primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String(200))
    author: Mapped[str | None] = mapped_column(String(200))
    url: Mapped[str | None] = mapped_column(Text)
    retrieved: Mapped[str | None] = mapped_column(String(40))  # when the text was read from url (date-time, offset)
    published: Mapped[str | None] = mapped_column(String(40))  # ISO date or date-time with offset, as curated
    published_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    published_inferred: Mapped[bool] = mapped_column(Boolean, default=False)
    date_note: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(10))
    source_file: Mapped[str] = mapped_column(Text)
    text_sha256: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)


class Actor(Base):
    """A person, body, force, state, organisation, outlet or unnamed group that acts or speaks."""

    __tablename__ = "actors"

    id: Mapped[str] = mapped_column(SLUG, primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    name_key: Mapped[str] = mapped_column(String(300), index=True)  # casefolded name, for case-insensitive lookups
    kind: Mapped[str] = mapped_column(String(40), index=True)
    description: Mapped[str | None] = mapped_column(Text)

    aliases: Mapped[list[ActorAlias]] = relationship(order_by="ActorAlias.position", cascade="all, delete-orphan")


class ActorAlias(Base):
    """Another spelling of an actor's name; ``alias_key`` is its casefolded form, indexed for lookups."""

    __tablename__ = "actor_aliases"

    actor_id: Mapped[str] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    alias: Mapped[str] = mapped_column(String(300))
    alias_key: Mapped[str] = mapped_column(String(300), index=True)


class Place(Base):
    """A country, region, city or site, in a hierarchy (Almaty → Kazakhstan)."""

    __tablename__ = "places"

    id: Mapped[str] = mapped_column(SLUG, primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    name_key: Mapped[str] = mapped_column(String(300), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("places.id"), index=True)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    geonames_id: Mapped[int | None] = mapped_column(Integer)
    coordinates_source: Mapped[str | None] = mapped_column(Text)

    aliases: Mapped[list[PlaceAlias]] = relationship(order_by="PlaceAlias.position", cascade="all, delete-orphan")


class PlaceAlias(Base):
    """Another spelling of a place's name (Alma-Ata, Nur Sultan, Kiev)."""

    __tablename__ = "place_aliases"

    place_id: Mapped[str] = mapped_column(ForeignKey("places.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    alias: Mapped[str] = mapped_column(String(300))
    alias_key: Mapped[str] = mapped_column(String(300), index=True)


class Event(DatedMixin, Base):
    """A dated happening, with places, actors in roles, tags, and citations with verbatim excerpts."""

    __tablename__ = "events"

    id: Mapped[str] = mapped_column(SLUG, primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    summary: Mapped[str | None] = mapped_column(Text)
    type: Mapped[str] = mapped_column(String(40), index=True)


class EventTag(Base):
    __tablename__ = "event_tags"
    # an event's tags in their order, read straight from the index (the timeline and the export)
    __table_args__ = (Index("ix_event_tags_event_id_position", "event_id", "position"),)

    event_id: Mapped[str] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    tag: Mapped[str] = mapped_column(String(100), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer)


class EventPlace(Base):
    __tablename__ = "event_places"
    # an event's places in their order, read straight from the index (the timeline and the export)
    __table_args__ = (Index("ix_event_places_event_id_position", "event_id", "position"),)

    event_id: Mapped[str] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    place_id: Mapped[str] = mapped_column(ForeignKey("places.id"), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer)


class EventActor(Base):
    __tablename__ = "event_actors"
    # an event's actors in their order, read straight from the index (the timeline and the export)
    __table_args__ = (Index("ix_event_actors_event_id_position", "event_id", "position"),)

    event_id: Mapped[str] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    actor_id: Mapped[str] = mapped_column(ForeignKey("actors.id"), primary_key=True, index=True)
    role: Mapped[str] = mapped_column(String(20))
    position: Mapped[int] = mapped_column(Integer)


class Citation(Base):
    """An article that supports an event, with the verbatim excerpt that does."""

    __tablename__ = "citations"

    event_id: Mapped[str] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id"), index=True)
    excerpt: Mapped[str] = mapped_column(Text)


class Statement(DatedMixin, Base):
    """A quotation: who said it, the verbatim words, when and where, and the event it belongs to."""

    __tablename__ = "statements"

    id: Mapped[str] = mapped_column(SLUG, primary_key=True)
    speaker_id: Mapped[str] = mapped_column(ForeignKey("actors.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    partial: Mapped[bool] = mapped_column(Boolean, default=False)
    venue: Mapped[str | None] = mapped_column(Text)
    place_id: Mapped[str | None] = mapped_column(ForeignKey("places.id"), index=True)
    event_id: Mapped[str | None] = mapped_column(ForeignKey("events.id"), index=True)


class StatementSource(Base):
    """An article reporting a statement, and the outlet it credits in between ("as quoted by CNN")."""

    __tablename__ = "statement_sources"

    statement_id: Mapped[str] = mapped_column(ForeignKey("statements.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id"), index=True)
    via_id: Mapped[str | None] = mapped_column(ForeignKey("actors.id"))
    excerpt: Mapped[str] = mapped_column(Text)


class Figure(DatedMixin, Base):
    """A reported number as stated: metric, value and qualifier (or range), scope, who stated it, and its status.

    The date block is the date the number is *as of*. Conflicting numbers are separate rows; ``superseded_by``
    links a number to the one that replaced it, so the history of a toll is kept, not one number.
    """

    __tablename__ = "figures"

    id: Mapped[str] = mapped_column(SLUG, primary_key=True)
    metric: Mapped[str] = mapped_column(String(40), index=True)
    label: Mapped[str | None] = mapped_column(Text)
    stated: Mapped[str] = mapped_column(Text)
    value: Mapped[int | None] = mapped_column(Integer)
    low: Mapped[int | None] = mapped_column(Integer)
    high: Mapped[int | None] = mapped_column(Integer)
    qualifier: Mapped[str] = mapped_column(String(20))
    scope: Mapped[str | None] = mapped_column(Text)
    place_id: Mapped[str | None] = mapped_column(ForeignKey("places.id"), index=True)
    stated_by_id: Mapped[str | None] = mapped_column(ForeignKey("actors.id"), index=True)
    via_id: Mapped[str | None] = mapped_column(ForeignKey("actors.id"))
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id"), index=True)
    excerpt: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20))
    superseded_by_id: Mapped[str | None] = mapped_column(ForeignKey("figures.id"))
    note: Mapped[str | None] = mapped_column(Text)


class Corroboration(Base):
    """How many articles report each event and statement, and how many of them independently (the rule is in
    :mod:`kztimeline.query.corroboration`); written by ``load``, for SQL and for ``--min-sources``."""

    __tablename__ = "corroboration"

    record_kind: Mapped[str] = mapped_column(String(20), primary_key=True)  # "event" or "statement"
    record_id: Mapped[str] = mapped_column(SLUG, primary_key=True)
    sources: Mapped[int] = mapped_column(Integer)
    independent: Mapped[int] = mapped_column(Integer)


class DatasetInfo(Base):
    """Key/value facts about what was loaded: the seeds digest and where they came from (a cheap freshness stamp)."""

    __tablename__ = "dataset_info"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


Index("ix_events_date_start_date_end", Event.date_start, Event.date_end)
