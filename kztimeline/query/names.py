"""Resolve what users type (``Tokayev``, ``alma-ata``, ``Kazakhstan``) to actor and place ids.

Matching is case-insensitive and treats hyphens as spaces. An id, canonical name or alias that matches exactly wins;
otherwise every actor whose name or alias contains the words typed matches ("Tokayev" finds "Kassym-Jomart Tokayev").
Nothing matching is an error that names the closest spellings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import Connection, Table, or_, select, union_all

from kztimeline.curation.text import casefold_key
from kztimeline.db.models import Actor, ActorAlias, Place, PlaceAlias
from kztimeline.errors import UnknownNameError, did_you_mean


def resolve_actors(connection: Connection, names: Iterable[str]) -> set[str]:
    """The ids of the actors matching any of ``names``."""
    return _resolve(connection, names, Actor.__table__, ActorAlias.__table__, "actor_id", "actor")  # type: ignore[arg-type]


def resolve_places(connection: Connection, names: Iterable[str], *, include_children: bool = True) -> set[str]:
    """The ids of the places matching any of ``names`` and, by default, every place inside them."""
    ids = _resolve(connection, names, Place.__table__, PlaceAlias.__table__, "place_id", "place")  # type: ignore[arg-type]
    return place_descendants(connection, ids) if include_children else ids


def place_descendants(connection: Connection, place_ids: set[str]) -> set[str]:
    """``place_ids`` with every place below them in the hierarchy (Kazakhstan → Almaty → Almaty airport)."""
    if not place_ids:
        return set()
    places = Place.__table__
    tree = select(places.c.id).where(places.c.id.in_(sorted(place_ids))).cte("tree", recursive=True)
    tree = tree.union(select(places.c.id).where(places.c.parent_id == tree.c.id))
    return set(connection.execute(select(tree.c.id)).scalars())


def _resolve(
    connection: Connection, names: Iterable[str], entities: Table, aliases: Table, fk: str, kind: str
) -> set[str]:
    found: set[str] = set()
    for name in names:
        ids = _match(connection, name, entities, aliases, fk)
        if not ids:
            raise UnknownNameError(kind, name, did_you_mean(name, _all_names(connection, entities, aliases)))
        found |= ids
    return found


def _match(connection: Connection, name: str, entities: Table, aliases: Table, fk: str) -> set[str]:
    key = casefold_key(name)
    if not key:
        return set()
    exact = union_all(
        select(entities.c.id).where(or_(entities.c.id == name.strip().lower(), entities.c.name_key == key)),
        select(aliases.c[fk].label("id")).where(aliases.c.alias_key == key),
    )
    ids = set(connection.execute(exact).scalars())
    if ids:
        return ids
    # Whole-word containment: narrowed by LIKE in SQL, confirmed with a word-boundary regex here.
    pattern = f"%{_escape_like(key)}%"
    candidates = union_all(
        select(entities.c.id, entities.c.name_key.label("key")).where(entities.c.name_key.like(pattern, escape="\\")),
        select(aliases.c[fk].label("id"), aliases.c.alias_key.label("key")).where(
            aliases.c.alias_key.like(pattern, escape="\\")
        ),
    )
    words = re.compile(rf"(?<!\w){re.escape(key)}(?!\w)")
    return {row.id for row in connection.execute(candidates) if words.search(row.key)}


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _all_names(connection: Connection, entities: Table, aliases: Table) -> list[str]:
    rows = connection.execute(
        union_all(select(entities.c.name), select(aliases.c.alias), select(entities.c.id.label("name")))
    ).scalars()
    return sorted(set(rows))


__all__ = ["place_descendants", "resolve_actors", "resolve_places"]
