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
    """A table for people: on a narrow terminal the role counts and aliases give way before the names do."""
    from kztimeline.cli.entity_view import ROLE_WORDS
    from kztimeline.cli.table import Column, print_table

    console = make_console()
    if not actors:
        console.print("No actors.")
        return
    columns = [
        Column("id", whole=True),
        Column("name"),
        Column("kind", whole=True, optional=1),
        Column("events", numeric=True),
        *(Column(ROLE_WORDS.get(role, role), numeric=True, optional=5) for role in ACTOR_ROLES),
        Column("quotations", numeric=True, optional=2),
        Column("figures", numeric=True, optional=3),
        Column("relayed", numeric=True, optional=6),
        Column("aliases", optional=4),
    ]
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
    print_table(console, columns, rows, left_out_hint="a wider terminal shows them, and so do --format csv and json")
