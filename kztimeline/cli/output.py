"""Output helpers shared by commands: a Rich console that lays text out only on a real terminal, inert text, JSON.

Two questions are kept apart. *Colour* is Rich's to decide (a terminal, ``FORCE_COLOR``, ``NO_COLOR``, ``TERM``).
*Layout* — wrapping to a width, tables fitted to it — happens only when stdout is a real terminal with a width:
piped or redirected output, coloured or not, has every line whole, never wrapped or cut, for grep and friends.
"""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO

from rich.console import Console
from rich.text import Text


class _Console(Console):
    def on_broken_pipe(self) -> None:
        """Rich exits with status 1 when the pipe breaks; report it as everything else does (quietly, status 0)."""
        from kztimeline.cli.pipe import ReaderGone, stop_writing

        self.quiet = True
        stop_writing()
        raise ReaderGone


def make_console(stream: TextIO | None = None) -> Console:
    """A console for ``stream`` (stdout by default).

    On a terminal: colours, and wrapping to its width. Piped or redirected: no wrapping or truncation, so every line
    stays whole; colour codes only when asked for with ``FORCE_COLOR``, and they change nothing else.
    """
    stream = stream or sys.stdout
    on_terminal = _isatty(stream)
    return _Console(file=stream, highlight=False, soft_wrap=not on_terminal, emoji=False)


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (ValueError, OSError):  # closed or detached
        return False


def lays_out(console: Console) -> bool:
    """Whether ``console`` fits its output to a width (a real terminal) rather than writing whole lines (a pipe).

    A console that soft-wraps leaves lines to whoever reads them: that is how :func:`make_console` marks a pipe,
    and it stays so when ``FORCE_COLOR`` makes Rich colour the output (Rich's ``is_terminal`` is then true).
    """
    return not console.soft_wrap


# Control characters but newline and tab become their visible Unicode pictures (ESC shows as ␛): ESC starts terminal
# escape sequences, carriage return and backspace overwrite what was written, and a C1 control (U+009B is a one-
# character ESC [) can do the same. One character for one, so widths and Rich's styles stay where they were.
_CONTROL_PICTURES = {code: 0x2400 + code for code in range(0x20) if code not in (0x09, 0x0A)}
_CONTROL_PICTURES[0x7F] = 0x2421
_CONTROL_PICTURES.update({code: 0xFFFD for code in range(0x80, 0xA0)})


def inert(text: str) -> str:
    """``text`` with control characters shown as symbols (ESC as ␛), so data can never drive the terminal."""
    return text.translate(_CONTROL_PICTURES)


def inert_text(text: Text | str) -> Text:
    """``text`` as Rich Text (never markup) with its control characters made visible, its styles kept."""
    if isinstance(text, str):
        return Text(inert(text))
    shown = text.copy()
    shown.plain = inert(text.plain)  # the same length, so the styles stay where they were
    return shown


def one_line(text: str) -> str:
    """``text`` inert and on one line: newlines, tabs and carriage returns shown as ``\\n``, ``\\t``, ``\\r``."""
    return inert(text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t"))


# JSON escapes C0 controls itself; DEL and the C1 controls (U+009B acts as ESC [ on some terminals) pass through raw
# with ensure_ascii=False. Outside strings JSON has none of them, so escaping them keeps the document the same.
_JSON_CONTROL_ESCAPES = {code: f"\\u{code:04x}" for code in range(0x7F, 0xA0)}


def json_inert(text: str) -> str:
    """JSON text with DEL and the C1 controls written as ``\\u`` escapes: the same document, safe on a terminal."""
    return text.translate(_JSON_CONTROL_ESCAPES)


def write_json(document: Any, stream: TextIO | None = None) -> None:
    stream = stream or sys.stdout
    stream.write(json_inert(json.dumps(document, ensure_ascii=False, indent=2)))
    stream.write("\n")
