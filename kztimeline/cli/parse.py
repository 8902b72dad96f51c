"""``kztimeline parse``: read raw article files and print what the parser finds (JSON or a Rich report)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click
from rich.console import Console
from rich.text import Text

from kztimeline.cli.options import DateParam, published_day_and_time, seeds_for
from kztimeline.cli.output import inert_text, lays_out, make_console, write_json
from kztimeline.cli.pipe import is_standard_stream, read_stdin_bytes
from kztimeline.cli.table import Column, print_table
from kztimeline.cli.timeline_view import Output
from kztimeline.date_input import DateInput
from kztimeline.parse.article import parse_text
from kztimeline.parse.document import Mention, ParsedArticle
from kztimeline.parse.gazetteer import Gazetteers


@click.command("parse")
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, allow_dash=True, dir_okay=False, path_type=Path)
)
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
    help="Seeds directory whose actors and places are recognised [default: $KZTIMELINE_SEEDS, else ./seeds when it"
    " exists, else the packaged seeds].",
)
@click.option(
    "--published",
    type=DateParam(day_only=True),
    metavar="DATE",
    help="Publication date (YYYY-MM-DD, or a date-time) to resolve relative dates against.",
)
@click.option("--no-geonames", is_flag=True, help="Only recognise curated places, not GeoNames cities and countries.")
@click.pass_context
def command(
    ctx: click.Context,
    files: tuple[Path, ...],
    output_format: str,
    seeds: Path | None,
    published: DateInput | None,
    no_geonames: bool,
) -> None:
    """Parse raw article FILES: metadata, quotations with speakers, dates, figures, actors and places.

    A FILE of `-` is read from standard input (`curl … | kztimeline parse -`). Offsets (start, end) are character
    positions in the file's UTF-8 text. Relative dates ("on Friday") are resolved against the publication date the
    page states (or --published); without one they are null.
    """
    if sum(1 for path in files if is_standard_stream(path)) > 1:
        raise click.UsageError("standard input ('-') can be read only once")
    gazetteers = Gazetteers.from_seeds(seeds_for(ctx, seeds, announce=False).path)
    day, moment = published_day_and_time(published)
    articles = [_parse(path, gazetteers, day, moment, not no_geonames) for path in files]
    if output_format == "json":
        documents = [article.to_dict() for article in articles]
        write_json(documents[0] if len(documents) == 1 else documents)
        return
    console = make_console()
    for article in articles:
        print_article(console, article)


def _parse(
    path: Path, gazetteers: Gazetteers, published: dt.date | None, published_at: str | None, use_geonames: bool
) -> ParsedArticle:
    """One input as ``import`` reads it: a saved web page is read for its article text and what it states about
    itself (headline, byline, site, date), so offsets are positions in that text; plain text as it is."""
    from kztimeline.curation.sources import read_source

    source = read_source("-" if is_standard_stream(path) else str(path), read_stdin_bytes)
    if published is None and source.page is not None and source.page.published is not None:
        published, published_at = source.page.published, source.page.published_at
    parsed = parse_text(
        source.text, source.name, gazetteers, published=published, published_at=published_at, use_geonames=use_geonames
    )
    if source.page is not None:
        source.page.fill_parsed(parsed)
    return parsed


def print_article(console: Console, article: ParsedArticle) -> None:
    """A readable report of one parsed article: tables fitted to the terminal, whole lines when piped."""
    out = Output(console)
    if lays_out(console):
        console.rule(inert_text(Text(article.path, style="bold")))
    else:
        out.line(Text(f"== {article.path} ==", style="bold"))
    published = article.published_at or (article.published.isoformat() if article.published else "not stated")
    out.line(Text(article.title or "(no headline)", style="bold"))
    outlet = article.outlet or "not named"
    if article.wire_via:
        outlet += f" (agency copy: {article.wire_via})"
    details = [
        f"published: {published}",
        f"outlet: {outlet}",
        f"author: {article.author or 'not named'}",
        f"language: {article.language or 'unknown'}",
    ]
    out.line("  ·  ".join(details))
    if article.dateline:
        out.line(f"dateline: {article.dateline}  ·  place: {_place_name(article.dateline_place)}")
    if article.quotes:
        rows = []
        for quote in article.quotes:
            speaker = quote.speaker or "unknown"
            if quote.speaker_id:
                speaker += f" ({quote.speaker_id})"
            if quote.via:
                speaker += f", via {quote.via}"
            rows.append([speaker, quote.said_on.isoformat() if quote.said_on else "", quote.text])
        _table(out, "Quotations", [Column("speaker"), Column("said on", whole=True), Column("quotation")], rows)
    if article.figures:
        columns = [
            Column("metric", whole=True),
            Column("stated"),
            Column("value", numeric=True),
            Column("qualifier", optional=2),
            Column("scope", optional=3),
            Column("stated by", optional=1),
        ]
        rows = [
            [
                figure.metric,
                figure.text,
                "" if figure.value is None else f"{figure.value:,}",
                figure.qualifier,
                figure.scope or "",
                figure.stated_by or "",
            ]
            for figure in article.figures
        ]
        _table(out, "Figures", columns, rows)
    if article.dates:
        rows = [
            [date.text, date.date.isoformat() if date.date else "unresolved", date.precision] for date in article.dates
        ]
        _table(out, "Dates", [Column("expression"), Column("date", whole=True), Column("precision", whole=True)], rows)
    actors = sorted({m.id for m in article.actors if m.id})
    places = sorted({_place_name(m) for m in article.places})
    out.line(f"actors: {', '.join(actors) or 'none'}")
    out.line(f"places: {', '.join(places) or 'none'}")
    out.flush()


def _place_name(place: Mention | None) -> str:
    """ "almaty" (a curated place), "Moscow (GeoNames 524901)", or the name as printed when neither knows it."""
    if place is None:
        return "none"
    if place.id:
        return place.id
    if place.geonames_id is not None:
        return f"{place.name} (GeoNames {place.geonames_id})"
    return f"{place.text} (not in the gazetteer)"


def _table(out: Output, title: str, columns: list[Column], rows: list[list[str]]) -> None:
    out.blank()
    out.line(Text(title, style="bold underline"))
    out.flush()  # the table prints straight to the console, after what is above
    print_table(out.console, columns, rows)
