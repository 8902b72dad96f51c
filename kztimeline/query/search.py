"""Full-text search: `kztimeline search QUERY` and `show --search QUERY`.

Queries use the engine's own syntax where it has one: on SQLite, FTS5 ("a phrase", OR, NOT, prefix*); on PostgreSQL,
web-search syntax. Plain words always work: a query SQLite cannot parse (a stray quote, an apostrophe) is retried as
its words, all required.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
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


# A query matching more index rows than this ranks only the newest this many: bm25 costs about a microsecond per
# matching row, so ranking all of a common word's matches in a million-event database would take a second.
RANKING_WINDOW = 50_000


@dataclass
class SearchResult:
    """The matches, best first, and whether ranking was limited to the newest RANKING_WINDOW matching records."""

    matches: list[dict[str, Any]]
    window_limited: bool = False
    window: int = RANKING_WINDOW


def search(reader: Reader, text: str, kind: str | None = None, limit: int = 20) -> SearchResult:
    """The best matches, best first: kind, id, title and a snippet with the matched words between HIGHLIGHT marks,
    the date (of the event or quotation, or the article's publication), and the event's type, the quotation's speaker
    or the article's outlet.

    Ranking is the engine's own (bm25 on SQLite, ts_rank on PostgreSQL), so the order of equally good matches can
    differ between engines; the matches themselves do not. On SQLite a query matching more than RANKING_WINDOW
    records ranks the newest RANKING_WINDOW of them (the index is kept in date order, newest first).
    """
    params: dict[str, Any] = {"search": search_text(reader, text), "limit": limit}
    condition = match_condition(reader.dialect)
    if kind is not None:
        condition += " AND kind = :kind"
        params["kind"] = kind
    if reader.dialect == "sqlite":
        rows, window_limited = _sqlite_matches(reader, condition, params)
    else:
        rows, window_limited = _server_matches(reader, condition, params), False
    matches = [
        {
            "kind": row["kind"],
            "id": row["ref_id"],
            "title": tidy(row["title"]),
            "snippet": tidy(row["snippet"]),
            **_context(reader, row["kind"], row["ref_id"]),
        }
        for row in rows
    ]
    return SearchResult(matches, window_limited, RANKING_WINDOW)


def _sqlite_matches(reader: Reader, condition: str, params: dict[str, Any]) -> tuple[list[dict[str, Any]], bool]:
    """Rank the newest RANKING_WINDOW matches by bm25 (FTS5 stops reading the index there), then build highlights
    and snippets for the page only, one rowid lookup each."""
    window = {**params, "window": RANKING_WINDOW}
    ranked = reader.scalars(
        f"SELECT rowid FROM (SELECT rowid, bm25({SEARCH_INDEX}) AS score FROM {SEARCH_INDEX} WHERE {condition} "
        "ORDER BY rowid LIMIT :window) ORDER BY score, rowid LIMIT :limit",
        window,
    )
    window_limited = bool(
        reader.scalars(f"SELECT 1 FROM {SEARCH_INDEX} WHERE {condition} ORDER BY rowid LIMIT 1 OFFSET :window", window)
    )
    start, stop = HIGHLIGHT
    page_sql = (
        f"SELECT kind, ref_id, highlight({SEARCH_INDEX}, 2, '{start}', '{stop}') AS title, "
        f"snippet({SEARCH_INDEX}, 3, '{start}', '{stop}', '…', 16) AS snippet "
        f"FROM {SEARCH_INDEX} WHERE {SEARCH_INDEX} MATCH :search AND rowid = :rowid"
    )
    rows = [reader.rows(page_sql, {"search": params["search"], "rowid": rowid})[0] for rowid in ranked]
    return rows, window_limited


def _server_matches(reader: Reader, condition: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    start, stop = HIGHLIGHT
    query = "websearch_to_tsquery('simple', :search)"
    snippet_options = f"StartSel={start},StopSel={stop},MaxWords=24,MinWords=8,MaxFragments=1"
    title_options = f"StartSel={start},StopSel={stop},HighlightAll=true"
    return reader.rows(
        f"SELECT kind, ref_id, ts_headline('simple', title, {query}, '{title_options}') AS title, "
        f"ts_headline('simple', body, {query}, '{snippet_options}') AS snippet "
        f"FROM {SEARCH_INDEX} WHERE {condition} ORDER BY ts_rank(document, {query}) DESC, kind, ref_id LIMIT :limit",
        params,
    )


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
