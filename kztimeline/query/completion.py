"""Values for shell completion of the filters: event types, metrics, tags, actors and places.

Completion runs on every Tab press, so it must be quick and silent: it reads an existing database only (it never
builds or rebuilds the embedded one), and any problem (no database, an old schema, a server that does not answer)
gives no values rather than a message in the middle of the user's command line.

Actors and places complete to their ids (slugs have no spaces to quote in a shell) and are found by the start of
the id, the name or any alias, ignoring case: ``--actor Tok<Tab>`` gives ``tokayev``, described as "Kassym-Jomart
Tokayev" by shells that show descriptions (zsh, fish).
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path
from typing import Any

from kztimeline.taxonomy import EVENT_TYPES, METRICS

Completion = tuple[str, str | None]  # (value, description)

LIMIT = 200  # values offered at most: a shell listing more is no help

# ids are lowercase slugs; names and aliases are matched on their stored lookup keys (casefolded, so Cyrillic too)
_ENTITY_SQL = {
    "actor": (
        "SELECT a.id, a.name FROM actors a WHERE a.id LIKE :id_prefix ESCAPE '!' OR a.name_key LIKE :key_prefix"
        " ESCAPE '!' OR EXISTS (SELECT 1 FROM actor_aliases x WHERE x.actor_id = a.id AND x.alias_key LIKE"
        " :key_prefix ESCAPE '!') ORDER BY a.id LIMIT :limit"
    ),
    "place": (
        "SELECT p.id, p.name FROM places p WHERE p.id LIKE :id_prefix ESCAPE '!' OR p.name_key LIKE :key_prefix"
        " ESCAPE '!' OR EXISTS (SELECT 1 FROM place_aliases x WHERE x.place_id = p.id AND x.alias_key LIKE"
        " :key_prefix ESCAPE '!') ORDER BY p.id LIMIT :limit"
    ),
    "tag": "SELECT DISTINCT tag, NULL FROM event_tags WHERE tag LIKE :id_prefix ESCAPE '!' ORDER BY tag LIMIT :limit",
}


def complete_vocabulary(kind: str, prefix: str) -> list[Completion]:
    """The event types (``kind`` "type") or metrics ("metric") of the taxonomy starting with ``prefix``, with what
    each means."""
    vocabulary = EVENT_TYPES if kind == "type" else METRICS
    return [(name, meaning) for name, meaning in vocabulary.items() if name.startswith(prefix.casefold())]


def complete_names(db: str | None, kind: str, prefix: str) -> list[Completion]:
    """Ids of the actors or places (``kind``), or the tags, in the database that start with ``prefix``.

    Never raises: a database that is missing, unreadable or of another schema gives no values.
    """
    from kztimeline.curation.text import casefold_key

    params = {"id_prefix": _like(prefix.casefold()), "key_prefix": _like(casefold_key(prefix)), "limit": LIMIT}
    try:
        return _query(db, _ENTITY_SQL[kind], params)
    except Exception:  # completion must never print a traceback into the user's command line
        return []


def _like(prefix: str) -> str:
    """A LIKE pattern for values starting with ``prefix`` (its own ``%`` and ``_`` taken literally)."""
    return prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%"


def _query(db: str | None, sql: str, params: dict[str, Any]) -> list[Completion]:
    from kztimeline.db.location import resolve_database_url, sqlite_path

    url, _ = resolve_database_url(db)
    path = sqlite_path(url)
    if path is None:  # a server: the ordinary read path, which checks the schema
        from kztimeline.db.reader import open_reader

        with open_reader(db) as reader:
            return [(str(value), None if about is None else str(about)) for value, about in reader.tuples(sql, params)]
    if not path.is_file():  # the embedded database not built yet, or a mistyped --db: nothing to offer
        return []
    connection = sqlite3.connect(f"{Path(path).as_uri()}?mode=ro", uri=True, timeout=0.5)
    with contextlib.closing(connection):
        rows = connection.execute(sql, params).fetchall()
    return [(str(value), None if about is None else str(about)) for value, about in rows]
