"""Progress for long commands: a Rich progress display on a terminal, nothing when piped or with --quiet."""

from __future__ import annotations

import sys
from types import TracebackType
from typing import Any


class Progress:
    """Steps ("reading …", "writing …") and, while writing, one bar per table; silent unless stderr is a terminal."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self._progress: Any = None
        self._step: Any = None

    def __enter__(self) -> Progress:
        if self.enabled:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn

            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._progress.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        if self._progress is not None:
            self._progress.stop()

    def step(self, description: str) -> None:
        if self._progress is None:
            return
        if self._step is not None:
            self._progress.update(self._step, completed=1, total=1)
        self._step = self._progress.add_task(description, total=None)

    def table(self, name: str, done: int, total: int | None = None) -> None:
        """Called as rows of a table (or records of a section) are written; ``total`` when it is known."""
        if self._progress is None:
            return
        self._progress.update(self._step, description=f"writing {name}", completed=done, total=total)

    def item(self, description: str, done: int, total: int) -> None:
        """One bar over items of the same kind ("importing page.html", 3 of 12 done)."""
        if self._progress is None:
            return
        if self._step is None:
            self._step = self._progress.add_task(description, total=total)
        self._progress.update(self._step, description=description, completed=done, total=total)
