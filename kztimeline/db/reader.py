"""Read-only access to a kztimeline database for the read commands, without SQLAlchemy on SQLite.

``show`` and ``export`` are run in loops and pipes, so their start-up matters: importing SQLAlchemy alone costs a
quarter of a second. On SQLite they read the documented tables and views through the standard library's
``sqlite3``, opened read-only; SQLAlchemy (and Alembic) are imported only when the embedded database must be built
or rebuilt, and for server databases, where the same SQL runs on the DB-API connection SQLAlchemy opens.

Queries are written once, with ``:name`` parameters, and adapted to the driver's parameter style.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import sqlite3
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from kztimeline.db.location import redacted, resolve_database_url, sqlite_path
from kztimeline.db.stamp import SCHEMA_REVISION, embedded_is_current
from kztimeline.errors import KztimelineError

_NAMED = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")

Row = dict[str, Any]


class Reader:
    """Runs read-only SQL on a DB-API connection and returns rows as dicts with plain Python values.

    Dates come back as ISO strings and flags as booleans on every engine, so callers need not know the driver.
    """

    def __init__(self, connection: Any, dialect: str, owner: Any = None) -> None:
        self.connection = connection
        self.dialect = dialect
        self._owner = owner  # keeps a SQLAlchemy engine alive for server databases
        self._cursors = 0  # names server-side cursors

    def _sql(self, sql: str) -> str:
        if self.dialect == "sqlite":
            return sql
        return _NAMED.sub(r"%(\1)s", sql.replace("%", "%%"))

    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        return list(self.iterate(sql, params))

    def iterate(self, sql: str, params: Mapping[str, Any] | None = None) -> Iterator[Row]:
        """Rows as dicts, one batch at a time from the driver: an export of a million rows never holds them all."""
        names: list[str] = []
        for values in self.tuples(sql, params, names):
            yield dict(zip(names, values, strict=True))

    def tuples(
        self, sql: str, params: Mapping[str, Any] | None = None, names: list[str] | None = None, batch: int = 5000
    ) -> Iterator[tuple[Any, ...]]:
        """Rows as plain tuples in the order of the SELECT's columns (their names go into ``names``).

        On a server a named (server-side) cursor fetches ``batch`` rows at a time: a plain one would bring the whole
        result into memory before the first row, which for an export of a million events is the whole database.
        """
        if self.dialect == "sqlite":
            cursor = self.connection.cursor()
        else:
            self._cursors += 1
            cursor = self.connection.cursor(name=f"kztimeline_{self._cursors}")
        try:
            cursor.execute(self._sql(sql), dict(params or {}))
            if names is not None:
                names.extend(column[0] for column in cursor.description)
            convert = self.dialect != "sqlite"  # SQLite hands back plain str/int/float already
            while chunk := cursor.fetchmany(batch):
                if convert:
                    for values in chunk:
                        yield tuple(_plain(value) for value in values)
                else:
                    yield from chunk
        finally:
            # a generator abandoned mid-way (`export | head`) is finalised later, possibly after the connection closed
            with contextlib.suppress(Exception):
                cursor.close()

    def scalars(self, sql: str, params: Mapping[str, Any] | None = None) -> list[Any]:
        return [next(iter(row.values())) for row in self.iterate(sql, params)]

    def scalar_within(self, sql: str, params: Mapping[str, Any] | None, seconds: float) -> Any | None:
        """The first value of ``sql``, or None when it would take longer than ``seconds``: the query is stopped and
        the read goes on. For answers that are good to have but must not slow the command down, such as the total
        under a page of a million-event timeline."""
        if self.dialect == "sqlite":
            deadline = time.monotonic() + seconds
            self.connection.set_progress_handler(lambda: int(time.monotonic() > deadline), 20_000)
            try:
                row = self.connection.execute(sql, dict(params or {})).fetchone()
            except sqlite3.OperationalError as error:
                if "interrupted" in str(error):
                    return None
                raise
            finally:
                self.connection.set_progress_handler(None, 0)
            return row[0]
        # a savepoint keeps the snapshot's transaction usable after a cancelled query, and undoes the time limit
        cursor = self.connection.cursor()
        try:
            cursor.execute("SAVEPOINT kztimeline_bounded")
            cursor.execute(f"SET LOCAL statement_timeout = {max(1, round(seconds * 1000))}")
            try:
                cursor.execute(self._sql(sql), dict(params or {}))
                row = cursor.fetchone()
            except Exception as error:
                if type(error).__name__ != "QueryCanceled":
                    raise
                row = None
            cursor.execute("ROLLBACK TO SAVEPOINT kztimeline_bounded")
            cursor.execute("RELEASE SAVEPOINT kztimeline_bounded")
        finally:
            cursor.close()
        return None if row is None else _plain(row[0])

    def close(self) -> None:
        self.connection.close()
        if self._owner is not None:
            self._owner.dispose()

    def __enter__(self) -> Reader:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def in_list(name: str, values: Iterable[Any]) -> tuple[str, dict[str, Any]]:
    """An ``IN (…)`` list as SQL and parameters: ``("(:ids_0, :ids_1)", {"ids_0": …, "ids_1": …})``."""
    items = list(values)
    if not items:
        return "(NULL)", {}
    params = {f"{name}_{index}": value for index, value in enumerate(items)}
    return "(" + ", ".join(f":{key}" for key in params) + ")", params


def chunked(items: Sequence[Any], size: int = 500) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


def open_reader(db: str | None, *, require_data: bool = True) -> Reader:
    """A reader for ``--db`` / ``KZTIMELINE_DB`` / the embedded default, checked to be current and readable.

    The embedded default is (re)built first when it is missing or stale; any other database must exist and be at
    the schema head, and (unless ``require_data`` is false) hold a load: a database with the schema but no data
    would answer every question with "nothing matches", where the truth is "nothing was loaded".
    """
    reader = _open_reader(db)
    if require_data and not reader.scalars("SELECT 1 FROM articles LIMIT 1"):
        reader.close()
        url, _ = resolve_database_url(db)
        shown = redacted(url) if sqlite_path(url) is None else str(sqlite_path(url))
        how = "kztimeline load" if db is None else f"kztimeline --db {shown} load"
        raise KztimelineError(f"{shown} holds no data yet; fill it with `{how} [SEEDS_DIR]`")
    return reader


def _open_reader(db: str | None) -> Reader:
    url, is_default = resolve_database_url(db)
    path = sqlite_path(url)
    if path is None:
        return _server_reader(db)
    if is_default:
        from kztimeline.resources import seeds_dir

        if not embedded_is_current(path, seeds_dir()):
            from kztimeline.db.database import ensure_readable, open_database

            ensure_readable(open_database(db))
    elif not path.exists():
        raise KztimelineError(
            f"database file not found: {path} (create and fill it with `kztimeline --db {path} load`)"
        )
    connection, revision = open_sqlite_read_only(path)
    if revision != SCHEMA_REVISION:
        connection.close()
        if revision is None:
            raise KztimelineError(
                f"{url} has no kztimeline schema; run `kztimeline --db {url} load` to create and fill it"
            )
        raise KztimelineError(f"{url} is at schema revision {revision}; run `kztimeline db upgrade`")
    return Reader(connection, "sqlite")


# How long a read waits for a writer holding the file's lock (a load committing, a migration) before it says the
# database is busy. A reader never blocks on a load's writing, only on its commit, which takes well under this.
READ_BUSY_TIMEOUT = 60.0


def open_sqlite_read_only(path: Path) -> tuple[sqlite3.Connection, str | None]:
    """A read-only connection to a SQLite file inside one read transaction, and its schema revision (None: no
    kztimeline schema).

    One read transaction for the whole command: every query sees the same load, even if another one commits
    meanwhile (it waits for this command to finish; see kztimeline.db.engine.SQLITE_BUSY_TIMEOUT). Only a missing
    ``alembic_version`` table means "no schema": a lock held longer than READ_BUSY_TIMEOUT is "busy", and a hot
    journal (a writer killed mid-transaction: the file is intact, but a read-only connection may not undo the
    unfinished write) is rolled back through a short read-write open, as any writer would, then read again.
    """
    for attempt in range(2):
        connection = sqlite3.connect(f"{Path(path).as_uri()}?mode=ro", uri=True, timeout=READ_BUSY_TIMEOUT)
        try:
            connection.execute("BEGIN")
            return connection, _revision_or_none(connection)
        except sqlite3.OperationalError as error:
            connection.close()
            if _error_name(error) == "SQLITE_READONLY_ROLLBACK" and attempt == 0:
                roll_back_hot_journal(path)
                continue
            raise _read_failure(path, error) from None
        except sqlite3.DatabaseError as error:
            connection.close()
            raise _read_failure(path, error) from None
    raise AssertionError("unreachable: the second attempt returns or raises")


def _revision_or_none(connection: sqlite3.Connection) -> str | None:
    """The Alembic revision; None only when there is no ``alembic_version`` table (other errors propagate)."""
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError as error:
        if str(error).startswith("no such table"):
            return None
        raise
    return str(row[0]) if row else None


def roll_back_hot_journal(path: Path) -> None:
    """Undo the unfinished write a killed writer left in ``<file>-journal``: opening the file read-write and
    reading it is enough (SQLite rolls the journal back before the first read)."""
    try:
        writer = sqlite3.connect(f"{Path(path).as_uri()}?mode=rw", uri=True, timeout=READ_BUSY_TIMEOUT)
        try:
            writer.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            writer.close()
    except sqlite3.OperationalError as error:
        if _error_name(error) == "SQLITE_BUSY":
            raise _read_failure(path, error) from None
        raise KztimelineError(
            f"{path} holds an unfinished write of a command that was stopped ({path}-journal), which needs write "
            f"access to undo: run `kztimeline --db {path} db current` once as a user who may write {path.parent}"
        ) from None


def _error_name(error: sqlite3.Error) -> str:
    return str(getattr(error, "sqlite_errorname", ""))


def _read_failure(path: Path, error: sqlite3.Error) -> KztimelineError:
    """The one-line error for a SQLite file that cannot be read, by what SQLite said."""
    name = _error_name(error)
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return KztimelineError(
            f"{path} is busy: another command has been writing it for over {READ_BUSY_TIMEOUT:.0f} s; try again "
            "when it has finished"
        )
    if name == "SQLITE_NOTADB":
        return KztimelineError(f"{path} is not a SQLite database")
    return KztimelineError(f"cannot read {path}: {error}")


def _server_reader(db: str | None) -> Reader:
    url, _ = resolve_database_url(db)
    if url.startswith(("postgresql://", "postgresql+psycopg://")):
        reader = _psycopg_reader(url)
        if reader is not None:
            return reader
    return _sqlalchemy_reader(db)


def _psycopg_reader(url: str) -> Reader | None:
    """A PostgreSQL reader straight through psycopg: SQLAlchemy's import alone would double a command's start-up.

    None when the URL holds options only SQLAlchemy understands (the caller then goes through SQLAlchemy).
    """
    import psycopg

    try:
        connection = psycopg.connect("postgresql://" + url.split("://", 1)[1])
    except psycopg.ProgrammingError:
        return None
    except psycopg.OperationalError as error:
        detail = str(error).strip().splitlines()
        raise KztimelineError(f"cannot connect to {redacted(url)}: {detail[-1] if detail else error}") from None
    # every query of one command reads the same snapshot: a load committing meanwhile is seen entirely or not at all
    connection.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
    connection.read_only = True
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except psycopg.errors.UndefinedTable:
        row = None
    if row is None or row[0] != SCHEMA_REVISION:
        connection.close()
        if row is None:
            raise KztimelineError(
                f"{redacted(url)} has no kztimeline schema; run `kztimeline --db URL load` to create and fill it"
            )
        raise KztimelineError(f"{redacted(url)} is at schema revision {row[0]}; run `kztimeline db upgrade`")
    return Reader(connection, "postgresql")


def _sqlalchemy_reader(db: str | None) -> Reader:
    from kztimeline.db.database import ensure_readable, open_database

    database = open_database(db)
    ensure_readable(database)
    raw = database.engine.raw_connection()
    if database.engine.dialect.name == "postgresql":
        import psycopg

        # every query of one command reads the same snapshot: a load committing meanwhile is seen entirely or not at all
        driver: Any = raw.driver_connection
        driver.rollback()
        driver.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        driver.read_only = True
    return Reader(raw, database.engine.dialect.name, owner=database.engine)
