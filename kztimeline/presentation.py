"""How records are worded for readers, the same in the terminal and in the exported HTML page: day headings and the
numbering of sources in order of first reference."""

from __future__ import annotations

import datetime as dt
from typing import Any


class SourceNumbers:
    """Numbers articles in order of first reference, so each line can say ``[2]`` and a list at the end explains it."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}
        self.references: dict[str, dict[str, Any]] = {}

    def number(self, reference: dict[str, Any]) -> int:
        article_id = reference["article_id"]
        if article_id not in self.numbers:
            self.numbers[article_id] = len(self.numbers) + 1
            self.references[article_id] = reference
        return self.numbers[article_id]


def day_heading(start: str, end: str | None) -> str:
    """``Friday 7 January 2022``, or for an event dated by a range, ``Sunday 2 – Friday 7 January 2022``."""
    first = dt.date.fromisoformat(start)
    if end is None:
        return f"{first:%A} {first.day} {first:%B %Y}"
    last = dt.date.fromisoformat(end)
    if (first.year, first.month) == (last.year, last.month):
        opening = f"{first:%A} {first.day}"
    elif first.year == last.year:
        opening = f"{first:%A} {first.day} {first:%B}"
    else:
        opening = f"{first:%A} {first.day} {first:%B %Y}"
    return f"{opening} – {last:%A} {last.day} {last:%B %Y} (range)"
