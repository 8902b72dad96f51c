"""``kztimeline show``: the chronological timeline, filtered by actor, place, date, type and tag."""

from __future__ import annotations

import click

from kztimeline.cli.csv_output import CsvStyle, csv_options, write_csv
from kztimeline.cli.options import NO_NOTES_OPTION, Paging, build_filter, paging_options, timeline_filter_options
from kztimeline.cli.output import make_console, write_json
from kztimeline.date_input import DateInput
from kztimeline.db.reader import open_reader
from kztimeline.export.flat_events import FLAT_EVENT_COLUMNS, timeline_rows
from kztimeline.query.timeline import count_timeline, fetch_timeline


@click.command("show")
@timeline_filter_options
@paging_options("events")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["rich", "json", "csv"]),
    default="rich",
    show_default=True,
    help="rich: for people; json: an array of event documents; csv: one row per event (the flat events table).",
)
@NO_NOTES_OPTION
@csv_options
@click.pass_context
def command(
    ctx: click.Context,
    actors: tuple[str, ...],
    places: tuple[str, ...],
    date_from: DateInput | None,
    date_to: DateInput | None,
    types: tuple[str, ...],
    tags: tuple[str, ...],
    search: str | None,
    min_sources: int | None,
    all_matches: bool,
    output_format: str,
    no_notes: bool,
) -> None:
    """Print the timeline, oldest first, grouped by day.

    \b
    Examples:
      kztimeline show --actor Tokayev
      kztimeline show --place Almaty --from 2022-01-05 --to 2022-01-07
      kztimeline show --type detention --format json
      kztimeline show --min-sources 2          # what at least two independent sources report
    """
    paging = Paging.of(ctx, "events")
    wanted = build_filter(
        actors,
        places,
        date_from,
        date_to,
        types,
        tags,
        search,
        paging.fetch,
        all_matches=all_matches,
        min_sources=min_sources,
    )
    with open_reader(ctx.obj.get("db") if ctx.obj else None) as reader:
        total = lambda: count_timeline(reader, wanted)  # noqa: E731
        if output_format == "csv":  # streamed
            trim = lambda ids: paging.trim(ids, total)  # noqa: E731
            write_csv(FLAT_EVENT_COLUMNS, timeline_rows(reader, wanted, paging.offset, trim), CsvStyle.of(ctx))
            return
        events = paging.trim(fetch_timeline(reader, wanted, paging.offset), total)
    if output_format == "json":
        write_json(events)
    else:
        from kztimeline.cli.timeline_view import render_timeline  # Rich's rendering, only when it is used

        render_timeline(make_console(), events, notes=not no_notes)
