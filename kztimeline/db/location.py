"""Which database a command uses: the embedded default, a SQLite file, or a server URL.

This module imports no database library: read commands resolve the location before deciding whether they need
SQLAlchemy at all (SQLite reads go through the standard library's ``sqlite3``).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

ENV_VAR = "KZTIMELINE_DB"


def default_database_path() -> Path:
    """The embedded database: ``<user data dir>/kztimeline/kztimeline.sqlite``."""
    from platformdirs import user_data_path

    return user_data_path("kztimeline", appauthor=False) / "kztimeline.sqlite"


def resolve_database_url(db: str | None = None) -> tuple[str, bool]:
    """Return the database URL to use and whether it is the embedded default.

    A value without ``://`` is taken as a SQLite file path, so ``--db my.sqlite`` works as users expect.
    """
    chosen = db or os.environ.get(ENV_VAR) or None
    if chosen is None:
        return sqlite_url(default_database_path()), True
    if "://" not in chosen:
        return sqlite_url(Path(chosen)), False
    return chosen, False


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path.expanduser().resolve()}"


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other engines and in-memory databases.

    URL options (``?mode=ro``) are not part of the path, nor is the ``file:`` of SQLite's URI form
    (``sqlite:///file:/data/x.sqlite?mode=ro&uri=true``).
    """
    prefix = "sqlite:///"
    if not url.startswith(prefix) or is_sqlite_memory(url):
        return None
    path = url[len(prefix) :].split("?", 1)[0]
    return Path(path.removeprefix("file:"))


def is_sqlite_memory(url: str) -> bool:
    """Whether a URL names an in-memory SQLite database, which vanishes when the command ends."""
    if not url.startswith("sqlite"):
        return False
    scheme, _, rest = url.partition("://")
    path, _, query = rest.partition("?")
    if scheme.split("+")[0] != "sqlite":
        return False
    return path.removeprefix("/").removeprefix("file:") in ("", ":memory:") or "mode=memory" in query.split("&")


def redacted(url: str) -> str:
    """``url`` with its password replaced by ``***``, for messages."""
    return re.sub(r"(://[^:/@?#]*:)[^@/?#]*@", r"\1***@", url)
