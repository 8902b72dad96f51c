"""Options shared by commands: the timeline filters (``show``, ``export``), paging, and the database handle."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from kztimeline.date_input import DateInput, DateInputError, parse_date_input
from kztimeline.errors import KztimelineError
from kztimeline.query.timeline import TimelineFilter

if TYPE_CHECKING:
    from click.shell_completion import CompletionItem

    from kztimeline.db.database import Database
    from kztimeline.resources import SeedsChoice

F = TypeVar("F", bound=Callable[..., Any])


class DateParam(click.ParamType[DateInput]):
    """A date as people type it (see :mod:`kztimeline.date_input`): a day, a date-time, or a month or year that
    stands for its period. ``day_only`` refuses months and years (a publication date is one day)."""

    name = "date"

    def __init__(self, *, day_only: bool = False) -> None:
        self.day_only = day_only

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> DateInput:
        if isinstance(value, DateInput):
            return value
        try:
            typed = parse_date_input(str(value))
        except DateInputError as error:
            self.fail(str(error), param, ctx)
        if self.day_only and typed.day is None:
            self.fail(f"{typed.text!r} is a {typed.precision}, not a day; give the day as YYYY-MM-DD", param, ctx)
        return typed


def published_day_and_time(published: DateInput | None) -> tuple[dt.date | None, str | None]:
    """A typed publication date as the parser takes it: the day, and the ISO date-time (with its UTC offset) when a
    time of day was given.

    The day is the one in the typed offset's calendar, not Almaty's: "on Friday" in a story filed in New York late on
    Friday evening means that Friday, though it is already Saturday in Almaty.
    """
    if published is None:
        return None, None
    return published.first, published.iso() if published.time is not None else None


ALL_MATCHES_OPTION = click.option(
    "--all-matches",
    is_flag=True,
    help="A name that fits several actors or places stands for all of them (otherwise that is an error).",
)


NO_NOTES_OPTION = click.option(
    "--no-notes",
    is_flag=True,
    help="Hide the evidence under each inferred or uncertain date (its date note).",
)


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


def repeatable_option(
    flag: str, destination: str, kind: str, help_text: str, metavar: str = "NAME"
) -> Callable[[F], F]:
    """A repeatable filter on names (``--actor``, ``--place``, ``--type``…) whose values the shell completes."""
    return click.option(
        flag, destination, multiple=True, metavar=metavar, shell_complete=completion_for(kind), help=help_text
    )


def date_window_options(noun: str) -> Callable[[F], F]:
    """``--from`` and ``--to`` for a listing of ``noun``, read by :class:`DateParam` (see ``date_window``)."""

    def decorate(function: F) -> F:
        for option in reversed(_date_window(noun)):
            function = option(function)
        return function

    return decorate


def _date_window(noun: str) -> list[Any]:
    return [
        click.option(
            "--from",
            "date_from",
            type=DateParam(),
            metavar="DATE",
            help=f"{noun.capitalize()} on or after this date (YYYY-MM-DD; YYYY-MM or YYYY from its first day).",
        ),
        click.option(
            "--to",
            "date_to",
            type=DateParam(),
            metavar="DATE",
            help=f"{noun.capitalize()} on or before this date (YYYY-MM-DD; YYYY-MM or YYYY to its last day).",
        ),
    ]


def timeline_filter_options(function: F) -> F:
    """--actor, --place, --from, --to, --type, --tag, --search, --min-sources: the filters of ``show``, ``export``."""
    options = [
        repeatable_option("--actor", "actors", "actor", "Actor name, alias or id (repeatable)."),
        repeatable_option("--place", "places", "place", "Place name, alias or id, with the places inside it."),
        *_date_window("events"),
        repeatable_option("--type", "types", "type", "Event type (repeatable), e.g. detention.", "TYPE"),
        repeatable_option("--tag", "tags", "tag", "Event tag (repeatable).", "TAG"),
        click.option(
            "--search",
            metavar="QUERY",
            help="Events whose title, summary or quotations contain these words (full-text; see `search`).",
        ),
        MIN_SOURCES_OPTION,
        ALL_MATCHES_OPTION,
    ]
    for option in reversed(options):
        function = option(function)
    return function


MIN_SOURCES_OPTION = click.option(
    "--min-sources",
    type=click.IntRange(min=1),
    metavar="N",
    help="Only records at least N independent sources report (one outlet, one relayed original or one copied story"
    " counts once).",
)


def build_filter(
    actors: tuple[str, ...],
    places: tuple[str, ...],
    date_from: DateInput | None,
    date_to: DateInput | None,
    types: tuple[str, ...],
    tags: tuple[str, ...],
    search: str | None = None,
    limit: int | None = None,
    *,
    all_matches: bool = False,
    min_sources: int | None = None,
) -> TimelineFilter:
    first, last = date_window(date_from, date_to)
    return TimelineFilter(actors, places, first, last, types, tags, limit, search, all_matches, min_sources)


def date_window(date_from: DateInput | None, date_to: DateInput | None) -> tuple[dt.date | None, dt.date | None]:
    """The days ``--from`` and ``--to`` bound, in Almaty's calendar: a period's first day and the other's last."""
    first = date_from.local_first() if date_from else None
    last = date_to.local_last() if date_to else None
    if first and last and last < first:
        raise click.BadParameter(
            f"--to {date_to.text if date_to else last} ends before --from {date_from.text if date_from else first}"
            " begins",
            param_hint="--to",
        )
    return first, last


def is_quiet(ctx: click.Context) -> bool:
    """Whether ``--quiet`` was given, before or after the command name: no progress display, no notes."""
    return bool(ctx.obj and ctx.obj.get("quiet"))


def seeds_for(
    ctx: click.Context, given: Path | None, *, allow_packaged: bool = True, announce: bool = True
) -> SeedsChoice:
    """The seeds directory of a command (:func:`kztimeline.resources.choose_seeds_dir`); when the user did not name
    it, a line on stderr says which one and why (``announce``: the commands that check or write seeds)."""
    from kztimeline.resources import choose_seeds_dir

    choice = choose_seeds_dir(given, allow_packaged=allow_packaged)
    if announce and given is None and not is_quiet(ctx):
        click.echo(f"seeds: {choice.path} ({choice.reason})", err=True)
    return choice


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
    quiet: bool = False

    @classmethod
    def of(cls, ctx: click.Context, noun: str) -> Paging:
        values = ctx.meta.get("paging", {})
        return cls(
            noun,
            values.get("limit", DEFAULT_PAGE),
            values.get("page", 1),
            bool(values.get("show_all")),
            is_quiet(ctx),
        )

    @property
    def offset(self) -> int:
        return 0 if self.show_all else (self.page - 1) * self.limit

    @property
    def fetch(self) -> int | None:
        return None if self.show_all else self.limit + 1

    def trim(self, rows: list[Any], total: Callable[[], int | None]) -> list[Any]:
        """The page's rows, and a line on stderr saying which they are of how many ("showing events 11–20 of 37")
        and how to see the rest. ``total`` counts every match, or gives None when that would take long (a busy
        actor in a million events); it is asked only when the page itself does not tell.

        A page past the end is an error naming the last page, not an empty listing that reads "nothing matches".
        """
        if self.show_all:
            return rows
        if not rows and self.page > 1:
            count = total()
            if count is None:
                raise KztimelineError(f"--page {self.page} is past the end: at most {self.offset} {self.noun} match")
            if count:
                last_page = -(-count // self.limit)
                raise KztimelineError(
                    f"--page {self.page} is past the end: {count} {self.noun} match, {last_page} "
                    f"page{'s' if last_page != 1 else ''} of {self.limit} (--page {last_page} is the last)"
                )
            return rows
        more = len(rows) > self.limit
        rows = rows[: self.limit]
        if self.quiet or (not more and self.page == 1):
            return rows
        count = total() if more else self.offset + len(rows)
        shown = f"showing {self.noun} {self.offset + 1}–{self.offset + len(rows)}"
        if count is None:
            shown += f" of over {self.offset + len(rows):,} (too many to count quickly)"
        else:
            shown += f" of {count:,}"
        if more:
            following = self.limit if count is None else min(self.limit, count - self.offset - len(rows))
            shown += f"; --page {self.page + 1} for the next {following}, --limit N for longer pages, or --all"
        click.echo(shown, err=True)
        return rows


def rich_or_json_format(json_help: str) -> Callable[[F], F]:
    """``--format rich|json`` for a command that prints one report: rich for people, json as data (``json_help``)."""
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(["rich", "json"]),
        default="rich",
        show_default=True,
        help=f"rich: for people; json: {json_help}",
    )
