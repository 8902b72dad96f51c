"""``kztimeline actor NAME``: one actor's profile: who, how much, and their events, quotations and figures."""

from __future__ import annotations

from typing import Any

import click

from kztimeline.cli.options import NO_NOTES_OPTION
from kztimeline.cli.output import make_console, write_json
from kztimeline.db.reader import open_reader
from kztimeline.query.entities import actor_profile

DEFAULT_LIMIT = 100


@click.command("actor")
@click.argument("name")
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=DEFAULT_LIMIT,
    show_default=True,
    help="At most this many events, quotations and figures (each, oldest first).",
)
@click.option("--all", "show_all", is_flag=True, help="Every event, quotation and figure, however many.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["rich", "json"]),
    default="rich",
    show_default=True,
    help="rich: for people; json: one object (the actor, its counts, timeline, statements, figures_stated).",
)
@NO_NOTES_OPTION
@click.pass_context
def command(ctx: click.Context, name: str, limit: int, show_all: bool, output_format: str, no_notes: bool) -> None:
    """Show one actor: name, id, kind, description, aliases and counts, then their events (as `show --actor`
    finds them), their quotations and the figures they stated, each line with its sources.

    NAME is a name, alias or id, or a part of one, as for `show --actor`; when it fits several actors, the error
    lists them with their ids.

    \b
    Examples:
      kztimeline actor Tokayev
      kztimeline actor cnn --format json
    """
    with open_reader(ctx.obj.get("db") if ctx.obj else None) as reader:
        profile = actor_profile(reader, name, None if show_all else limit)
    actor = profile.document
    if profile.cut:
        click.echo(
            f"showing the first {limit} of the {' and '.join(profile.cut)}; --limit N or --all for more", err=True
        )
    if output_format == "json":
        write_json(actor)
        return
    _render(actor, notes=not no_notes)


def _render(actor: dict[str, Any], notes: bool) -> None:
    from rich.text import Text

    from kztimeline.cli.entity_view import (
        ROLE_WORDS,
        event_line,
        field_lines,
        figure_line,
        plural,
        quotation_line,
        section,
        sources_section,
        with_date_notes,
    )
    from kztimeline.cli.timeline_view import Output, SourceNumbers

    out = Output(make_console())
    out.line(Text.assemble((actor["name"], "bold"), (f" ({actor['id']})", "dim")))
    roles = ", ".join(f"{count} {ROLE_WORDS.get(role, role)}" for role, count in actor["roles"].items() if count)
    relayed = [
        plural(actor[key], word)
        for key, word in (("relayed_quotations", "quotation"), ("relayed_figures", "figure"))
        if actor[key]
    ]
    field_lines(
        out,
        [
            ("Kind", actor["kind"]),
            ("Description", actor["description"] or ""),
            ("Also known as", ", ".join(actor["aliases"])),
            ("Events", f"{actor['events']}" + (f" ({roles})" if roles else "")),
            ("Quotations", str(actor["quotations"])),
            ("Figures stated", str(actor["figures"])),
            ("Relayed", " and ".join(relayed)),
        ],
    )
    sources = SourceNumbers()
    section(
        out,
        "Events",
        with_date_notes(actor["timeline"], lambda event: event_line(event, sources, _role(event, actor["id"])), notes),
    )
    section(out, "Quotations", with_date_notes(actor["statements"], lambda s: quotation_line(s, sources), notes))
    section(out, "Figures stated", with_date_notes(actor["figures_stated"], lambda f: figure_line(f, sources), notes))
    sources_section(out, sources)
    out.flush()


def _role(event: dict[str, Any], actor_id: str) -> str:
    """The actor's role in the event, or ``quoted`` when they are in it only as the speaker of a quotation."""
    from kztimeline.cli.entity_view import ROLE_WORDS

    roles = [actor["role"] for actor in event["actors"] if actor["id"] == actor_id]
    role = roles[0] if roles else "quoted"
    return ROLE_WORDS.get(role, role)
