"""Cheap checks that a database is current, for the read path (standard library only).

A read command must not pay for re-reading the seeds to learn whether the embedded database is up to date. The load
records a *stamp* of the packaged seeds — the names, sizes and modification times of their files, from ``stat``
alone — and the schema revision; a read compares them in well under a millisecond and falls back to the full
check (digest of the contents, rebuild if needed) only when they differ.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

# The Alembic head revision; tests/test_migrations.py keeps it equal to the migrations' head.
SCHEMA_REVISION = "0007"
# dataset_info.seeds_source of a database loaded from the seeds shipped with the package
PACKAGED_SOURCE = "packaged"


def seed_paths(directory: Path) -> list[Path]:
    """The files of a seeds directory: its YAML files (in the order they are read), then the article texts.

    These are the only files a load may read (``validate`` refuses an article ``file:`` that is not one of them), so
    the digest and the stamp cover everything a load depends on. Links that lead outside the directory and anything
    that is not a regular file are left out: a load never reads them, and hashing them could read any file.
    """
    files = sorted([*directory.glob("*.yaml"), *directory.glob("*.yml")])
    articles = directory / "articles"
    if articles.is_dir():
        files += sorted(path for path in articles.rglob("*") if path.is_file())
    for path in files:
        _require_utf8_name(path, directory)
    root = directory.resolve()
    return [path for path in files if _lies_inside(path, root)]


def _require_utf8_name(path: Path, directory: Path) -> None:
    """Raise a one-line error for a file name that is not UTF-8: it cannot be named in a YAML ``file:``, recorded
    in a stamp, or shown in a message without escapes."""
    name = path.relative_to(directory).as_posix()
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        from kztimeline.errors import KztimelineError

        shown = os.fsencode(name).decode("utf-8", "backslashreplace")
        raise KztimelineError(f"{directory / shown}: the file name is not UTF-8; rename the file") from None


def _lies_inside(path: Path, root: Path) -> bool:
    real = path.resolve()
    return real == root or root in real.parents


def seeds_digest(directory: Path) -> str:
    """A hash of the contents of every YAML file and article text in a seeds directory."""
    digest = hashlib.sha256()
    for path in seed_paths(directory):
        digest.update(path.relative_to(directory).as_posix().encode())
        digest.update(b"\0")
        with path.open("rb") as handle:  # in blocks: a large file is never held whole
            digest.update(hashlib.file_digest(handle, "sha256").digest())
    return digest.hexdigest()


def seeds_stamp(directory: Path) -> str:
    """A stamp of a seeds directory from file metadata: it changes when any file is added, removed or edited."""
    stamp = hashlib.sha256()
    for path in seed_paths(directory):
        status = path.stat()
        stamp.update(f"{path.relative_to(directory).as_posix()}\0{status.st_size}\0{status.st_mtime_ns}\0".encode())
    return stamp.hexdigest()


def schema_revision(connection: sqlite3.Connection) -> str | None:
    """The Alembic revision a SQLite database is at (None when it has no kztimeline schema)."""
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError:
        return None
    return str(row[0]) if row else None


def dataset_info(connection: sqlite3.Connection) -> dict[str, str]:
    try:
        return {str(key): str(value) for key, value in connection.execute("SELECT key, value FROM dataset_info")}
    except sqlite3.OperationalError:
        return {}


def loaded_state(path: Path) -> dict[str, str] | None:
    """What the last load recorded in a SQLite database at the schema head, or None (no file, older schema)."""
    if not path.exists():
        return None
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        if schema_revision(connection) != SCHEMA_REVISION:
            return None
        return dataset_info(connection)
    finally:
        connection.close()


def embedded_is_current(path: Path, seeds: Path) -> bool:
    """Whether the embedded database at ``path`` is at the schema head and loaded from the current packaged seeds
    (or from the user's own seeds, which a new package must not overwrite)."""
    info = loaded_state(path)
    if info is None:
        return False
    if info.get("seeds_source") not in (None, PACKAGED_SOURCE):
        return True
    return info.get("seeds_stamp") == seeds_stamp(seeds)
