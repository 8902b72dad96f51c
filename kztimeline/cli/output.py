"""Output helpers shared by commands: a Rich console that stays plain and unwrapped when piped, and JSON writing."""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO

from rich.console import Console


def make_console(stream: TextIO | None = None) -> Console:
    """A console for ``stream`` (stdout by default).

    On a terminal: colours and wrapping to its width. Piped or redirected: no colour codes, and no wrapping or
    truncation, so every line stays whole for grep and friends.
    """
    stream = stream or sys.stdout
    is_terminal = stream.isatty()
    return Console(file=stream, highlight=False, soft_wrap=not is_terminal, emoji=False)


def write_json(document: Any, stream: TextIO | None = None) -> None:
    stream = stream or sys.stdout
    json.dump(document, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
