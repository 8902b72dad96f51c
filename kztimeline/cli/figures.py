"""``kztimeline figures``: each reported number over time, as stated, with its source — and a chart of the trend."""

from __future__ import annotations

from typing import Any

import click

from kztimeline.cli.csv_output import CsvStyle, csv_options
from kztimeline.cli.options import ALL_MATCHES_OPTION, Paging, paging_options, repeatable_option
from kztimeline.cli.output import make_console, write_json
from kztimeline.db.reader import open_reader
from kztimeline.query.figure_conflicts import Disagreement, conflicting_figure_ids, find_figure_conflicts
from kztimeline.query.figures import FigureFilter, count_figures, fetch_figures, stated_value

Marks = dict[str, list[tuple[dict[str, Any], Disagreement]]]  # figure id -> the figures it disagrees with, and how

CSV_COLUMNS = (
    "figure_id",
    "metric",
    "label",
    "stated",
    "qualifier",
    "value",
    "low",
    "high",
    "scope",
    "place",
    "as_of",
    "as_of_end",
    "as_of_precision",
    "stated_by_id",
    "stated_by",
    "via",
    "status",
    "superseded_by_id",
    "outlet",
    "published_date",
    "article_id",
    "article_title",
    "excerpt",
    "note",
)


@click.command("figures")
@repeatable_option("--metric", "metrics", "metric", "killed, injured, detained… (repeatable).", "METRIC")
@click.option("--scope", metavar="TEXT", help="Figures whose scope contains this text (any case).")
@repeatable_option("--actor", "actors", "actor", "Who stated the figure: name, alias or id.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["rich", "json", "csv"]),
    default="rich",
    show_default=True,
    help="rich: list and chart; json: an array of figure objects; csv: one row per figure.",
)
@click.option("--no-chart", is_flag=True, help="Only the list, without the chart.")
@click.option(
    "--conflicts",
    is_flag=True,
    help="Groups of figures of one scope that disagree (overlapping as-of dates and no common value, or a "
    "cumulative count lower than an earlier one), with who stated each and where; the other options narrow them.",
)
@ALL_MATCHES_OPTION
@paging_options("figures")
@csv_options
@click.pass_context
def command(
    ctx: click.Context,
    metrics: tuple[str, ...],
    scope: str | None,
    actors: tuple[str, ...],
    all_matches: bool,
    output_format: str,
    no_chart: bool,
    conflicts: bool,
) -> None:
    """Print reported numbers by metric and as-of date, as stated, with who stated them and where.

    Superseded and retracted figures are marked, never dropped; conflicting numbers are never merged or averaged.
    Then a chart of the totals over time, one series per source (of the figures on the page), with the parts of a
    count ("18 security personnel") listed under it; figures that disagree with another are marked.

    With --conflicts, the groups of figures that disagree instead (the rule is in the README), paged by group.

    \b
    Examples:
      kztimeline figures --metric killed
      kztimeline figures --actor "Health Ministry" --no-chart
      kztimeline figures --scope security --format json
      kztimeline figures --conflicts --metric killed
    """
    paging = Paging.of(ctx, "figures")
    with open_reader(ctx.obj.get("db") if ctx.obj else None) as reader:
        wanted = FigureFilter(metrics, scope, actors, paging.fetch, paging.offset, all_matches)
        if conflicts:
            from dataclasses import replace

            from kztimeline.cli.figure_conflicts_view import write_conflicts

            groups = find_figure_conflicts(reader, wanted)
            stop = None if paging.fetch is None else paging.offset + paging.fetch
            page = replace(paging, noun="groups").trim(groups[paging.offset : stop], lambda: len(groups))
            write_conflicts(page, output_format, CsvStyle.of(ctx))
            return
        figures = paging.trim(fetch_figures(reader, wanted), lambda: count_figures(reader, wanted))
        marks: Marks = {}
        if output_format == "rich" and figures:
            shown = FigureFilter(metrics=sorted({figure["metric"] for figure in figures}))
            marks = conflicting_figure_ids(find_figure_conflicts(reader, shown))
    if output_format == "json":
        write_json(figures)
    elif output_format == "csv":
        _write_csv(figures, CsvStyle.of(ctx))
    else:
        render_figures(figures, chart=not no_chart, marks=marks)


def _write_csv(figures: list[dict[str, Any]], style: CsvStyle) -> None:
    writer = style.writer()
    writer.writerow(CSV_COLUMNS)
    for figure in figures:
        source = figure["source"]
        writer.writerow(
            [
                figure["id"],
                figure["metric"],
                figure["label"],
                figure["stated"],
                figure["qualifier"],
                figure["value"],
                figure["low"],
                figure["high"],
                figure["scope"],
                figure["place"],
                figure["date"],
                figure["date_end"],
                figure["date_precision"],
                figure["stated_by_id"],
                figure["stated_by"],
                figure["via"],
                figure["status"],
                figure["superseded_by_id"],
                source["outlet"],
                source["published_date"],
                source["article_id"],
                source["title"],
                figure["excerpt"],
                figure["note"],
            ]
        )


def metric_title(figure: dict[str, Any]) -> str:
    """``killed``, or for the open metric ``other``, its label (what it counts)."""
    return f"other: {figure['label']}" if figure["metric"] == "other" and figure["label"] else str(figure["metric"])


def render_figures(figures: list[dict[str, Any]], *, chart: bool = True, marks: Marks | None = None) -> None:
    """One section per metric: the figures in as-of order, each with its source and what it disagrees with, then
    the chart of the totals, with the parts of a count listed under it (a part is never drawn as a total)."""
    from rich.text import Text

    from kztimeline.cli.figure_chart import render_chart
    from kztimeline.cli.timeline_view import Output, describe_source
    from kztimeline.query.figure_conflicts import ScopeKey

    marks = marks or {}

    out = Output(make_console())
    if not figures:
        out.line("No figures match.")
        out.flush()
        return
    groups: dict[str, list[dict[str, Any]]] = {}
    for figure in figures:
        groups.setdefault(metric_title(figure), []).append(figure)
    for title, group in groups.items():
        out.blank()
        out.line(Text(title, style="bold underline"))
        for figure in group:
            out.line(figure_line(figure), 2, hang=2)
            where = "; ".join(part for part in (figure["scope"], figure["place"]) if part)
            if where:
                out.line(Text(f"Scope: {where}", style="dim"), 4)
            stated_by = f"Stated by {figure['stated_by']}" if figure["stated_by"] else "Unattributed"
            if figure["via"]:
                stated_by += f", via {figure['via']}"
            out.line(Text.assemble(stated_by + " — ", (describe_source(figure["source"]), "cyan")), 4)
            for other, disagreement in marks.get(figure["id"], []):
                text = (
                    f"! Disagrees with {stated_value(other)} of {other['date']} [{other['id']}] ({disagreement.kind})"
                )
                out.line(Text(text, style="bold red"), 4, hang=2)
        if chart:
            out.blank()
            totals = [figure for figure in group if not ScopeKey.of(figure).part]
            parts = [figure for figure in group if ScopeKey.of(figure).part]
            for chart_line in render_chart(totals, f"{title} over time", parts=parts, disagreeing=set(marks)):
                out.line(chart_line)
    out.flush()


def figure_line(figure: dict[str, Any]) -> Any:
    """A figure's first line in the listings: as-of day, the value as stated (and as worded), id and status."""
    from rich.text import Text

    line = Text("• ")
    line.append(as_of_text(figure) + "  ", style="magenta")
    line.append(stated_value(figure), style="bold")
    if figure["stated"] != stated_value(figure):
        line.append(f" (as worded: {figure['stated']})")
    line.append(f"  [{figure['id']}]", style="dim")
    status = status_text(figure)
    if status:
        line.append(f"  {status}", style="yellow")
    return line


def as_of_text(figure: dict[str, Any]) -> str:
    """The as-of date as listings print it: ``2022-01-07``, with the time and ``approx.`` when they apply."""
    from kztimeline.presentation import short_date

    text = short_date(figure)
    if figure["time"]:
        text += f" {figure['time']}"
    if figure["date_precision"] == "approximate":
        text += " approx."
    return text


def status_text(figure: dict[str, Any]) -> str:
    """``SUPERSEDED by …`` or ``RETRACTED``; empty for a current figure."""
    if figure["status"] == "superseded":
        successor = figure["superseded_by"]
        if successor is None:
            return "SUPERSEDED"
        return f"SUPERSEDED by {successor['stated']} of {successor['date']} [{successor['id']}]"
    if figure["status"] == "retracted":
        return "RETRACTED"
    return ""
