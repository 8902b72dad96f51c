"""``kztimeline actors``: every actor with its kind, aliases and how many events, quotations and figures it has."""

from __future__ import annotations

from typing import Any

import click

from kztimeline.cli.csv_output import csv_options
from kztimeline.cli.output import make_console, write_json
from kztimeline.db.reader import open_reader
from kztimeline.query.entities import ACTOR_SORTS, list_actors
from kztimeline.taxonomy import ACTOR_KINDS, ACTOR_ROLES

COUNTS = ("events", *(f"role_{role}" for role in ACTOR_ROLES), "quotations", "figures")


@click.command("actors")
@click.option("--kind", type=click.Choice(list(ACTOR_KINDS)), help="Only actors of this kind, e.g. person.")
@click.option(
    "--sort",
    type=click.Choice(ACTOR_SORTS),
    default="events",
    show_default=True,
    help="events: most events first (then by name); name: alphabetical.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["rich", "json", "csv"]),
    default="rich",
    show_default=True,
    help="rich: a table for people; json: an array of actor documents; csv: one row per actor.",
)
@csv_options
@click.pass_context
def command(ctx: click.Context, kind: str | None, sort: str, output_format: str) -> None:
    """List the actors: id, name, kind, the events they take part in (by role), the quotations they speak,
    the figures they stated, what they relayed from others, and their aliases.

    \b
    Examples:
      kztimeline actors
      kztimeline actors --kind media --sort name
      kztimeline actors --format csv > actors.csv
    """
    with open_reader(ctx.obj.get("db") if ctx.obj else None) as reader:
        actors = list_actors(reader, kind, sort)
    if output_format == "json":
        write_json(actors)
        return
    if output_format == "csv":
        from kztimeline.cli.csv_output import CsvStyle, write_csv

        columns = ["id", "name", "kind", "description", "aliases", *COUNTS, "relayed_quotations", "relayed_figures"]
        write_csv(columns, [_csv_row(actor) for actor in actors], CsvStyle.of(ctx))
        return
    _render(actors)


def _csv_row(actor: dict[str, Any]) -> list[Any]:
    roles = [actor["roles"].get(role, 0) for role in ACTOR_ROLES]
    return [
        actor["id"],
        actor["name"],
        actor["kind"],
        actor["description"] or "",
        "; ".join(actor["aliases"]),
        actor["events"],
        *roles,
        actor["quotations"],
        actor["figures"],
        actor["relayed_quotations"],
        actor["relayed_figures"],
    ]


def _render(actors: list[dict[str, Any]]) -> None:
    from kztimeline.cli.entity_view import ROLE_WORDS, print_table

    console = make_console()
    if not actors:
        console.print("No actors.")
        return
    columns = ["id", "name", "kind", "events", *(ROLE_WORDS.get(r, r) for r in ACTOR_ROLES)]
    columns += ["quotations", "figures", "relayed", "aliases"]
    rows = [
        [
            actor["id"],
            actor["name"],
            actor["kind"],
            str(actor["events"]),
            *(str(actor["roles"].get(role, 0)) for role in ACTOR_ROLES),
            str(actor["quotations"]),
            str(actor["figures"]),
            str(actor["relayed_quotations"] + actor["relayed_figures"]),
            "; ".join(actor["aliases"]),
        ]
        for actor in actors
    ]
    print_table(console, columns, rows, numeric=len(columns) - 4)
