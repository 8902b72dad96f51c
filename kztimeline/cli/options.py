"""Options shared by commands: the timeline filters (``show``, ``export``), paging, and the database handle."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import click

from kztimeline.query.timeline import TimelineFilter

if TYPE_CHECKING:
    from click.shell_completion import CompletionItem

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


def completion_for(kind: str) -> Callable[[click.Context, click.Parameter, str], list[CompletionItem]]:
    """A ``shell_complete`` callback offering the event types or metrics, or the tags, actors or places of the
    database that ``--db`` / ``KZTIMELINE_DB`` names (see :mod:`kztimeline.query.completion`)."""

    def complete(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
        from click.shell_completion import CompletionItem

        from kztimeline.query.completion import complete_names, complete_vocabulary

        if kind in ("type", "metric"):
            values = complete_vocabulary(kind, incomplete)
        else:
            values = complete_names(ctx.find_root().params.get("db"), kind, incomplete)
        return [CompletionItem(value, help=description) for value, description in values]

    return complete


def timeline_filter_options(function: F) -> F:
    """--actor, --place, --from, --to, --type, --tag, --search: the filters of ``show`` and ``export``."""
    options = [
        click.option(
            "--actor",
            "actors",
            multiple=True,
            metavar="NAME",
            shell_complete=completion_for("actor"),
            help="Actor name, alias or id (repeatable).",
        ),
        click.option(
            "--place",
            "places",
            multiple=True,
            metavar="NAME",
            shell_complete=completion_for("place"),
            help="Place name, alias or id, with the places inside it.",
        ),
        click.option("--from", "date_from", type=DateParam(), help="Events on or after this date."),
        click.option("--to", "date_to", type=DateParam(), help="Events on or before this date."),
        click.option(
            "--type",
            "types",
            multiple=True,
            metavar="TYPE",
            shell_complete=completion_for("type"),
            help="Event type (repeatable), e.g. detention.",
        ),
        click.option(
            "--tag",
            "tags",
            multiple=True,
            metavar="TAG",
            shell_complete=completion_for("tag"),
            help="Event tag (repeatable).",
        ),
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


DEFAULT_PAGE = 100


def paging_options(noun: str) -> Callable[[F], F]:
    """--limit, --page and --all for a listing of ``noun`` (events, quotations, figures), collected as ``paging``.

    A large database is never printed whole by accident: a page of 100 by default, and a line on stderr saying
    how to get the rest.
    """

    def collect(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        ctx.meta.setdefault("paging", {})[param.name] = value
        return value

    def decorate(function: F) -> F:
        options = [
            click.option(
                "--limit",
                type=click.IntRange(min=1),
                default=DEFAULT_PAGE,
                show_default=True,
                expose_value=False,
                callback=collect,
                help=f"{noun.capitalize()} per page.",
            ),
            click.option(
                "--page",
                type=click.IntRange(min=1),
                default=1,
                show_default=True,
                expose_value=False,
                callback=collect,
                help="Which page of --limit.",
            ),
            click.option(
                "--all",
                "show_all",
                is_flag=True,
                expose_value=False,
                callback=collect,
                help=f"Every matching one of the {noun}, however many.",
            ),
        ]
        for option in reversed(options):
            function = option(function)
        return function

    return decorate


@dataclass(frozen=True)
class Paging:
    """Which page of a listing to print. ``fetch`` rows are asked for: one more than the page says if more match."""

    noun: str
    limit: int
    page: int
    show_all: bool

    @classmethod
    def of(cls, ctx: click.Context, noun: str) -> Paging:
        values = ctx.meta.get("paging", {})
        return cls(noun, values.get("limit", DEFAULT_PAGE), values.get("page", 1), bool(values.get("show_all")))

    @property
    def offset(self) -> int:
        return 0 if self.show_all else (self.page - 1) * self.limit

    @property
    def fetch(self) -> int | None:
        return None if self.show_all else self.limit + 1

    def trim(self, rows: list[Any]) -> list[Any]:
        """The page's rows; when more match, one line on stderr saying how to see them."""
        if self.show_all or len(rows) <= self.limit:
            return rows
        click.echo(
            f"showing {self.noun} {self.offset + 1}-{self.offset + self.limit}; more match: --page {self.page + 1} "
            f"for the next {self.limit}, --limit N for longer pages, or --all",
            err=True,
        )
        return rows[: self.limit]
