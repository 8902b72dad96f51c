"""Full-text search over event titles and summaries, quotations and article texts.

One index, ``search_index`` (kind, ref_id, title, body), created by a migration and refilled by every ``load``:
an FTS5 virtual table on SQLite, a table with a generated ``tsvector`` and a GIN index on PostgreSQL (the
``simple`` configuration, which works for English and Russian alike). Kinds: ``event``, ``statement``,
``article``.

To test one record against a query (``show --search`` walking a busy timeline in date order), the index must be
reachable by (kind, ref_id): on PostgreSQL a B-tree index on those columns; on SQLite, where an FTS5 table can only
be looked up by rowid, a companion table ``search_index_refs`` (kind, ref_id → fts_rowid).
"""

from __future__ import annotations

SEARCH_INDEX = "search_index"
SEARCH_REFS = "search_index_refs"  # SQLite only

# each kind of record as (kind, ref_id, title, body, date), the date it is placed at on the timeline
SOURCES = (
    "SELECT 'event' AS kind, id AS ref_id, title, COALESCE(summary, '') AS body, date_start AS date FROM events",
    "SELECT 'statement', statements.id, actors.name, statements.text, statements.date_start "
    "FROM statements JOIN actors ON actors.id = statements.speaker_id",
    "SELECT 'article', id, title, text, published_date FROM articles",
)


def refill_statements(dialect: str) -> list[str]:
    """SQL that empties the index and fills it from the current content.

    Rows go in newest first, so on SQLite the index's rowid order is date order: a query matching a large part of
    the data can rank only its newest matches (see :func:`kztimeline.query.search.search`) and stay fast.
    """
    union = " UNION ALL ".join(SOURCES)
    statements = [
        f"DELETE FROM {SEARCH_INDEX}",
        f"INSERT INTO {SEARCH_INDEX} (kind, ref_id, title, body) SELECT kind, ref_id, title, body "
        f"FROM ({union}) AS records ORDER BY date DESC NULLS LAST, kind, ref_id",
    ]
    if dialect == "sqlite":
        statements += [
            f"DELETE FROM {SEARCH_REFS}",
            f"INSERT INTO {SEARCH_REFS} (kind, ref_id, fts_rowid) SELECT kind, ref_id, rowid FROM {SEARCH_INDEX}",
        ]
    return statements


def event_membership(dialect: str) -> tuple[str, str, str]:
    """How ``show --search`` tests events against the ``:search`` query: an event matches when its title or
    summary does, or a quotation attached to it does.

    Three forms of one condition, for the timeline query's planner (kztimeline.query.timeline): a set of event ids
    to collect (``events.id IN …``), a test of one event (``EXISTS …``, for walking the timeline in date order), and
    a probe counting the matching records.
    """
    match = match_condition(dialect)
    collect = (
        f"(events.id IN (SELECT ref_id FROM {SEARCH_INDEX} WHERE {match} AND kind = 'event')"
        f" OR events.id IN (SELECT event_id FROM statements WHERE id IN"
        f" (SELECT ref_id FROM {SEARCH_INDEX} WHERE {match} AND kind = 'statement')))"
    )
    probe = f"SELECT 1 FROM {SEARCH_INDEX} WHERE {match} AND kind IN ('event', 'statement')"
    if dialect == "sqlite":
        one = f"EXISTS (SELECT 1 FROM {SEARCH_INDEX} WHERE {match} AND rowid = refs.fts_rowid)"
        test = (
            f"(EXISTS (SELECT 1 FROM {SEARCH_REFS} AS refs WHERE refs.kind = 'event' AND refs.ref_id = events.id"
            # CROSS JOIN keeps SQLite on the event's own statements first, whatever its statistics say
            f" AND {one}) OR EXISTS (SELECT 1 FROM statements CROSS JOIN {SEARCH_REFS} AS refs"
            f" ON refs.kind = 'statement'"
            f" AND refs.ref_id = statements.id WHERE statements.event_id = events.id AND {one}))"
        )
    else:
        test = (
            f"(EXISTS (SELECT 1 FROM {SEARCH_INDEX} WHERE kind = 'event' AND ref_id = events.id AND {match})"
            f" OR EXISTS (SELECT 1 FROM statements JOIN {SEARCH_INDEX} ON {SEARCH_INDEX}.kind = 'statement'"
            f" AND {SEARCH_INDEX}.ref_id = statements.id WHERE statements.event_id = events.id AND {match}))"
        )
    return collect, test, probe


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
