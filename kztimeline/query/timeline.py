"""The chronological timeline and its filters: the query behind ``kztimeline show`` and ``export``.

Filters combine with AND; repeated values of one filter combine with OR:

- ``actors``: events where a matching actor takes part in any role, or speaks a quotation attached to the event;
- ``places``: events at a matching place or any place inside it (``Kazakhstan`` includes Almaty);
- ``date_from`` / ``date_to``: events whose dates overlap the interval (a range event counts if any day is inside);
- ``types`` and ``tags``: events of a type / with a tag;
- ``search``: events whose title or summary, or a quotation attached to them, match a full-text query.

Events come back ordered by start date, then end date (single days before ranges), then time (unknown times
first), then id, as plain JSON-ready dicts whose shape
is documented in ``kztimeline/schemas/export.schema.json``.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from kztimeline.db.reader import Reader, chunked, in_list
from kztimeline.db.search import event_membership
from kztimeline.errors import UnknownNameError, did_you_mean
from kztimeline.query.corroboration import Corroboration
from kztimeline.query.names import resolve_actors, resolve_places
from kztimeline.query.search import search_text
from kztimeline.taxonomy import EVENT_TYPES

# A record with at least :min_sources independent sources (the corroboration table ``load`` writes).
MIN_SOURCES_CONDITION = (
    "EXISTS (SELECT 1 FROM corroboration WHERE corroboration.record_kind = '{kind}' "
    "AND corroboration.record_id = {record} AND corroboration.independent >= :min_sources)"
)


@dataclass(frozen=True)
class TimelineFilter:
    """What the user asked for; names are resolved against the database by :func:`resolve_filter`."""

    actors: Sequence[str] = ()
    places: Sequence[str] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    types: Sequence[str] = ()
    tags: Sequence[str] = ()
    limit: int | None = None
    search: str | None = None
    all_matches: bool = False  # a name fitting several actors or places stands for all of them, not an error
    min_sources: int | None = None  # at least this many independent sources (kztimeline.query.corroboration)

    def is_empty(self) -> bool:
        return not (
            self.actors
            or self.places
            or self.date_from
            or self.date_to
            or self.types
            or self.tags
            or self.search
            or self.min_sources
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "actors": list(self.actors),
            "places": list(self.places),
            "from": self.date_from.isoformat() if self.date_from else None,
            "to": self.date_to.isoformat() if self.date_to else None,
            "types": list(self.types),
            "tags": list(self.tags),
            "search": self.search,
            "min_sources": self.min_sources,
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
    search: str | None = None  # in the engine's query syntax (see kztimeline.query.search.search_text)
    min_sources: int | None = None


def resolve_filter(reader: Reader, wanted: TimelineFilter) -> ResolvedFilter:
    """Turn names into ids; unknown actors, places, types or tags raise :class:`UnknownNameError`."""
    for event_type in wanted.types:
        if event_type not in EVENT_TYPES:
            raise UnknownNameError("event type", event_type, did_you_mean(event_type, EVENT_TYPES))
    for tag in wanted.tags:
        if not reader.scalars("SELECT 1 FROM event_tags WHERE tag = :tag LIMIT 1", {"tag": tag}):
            known_tags = reader.scalars("SELECT DISTINCT tag FROM event_tags")
            raise UnknownNameError("tag", tag, did_you_mean(tag, known_tags))
    return ResolvedFilter(
        actor_ids=resolve_actors(reader, wanted.actors, all_matches=wanted.all_matches) if wanted.actors else None,
        place_ids=resolve_places(reader, wanted.places, all_matches=wanted.all_matches) if wanted.places else None,
        date_from=wanted.date_from,
        date_to=wanted.date_to,
        types=set(wanted.types) or None,
        tags=set(wanted.tags) or None,
        limit=wanted.limit,
        search=search_text(reader, wanted.search) if wanted.search is not None else None,
        min_sources=wanted.min_sources,
    )


def last_day(table: str) -> str:
    """SQL for the last day a dated row may fall on: a duration's end, a window's latest day, or its one day.

    Date filters keep what overlaps the interval asked for: a window event "between 2 and 7 January" is shown for
    ``--from 2022-01-05``, since it may have happened then.
    """
    return f"COALESCE({table}.date_end, {table}.date_latest, {table}.date_start)"


# single days before ranges that start the same day, so the rendered timeline can group by (start, end)
TIMELINE_ORDER = f"events.date_start, {last_day('events')}, COALESCE(events.time, ''), events.id"

# Above this many candidate rows from one index, probing stops counting: the other way is cheaper anyway.
_PROBE_CAP = 20_000


def event_query(reader: Reader, resolved: ResolvedFilter, offset: int = 0) -> tuple[str, dict[str, Any]]:
    """SQL for the ids of matching events, in timeline order, and its parameters."""
    where, params = event_selection(reader, resolved)
    tail = ""
    if resolved.limit is not None:
        tail = " LIMIT :limit OFFSET :offset"
        params |= {"limit": resolved.limit, "offset": offset}
    return f"SELECT events.id FROM events{where} ORDER BY {TIMELINE_ORDER}{tail}", params


def event_selection(reader: Reader, resolved: ResolvedFilter, *, ordered: bool = True) -> tuple[str, dict[str, Any]]:
    """The WHERE clause (with its parameters) choosing the matching events of the ``events`` table.

    ``ordered=False`` is for counting: the order and a limit do not matter, and every filter's set of events is
    collected once (a test per event of a common word costs a full-text lookup each: 20 s at a million events).

    Two shapes answer the same question, and the cheaper one depends on the data, so cheap capped probes choose:

    - *driven by the names*: collect the events of the actors or places (or the full-text matches) through their
      indexes, then sort them — best for a rare actor, a small place or a rare word;
    - *driven by the dates*: walk the events in date order through the date index (bounded below by the longest
      event span the load recorded) and keep those the actors/places take part in, or that match the search
      (primary-key lookups), stopping at the limit — best for a busy actor ("Tokayev" in most events), a common
      word, or a short date window.
    """
    params: dict[str, Any] = {}
    date_conditions: list[str] = []
    if resolved.date_from is not None:
        date_conditions.append(f"{last_day('events')} >= :date_from")
        params["date_from"] = resolved.date_from.isoformat()
        span = _longest_span_days(reader)
        if span is not None:
            # lets the date index bound the scan from below: no event starting earlier can reach date_from
            date_conditions.append("events.date_start >= :date_floor")
            params["date_floor"] = (resolved.date_from - dt.timedelta(days=span)).isoformat()
    if resolved.date_to is not None:
        date_conditions.append("events.date_start <= :date_to")
        params["date_to"] = resolved.date_to.isoformat()
    membership: list[tuple[str, str, str]] = []  # (subquery for IN, EXISTS test, params key)
    if resolved.actor_ids is not None:
        ids_sql, ids = in_list("actor", sorted(resolved.actor_ids))
        params |= ids
        membership.append(
            (
                f"(events.id IN (SELECT event_id FROM event_actors WHERE actor_id IN {ids_sql})"
                f" OR events.id IN (SELECT event_id FROM statements WHERE speaker_id IN {ids_sql}))",
                f"(EXISTS (SELECT 1 FROM event_actors WHERE event_id = events.id AND actor_id IN {ids_sql})"
                f" OR EXISTS (SELECT 1 FROM statements WHERE event_id = events.id AND speaker_id IN {ids_sql}))",
                f"SELECT 1 FROM event_actors WHERE actor_id IN {ids_sql}",
            )
        )
    if resolved.place_ids is not None:
        ids_sql, ids = in_list("place", sorted(resolved.place_ids))
        params |= ids
        membership.append(
            (
                f"events.id IN (SELECT event_id FROM event_places WHERE place_id IN {ids_sql})",
                f"EXISTS (SELECT 1 FROM event_places WHERE event_id = events.id AND place_id IN {ids_sql})",
                f"SELECT 1 FROM event_places WHERE place_id IN {ids_sql}",
            )
        )
    if resolved.search is not None:
        params["search"] = resolved.search
        membership.append(event_membership(reader.dialect))
    other: list[str] = []
    if resolved.types is not None:
        ids_sql, ids = in_list("type", sorted(resolved.types))
        params |= ids
        other.append(f"events.type IN {ids_sql}")
    if resolved.tags is not None:
        ids_sql, ids = in_list("tag", sorted(resolved.tags))
        params |= ids
        other.append(f"events.id IN (SELECT event_id FROM event_tags WHERE tag IN {ids_sql})")
    if resolved.min_sources is not None:
        params["min_sources"] = resolved.min_sources
        other.append(MIN_SOURCES_CONDITION.format(kind="event", record="events.id"))

    conditions = [*date_conditions, *other]
    if membership and not ordered:
        # a count reads every match: walk the dates only for a window smaller than every filter's set; else
        # collect each filter's set once (a full-text test per event of a million costs a minute)
        dated = _dated(reader, date_conditions, params) if date_conditions else _PROBE_CAP
        if dated >= _PROBE_CAP or dated >= min(_probe(reader, probe, params) for _, _, probe in membership):
            conditions += [collect for collect, _, _ in membership]
            return f" WHERE {' AND '.join(conditions)}", params
        exists_tests = [exists for _, exists, _ in membership]
        return f" WHERE {' AND '.join([*conditions, *exists_tests])}", params
    if membership:
        counts = [_probe(reader, probe, params) for _, _, probe in membership]
        by_dates = _drive_by_dates(reader, min(counts), date_conditions, params)
        # driven by the names, only the most selective filter collects ids; the others test each collected event
        driver = None if by_dates else counts.index(min(counts))
        conditions += [in_subquery if i == driver else exists for i, (in_subquery, exists, _) in enumerate(membership)]
    return (f" WHERE {' AND '.join(conditions)}" if conditions else ""), params


def _probe(reader: Reader, sql: str, params: dict[str, Any]) -> int:
    """How many rows ``sql`` yields, counting no further than the cap."""
    return int(reader.scalars(f"SELECT COUNT(*) FROM ({sql} LIMIT {_PROBE_CAP}) AS probe", params)[0])


def _drive_by_dates(reader: Reader, named: int, date_conditions: list[str], params: dict[str, Any]) -> bool:
    """Whether walking the events in date order beats collecting the ``named`` events of the rarest filter."""
    if named < _PROBE_CAP and not date_conditions:
        return False  # a rare name: its own index gives few events
    return _dated(reader, date_conditions, params) <= named


def _dated(reader: Reader, date_conditions: list[str], params: dict[str, Any]) -> int:
    """How many events the date conditions leave (counting no further than the probes' cap)."""
    where = f" WHERE {' AND '.join(date_conditions)}" if date_conditions else ""  # on the events table
    return _probe(reader, f"SELECT 1 FROM events{where}", params)


def _longest_span_days(reader: Reader) -> int | None:
    """The longest event (its last day - date_start, in days) the last load recorded, or None when unknown."""
    value = reader.scalars("SELECT value FROM dataset_info WHERE key = 'longest_event_days'")
    return int(value[0]) if value else None


def find_event_ids(reader: Reader, wanted: TimelineFilter, offset: int = 0) -> list[str]:
    sql, params = event_query(reader, resolve_filter(reader, wanted), offset)
    return [str(event_id) for event_id in reader.scalars(sql, params)]


# How long a total under a page may take: counting every match of a busy actor at a million events reads them all.
COUNT_SECONDS = 0.2


def count_timeline(reader: Reader, wanted: TimelineFilter, seconds: float = COUNT_SECONDS) -> int | None:
    """How many events match ``wanted`` in all (for "showing 11–20 of 37"), or None when counting them would take
    longer than ``seconds``."""
    where, params = event_selection(reader, resolve_filter(reader, wanted), ordered=False)
    total = reader.scalar_within(f"SELECT count(*) FROM events{where}", params, seconds)
    return None if total is None else int(total)


def fetch_timeline(reader: Reader, wanted: TimelineFilter, offset: int = 0) -> list[dict[str, Any]]:
    """The matching events with their places, actors, tags, citations and quotations."""
    return fetch_events(reader, find_event_ids(reader, wanted, offset))


ARTICLE_REFERENCE_COLUMNS = (
    "articles.id AS article_id, articles.outlet AS outlet, articles.title AS title, "
    "articles.published AS published, articles.published_date AS published_date, "
    "articles.published_inferred AS published_inferred"
)


def article_reference(row: dict[str, Any]) -> dict[str, Any]:
    """How an event, statement or figure points at an article (from ARTICLE_REFERENCE_COLUMNS)."""
    return {
        "article_id": row["article_id"],
        "outlet": row["outlet"],
        "title": row["title"],
        "published": row["published"],
        "published_date": row["published_date"],
        "published_inferred": bool(row["published_inferred"]),
    }


def date_fields(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "date": row["date_start"],
        "date_end": row["date_end"],
        "date_latest": row["date_latest"],
        "date_precision": row["date_precision"],
        "time": row["time"],
        "timezone": row["timezone"],
        "date_note": row["date_note"],
    }


def fetch_events(reader: Reader, event_ids: Sequence[str]) -> list[dict[str, Any]]:
    """Full event documents for ``event_ids``, in the given order (batched: a few queries per 500 events)."""
    documents: list[dict[str, Any]] = []
    for chunk in chunked(event_ids, 2000):
        documents.extend(_fetch_chunk(reader, chunk))
    return documents


def _fetch_chunk(reader: Reader, ids: list[str]) -> list[dict[str, Any]]:
    ids_sql, params = in_list("event", ids)
    events = {row["id"]: row for row in reader.iterate(f"SELECT * FROM events WHERE id IN {ids_sql}", params)}
    tags: dict[str, list[str]] = defaultdict(list)
    for row in reader.iterate(
        f"SELECT event_id, tag FROM event_tags WHERE event_id IN {ids_sql} ORDER BY position", params
    ):
        tags[row["event_id"]].append(row["tag"])
    places: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in reader.iterate(
        f"""SELECT event_places.event_id, places.id, places.name, places.kind
            FROM event_places JOIN places ON places.id = event_places.place_id
            WHERE event_places.event_id IN {ids_sql} ORDER BY event_places.position""",
        params,
    ):
        places[row["event_id"]].append({"id": row["id"], "name": row["name"], "kind": row["kind"]})
    actors: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in reader.iterate(
        f"""SELECT event_actors.event_id, event_actors.role, actors.id, actors.name, actors.kind
            FROM event_actors JOIN actors ON actors.id = event_actors.actor_id
            WHERE event_actors.event_id IN {ids_sql} ORDER BY event_actors.position""",
        params,
    ):
        actors[row["event_id"]].append({"id": row["id"], "name": row["name"], "kind": row["kind"], "role": row["role"]})
    citations: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in reader.iterate(
        f"""SELECT citations.event_id, citations.excerpt, {ARTICLE_REFERENCE_COLUMNS}
            FROM citations JOIN articles ON articles.id = citations.article_id
            WHERE citations.event_id IN {ids_sql} ORDER BY citations.position""",
        params,
    ):
        citations[row["event_id"]].append({**article_reference(row), "excerpt": row["excerpt"]})
    counted = corroboration_of(reader, "event", ids)
    by_event: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for statement in fetch_statements(reader, f"statements.event_id IN {ids_sql}", params):
        by_event[statement["event_id"]].append(statement)
    return [
        {
            "id": event_id,
            **date_fields(events[event_id]),
            "type": events[event_id]["type"],
            "title": events[event_id]["title"],
            "summary": events[event_id]["summary"],
            "tags": tags[event_id],
            "places": places[event_id],
            "actors": actors[event_id],
            "citations": citations[event_id],
            "corroboration": counted.get(event_id, UNCOUNTED).to_dict(),
            "statements": by_event[event_id],
        }
        for event_id in ids
        if event_id in events
    ]


def fetch_statements(
    reader: Reader, where: str = "1 = 1", params: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    """Quotation documents (speaker, text, when, where, sources with intermediaries), in chronological order.

    ``where`` is an SQL condition on ``statements`` (with its ``params``) choosing which quotations.
    """
    return list(iter_statements(reader, where, params))


def iter_statements(
    reader: Reader, where: str = "1 = 1", params: dict[str, Any] | None = None, batch: int = 500
) -> Iterator[dict[str, Any]]:
    """:func:`fetch_statements` a batch at a time: an export of every quotation never holds them all."""
    rows = reader.iterate(
        f"""SELECT statements.*, speaker.name AS speaker_name, places.name AS place_name
            FROM statements
            JOIN actors AS speaker ON speaker.id = statements.speaker_id
            LEFT JOIN places ON places.id = statements.place_id
            WHERE {where}
            ORDER BY statements.date_start, COALESCE(statements.time, ''), statements.id""",
        params,
    )
    while True:
        chunk = list(itertools.islice(rows, batch))
        if not chunk:
            return
        yield from _statement_documents(reader, chunk)


def _statement_documents(reader: Reader, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    sources: dict[str, list[dict[str, Any]]] = defaultdict(list)
    counted = corroboration_of(reader, "statement", [row["id"] for row in rows])
    for chunk in chunked([row["id"] for row in rows]):
        ids_sql, chunk_params = in_list("statement", chunk)
        for row in reader.iterate(
            f"""SELECT statement_sources.statement_id, statement_sources.excerpt, via.id AS via_id,
                       via.name AS via, {ARTICLE_REFERENCE_COLUMNS}
                FROM statement_sources
                JOIN articles ON articles.id = statement_sources.article_id
                LEFT JOIN actors AS via ON via.id = statement_sources.via_id
                WHERE statement_sources.statement_id IN {ids_sql}
                ORDER BY statement_sources.statement_id, statement_sources.position""",
            chunk_params,
        ):
            sources[row["statement_id"]].append(
                {**article_reference(row), "via_id": row["via_id"], "via": row["via"], "excerpt": row["excerpt"]}
            )
    return [
        {
            "id": row["id"],
            "speaker_id": row["speaker_id"],
            "speaker": row["speaker_name"],
            "text": row["text"],
            "partial": bool(row["partial"]),
            **date_fields(row),
            "venue": row["venue"],
            "place_id": row["place_id"],
            "place": row["place_name"],
            "event_id": row["event_id"],
            "sources": sources[row["id"]],
            "corroboration": counted.get(row["id"], UNCOUNTED).to_dict(),
        }
        for row in rows
    ]


UNCOUNTED = Corroboration(0, 0)


def corroboration_of(reader: Reader, kind: str, ids: Sequence[str]) -> dict[str, Corroboration]:
    """The counts ``load`` wrote for these events or statements (kind "event" or "statement")."""
    counted: dict[str, Corroboration] = {}
    for chunk in chunked(list(ids), 2000):
        ids_sql, params = in_list("record", chunk)
        for row in reader.iterate(
            f"SELECT record_id, sources, independent FROM corroboration "
            f"WHERE record_kind = :kind AND record_id IN {ids_sql}",
            {**params, "kind": kind},
        ):
            counted[row["record_id"]] = Corroboration(row["sources"], row["independent"])
    return counted
