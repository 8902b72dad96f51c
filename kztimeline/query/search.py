"""Full-text search: `kztimeline search QUERY` and `show --search QUERY`.

Queries use the engine's own syntax where it has one: on SQLite, FTS5 ("a phrase", OR, NOT, prefix*); on PostgreSQL,
web-search syntax. Plain words always work: a query SQLite cannot parse (a stray quote, an apostrophe) is retried as
its words, all required.

Snippets of long texts are cut from a window: FTS5's ``snippet()`` costs the square of a text's matches (a 2 MB
article with a common word took 18 s, a 50 MB one did not finish), so a text longer than SNIPPET_WINDOW_CHARS gets
its snippet from the first window of that many characters that matches, indexed in a private in-memory FTS5 table
with the same tokenizer. PostgreSQL's ``ts_headline`` is linear (0.3 s for 2 MB, 0.5 s for 10 MB), and gets the
same window, tested with ``@@``, so both engines show a passage near the first match. A search stops at its time
limit, as `sql` does.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from typing import Any

from kztimeline.db.reader import Reader
from kztimeline.db.search import SEARCH_INDEX, fts5_query, match_condition
from kztimeline.errors import KztimelineError
from kztimeline.query.sql import QueryClock, time_limit

DEFAULT_SEARCH_TIME_LIMIT = 5.0  # seconds
SNIPPET_WINDOW_CHARS = 20_000  # a text up to this long gets its snippet from the whole text
_WINDOW_OVERLAP_CHARS = 1_000  # windows overlap, so a phrase across a window's end is in the next one
_WINDOWS_PER_BATCH = 25
_FTS5_TOKENIZER = "unicode61 remove_diacritics 2"  # as search_index's (migrations/versions/0003_search_index.py)

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
    except sqlite3.OperationalError as error:
        if "interrupted" in str(error):  # the time limit, not a query FTS5 cannot parse
            raise
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


def search(
    reader: Reader,
    text: str,
    kind: str | None = None,
    limit: int = 20,
    seconds: float = DEFAULT_SEARCH_TIME_LIMIT,
) -> SearchResult:
    """The best matches, best first: kind, id, title and a snippet with the matched words between HIGHLIGHT marks,
    the date (of the event or quotation, or the article's publication), and the event's type, the quotation's speaker
    or the article's outlet.

    Ranking is the engine's own (bm25 on SQLite, ts_rank on PostgreSQL), so the order of equally good matches can
    differ between engines; the matches themselves do not. On SQLite a query matching more than RANKING_WINDOW
    records ranks the newest RANKING_WINDOW of them (the index is kept in date order, newest first). The whole search
    stops after ``seconds`` (:class:`kztimeline.query.sql.SqlTimeLimitError`).
    """
    with time_limit(reader, seconds) as clock:
        params: dict[str, Any] = {"search": search_text(reader, text), "limit": limit}
        condition = match_condition(reader.dialect)
        if kind is not None:
            condition += " AND kind = :kind"
            params["kind"] = kind
        if reader.dialect == "sqlite":
            rows, window_limited = _sqlite_matches(reader, condition, params, clock)
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


def _sqlite_matches(
    reader: Reader, condition: str, params: dict[str, Any], clock: QueryClock
) -> tuple[list[dict[str, Any]], bool]:
    """Rank the newest RANKING_WINDOW matches by bm25 (FTS5 stops reading the index there), then build highlights
    and snippets for the page only, one rowid lookup each; a long text's snippet comes from a window of it."""
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
        f"CASE WHEN length(body) <= :window_chars THEN snippet({SEARCH_INDEX}, 3, '{start}', '{stop}', '…', 16) END "
        f"AS snippet, CASE WHEN length(body) > :window_chars THEN body END AS long_body "
        f"FROM {SEARCH_INDEX} WHERE {SEARCH_INDEX} MATCH :search AND rowid = :rowid"
    )
    rows = []
    for rowid in ranked:
        row = reader.rows(page_sql, {"search": params["search"], "rowid": rowid, "window_chars": SNIPPET_WINDOW_CHARS})
        match = dict(row[0])
        long_body = match.pop("long_body")
        if long_body is not None:
            match["snippet"] = window_snippet(long_body, params["search"], clock)
        rows.append(match)
    return rows, window_limited


def text_windows(text: str, size: int = SNIPPET_WINDOW_CHARS) -> list[tuple[int, int]]:
    """(start, end) of overlapping windows of about ``size`` characters covering ``text``, cut between words."""
    windows: list[tuple[int, int]] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            space = max(text.rfind(" ", start + size // 2, end), text.rfind("\n", start + size // 2, end))
            end = space if space > start else end
        windows.append((start, end))
        if end >= len(text):
            break
        following = end - _WINDOW_OVERLAP_CHARS
        space = max(text.rfind(" ", start + 1, following), text.rfind("\n", start + 1, following))
        start = space + 1 if space > start else end
    return windows


def window_snippet(text: str, search: str, clock: QueryClock | None = None) -> str:
    """FTS5's snippet of ``search`` in the first window of ``text`` that matches it (the whole text's first words
    when none does: the record matched by its title), marked … where the window cuts the text."""
    start, stop = HIGHLIGHT
    index = sqlite3.connect(":memory:")
    try:
        if clock is not None:
            index.set_progress_handler(clock.interrupt, 1000)
        index.execute(f"CREATE VIRTUAL TABLE windows USING fts5(body, tokenize = '{_FTS5_TOKENIZER}')")
        windows = text_windows(text)
        for first in range(0, len(windows), _WINDOWS_PER_BATCH):
            batch = windows[first : first + _WINDOWS_PER_BATCH]
            index.execute("DELETE FROM windows")
            index.executemany(
                "INSERT INTO windows (rowid, body) VALUES (?, ?)",
                [(first + number, text[begin:end]) for number, (begin, end) in enumerate(batch)],
            )
            try:
                found = index.execute(
                    f"SELECT rowid, snippet(windows, 0, '{start}', '{stop}', '…', 16) FROM windows "
                    "WHERE windows MATCH ? ORDER BY rowid LIMIT 1",
                    (search,),
                ).fetchone()
            except sqlite3.OperationalError as error:
                if "interrupted" in str(error):
                    raise
                break  # a query naming the title column only: the body's first words
            if found is not None:
                begin, end = windows[found[0]]
                snippet = str(found[1])
                if begin > 0 and not snippet.startswith("…"):
                    snippet = "…" + snippet
                if end < len(text) and not snippet.endswith("…"):
                    snippet += "…"
                return snippet
    finally:
        index.close()
    return " ".join(text[:2_000].split()[:16]) + "…"


def _server_matches(reader: Reader, condition: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    """The page of matches; a long body's headline is made from its first window of SNIPPET_WINDOW_CHARS characters
    that matches (windows overlap by _WINDOW_OVERLAP_CHARS), or from its start when none does."""
    start, stop = HIGHLIGHT
    query = "websearch_to_tsquery('simple', :search)"
    snippet_options = f"StartSel={start},StopSel={stop},MaxWords=24,MinWords=8,MaxFragments=1"
    title_options = f"StartSel={start},StopSel={stop},HighlightAll=true"
    step = SNIPPET_WINDOW_CHARS - _WINDOW_OVERLAP_CHARS
    window = (
        f"COALESCE((SELECT substr(body, at, {SNIPPET_WINDOW_CHARS}) "
        f"FROM generate_series(1, length(body), {step}) AS at "
        f"WHERE to_tsvector('simple', substr(body, at, {SNIPPET_WINDOW_CHARS})) @@ {query} LIMIT 1), "
        f"left(body, {SNIPPET_WINDOW_CHARS}))"
    )
    return reader.rows(
        f"SELECT kind, ref_id, ts_headline('simple', title, {query}, '{title_options}') AS title, "
        f"ts_headline('simple', CASE WHEN length(body) <= {SNIPPET_WINDOW_CHARS} THEN body ELSE {window} END, "
        f"{query}, '{snippet_options}') AS snippet FROM ("
        f"SELECT kind, ref_id, title, body, ts_rank(document, {query}) AS rank FROM {SEARCH_INDEX} WHERE {condition} "
        f"ORDER BY rank DESC, kind, ref_id LIMIT :limit) AS page ORDER BY rank DESC, kind, ref_id",
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
