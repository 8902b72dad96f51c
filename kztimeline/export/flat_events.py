"""The flat events table: one row per event, with its places, coordinates, actors by role, tags and sources.

A spreadsheet or a data frame wants one row per event, as ACLED's export has, rather than the joined tables of the
CSV export. Lists are in one cell each, as in the ``timeline`` view: names ``; ``-separated, ids and tags
space-separated. ``latitude``/``longitude`` are those of the event's most specific place that can be located (a
site before its city, a city before its country), located as in the GeoJSON export: ``location`` says how exactly
(``place``: its own curated point; ``city``: the point of the city containing it; ``country``: the country's
representative point) and ``located_at`` which place's point it is.

``show --format csv`` writes these rows for the events it selects; the CSV export writes them as ``events_flat.csv``.
Both stream them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from kztimeline.db.reader import Reader, chunked
from kztimeline.export.geojson_export import PlaceLocator, country_aliases
from kztimeline.export.json_export import event_documents
from kztimeline.query.timeline import TimelineFilter, event_selection, fetch_events, find_event_ids, resolve_filter
from kztimeline.taxonomy import DATE_PRECISIONS, EVENT_TYPES, PLACE_KINDS

# name -> (Frictionless type, description); the date columns come from here alone, so a new date field is one line
DATE_FIELDS: dict[str, tuple[str, str]] = {
    "date": (
        "date",
        "Day the event happened, or the first day of its range (ISO; Almaty time unless timezone says otherwise).",
    ),
    "date_end": ("date", "Last day of an event that lasted several days (a duration; precision range)."),
    "date_latest": (
        "date",
        "Latest possible day of an event the sources date only within a window: it happened on one day between date"
        " and date_latest, not stated which (precision window).",
    ),
    "date_precision": ("string", "How exact the date is: " + ", ".join(DATE_PRECISIONS) + "."),
    "time": ("string", "Local time HH:MM when the sources give one."),
    "timezone": ("string", "IANA time zone of date and time (Asia/Almaty unless stated)."),
    "date_note": ("string", "Evidence for an inferred date."),
}

# each role's columns: names, ids (a test keeps them in step with taxonomy.ACTOR_ROLES)
ROLE_COLUMNS = {
    "actor": ("actors", "actor_ids"),
    "target": ("targets", "target_ids"),
    "mentioned": ("mentioned", "mentioned_ids"),
}

FLAT_EVENT_FIELDS: dict[str, tuple[str, str]] = {
    "id": ("string", "Stable id of the event (events.id)."),
    **DATE_FIELDS,
    "type": ("string", "Event type: " + ", ".join(EVENT_TYPES) + "."),
    "title": ("string", "Neutral, attributed one-line description."),
    "summary": ("string", "Longer description, when curated."),
    "places": ("string", 'Places of the event, "; "-separated names, in the curated order.'),
    "place_ids": ("string", "Their ids, space-separated."),
    "latitude": ("number", "Latitude (WGS 84) of the event's most specific place that can be located."),
    "longitude": ("number", "Longitude (WGS 84) of that place."),
    "location": (
        "string",
        "How exact the point is: place (the place's own curated coordinates), the kind of the containing place "
        "whose point it is (city, region), or country (the country's representative point). Empty when no place of "
        "the event can be located.",
    ),
    "located_at": ("string", "Id of the place whose point latitude and longitude are."),
    **{
        column: field
        for role, (names, ids) in ROLE_COLUMNS.items()
        for column, field in (
            (names, ("string", f'Actors in the role "{role}", "; "-separated names.')),
            (ids, ("string", "Their ids, space-separated.")),
        )
    },
    "tags": ("string", "Event tags, space-separated."),
    "sources": ("integer", "How many distinct articles the event cites."),
    "independent_sources": (
        "integer",
        "How many of them are independent reports: articles of one outlet and copies of one story (near-identical "
        "excerpts) count once; an article whose outlet is not named counts as its own source.",
    ),
    "outlets": ("string", 'Their outlets, "; "-separated, each once.'),
    "article_ids": ("string", "Their article ids, space-separated (the excerpts are in citations.csv)."),
}
FLAT_EVENT_COLUMNS = tuple(FLAT_EVENT_FIELDS)

_SPECIFICITY = {kind: rank for rank, kind in enumerate(PLACE_KINDS)}  # country, region, city, site: later is finer


class FlatEvents:
    """Turns event documents (``fetch_events``, ``event_documents``) into flat rows; it holds every place, to
    locate them."""

    def __init__(self, reader: Reader) -> None:
        places = {
            row["id"]: row
            for row in reader.iterate("SELECT id, name, kind, parent_id, latitude, longitude, geonames_id FROM places")
        }
        self.locate = PlaceLocator(places, country_aliases(reader))

    def row(self, event: dict[str, Any]) -> dict[str, Any]:
        """The flat row of one event document, keyed by :data:`FLAT_EVENT_COLUMNS`."""
        row: dict[str, Any] = {"id": event["id"], **{name: event[name] for name in DATE_FIELDS}}
        row |= {"type": event["type"], "title": event["title"], "summary": event["summary"]}
        places = event["places"]
        row["places"] = "; ".join(place["name"] for place in places)
        row["place_ids"] = " ".join(place["id"] for place in places)
        row |= self._point(places)
        for role, (names, ids) in ROLE_COLUMNS.items():
            actors = [actor for actor in event["actors"] if actor["role"] == role]
            row[names] = "; ".join(actor["name"] for actor in actors)
            row[ids] = " ".join(actor["id"] for actor in actors)
        row["tags"] = " ".join(event["tags"])
        article_ids = list(dict.fromkeys(citation["article_id"] for citation in event["citations"]))
        row["sources"] = len(article_ids)
        row["independent_sources"] = event["corroboration"]["independent"]
        outlets = dict.fromkeys(citation["outlet"] for citation in event["citations"] if citation["outlet"])
        row["outlets"] = "; ".join(outlets)
        row["article_ids"] = " ".join(article_ids)
        return row

    def rows(self, events: Iterator[dict[str, Any]] | list[dict[str, Any]]) -> Iterator[list[Any]]:
        """Rows as lists in column order, for a CSV writer."""
        for event in events:
            row = self.row(event)
            yield [row[column] for column in FLAT_EVENT_COLUMNS]

    def _point(self, places: list[dict[str, Any]]) -> dict[str, Any]:
        """latitude, longitude, location and located_at of the most specific place that can be located."""
        finest_first = sorted(places, key=lambda place: -_SPECIFICITY.get(place["kind"], -1))  # stable: curated order
        for place in finest_first:
            located = self.locate(place["id"])
            if located is not None:
                point, location, located_at = located
                longitude, latitude = point["coordinates"]
                return {"latitude": latitude, "longitude": longitude, "location": location, "located_at": located_at}
        return {"latitude": None, "longitude": None, "location": None, "located_at": None}


def merged_event_documents(reader: Reader, where: str, params: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The events of ``WHERE`` (``event_selection``) in timeline order, merged from one ordered query per child table
    as the JSON export reads them: a million events in under a minute, in flat memory."""
    unused: dict[str, set[str]] = {"articles": set(), "actors": set(), "places": set()}  # what a filtered export notes
    return event_documents(reader, where, params, unused)


def timeline_rows(
    reader: Reader,
    wanted: TimelineFilter,
    offset: int = 0,
    trim: Callable[[list[str]], list[str]] | None = None,
) -> Iterator[list[Any]]:
    """The flat rows of the events ``show`` selects, in column order.

    Every matching event (no limit) is one merged pass; a page is its ids (``trim`` may cut them, as ``show``'s
    paging does) fetched a batch at a time.
    """
    flat = FlatEvents(reader)
    if wanted.limit is None and offset == 0:
        where, params = event_selection(reader, resolve_filter(reader, wanted))
        yield from flat.rows(merged_event_documents(reader, where, params))
        return
    event_ids = find_event_ids(reader, wanted, offset)
    if trim is not None:
        event_ids = trim(event_ids)
    for chunk in chunked(event_ids, 500):
        yield from flat.rows(fetch_events(reader, chunk))
