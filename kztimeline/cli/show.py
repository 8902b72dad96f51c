"""``kztimeline show``: the chronological timeline, filtered by actor, place, date, type and tag."""

from __future__ import annotations

import datetime as dt

import click

from kztimeline.cli.options import build_filter, timeline_filter_options
from kztimeline.cli.output import make_console, write_json
from kztimeline.db.reader import open_reader
from kztimeline.query.timeline import fetch_timeline

DEFAULT_PAGE = 100


@click.command("show")
@timeline_filter_options
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=DEFAULT_PAGE,
    show_default=True,
    help="Events per page: show never loads a whole large database at once.",
)
@click.option("--page", type=click.IntRange(min=1), default=1, show_default=True, help="Which page of --limit events.")
@click.option("--all", "show_all", is_flag=True, help="Every matching event, however many.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["rich", "json"]),
    default="rich",
    show_default=True,
    help="rich: for people; json: an array of event documents.",
)
@click.pass_context
def command(
    ctx: click.Context,
    actors: tuple[str, ...],
    places: tuple[str, ...],
    date_from: dt.date | None,
    date_to: dt.date | None,
    types: tuple[str, ...],
    tags: tuple[str, ...],
    search: str | None,
    limit: int,
    page: int,
    show_all: bool,
    output_format: str,
) -> None:
    """Print the timeline, oldest first, grouped by day.

    \b
    Examples:
      kztimeline show --actor Tokayev
      kztimeline show --place Almaty --from 2022-01-05 --to 2022-01-07
      kztimeline show --type detention --format json
    """
    # one event more than the page tells whether there is a next page
    wanted = build_filter(actors, places, date_from, date_to, types, tags, search, None if show_all else limit + 1)
    offset = 0 if show_all else (page - 1) * limit
    with open_reader(ctx.obj.get("db") if ctx.obj else None) as reader:
        events = fetch_timeline(reader, wanted, offset)
    more = not show_all and len(events) > limit
    events = events if show_all else events[:limit]
    if more:
        click.echo(
            f"showing events {offset + 1}-{offset + len(events)}; more match: --page {page + 1} for the next "
            f"{limit}, --limit N for longer pages, or --all",
            err=True,
        )
    if output_format == "json":
        write_json(events)
    else:
        from kztimeline.cli.timeline_view import render_timeline  # Rich's rendering, only when it is used

        render_timeline(make_console(), events)
