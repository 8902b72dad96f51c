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


def day_heading(start: str, end: str | None = None, latest: str | None = None) -> str:
    """How a record's date reads as a heading.

    ``Friday 7 January 2022``; a duration (``end``), ``Wednesday 5 – Thursday 6 January 2022``; a window of
    uncertainty (``latest``), ``Between Sun 2 and Fri 7 January 2022 (day not stated)``: it happened on one of those
    days, and must not read as something that lasted six days.
    """
    first = dt.date.fromisoformat(start)
    if latest is not None:
        return f"Between {_span(first, dt.date.fromisoformat(latest), '%a', ' and ')} (day not stated)"
    if end is None:
        return f"{first:%A} {first.day} {first:%B %Y}"
    return _span(first, dt.date.fromisoformat(end), "%A", " – ")


def _span(first: dt.date, last: dt.date, weekday: str | None, joint: str) -> str:
    """Two days with what they share said once: ``Sunday 2 – Friday 7 January 2022``, or without weekdays
    ``2 and 7 January 2022``."""

    def day(value: dt.date) -> str:
        return f"{value:{weekday}} {value.day}" if weekday else str(value.day)

    if (first.year, first.month) == (last.year, last.month):
        opening = day(first)
    elif first.year == last.year:
        opening = f"{day(first)} {first:%B}"
    else:
        opening = f"{day(first)} {first:%B %Y}"
    return f"{opening}{joint}{day(last)} {last:%B %Y}"


def short_date(document: dict[str, Any]) -> str:
    """A date in one short ISO piece: ``2022-01-07``, a duration ``2022-01-02 – 2022-01-07``, a window
    ``between 2022-01-02 and 2022-01-07``."""
    if document.get("date_latest"):
        return f"between {document['date']} and {document['date_latest']}"
    if document.get("date_end"):
        return f"{document['date']} – {document['date_end']}"
    return str(document["date"])


def window_display_date(start: str, latest: str) -> str:
    """``Between 2 and 7 January 2022``: a window of uncertainty in words, for a slide or a label."""
    return "Between " + _span(dt.date.fromisoformat(start), dt.date.fromisoformat(latest), None, " and ")
