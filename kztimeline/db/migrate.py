"""Run the Alembic migrations programmatically: nothing creates tables outside them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from kztimeline.db.engine import WRITE_OPTION, write_transaction
from kztimeline.db.search import SEARCH_INDEX
from kztimeline.errors import KztimelineError
from kztimeline.resources import migrations_dir


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic config pointing at the packaged migrations; ``connection`` is handed to env.py."""
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the migrations directory has no revisions"
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return current_revision_in(connection)


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` in one transaction (on SQLite too: see
    :func:`kztimeline.db.engine.make_engine`), holding the write lock from the start, so that two processes
    upgrading the same file take turns."""
    with _schema_change(engine) as connection:
        upgrade_in(connection, revision)


def upgrade_in(connection: Connection, revision: str = "head") -> None:
    """Bring the schema to ``revision`` inside the caller's transaction; first clear what an interrupted first build
    of an older kztimeline left (see :func:`repair_half_built`)."""
    repair_half_built(connection)
    command.upgrade(alembic_config(connection), revision)


def downgrade(engine: Engine, revision: str) -> None:
    with _schema_change(engine) as connection:
        command.downgrade(alembic_config(connection), revision)


@contextmanager
def _schema_change(engine: Engine) -> Iterator[Connection]:
    """The write transaction of a migration of a database that may hold data.

    On SQLite, foreign keys are off during it and checked with ``PRAGMA foreign_key_check`` before the commit:
    SQLite's documented way to rebuild a table others refer to (batch mode copies it, drops it and renames the
    copy; with foreign keys on, dropping a table that rows refer to fails). A table rebuilt loses its statistics, so
    a migration that changed anything ends with ANALYZE, as a load does: the planner keeps telling a busy actor from
    a rare one after ``db upgrade``.
    """
    if engine.dialect.name != "sqlite":
        with write_transaction(engine) as connection:
            yield connection
        return
    with engine.connect() as connection:
        driver = connection.connection.driver_connection
        assert driver is not None
        driver.execute("PRAGMA foreign_keys=OFF")  # outside the transaction, where the pragma has an effect
        try:
            with connection.execution_options(**{WRITE_OPTION: True}).begin():
                before = current_revision_in(connection)
                yield connection
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise KztimelineError(
                        f"the migration would leave {len(broken)} rows referring to missing rows (first in table "
                        f"{broken[0][0]}); nothing was changed"
                    )
                if current_revision_in(connection) != before:
                    connection.exec_driver_sql("ANALYZE")
        finally:
            driver.execute("PRAGMA foreign_keys=ON")


def repair_half_built(connection: Connection) -> None:
    """Clear the empty tables a first build of an older kztimeline left without a schema revision, or refuse.

    Before migrations ran in one transaction on SQLite, a kill or a full disk during the first build left some of
    kztimeline's tables and no ``alembic_version`` row, and every later command failed with "table actors already
    exists". No load can have filled such a file (a load writes only after the last migration), so when its tables
    are all kztimeline's and all empty they are dropped and the build starts again. Anything else — a table of
    another program, a row of data — is left alone and named in the error.
    """
    if connection.dialect.name != "sqlite" or current_revision_in(connection) is not None:
        return
    present = {
        str(name): str(kind)
        for name, kind in connection.exec_driver_sql(
            "SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite%'"
        )
    }
    ours = _schema_names()
    if not present.keys() & (ours - {"alembic_version"}):
        return  # a new file, or another program's database kztimeline only adds its tables to
    where = connection.engine.url.database or str(connection.engine.url)
    foreign = sorted(present.keys() - ours)
    if foreign:
        raise KztimelineError(
            f"{where} holds part of a kztimeline schema with no revision, and tables kztimeline did not create "
            f"({', '.join(foreign[:5])}); use a new file for `kztimeline --db FILE load`"
        )
    filled = [name for name, kind in present.items() if kind == "table" and _has_rows(connection, name)]
    if filled:
        raise KztimelineError(
            f"{where} holds part of a kztimeline schema with no revision (an interrupted first build) and rows in "
            f"{', '.join(sorted(filled)[:5])}; move the file aside and run `kztimeline --db FILE load` again"
        )
    for name, kind in sorted(present.items(), key=lambda item: (item[1] != "view", item[0])):
        # views first; the full-text index's virtual table drops its own shadow tables, hence IF EXISTS
        connection.exec_driver_sql(f'DROP {kind.upper()} IF EXISTS "{name}"')


def current_revision_in(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def _has_rows(connection: Connection, table: str) -> bool:
    if table.startswith(SEARCH_INDEX):
        return False  # the full-text index is refilled from the tables by every load
    return connection.exec_driver_sql(f'SELECT 1 FROM "{table}" LIMIT 1').first() is not None


@cache
def _schema_names() -> frozenset[str]:
    """The names of every table and view the migrations create on SQLite (built once in memory, ~0.1 s)."""
    from kztimeline.db.engine import make_engine

    engine = make_engine("sqlite://")
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "head")
            rows = connection.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite%'"
            )
            return frozenset(str(name) for (name,) in rows)
    finally:
        engine.dispose()
