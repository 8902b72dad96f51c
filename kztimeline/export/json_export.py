"""The JSON export: events, statements, figures and the articles, actors and places they refer to.

Its shape is documented by ``kztimeline/schemas/export.schema.json``. Events are written chunk by chunk as they are
fetched, so memory stays flat however large the timeline.

With filters, the export holds the matching events (as ``show`` selects them), the statements attached to them, the
figures whose as-of date is in the date range and, with ``--actor``/``--place``, that those actors stated / that are
about those places (``--type`` and ``--tag`` select events only); then only the articles, actors and places referred to.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TextIO

from kztimeline import __version__
from kztimeline.db.reader import Reader, chunked, in_list
from kztimeline.query.corroboration import Corroboration
from kztimeline.query.figures import figure_as_stated
from kztimeline.query.timeline import (
    ARTICLE_REFERENCE_COLUMNS,
    TIMELINE_ORDER,
    UNCOUNTED,
    ResolvedFilter,
    TimelineFilter,
    article_reference,
    date_fields,
    event_selection,
    iter_statements,
    last_day,
    resolve_filter,
)

# one encoder for millions of documents; compact, the form SQLite's JSON functions write too
_encode_line = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
FORMAT_NAME = "kztimeline-export"
FORMAT_VERSION = 1


SECTIONS = ("events", "statements", "figures", "articles", "actors", "places")


def export_sections(
    reader: Reader, wanted: TimelineFilter, *, records: bool = False, fast: bool = True
) -> Iterator[tuple[str, Iterator[str]]]:
    """The export, section by section, each a stream of compact JSON objects read from the database as it is written.

    With ``records`` every object starts with a ``record`` key naming its kind (for ndjson). With filters, articles,
    actors and places hold only what the events, statements and figures before them refer to, so each section must
    be consumed before the next is asked for. On SQLite (unless ``fast`` is off) SQLite's JSON functions build the
    event objects, which is several times faster than building them in Python; the two give the same bytes.
    """
    resolved = resolve_filter(reader, wanted)
    filtered = not wanted.is_empty()
    referenced: dict[str, set[str]] = {"articles": set(), "actors": set(), "places": set()}
    where, params = event_selection(reader, resolved)
    chosen = f"SELECT events.id FROM events{where}"
    statements_where, statements_params = (f"statements.event_id IN ({chosen})", params) if filtered else ("1 = 1", {})
    if fast and reader.dialect == "sqlite":
        sql = _EVENT_JSON.format(
            record="'record', 'event'," if records else "",
            where=where,
            order=TIMELINE_ORDER,
            event_corroboration=_corroboration_json("event", "events.id"),
        )
        yield "events", _json_by_sqlite(reader, sql, params, referenced, _event_references(chosen) if filtered else [])
        sql = _STATEMENT_JSON.format(
            record="'record', 'statement'," if records else "",
            where=statements_where,
            statement_corroboration=_corroboration_json("statement", "statements.id"),
        )
        references = _statement_references(statements_where) if filtered else []
        yield "statements", _json_by_sqlite(reader, sql, statements_params, referenced, references)
    else:
        yield "events", _encoded("event" if records else None, event_documents(reader, where, params, referenced))
        statements = _statements(reader, statements_where, statements_params, referenced)
        yield "statements", _encoded("statement" if records else None, statements)
    for section, documents in other_sections(reader, resolved, filtered, referenced):
        yield section, _encoded(section[:-1] if records else None, documents)


def _encoded(record: str | None, documents: Iterator[dict[str, Any]]) -> Iterator[str]:
    for document in documents:
        yield _encode_line({"record": record, **document} if record else document)


def other_sections(
    reader: Reader, resolved: ResolvedFilter, filtered: bool, referenced: dict[str, set[str]]
) -> Iterator[tuple[str, Iterator[dict[str, Any]]]]:
    yield "figures", _figures(reader, resolved, filtered, referenced)
    yield "articles", _articles(reader, referenced["articles"] if filtered else None)
    yield "actors", _actors(reader, referenced["actors"] if filtered else None)
    yield "places", _places(reader, referenced["places"] if filtered else None)


def export_header(wanted: TimelineFilter) -> dict[str, Any]:
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "kztimeline_version": __version__,
        "filters": None if wanted.is_empty() else wanted.to_json(),
    }


Progress = Callable[[str, int], None]  # (section, records written so far)


def _reporting(section: str, documents: Iterator[str], progress: Progress | None) -> Iterator[str]:
    if progress is None:
        yield from documents
        return
    count = 0
    for count, document in enumerate(documents, start=1):
        yield document
        if count % 5000 == 0:
            progress(section, count)
    progress(section, count)


def write_json_export(
    reader: Reader, wanted: TimelineFilter, out: TextIO, *, fast: bool = True, progress: Progress | None = None
) -> dict[str, int]:
    """Write the export as one JSON document to ``out``; return how many records of each kind were written."""
    out.write("{\n")
    for key, value in export_header(wanted).items():
        out.write(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},\n")
    counts: dict[str, int] = {}
    for index, (section, documents) in enumerate(export_sections(reader, wanted, fast=fast)):
        if index:
            out.write(",\n")
        counts[section] = _write_array(out, section, _reporting(section, documents, progress))
    out.write("\n}\n")
    return counts


def write_ndjson_export(
    reader: Reader, wanted: TimelineFilter, out: TextIO, *, fast: bool = True, progress: Progress | None = None
) -> dict[str, int]:
    """Write the export as newline-delimited JSON: a header line, then one record per line, each with a
    ``record`` key naming its kind (``event``, ``statement``, ``figure``, ``article``, ``actor``, ``place``)."""
    out.write(_encode_line({"record": "header", **export_header(wanted)}) + "\n")
    counts: dict[str, int] = {}
    for section, documents in export_sections(reader, wanted, records=True, fast=fast):
        count = 0
        for document in _reporting(section, documents, progress):
            out.write(document)
            out.write("\n")
            count += 1
        counts[section] = count
    return counts


def _write_array(out: TextIO, key: str, documents: Iterable[str]) -> int:
    out.write(f'  "{key}": [')
    count = 0
    for document in documents:
        out.write(",\n    " if count else "\n    ")
        out.write(document)
        count += 1
    out.write("\n  ]" if count else "]")
    return count


class _Children:
    """Rows of a child table ordered like the events, consumed event by event (a merge, not a lookup).

    Rows are tuples whose first value is the event id.
    """

    def __init__(self, rows: Iterator[tuple[Any, ...]]) -> None:
        self.rows = rows
        self.head = next(rows, None)

    def take(self, owner: str) -> list[tuple[Any, ...]]:
        head = self.head
        if head is None or head[0] != owner:
            return []
        taken = []
        rows = self.rows
        while head is not None and head[0] == owner:
            taken.append(head)
            head = next(rows, None)
        self.head = head
        return taken


def _corroboration_json(kind: str, record: str) -> str:
    """The corroboration object of a record as SQLite JSON, as :class:`Corroboration` writes it."""
    return (
        "COALESCE((SELECT json_object('sources', sources, 'independent', independent, 'single_source', "
        "json(CASE WHEN independent <= 1 THEN 'true' ELSE 'false' END)) FROM corroboration "
        f"WHERE record_kind = '{kind}' AND record_id = {record}), "
        "json_object('sources', 0, 'independent', 0, 'single_source', json('true')))"
    )


_EVENT_JSON = """
SELECT json_object({record}
    'id', events.id, 'date', events.date_start, 'date_end', events.date_end, 'date_latest', events.date_latest,
    'date_precision', events.date_precision, 'time', events.time, 'timezone', events.timezone,
    'date_note', events.date_note, 'type', events.type, 'title', events.title, 'summary', events.summary,
    'tags', (SELECT json_group_array(tag) FROM
        (SELECT tag FROM event_tags WHERE event_id = events.id ORDER BY position)),
    'places', (SELECT json_group_array(json_object('id', id, 'name', name, 'kind', kind)) FROM
        (SELECT places.id, places.name, places.kind FROM event_places JOIN places ON places.id = event_places.place_id
         WHERE event_places.event_id = events.id ORDER BY event_places.position)),
    'actors', (SELECT json_group_array(json_object('id', id, 'name', name, 'kind', kind, 'role', role)) FROM
        (SELECT actors.id, actors.name, actors.kind, event_actors.role
         FROM event_actors JOIN actors ON actors.id = event_actors.actor_id
         WHERE event_actors.event_id = events.id ORDER BY event_actors.position)),
    'citations', (SELECT json_group_array(json_object(
            'article_id', id, 'outlet', outlet, 'title', title, 'published', published,
            'published_date', published_date,
            'published_inferred', json(CASE WHEN published_inferred THEN 'true' ELSE 'false' END),
            'excerpt', excerpt)) FROM
        (SELECT articles.id, articles.outlet, articles.title, articles.published, articles.published_date,
                articles.published_inferred, citations.excerpt
         FROM citations JOIN articles ON articles.id = citations.article_id
         WHERE citations.event_id = events.id ORDER BY citations.position)),
    'corroboration', {event_corroboration},
    'statement_ids', (SELECT json_group_array(id) FROM
        (SELECT id FROM statements WHERE event_id = events.id ORDER BY date_start, COALESCE(time, ''), id))
)
FROM events{where} ORDER BY {order}
"""


_STATEMENT_JSON = """
SELECT json_object({record}
    'id', statements.id, 'speaker_id', statements.speaker_id, 'speaker', speaker.name, 'text', statements.text,
    'partial', json(CASE WHEN statements.partial THEN 'true' ELSE 'false' END),
    'date', statements.date_start, 'date_end', statements.date_end, 'date_latest', statements.date_latest,
    'date_precision', statements.date_precision,
    'time', statements.time, 'timezone', statements.timezone, 'date_note', statements.date_note,
    'venue', statements.venue, 'place_id', statements.place_id, 'place', places.name,
    'event_id', statements.event_id,
    'sources', (SELECT json_group_array(json_object(
            'article_id', id, 'outlet', outlet, 'title', title, 'published', published,
            'published_date', published_date,
            'published_inferred', json(CASE WHEN published_inferred THEN 'true' ELSE 'false' END),
            'via_id', via_id, 'via', via, 'excerpt', excerpt)) FROM
        (SELECT articles.id, articles.outlet, articles.title, articles.published, articles.published_date,
                articles.published_inferred, via.id AS via_id, via.name AS via, statement_sources.excerpt
         FROM statement_sources
         JOIN articles ON articles.id = statement_sources.article_id
         LEFT JOIN actors AS via ON via.id = statement_sources.via_id
         WHERE statement_sources.statement_id = statements.id ORDER BY statement_sources.position)),
    'corroboration', {statement_corroboration}
)
FROM statements
JOIN actors AS speaker ON speaker.id = statements.speaker_id
LEFT JOIN places ON places.id = statements.place_id
WHERE {where}
ORDER BY statements.date_start, COALESCE(statements.time, ''), statements.id
"""


def _event_references(chosen: str) -> list[tuple[str, str]]:
    """(kind, SQL) of what the chosen events refer to."""
    return [
        ("places", f"SELECT DISTINCT place_id FROM event_places WHERE event_id IN ({chosen})"),
        ("actors", f"SELECT DISTINCT actor_id FROM event_actors WHERE event_id IN ({chosen})"),
        ("articles", f"SELECT DISTINCT article_id FROM citations WHERE event_id IN ({chosen})"),
    ]


def _statement_references(where: str) -> list[tuple[str, str]]:
    """(kind, SQL) of what the chosen statements refer to."""
    sources = f"statement_sources.statement_id IN (SELECT statements.id FROM statements WHERE {where})"
    return [
        ("actors", f"SELECT DISTINCT speaker_id FROM statements WHERE {where}"),
        ("places", f"SELECT DISTINCT place_id FROM statements WHERE {where} AND place_id IS NOT NULL"),
        ("articles", f"SELECT DISTINCT article_id FROM statement_sources WHERE {sources}"),
        ("actors", f"SELECT DISTINCT via_id FROM statement_sources WHERE {sources} AND via_id IS NOT NULL"),
    ]


def _json_by_sqlite(
    reader: Reader,
    sql: str,
    params: dict[str, Any],
    referenced: dict[str, set[str]],
    references: list[tuple[str, str]],
) -> Iterator[str]:
    """Objects as SQLite's JSON functions write them; then what they refer to (wanted only by a filtered export)."""
    for (document,) in reader.tuples(sql, params):
        yield document
    for kind, query in references:
        referenced[kind].update(reader.scalars(query, params))


def event_documents(
    reader: Reader, where: str, params: dict[str, Any], referenced: dict[str, set[str]]
) -> Iterator[dict[str, Any]]:
    """Event documents in timeline order, built by merging one ordered query per child table.

    Millions of events are exported without a lookup per event or per batch: every query walks the events in the
    same (total) timeline order, so their rows line up event by event.
    """

    def children(columns: str, joins: str, extra_order: str) -> _Children:
        order = f"{TIMELINE_ORDER}, {extra_order}"
        sql = f"SELECT events.id, {columns} FROM events {joins}{where} ORDER BY {order}"
        return _Children(reader.tuples(sql, params))

    tags = children("event_tags.tag", "JOIN event_tags ON event_tags.event_id = events.id", "event_tags.position")
    places = children(
        "places.id, places.name, places.kind",
        "JOIN event_places ON event_places.event_id = events.id JOIN places ON places.id = event_places.place_id",
        "event_places.position",
    )
    actors = children(
        "actors.id, actors.name, actors.kind, event_actors.role",
        "JOIN event_actors ON event_actors.event_id = events.id JOIN actors ON actors.id = event_actors.actor_id",
        "event_actors.position",
    )
    citations = children(
        "articles.id, articles.outlet, articles.title, articles.published, articles.published_date, "
        "articles.published_inferred, citations.excerpt",
        "JOIN citations ON citations.event_id = events.id JOIN articles ON articles.id = citations.article_id",
        "citations.position",
    )
    statements = children(
        "statements.id",
        "JOIN statements ON statements.event_id = events.id",
        "statements.date_start, COALESCE(statements.time, ''), statements.id",
    )
    counts = children(
        "corroboration.sources, corroboration.independent",
        "JOIN corroboration ON corroboration.record_kind = 'event' AND corroboration.record_id = events.id",
        "corroboration.record_id",
    )
    seen_places, seen_actors, seen_articles = referenced["places"], referenced["actors"], referenced["articles"]
    for event in reader.iterate(f"SELECT events.* FROM events{where} ORDER BY {TIMELINE_ORDER}", params):
        event_id = event["id"]
        event_places = [{"id": r[1], "name": r[2], "kind": r[3]} for r in places.take(event_id)]
        event_actors = [{"id": r[1], "name": r[2], "kind": r[3], "role": r[4]} for r in actors.take(event_id)]
        event_citations = [
            {
                "article_id": r[1],
                "outlet": r[2],
                "title": r[3],
                "published": r[4],
                "published_date": r[5],
                "published_inferred": bool(r[6]),
                "excerpt": r[7],
            }
            for r in citations.take(event_id)
        ]
        for place in event_places:
            seen_places.add(place["id"])
        for actor in event_actors:
            seen_actors.add(actor["id"])
        for citation in event_citations:
            seen_articles.add(citation["article_id"])
        yield {
            "id": event_id,
            **date_fields(event),
            "type": event["type"],
            "title": event["title"],
            "summary": event["summary"],
            "tags": [r[1] for r in tags.take(event_id)],
            "places": event_places,
            "actors": event_actors,
            "citations": event_citations,
            "corroboration": next((Corroboration(r[1], r[2]) for r in counts.take(event_id)), UNCOUNTED).to_dict(),
            "statement_ids": [r[1] for r in statements.take(event_id)],
        }


def _statements(
    reader: Reader, where: str, params: dict[str, Any], referenced: dict[str, set[str]]
) -> Iterator[dict[str, Any]]:
    for statement in iter_statements(reader, where, params):
        referenced["actors"].add(statement["speaker_id"])
        if statement["place_id"]:
            referenced["places"].add(statement["place_id"])
        for source in statement["sources"]:
            referenced["articles"].add(source["article_id"])
            if source["via_id"]:
                referenced["actors"].add(source["via_id"])
        yield statement


def figure_query(resolved: ResolvedFilter, filtered: bool) -> tuple[str, dict[str, Any]]:
    conditions: list[str] = []
    params: dict[str, Any] = {}
    if filtered:
        if resolved.date_from is not None:
            conditions.append(f"{last_day('figures')} >= :date_from")
            params["date_from"] = resolved.date_from.isoformat()
        if resolved.date_to is not None:
            conditions.append("figures.date_start <= :date_to")
            params["date_to"] = resolved.date_to.isoformat()
        if resolved.actor_ids is not None:
            ids_sql, ids = in_list("actor", sorted(resolved.actor_ids))
            conditions.append(f"figures.stated_by_id IN {ids_sql}")
            params |= ids
        if resolved.place_ids is not None:
            ids_sql, ids = in_list("place", sorted(resolved.place_ids))
            conditions.append(f"figures.place_id IN {ids_sql}")
            params |= ids
    where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    sql = f"""SELECT figures.*, {ARTICLE_REFERENCE_COLUMNS}
              FROM figures JOIN articles ON articles.id = figures.article_id{where}
              ORDER BY figures.metric, figures.date_start, figures.id"""
    return sql, params


def _figures(
    reader: Reader, resolved: ResolvedFilter, filtered: bool, referenced: dict[str, set[str]]
) -> Iterator[dict[str, Any]]:
    sql, params = figure_query(resolved, filtered)
    for row in reader.iterate(sql, params):
        referenced["articles"].add(row["article_id"])
        referenced["actors"].update(a for a in (row["stated_by_id"], row["via_id"]) if a)
        if row["place_id"]:
            referenced["places"].add(row["place_id"])
        yield {
            **figure_as_stated(row),
            **date_fields(row),
            "stated_by_id": row["stated_by_id"],
            "via_id": row["via_id"],
            "source": article_reference(row),
            "excerpt": row["excerpt"],
            "status": row["status"],
            "superseded_by_id": row["superseded_by_id"],
            "note": row["note"],
        }


def _selected(reader: Reader, sql: str, order: str, only: set[str] | None) -> Iterator[dict[str, Any]]:
    """Rows of ``sql`` (a SELECT over one table), all of them or those whose id is in ``only``, in ``order``
    (missing values first, as on SQLite, on every engine)."""
    if only is None:
        columns = [part.strip() for part in order.split(",")]
        order_sql = ", ".join(f"CASE WHEN {column} IS NULL THEN 0 ELSE 1 END, {column}" for column in columns)
        yield from reader.iterate(f"{sql} ORDER BY {order_sql}")
        return
    rows: list[dict[str, Any]] = []
    for chunk in chunked(sorted(only)):
        ids_sql, params = in_list("id", chunk)
        rows.extend(reader.iterate(f"{sql} WHERE id IN {ids_sql}", params))
    keys = [part.strip() for part in order.split(",")]
    rows.sort(key=lambda row: tuple((row[key] is not None, row[key] or "") for key in keys))
    yield from rows


def _articles(reader: Reader, only: set[str] | None) -> Iterator[dict[str, Any]]:
    for row in _selected(reader, "SELECT * FROM articles", "published_date, id", only):
        yield {
            "id": row["id"],
            "title": row["title"],
            "outlet": row["outlet"],
            "author": row["author"],
            "url": row["url"],
            "retrieved": row["retrieved"],
            "published": row["published"],
            "published_date": row["published_date"],
            "published_inferred": bool(row["published_inferred"]),
            "date_note": row["date_note"],
            "language": row["language"],
            "source_file": row["source_file"],
            "text_sha256": row["text_sha256"],
            "text": row["text"],
        }


def _aliases(reader: Reader, table: str, fk: str) -> dict[str, list[str]]:
    aliases: dict[str, list[str]] = {}
    for row in reader.iterate(f"SELECT {fk} AS owner, alias FROM {table} ORDER BY {fk}, position"):
        aliases.setdefault(row["owner"], []).append(row["alias"])
    return aliases


def _actors(reader: Reader, only: set[str] | None) -> Iterator[dict[str, Any]]:
    aliases = _aliases(reader, "actor_aliases", "actor_id")
    for row in _selected(reader, "SELECT * FROM actors", "id", only):
        yield {
            "id": row["id"],
            "name": row["name"],
            "kind": row["kind"],
            "description": row["description"],
            "aliases": aliases.get(row["id"], []),
        }


def _places(reader: Reader, only: set[str] | None) -> Iterator[dict[str, Any]]:
    aliases = _aliases(reader, "place_aliases", "place_id")
    if only is not None:
        # keep the hierarchy whole: a place's parents come with it
        parents = {row["id"]: row["parent_id"] for row in reader.iterate("SELECT id, parent_id FROM places")}
        wanted = set(only)
        for place_id in only:
            parent = parents.get(place_id)
            while parent is not None and parent not in wanted:
                wanted.add(parent)
                parent = parents.get(parent)
        only = wanted
    for row in _selected(reader, "SELECT * FROM places", "id", only):
        yield {
            "id": row["id"],
            "name": row["name"],
            "kind": row["kind"],
            "parent_id": row["parent_id"],
            "latitude": row["latitude"],
            "longitude": row["longitude"],
            "geonames_id": row["geonames_id"],
            "coordinates_source": row["coordinates_source"],
            "aliases": aliases.get(row["id"], []),
        }
