"""Who, where and which article: listings of actors, places and articles with how much the database says about
each, and one actor's or place's profile (``kztimeline actors``, ``places``, ``articles``, ``actor``, ``place``).

The counts tell a reader how much material is behind a name before they open it, and whether a source carries a
lot of the dataset. They are computed with ``COUNT … GROUP BY`` (never ``SUM``, which PostgreSQL returns as a
Decimal), and every query here runs on SQLite and PostgreSQL alike. Documents are plain JSON-ready dicts; events
and quotations have the shapes of :mod:`kztimeline.query.timeline` (the export schema).
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from kztimeline.db.reader import Reader, in_list
from kztimeline.errors import KztimelineError
from kztimeline.query.names import ONE_ID_HINT, place_descendants, resolve_actors, resolve_places
from kztimeline.query.timeline import (
    ResolvedFilter,
    event_query,
    fetch_events,
    iter_statements,
)
from kztimeline.taxonomy import ACTOR_ROLES

ACTOR_SORTS = ("events", "name")


def _counts(reader: Reader, sql: str, params: dict[str, Any] | None = None) -> dict[str, int]:
    """``{id: n}`` from a query selecting ``id`` and ``n``."""
    return {row["id"]: int(row["n"]) for row in reader.iterate(sql, params)}


def _aliases(reader: Reader, table: str, owner: str, only: str | None = None) -> dict[str, list[str]]:
    where = f" WHERE {owner} = :only" if only is not None else ""
    aliases: dict[str, list[str]] = {}
    for row in reader.iterate(
        f"SELECT {owner} AS owner, alias FROM {table}{where} ORDER BY {owner}, position", {"only": only}
    ):
        aliases.setdefault(row["owner"], []).append(row["alias"])
    return aliases


# ---------------------------------------------------------------- actors


def list_actors(reader: Reader, kind: str | None = None, sort: str = "events") -> list[dict[str, Any]]:
    """Every actor (of ``kind``, when given) with aliases and counts; most events first, or by name.

    ``events`` counts the events an actor takes part in, in any role (``roles`` splits them); ``quotations`` the
    quotations they speak; ``figures`` the numbers they stated; ``relayed_*`` what an outlet passed on from others
    ("as quoted by CNN"), which is how a news outlet with no events of its own is part of the record.
    """
    if sort not in ACTOR_SORTS:
        raise KztimelineError(f"unknown sort {sort!r}: use one of {', '.join(ACTOR_SORTS)}")
    where, params = (" WHERE kind = :kind", {"kind": kind}) if kind is not None else ("", {})
    rows = reader.rows(f"SELECT id, name, kind, description FROM actors{where}", params)
    documents = _actor_documents(reader, rows)
    documents.sort(key=lambda actor: (actor["name"].casefold(), actor["id"]))
    if sort == "events":
        documents.sort(key=lambda actor: -actor["events"])  # stable: ties stay in name order
    return documents


def _actor_documents(reader: Reader, rows: list[dict[str, Any]], only: str | None = None) -> list[dict[str, Any]]:
    """Actor documents for ``rows``; ``only`` narrows the counting queries to one actor's id."""

    def where(column: str, *more: str) -> str:
        conditions = [*more, *([f"{column} = :only"] if only is not None else [])]
        return f" WHERE {' AND '.join(conditions)}" if conditions else ""

    params = {"only": only}
    roles: dict[str, dict[str, int]] = {}
    for row in reader.iterate(
        f"SELECT actor_id, role, COUNT(*) AS n FROM event_actors{where('actor_id')} GROUP BY actor_id, role", params
    ):
        roles.setdefault(row["actor_id"], {})[row["role"]] = int(row["n"])
    quotations = _counts(
        reader,
        f"SELECT speaker_id AS id, COUNT(*) AS n FROM statements{where('speaker_id')} GROUP BY speaker_id",
        params,
    )
    figures = _counts(
        reader,
        f"SELECT stated_by_id AS id, COUNT(*) AS n FROM figures"
        f"{where('stated_by_id', 'stated_by_id IS NOT NULL')} GROUP BY stated_by_id",
        params,
    )
    relayed_quotations = _counts(
        reader,
        f"SELECT via_id AS id, COUNT(DISTINCT statement_id) AS n FROM statement_sources"
        f"{where('via_id', 'via_id IS NOT NULL')} GROUP BY via_id",
        params,
    )
    relayed_figures = _counts(
        reader,
        f"SELECT via_id AS id, COUNT(*) AS n FROM figures{where('via_id', 'via_id IS NOT NULL')} GROUP BY via_id",
        params,
    )
    aliases = _aliases(reader, "actor_aliases", "actor_id", only)
    documents = []
    for row in rows:
        actor_roles = roles.get(row["id"], {})
        documents.append(
            {
                "id": row["id"],
                "name": row["name"],
                "kind": row["kind"],
                "description": row["description"],
                "aliases": aliases.get(row["id"], []),
                # one role per actor and event (the primary key), so the roles add up to the events
                "events": sum(actor_roles.values()),
                "roles": {role: actor_roles.get(role, 0) for role in [*ACTOR_ROLES, *sorted(actor_roles)]},
                "quotations": quotations.get(row["id"], 0),
                "figures": figures.get(row["id"], 0),
                "relayed_quotations": relayed_quotations.get(row["id"], 0),
                "relayed_figures": relayed_figures.get(row["id"], 0),
            }
        )
    return documents


# ---------------------------------------------------------------- places

# Every place paired with itself and each place above it: counting events "at or inside" a place is a join on it.
_PLACE_ANCESTORS = """
    WITH RECURSIVE up(place_id, ancestor_id) AS (
        SELECT id, id FROM places
        UNION
        SELECT up.place_id, places.parent_id FROM up JOIN places ON places.id = up.ancestor_id
        WHERE places.parent_id IS NOT NULL
    )
"""


def list_places(reader: Reader, counted: set[str] | None = None) -> list[dict[str, Any]]:
    """The place hierarchy: the top-level places (countries, mostly), each with its ``children``, by name.

    Each place has ``events_here`` (events at the place itself) and ``events_within`` (events at it or at any place
    inside it, each event once: an event at both Almaty and Kazakhstan counts once for Kazakhstan). With
    ``counted`` (a place and everything inside it), only the events at those places are counted: the counts of the
    places in that subtree are right and cost a fraction of counting the whole database.
    """
    where, params = "", dict[str, Any]()
    if counted is not None:
        ids_sql, params = in_list("place", sorted(counted))
        where = f" WHERE event_places.place_id IN {ids_sql}"
    here = _counts(reader, f"SELECT place_id AS id, COUNT(*) AS n FROM event_places{where} GROUP BY place_id", params)
    within = _counts(
        reader,
        f"""{_PLACE_ANCESTORS}
            SELECT up.ancestor_id AS id, COUNT(DISTINCT event_places.event_id) AS n
            FROM event_places JOIN up ON up.place_id = event_places.place_id{where}
            GROUP BY up.ancestor_id""",
        params,
    )
    aliases = _aliases(reader, "place_aliases", "place_id")
    nodes: dict[str, dict[str, Any]] = {}
    for row in reader.iterate("SELECT id, name, kind, parent_id, latitude, longitude FROM places"):
        nodes[row["id"]] = {
            "id": row["id"],
            "name": row["name"],
            "kind": row["kind"],
            "parent_id": row["parent_id"],
            "latitude": row["latitude"],
            "longitude": row["longitude"],
            "aliases": aliases.get(row["id"], []),
            "events_here": here.get(row["id"], 0),
            "events_within": within.get(row["id"], 0),
            "children": [],
        }
    roots: list[dict[str, Any]] = []
    for node in sorted(nodes.values(), key=lambda place: (place["name"].casefold(), place["id"])):
        parent = nodes.get(node["parent_id"]) if node["parent_id"] is not None else None
        (parent["children"] if parent is not None else roots).append(node)
    return roots


def walk_places(
    places: Sequence[dict[str, Any]], path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], dict[str, Any]]]:
    """Every place of a tree from :func:`list_places`, depth first, with the names from the top down to it."""
    for place in places:
        here = (*path, place["name"])
        yield here, place
        yield from walk_places(place["children"], here)


# ---------------------------------------------------------------- articles


def list_articles(reader: Reader) -> list[dict[str, Any]]:
    """Every article, by publication date (undated last), with how many events, quotations and figures cite it."""
    events = _counts(
        reader, "SELECT article_id AS id, COUNT(DISTINCT event_id) AS n FROM citations GROUP BY article_id"
    )
    quotations = _counts(
        reader, "SELECT article_id AS id, COUNT(DISTINCT statement_id) AS n FROM statement_sources GROUP BY article_id"
    )
    figures = _counts(reader, "SELECT article_id AS id, COUNT(*) AS n FROM figures GROUP BY article_id")
    rows = reader.iterate(
        """SELECT id, outlet, title, author, url, published, published_date, published_inferred, language
           FROM articles
           ORDER BY CASE WHEN published_date IS NULL THEN 1 ELSE 0 END, published_date, id"""
    )
    return [
        {
            "id": row["id"],
            "outlet": row["outlet"],
            "title": row["title"],
            "author": row["author"],
            "published": row["published"],
            "published_date": row["published_date"],
            "published_inferred": bool(row["published_inferred"]),
            "language": row["language"],
            "url": row["url"],
            "events": events.get(row["id"], 0),
            "quotations": quotations.get(row["id"], 0),
            "figures": figures.get(row["id"], 0),
        }
        for row in rows
    ]


# ---------------------------------------------------------------- one actor or place


@dataclass
class Profile:
    """One actor's or place's document, and which of its lists were cut at the limit (``events``, …)."""

    document: dict[str, Any]
    cut: list[str] = field(default_factory=list)


def _limited(items: Iterator[dict[str, Any]], limit: int | None, name: str, cut: list[str]) -> list[dict[str, Any]]:
    taken = list(itertools.islice(items, None if limit is None else limit + 1))
    if limit is not None and len(taken) > limit:
        cut.append(name)
        del taken[limit:]
    return taken


def _events(reader: Reader, resolved: ResolvedFilter, limit: int | None, cut: list[str]) -> list[dict[str, Any]]:
    """The events ``resolved`` selects, in timeline order, at most ``limit`` (one more is read to know if cut)."""
    resolved = dataclasses.replace(resolved, limit=None if limit is None else limit + 1)
    sql, params = event_query(reader, resolved)
    ids = [str(event_id) for event_id in reader.scalars(sql, params)]
    if limit is not None and len(ids) > limit:
        cut.append("events")
        del ids[limit:]
    return fetch_events(reader, ids)


def actor_profile(reader: Reader, name: str, limit: int | None = None) -> Profile:
    """One actor: who they are, the counts of :func:`list_actors`, and their events (those ``show --actor``
    finds: taking part in any role, or quoted), their quotations and the figures they stated, each list oldest
    first and at most ``limit`` long.

    ``name`` resolves like ``show --actor``; a name matching several actors raises an error naming them.
    """
    (actor_id,) = resolve_actors(reader, [name], hint=ONE_ID_HINT)
    row = reader.rows("SELECT id, name, kind, description FROM actors WHERE id = :id", {"id": actor_id})
    document = _actor_documents(reader, row, only=actor_id)[0]
    cut: list[str] = []
    document["timeline"] = _events(reader, ResolvedFilter(actor_ids={actor_id}), limit, cut)
    document["statements"] = _limited(
        iter_statements(reader, "statements.speaker_id = :speaker", {"speaker": actor_id}), limit, "quotations", cut
    )
    document["figures_stated"] = _limited(_figures_stated_by(reader, actor_id), limit, "figures", cut)
    return Profile(document, cut)


def _figures_stated_by(reader: Reader, actor_id: str) -> Iterator[dict[str, Any]]:
    """The figures an actor stated, as dated (oldest first), documented as ``kztimeline figures`` documents them."""
    from kztimeline.query.figures import figure_documents

    return figure_documents(
        reader, "figures.stated_by_id = :actor", {"actor": actor_id}, "figures.date_start, figures.metric"
    )


def place_profile(reader: Reader, name: str, limit: int | None = None) -> Profile:
    """One place: what :func:`list_places` says of it (with the places inside it as ``children``), the places it
    is part of (``parents``, nearest first), and the events at it or inside it, oldest first, at most ``limit``.

    ``name`` resolves like ``show --place``; a name matching several places raises an error naming them.
    """
    (place_id,) = resolve_places(reader, [name], include_children=False, hint=ONE_ID_HINT)
    inside = place_descendants(reader, {place_id})
    nodes = {place["id"]: place for _, place in walk_places(list_places(reader, counted=inside))}
    document = dict(nodes[place_id])
    parents: list[dict[str, str]] = []
    parent_id = document["parent_id"]
    while parent_id is not None and parent_id in nodes and len(parents) < len(nodes):  # bounded: no endless cycle
        parent = nodes[parent_id]
        parents.append({"id": parent["id"], "name": parent["name"], "kind": parent["kind"]})
        parent_id = parent["parent_id"]
    document["parents"] = parents
    cut: list[str] = []
    document["timeline"] = _events(reader, ResolvedFilter(place_ids=inside), limit, cut)
    return Profile(document, cut)
