"""Write a validated dataset into the database: one transaction that replaces the previous load.

Replacing everything (rather than merging) is what makes loads reproducible: the same seeds give the same database,
and an event removed from the YAML disappears. A load whose seeds digest matches the last one is skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Column, Connection, Engine, Table, delete, insert, inspect, select, text
from sqlalchemy.exc import OperationalError

from kztimeline.curation.validate import TABLES, Dataset
from kztimeline.db import migrate
from kztimeline.db.engine import write_transaction
from kztimeline.db.models import Base, DatasetInfo
from kztimeline.db.search import refill_statements
from kztimeline.db.stamp import seeds_stamp
from kztimeline.errors import KztimelineError
from kztimeline.query.corroboration import counted_rows

# PostgreSQL advisory lock key held by a load (any 64-bit number other tools are unlikely to pick): "kztimeln"
LOAD_LOCK_KEY = int.from_bytes(b"kztimeln", "big") >> 1
# how long a load waits for another one on the same server database before giving up
LOAD_LOCK_WAIT_SECONDS = 600


@dataclass(frozen=True)
class LoadResult:
    changed: bool
    counts: dict[str, int]


def read_dataset_info(engine: Engine) -> dict[str, str]:
    """What the last load recorded (digest and source of its seeds); empty for a database never loaded."""
    with engine.connect() as connection:
        return _dataset_info_in(connection)


def _dataset_info_in(connection: Connection) -> dict[str, str]:
    if not inspect(connection).has_table(DatasetInfo.__tablename__):
        return {}
    return {key: value for key, value in connection.execute(select(DatasetInfo.key, DatasetInfo.value))}


Progress = Callable[[str, int, int], None]  # (table, rows written, rows in all)

_BATCH = 20_000


def load_dataset(
    engine: Engine, dataset: Dataset, *, source: str, force: bool = False, progress: Progress | None = None
) -> LoadResult:
    """Migrate the schema to head and replace the database's content with ``dataset``, in one transaction (a
    schema at an older revision is migrated first, in a transaction of its own: see :func:`migrate.upgrade`).

    A load killed at any point leaves the database exactly as it was, a new file included (no half-built schema),
    and on SQLite the transaction holds the write lock from its start, so two loads of one new file take turns.
    Rows go in as Core bulk inserts (``executemany`` of plain dicts, a batch at a time), not ORM objects.
    """
    with one_load_at_a_time(engine):
        if migrate.current_revision(engine) not in (None, migrate.head_revision()):
            migrate.upgrade(engine)  # a schema that may hold data: migrated on its own (see migrate.upgrade)
        with write_transaction(engine) as connection:
            migrate.upgrade_in(connection)  # a new file: built in the load's transaction
            info = _dataset_info_in(connection)
            if not force and info.get("seeds_digest") == dataset.digest and info.get("seeds_source") == source:
                return LoadResult(changed=False, counts=dataset.counts())
            _replace_content(connection, dataset, source, progress)
    return LoadResult(changed=True, counts=dataset.counts())


@contextmanager
def one_load_at_a_time(engine: Engine, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """On a server database, hold an advisory lock from the migration to the commit, so two loads started together
    run one after the other instead of interleaving (a second one waits, then fails after LOAD_LOCK_WAIT_SECONDS).

    SQLite needs none: the load's transaction takes the file's write lock at its BEGIN (see
    ``kztimeline.db.engine.write_transaction``), so a second load waits for the first (up to
    ``kztimeline.db.engine.SQLITE_BUSY_TIMEOUT``), as a load waits for the commands reading it. On the server
    readers are never blocked: each command reads one snapshot (see ``kztimeline.db.reader``) and sees the
    previous load until the new one commits.
    """
    if engine.dialect.name != "postgresql":
        yield
        return
    with engine.connect() as lock_holder:
        params = {"key": LOAD_LOCK_KEY}
        if not lock_holder.execute(text("SELECT pg_try_advisory_lock(:key)"), params).scalar():
            (on_wait or _say_waiting)("another load is writing this database; waiting for it to finish")
            lock_holder.execute(text(f"SET lock_timeout = '{LOAD_LOCK_WAIT_SECONDS}s'"))
            try:
                lock_holder.execute(text("SELECT pg_advisory_lock(:key)"), params)
            except OperationalError:
                raise KztimelineError(
                    f"another load has been writing this database for over {LOAD_LOCK_WAIT_SECONDS} s; "
                    "nothing was loaded, try again later"
                ) from None
        lock_holder.commit()
        try:
            yield
        finally:
            lock_holder.execute(text("SELECT pg_advisory_unlock(:key)"), params)
            lock_holder.commit()


def _say_waiting(message: str) -> None:
    import sys

    print(message, file=sys.stderr, flush=True)


def _replace_content(connection: Connection, dataset: Dataset, source: str, progress: Progress | None) -> None:
    tables = Base.metadata.tables
    for name in reversed(TABLES):
        connection.execute(delete(tables[name]))
    ordered = in_timeline_order(dataset.rows)
    for name in TABLES:
        rows = ordered[name]
        for start in range(0, len(rows), _BATCH):
            write_rows(connection, tables[name], rows[start : start + _BATCH])
            if progress:
                progress(name, min(start + _BATCH, len(rows)), len(rows))
    connection.execute(delete(tables["corroboration"]))
    counted = corroboration_of(dataset.rows)
    for start in range(0, len(counted), _BATCH):
        write_rows(connection, tables["corroboration"], counted[start : start + _BATCH])
    for statement in refill_statements(connection.dialect.name):  # the full-text index follows the content it indexes
        connection.execute(text(statement))
    connection.execute(delete(DatasetInfo))
    stamp = seeds_stamp(Path(dataset.source)) if Path(dataset.source).is_dir() else ""
    connection.execute(
        insert(DatasetInfo),
        [
            {"key": "seeds_digest", "value": dataset.digest},
            {"key": "seeds_source", "value": source},
            {"key": "seeds_stamp", "value": stamp},
            {"key": "longest_event_days", "value": str(_longest_event_days(dataset))},
        ],
    )
    # fresh statistics, so the query planner knows a busy actor from a rare one in what was just loaded
    connection.execute(text("ANALYZE"))


def write_rows(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` into ``table`` inside the load's transaction: through ``COPY … FROM STDIN`` on PostgreSQL (its
    bulk path: one stream instead of a statement per row), as executemany INSERTs on SQLite (already bulk there)."""
    if not rows:
        return
    if connection.dialect.name != "postgresql":
        connection.execute(insert(table), list(rows))
        return
    columns = [column.name for column in table.columns]
    defaults = {column.name: _scalar_default(column) for column in table.columns}
    driver = connection.connection.driver_connection  # the load's own connection, so the same transaction and lock
    assert driver is not None
    quoted = ", ".join(f'"{name}"' for name in columns)
    with driver.cursor() as cursor, cursor.copy(f'COPY "{table.name}" ({quoted}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(tuple(row.get(name, defaults[name]) for name in columns))


def _scalar_default(column: Column[Any]) -> Any:
    """A column's Python-side default when it is a plain value (``partial`` is False unless the seeds say so)."""
    default = column.default
    return getattr(default, "arg", None) if default is not None and getattr(default, "is_scalar", False) else None


def corroboration_of(rows: dict[str, list[dict[str, Any]]]) -> list[dict[str, object]]:
    """The corroboration table's rows: every event and statement with its sources counted, in the shape a database
    gives them to :func:`kztimeline.query.corroboration.counted_rows` (one counting path for load, upgrade and
    benchmarks)."""
    outlets = {row["id"]: row["outlet"] for row in rows["articles"]}
    sources = sorted(
        [
            ("event", r["event_id"], r["article_id"], outlets.get(r["article_id"]), None, r["excerpt"])
            for r in rows["citations"]
        ]
        + [
            ("statement", r["statement_id"], r["article_id"], outlets.get(r["article_id"]), r["via_id"], None)
            for r in rows["statement_sources"]
        ],
        key=lambda source: (source[0], source[1], source[2]),
    )
    return list(counted_rows(sources))


def last_day(row: dict[str, Any]) -> Any:
    """The last day a dated row may fall on: the end of a duration, the latest day of a window, or its one day."""
    return row["date_end"] or row["date_latest"] or row["date_start"]


def in_timeline_order(rows: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """The rows with events, and the rows that belong to each event, in timeline order (statements in date order).

    Rows are stored in the order they are inserted, so neighbours on the timeline become neighbours on disk: reading
    a date range, or exporting everything in timeline order, reads pages in sequence instead of jumping across the
    file (at a million events, an export in YAML order took three times as long).
    """

    def day_order(row: dict[str, Any]) -> tuple[Any, ...]:
        return (row["date_start"], last_day(row), row["time"] or "", row["id"])

    events = sorted(rows["events"], key=day_order)
    event_rank = {row["id"]: rank for rank, row in enumerate(events)}
    statements = sorted(rows["statements"], key=lambda row: (row["date_start"], row["time"] or "", row["id"]))
    statement_rank = {row["id"]: rank for rank, row in enumerate(statements)}
    ordered = {**rows, "events": events, "statements": statements}
    for name in ("event_tags", "event_places", "event_actors", "citations"):
        ordered[name] = sorted(rows[name], key=lambda row: (event_rank[row["event_id"]], row["position"]))
    ordered["statement_sources"] = sorted(
        rows["statement_sources"], key=lambda row: (statement_rank[row["statement_id"]], row["position"])
    )
    return ordered


def _longest_event_days(dataset: Dataset) -> int:
    """The longest event in days, duration or window: lets date filters use the date index from both ends (see
    query.timeline)."""
    spans = [(last_day(row) - row["date_start"]).days for row in dataset.rows["events"]]
    return max(spans, default=0)


def record_stamp(engine: Engine, stamp: str) -> None:
    """Remember the seeds' stamp after a full check found their contents unchanged (files touched, not edited)."""
    with write_transaction(engine) as connection:
        connection.execute(delete(DatasetInfo).where(DatasetInfo.key == "seeds_stamp"))
        connection.execute(insert(DatasetInfo), [{"key": "seeds_stamp", "value": stamp}])
