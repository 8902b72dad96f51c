"""Options shared by commands: the timeline filters (``show``, ``export``) and the database handle."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from kztimeline.query.timeline import TimelineFilter

if TYPE_CHECKING:
    from kztimeline.db.database import Database

F = TypeVar("F", bound=Callable[..., Any])


class DateParam(click.ParamType[dt.date]):
    """A calendar date: ISO ``2022-01-07`` or any unambiguous form with a year (``7 January 2022``)."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        if isinstance(value, dt.date):
            return value
        text = str(value).strip()
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", text):  # ISO-shaped but impossible: do not guess
                self.fail(f"{text!r} is not a real date", param, ctx)
        if not re.search(r"\b\d{4}\b", text):
            self.fail(f"{text!r} has no year; use YYYY-MM-DD", param, ctx)
        from dateutil.parser import ParserError, parse

        try:
            return parse(text, dayfirst=True).date()
        except (ParserError, ValueError, OverflowError):
            self.fail(f"{text!r} is not a date; use YYYY-MM-DD", param, ctx)


def timeline_filter_options(function: F) -> F:
    """--actor, --place, --from, --to, --type, --tag, --search: the filters of ``show`` and ``export``."""
    options = [
        click.option("--actor", "actors", multiple=True, metavar="NAME", help="Actor name, alias or id (repeatable)."),
        click.option(
            "--place",
            "places",
            multiple=True,
            metavar="NAME",
            help="Place name, alias or id, with the places inside it.",
        ),
        click.option("--from", "date_from", type=DateParam(), help="Events on or after this date."),
        click.option("--to", "date_to", type=DateParam(), help="Events on or before this date."),
        click.option("--type", "types", multiple=True, metavar="TYPE", help="Event type (repeatable), e.g. detention."),
        click.option("--tag", "tags", multiple=True, metavar="TAG", help="Event tag (repeatable)."),
        click.option(
            "--search",
            metavar="QUERY",
            help="Events whose title, summary or quotations contain these words (full-text; see `search`).",
        ),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def build_filter(
    actors: tuple[str, ...],
    places: tuple[str, ...],
    date_from: dt.date | None,
    date_to: dt.date | None,
    types: tuple[str, ...],
    tags: tuple[str, ...],
    search: str | None = None,
    limit: int | None = None,
) -> TimelineFilter:
    if date_from and date_to and date_to < date_from:
        raise click.BadParameter(f"--to {date_to} is before --from {date_from}", param_hint="--to")
    return TimelineFilter(actors, places, date_from, date_to, types, tags, limit, search)


def database_from(ctx: click.Context) -> Database:
    """The SQLAlchemy handle of the chosen database, for commands that write or migrate."""
    from kztimeline.db.database import open_database

    database = open_database(ctx.obj.get("db") if ctx.obj else None)
    # a server keeps pooled connections open until the engine is disposed: release them when the command ends
    ctx.call_on_close(database.engine.dispose)
    return database
