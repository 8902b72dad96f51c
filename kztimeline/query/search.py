"""Full-text search: `kztimeline search QUERY` and `show --search QUERY`.

Queries use the engine's own syntax where it has one: on SQLite, FTS5 ("a phrase", OR, NOT, prefix*); on PostgreSQL,
web-search syntax. Plain words always work: a query SQLite cannot parse (a stray quote, an apostrophe) is retried as
its words, all required.
"""

from __future__ import annotations

import re
import sqlite3
from typing import Any

from kztimeline.db.reader import Reader
from kztimeline.db.search import SEARCH_INDEX, fts5_query, match_condition
from kztimeline.errors import KztimelineError

KINDS = ("event", "statement", "article")
HIGHLIGHT = ("\x02", "\x03")  # marks around matched words in titles and snippets


def search_text(reader: Reader, text: str) -> str:
    """The query to send: ``text`` itself if the engine accepts it, else its words, quoted."""
    if not text.strip():
        raise KztimelineError("the search is empty: give some words to look for")
    if reader.dialect != "sqlite":
        return text
    try:
        reader.scalars(f"SELECT 1 FROM {SEARCH_INDEX} WHERE {SEARCH_INDEX} MATCH :search LIMIT 1", {"search": text})
    except sqlite3.OperationalError:
        return fts5_query(text)
    return text


def search(reader: Reader, text: str, kind: str | None = None, limit: int = 20) -> list[dict[str, Any]]:
    """The best matches, best first: kind, id, title and a snippet with the matched words between HIGHLIGHT marks,
    the date (of the event or quotation, or the article's publication), and the event's type, the quotation's speaker
    or the article's outlet.

    Ranking is the engine's own (bm25 on SQLite, ts_rank on PostgreSQL), so the order of equally good matches can
    differ between engines; the matches themselves do not.
    """
    params: dict[str, Any] = {"search": search_text(reader, text), "limit": limit}
    condition = match_condition(reader.dialect)
    if kind is not None:
        condition += " AND kind = :kind"
        params["kind"] = kind
    start, stop = HIGHLIGHT
    if reader.dialect == "sqlite":
        columns = (
            f"kind, ref_id, highlight({SEARCH_INDEX}, 2, '{start}', '{stop}') AS title, "
            f"snippet({SEARCH_INDEX}, 3, '{start}', '{stop}', '…', 16) AS snippet"
        )
        order = f"bm25({SEARCH_INDEX})"
    else:
        options = f"StartSel={start},StopSel={stop},MaxWords=24,MinWords=8,MaxFragments=1"
        query = "websearch_to_tsquery('simple', :search)"
        columns = (
            f"kind, ref_id, ts_headline('simple', title, {query}, 'StartSel={start},StopSel={stop},HighlightAll=true') "
            "AS title, "
            f"ts_headline('simple', body, {query}, '{options}') AS snippet"
        )
        order = f"ts_rank(document, {query}) DESC, kind, ref_id"
    rows = reader.rows(f"SELECT {columns} FROM {SEARCH_INDEX} WHERE {condition} ORDER BY {order} LIMIT :limit", params)
    return [
        {
            "kind": row["kind"],
            "id": row["ref_id"],
            "title": tidy(row["title"]),
            "snippet": tidy(row["snippet"]),
            **_context(reader, row["kind"], row["ref_id"]),
        }
        for row in rows
    ]


def tidy(marked: str | None) -> str:
    """One line: runs of whitespace (an article's paragraph breaks) become one space, and neighbouring matched words
    share one pair of marks ("kill without warning" highlighted as one phrase, not three words)."""
    start, stop = HIGHLIGHT
    return re.sub(rf"{stop}(\s+){start}", r"\1", " ".join((marked or "").split()))


def _context(reader: Reader, kind: str, ref_id: str) -> dict[str, Any]:
    """What a reader needs to place a match: its date, and the event type, the speaker or the outlet (the same keys
    for every kind, null where they do not apply)."""
    if kind == "event":
        sql = "SELECT date_start AS date, type, NULL AS speaker, NULL AS outlet FROM events WHERE id = :id"
    elif kind == "statement":
        sql = (
            "SELECT statements.date_start AS date, NULL AS type, actors.name AS speaker, NULL AS outlet "
            "FROM statements JOIN actors ON actors.id = statements.speaker_id WHERE statements.id = :id"
        )
    else:
        sql = "SELECT published_date AS date, NULL AS type, NULL AS speaker, outlet FROM articles WHERE id = :id"
    rows = reader.rows(sql, {"id": ref_id})
    return rows[0] if rows else {"date": None, "type": None, "speaker": None, "outlet": None}
