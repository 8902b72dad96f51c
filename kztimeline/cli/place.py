"""``kztimeline place NAME``: one place: what it is, where it sits in the hierarchy, and the events at it."""

from __future__ import annotations

from typing import Any

import click

from kztimeline.cli.options import NO_NOTES_OPTION
from kztimeline.cli.output import make_console, write_json
from kztimeline.db.reader import open_reader
from kztimeline.query.entities import place_profile

DEFAULT_LIMIT = 100


@click.command("place")
@click.argument("name")
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=DEFAULT_LIMIT,
    show_default=True,
    help="At most this many events, oldest first.",
)
@click.option("--all", "show_all", is_flag=True, help="Every event, however many.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["rich", "json"]),
    default="rich",
    show_default=True,
    help="rich: for people; json: one object (the place, its parents, children and timeline).",
)
@NO_NOTES_OPTION
@click.pass_context
def command(ctx: click.Context, name: str, limit: int, show_all: bool, output_format: str, no_notes: bool) -> None:
    """Show one place: name, id, kind, coordinates, aliases, the places it is part of and the places inside it,
    then the events at it or inside it (as `show --place` finds them), each line with its sources.

    NAME is a name, alias or id, or a part of one, as for `show --place`; when it fits several places, the error
    lists them with their ids.

    \b
    Examples:
      kztimeline place Almaty
      kztimeline place kazakhstan --format json
    """
    with open_reader(ctx.obj.get("db") if ctx.obj else None) as reader:
        profile = place_profile(reader, name, None if show_all else limit)
    if profile.cut:
        click.echo(f"showing the first {limit} events; --limit N or --all for more", err=True)
    if output_format == "json":
        write_json(profile.document)
        return
    _render(profile.document, notes=not no_notes)


def _render(place: dict[str, Any], notes: bool) -> None:
    from rich.text import Text

    from kztimeline.cli.entity_view import (
        coordinates,
        event_line,
        field_lines,
        print_place_tree,
        section,
        sources_section,
        with_date_notes,
    )
    from kztimeline.cli.timeline_view import Output, SourceNumbers

    console = make_console()
    out = Output(console)
    out.line(Text.assemble((place["name"], "bold"), (f" ({place['id']})", "dim")))
    events = f"{place['events_here']}"
    if place["children"]:
        events = f"{place['events_here']} here, {place['events_within']} including places inside"
    field_lines(
        out,
        [
            ("Kind", place["kind"]),
            ("Coordinates", coordinates(place)),
            ("Also known as", ", ".join(place["aliases"])),
            ("Part of", " › ".join(parent["name"] for parent in place["parents"])),
            ("Events", events),
        ],
    )
    if place["children"]:
        out.blank()
        out.line(Text("Places inside", style="bold underline"))
        out.flush()  # the tree prints straight to the console, after what is above
        print_place_tree(console, place["children"], indent=2)
    sources = SourceNumbers()
    section(
        out,
        "Events",
        with_date_notes(
            place["timeline"],
            lambda event: event_line(event, sources, "at " + "; ".join(where["name"] for where in event["places"])),
            notes,
        ),
    )
    sources_section(out, sources)
    out.flush()
