"""``kztimeline parse``: read raw article files and print what the parser finds (JSON or a Rich report)."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from kztimeline.cli.options import DateParam, published_day_and_time
from kztimeline.cli.output import make_console, write_json
from kztimeline.date_input import DateInput
from kztimeline.parse.article import parse_file
from kztimeline.parse.document import ParsedArticle
from kztimeline.parse.gazetteer import Gazetteers
from kztimeline.resources import seeds_dir


@click.command("parse")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["rich", "json"]),
    default="rich",
    show_default=True,
    help="json: one object per file (an array for several files).",
)
@click.option(
    "--seeds",
    "seeds",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Seeds directory whose actors and places are recognised [default: the packaged seeds].",
)
@click.option(
    "--published",
    type=DateParam(day_only=True),
    metavar="DATE",
    help="Publication date (YYYY-MM-DD, or a date-time) to resolve relative dates against.",
)
@click.option("--no-geonames", is_flag=True, help="Only recognise curated places, not GeoNames cities and countries.")
def command(
    files: tuple[Path, ...], output_format: str, seeds: Path | None, published: DateInput | None, no_geonames: bool
) -> None:
    """Parse raw article FILES: metadata, quotations with speakers, dates, figures, actors and places.

    Offsets (start, end) are character positions in the file's UTF-8 text. Relative dates ("on Friday") are
    resolved against the publication date the page states (or --published); without one they are null.
    """
    gazetteers = Gazetteers.from_seeds(seeds or seeds_dir())
    day, moment = published_day_and_time(published)
    articles = [
        parse_file(path, gazetteers, published=day, published_at=moment, use_geonames=not no_geonames) for path in files
    ]
    if output_format == "json":
        documents = [article.to_dict() for article in articles]
        write_json(documents[0] if len(documents) == 1 else documents)
        return
    console = make_console()
    for article in articles:
        print_article(console, article)


def print_article(console: Console, article: ParsedArticle) -> None:
    """A readable report of one parsed article."""
    console.rule(f"[bold]{article.path}")
    published = article.published_at or (article.published.isoformat() if article.published else "not stated")
    console.print(f"[bold]{article.title or '(no headline)'}")
    details = [
        f"published: {published}",
        f"outlet: {article.outlet or 'not named'}",
        f"author: {article.author or 'not named'}",
        f"language: {article.language or 'unknown'}",
    ]
    console.print("  ·  ".join(details))
    if article.quotes:
        table = Table(title="Quotations", title_justify="left", expand=False, show_lines=True)
        table.add_column("speaker")
        table.add_column("said on")
        table.add_column("quotation", overflow="fold")
        for quote in article.quotes:
            speaker = quote.speaker or "[red]unknown[/red]"
            if quote.speaker_id:
                speaker += f" [dim]({quote.speaker_id})[/dim]"
            if quote.via:
                speaker += f"\n[dim]via {quote.via}[/dim]"
            table.add_row(speaker, quote.said_on.isoformat() if quote.said_on else "", quote.text)
        console.print(table)
    if article.figures:
        table = Table(title="Figures", title_justify="left")
        for column in ("metric", "stated", "value", "qualifier", "scope", "stated by"):
            table.add_column(column)
        for figure in article.figures:
            table.add_row(
                figure.metric,
                figure.text,
                "" if figure.value is None else f"{figure.value:,}",
                figure.qualifier,
                figure.scope or "",
                figure.stated_by or "",
            )
        console.print(table)
    if article.dates:
        table = Table(title="Dates", title_justify="left")
        for column in ("expression", "date", "precision"):
            table.add_column(column)
        for date in article.dates:
            table.add_row(date.text, date.date.isoformat() if date.date else "unresolved", date.precision)
        console.print(table)
    actors = sorted({m.id for m in article.actors if m.id})
    places = sorted({m.id or f"{m.name} (GeoNames {m.geonames_id})" for m in article.places})
    console.print(f"actors: {', '.join(actors) or 'none'}")
    console.print(f"places: {', '.join(places) or 'none'}")
