"""The JSON export: events, statements, figures and the articles, actors and places they refer to.

Its shape is documented by ``kztimeline/schemas/export.schema.json``. Events are written chunk by chunk as they are
fetched, so memory stays flat however large the timeline.

With filters, the export holds the matching events (as ``show`` selects them), the statements attached to them, the
figures whose as-of date is in the date range and, with ``--actor``/``--place``, that those actors stated / that are
about those places (``--type`` and ``--tag`` select events only); then only the articles, actors and places referred to.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from sqlalchemy import Connection, Select, func, select

from kztimeline import __version__
from kztimeline.db.models import Actor, ActorAlias, Article, Figure, Place, PlaceAlias, Statement
from kztimeline.query.timeline import (
    ResolvedFilter,
    TimelineFilter,
    article_reference,
    chunked,
    date_fields,
    event_query,
    fetch_events,
    fetch_statements,
    resolve_filter,
)

FORMAT_NAME = "kztimeline-export"
FORMAT_VERSION = 1


def write_json_export(connection: Connection, wanted: TimelineFilter, out: TextIO) -> dict[str, int]:
    """Write the export document to ``out``; return how many records of each kind were written."""
    resolved = resolve_filter(connection, wanted)
    filtered = not wanted.is_empty()
    referenced: dict[str, set[str]] = {"articles": set(), "actors": set(), "places": set()}
    counts: dict[str, int] = {}

    out.write("{\n")
    out.write(f'  "format": {json.dumps(FORMAT_NAME)},\n  "version": {FORMAT_VERSION},\n')
    out.write(f'  "kztimeline_version": {json.dumps(__version__)},\n')
    out.write(f'  "filters": {json.dumps(wanted.to_json() if filtered else None, ensure_ascii=False)},\n')

    event_ids = list(connection.execute(event_query(resolved)).scalars())
    counts["events"] = _write_array(out, "events", _events(connection, event_ids, referenced))
    out.write(",\n")
    statement_ids = select(Statement.id).where(Statement.event_id.in_(event_ids)) if filtered else select(Statement.id)
    counts["statements"] = _write_array(out, "statements", _statements(connection, statement_ids, referenced))
    out.write(",\n")
    counts["figures"] = _write_array(
        out, "figures", _figures(connection, _figure_query(resolved, filtered), referenced)
    )
    out.write(",\n")
    counts["articles"] = _write_array(
        out, "articles", _articles(connection, referenced["articles"] if filtered else None)
    )
    out.write(",\n")
    counts["actors"] = _write_array(out, "actors", _actors(connection, referenced["actors"] if filtered else None))
    out.write(",\n")
    counts["places"] = _write_array(out, "places", _places(connection, referenced["places"] if filtered else None))
    out.write("\n}\n")
    return counts


def _write_array(out: TextIO, key: str, documents: Iterable[dict[str, Any]]) -> int:
    out.write(f'  "{key}": [')
    count = 0
    for document in documents:
        out.write(",\n    " if count else "\n    ")
        out.write(json.dumps(document, ensure_ascii=False))
        count += 1
    out.write("\n  ]" if count else "]")
    return count


def _events(connection: Connection, event_ids: list[str], referenced: dict[str, set[str]]) -> Iterator[dict[str, Any]]:
    for chunk in chunked(event_ids):
        for event in fetch_events(connection, chunk):
            statements = event.pop("statements")
            event["statement_ids"] = [s["id"] for s in statements]
            referenced["places"].update(p["id"] for p in event["places"])
            referenced["actors"].update(a["id"] for a in event["actors"])
            referenced["articles"].update(c["article_id"] for c in event["citations"])
            yield event


def _statements(connection: Connection, ids: Select[str], referenced: dict[str, set[str]]) -> Iterator[dict[str, Any]]:
    for statement in fetch_statements(connection, ids):
        referenced["actors"].add(statement["speaker_id"])
        if statement["place_id"]:
            referenced["places"].add(statement["place_id"])
        for source in statement["sources"]:
            referenced["articles"].add(source["article_id"])
            if source["via_id"]:
                referenced["actors"].add(source["via_id"])
        yield statement


def _figure_query(resolved: ResolvedFilter, filtered: bool) -> Select[Any]:
    query = select(Figure).order_by(Figure.metric, Figure.date_start, Figure.id)
    if not filtered:
        return query
    if resolved.date_from is not None:
        query = query.where(func.coalesce(Figure.date_end, Figure.date_start) >= resolved.date_from)
    if resolved.date_to is not None:
        query = query.where(Figure.date_start <= resolved.date_to)
    if resolved.actor_ids is not None:
        query = query.where(Figure.stated_by_id.in_(sorted(resolved.actor_ids)))
    if resolved.place_ids is not None:
        query = query.where(Figure.place_id.in_(sorted(resolved.place_ids)))
    return query


def _figures(connection: Connection, query: Select[Any], referenced: dict[str, set[str]]) -> Iterator[dict[str, Any]]:
    articles = {}
    for row in connection.execute(query):
        if row.article_id not in articles:
            articles[row.article_id] = connection.execute(select(Article).where(Article.id == row.article_id)).one()
        referenced["articles"].add(row.article_id)
        referenced["actors"].update(a for a in (row.stated_by_id, row.via_id) if a)
        if row.place_id:
            referenced["places"].add(row.place_id)
        yield {
            "id": row.id,
            "metric": row.metric,
            "label": row.label,
            "stated": row.stated,
            "value": row.value,
            "low": row.low,
            "high": row.high,
            "qualifier": row.qualifier,
            "scope": row.scope,
            "place_id": row.place_id,
            **date_fields(row),
            "stated_by_id": row.stated_by_id,
            "via_id": row.via_id,
            "source": article_reference(articles[row.article_id]),
            "excerpt": row.excerpt,
            "status": row.status,
            "superseded_by_id": row.superseded_by_id,
            "note": row.note,
        }


def _articles(connection: Connection, only: set[str] | None) -> Iterator[dict[str, Any]]:
    query = select(Article).order_by(Article.published_date, Article.id)
    if only is not None:
        query = query.where(Article.id.in_(sorted(only)))
    for row in connection.execute(query):
        yield {
            "id": row.id,
            "title": row.title,
            "outlet": row.outlet,
            "author": row.author,
            "url": row.url,
            "published": row.published,
            "published_date": row.published_date.isoformat() if row.published_date else None,
            "published_inferred": row.published_inferred,
            "date_note": row.date_note,
            "language": row.language,
            "source_file": row.source_file,
            "text_sha256": row.text_sha256,
            "text": row.text,
        }


def _aliases(connection: Connection, table: Any, fk: Any) -> dict[str, list[str]]:
    aliases: dict[str, list[str]] = {}
    for row in connection.execute(select(fk, table.alias).order_by(fk, table.position)):
        aliases.setdefault(row[0], []).append(row.alias)
    return aliases


def _actors(connection: Connection, only: set[str] | None) -> Iterator[dict[str, Any]]:
    aliases = _aliases(connection, ActorAlias, ActorAlias.actor_id)
    query = select(Actor).order_by(Actor.id)
    if only is not None:
        query = query.where(Actor.id.in_(sorted(only)))
    for row in connection.execute(query):
        yield {
            "id": row.id,
            "name": row.name,
            "kind": row.kind,
            "description": row.description,
            "aliases": aliases.get(row.id, []),
        }


def _places(connection: Connection, only: set[str] | None) -> Iterator[dict[str, Any]]:
    aliases = _aliases(connection, PlaceAlias, PlaceAlias.place_id)
    query = select(Place).order_by(Place.id)
    if only is not None:
        # keep the hierarchy whole: a place's parents come with it
        parents = {row.id: row.parent_id for row in connection.execute(select(Place.id, Place.parent_id))}
        wanted = set(only)
        for place_id in only:
            parent = parents.get(place_id)
            while parent is not None and parent not in wanted:
                wanted.add(parent)
                parent = parents.get(parent)
        query = query.where(Place.id.in_(sorted(wanted)))
    for row in connection.execute(query):
        yield {
            "id": row.id,
            "name": row.name,
            "kind": row.kind,
            "parent_id": row.parent_id,
            "latitude": row.latitude,
            "longitude": row.longitude,
            "geonames_id": row.geonames_id,
            "coordinates_source": row.coordinates_source,
            "aliases": aliases.get(row.id, []),
        }
