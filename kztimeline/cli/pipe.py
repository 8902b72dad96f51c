"""Standard input and output as files: ``-`` arguments, and stopping quietly when the reader of stdout goes away.

``kztimeline show --format json | head`` closes the pipe after a few lines. Python then raises BrokenPipeError
from whichever write comes next: inside a command, inside Click's ``echo``, inside Rich (which exits with status 1
by itself), or while the interpreter flushes stdout on its way out. :func:`watch_stdout` makes every one of those a
:class:`ReaderGone`, which is not an ``Exception``: no handler on the way wraps it in an error message, and
``main()`` turns it into a quiet exit with status 0, as ``cat`` and ``grep`` do.

Kept free of heavy imports: ``main()`` loads it for every command.
"""

from __future__ import annotations

import errno
import io
import os
import sys
from typing import Any, BinaryIO

import click

STANDARD_STREAM = "-"
STDIN_NAME = "<stdin>"  # how messages and parsed articles name what was read from standard input


class ReaderGone(BaseException):
    """Whoever read our standard output closed it: stop writing and exit quietly with status 0."""


def closed_pipe(error: BaseException | None) -> bool:
    """Whether ``error``, or an error it was raised from or while handling, is a write to a closed pipe."""
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, ReaderGone | BrokenPipeError):
            return True
        if isinstance(error, OSError) and error.errno == errno.EPIPE:
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


class _WatchedStdout(io.TextIOWrapper):
    """sys.stdout whose writes and flushes raise :class:`ReaderGone` instead of BrokenPipeError."""

    def write(self, text: str) -> int:
        try:
            return super().write(text)
        except BrokenPipeError:
            raise ReaderGone from None

    def flush(self) -> None:
        try:
            super().flush()
        except BrokenPipeError:
            raise ReaderGone from None


def watch_stdout() -> None:
    """Replace ``sys.stdout`` with a text stream over the same buffer whose broken pipes raise ReaderGone."""
    stdout = sys.stdout
    if not isinstance(stdout, io.TextIOWrapper) or isinstance(stdout, _WatchedStdout):
        return
    stdout.flush()
    sys.stdout = _WatchedStdout(
        stdout.buffer,
        encoding=stdout.encoding,
        errors=stdout.errors,
        line_buffering=stdout.line_buffering,
        write_through=stdout.write_through,
    )


def stop_writing() -> None:
    """Point file descriptor 1 at /dev/null, so what is still buffered for stdout is dropped without an error."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, io.UnsupportedOperation):  # stdout is not a file descriptor: nothing to drop
        pass


def read_stdin_bytes() -> bytes:
    """All of standard input, as bytes."""
    return sys.stdin.buffer.read()


def read_stdin_text(what: str, max_bytes: int | None = None) -> str:
    """All of standard input as text (UTF-8, a byte-order mark dropped); not UTF-8 is an error naming ``what``, and
    so is more than ``max_bytes`` (``< /dev/zero`` would be read forever)."""
    if max_bytes is None:
        raw = read_stdin_bytes()
    else:
        raw = sys.stdin.buffer.read(max_bytes + 1)
        if len(raw) > max_bytes:
            raise click.ClickException(f"{what} on standard input: more than {max_bytes:,} bytes")
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise click.ClickException(
            f"{what} on standard input, line {line}: not UTF-8 text (byte {error.start})"
        ) from None


def stdout_bytes() -> BinaryIO:
    """Standard output for binary content (a zip)."""
    return sys.stdout.buffer


def is_standard_stream(value: Any) -> bool:
    """Whether a path argument is ``-``, which means standard input or output."""
    return str(value) == STANDARD_STREAM
