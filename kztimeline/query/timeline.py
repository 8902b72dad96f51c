"""The chronological timeline and its filters: the query behind ``kztimeline show`` and ``export``.

Filters combine with AND; repeated values of one filter combine with OR:

- ``actors``: events where a matching actor takes part in any role, or speaks a quotation attached to the event;
- ``places``: events at a matching place or any place inside it (``Kazakhstan`` includes Almaty);
- ``date_from`` / ``date_to``: events whose dates overlap the interval (a range event counts if any day is inside);
- ``types`` and ``tags``: events of a type / with a tag.

Events come back ordered by start date, then end date (single days before ranges), then time (unknown times
first), then id, as plain JSON-ready dicts whose shape
is documented in ``kztimeline/schemas/export.schema.json``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Select, func, or_, select

from kztimeline.db.models import (
    Actor,
    Article,
    Citation,
    Event,
    EventActor,
    EventPlace,
    EventTag,
    Place,
    Statement,
    StatementSource,
)
from kztimeline.errors import UnknownNameError, did_you_mean
from kztimeline.query.names import resolve_actors, resolve_places
from kztimeline.taxonomy import EVENT_TYPES


@dataclass(frozen=True)
class TimelineFilter:
    """What the user asked for; names are resolved against the database by :func:`find_event_ids`."""

    actors: Sequence[str] = ()
    places: Sequence[str] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    types: Sequence[str] = ()
    tags: Sequence[str] = ()
    limit: int | None = None

    def is_empty(self) -> bool:
        return not (self.actors or self.places or self.date_from or self.date_to or self.types or self.tags)

    def to_json(self) -> dict[str, Any]:
        return {
            "actors": list(self.actors),
            "places": list(self.places),
            "from": self.date_from.isoformat() if self.date_from else None,
            "to": self.date_to.isoformat() if self.date_to else None,
            "types": list(self.types),
            "tags": list(self.tags),
        }


@dataclass
class ResolvedFilter:
    """A filter with names turned into ids (None means "not filtered on this")."""

    actor_ids: set[str] | None = None
    place_ids: set[str] | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    types: set[str] | None = None
    tags: set[str] | None = None
    limit: int | None = field(default=None)


def resolve_filter(connection: Connection, wanted: TimelineFilter) -> ResolvedFilter:
    """Turn names into ids; unknown actors, places, types or tags raise :class:`UnknownNameError`."""
    for event_type in wanted.types:
        if event_type not in EVENT_TYPES:
            raise UnknownNameError("event type", event_type, did_you_mean(event_type, EVENT_TYPES))
    if wanted.tags:
        known_tags = set(connection.execute(select(EventTag.tag).distinct()).scalars())
        for tag in wanted.tags:
            if tag not in known_tags:
                raise UnknownNameError("tag", tag, did_you_mean(tag, known_tags))
    return ResolvedFilter(
        actor_ids=resolve_actors(connection, wanted.actors) if wanted.actors else None,
        place_ids=resolve_places(connection, wanted.places) if wanted.places else None,
        date_from=wanted.date_from,
        date_to=wanted.date_to,
        types=set(wanted.types) or None,
        tags=set(wanted.tags) or None,
        limit=wanted.limit,
    )


def event_query(resolved: ResolvedFilter) -> Select[str]:
    """The ids of matching events, in timeline order."""
    query = select(Event.id)
    if resolved.actor_ids is not None:
        ids = sorted(resolved.actor_ids)
        query = query.where(
            or_(
                Event.id.in_(select(EventActor.event_id).where(EventActor.actor_id.in_(ids))),
                Event.id.in_(select(Statement.event_id).where(Statement.speaker_id.in_(ids))),
            )
        )
    if resolved.place_ids is not None:
        query = query.where(
            Event.id.in_(select(EventPlace.event_id).where(EventPlace.place_id.in_(sorted(resolved.place_ids))))
        )
    if resolved.date_from is not None:
        query = query.where(func.coalesce(Event.date_end, Event.date_start) >= resolved.date_from)
    if resolved.date_to is not None:
        query = query.where(Event.date_start <= resolved.date_to)
    if resolved.types is not None:
        query = query.where(Event.type.in_(sorted(resolved.types)))
    if resolved.tags is not None:
        query = query.where(Event.id.in_(select(EventTag.event_id).where(EventTag.tag.in_(sorted(resolved.tags)))))
    # single days before ranges that start the same day, so the rendered timeline can group by (start, end)
    query = query.order_by(
        Event.date_start, func.coalesce(Event.date_end, Event.date_start), func.coalesce(Event.time, ""), Event.id
    )
    if resolved.limit is not None:
        query = query.limit(resolved.limit)
    return query


def find_event_ids(connection: Connection, wanted: TimelineFilter) -> list[str]:
    return list(connection.execute(event_query(resolve_filter(connection, wanted))).scalars())


def fetch_timeline(connection: Connection, wanted: TimelineFilter) -> list[dict[str, Any]]:
    """The matching events with their places, actors, tags, citations and quotations."""
    return fetch_events(connection, find_event_ids(connection, wanted))


def chunked(ids: Sequence[str], size: int = 500) -> list[list[str]]:
    return [list(ids[i : i + size]) for i in range(0, len(ids), size)]


def article_reference(article: Any) -> dict[str, Any]:
    """How an event, statement or figure points at an article."""
    return {
        "article_id": article.id,
        "outlet": article.outlet,
        "title": article.title,
        "published": article.published,
        "published_date": article.published_date.isoformat() if article.published_date else None,
        "published_inferred": article.published_inferred,
    }


def date_fields(row: Any) -> dict[str, Any]:
    return {
        "date": row.date_start.isoformat(),
        "date_end": row.date_end.isoformat() if row.date_end else None,
        "date_precision": row.date_precision,
        "time": row.time,
        "timezone": row.timezone,
        "date_note": row.date_note,
    }


def fetch_events(connection: Connection, event_ids: Sequence[str]) -> list[dict[str, Any]]:
    """Full event documents for ``event_ids``, in the given order (batched: a few queries per 500 events)."""
    documents: list[dict[str, Any]] = []
    for chunk in chunked(event_ids):
        documents.extend(_fetch_chunk(connection, chunk))
    return documents


def _fetch_chunk(connection: Connection, ids: list[str]) -> list[dict[str, Any]]:
    events = {row.id: row for row in connection.execute(select(Event).where(Event.id.in_(ids)))}
    tags: dict[str, list[str]] = defaultdict(list)
    for tag_row in connection.execute(
        select(EventTag.event_id, EventTag.tag).where(EventTag.event_id.in_(ids)).order_by(EventTag.position)
    ):
        tags[tag_row.event_id].append(tag_row.tag)
    places: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for place_row in connection.execute(
        select(EventPlace.event_id, Place.id, Place.name, Place.kind)
        .join(Place, Place.id == EventPlace.place_id)
        .where(EventPlace.event_id.in_(ids))
        .order_by(EventPlace.position)
    ):
        places[place_row.event_id].append({"id": place_row.id, "name": place_row.name, "kind": place_row.kind})
    actors: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for actor_row in connection.execute(
        select(EventActor.event_id, EventActor.role, Actor.id, Actor.name, Actor.kind)
        .join(Actor, Actor.id == EventActor.actor_id)
        .where(EventActor.event_id.in_(ids))
        .order_by(EventActor.position)
    ):
        actors[actor_row.event_id].append(
            {"id": actor_row.id, "name": actor_row.name, "kind": actor_row.kind, "role": actor_row.role}
        )
    citations: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for citation_row in connection.execute(
        select(Citation.event_id, Citation.excerpt, Article)
        .join(Article, Article.id == Citation.article_id)
        .where(Citation.event_id.in_(ids))
        .order_by(Citation.position)
    ):
        citations[citation_row.event_id].append({**article_reference(citation_row), "excerpt": citation_row.excerpt})
    statements = fetch_statements(connection, select(Statement.id).where(Statement.event_id.in_(ids)))
    by_event: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for statement in statements:
        by_event[statement["event_id"]].append(statement)
    return [
        {
            "id": event_id,
            **date_fields(events[event_id]),
            "type": events[event_id].type,
            "title": events[event_id].title,
            "summary": events[event_id].summary,
            "tags": tags[event_id],
            "places": places[event_id],
            "actors": actors[event_id],
            "citations": citations[event_id],
            "statements": by_event[event_id],
        }
        for event_id in ids
        if event_id in events
    ]


def fetch_statements(connection: Connection, statement_ids: Select[str]) -> list[dict[str, Any]]:
    """Quotation documents (speaker, text, when, where, sources with intermediaries), in chronological order."""
    speaker = Actor.__table__.alias("speaker")
    rows = list(
        connection.execute(
            select(Statement, speaker.c.name.label("speaker_name"), Place.name.label("place_name"))
            .join(speaker, speaker.c.id == Statement.speaker_id)
            .outerjoin(Place, Place.id == Statement.place_id)
            .where(Statement.id.in_(statement_ids))
            .order_by(Statement.date_start, func.coalesce(Statement.time, ""), Statement.id)
        )
    )
    ids = [row.id for row in rows]
    via = Actor.__table__.alias("via")
    sources: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for chunk in chunked(ids):
        for row in connection.execute(
            select(
                StatementSource.statement_id,
                StatementSource.excerpt,
                via.c.id.label("via_id"),
                via.c.name.label("via"),
                Article,
            )
            .join(Article, Article.id == StatementSource.article_id)
            .outerjoin(via, via.c.id == StatementSource.via_id)
            .where(StatementSource.statement_id.in_(chunk))
            .order_by(StatementSource.position)
        ):
            sources[row.statement_id].append(
                {**article_reference(row), "via_id": row.via_id, "via": row.via, "excerpt": row.excerpt}
            )
    return [
        {
            "id": row.id,
            "speaker_id": row.speaker_id,
            "speaker": row.speaker_name,
            "text": row.text,
            "partial": row.partial,
            **date_fields(row),
            "venue": row.venue,
            "place_id": row.place_id,
            "place": row.place_name,
            "event_id": row.event_id,
            "sources": sources[row.id],
        }
        for row in rows
    ]
