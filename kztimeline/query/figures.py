"""Reported numbers over time — the query behind ``kztimeline figures``.

Each figure is kept as stated: its wording, qualifier and value (or range), its scope, the date it is as of, who
stated it and via whom, the article, and its status. Conflicting numbers stay separate rows; a superseded figure
names the figure that replaced it, so the history of a toll reads in order and nothing is merged or averaged.

Filters combine with AND; repeated metrics or actors combine with OR:

- ``metrics``: the metric vocabulary of :mod:`kztimeline.taxonomy` (``killed``, ``detained``, …);
- ``scope``: a case-insensitive substring of the scope text (``security`` finds "18 security personnel");
- ``stated_by``: figures stated by a matching actor (names, aliases, ids or a part, as in ``show --actor``).

Figures come back ordered by metric, then as-of date, then id.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any

from kztimeline.db.reader import Reader, in_list
from kztimeline.errors import UnknownNameError, did_you_mean
from kztimeline.query.names import resolve_actors
from kztimeline.query.timeline import ARTICLE_REFERENCE_COLUMNS, COUNT_SECONDS, article_reference, date_fields
from kztimeline.taxonomy import METRICS


@dataclass(frozen=True)
class FigureFilter:
    """What the user asked for; names are resolved against the database by :func:`fetch_figures`."""

    metrics: Sequence[str] = ()
    scope: str | None = None
    stated_by: Sequence[str] = ()
    limit: int | None = None  # at most this many, after skipping ``offset`` (the order is fixed, so pages are stable)
    offset: int = 0
    all_matches: bool = False  # a name fitting several actors stands for all of them, not an error


def fetch_figures(reader: Reader, wanted: FigureFilter) -> list[dict[str, Any]]:
    """The matching figures with who stated them, their article and what superseded them, in metric/date order.

    An unknown metric or actor raises :class:`UnknownNameError` with the closest names.
    """
    where, params = figure_selection(reader, wanted)
    scope = _scope_key(wanted)
    documents = figure_documents(
        reader, where, params, "figures.metric, figures.date_start, COALESCE(figures.time, '')"
    )
    matching = (figure for figure in documents if scope is None or scope in (figure["scope"] or "").casefold())
    stop = None if wanted.limit is None else wanted.offset + wanted.limit
    return list(islice(matching, wanted.offset, stop))


def count_figures(reader: Reader, wanted: FigureFilter, seconds: float = COUNT_SECONDS) -> int | None:
    """How many figures match ``wanted`` in all, whatever its page; None when that would take too long."""
    where, params = figure_selection(reader, wanted)
    scope = _scope_key(wanted)
    if scope is None:
        total = reader.scalar_within(f"SELECT count(*) FROM figures WHERE {where}", params, seconds)
        return None if total is None else int(total)
    deadline = time.monotonic() + seconds
    count = 0
    for index, value in enumerate(reader.iterate(f"SELECT scope FROM figures WHERE {where}", params)):
        if index % 1000 == 0 and time.monotonic() > deadline:
            return None
        count += scope in (value["scope"] or "").casefold()
    return count


def _scope_key(wanted: FigureFilter) -> str | None:
    # Python's casefold, not SQL's LOWER: SQLite's LOWER leaves Cyrillic scopes ("погибших") as they are.
    return wanted.scope.casefold() if wanted.scope is not None else None


def figure_selection(reader: Reader, wanted: FigureFilter) -> tuple[str, dict[str, Any]]:
    """The condition on ``figures`` for the metrics and speakers of ``wanted`` (the scope is tested in Python)."""
    for metric in wanted.metrics:
        if metric not in METRICS:
            raise UnknownNameError("metric", metric, did_you_mean(metric, METRICS))
    conditions: list[str] = []
    params: dict[str, Any] = {}
    if wanted.metrics:
        ids_sql, ids = in_list("metric", sorted(set(wanted.metrics)))
        conditions.append(f"figures.metric IN {ids_sql}")
        params |= ids
    if wanted.stated_by:
        ids_sql, ids = in_list(
            "actor", sorted(resolve_actors(reader, wanted.stated_by, all_matches=wanted.all_matches))
        )
        conditions.append(f"figures.stated_by_id IN {ids_sql}")
        params |= ids
    return " AND ".join(conditions) or "1 = 1", params


def figure_documents(reader: Reader, where: str, params: dict[str, Any], order: str) -> Iterator[dict[str, Any]]:
    """Figures matching the SQL condition ``where``, ordered by ``order`` (then id), as documents: the export's
    figure fields plus the names of the place, the stater and the intermediary, and what superseded the figure."""
    rows = reader.iterate(
        f"""SELECT figures.*, places.name AS place_name, stated_by.name AS stated_by_name, via.name AS via_name,
                   successor.stated AS successor_stated, successor.date_start AS successor_date,
                   {ARTICLE_REFERENCE_COLUMNS}
            FROM figures
            JOIN articles ON articles.id = figures.article_id
            LEFT JOIN places ON places.id = figures.place_id
            LEFT JOIN actors AS stated_by ON stated_by.id = figures.stated_by_id
            LEFT JOIN actors AS via ON via.id = figures.via_id
            LEFT JOIN figures AS successor ON successor.id = figures.superseded_by_id
            WHERE {where}
            ORDER BY {order}, figures.id""",
        params,
    )
    return (_figure_document(row) for row in rows)


def _figure_document(row: dict[str, Any]) -> dict[str, Any]:
    superseded_by = None
    if row["superseded_by_id"]:
        superseded_by = {
            "id": row["superseded_by_id"],
            "stated": row["successor_stated"],
            "date": row["successor_date"],
        }
    return {
        **figure_as_stated(row),
        "place": row["place_name"],
        **date_fields(row),
        "stated_by_id": row["stated_by_id"],
        "stated_by": row["stated_by_name"],
        "via_id": row["via_id"],
        "via": row["via_name"],
        "source": article_reference(row),
        "excerpt": row["excerpt"],
        "status": row["status"],
        "superseded_by_id": row["superseded_by_id"],
        "superseded_by": superseded_by,
        "note": row["note"],
    }


def figure_as_stated(row: dict[str, Any]) -> dict[str, Any]:
    """A figure row's own fields as stated (wording, value or range, qualifier, scope, place id), in the order
    every figure document begins with: the JSON export's and the ``figures`` command's."""
    return {
        "id": row["id"],
        "metric": row["metric"],
        "label": row["label"],
        "stated": row["stated"],
        "value": row["value"],
        "low": row["low"],
        "high": row["high"],
        "qualifier": row["qualifier"],
        "scope": row["scope"],
        "place_id": row["place_id"],
    }


def stated_value(figure: dict[str, Any]) -> str:
    """The number with its qualifier, as a reader says it: ``at least 164``, ``230–260``, ``dozens``, ``44``."""
    qualifier = figure["qualifier"]
    if qualifier == "range" and figure["low"] is not None and figure["high"] is not None:
        return f"{figure['low']:,}–{figure['high']:,}"
    if figure["value"] is None:
        return str(qualifier)
    if qualifier == "exact":
        return f"{figure['value']:,}"
    return f"{qualifier} {figure['value']:,}"
