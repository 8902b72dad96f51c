"""Full-text search over event titles and summaries, quotations and article texts.

One index, ``search_index`` (kind, ref_id, title, body), created by a migration and refilled by every ``load``:
an FTS5 virtual table on SQLite, a table with a generated ``tsvector`` and a GIN index on PostgreSQL (the
``simple`` configuration, which works for English and Russian alike). Kinds: ``event``, ``statement``,
``article``.
"""

from __future__ import annotations

SEARCH_INDEX = "search_index"

# each kind of record as (kind, ref_id, title, body, date), the date it is placed at on the timeline
SOURCES = (
    "SELECT 'event' AS kind, id AS ref_id, title, COALESCE(summary, '') AS body, date_start AS date FROM events",
    "SELECT 'statement', statements.id, actors.name, statements.text, statements.date_start "
    "FROM statements JOIN actors ON actors.id = statements.speaker_id",
    "SELECT 'article', id, title, text, published_date FROM articles",
)


def refill_statements() -> list[str]:
    """SQL that empties the index and fills it from the current content (the same on both engines).

    Rows go in newest first, so on SQLite the index's rowid order is date order: a query matching a large part of
    the data can rank only its newest matches (see :func:`kztimeline.query.search.search`) and stay fast.
    """
    union = " UNION ALL ".join(SOURCES)
    return [
        f"DELETE FROM {SEARCH_INDEX}",
        f"INSERT INTO {SEARCH_INDEX} (kind, ref_id, title, body) SELECT kind, ref_id, title, body "
        f"FROM ({union}) AS records ORDER BY date DESC NULLS LAST, kind, ref_id",
    ]


def fts5_query(text: str) -> str:
    """The user's words as an FTS5 query that cannot be a syntax error: each word a quoted term, all required.

    A query already in FTS5 syntax (a "quoted phrase", OR, NEAR, prefix*) is tried first by the caller.
    """
    words = [word.replace('"', '""') for word in text.split()]
    return " ".join(f'"{word}"' for word in words if word.strip('"'))


def match_condition(dialect: str) -> str:
    """A condition on ``search_index`` rows matching the ``:search`` parameter."""
    if dialect == "sqlite":
        return f"{SEARCH_INDEX} MATCH :search"
    return "document @@ websearch_to_tsquery('simple', :search)"
