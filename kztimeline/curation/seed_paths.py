"""Which files a seeds directory may make kztimeline read, and reading them with a bound.

Seeds are shared: a curator loads someone else's directory into a shared database. An article's ``file:`` naming
``/etc/passwd``, ``../../.pgpass`` or a link to ``~/.ssh/id_rsa`` would copy that file into the database, where
``export`` and ``sql`` hand it to anyone. So every file a load reads must lie inside the seeds directory once
symbolic links are resolved (a link that stays inside is fine: texts shared between two names), be a regular file
(never a device such as ``/dev/zero``, a FIFO that blocks, or a directory), and be at most a size limit — read as at
most ``limit + 1`` bytes, so an oversized file is refused without being read whole.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

# Article texts larger than this are refused (``--max-article-bytes`` / KZTIMELINE_MAX_ARTICLE_BYTES raise it): the
# longest curated article is under 100 kB, and the search index's snippets slow down with an article's length.
DEFAULT_MAX_ARTICLE_BYTES = 5_000_000
MAX_ARTICLE_BYTES_ENV = "KZTIMELINE_MAX_ARTICLE_BYTES"


@dataclass(frozen=True)
class UnsafeSeedFile(Exception):
    """A file the seeds name that kztimeline will not read; ``kind`` is the problem type."""

    message: str
    kind: str

    def __str__(self) -> str:
        return self.message


def article_path(directory: Path, written: str) -> Path:
    """The file an article's ``file:`` names, checked to be a relative path inside ``directory`` (links resolved).

    Raises :class:`UnsafeSeedFile` for an absolute path, a ``..`` step, a backslash (a Windows separator that a
    POSIX system takes as part of a name), or a path whose real location is outside the directory.
    """
    pure = PurePosixPath(written)
    if pure.is_absolute() or written.startswith("~") or (pure.parts and ":" in pure.parts[0]):
        raise UnsafeSeedFile(
            f"{written!r} is an absolute path; give a path relative to the seeds directory", "unsafe-path"
        )
    if "\\" in written or "\0" in written:
        raise UnsafeSeedFile(f"{written!r} is not a plain relative path (use '/' between folders)", "unsafe-path")
    if ".." in pure.parts:
        raise UnsafeSeedFile(f"{written!r} leaves the seeds directory ('..')", "unsafe-path")
    path = directory / pure
    ensure_inside(directory, path, written)
    return path


def ensure_inside(directory: Path, path: Path, shown: str) -> None:
    """Raise :class:`UnsafeSeedFile` when ``path``, with every symbolic link resolved, is outside ``directory``."""
    real = Path(os.path.realpath(path))
    root = Path(os.path.realpath(directory))
    if real != root and root not in real.parents:
        raise UnsafeSeedFile(f"{shown!r} is a link to {real}, outside the seeds directory", "unsafe-path")


def read_bounded_text(path: Path, limit: int, shown: str) -> str:
    """The UTF-8 text of a regular file of at most ``limit`` bytes, read without ever holding more than
    ``limit + 1`` bytes; raises :class:`UnsafeSeedFile` (or ``FileNotFoundError`` / ``OSError``) otherwise."""
    # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer before fstat could refuse it
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise UnsafeSeedFile(f"{shown!r} is not a regular file", "not-a-file")
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise UnsafeSeedFile(
            f"{shown!r} is larger than {limit:,} bytes (raise the limit with --max-article-bytes or "
            f"{MAX_ARTICLE_BYTES_ENV})",
            "too-large",
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise UnsafeSeedFile(f"article file is not UTF-8: {error.reason} at byte {error.start}", "encoding") from None


def max_article_bytes(value: int | None = None) -> int:
    """The article size limit: ``value`` when given, else KZTIMELINE_MAX_ARTICLE_BYTES, else the default."""
    if value is not None:
        return value
    configured = os.environ.get(MAX_ARTICLE_BYTES_ENV, "").strip()
    if not configured:
        return DEFAULT_MAX_ARTICLE_BYTES
    try:
        limit = int(configured)
    except ValueError:
        limit = -1
    if limit <= 0:
        from kztimeline.errors import KztimelineError

        raise KztimelineError(f"{MAX_ARTICLE_BYTES_ENV}={configured!r} is not a positive number of bytes")
    return limit


def read_seed_article(directory: Path, written: str, limit: int | None = None) -> str:
    """The text of the article file ``written`` (an article's ``file:``) of the seeds ``directory``, with every
    check ``validate`` makes except that it be listed in the seeds digest; raises :class:`UnsafeSeedFile` or
    ``OSError``."""
    return read_bounded_text(article_path(directory, written), max_article_bytes(limit), written)
