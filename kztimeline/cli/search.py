"""``kztimeline search QUERY``: full-text search over events, quotations and articles, with highlighted snippets."""

from __future__ import annotations

from typing import Any

import click

from kztimeline.cli.output import make_console, write_json
from kztimeline.cli.sql import TimeLimit
from kztimeline.db.reader import open_reader
from kztimeline.query.search import DEFAULT_SEARCH_TIME_LIMIT, HIGHLIGHT, KINDS, search


@click.command("search")
@click.argument("query")
@click.option("--kind", type=click.Choice(KINDS), help="Only events, quotations (statement) or articles.")
@click.option(
    "--limit", type=click.IntRange(min=1), default=20, show_default=True, help="How many matches, best first."
)
@click.option(
    "--time-limit",
    type=TimeLimit(),
    default=DEFAULT_SEARCH_TIME_LIMIT,
    show_default=True,
    metavar="SECONDS",
    help="Stop the search after this much time.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["rich", "json"]),
    default="rich",
    show_default=True,
    help="rich: for people; json: an array of matches, matched words marked **like this**.",
)
@click.pass_context
def command(
    ctx: click.Context, query: str, kind: str | None, limit: int, time_limit: float, output_format: str
) -> None:
    """Find events, quotations and articles containing QUERY, best match first.

    All words must occur, in any order and any case. On SQLite, FTS5 syntax works too: "a phrase", OR, NOT,
    prefix*; on PostgreSQL, web-search syntax ("a phrase", or, -word).

    \b
    Examples:
      kztimeline search "kill without warning"
      kztimeline search detained --kind statement
      kztimeline search 'shoot* OR fire' --format json
    """
    with open_reader(ctx.obj.get("db") if ctx.obj else None) as reader:
        result = search(reader, query, kind, limit, time_limit)
    matches = result.matches
    if result.window_limited:
        click.echo(
            f"more than {result.window:,} records match: these are the best of the newest {result.window:,}; "
            "add words to narrow the search",
            err=True,
        )
    if output_format == "json":
        write_json([_marked(match, "**", "**") for match in matches])
        return
    _render(matches)


def _marked(match: dict[str, Any], start: str, stop: str) -> dict[str, Any]:
    """The match with HIGHLIGHT marks in its title and snippet replaced by ``start``/``stop``."""
    marks = str.maketrans({HIGHLIGHT[0]: start, HIGHLIGHT[1]: stop})
    return {**match, "title": match["title"].translate(marks), "snippet": match["snippet"].translate(marks)}


def _render(matches: list[dict[str, Any]]) -> None:
    from rich.text import Text

    from kztimeline.cli.timeline_view import Output

    out = Output(make_console())
    if not matches:
        out.line("No matches.")
        out.flush()
        return
    labels = {"event": "event", "statement": "quotation", "article": "article"}
    for match in matches:
        heading = Text.assemble((f"{labels[match['kind']]} ", "cyan"), (match["id"], "dim"))
        if match["date"]:
            heading.append(f"  {match['date']}", style="magenta")
        out.line(heading)
        title = _highlighted(match["title"], "bold")
        if match["kind"] == "statement":
            title = Text.assemble(("“", "italic"), _highlighted(match["snippet"], "italic"), ("” — ", "italic"))
            title.append(match["speaker"] or "", "green")
            out.line(title, 2)
        else:
            if match["kind"] == "article":
                title.append(f"  ({match['outlet'] or 'outlet not named'})", style="dim")
            out.line(title, 2)
            if match["snippet"]:
                out.line(_highlighted(match["snippet"], "dim"), 4)
        out.blank()
    out.flush()


def _highlighted(marked: str, style: str) -> Any:
    """Rich text of ``marked`` with the words between HIGHLIGHT marks in bold yellow."""
    from rich.text import Text

    text = Text(style=style)
    start, stop = HIGHLIGHT
    inside = False
    for piece in marked.replace(stop, start).split(start):
        if piece:
            text.append(piece, style="bold yellow" if inside else None)
        inside = not inside
    return text
