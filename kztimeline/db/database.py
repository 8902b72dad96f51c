"""Open the database a command asks for; create, migrate and load the embedded default on first use.

The embedded default is rebuilt when the packaged seeds change (their digest differs from the one recorded by the last
load), unless the user has loaded seeds of their own into it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Engine

from kztimeline.db.engine import make_engine, resolve_database_url, sqlite_path
from kztimeline.db.location import is_sqlite_memory, redacted
from kztimeline.errors import KztimelineError


@dataclass
class Database:
    url: str
    is_embedded_default: bool
    engine: Engine


def open_database(db: str | None) -> Database:
    """An engine for ``--db`` / ``KZTIMELINE_DB`` / the embedded default, without touching the database yet."""
    url, is_default = resolve_database_url(db)
    return Database(url, is_default, make_engine(url))


def prepare_for_writing(database: Database) -> None:
    """Create the directory of a SQLite file that does not exist yet (the embedded default's, ``--db new.sqlite``);
    refuse a database that cannot keep what is written (in memory) or may not be written (``mode=ro``)."""
    refuse_unwritable(database.url)
    path = sqlite_path(database.url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)


def refuse_unwritable(url: str) -> None:
    """Raise a one-line error for a SQLite URL that a write would be lost in or refused by."""
    if is_sqlite_memory(url):
        raise KztimelineError(
            f"--db {url} is an in-memory database, which vanishes when the command ends; give a file instead "
            "(`--db timeline.sqlite`)"
        )
    if url.startswith("sqlite") and "mode=ro" in url.partition("?")[2].split("&"):
        raise KztimelineError(f"--db {url} opens the database read-only (mode=ro); drop ?mode=ro to write to it")


def ensure_readable(database: Database) -> None:
    """Make sure the database can be read: build the embedded default if needed, else check the schema is there."""
    from kztimeline.db import migrate

    if is_sqlite_memory(database.url):
        refuse_unwritable(database.url)  # nothing can have been loaded into it

    if database.is_embedded_default:
        prepare_for_writing(database)
        with _one_builder(database):
            _build_embedded(database)
        return
    path = sqlite_path(database.url)
    if path is not None and not path.exists():
        raise KztimelineError(f"database file not found: {path}")
    revision = migrate.current_revision(database.engine)
    if revision is None:
        raise KztimelineError(
            f"{redacted(database.url)} has no kztimeline schema; run `kztimeline --db {redacted(database.url)} load` "
            "to create and fill it"
        )
    if revision != migrate.head_revision():
        raise KztimelineError(f"{redacted(database.url)} is at schema revision {revision}; run `kztimeline db upgrade`")


@contextmanager
def _one_builder(database: Database) -> Iterator[None]:
    """Two commands started at once on a fresh machine would both build the embedded database: the second waits
    for the first (an exclusive lock on a file beside it), then finds it built. No-op where ``fcntl`` is missing."""
    path = sqlite_path(database.url)
    try:
        import fcntl
    except ImportError:  # Windows
        yield
        return
    assert path is not None, "the embedded database is a SQLite file"
    with open(path.with_name(path.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _build_embedded(database: Database) -> None:
    """Create, migrate and load the embedded database from the packaged seeds, unless it is current already (or
    holds seeds the user loaded, which are kept and only migrated)."""
    from kztimeline.curation.validate import validate_seeds
    from kztimeline.db import migrate
    from kztimeline.db.load import load_dataset, read_dataset_info, record_stamp
    from kztimeline.db.stamp import PACKAGED_SOURCE, seeds_digest, seeds_stamp
    from kztimeline.resources import seeds_dir

    up_to_date_schema = migrate.current_revision(database.engine) == migrate.head_revision()
    info = read_dataset_info(database.engine)
    own_seeds = info.get("seeds_source") not in (None, PACKAGED_SOURCE)
    if up_to_date_schema and own_seeds:
        return
    if up_to_date_schema and info.get("seeds_digest") == seeds_digest(seeds_dir()):
        stamp = seeds_stamp(seeds_dir())
        if info.get("seeds_stamp") != stamp:
            record_stamp(database.engine, stamp)  # the next read can trust the stamp again
        return
    if own_seeds:
        migrate.upgrade(database.engine)
        return
    dataset, report = validate_seeds(seeds_dir())
    if dataset is None:
        raise KztimelineError(f"the packaged seeds are invalid: {report.sorted()[0]}")
    load_dataset(database.engine, dataset, source=PACKAGED_SOURCE)
