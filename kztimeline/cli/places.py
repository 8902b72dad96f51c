"""``kztimeline places``: the place hierarchy (country → region → city → site) with the events at each place."""

from __future__ import annotations

import click

from kztimeline.cli.csv_output import csv_options
from kztimeline.cli.output import make_console, write_json
from kztimeline.db.reader import open_reader
from kztimeline.query.entities import list_places, walk_places


@click.command("places")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["rich", "json", "csv"]),
    default="rich",
    show_default=True,
    help="rich: a tree for people; json: nested place documents with children; csv: one row per place with a path.",
)
@csv_options
@click.pass_context
def command(ctx: click.Context, output_format: str) -> None:
    """Show the places as a tree, each with its kind, coordinates when known, aliases, and the events at it
    (and, for a place with places inside it, the events at it or anywhere inside it).

    \b
    Examples:
      kztimeline places
      kztimeline places --format csv > places.csv
    """
    with open_reader(ctx.obj.get("db") if ctx.obj else None) as reader:
        places = list_places(reader)
    if not places and output_format == "rich":
        click.echo("No places.")
    elif output_format == "json":
        write_json(places)
    elif output_format == "csv":
        from kztimeline.cli.csv_output import CsvStyle, write_csv

        columns = ["id", "name", "kind", "parent_id", "path", "latitude", "longitude", "aliases"]
        write_csv(
            [*columns, "events_here", "events_within"],
            [
                [
                    place["id"],
                    place["name"],
                    place["kind"],
                    place["parent_id"] or "",
                    " › ".join(path),
                    "" if place["latitude"] is None else place["latitude"],
                    "" if place["longitude"] is None else place["longitude"],
                    "; ".join(place["aliases"]),
                    place["events_here"],
                    place["events_within"],
                ]
                for path, place in walk_places(places)
            ],
            CsvStyle.of(ctx),
        )
    else:
        from kztimeline.cli.entity_view import print_place_tree

        print_place_tree(make_console(), places)
