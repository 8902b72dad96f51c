"""Which database to use and how to connect to it.

The embedded default is one SQLite file in the user's data directory; ``--db URL`` or ``KZTIMELINE_DB`` point
elsewhere (a SQLite path or any SQLAlchemy URL).
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event

# where the database lives is in kztimeline.db.location (no SQLAlchemy import); re-exported here
from kztimeline.db.location import (
    ENV_VAR,
    default_database_path,
    resolve_database_url,
    sqlite_path,
    sqlite_url,
)

__all__ = [
    "ENV_VAR",
    "default_database_path",
    "make_engine",
    "resolve_database_url",
    "sqlite_path",
    "sqlite_url",
    "write_transaction",
]


# How long a write to a SQLite file waits for readers to finish (an export of a million events takes ~20 s) before
# it gives up with "the database is busy".
SQLITE_BUSY_TIMEOUT = 60.0


# execution option of a transaction that writes: on SQLite it takes the write lock at BEGIN (see make_engine)
WRITE_OPTION = "kztimeline_writes"


def make_engine(url: str) -> Engine:
    """Create an engine (no connection yet); on SQLite, enforce foreign keys on every connection and run every
    transaction — DDL included — as a real SQLite transaction.

    Python's ``sqlite3`` emits BEGIN only before INSERT/UPDATE/DELETE, so a migration's CREATE TABLE ran outside any
    transaction: a kill or a full disk during the first build left tables without an ``alembic_version`` row. This
    is SQLAlchemy's documented recipe for transactional DDL on pysqlite: the driver's own BEGIN is turned off and
    SQLAlchemy emits it. A transaction opened with :func:`write_transaction` starts with ``BEGIN IMMEDIATE``: it
    holds the write lock from the start, so two processes building the same new file take turns (the second waits up
    to SQLITE_BUSY_TIMEOUT, then sees the first one's schema) instead of both creating tables.
    """
    engine = _create_engine(url)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _enable_foreign_keys(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.isolation_level = None  # no implicit BEGIN (nor COMMIT before DDL) from sqlite3
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _begin(connection: Connection) -> None:
            writes = connection.get_execution_options().get(WRITE_OPTION, False)
            connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")

    return engine


def _create_engine(url: str) -> Engine:
    """SQLAlchemy's engine for ``url``, with a one-line error for a URL it cannot parse (an IPv6 host without its
    closing bracket) or options it would ignore with a warning. SQLite URL options (``?mode=ro``) are passed to
    SQLite as its URI options, as the user meant them (SQLAlchemy does that only with ``uri=true``)."""
    import warnings

    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, SAWarning

    from kztimeline.db.location import redacted
    from kztimeline.errors import KztimelineError

    try:
        parsed = make_url(url)
        is_sqlite = parsed.get_backend_name() == "sqlite"
        if is_sqlite and parsed.query and "uri" not in parsed.query and parsed.database:
            database = parsed.database if parsed.database.startswith("file:") else f"file:{parsed.database}"
            parsed = parsed.set(database=database).update_query_dict({"uri": "true"})
        with warnings.catch_warnings():
            warnings.simplefilter("error", SAWarning)
            return create_engine(parsed, connect_args={"timeout": SQLITE_BUSY_TIMEOUT} if is_sqlite else {})
    except (ArgumentError, ValueError, SAWarning) as error:
        reason = str(error).split(" (Background on")[0].strip()
        raise KztimelineError(f"--db {redacted(url)} is not a database URL kztimeline can use: {reason}") from None


def write_transaction(engine: Engine) -> AbstractContextManager[Connection]:
    """``engine.begin()`` for a transaction that writes: on SQLite it takes the write lock at once, waiting up to
    SQLITE_BUSY_TIMEOUT for another writer, so a read early in the transaction sees what that writer committed."""
    return engine.execution_options(**{WRITE_OPTION: True}).begin()
