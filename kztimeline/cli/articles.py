"""``kztimeline articles``: every source article, by publication date, with how much of the dataset cites it."""

from __future__ import annotations

from typing import Any

import click

from kztimeline.cli.csv_output import csv_options
from kztimeline.cli.output import make_console, write_json
from kztimeline.db.reader import open_reader
from kztimeline.query.entities import list_articles

COLUMNS = ("id", "outlet", "title", "author", "published", "published_date", "published_inferred", "language", "url")


@click.command("articles")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["rich", "json", "csv"]),
    default="rich",
    show_default=True,
    help="rich: for people; json: an array of article documents (without the text); csv: one row per article.",
)
@csv_options
@click.pass_context
def command(ctx: click.Context, output_format: str) -> None:
    """List the source articles by publication date: id, outlet, title, date (and whether it was inferred),
    language, URL, and how many events, quotations and figures cite each.

    \b
    Examples:
      kztimeline articles
      kztimeline articles --format csv > articles.csv
    """
    with open_reader(ctx.obj.get("db") if ctx.obj else None) as reader:
        articles = list_articles(reader)
    if output_format == "json":
        write_json(articles)
    elif output_format == "csv":
        from kztimeline.cli.csv_output import CsvStyle, write_csv

        counts = ("events", "quotations", "figures")
        write_csv(
            [*COLUMNS, *counts],
            [[article[column] for column in (*COLUMNS, *counts)] for article in articles],
            CsvStyle.of(ctx),
        )
    else:
        _render(articles)


def _render(articles: list[dict[str, Any]]) -> None:
    from rich.text import Text

    from kztimeline.cli.entity_view import plural
    from kztimeline.cli.timeline_view import Output

    out = Output(make_console())
    if not articles:
        out.line("No articles.")
    for index, article in enumerate(articles):
        if index:
            out.blank()
        date = article["published_date"] or "undated"
        if article["published_date"] and article["published_inferred"]:
            date += " (date inferred)"
        out.line(
            Text.assemble(
                (date, "magenta"),
                "  ",
                (article["outlet"] or "outlet not named", "bold"),
                (f"  ({article['id']})", "dim"),
                f"  {article['language']}",
            )
        )
        out.line(Text(article["title"], style="italic"), 2)
        counts = ", ".join(
            plural(article[key], word)
            for key, word in (("events", "event"), ("quotations", "quotation"), ("figures", "figure"))
        )
        out.line(Text(f"cited by {counts}", style="dim"), 2)
        if article["url"]:
            out.line(Text(article["url"], style="blue"), 2)
    out.flush()
