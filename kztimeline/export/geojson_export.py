"""The GeoJSON export: the timeline on a map, as an RFC 7946 FeatureCollection.

Each event is a Point feature at each of its places (an event in two cities is two features), followed by one Point
feature per curated place. Coordinates are ``[longitude, latitude]``. Every feature says how exact its point is, in
the properties ``location`` and ``located_at``:

- ``"place"``: the place's own curated coordinates;
- the kind of the nearest containing place that has coordinates (``"city"``): "the main square of Almaty", not
  curated to the metre, is drawn at Almaty's point, with ``located_at: "almaty"``;
- ``"country"``: a country without curated coordinates is drawn at its representative point from the gazetteer
  shipped in the package (:mod:`kztimeline.geodata`): its capital's GeoNames coordinates, found by the place's
  ``geonames_id`` or else by its name or an alias in English, Russian or Kazakh ("Kazakstan" too). An event known
  only to have happened "in Kazakhstan" is on the map, drawn at Astana but marked ``location: "country"``: the
  point stands for the whole country, not for the capital.

A place that none of these can locate is left out and counted in the foreign member ``not_mapped`` at the end of
the collection, as is an event none of whose places can be located. Readers who want curated points only keep the
features with ``location == "place"``.

With filters, the events are those ``show`` selects and the places those of the exported events, with the places
containing them. Features are written one per line as the events are fetched, so memory stays flat.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterator
from typing import Any, TextIO

from kztimeline.db.reader import Reader
from kztimeline.query.timeline import TimelineFilter, event_query, fetch_events, resolve_filter

_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode

Progress = Callable[[str, int], None]  # (what, records written so far)


def iter_event_documents(reader: Reader, wanted: TimelineFilter, batch: int = 500) -> Iterator[dict[str, Any]]:
    """The matching events as full documents (places, actors, tags, citations, statements), in timeline order.

    The ids are read lazily and the documents fetched a batch at a time, so a million events never sit in memory.
    """
    sql, params = event_query(reader, resolve_filter(reader, wanted))
    ids = (str(row[0]) for row in reader.tuples(sql, params))
    while chunk := list(itertools.islice(ids, batch)):
        yield from fetch_events(reader, chunk)


def write_geojson_export(
    reader: Reader, wanted: TimelineFilter, out: TextIO, *, progress: Progress | None = None
) -> dict[str, int]:
    """Write the FeatureCollection to ``out``; return how many features were written and how many were left out."""
    places = {
        row["id"]: row
        for row in reader.iterate("SELECT id, name, kind, parent_id, latitude, longitude, geonames_id FROM places")
    }
    locate = PlaceLocator(places, country_aliases(reader))
    filtered = not wanted.is_empty()
    counts = {"event features": 0, "place features": 0, "events not mapped": 0, "places not mapped": 0}
    wanted_places: set[str] = set()
    out.write('{"type":"FeatureCollection","features":[')
    written = 0
    for event in iter_event_documents(reader, wanted):
        mapped = False
        for place in event["places"]:
            wanted_places.add(place["id"])
            located = locate(place["id"])
            if located is None:
                continue
            out.write(",\n" if written else "\n")
            out.write(_encode(_event_feature(event, place, located)))
            written += 1
            counts["event features"] += 1
            mapped = True
        if not mapped:
            counts["events not mapped"] += 1
        if progress is not None and written and written % 5000 == 0:
            progress("event features", written)
    if progress is not None:
        progress("event features", written)
    chosen = _with_parents(wanted_places, places) if filtered else set(places)
    for place_id in sorted(chosen):
        place = places[place_id]
        located = locate(place_id)
        if located is None:
            counts["places not mapped"] += 1
            continue
        out.write(",\n" if written else "\n")
        out.write(_encode(_place_feature(place, places, located)))
        written += 1
        counts["place features"] += 1
    not_mapped = {"events": counts["events not mapped"], "places": counts["places not mapped"]}
    out.write(f'\n],"not_mapped":{_encode(not_mapped)}}}\n' if written else f'],"not_mapped":{_encode(not_mapped)}}}\n')
    return counts


Located = tuple[dict[str, Any], str, str]  # (Point geometry, location: "place" | a place kind, located_at: place id)


class PlaceLocator:
    """Where to draw each place: its own coordinates, its nearest located container's, or its country's point."""

    def __init__(self, places: dict[str, dict[str, Any]], country_aliases: dict[str, list[str]]) -> None:
        self.places = places
        self.country_aliases = country_aliases
        self.known: dict[str, Located | None] = {}

    def __call__(self, place_id: str) -> Located | None:
        if place_id not in self.known:
            self.known[place_id] = self._locate(place_id)
        return self.known[place_id]

    def _locate(self, place_id: str) -> Located | None:
        place = self.places[place_id]
        if place["latitude"] is not None and place["longitude"] is not None:
            return _point(place["longitude"], place["latitude"]), "place", place_id
        if place["kind"] == "country":
            point = _country_point(place["geonames_id"], (place["name"], *self.country_aliases.get(place_id, ())))
            return (point, "country", place_id) if point else None
        parent = place["parent_id"]
        if parent is None or parent not in self.places:
            return None
        located = self(parent)
        if located is None:
            return None
        point, location, at = located
        return point, (self.places[at]["kind"] or "container") if location == "place" else location, at


def _point(longitude: float, latitude: float) -> dict[str, Any]:
    return {"type": "Point", "coordinates": [longitude, latitude]}


def country_aliases(reader: Reader) -> dict[str, list[str]]:
    """The aliases of the countries, in their order: a country the gazetteer does not know by its curated name may
    be known by an alias."""
    sql = (
        "SELECT a.place_id, a.alias FROM place_aliases a JOIN places p ON p.id = a.place_id"
        " WHERE p.kind = 'country' ORDER BY a.place_id, a.position"
    )
    aliases: dict[str, list[str]] = {}
    for place_id, alias in reader.tuples(sql, {}):
        aliases.setdefault(str(place_id), []).append(str(alias))
    return aliases


def _country_point(geonames_id: int | None, names: tuple[str, ...]) -> dict[str, Any] | None:
    """A country's representative point from the shipped gazetteer (its capital), or None if it is not known."""
    from kztimeline.geodata import find_country

    country = find_country(geonames_id, names)
    if country is None or country.latitude is None or country.longitude is None:
        return None
    return _point(country.longitude, country.latitude)


def _event_feature(event: dict[str, Any], place: dict[str, Any], located: Located) -> dict[str, Any]:
    point, location, located_at = located
    return {
        "type": "Feature",
        "id": f"event:{event['id']}:{place['id']}",
        "geometry": point,
        "properties": {
            "record": "event",
            "id": event["id"],
            "date": event["date"],
            "date_end": event["date_end"],
            "date_latest": event["date_latest"],
            "date_precision": event["date_precision"],
            "time": event["time"],
            "timezone": event["timezone"],
            "type": event["type"],
            "title": event["title"],
            "place_id": place["id"],
            "place": place["name"],
            "location": location,
            "located_at": located_at,
            "actors": [{"id": a["id"], "name": a["name"], "role": a["role"]} for a in event["actors"]],
            "tags": event["tags"],
            "sources": [{"article_id": c["article_id"], "outlet": c["outlet"]} for c in event["citations"]],
        },
    }


def _place_feature(place: dict[str, Any], places: dict[str, dict[str, Any]], located: Located) -> dict[str, Any]:
    point, location, located_at = located
    parent = places.get(place["parent_id"]) if place["parent_id"] else None
    return {
        "type": "Feature",
        "id": f"place:{place['id']}",
        "geometry": point,
        "properties": {
            "record": "place",
            "id": place["id"],
            "name": place["name"],
            "kind": place["kind"],
            "parent_id": place["parent_id"],
            "parent": parent["name"] if parent else None,
            "location": location,
            "located_at": located_at,
        },
    }


def _with_parents(chosen: set[str], places: dict[str, dict[str, Any]]) -> set[str]:
    """The places and every place containing them (Almaty brings Kazakhstan), as the JSON export keeps them."""
    result = set(chosen)
    for place_id in chosen:
        parent = places[place_id]["parent_id"]
        while parent is not None and parent not in result:
            result.add(parent)
            parent = places[parent]["parent_id"]
    return result
