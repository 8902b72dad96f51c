"""Who said what, when: every quotation, attached to an event or not — the query behind ``kztimeline quotes``.

Filters combine with AND; repeated speakers combine with OR:

- ``speakers``: quotations spoken by a matching actor (names, aliases, ids or a part, as in ``show --actor``);
- ``date_from`` / ``date_to``: quotations whose dates overlap the interval;
- ``search``: quotations whose text or speaker match a full-text query (the ``statement`` rows of the index).

Quotations come back in chronological order (date, time, id) as the statement documents of the export, each with
the title of the event it belongs to (``event_title``, null when it belongs to none).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kztimeline.db.reader import Reader, chunked, in_list
from kztimeline.db.search import SEARCH_INDEX, match_condition
from kztimeline.query.names import resolve_actors
from kztimeline.query.search import search_text
from kztimeline.query.timeline import COUNT_SECONDS, MIN_SOURCES_CONDITION, iter_statements, last_day
from kztimeline.query.wordings import statements_with_variants


@dataclass(frozen=True)
class QuoteFilter:
    """What the user asked for; speaker names are resolved against the database by :func:`fetch_quotes`."""

    speakers: Sequence[str] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    search: str | None = None
    limit: int | None = None
    offset: int = 0
    all_matches: bool = False  # a name fitting several speakers stands for all of them, not an error
    min_sources: int | None = None  # at least this many independent sources (kztimeline.query.corroboration)
    variants: bool = False  # only statements whose reported wordings differ (kztimeline.query.wordings)


def quote_selection(reader: Reader, wanted: QuoteFilter) -> tuple[str, dict[str, Any]]:
    """The condition on ``statements`` choosing the matching quotations, with its parameters.

    Unknown speakers raise :class:`~kztimeline.errors.UnknownNameError` with the closest names.
    """
    conditions: list[str] = []
    params: dict[str, Any] = {}
    if wanted.speakers:
        ids_sql, ids = in_list(
            "speaker", sorted(resolve_actors(reader, wanted.speakers, all_matches=wanted.all_matches))
        )
        conditions.append(f"statements.speaker_id IN {ids_sql}")
        params |= ids
    if wanted.date_from is not None:
        conditions.append(f"{last_day('statements')} >= :date_from")
        params["date_from"] = wanted.date_from.isoformat()
    if wanted.date_to is not None:
        conditions.append("statements.date_start <= :date_to")
        params["date_to"] = wanted.date_to.isoformat()
    if wanted.search is not None:
        params["search"] = search_text(reader, wanted.search)
        conditions.append(
            f"statements.id IN (SELECT ref_id FROM {SEARCH_INDEX}"
            f" WHERE {match_condition(reader.dialect)} AND kind = 'statement')"
        )
    if wanted.min_sources is not None:
        params["min_sources"] = wanted.min_sources
        conditions.append(MIN_SOURCES_CONDITION.format(kind="statement", record="statements.id"))
    return (" AND ".join(conditions) or "1 = 1"), params


def count_quotes(reader: Reader, wanted: QuoteFilter, seconds: float = COUNT_SECONDS) -> int | None:
    """How many quotations match ``wanted`` in all, whatever its page; None when that would take too long."""
    where, params = quote_selection(reader, wanted)
    if wanted.variants:
        return sum(1 for _ in statements_with_variants(reader, list(iter_statements(reader, where, params))))
    total = reader.scalar_within(f"SELECT count(*) FROM statements WHERE {where}", params, seconds)
    return None if total is None else int(total)


def fetch_quotes(reader: Reader, wanted: QuoteFilter) -> list[dict[str, Any]]:
    """The matching quotations, oldest first, from ``wanted.offset`` on and at most ``wanted.limit`` of them, each
    with its event's title."""
    where, params = quote_selection(reader, wanted)
    stop = None if wanted.limit is None else wanted.offset + wanted.limit
    matching = iter_statements(reader, where, params)
    if wanted.variants:  # compared one by one with their candidates: a filter no index answers
        matching = statements_with_variants(reader, list(matching))
    quotes = list(itertools.islice(matching, wanted.offset, stop))
    titles: dict[str, str] = {}
    event_ids = sorted({quote["event_id"] for quote in quotes if quote["event_id"]})
    for chunk in chunked(event_ids):
        ids_sql, chunk_params = in_list("event", chunk)
        for row in reader.iterate(f"SELECT id, title FROM events WHERE id IN {ids_sql}", chunk_params):
            titles[row["id"]] = row["title"]
    return [_with_event_title(quote, titles.get(quote["event_id"] or "")) for quote in quotes]


def _with_event_title(quote: dict[str, Any], title: str | None) -> dict[str, Any]:
    """The quotation with ``event_title`` right after ``event_id``, where a reader of the JSON looks for it."""
    document: dict[str, Any] = {}
    for key, value in quote.items():
        document[key] = value
        if key == "event_id":
            document["event_title"] = title
    return document
