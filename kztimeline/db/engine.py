"""Which database to use and how to connect to it.

The embedded default is one SQLite file in the user's data directory; ``--db URL`` or ``KZTIMELINE_DB`` point
elsewhere (a SQLite path or any SQLAlchemy URL).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event

# where the database lives is in kztimeline.db.location (no SQLAlchemy import); re-exported here
from kztimeline.db.location import (
    ENV_VAR,
    default_database_path,
    resolve_database_url,
    sqlite_path,
    sqlite_url,
)

__all__ = ["ENV_VAR", "default_database_path", "make_engine", "resolve_database_url", "sqlite_path", "sqlite_url"]


# How long a write to a SQLite file waits for readers to finish (an export of a million events takes ~20 s) before
# it gives up with "the database is busy".
SQLITE_BUSY_TIMEOUT = 60.0


def make_engine(url: str) -> Engine:
    """Create an engine (no connection yet); on SQLite, enforce foreign keys on every connection."""
    is_sqlite = url.startswith("sqlite")
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT} if is_sqlite else {})
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _enable_foreign_keys(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

    return engine
