"""``kztimeline quotes``: who said what, when and where, and which outlets reported it — every quotation."""

from __future__ import annotations

from typing import Any

import click

from kztimeline.cli.csv_output import CsvStyle, csv_options
from kztimeline.cli.options import (
    ALL_MATCHES_OPTION,
    MIN_SOURCES_OPTION,
    NO_NOTES_OPTION,
    Paging,
    date_window,
    date_window_options,
    paging_options,
    repeatable_option,
)
from kztimeline.cli.output import make_console, write_json
from kztimeline.date_input import DateInput
from kztimeline.db.reader import open_reader
from kztimeline.query.quotes import QuoteFilter, count_quotes, fetch_quotes

CSV_COLUMNS = (
    "statement_id",
    "date",
    "date_end",
    "date_precision",
    "time",
    "timezone",
    "speaker_id",
    "speaker",
    "text",
    "partial",
    "venue",
    "place",
    "event_id",
    "event_title",
    "sources",
    "article_ids",
)


@click.command("quotes")
@repeatable_option("--actor", "actors", "actor", "Speaker name, alias or id (repeatable).")
@date_window_options("quotations")
@click.option("--search", metavar="QUERY", help="Quotations whose text or speaker contain these words (full-text).")
@MIN_SOURCES_OPTION
@click.option(
    "--variants",
    is_flag=True,
    help="Only quotations the articles give in other words, or attribute to someone else (see `statement ID`).",
)
@ALL_MATCHES_OPTION
@paging_options("quotations")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["rich", "json", "csv"]),
    default="rich",
    show_default=True,
    help="rich: for people; json: an array of quotation documents; csv: one row per quotation.",
)
@NO_NOTES_OPTION
@csv_options
@click.pass_context
def command(
    ctx: click.Context,
    actors: tuple[str, ...],
    date_from: DateInput | None,
    date_to: DateInput | None,
    search: str | None,
    min_sources: int | None,
    variants: bool,
    all_matches: bool,
    output_format: str,
    no_notes: bool,
) -> None:
    """Print quotations oldest first: speaker, words, when, where, event, and the articles that report them.

    Includes quotations that belong to no event.

    \b
    Examples:
      kztimeline quotes --actor Tokayev
      kztimeline quotes --search terrorists --format json
      kztimeline quotes --from 2022-01-07 --to 2022-01-07 --format csv
      kztimeline quotes --variants             # quotations reported in differing words
    """
    first, last = date_window(date_from, date_to)
    paging = Paging.of(ctx, "quotations")
    wanted = QuoteFilter(actors, first, last, search, paging.fetch, paging.offset, all_matches, min_sources, variants)
    with open_reader(ctx.obj.get("db") if ctx.obj else None) as reader:
        quotes = paging.trim(fetch_quotes(reader, wanted), lambda: count_quotes(reader, wanted))
    if output_format == "json":
        write_json(quotes)
    elif output_format == "csv":
        _write_csv(quotes, CsvStyle.of(ctx))
    else:
        render_quotes(quotes, notes=not no_notes)


def source_label(source: dict[str, Any]) -> str:
    """``Example Wire, 2022-01-08 (briefing) via BBC``: the flat form of a source for CSV cells."""
    outlet = source["outlet"] or "outlet not named"
    label = f"{outlet}, {source['published_date'] or 'undated'} ({source['article_id']})"
    return label + (f" via {source['via']}" if source["via"] else "")


def _write_csv(quotes: list[dict[str, Any]], style: CsvStyle) -> None:
    writer = style.writer()
    writer.writerow(CSV_COLUMNS)
    for quote in quotes:
        writer.writerow(
            [
                quote["id"],
                quote["date"],
                quote["date_end"],
                quote["date_precision"],
                quote["time"],
                quote["timezone"],
                quote["speaker_id"],
                quote["speaker"],
                quote["text"],
                "true" if quote["partial"] else "false",
                quote["venue"],
                quote["place"],
                quote["event_id"],
                quote["event_title"],
                "; ".join(source_label(source) for source in quote["sources"]),
                " ".join(dict.fromkeys(source["article_id"] for source in quote["sources"])),
            ]
        )


def render_quotes(quotes: list[dict[str, Any]], *, notes: bool = True) -> None:
    """Quotations grouped by day as in ``show``, with numbered sources listed at the end."""
    from rich.text import Text

    from kztimeline.cli.timeline_view import (
        DATE_EVIDENCE,
        Output,
        SourceNumbers,
        corroboration_text,
        date_note_line,
        day_group,
        day_heading,
        describe_source,
    )

    out = Output(make_console())
    if not quotes:
        out.line("No quotations match.")
        out.flush()
        return
    sources = SourceNumbers()
    current_group: tuple[str, str | None, str | None] | None = None
    for quote in quotes:
        group = day_group(quote)
        if group != current_group:
            current_group = group
            out.blank()
            out.line(Text(day_heading(*group), style="bold underline"))
        line = Text("• ")
        when = _when(quote)
        if when:
            line.append(f"{when}  ", style="magenta")
        ellipsis = "…" if quote["partial"] else ""
        line.append(f"“{ellipsis}{quote['text']}{ellipsis}”", style="italic")
        line.append(" — ")
        line.append(quote["speaker"], style="green")
        where = ", ".join(part for part in (quote["venue"], quote["place"]) if part)
        if where:
            line.append(f", {where}")
        out.line(line, 2, hang=2)
        if quote["event_id"]:
            out.line(Text(f"Event: {quote['event_title']} ({quote['event_id']})", style="dim"), 4)
        note = date_note_line(quote) if notes else None
        if note is not None:
            out.line(note, 4, hang=len(DATE_EVIDENCE))
        references = " ".join(
            f"[{sources.number(source)}" + (f" via {source['via']}]" if source["via"] else "]")
            for source in quote["sources"]
        )
        line = Text.assemble(("Sources: ", "dim"), (references, "cyan"))
        counted = quote.get("corroboration")
        if counted is not None:
            style = "yellow" if counted["single_source"] else "dim"
            line.append("  (" + corroboration_text(counted) + ")", style=style)
        out.line(line, 4)
    out.blank()
    out.line(Text("Sources", style="bold underline"))
    for article_id, number in sources.numbers.items():
        out.line(
            Text.assemble((f"[{number}] ", "cyan"), describe_source(sources.references[article_id])),
            2,
            hang=len(f"[{number}] "),
        )
    out.flush()


def _when(quote: dict[str, Any]) -> str:
    """Time, time zone when not Almaty's, and "approx." — what the day heading does not say."""
    parts = []
    if quote["time"]:
        parts.append(quote["time"])
    if quote["timezone"] and quote["timezone"] != "Asia/Almaty":
        parts.append(quote["timezone"])
    if quote["date_precision"] == "approximate":
        parts.append("approx.")
    return " ".join(parts)
