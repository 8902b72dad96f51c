"""Resolve what users type (``Tokayev``, ``alma-ata``, ``Kazakhstan``) to actor and place ids.

One rule everywhere (``show --actor``, ``quotes --actor``, ``figures --actor``, ``actor NAME``, ``place NAME``):
matching is case-insensitive and treats hyphens as spaces. An id, canonical name or alias that matches exactly wins;
otherwise an actor whose name or alias contains the words typed matches ("Tokayev" finds "Kassym-Jomart Tokayev").
Words that fit several actors ("president") are an error listing them, unless the caller asks for all matches
(``--all-matches``): a filter that silently merged three people would answer a different question than was asked.
Nothing matching is an error that names the closest spellings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from kztimeline.curation.text import casefold_key
from kztimeline.db.reader import Reader, in_list
from kztimeline.errors import AmbiguousNameError, UnknownNameError, did_you_mean

# What the user can do about a name that fits several: the filters take every match on request.
ALL_MATCHES_HINT = "give one of these ids, or --all-matches for all of them"
ONE_ID_HINT = "give one of these ids"

# (entity table, alias table, alias foreign key) per kind
_TABLES = {"actor": ("actors", "actor_aliases", "actor_id"), "place": ("places", "place_aliases", "place_id")}


def resolve_actors(
    reader: Reader, names: Iterable[str], *, all_matches: bool = False, hint: str = ALL_MATCHES_HINT
) -> set[str]:
    """The ids of the actors ``names`` stand for: one per name, or every match with ``all_matches``.

    ``hint`` ends the error for a name that fits several actors (what the user can do about it).
    """
    return _resolve(reader, names, "actor", all_matches, hint)


def resolve_places(
    reader: Reader,
    names: Iterable[str],
    *,
    include_children: bool = True,
    all_matches: bool = False,
    hint: str = ALL_MATCHES_HINT,
) -> set[str]:
    """The ids of the places ``names`` stand for and, by default, every place inside them."""
    ids = _resolve(reader, names, "place", all_matches, hint)
    return place_descendants(reader, ids) if include_children else ids


def place_descendants(reader: Reader, place_ids: set[str]) -> set[str]:
    """``place_ids`` with every place below them in the hierarchy (Kazakhstan → Almaty → Almaty airport)."""
    if not place_ids:
        return set()
    ids_sql, params = in_list("place", sorted(place_ids))
    sql = f"""
        WITH RECURSIVE tree(id) AS (
            SELECT id FROM places WHERE id IN {ids_sql}
            UNION
            SELECT places.id FROM places JOIN tree ON places.parent_id = tree.id
        )
        SELECT id FROM tree
    """
    return set(reader.scalars(sql, params))


def _resolve(reader: Reader, names: Iterable[str], kind: str, all_matches: bool, hint: str) -> set[str]:
    found: set[str] = set()
    for name in names:
        ids = _match(reader, name, kind)
        if not ids:
            raise UnknownNameError(kind, name, did_you_mean(name, _all_names(reader, kind)))
        if len(ids) > 1 and not all_matches:
            raise AmbiguousNameError(kind, name, _named(reader, kind, ids), hint)
        found |= ids
    return found


def _named(reader: Reader, kind: str, ids: set[str]) -> list[tuple[str, str]]:
    """(name, id) of ``ids``, sorted by name, for an error listing what a name fits."""
    table = _TABLES[kind][0]
    ids_sql, params = in_list("id", sorted(ids))
    rows = reader.rows(f"SELECT id, name FROM {table} WHERE id IN {ids_sql}", params)
    return sorted(((row["name"], row["id"]) for row in rows), key=lambda pair: (pair[0].casefold(), pair[1]))


def _match(reader: Reader, name: str, kind: str) -> set[str]:
    entities, aliases, fk = _TABLES[kind]
    key = casefold_key(name)
    if not key:
        return set()
    exact = f"""
        SELECT id FROM {entities} WHERE id = :id OR name_key = :key
        UNION ALL
        SELECT {fk} FROM {aliases} WHERE alias_key = :key
    """
    ids = set(reader.scalars(exact, {"id": name.strip().lower(), "key": key}))
    if ids:
        return ids
    # Whole-word containment: narrowed by LIKE in SQL, confirmed with a word-boundary regex here.
    candidates = f"""
        SELECT id, name_key AS key FROM {entities} WHERE name_key LIKE :pattern ESCAPE '\\'
        UNION ALL
        SELECT {fk}, alias_key FROM {aliases} WHERE alias_key LIKE :pattern ESCAPE '\\'
    """
    words = re.compile(rf"(?<!\w){re.escape(key)}(?!\w)")
    rows = reader.rows(candidates, {"pattern": f"%{_escape_like(key)}%"})
    return {row["id"] for row in rows if words.search(row["key"])}


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _all_names(reader: Reader, kind: str) -> list[str]:
    entities, aliases, _ = _TABLES[kind]
    sql = f"SELECT name FROM {entities} UNION ALL SELECT alias FROM {aliases} UNION ALL SELECT id FROM {entities}"
    return sorted(set(reader.scalars(sql)))


__all__ = ["in_list", "place_descendants", "resolve_actors", "resolve_places"]
